"""Claims for many documents: from the cache where it has them, else extracted in a process pool.

Extraction is per document and pure, so results do not depend on the number of jobs: the pool maps
in order and every output is sorted by document path afterwards anyway.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from claimcheck.claims import Claim
from claimcheck.documents import Document
from claimcheck.rulebook import Rulebook

# Below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCS = 64
CHUNK = 32

_worker_extractor = None


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


def extract_all(
    docs: Sequence[Document],
    book: Rulebook,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: bool = False,
) -> dict[str, list[Claim]]:
    """Claims of every document, by path."""
    from claimcheck.cache import ClaimCache, content_key

    cache = ClaimCache(cache_dir) if cache_dir is not None else None
    keys = {d.path: content_key(d.text, book.digest) for d in docs}
    hits = cache.get_many(keys.values()) if cache else {}
    out: dict[str, list[Claim]] = {}
    todo: list[Document] = []
    for d in docs:
        cached = hits.get(keys[d.path])
        if cached is not None:
            out[d.path] = cached
        else:
            todo.append(d)
    fresh = _extract(todo, book, jobs, progress)
    out.update(fresh)
    if cache is not None:
        cache.put_many((keys[p], c) for p, c in fresh.items())
        cache.close()
    return out


def _extract(
    todo: list[Document], book: Rulebook, jobs: int, progress: bool
) -> dict[str, list[Claim]]:
    if not todo:
        return {}
    if jobs <= 1 or len(todo) < POOL_MIN_DOCS:
        from claimcheck.extract import Extractor

        extractor = Extractor(book)
        result = {}
        for i, d in enumerate(todo, 1):
            result[d.path] = extractor.extract(d)
            if progress and i % 100 == 0:
                _progress(i, len(todo))
        if progress:
            _progress(len(todo), len(todo), done=True)
        return result
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    result = {}
    done = 0
    import pickle

    from claimcheck.vocab import vocabulary

    vocabulary(book)  # compiled once here, not in every worker
    compiled = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
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
