"""Checking an article as an editor holds it: its text (saved or not) as the file at its path,
against the configuration above that path, its rulebook and its corpus, as `claimcheck check`
would check the saved file.

Nothing here speaks the protocol (claimcheck.lsp.server does), so that it is tested in-process.
A server lives for hours, so what a check costs is kept between checks and brought up to date,
never read again whole: the rulebook, kept while the rule files' digest stands (an edited rule
file is picked up at the next check, with no restart), and each configuration's corpus, whose
files are read again only when their status changes (the claim cache serves them).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck import checks
from claimcheck.commands import cache_dir
from claimcheck.extract import Extractor
from claimcheck.infra.errors import JobError
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.model.paths import key
from claimcheck.rulebook import Rulebook, digest_of
from claimcheck.run import articles as documents
from claimcheck.run import config, executor, pipeline
from claimcheck.run import filters as suppress
from claimcheck.run.options import Options
from claimcheck.yamlio.positions import YamlProblems

WALK_EVERY = 30.0  # seconds a corpus walk stands for checks that ask for none
# `file:line:column: message`, as configuration and rule-file problems are printed
_PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


@dataclass(frozen=True)
class Problem:
    """A problem in a configuration or rule file, at its absolute path (1-based position)."""

    path: str
    line: int
    column: int
    message: str


@dataclass
class Outcome:
    """One check of one article."""

    findings: list[Finding] = field(default_factory=list)  # on the article
    doc: Document | None = None
    root: str = ""  # the folder the findings' paths are relative to
    # why the article could not be checked (a configuration or rules that do not load), said on
    # the article itself, with each problem also at its own file
    blocked: str = ""
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # why the article is not checked at all (no configuration, excluded)


@dataclass
class _Corpus:
    """A configuration's corpus as last read: by shown path, its status, document and claims,
    and the join keys that its claims meet others' by."""

    book_digest: str = ""
    walked: float = 0.0  # time.monotonic() of the last walk
    stats: dict[str, tuple[int, ...]] = field(default_factory=dict)
    docs: dict[str, Document] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    joins: dict[str, list[tuple[str, Claim]]] = field(default_factory=dict)  # path → its joins
    keys: dict[str, str] = field(default_factory=dict)  # path → key(path)
    _index: dict[str, list[tuple[str, Claim]]] | None = None  # join key → (path, claim)

    def meeting(self, keys: set[str]) -> dict[str, list[Claim]]:
        """By path, the claims of the corpus that share a join key with `keys`, in their
        articles' order (the claims a hook run fetches from the cache)."""
        if self._index is None:
            self._index = {}
            for path, pairs in self.joins.items():
                for k, claim in pairs:
                    self._index.setdefault(k, []).append((path, claim))
        wanted: dict[str, set[int]] = {}
        for k in keys:
            for path, claim in self._index.get(k, ()):
                wanted.setdefault(path, set()).add(id(claim))
        return {
            path: [c for c in self.claims[path] if id(c) in ids]
            for path, ids in sorted(wanted.items())
        }


class Checker:
    """Checks articles; keeps each configuration's rulebook and corpus between checks."""

    def __init__(self) -> None:
        self._books: dict[str, tuple[str, Rulebook]] = {}
        self._corpora: dict[str, _Corpus] = {}

    def check(self, path: str, text: str, walk: bool = True) -> Outcome:
        """The findings on the article at `path` if its text were `text`. Without `walk`, the
        corpus is taken as last read (if it was read less than WALK_EVERY seconds ago): walking
        10,000 files on every pause in typing costs more than checking the article."""
        path = os.path.abspath(path)
        found = config.find(Path(path).parent)
        if found is None:
            return Outcome(note=f"no {config.CONFIG_NAME} above {path}: nothing to check against")
        root = str(found.parent)
        with _inside(root):
            out = self._check(os.path.relpath(path), text, found.name, walk)
        out.root = root
        return out

    def _check(self, shown: str, text: str, config_name: str, walk: bool) -> Outcome:
        checks.load_engines()
        try:
            s = config.load(Path(config_name), checks.RULES.keys())
        except YamlProblems as exc:
            return _blocked(f"{config_name} does not load", [str(p) for p in exc.problems])
        if not any(fnmatch.fnmatch(os.path.basename(shown), g) for g in s.include):
            return Outcome(note=f"{shown}: not an article (include: {', '.join(s.include)})")
        if (glob := documents.excluded_by(shown, s.exclude)) is not None:
            return Outcome(note=f"{shown}: excluded by exclude: {glob} in {config_name}")
        cache = cache_dir(s)
        try:
            book = self._rulebook(s.rules, cache)
        except JobError as exc:
            return _blocked("the rule files do not load", str(exc).splitlines())
        doc, found = documents.read(shown, raw=text.encode("utf-8", "surrogatepass"))
        if doc is None:
            return Outcome(found)
        claims = _extract(doc, book)
        corpus = self._corpus(s, book, cache, walk) if s.corpus else _Corpus()
        found.extend(_judge(doc, claims, book, corpus))
        return Outcome(_settle(found, doc, s), doc)

    def _rulebook(self, rules: list[str], cache: Path) -> Rulebook:
        """The rulebook of the rule folders, loaded again only when a rule file changed."""
        where = "\0".join(os.path.abspath(r) for r in rules)
        try:
            digest = digest_of([Path(r) for r in rules])
        except OSError:
            digest = ""  # a folder gone: load_rules says so
        kept = self._books.get(where)
        if digest and kept is not None and kept[0] == digest:
            return kept[1]
        book = pipeline.load_rules(rules, cache)
        self._books[where] = (digest, book)
        return book

    def _corpus(self, s: config.Settings, book: Rulebook, cache: Path, walk: bool) -> _Corpus:
        """The configuration's corpus, with the files changed since the last walk read again
        (through the claim cache) and the files gone dropped."""
        assert s.source is not None
        where = "\0".join([os.path.abspath(s.source), *s.corpus, *s.include, *s.exclude])
        corpus = self._corpora.get(where)
        if corpus is None or corpus.book_digest != book.digest:
            corpus = _Corpus(book.digest)
            self._corpora[where] = corpus
        elif not walk and time.monotonic() - corpus.walked < WALK_EVERY:
            return corpus
        corpus.walked = time.monotonic()
        globbed = config.expand_corpus(s.corpus, s.include)
        files, _ = documents.collect(globbed, s.include, s.exclude)
        stats = _stats(files)
        for gone in set(corpus.stats) - set(stats):
            _forget(corpus, gone)
        changed = [p for p, st in stats.items() if corpus.stats.get(p) != st]
        if changed:
            _load(corpus, changed, book, cache)
            corpus.stats.update((p, stats[p]) for p in changed)
        return corpus


