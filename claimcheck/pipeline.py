"""The pipeline: paths → documents → claims → findings, as one pure-ish function the CLI calls.

Failures that stop the job (rules that do not load, paths that do not exist or give no article)
raise JobError; every problem with an article becomes a finding and the run goes on.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck import checks, config, documents, rulebook, suppress
from claimcheck.claims import Claim
from claimcheck.documents import Document
from claimcheck.errors import JobError
from claimcheck.findings import SEVERITY_RANK, Finding
from claimcheck.rulebook import store
from claimcheck.yamlpos import YamlProblems

if TYPE_CHECKING:
    from claimcheck.checks.corpus import Group


@dataclass
class Result:
    """What a run found, for the reports: documents, claims, findings, the rulebook."""

    documents: list[Document]
    # claims by document path: the kinds the corpus engines read, or all when asked for
    claims: dict[str, list[Claim]]
    findings: list[Finding]
    book: rulebook.Rulebook
    targets: list[str] = field(default_factory=list)
    claim_count: int = -1  # every claim of the documents (default: those in `claims`)
    notes: list[str] = field(default_factory=list)  # named files skipped, and why
    hidden: dict[str, int] = field(default_factory=dict)  # findings hidden, by what hid them
    settings: config.Settings = field(default_factory=config.Settings)  # e.g. the publisher
    # the corpus engine's contradiction groups (every group with `all_groups`), for the reports
    groups: list[Group] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.claim_count < 0:
            self.claim_count = sum(len(c) for c in self.claims.values())


def key(path: str) -> str:
    """One spelling per file, however it was named (`./a.md`, `a.md`, `/abs/a.md`)."""
    return _key(os.getcwd(), path)


@functools.cache
def _key(cwd: str, path: str) -> str:
    return os.path.normpath(os.path.join(cwd, path))


def load_rules(dirs: Sequence[str], cache_dir: Path | None = None) -> rulebook.Rulebook:
    """The rulebook of the given folders (compiled form from `cache_dir` when unchanged)."""
    if not dirs:
        raise JobError("no rule files: pass --rules DIR or set `rules:` in .claimcheck.yaml")
    try:
        return store.load_cached([Path(d) for d in dirs], cache_dir)
    except YamlProblems as exc:
        raise JobError("\n".join(map(str, exc.problems))) from None


def run(
    paths: Sequence[str],
    settings: config.Settings,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: bool = False,
    all_claims: bool = False,
    texts: Mapping[str, bytes] | None = None,
    all_groups: bool = False,
) -> Result:
    """Check the articles under `paths` (against the corpus, when one is configured).

    `cache_dir` holds the claim cache (None: no cache); `jobs` > 1 works in a process pool;
    `all_claims` keeps every claim of the articles in the result (a report that quotes them);
    `texts`: articles given as bytes under the name to check them by (an editor's buffer on
    standard input), in place of what is on disk, which need not exist; `all_groups` keeps
    every claim group of the corpus engine in the result, not only those that disagree.
    """
    book = load_rules(settings.rules, cache_dir)
    stats: dict[str, os.stat_result] = {}
    stats_ns = time.time_ns()  # no later than any status taken below
    texts = texts or {}
    on_disk = [p for p in paths if p not in texts]
    named = documents.expand(on_disk, settings.include, settings.exclude, stats)
    for name in texts:
        if (pattern := documents.excluded_by(name, settings.exclude)) is not None:
            named.skipped.append((name, pattern))
        else:
            named.files.append(name)
    if named.missing or named.empty:
        raise JobError("\n".join(_unread(paths, named, settings)))
    targets = named.files
    target_keys = {key(p) for p in targets}
    corpus: list[str] = []
    if settings.corpus and targets:  # with no target, no finding to report: the hook case
        globbed = config.expand_corpus(settings.corpus, settings.include)
        walked, _ = documents.collect(globbed, settings.include, settings.exclude, stats)
        names = {os.path.basename(p) for p in targets}  # a cheap test first: 100k files
        corpus = [
            p for p in walked if os.path.basename(p) not in names or key(p) not in target_keys
        ]
    from claimcheck import batch

    loaded = batch.load(
        [*targets, *corpus],
        book,
        cache_dir,
        jobs,
        progress,
        partial=set(corpus).__contains__,
        kinds=checks.corpus_kinds(),
        joins=checks.corpus_joins(book),
        keep_all=all_claims,
        stats=stats,
        stats_ns=stats_ns,
        texts=texts,
    )
    claims = loaded.claims
    found = list(loaded.findings)
    whole = checks.CorpusContext(loaded.documents, claims, book, frozenset(target_keys), all_groups)
    found.extend(checks.corpus_findings(whole))
    wanted = [f for f in found if key(f.path) in target_keys]
    wanted = _configure(wanted, settings)
    shown_docs = [d for d in loaded.documents if key(d.path) in target_keys]
    # findings are on these only; a comment naming an unknown rule is one of them
    sups = {d.path: suppress.scan(d, checks.RULES) for d in shown_docs}
    wanted.extend(_configure([f for s in sups.values() for f in s.findings], settings))
    hidden: dict[str, int] = {}
    shown = [f for f in wanted if f.path not in sups or not sups[f.path].hides(f)]
    hidden["suppression"], wanted = len(wanted) - len(shown), shown
    if settings.baseline and Path(settings.baseline).exists():
        try:
            known = suppress.read_baseline(Path(settings.baseline))
        except suppress.BaselineError as exc:
            raise JobError(str(exc)) from None
        shown = suppress.apply_baseline(sorted(wanted, key=Finding.sort_key), known)
        hidden["baseline"], wanted = len(wanted) - len(shown), shown
    wanted.sort(key=Finding.sort_key)
    kept = {d.path: claims[d.path] for d in shown_docs}
    notes = [
        f"skipped {p}: excluded by exclude: {settings.exclude_written.get(g, g)}{_in(settings)}"
        for p, g in named.skipped
    ]
    hidden = {k: n for k, n in hidden.items() if n}
    return Result(
        shown_docs, kept, wanted, book, targets, loaded.claim_count, notes, hidden, settings,
        whole.groups,
    )  # fmt: skip


def _unread(paths: Sequence[str], named: documents.Expanded, s: config.Settings) -> list[str]:
    """A line for each path that gave nothing to check, in the order given: a path mistyped in
    CI must not be a green run of no article."""
    missing, empty = set(named.missing), dict(named.empty)
    lines = []
    for p in dict.fromkeys(paths):
        if p in missing and documents.is_glob(p):
            lines.append(f"{p}: no path matches this glob")
        elif p in missing:
            lines.append(f"{p}: no such file or folder")
        elif dropped := empty.get(p):
            globs = ", ".join(s.exclude_written.get(g, g) for g in s.exclude if g in dropped)
            files = f"{len(dropped)} file{'s' if len(dropped) > 1 else ''}"
            lines.append(f"{p}: no articles ({files}, excluded by exclude: {globs}{_in(s)})")
        elif p in empty:
            lines.append(f"{p}: no articles (include: {', '.join(s.include)})")
    return lines


def _in(s: config.Settings) -> str:
    return f" in {s.source}" if s.source else ""


def evaluate(
    docs: Sequence[Document],
    claims: dict[str, list[Claim]],
    book: rulebook.Rulebook,
    targets: frozenset[str],
) -> list[Finding]:
    """Every document engine on the target documents, then every corpus engine once (what
    `run` does in its parts, for documents already in memory)."""
    out: list[Finding] = []
    for doc in docs:
        if key(doc.path) in targets:
            out.extend(checks.document_findings(doc, claims[doc.path], book))
    out.extend(checks.corpus_findings(checks.CorpusContext(docs, claims, book, targets)))
    return out


def _configure(found: list[Finding], settings: config.Settings) -> list[Finding]:
    from dataclasses import replace

    out = []
    for f in found:
        if f.rule in settings.disable:
            continue
        sev = settings.severity.get(f.rule)
        out.append(replace(f, severity=sev) if sev else f)
    return out


def failed(findings: Sequence[Finding], fail_on: str) -> bool:
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= floor for f in findings)
