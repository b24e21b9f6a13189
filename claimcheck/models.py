"""Pydantic models built from record dataclasses (claimcheck.records): validation of rule files
and the config (and their documentation), with no pydantic on the path of a run that validates
nothing.

Each model has its dataclass's fields, defaults and `Spec` constraints, forbids unknown keys,
and runs the dataclass's `check` after the fields validate (so a cross-field problem is reported
at the entry's line). `record` turns a validated model into the dataclass the checks read.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    create_model,
    model_validator,
)

from claimcheck.dates import PartialDate
from claimcheck.records import Spec

CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _partial(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


DATE = Annotated[PartialDate, BeforeValidator(_partial), PlainSerializer(str, return_type=str)]
_CLASSES: dict[type[BaseModel], type] = {}  # model → its dataclass


def _spec_field(spec: Spec) -> Any:
    return Field(**{k: v for k, v in dataclasses.asdict(spec).items() if v is not None})


def _type(tp: Any) -> Any:
    """The pydantic annotation for a schema annotation."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:
        inner = _type(args[0])
        extra = [_spec_field(m) if isinstance(m, Spec) else m for m in tp.__metadata__]
        return Annotated[(inner, *extra)]
    if tp is PartialDate:
        return DATE
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return model(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_type(a) for a in args)]  # noqa: UP007
    if origin is list:
        return list[_type(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[_type(args[0]), _type(args[1])]  # type: ignore[misc]
    return tp  # str, int, a Literal ...


@functools.cache
def model(cls: type) -> type[BaseModel]:
    """The pydantic model of a schema dataclass (built once)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            default: Any = Field(default_factory=f.default_factory)
        elif f.default is not dataclasses.MISSING:
            default = f.default
        else:
            default = ...
        fields[f.name] = (_type(hints[f.name]), default)
    validators: dict[str, Any] = {}
    check = getattr(cls, "check", None)
    if check is not None:

        def after(self: BaseModel) -> BaseModel:
            check(self)  # the dataclass's own rule, on the model's equal fields
            return self

        validators["check"] = model_validator(mode="after")(after)
    built: type[BaseModel] = create_model(  # type: ignore[call-overload]
        cls.__name__,
        __config__=CONFIG,
        __doc__=cls.__doc__,
        __module__=__name__,
        __validators__=validators,
        **fields,
    )
    _CLASSES[built] = cls
    return built


def record(value: Any) -> Any:
    """A validated model (and the models inside it) as the schema's dataclasses."""
    if isinstance(value, BaseModel):
        cls = _CLASSES[type(value)]
        return cls(**{name: record(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [record(v) for v in value]
    if isinstance(value, dict):
        return {k: record(v) for k, v in value.items()}
    return value
