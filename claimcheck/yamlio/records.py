"""Typed records read from YAML (rule files, the config): plain dataclasses whose fields carry a
`Spec`; claimcheck.yamlio.validation validates data into them with pydantic, imported only when
needed.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from typing import Annotated, Any, Literal

from claimcheck.infra.values import value


@value(slots=False)
class Spec:
    """What a field accepts beyond its type, and what it means: pydantic's Field, as data."""

    description: str | None = None
    pattern: str | None = None
    min_length: int | None = None
    ge: float | None = None
    gt: float | None = None
    alias: str | None = None  # the YAML key, when it is not the field's name


def doc(text: str) -> Spec:
    return Spec(description=text)


def conforms(cls: type, data: object) -> bool:
    """Whether `data` plainly fits a record of only simple fields (text, lists and mappings of
    text, literals, None) with no constraints: then it needs no validator. False means "let
    pydantic decide" (and explain), never "invalid"."""
    if not isinstance(data, dict):
        return False
    hints = typing.get_type_hints(cls, include_extras=True)
    names = {f.name for f in fields(cls)}
    return all(k in names and _fits(hints[k], v) for k, v in data.items())


def _fits(tp: Any, value: object) -> bool:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:  # a description is no constraint; anything else is
        plain = all(not isinstance(m, Spec) or m == Spec(m.description) for m in args[1:])
        return plain and _fits(args[0], value)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(a, value) for a in args)
    if origin is Literal:
        return isinstance(value, str) and value in args
    if origin is list:
        return isinstance(value, list) and all(_fits(args[0], v) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _fits(args[0], k) and _fits(args[1], v) for k, v in value.items()
        )
    if tp is type(None):
        return value is None
    return tp is str and type(value) is str
