"""Documents and their claims for a whole run: from the cache where unchanged, else read and
extracted (in a process pool when there are many).

A hook run checks one new article against thousands. The checked articles are read and keyed by
content. A corpus article is known by its file status alone (size, times, inode) while the stat
index says it is unchanged, and is fetched and decoded only when it holds a claim that shares a
join key with a claim of a checked article: the corpus engines define the keys, and no other
article can change a finding. Extraction is per document and pure, so results do not depend on
the number of jobs: the pool maps in order.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck import documents
from claimcheck.claims import Claim
from claimcheck.documents import Document
from claimcheck.findings import Finding
from claimcheck.rulebook import Rulebook

if TYPE_CHECKING:
    from claimcheck.cache import ClaimCache

# Below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCS = 64
CHUNK = 32
# A file changed this recently could change again within one tick of its timestamps: its status
# is not trusted to stand for its content (git's "racy" entries), so it is read next time too.
RACY_NS = 2_000_000_000
ALL_PARTS = ("meta", "corpus", "rest")
CORPUS_PARTS = ("meta", "corpus")

Joins = Callable[[Claim], Iterable[str]]

_worker_extractor = None


@dataclass
class Batch:
    documents: list[Document]  # in the order of the files given; of the corpus, those fetched
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


@dataclass
class _File:
    shown: str
    context: bytes  # what besides its bytes decides how it reads (its folder's manifest)
    checked: bool  # an article checked, not only the corpus around it
    raw: bytes | None = None
    key: str = ""  # content key; "" when unreadable
    stat: str = ""  # status key; "" when unknown or too fresh to trust
    indexed: bool = False  # keyed by the stat index, not read
    entry: _Entry | None = None  # from the cache
    doc: Document | None = None
    problems: tuple[Finding, ...] = ()
    claims: list[Claim] | None = None
    fresh: bool = False  # read and extracted in this run


def load(
    files: Sequence[str],
    book: Rulebook,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: bool = False,
    partial: Callable[[str], bool] | None = None,
    kinds: frozenset[str] | None = None,
    joins: Joins | None = None,
) -> Batch:
    """Read every file and extract its claims, through the cache when one is given.

    The files `partial` is true of are the corpus around the articles checked: of those, only
    claims of `kinds` are fetched, and with `joins`, only documents holding a claim that shares
    a join key with a claim of a checked article.
    """
    from claimcheck.cache import ClaimCache

    cache = ClaimCache(cache_dir) if cache_dir is not None else None
    split = ",".join(sorted(kinds)).encode() if kinds is not None else b"*"
    contexts: dict[Path, bytes] = {}
    every: list[_File] = []
    for shown in files:
        folder = Path(shown).parent
        if folder not in contexts:
            contexts[folder] = documents.manifest_bytes(folder) + b"\0" + split
        every.append(_File(shown, contexts[folder], partial is None or not partial(shown)))
    try:
        _key(every, book.digest, cache)
        checked = [f for f in every if f.checked]
        around = [f for f in every if not f.checked]
        if cache is not None:
            _fetch(cache, [f for f in checked if f.key], ALL_PARTS)
            _fetch(cache, [f for f in around if f.key and not f.indexed], CORPUS_PARTS)
        _complete(every, book, jobs, progress)
        indexed = [f for f in around if f.indexed]
        if cache is not None and indexed:
            if joins is not None:
                wanted = {j for f in checked for c in f.claims or () for j in joins(c)}
                meet = cache.joined(wanted)
                skipped = {id(f) for f in indexed if f.key not in meet}
                every = [f for f in every if id(f) not in skipped]
                indexed = [f for f in indexed if id(f) not in skipped]
            _fetch(cache, indexed, CORPUS_PARTS)
            for f in indexed:  # an index row without its entry: read it like a new file
                if f.entry is None:
                    f.indexed = False
                    _read(f, book.digest)
            _complete(indexed, book, jobs, progress)
        if cache is not None:
            cache.put_many(
                (f.key, _Entry.encode(f.doc, list(f.problems), f.claims or [], kinds), j)
                for f in every
                if f.fresh and f.key
                for j in [sorted({x for c in f.claims or () for x in joins(c)} if joins else ())]
            )
            cache.remember(
                (os.path.abspath(f.shown), f.stat, f.key)
                for f in every
                if f.stat and f.key and not f.indexed
            )
    finally:
        if cache is not None:
            cache.close()
    out = Batch([], [], {})
    for f in every:
        out.findings.extend(f.problems)
        if f.doc is not None:
            out.documents.append(f.doc)
            out.claims[f.doc.path] = f.claims or []
    return out


def _key(every: list[_File], rulebook_digest: str, cache: ClaimCache | None) -> None:
    """Key each file. A corpus file the stat index knows unchanged is not read; every other
    file is read and keyed by its bytes (a checked file's text is needed anyway)."""
    from claimcheck.cache import stat_key

    now = time.time_ns()
    for f in every:
        try:
            st = os.stat(f.shown)
        except OSError:
            continue  # documents.read reports it
        if now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            f.stat = stat_key(st, f.context, rulebook_digest)
    known: dict[str, str] = {}
    if cache is not None:
        known = cache.index((os.path.abspath(f.shown), f.stat) for f in every if f.stat)
    for f in every:
        if not f.checked and f.stat:
            f.key = known.get(os.path.abspath(f.shown), "")
            f.indexed = bool(f.key)
        if not f.indexed:
            _read(f, rulebook_digest)


def _read(f: _File, rulebook_digest: str) -> None:
    from claimcheck.cache import content_key

    try:
        f.raw = Path(f.shown).read_bytes()
    except OSError:
        f.key = ""  # documents.read reports it
        return
    f.key = content_key(f.raw, f.context, rulebook_digest)


def _fetch(cache: ClaimCache, group: list[_File], parts: tuple[str, ...]) -> None:
    """The cached entries of the group; each found becomes its document and claims."""
    got = cache.get_many([f.key for f in group], parts, _Entry.decode)
    for f in group:
        entry = got.get(f.key)
        if entry is None:
            continue
        f.entry = entry
        f.problems = tuple(Finding.from_record(f.shown, p) for p in entry.findings)
        if entry.doc is None:
            continue
        if f.raw is None:
            try:
                f.raw = Path(f.shown).read_bytes()
            except OSError:
                f.entry = None  # gone since: read (and reported) like any other file
                continue
        text = documents.decode(f.raw)
        f.doc = documents.from_record(f.shown, text, entry.doc)
        f.claims = entry.claims


def _complete(group: list[_File], book: Rulebook, jobs: int, progress: bool) -> None:
    """Read and extract the files of the group the cache did not serve."""
    manifests: dict[Path, dict[str, Any] | None] = {}
    todo: list[_File] = []
    for f in group:
        if f.entry is not None or f.indexed or f.fresh:
            continue
        f.doc, problems = documents.read(f.shown, manifests, f.raw)
        f.problems = tuple(problems)
        f.fresh = True
        if f.doc is not None:
            todo.append(f)
    extracted = _extract([f.doc for f in todo if f.doc is not None], book, jobs, progress)
    for f in todo:
        f.claims = extracted[f.shown]


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
