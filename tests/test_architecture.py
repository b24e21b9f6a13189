"""The layout is the pipeline (docs/architecture.md): stages import only themselves and the
stages below them, no module imports itself back through others, and an import inside a
function is there for start-up time only, which its comment says.

The import graph is read from the source (ast), every import counted: at the top, inside
functions, and under TYPE_CHECKING for the layers (a type is a dependency too), but not for the
cycles (such an import never runs)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "claimcheck"

# Bottom to top: a module may import its own layer and the layers below it. Keep in step with
# docs/architecture.md (test_the_document_lists_every_layer).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("infra", ("claimcheck.infra",)),
    ("model", ("claimcheck.model",)),
    ("yamlio", ("claimcheck.yamlio",)),
    ("rulebook", ("claimcheck.rulebook",)),
    ("extract", ("claimcheck.extract",)),
    ("judge", ("claimcheck.judge",)),
    ("checks", ("claimcheck.checks",)),
    ("run", ("claimcheck.run",)),
    ("reports", ("claimcheck.reports",)),
    ("commands", (
        "claimcheck.commands", "claimcheck.lsp", "claimcheck.cli", "claimcheck.__main__",
    )),
)  # fmt: skip
TOP = ("claimcheck",)  # the package's face: its version only


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module
    line: int
    in_function: bool
    typing_only: bool
    comment: str  # the comment on the import's line or the line above


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The module a dotted name imports: itself, else its package (a name defined there)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def walk(node: ast.AST, in_function: bool, typing_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            fn = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            typed = typing_only or (
                isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            )
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*up, base] if base else up)
                names = [f"{base}.{a.name}" for a in child.names]
            for n in names:
                target = _resolve(n, known) if n.startswith("claimcheck") else None
                if target is not None and target != module:
                    comment = _comment(lines, child.lineno)
                    yield Import(module, target, child.lineno, in_function, typed, comment)
            yield from walk(child, fn, typed)

    yield from walk(tree, False, False)


def _comment(lines: list[str], lineno: int) -> str:
    """The comments of an import's line and of the run of imports and comments just above it
    (one comment may say why for a block of lazy imports)."""
    found = [lines[lineno - 1].partition("#")[2]]
    k = lineno - 2
    while k >= 0:
        line = lines[k].strip()
        if not line.startswith(("from ", "import ", "#", ")")) and not line.endswith(","):
            break
        found.append(line.partition("#")[2])
        k -= 1
    return " ".join(c for c in found if c.strip())


def graph() -> list[Import]:
    known = modules()
    return [i for m, p in known.items() for i in _imports(m, p, known)]


def layer(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    succ: dict[str, set[str]] = {}
    for e in edges:
        if not e.typing_only:
            succ.setdefault(e.source, set()).add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(succ.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(succ):
        if v not in index:
            visit(v)
    return found


@pytest.fixture(scope="module")
def edges() -> list[Import]:
    return graph()


def test_no_import_cycle(edges: list[Import]) -> None:
    assert cycles(edges) == []


def test_every_module_has_a_layer() -> None:
    homeless = [m for m in modules() if m not in TOP and layer(m) is None]
    assert homeless == [], "add them to LAYERS and docs/architecture.md"


def test_no_stage_imports_a_higher_one(edges: list[Import]) -> None:
    upward = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in edges
        if e.source not in TOP
        and (a := layer(e.source)) is not None
        and (b := layer(e.target)) is not None
        and b > a
    ]
    assert upward == []


def test_imports_inside_functions_say_why(edges: list[Import]) -> None:
    """Each is there for start-up time (a hook run must not load what it does not use)."""
    silent = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in edges
        if e.in_function and not e.typing_only and not e.comment.strip()
    ]
    assert silent == []


def test_the_document_lists_every_layer() -> None:
    doc = (REPO_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, prefixes in LAYERS:
        for p in prefixes:
            assert p.replace(".", "/") in doc, f"{name}: {p} is not in docs/architecture.md"


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The test above could not fail if this could not."""
    a = Import("x.a", "x.b", 1, False, False, "")
    b = Import("x.b", "x.a", 1, True, False, "")
    typed = Import("x.b", "x.a", 1, False, True, "")
    assert cycles([a, b]) == [["x.a", "x.b"]]
    assert cycles([a, typed]) == []
