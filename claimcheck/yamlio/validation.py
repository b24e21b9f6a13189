"""Pydantic models built from record dataclasses (claimcheck.yamlio.records): validation of rule
files and the config (and their documentation), with no pydantic on the path of a run that validates
nothing.

Each model has its dataclass's fields, defaults and `Spec` constraints, forbids unknown keys,
and runs the dataclass's `check` after the fields validate (so a cross-field problem is reported
at the entry's line), and also when some do not, if the check reads none of those: the problems
of a file come in one run, not in rounds. `record` turns a validated model into the dataclass the
checks read.
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
    ValidationError,
    ValidatorFunctionWrapHandler,
    create_model,
    model_validator,
)
from pydantic_core import InitErrorDetails

from claimcheck.model.dates import PartialDate
from claimcheck.yamlio.records import Spec

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
        validators["check"] = model_validator(mode="wrap")(_checking(check))
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


class _Unsound(Exception):
    """The check read a field that did not validate: what it says would rest on a guess."""


class _Without:
    """A model seen by its dataclass's check without the fields that did not validate."""

    def __init__(self, built: BaseModel, hidden: frozenset[str]) -> None:
        self._built, self._hidden = built, hidden

    def __getattr__(self, name: str) -> Any:
        if name in self._hidden:
            raise _Unsound(name)
        return getattr(self._built, name)


def _checking(check: Any) -> Any:
    """The dataclass's `check` as a model validator that runs even when some fields do not
    validate, as long as it reads none of them: a cross-field problem is then reported with
    the others, not in a second round once they are fixed."""

    def wrap(data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            built = handler(data)
        except ValidationError as exc:
            problem = _check_anyway(check, data, exc, handler)
            if problem is None:
                raise
            raise _adding(exc, problem, data) from None
        check(built)  # the dataclass's own rule, on the model's equal fields
        return built

    return wrap


def _check_anyway(
    check: Any, data: Any, exc: ValidationError, handler: ValidatorFunctionWrapHandler
) -> ValueError | None:
    """The check's complaint about the fields that did validate, or None (no complaint, or
    none that can be known: a required field failed, or the check reads a failed one)."""
    errors = exc.errors()
    if not isinstance(data, dict) or any(not e["loc"] for e in errors):
        return None
    failed = {e["loc"][0] for e in errors}
    try:
        built = handler({k: v for k, v in data.items() if k not in failed})
    except ValidationError:
        return None
    fields = type(built).model_fields
    hidden = frozenset(n for n, f in fields.items() if n in failed or f.alias in failed)
    try:
        check(_Without(built, hidden))
    except _Unsound:
        return None
    except ValueError as problem:
        return problem
    return None


def _adding(exc: ValidationError, problem: ValueError, data: Any) -> ValidationError:
    """`exc` with the check's complaint at the model, as pydantic reports a model validator's."""
    details: list[InitErrorDetails] = []
    for e in exc.errors():
        detail = InitErrorDetails(type=e["type"], loc=e["loc"], input=e["input"])
        if "ctx" in e:
            detail["ctx"] = e["ctx"]
        details.append(detail)
    details.append(InitErrorDetails(type="value_error", loc=(), input=data, ctx={"error": problem}))
    return ValidationError.from_exception_data(exc.title, details)


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
