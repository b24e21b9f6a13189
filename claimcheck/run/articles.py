"""Articles: the files under the paths given, each read from disk with its metadata and date.

Reading never fails the run: a file that cannot be read becomes a `document` finding on that file
and the other files are still checked (the bad-input policy of design.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.infra import regexes
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding, Severity
from claimcheck.model.paths import absolute
from claimcheck.yamlio import positions as yamlpos

MANIFEST = "claimcheck-manifest.yaml"
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
_FRONT = regexes.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FRONT_END = regexes.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATELINE = regexes.compile(
    r"\b(?:(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?P<mn3>{_MONTH_RE})\.? (?P<d3>\d{{1,2}}), (?P<y3>\d{{4}})"
    rf"|(?P<d4>\d{{1,2}}) (?P<mn4>{_MONTH_RE})\.? (?P<y4>\d{{4}}))\b",
    re.I,
)
DATELINE_LINES = 8
DATELINE_WIDTH = 80


@dataclass
class Loaded:
    """Documents read, with the problems found reading them."""

    documents: list[Document]
    findings: list[Finding]


def _problem(
    path: str, rule: str, message: str, severity: Severity = "error", line: int = 1, column: int = 1
) -> Finding:
    return Finding(
        rule, "document", severity, path, line, column, line, column, message, anchor=rule
    )


@dataclass
class Expanded:
    """The files under the paths given, and the paths that gave none (to be said, not ignored)."""

    files: list[str]
    missing: list[str]  # paths that do not exist, and globs that match nothing
    # folders and globs that gave no file: each with the exclude glob that dropped each file
    # under it (none: no file name matched `include`)
    empty: list[tuple[str, list[str]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # a named file, its exclude glob


def collect(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    stats: dict[str, os.stat_result] | None = None,
) -> tuple[list[str], list[str]]:
    """Files named or found under folders, as shown paths; and the paths that do not exist."""
    found = expand(paths, include, exclude, stats)
    return found.files, found.missing


def expand(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    stats: dict[str, os.stat_result] | None = None,
) -> Expanded:
    """Files named, found under folders or matched by a glob that the shell left alone.

    Folders are walked recursively (hidden folders skipped) for file names matching `include`.
    `exclude` globs match a path (as shown, `/`-separated) or a file name, and apply to named
    files too, so that a hook passing every staged file honours them. `stats` receives the
    status of each named file, which the claim cache's stat index reads (one `stat` a file).
    """
    out = Expanded([], [])
    seen: set[str] = set()
    here = os.getcwd()
    for given in paths:
        named = _named(given, include, stats)
        if named is None:
            out.missing.append(given)
            continue
        one, shown_paths = named
        dropped: list[str] = []
        for shown in shown_paths:
            if (pattern := excluded_by(shown, exclude)) is not None:
                dropped.append(pattern)
            elif (key := absolute(here, shown)) not in seen:
                # `a.md`, `./a.md` and `/abs/a.md` are one file, checked once
                seen.add(key)
                out.files.append(shown)
        if one and dropped:
            out.skipped.append((given, dropped[0]))
        elif not one and len(dropped) == len(shown_paths):
            out.empty.append((given, dropped))
    return out


def is_glob(path: str) -> bool:
    return any(c in path for c in "*?[")


def _named(
    given: str, include: Sequence[str], stats: dict[str, os.stat_result] | None
) -> tuple[bool, list[str]] | None:
    """(whether it names one file, the files it names); None when nothing has that name."""
    try:
        st = os.stat(given)
        mode = st.st_mode
    except (OSError, ValueError):
        mode = 0
    if stat.S_ISREG(mode):
        if stats is not None:
            stats[given] = st
        return True, [given]
    if stat.S_ISDIR(mode):
        return False, list(_walk(given, include))
    if mode:  # a pipe, a device, a socket: reported by `read_bytes`, never read
        return True, [given]
    if not is_glob(given):
        return None
    import glob  # only for a glob the shell did not expand (quoted, in CI)

    matches = sorted(glob.glob(given, recursive=True))
    if not matches:
        return None
    files: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            files.extend(_walk(match, include))
        elif any(fnmatch.fnmatch(os.path.basename(match), g) for g in include):
            files.append(match)
    return False, files


def _walk(folder: str, include: Sequence[str]) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if any(fnmatch.fnmatch(name, g) for g in include):
                yield os.path.join(root, name)


def excluded(shown: str, exclude: Sequence[str]) -> bool:
    """Whether a glob matches the file's name, its path from here, or its absolute path."""
    return excluded_by(shown, exclude) is not None


