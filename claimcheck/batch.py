"""Documents and their claims for a whole run: from the cache where unchanged, else read and
extracted (in a process pool when there are many).

A hook run checks one new article against thousands: every unchanged article then costs a file
read, a hash and a cache row, not a front-matter parse and an extraction. Extraction is per
document and pure, so results do not depend on the number of jobs: the pool maps in order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck import documents
from claimcheck.claims import Claim
from claimcheck.documents import Document
from claimcheck.findings import Finding
from claimcheck.rulebook import Rulebook

# Below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCS = 64
CHUNK = 32

_worker_extractor = None


@dataclass
class Batch:
    documents: list[Document]  # in the order of the files given
    findings: list[Finding]  # problems with the documents themselves
    claims: dict[str, list[Claim]]  # by Document.path


@dataclass
class _Entry:
    """One cached document (no path: keyed by content): metadata and its own findings, and the
    claims fetched (the ones corpus engines read, and the rest when asked for)."""

    doc: dict[str, Any] | None
    findings: list[dict[str, Any]]
    claims: list[Claim]

    @classmethod
    def decode(cls, data: dict[str, Any]) -> _Entry:
        """Raises KeyError/TypeError/ValueError on a malformed entry (the cache then rebuilds)."""
        meta = data["meta"]
        claims = data["corpus"] + data.get("rest", [])
        if "rest" in data:  # back in text order, as extracted (the sort is stable)
            claims.sort(key=lambda c: (c["start"], c["end"], c["kind"]))
        return cls(meta["doc"], meta["findings"], [Claim.from_json(c) for c in claims])

    @staticmethod
    def encode(
        doc: Document | None,
        problems: list[Finding],
        claims: list[Claim],
        kinds: frozenset[str] | None,
    ) -> dict[str, Any]:
        meta = {
            "doc": documents.to_record(doc) if doc else None,
            "findings": [f.to_record() for f in problems],
        }
        mine = [c.to_json() for c in claims]
        corpus = [c for c in mine if kinds is None or c["kind"] in kinds]
        rest = [c for c in mine if kinds is not None and c["kind"] not in kinds]
        return {"meta": meta, "corpus": corpus, "rest": rest}


def load(
    files: Sequence[str],
    book: Rulebook,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: bool = False,
    partial: Callable[[str], bool] | None = None,
    kinds: frozenset[str] | None = None,
) -> Batch:
    """Read every file and extract its claims, through the cache when one is given.

    For the files `partial` is true of (the corpus around the articles checked), only claims of
    `kinds` are fetched from the cache: the corpus engines read no others.
    """
    from claimcheck.cache import ClaimCache, content_key

    cache = ClaimCache(cache_dir) if cache_dir is not None else None
    raws: dict[str, bytes] = {}
    keys: dict[str, str] = {}
    contexts: dict[Path, bytes] = {}
    split = ",".join(sorted(kinds)).encode() if kinds is not None else b"*"
    for shown in files:
        try:
            raws[shown] = Path(shown).read_bytes()
        except OSError:
            continue  # documents.read reports it
        folder = Path(shown).parent
        if folder not in contexts:
            contexts[folder] = documents.manifest_bytes(folder) + b"\0" + split
        keys[shown] = content_key(raws[shown], contexts[folder], book.digest)
    hits: dict[str, _Entry] = {}
    if cache is not None:
        some: list[str] = []
        every: list[str] = []
        for p, k in keys.items():
            (some if partial is not None and partial(p) else every).append(k)
        hits.update(cache.get_many(some, ("meta", "corpus"), _Entry.decode))
        hits.update(cache.get_many(every, ("meta", "corpus", "rest"), _Entry.decode))

    out = Batch([], [], {})
    manifests: dict[Path, dict[str, Any] | None] = {}
    todo: list[Document] = []
    fresh: dict[str, tuple[Document | None, list[Finding]]] = {}
    for shown in files:
        entry = hits.get(keys.get(shown, ""))
        if entry is not None:
            out.findings.extend(Finding.from_record(shown, f) for f in entry.findings)
            if entry.doc is not None:
                text = documents.decode(raws[shown])
                out.documents.append(documents.from_record(shown, text, entry.doc))
                out.claims[shown] = entry.claims
            continue
        read, problems = documents.read(shown, manifests, raws.get(shown))
        out.findings.extend(problems)
        fresh[shown] = (read, problems)
        if read is not None:
            out.documents.append(read)
            todo.append(read)
    out.claims.update(_extract(todo, book, jobs, progress))
    if cache is not None:
        cache.put_many(
            (keys[p], _Entry.encode(d, problems, out.claims.get(p, []), kinds))
            for p, (d, problems) in fresh.items()
            if p in keys
        )
        cache.close()
    return out


def _init_worker(compiled: bytes) -> None:
    import pickle

    from claimcheck.extract import Extractor

    global _worker_extractor
    _worker_extractor = Extractor(pickle.loads(compiled))


def _extract_chunk(docs: list[Document]) -> list[list[Claim]]:
    assert _worker_extractor is not None
    return [_worker_extractor.extract(d) for d in docs]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _extract(
    todo: list[Document], book: Rulebook, jobs: int, progress: bool
) -> dict[str, list[Claim]]:
    if not todo:
        return {}
    result: dict[str, list[Claim]] = {}
    if jobs <= 1 or len(todo) < POOL_MIN_DOCS:
        from claimcheck.extract import Extractor

        extractor = Extractor(book)
        for i, d in enumerate(todo, 1):
            result[d.path] = extractor.extract(d)
            if progress and i % 100 == 0:
                _progress(i, len(todo))
    else:
        import pickle

        from claimcheck.vocab import vocabulary

        vocabulary(book)  # compiled once here, not in every worker
        compiled = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
        chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
        done = 0
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(compiled,)) as pool:
            for chunk, claims in zip(chunks, pool.map(_extract_chunk, chunks), strict=True):
                for d, c in zip(chunk, claims, strict=True):
                    result[d.path] = c
                done += len(chunk)
                if progress:
                    _progress(done, len(todo))
    if progress:
        _progress(len(todo), len(todo), done=True)
    return result


def _progress(i: int, n: int, done: bool = False) -> None:
    sys.stderr.write(f"\rclaimcheck: extracting claims {i}/{n}" + ("\n" if done else ""))
    sys.stderr.flush()


def want_progress() -> bool:
    """A progress line only for a person at a terminal: never in hooks, CI or pipes."""
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")
