"""YAML with positions: load with ruamel.yaml and map a validation error's path to file:line:column.

Rule files and `.claimcheck.yaml` are read the same way so that every problem a person must fix is
reported where it is, never as a traceback.
"""

from __future__ import annotations

import typing
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.infra import regexes
from claimcheck.infra.values import value
from claimcheck.yamlio import subset as yamlsimple

# pydantic is imported where a model is validated, and ruamel.yaml where YAML is more than the
# plain kind yamlsimple reads: neither by a hook run that reads only plain front matter and config
if TYPE_CHECKING:
    from pydantic import BaseModel
    from ruamel.yaml import YAML


@value()
class Problem:
    """One thing wrong with an input file, at a 1-based position."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class YamlProblems(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


# ruamel warns of an anchor name used twice (valid YAML: the later one counts) on stderr, in
# lines that name no file: never shown to a user (warnings is loaded at start-up anyway)
warnings.filterwarnings("ignore", message=r"\s*found duplicate anchor")

_QUICK: list[YAML] = []


def quick(text: str) -> Any:
    """Parse YAML text fast (yamlsimple, else libyaml when installed), without positions; None
    on any problem.

    The values are the same as `parse` gives (YAML 1.2, ruamel's resolver); a caller that gets
    None, or finds a value wrong, parses again with `parse` for the position of its message.
    """
    try:
        return yamlsimple.load(text)
    except yamlsimple.NotSimple:
        pass
    if not _QUICK:
        from ruamel.yaml import YAML

        _QUICK.append(YAML(typ="safe"))
    try:
        return _QUICK[0].load(text)
    except Exception:  # any problem at all: `parse` reports it, with its position
        return None


def parse(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text, keeping positions; raise YamlProblems on a syntax error or a value that
    cannot be read."""
    data, problems = parse_all(text, path, line_offset)
    if problems:
        raise YamlProblems(problems)
    return data


def parse_all(text: str, path: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """`parse`, but a value that cannot be read ("2017-02-30") is kept as its text, with a
    Problem for each: validation then still reports the rest of the file in the same run.
    Raise YamlProblems on a syntax error (nothing after it is known)."""
    data = _parse_fast(text)
    if data is not _DECLINED:
        return data, []
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    try:
        return yaml.load(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        what = str(exc.problem or "invalid YAML")
        if exc.context:
            start = exc.context_mark
            at = f" at {start.line + 1 + line_offset}:{start.column + 1}" if start else ""
            what = f"{exc.context}{at}: {what}"
        raise YamlProblems([Problem(path, line + line_offset, col, what)]) from None
    except YAMLError as exc:
        raise YamlProblems([Problem(path, 1 + line_offset, 1, str(exc).splitlines()[0])]) from None
    except (ValueError, TypeError, OverflowError):  # a scalar that does not construct
        pass
    except Exception as exc:  # ruamel's own failure ("overlap in comment"): never a traceback
        message = f"cannot read this YAML ({type(exc).__name__}: {exc})"
        raise YamlProblems([Problem(path, 1 + line_offset, 1, message)]) from None
    return _as_text(text, path, line_offset)


def _as_text(text: str, path: str, line_offset: int) -> tuple[Any, list[Problem]]:
    """The document with each scalar that fails to construct read as a string, and a Problem
    for each of them."""
    from ruamel.yaml import YAML

    root = YAML(typ="rt", pure=True).compose(text)
    problems = []
    for node, exc in _failing_scalars(root):
        line, col = node.start_mark.line + 1 + line_offset, node.start_mark.column + 1
        problems.append(Problem(path, line, col, f"cannot read {str(node.value)!r}: {exc}"))
        node.tag = "tag:yaml.org,2002:str"
    try:
        data = YAML(typ="rt", pure=True).constructor.construct_document(root)
    except Exception as exc:  # what a string in its place does not cure: never a traceback
        problems.append(Problem(path, 1 + line_offset, 1, f"cannot read this YAML ({exc})"))
        raise YamlProblems(problems) from None
    return data, problems


_DECLINED = object()
# What libyaml (YAML 1.1) may read otherwise than ruamel (YAML 1.2), or hide from a node: a
# character that is a line break to one only, a byte-order mark, a tab or a carriage return; a
# tag ("!!str 12", "!custom"), which leaves no trace on the node it resolves; and what libyaml
# accepts and ruamel rejects: a comment right after a block indicator ("|# note"), a value right
# after a quoted key's colon ("['2021':a]", "[', ' :1]"). Found by the property tests of
# test_yaml_quick.py.
_NOT_FAST = regexes.compile(
    r"""[\x85\u2028\u2029\ufeff\r\t]|(?:^|[\s\[{,])!|[|>][-+0-9]*#|['"] *:\S"""
)
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)


def _parse_fast(text: str) -> Any:
    """What `parse` gives, through libyaml: the round-trip loader in pure Python is most of the
    time it takes to read a rulebook (0.5 s against 0.1 s). libyaml composes the nodes, with
    their positions, and ruamel's safe constructor builds each scalar; mappings and sequences
    are ruamel's round-trip types holding the same positions. Declines (_DECLINED) whatever it
    does not read the same way for certain: no libyaml, any problem at all (`parse` then reports
    it, with its message), a document that is not a mapping, a tag or merge key, a duplicate key,
    an empty value, and the characters of _NOT_FAST."""
    try:
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
    except ImportError:
        return _DECLINED
    yaml = YAML(typ="safe")
    if "CParser" not in getattr(yaml.Parser, "__name__", "") or _NOT_FAST.search(text):
        return _DECLINED
    try:
        root = yaml.compose(text)
        if not isinstance(root, MappingNode):
            return _DECLINED
        constructor = yaml.constructor
        built: dict[int, Any] = {}  # an alias is the object its anchor built, as in ruamel

        def build(node: Any) -> Any:
            if id(node) in built:
                if built[id(node)] is _DECLINED:
                    raise LookupError("an alias inside its own anchor")
                return built[id(node)]
            built[id(node)] = _DECLINED
            built[id(node)] = out = _build(node)
            return out

        def _build(node: Any) -> Any:
            if isinstance(node, ScalarNode):
                if node.tag not in _PLAIN_TAGS:
                    raise LookupError("a tag")
                if not node.value and not node.style:
                    raise LookupError("an empty value: libyaml places it elsewhere")
                return constructor.construct_object(node, deep=True)
            mark = node.start_mark
            if isinstance(node, SequenceNode):
                if node.tag != "tag:yaml.org,2002:seq":
                    raise LookupError("a tag")
                seq = CommentedSeq()
                seq._yaml_set_line_col(mark.line, mark.column)
                for i, child in enumerate(node.value):
                    seq.append(build(child))
                    seq._yaml_set_idx_line_col(i, [child.start_mark.line, child.start_mark.column])
                return seq
            if not isinstance(node, MappingNode) or node.tag != "tag:yaml.org,2002:map":
                raise LookupError("a tag")
            out = CommentedMap()
            out._yaml_set_line_col(mark.line, mark.column)
            for key_node, value_node in node.value:
                key = build(key_node)
                if not isinstance(key, str | int | float | bool) or key in out:
                    raise LookupError("a duplicate or complex key")
                out._yaml_set_kv_line_col(
                    key,
                    [
                        key_node.start_mark.line,
                        key_node.start_mark.column,
                        value_node.start_mark.line,
                        value_node.start_mark.column,
                    ],
                )
                out[key] = build(value_node)
            return out

        return build(root)
    except Exception:  # anything at all: the round-trip loader reads it and says what is wrong
        return _DECLINED


def _failing_scalars(root: Any) -> list[tuple[Any, Exception]]:
    """Each scalar node under `root` that fails to construct, with its error, in text order."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    constructor = YAML(typ="rt", pure=True).constructor
    found: list[tuple[Any, Exception]] = []
    seen: set[int] = set()  # an alias is its anchor's node: once, and no loop
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if str(node.tag).endswith(":merge"):
                continue  # "<<" means something only as a key, where its mapping reads it
            try:
                constructor.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError) as exc:
                found.append((node, exc))
        elif isinstance(node, MappingNode):
            stack.extend(reversed([n for pair in node.value for n in pair]))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
    return found


def read(path: Path, shown: str | None = None) -> Any:
    """Read and parse a YAML file; problems name `shown` (the path as the user gave it)."""
    name = shown or str(path)
    return parse(read_text(path, name), name)


def read_all(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """`read`, as `parse_all`: the values that cannot be read are problems, not the end."""
    return parse_all(read_text(path, shown), shown)


def read_text(path: Path, shown: str) -> str:
    """A YAML file's text; YamlProblems naming `shown` when it cannot be read or decoded."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblems([Problem(shown, 1, 1, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise YamlProblems([Problem(shown, 1, 1, f"cannot read: {exc.strerror}")]) from None


def position(node: Any, loc: Sequence[int | str], key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the value (or key) at `loc` inside a parsed document."""
    line, col = 0, 0
    if hasattr(node, "lc"):
        line, col = node.lc.line, node.lc.col
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        try:
            if isinstance(node, dict) and step in node:
                lc = node.lc.key(step) if (key and last) else node.lc.value(step)  # type: ignore[attr-defined]
                line, col = lc
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                line, col = node.lc.item(step)  # type: ignore[attr-defined]
                node = node[step]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
    return line + 1, col + 1


Loc = tuple[int | str, ...]


def validate(model: type[BaseModel], data: Any, path: str) -> BaseModel:
    """Validate parsed YAML against a model, turning every error into a positioned Problem."""
    found, located = errors(model, data, path)
    if found is None:
        raise YamlProblems(
            sorted({p for _, p in located}, key=lambda p: (p.line, p.column, p.message))
        )
    return found


def errors(
    model: type[BaseModel], data: Any, path: str
) -> tuple[BaseModel | None, list[tuple[Loc, Problem]]]:
    """The validated model, or None and every error as a positioned Problem with the place it
    is at in the model (pydantic's location), for a caller that keeps what did validate."""
    from pydantic import ValidationError

    if data is None:
        data = {}
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [(tuple(e["loc"]), _problem(model, data, path, e)) for e in exc.errors()]


def _problem(model: type[BaseModel], data: Any, path: str, err: Any) -> Problem:
    loc = list(err["loc"])
    if err["type"] == "extra_forbidden":
        line, col = position(data, loc, key=True)
        message = f"unknown key {loc[-1]!r}" + _where(loc[:-1])
        message += suggest(str(loc[-1]), _keys_at(model, loc[:-1]))
    elif err["type"] == "missing":
        line, col = position(data, loc[:-1])
        message = f"missing key {loc[-1]!r}" + _where(loc[:-1])
    else:
        # model validators report at the model; literal errors at the field
        line, col = position(data, loc)
        message = _clean(err["msg"]) + _where(loc)
    return Problem(path, line, col, message)


def _keys_at(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys allowed at `loc` (a pydantic error location) inside `model`."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue  # a list item: the same model as its list
        fields = current.model_fields if _is_model(current) else {}
        info = fields.get(step) or next((f for f in fields.values() if f.alias == step), None)
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    if not _is_model(current):
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _is_model(tp: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_in(tp: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Office]` or `Office | None`."""
    if _is_model(tp):
        return typing.cast("type[BaseModel]", tp)
    for arg in typing.get_args(tp):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def suggest(key: str, known: Iterable[str]) -> str:
    """'; did you mean X?' for the known name closest to a misspelt one, else ''."""
    import difflib  # only once something is misspelt: 1 ms of every start-up otherwise

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _where(loc: Sequence[int | str]) -> str:
    if not loc:
        return ""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    return f" (at {text})"


def _clean(msg: str) -> str:
    return msg.removeprefix("Value error, ")
