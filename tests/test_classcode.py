"""The compiled-method table: a dataclass made from it must be the one `exec` would make."""

from __future__ import annotations

import dataclasses
import inspect
import marshal
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

from claimcheck.infra import classcode

pytestmark = pytest.mark.skipif(
    not hasattr(dataclasses, "_create_fn"), reason="another dataclasses than CPython 3.11's"
)


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A table file of the test's own, nothing read or new, dataclasses left as found."""
    path = tmp_path / "classcode.marshal"
    monkeypatch.setattr(classcode, "_FILE", str(path))
    monkeypatch.setattr(classcode, "_known", {})
    monkeypatch.setattr(classcode, "_new", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    yield path
    vars(dataclasses).pop("exec", None)


def _kinds() -> list[Callable[[], type]]:
    """Classes of each shape claimcheck makes (values.value, plain dataclasses, ordered,
    keyword-only, defaults and factories)."""

    def plain() -> type:
        @dataclasses.dataclass
        class Doc:
            path: str
            lines: list[int] = dataclasses.field(default_factory=list)
            date: str | None = None

        return Doc

    def frozen_slots() -> type:
        @dataclasses.dataclass(frozen=True, slots=True, order=True)
        class Span:
            start: int
            end: int
            kind: str = "x"

        return Span

    def value_like() -> type:
        @dataclasses.dataclass(slots=True, unsafe_hash=True, kw_only=True)
        class Entry:
            kind: str
            id: str
            detail: str = ""

        return Entry

    return [plain, frozen_slots, value_like]


def _shape(cls: type) -> dict[str, Any]:
    """What a dataclass's generated methods decide: signatures, annotations, behaviour."""
    out: dict[str, Any] = {}
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__lt__", "__setattr__"):
        fn = vars(cls).get(name)
        if inspect.isfunction(fn):
            out[name] = (str(inspect.signature(fn)), fn.__annotations__, fn.__code__.co_code)
    return out


@pytest.mark.parametrize("make", _kinds())
def test_a_class_from_the_table_is_the_class_exec_makes(
    table: Path, make: Callable[[], type]
) -> None:
    vars(dataclasses).pop("exec", None)
    plain = _shape(make())
    assert classcode.install()
    compiled = _shape(make())  # compiled here, kept as new
    assert classcode._new
    classcode.save()
    classcode._known, classcode._new = classcode._read(), {}
    served = _shape(make())  # served from the file
    assert not classcode._new
    # the annotations are the field types, not the text "_type_path": compiled with no
    # future flags, as dataclasses.py compiles them (this module has `annotations`)
    assert plain == compiled == served
    assert plain["__init__"][1]


def test_the_served_code_runs_as_exec_would(table: Path) -> None:
    assert classcode.install()
    make = _kinds()[1]
    make()
    classcode.save()
    classcode._known, classcode._new = classcode._read(), {}
    span = make()
    a, b = span(1, 2), span(1, 3, "y")
    assert a < b and a == span(1, 2) and hash(a) == hash(span(1, 2))
    assert repr(a).endswith("Span(start=1, end=2, kind='x')")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 5  # type: ignore[misc]


def _write(path: Path, payload: bytes, crc: int | None = None) -> None:
    path.write_bytes((zlib.crc32(payload) if crc is None else crc).to_bytes(4, "little") + payload)


def test_a_damaged_or_foreign_file_is_not_read(table: Path) -> None:
    code = compile("x = 1", "<string>", "exec")
    _write(table, marshal.dumps({"x = 1": code}), crc=1)  # the CRC does not match
    assert classcode._read() == {}
    _write(table, marshal.dumps(["x = 1"]))  # not a table
    assert classcode._read() == {}
    _write(table, marshal.dumps({"x = 1": "x = 2", 3: code, "y = 1": code}))  # odd entries
    assert classcode._read() == {"y = 1": code}
    table.write_bytes(b"\x00\x01")  # partial
    assert classcode._read() == {}


def test_nothing_is_written_when_python_writes_no_bytecode(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    classcode.install()
    _kinds()[0]()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    classcode.save()
    assert not table.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    classcode.save()
    assert all(type(c) is CodeType for c in classcode._read().values())
    assert len(classcode._read()) >= 3  # __init__, __repr__, __eq__ at least


def test_a_library_import_leaves_dataclasses_alone() -> None:
    probe = (
        "import dataclasses, claimcheck.cli, claimcheck.run.pipeline; "
        "print('exec' in vars(dataclasses))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False"