def excluded_by(shown: str, exclude: Sequence[str]) -> str | None:
    """The first glob that matches the file's name, its path from here, or its absolute path."""
    if not exclude:
        return None
    forms = {Path(shown).name, os.path.abspath(shown)}
    with contextlib.suppress(ValueError):  # another drive on Windows
        forms.add(os.path.relpath(shown))
    forms = {f.replace(os.sep, "/") for f in forms}
    return next((g for g in exclude if any(fnmatch.fnmatch(f, g) for f in forms)), None)


def load(files: Iterable[str]) -> Loaded:
    """Read every file; problems become findings, and every readable file becomes a Document."""
    docs: list[Document] = []
    findings: list[Finding] = []
    manifests: dict[Path, dict[str, Any] | None] = {}
    for shown in files:
        doc, problems = read(shown, manifests)
        findings.extend(problems)
        if doc is not None:
            docs.append(doc)
    return Loaded(docs, findings)


def read(
    shown: str,
    manifests: dict[Path, dict[str, Any] | None] | None = None,
    raw: bytes | None = None,
) -> tuple[Document | None, list[Finding]]:
    """Read one article (from `raw` when the caller has its bytes already)."""
    manifests = {} if manifests is None else manifests
    path = Path(shown)
    if raw is None:
        try:
            raw = read_bytes(path)
        except OSError as exc:
            return None, [_problem(shown, "document-unreadable", f"cannot read: {exc.strerror}")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # NULs too, but it is text: say what to do
        return None, [_problem(shown, "document-encoding", "UTF-16 text: save it as UTF-8")]
    if b"\0" in raw[:8192]:
        return None, [_problem(shown, "document-binary", "binary file, not an article")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        before = raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start]
        col = len(before.decode("utf-8", errors="replace")) + 1  # characters, not bytes
        return None, [
            _problem(
                shown,
                "document-encoding",
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at line {line} cannot be decoded",
                line=line,
                column=col,
            )
        ]
    doc = Document(shown, text)
    problems: list[Finding] = []
    if not doc.text.strip():
        return doc, [_problem(shown, "document-empty", "empty file: nothing to check", "info")]
    if _FRONT.match(doc.text):
        problems.extend(_front_matter(doc))
    if doc.date is None:
        problems.extend(_manifest(doc, manifests))
    if doc.date is None and "date" not in doc.meta and not problems:
        problems.extend(_dateline(doc))  # not after broken metadata: no guess, no echo
    doc.meta = _plain(doc.meta)
    return doc, problems


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes. Anything else raises OSError without being read: a pipe with no
    writer would block forever and /dev/zero never ends. (Judged by a stat just before the
    read: one call more per file; Path.read_bytes stays the one reader tests watch.)"""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_FILES if test(mode)), "not a file")
        raise OSError(0, f"{what}, not a regular file")
    return path.read_bytes()


def decode(raw: bytes) -> str:
    """The text of bytes `read` accepted (a Document takes off a BOM and normalises it)."""
    return raw.decode("utf-8")


def manifest_bytes(folder: Path) -> bytes:
    """The raw manifest of a folder (b"" when none): part of what decides how its files read."""
    try:
        return read_bytes(folder / MANIFEST)
    except OSError:
        return b""


def to_record(doc: Document) -> dict[str, Any]:
    return {
        "body_start": doc.body_start,
        "meta": doc.meta,
        "date": str(doc.date) if doc.date else None,
        "date_source": doc.date_source,
    }


def from_record(
    shown: str, text: str, rec: dict[str, Any], read: Callable[[], str] | None = None
) -> Document:
    """A document from its cached record: with its text, or with `read` to fetch it when a line
    is asked for."""
    date = _cached_date(rec["date"]) if rec["date"] else None
    doc = Document(shown, text, rec["body_start"], rec["meta"], date, rec["date_source"])
    doc._read = read
    return doc


@functools.lru_cache(maxsize=4096)
def _cached_date(text: str) -> PartialDate:
    """Dates read back from the cache, parsed once each: an archive's articles of one day share
    their date."""
    return PartialDate.parse(text)


def reader(shown: str) -> Callable[[], str]:
    """The text of a file the cache knows, read when asked for ("" if it is gone since)."""

    def read() -> str:
        try:
            return decode(read_bytes(Path(shown)))
        except (OSError, UnicodeDecodeError):
            return ""

    return read


def _plain(value: Any) -> Any:
    """Front matter as plain JSON values (dates as ISO text), the same from a cache or a parse."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value if not isinstance(value, str) else str(value)
    return str(value)


def meta_date(value: object) -> PartialDate:
    """A `date:` value: YYYY, YYYY-MM, YYYY-MM-DD, or an ISO date-time ("2017-12-05T10:08Z")."""
    if isinstance(value, str) and len(value.strip()) > 10:
        with contextlib.suppress(ValueError):
            return PartialDate.parse(dt.datetime.fromisoformat(value.strip()))
    return PartialDate.parse(value)


def _front_matter(doc: Document) -> list[Finding]:
    start = _FRONT.match(doc.text)
    assert start is not None
    end = _FRONT_END.search(doc.text, start.end())
    if end is None:
        never = "front matter starts with --- but never ends (no closing --- line)"
        return [_problem(doc.path, "document-front-matter", never)]
    block = doc.text[start.end() : end.start()]
    doc.body_start = min(len(doc.text), end.end() + 1)
    meta = yamlpos.quick(block)
    if not (isinstance(meta, dict) and _dated(meta)):  # again, with positions for the problem
        try:
            meta = yamlpos.parse(block, doc.path, line_offset=1)
        except yamlpos.YamlProblems as exc:
            p = exc.problems[0]
            line, col = _as_written(doc, p.line, p.column)
            return [
                _problem(
                    doc.path,
                    "document-front-matter",
                    f"front matter: {p.message}",
                    line=line,
                    column=col,
                )
            ]
        if meta is None:
            return []
    if not isinstance(meta, dict):
        return [
            _problem(
                doc.path,
                "document-front-matter",
                "front matter must be a mapping of keys to values",
                line=2,
            )
        ]
    if (big := _oversized(meta)) is not None:
        return [_big_front_matter(doc.path, block, big)]
    doc.meta = {str(k): v for k, v in meta.items()}
    return _front_date(doc, meta) if "date" in meta else []


def _front_date(doc: Document, meta: dict[Any, Any]) -> list[Finding]:
    """Date the document by its front matter's `date:` (a problem at it when it is no date)."""
    try:
        doc.date = meta_date(meta["date"])
        doc.date_source = "front matter"
    except ValueError as exc:
        line, col = yamlpos.position(meta, ["date"])
        line, col = _as_written(doc, line + 1, col)
        return [
            _problem(
                doc.path,
                "document-date",
                f"front matter date: {exc}",
                line=line,
                column=col,
            )
        ]
    return []


def _as_written(doc: Document, line: int, column: int) -> tuple[int, int]:
    """A position counted in `text` (where YAML read the front matter) as the file has it."""
    if doc._at is None:
        return line, column
    start = 0
    for _ in range(line - 1):
        start = doc.text.find("\n", start) + 1
        if not start:
            return line, column
    return doc.position(start + column - 1)


# Front matter is a few keys; aliases can make a block of 400 bytes hold a billion values.
FRONT_MATTER_VALUES = 10_000


def _oversized(meta: dict[Any, Any]) -> object | None:
    """The first key whose value, with its aliases expanded, takes the block past
    FRONT_MATTER_VALUES values ("billion laughs"); None when the block stays within it.
    Counting stops there, so a bomb costs no more than a block of that size."""
    left = FRONT_MATTER_VALUES
    key: object
    for key, top in meta.items():
        stack = [top]
        while stack:
            left -= 1
            if left < 0:
                return key
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _big_front_matter(path: str, block: str, key: object) -> Finding:
    """The problem of an oversized block, at its key (parsed again for the position)."""
    try:
        positioned = yamlpos.parse(block, path, line_offset=1)
        line, col = yamlpos.position(positioned, [str(key)], key=True)
    except yamlpos.YamlProblems:
        line, col = 1, 1
    return _problem(
        path,
        "document-front-matter",
        f"front matter: {key!r} holds more than {FRONT_MATTER_VALUES} values once its "
        "aliases are expanded",
        line=line + 1,
        column=col,
    )


def _dated(meta: dict[Any, Any]) -> bool:
    """Whether front matter has no date, or one `meta_date` reads."""
    if "date" not in meta:
        return True
    try:
        meta_date(meta["date"])
    except ValueError:
        return False
    return True


def _manifest(doc: Document, cache: dict[Path, dict[str, Any] | None]) -> list[Finding]:
    folder = Path(doc.path).parent
    if folder not in cache:
        cache[folder] = None
        mpath = folder / MANIFEST
        if mpath.is_file():
            try:
                data = yamlpos.read(mpath, str(mpath))
            except yamlpos.YamlProblems as exc:
                p = exc.problems[0]
                return [_problem(doc.path, "document-manifest", f"manifest {p}")]
            cache[folder] = data if isinstance(data, dict) else None
    manifest = cache[folder]
    name = Path(doc.path).name
    if not manifest or name not in manifest:
        return []
    entry = manifest[name]
    if not isinstance(entry, dict):
        return []
    if (big := _oversized(entry)) is not None:
        line, col = yamlpos.position(manifest, [name, str(big)], key=True)
        message = f"{big!r} holds more than {FRONT_MATTER_VALUES} values once its aliases expand"
        return [
            _problem(
                doc.path,
                "document-manifest",
                f"manifest {folder / MANIFEST}:{line}:{col}: {message}",
            )
        ]
    for k, v in entry.items():
        doc.meta.setdefault(str(k), v)
    if "date" in entry:
        shown = str(folder / MANIFEST)
        try:
            doc.date = meta_date(entry["date"])
            doc.date_source = "manifest"
        except ValueError as exc:
            line, col = yamlpos.position(manifest, [name, "date"])
            return [_problem(doc.path, "document-date", f"{shown}:{line}:{col}: {exc}")]
        want = entry.get("precision")
        if want is not None and want != doc.date.precision:
            line, col = yamlpos.position(manifest, [name, "precision"])
            return [
                _problem(
                    doc.path,
                    "document-date",
                    f"{shown}:{line}:{col}: precision {want!r} does not match date "
                    f"{doc.date} ({doc.date.precision})",
                )
            ]
    return []


def _dateline(doc: Document) -> list[Finding]:
    head_end = doc.body_start
    for _ in range(DATELINE_LINES):
        nl = doc.text.find("\n", head_end)
        if nl < 0:
            head_end = len(doc.text)
            break
        head_end = nl + 1
    for m in _DATELINE.finditer(doc.text, doc.body_start, min(head_end, doc.body_start + 4000)):
        g = m.groupdict()
        try:
            if g["y1"]:
                date = dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            elif g["y2"]:
                date = dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
            elif g["y3"]:
                date = dt.date(int(g["y3"]), _MONTHS[g["mn3"].lower()], int(g["d3"]))
            else:
                date = dt.date(int(g["y4"]), _MONTHS[g["mn4"].lower()], int(g["d4"]))
        except ValueError:
            continue
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        if (line_end if line_end >= 0 else len(doc.text)) - line_start > DATELINE_WIDTH:
            continue  # a date inside a sentence is an event's date, not the article's
        doc.date = PartialDate.parse(date)
        doc.date_source = "dateline"
        line, col = doc.position(m.start())
        end_line, end_col = doc.position(m.end())
        return [
            Finding(
                "document-date-inferred",
                "document",
                "info",
                doc.path,
                line,
                col,
                end_line,
                end_col,
                f"no date in front matter or manifest; using the dateline {m.group(0)!r}"
                f" ({doc.date})",
                anchor="document-date-inferred",
            )
        ]
    return [
        _problem(
            doc.path,
            "document-no-date",
            "no date (front matter, manifest or dateline): checks that depend on the "
            "publication date are skipped",
            "info",
        )
    ]
