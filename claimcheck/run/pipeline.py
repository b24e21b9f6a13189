"""The pipeline: paths → documents → claims → findings, as one pure-ish function the CLI calls.

Failures that stop the job (rules that do not load, paths that do not exist or give no article)
raise JobError; every problem with an article becomes a finding and the run goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from claimcheck import checks, rulebook
from claimcheck.infra.errors import JobError
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import SEVERITY_RANK, Finding
from claimcheck.model.paths import key
from claimcheck.rulebook import store
from claimcheck.run import articles, config, executor, filters
from claimcheck.run.options import Options, Statuses
from claimcheck.run.result import Result
from claimcheck.yamlio.positions import YamlProblems


def load_rules(dirs: Sequence[str], cache_dir: Path | None = None) -> rulebook.Rulebook:
    """The rulebook of the given folders (compiled form from `cache_dir` when unchanged)."""
    if not dirs:
        raise JobError("no rule files: pass --rules DIR or set `rules:` in .claimcheck.yaml")
    try:
        return store.load_cached([Path(d) for d in dirs], cache_dir)
    except YamlProblems as exc:
        raise JobError("\n".join(map(str, exc.problems))) from None


def run(paths: Sequence[str], settings: config.Settings, options: Options | None = None) -> Result:
    """Check the articles under `paths` (against the corpus, when one is configured), as the
    options say (by default: in one process, with no store)."""
    options = options or Options()
    book = load_rules(settings.rules, options.cache_dir)
    statuses = Statuses(time.time_ns())  # no later than any status taken below
    named = _named(paths, settings, options.texts, statuses)
    targets = named.files
    target_keys = frozenset(key(p) for p in targets)
    corpus = _corpus(targets, target_keys, settings, statuses)
    loaded = executor.load(targets, book, options, corpus, statuses)
    found = list(loaded.findings)
    whole = checks.CorpusContext(
        loaded.documents, loaded.claims, book, target_keys, options.all_groups
    )
    found.extend(checks.corpus_findings(whole))
    docs = [d for d in loaded.documents if key(d.path) in target_keys]
    wanted = [f for f in found if key(f.path) in target_keys]
    findings, hidden = filters.settle(wanted, docs, settings)
    kept = {d.path: loaded.claims[d.path] for d in docs}
    notes = [
        f"skipped {p}: excluded by exclude: {settings.exclude_written.get(g, g)}{_in(settings)}"
        for p, g in named.skipped
    ]
    return Result(
        docs, kept, findings, book, targets, loaded.claim_count, notes, hidden, settings,
        whole.groups,
    )  # fmt: skip


def _named(
    paths: Sequence[str], settings: config.Settings, texts: Mapping[str, bytes], seen: Statuses
) -> articles.Expanded:
    """The files the paths name, and the articles given as bytes; a JobError when a path gives
    nothing to check."""
    on_disk = [p for p in paths if p not in texts]
    named = articles.expand(on_disk, settings.include, settings.exclude, seen.of)
    for name in texts:
        if (pattern := articles.excluded_by(name, settings.exclude)) is not None:
            named.skipped.append((name, pattern))
        else:
            named.files.append(name)
    if named.missing or named.empty:
        raise JobError("\n".join(_unread(paths, named, settings)))
    return named


def _corpus(
    targets: list[str], target_keys: frozenset[str], settings: config.Settings, seen: Statuses
) -> list[str]:
    """The configured corpus, less the articles checked. With no article checked there is no
    finding to report: no corpus either (the hook case)."""
    if not (settings.corpus and targets):
        return []
    globbed = config.expand_corpus(settings.corpus, settings.include)
    walked, _ = articles.collect(globbed, settings.include, settings.exclude, seen.of)
    names = {os.path.basename(p) for p in targets}  # a cheap test first: 100k files
    return [p for p in walked if os.path.basename(p) not in names or key(p) not in target_keys]


def _unread(paths: Sequence[str], named: articles.Expanded, s: config.Settings) -> list[str]:
    """A line for each path that gave nothing to check, in the order given: a path mistyped in
    CI must not be a green run of no article."""
    missing, empty = set(named.missing), dict(named.empty)
    lines = []
    for p in dict.fromkeys(paths):
        if p in missing and articles.is_glob(p):
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


def failed(findings: Sequence[Finding], fail_on: str) -> bool:
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= floor for f in findings)