@contextlib.contextmanager
def _inside(folder: str) -> Iterator[None]:
    """Work in the configuration's folder, as `claimcheck check` run there would: the paths
    it names and the paths in findings are relative to it. (The server handles one message at a
    time, so changing the process's folder for the length of a check is safe.)"""
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _blocked(what: str, lines: list[str]) -> Outcome:
    problems = []
    for line in lines:
        m = _PROBLEM.match(line)
        if m:
            path = os.path.abspath(m["path"])
            problems.append(Problem(path, int(m["line"]), int(m["column"]), m["message"]))
    first = lines[0] if lines else ""
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return Outcome(blocked=f"claimcheck: {what}: {first}{more}", problems=problems)


def _stats(files: list[str]) -> dict[str, tuple[int, ...]]:
    """Each file's status, with its folder's manifest's (which decides how a .txt reads)."""
    manifests: dict[str, tuple[int, ...]] = {}
    out = {}
    for p in files:
        folder = os.path.dirname(p)
        if folder not in manifests:
            manifests[folder] = _stat(os.path.join(folder, documents.MANIFEST)) or ()
        st = _stat(p)
        if st is not None:
            out[p] = st + manifests[folder]
    return out


def _stat(path: str) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _forget(corpus: _Corpus, path: str) -> None:
    corpus.stats.pop(path, None)
    corpus.docs.pop(path, None)
    corpus.claims.pop(path, None)
    corpus.joins.pop(path, None)
    corpus.keys.pop(path, None)
    corpus._index = None


def _load(corpus: _Corpus, files: list[str], book: Rulebook, cache: Path) -> None:
    """Read `files` into the corpus. Each is loaded as a checked file (read and keyed by its
    bytes), so that a file new to the cache gets its join rows stored for the hook runs that
    read them."""
    joins = checks.corpus_joins(book)
    for path in files:
        _forget(corpus, path)
    loaded = executor.load(files, book, Options(cache, executor.default_jobs()))
    for doc in loaded.documents:
        claims = loaded.claims.get(doc.path, [])
        corpus.docs[doc.path] = doc
        corpus.claims[doc.path] = claims
        corpus.keys[doc.path] = key(doc.path)
        if joins is not None:
            corpus.joins[doc.path] = joins(claims)
    corpus._index = None


def _extract(doc: Document, book: Rulebook) -> list[Claim]:
    return Extractor(book).extract(doc)


def _judge(doc: Document, claims: list[Claim], book: Rulebook, corpus: _Corpus) -> list[Finding]:
    """The document engines on the article, and the corpus engines over it and the claims of
    the corpus that meet its claims by a join key (no other claim can change a finding on it)."""
    me = key(doc.path)
    joins = checks.corpus_joins(book)
    if joins is None:  # some engine reads every claim
        meeting = dict(corpus.claims)
    else:
        meeting = corpus.meeting({k for k, _ in joins(claims)})
    others = [corpus.docs[p] for p in meeting if corpus.keys[p] != me]
    every = {d.path: meeting[d.path] for d in others}
    every[doc.path] = claims
    found = pipeline.evaluate([*others, doc], every, book, frozenset({me}))
    return [f for f in found if key(f.path) == me]


def _settle(found: list[Finding], doc: Document, s: config.Settings) -> list[Finding]:
    """The configuration's severities and disables, the suppression comments and the baseline,
    as `check` applies them."""
    from dataclasses import replace

    sup = suppress.scan(doc, checks.RULES)
    out = []
    for f in [*found, *sup.findings]:
        if f.rule in s.disable or sup.hides(f):
            continue
        severity = s.severity.get(f.rule)
        out.append(replace(f, severity=severity) if severity else f)
    if s.baseline and Path(s.baseline).is_file():
        with contextlib.suppress(suppress.BaselineError):  # `check` says what is wrong with it
            out = suppress.apply_baseline(
                sorted(out, key=Finding.sort_key), suppress.read_baseline(Path(s.baseline))
            )
    return sorted(out, key=Finding.sort_key)
