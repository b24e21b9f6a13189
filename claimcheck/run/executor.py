"""The executor: the step over every file of a run, in the order given; in a process pool when
there are many, and through the claim store when the run has one.

All per-document work (front matter, extraction, the document engines, encoding the store entry)
runs in the step, where the document is read; the main process receives the document, its
findings and only the claims it still needs (the kinds corpus engines read, or every claim when a
report quotes them), so that it neither does the serial work nor holds every claim of a large
archive. The step is pure, so results do not depend on the number of jobs: the pool maps in order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimcheck import checks
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.vocab import vocabulary
from claimcheck.run.options import Options, Statuses
from claimcheck.run.step import Item, Outcome, Step, Want

# Below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCS = 64
CHUNK = 32


@dataclass
class Batch:
    """What `load` gives a run: documents, their findings, the claims kept of them."""

    documents: list[Document]  # in the order of the files given; of the corpus, those fetched
    findings: list[Finding]  # problems with the documents, and the document engines' findings
    claims: dict[str, list[Claim]]  # by Document.path: the kinds asked for
    claim_count: int = 0  # every claim of the checked documents


def load(
    checked: Sequence[str],
    book: Rulebook,
    options: Options,
    corpus: Sequence[str] = (),
    statuses: Statuses | None = None,
) -> Batch:
    """Read every file, extract its claims and run the document engines on it, through the store
    when the options name one.

    `corpus`: the files around the articles checked. Of those only the claims the corpus engines
    read are kept, and of an unchanged one only its claims that share a join key with a claim of
    a checked article (the others cannot change a finding). Of the checked files, the same kinds
    are kept, or every claim with `options.all_claims`. `statuses`: the files' status where the
    caller has it already.
    """
    caching = options.cache_dir is not None
    joins = checks.corpus_joins(book) if caching else None  # they serve later runs, via the store
    want = Want(checks.corpus_kinds(), options.all_claims, joins is not None, caching)
    files = [(shown, True) for shown in checked] + [(shown, False) for shown in corpus]

    def process(items: list[Item]) -> list[Outcome]:
        return _process(items, book, want, options)

    if not caching:
        items = [(shown, options.texts.get(shown), ok) for shown, ok in files]
        return _gather(zip((ok for _, ok in files), process(items), strict=True))
    from claimcheck.run import store  # here, for start-up time: sqlite3 only in a run with a store

    return _gather(store.load(files, book, want, joins, options, statuses or Statuses(), process))


def _gather(done: Iterable[tuple[bool, Outcome]]) -> Batch:
    """The run's documents, findings and claims, in the order of the files."""
    out = Batch([], [], {})
    for checked, r in done:
        out.findings.extend(r.problems)
        if checked:
            out.findings.extend(r.findings)
            out.claim_count += r.count
        if r.doc is not None:
            out.documents.append(r.doc)
            out.claims[r.doc.path] = r.claims
    return out


_worker: Step | None = None


def _init_worker(compiled: bytes, want: Want) -> None:
    import pickle  # here: only a pool's workers unpickle

    global _worker
    _worker = Step(pickle.loads(compiled), want)


def _process_chunk(items: list[Item]) -> list[Outcome]:
    assert _worker is not None
    return [_worker(*item) for item in items]


def _process(items: list[Item], book: Rulebook, want: Want, options: Options) -> list[Outcome]:
    """The step over the items, in order; in a pool when there are many."""
    if not items:
        return []
    if options.jobs <= 1 or len(items) < POOL_MIN_DOCS:
        results = _serial(items, Step(book, want), options.progress)
    else:
        results = _pooled(items, book, want, options)
    if options.progress:
        _progress(len(items), len(items), done=True)
    return results


def _serial(items: list[Item], step: Step, progress: bool) -> list[Outcome]:
    results = []
    for i, item in enumerate(items, 1):
        results.append(step(*item))
        if progress and i % 100 == 0:
            _progress(i, len(items))
    return results


def _pooled(items: list[Item], book: Rulebook, want: Want, options: Options) -> list[Outcome]:
    # here, for start-up time: a hook run checks a few files, and never starts a pool
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    vocabulary(book)  # compiled once here, not in every worker
    compiled = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    results: list[Outcome] = []
    with ProcessPoolExecutor(
        options.jobs, initializer=_init_worker, initargs=(compiled, want)
    ) as pool:
        for done in pool.map(_process_chunk, chunks):
            results.extend(done)
            if options.progress:
                _progress(len(results), len(items))
    return results


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _progress(i: int, n: int, done: bool = False) -> None:
    sys.stderr.write(f"\rclaimcheck: checking documents {i}/{n}" + ("\n" if done else ""))
    sys.stderr.flush()


def want_progress() -> bool:
    """A progress line only for a person at a terminal: never in hooks, CI or pipes."""
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")
