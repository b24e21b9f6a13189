"""Value classes: immutable to the type checker, plain dataclasses at run time.

A frozen dataclass sets each field through `object.__setattr__` in its `__init__`: a claim costs
seven times as much to make as with plain attribute stores, and an article makes about a hundred
claims, periods, dates and quantities (which a worker then sends back, to be made again). Its two
extra generated methods also cost 0.15 ms a class at import, in every hook run. A class made with
`value` is a frozen dataclass to mypy (PEP 681: assigning a field is an error there), and at run
time a plain dataclass with the same fields, equality and hash, whose fields no code assigns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, eq_default=True)
def value(
    *, order: bool = False, kw_only: bool = False, slots: bool = True
) -> Callable[[type[T]], type[T]]:
    """`slots=False` keeps a `__dict__`: the rule-file entries and their origins have one (a run
    sends the rulebook to its worker processes as a pickle of thousands of them, and a slotted
    class unpickles field by field), as have the few other records that never had slots."""

    def make(cls: type[T]) -> type[T]:
        return dataclass(slots=slots, unsafe_hash=True, order=order, kw_only=kw_only)(cls)

    return make
