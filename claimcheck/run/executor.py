"""Documents, their claims and their own findings for a whole run: from the cache where
unchanged, else read, extracted and checked (in a process pool when there are many).

All per-document work (front matter, extraction, the document engines, encoding the cache entry)
runs where the document is extracted, in the workers; the main process receives the document,
its findings and only the claims it still needs (the kinds corpus engines read, or every claim
when a report quotes them), so that it neither does the serial work nor holds every claim of a
large archive.

A hook run checks one new article against thousands. The checked articles are read and keyed by
content. A corpus article is known by its file status alone (size, times, inode) while the stat
index says it is unchanged, and is fetched and decoded only when it holds a claim that shares a
join key with a claim of a checked article: the corpus engines define the keys, and no other
article can change a finding. Work per document is pure, so results do not depend on the number
of jobs: the pool maps in order.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck import documents
from claimcheck.claims import Claim
from claimcheck.documents import Document
from claimcheck.findings import Finding
from claimcheck.rulebook import Rulebook
from claimcheck.values import value

if TYPE_CHECKING:
    from claimcheck.cache import ClaimCache
    from claimcheck.checks import BoundJoins
    from claimcheck.extract import Extractor

# Below this many documents to extract, a pool costs more to start than it saves.
POOL_MIN_DOCS = 64
CHUNK = 32
# A file changed this recently could change again within one tick of its timestamps: its status
# is not trusted to stand for its content (git's "racy" entries), so it is read next time too.
RACY_NS = 2_000_000_000


@value(slots=False)
class Options:
    """What a run wants of each document (the same in every worker)."""

    kinds: frozenset[str] | None = None  # claim kinds the corpus engines read (None: all)
    keep_all: bool = False  # keep every claim of the checked documents, not only `kinds`
    joins: bool = False  # compute the corpus engines' join keys
    caching: bool = False  # encode each document's cache entry


@dataclass
class Batch:
    """What `load` gives a run: documents, their findings, the claims kept of them."""

    documents: list[Document]  # in the order of the files given; of the corpus, those fetched
    findings: list[Finding]  # problems with the documents, and the document engines' findings
    claims: dict[str, list[Claim]]  # by Document.path: the kinds asked for
    claim_count: int = 0  # every claim of the checked documents


@dataclass
class _Done:
    """One document read, extracted and checked (what a worker sends back), or served from the
    cache: what the run keeps of it."""

    doc: Document | None
    problems: list[Finding]  # problems with the document itself
    findings: list[Finding] = field(default_factory=list)  # the document engines'
    claims: list[Claim] = field(default_factory=list)  # the kinds asked for
    count: int = 0  # every claim
    # of a fresh document: its claims that can meet others' (join key, claim JSON), with the
    # document's date and where the date came from
    joins: list[tuple[str, str, str, str]] = field(default_factory=list)
    entry: dict[str, str] | None = None  # of a fresh document: its encoded cache entry


@dataclass
class _File:
    """One file of the run as `load` works through it: keyed, then served or processed."""

    shown: str
    context: bytes  # what besides its bytes decides how it reads (its folder's manifest)
    checked: bool  # an article checked, not only the corpus around it
    where: str = ""  # absolute path: the stat index's key
    raw: bytes | None = None
    given: bool = False  # raw given by the caller (an editor's buffer), not the file on disk
    key: str = ""  # content key; "" when unreadable
    stat: str = ""  # status key; "" when unknown or too fresh to trust
    indexed: bool = False  # keyed by the stat index, not read
    result: _Done | None = None  # served from the cache or processed in this run


class _Processor:
    """Reads, extracts and checks one document at a time: in a worker or in the main process."""

    def __init__(self, book: Rulebook, options: Options) -> None:
        from claimcheck import checks
        from claimcheck.extract import Extractor

        self.book = book
        self.options = options
        self.extractor: Extractor = Extractor(book)
        self.joins = checks.corpus_joins(book) if options.joins else None
        self.manifests: dict[Path, dict[str, Any] | None] = {}

    def __call__(self, shown: str, raw: bytes | None, checked: bool) -> _Done:
        from claimcheck import checks

        doc, problems = documents.read(shown, self.manifests, raw)
        out = _Done(doc, problems)
        claims = self.extractor.extract(doc) if doc is not None else []
        if doc is not None:
            out.findings = checks.document_findings(doc, claims, self.book)
        out.count = len(claims)
        kinds = None if checked and self.options.keep_all else self.options.kinds
        out.claims = [c for c in claims if kinds is None or c.kind in kinds]
        if self.joins is not None:
            dated = (str(doc.date) if doc.date else "", doc.date_source) if doc else ("", "")
            out.joins = [(k, _json(c.to_row()), *dated) for k, c in self.joins(claims)]
        if self.options.caching:
            out.entry = encode(doc, problems, out.findings, claims, self.options.kinds)
        return out


def encode(
    doc: Document | None,
    problems: list[Finding],
    found: list[Finding],
    claims: list[Claim],
    kinds: frozenset[str] | None,
) -> dict[str, str]:
    """A document's cache entry, each part as JSON: metadata, the document engines' findings,
    the claims corpus engines read, and the rest."""
    meta = {
        "doc": documents.to_record(doc) if doc else None,
        "problems": [f.to_record() for f in problems],
        "count": len(claims),
    }
    corpus = [c.to_row() for c in claims if kinds is None or c.kind in kinds]
    rest = [c.to_row() for c in claims if kinds is not None and c.kind not in kinds]
    parts = {"meta": meta, "findings": [f.to_record() for f in found], "corpus": corpus}
    parts["rest"] = rest
    return {k: _json(v) for k, v in parts.items()}


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _decode(f: _File, data: dict[str, Any]) -> _Done:
    """A file's result from its cache entry. Raises KeyError/TypeError/ValueError on a malformed
    entry, OSError when the file is gone since it was keyed."""
    meta = data["meta"]
    claims = data.get("corpus", []) + data.get("rest", [])
    if "rest" in data:  # back in text order, as extracted (the sort is stable)
        claims.sort(key=lambda c: (c[1], c[2], c[0]))  # start, end, kind
    doc = None
    if meta["doc"] is not None and f.raw is None and not f.checked:
        doc = documents.from_record(f.shown, "", meta["doc"], documents.reader(f.shown))
    elif meta["doc"] is not None:
        if f.raw is None:
            f.raw = documents.read_bytes(Path(f.shown))
        doc = documents.from_record(f.shown, documents.decode(f.raw), meta["doc"])
    return _Done(
        doc,
        [Finding.from_record(f.shown, p) for p in meta["problems"]],
        [Finding.from_record(f.shown, p) for p in data.get("findings", [])],
        [Claim.from_row(c) for c in claims],
        meta["count"],
    )


def load(
    files: Sequence[str],
    book: Rulebook,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: bool = False,
    partial: Callable[[str], bool] | None = None,
    kinds: frozenset[str] | None = None,
    joins: BoundJoins | None = None,
    keep_all: bool = False,
    stats: Mapping[str, os.stat_result] | None = None,
    stats_ns: int = 0,
    texts: Mapping[str, bytes] | None = None,
) -> Batch:
    """Read every file, extract its claims and run the document engines on it, through the cache
    when one is given.

    The files `partial` is true of are the corpus around the articles checked: of those, only
    claims of `kinds` are kept, and with `joins`, of an unchanged file only its claims that share
    a join key with a claim of a checked article (the others cannot change a finding). Of the
    checked files, the claims of `kinds` are kept, or all of them with `keep_all`. `stats`: the
    files' status where the caller has it already, taken no earlier than `stats_ns`. `texts`:
    the bytes of files the caller read itself (standard input), whatever is on disk.
    """
    from claimcheck.cache import ClaimCache

    cache = ClaimCache(cache_dir) if cache_dir is not None else None
    caching = cache is not None  # join keys serve only a later run, through the cache
    options = Options(kinds, keep_all, caching and joins is not None, caching)
    split = ",".join(sorted(kinds)).encode() if kinds is not None else b"*"
    contexts: dict[str, bytes] = {}
    every: list[_File] = []
    here = os.getcwd()
    for shown in files:
        folder = os.path.dirname(shown)
        if folder not in contexts:
            contexts[folder] = documents.manifest_bytes(Path(folder)) + b"\0" + split
        checked = partial is None or not partial(shown)
        where = documents.absolute(here, shown)
        f = _File(shown, contexts[folder], checked, where)
        if texts is not None and shown in texts:
            f.raw, f.given = texts[shown], True
        every.append(f)
    try:
        _key(every, book.digest, cache, stats or {}, stats_ns)
        targets = [f for f in every if f.checked]
        around = [f for f in every if not f.checked]
        if cache is not None:
            parts = ("meta", "findings", "corpus", *(("rest",) if keep_all else ()))
            _fetch(cache, [f for f in targets if f.key], parts)
            _fetch(cache, [f for f in around if f.key and not f.indexed], ("meta", "corpus"))
        _process(
            [f for f in every if f.result is None and not f.indexed], book, options, jobs, progress
        )
        indexed = [f for f in around if f.indexed]
        if cache is not None and indexed:
            if joins is None:
                _fetch(cache, indexed, ("meta", "corpus"))
            else:  # only the articles, and only the claims, that meet a checked article's
                wanted = {
                    k for f in targets if f.result is not None for k, _ in joins(f.result.claims)
                }
                meet = cache.joined(wanted)
                every = [f for f in every if not f.indexed or f.key in meet]
                indexed = [f for f in indexed if f.key in meet]
                for f in indexed:  # known by path and date; its text read if a line is cited
                    date, source, rows = meet[f.key]
                    record = {"body_start": 0, "meta": {}, "date": date, "date_source": source}
                    try:
                        claims = _claims(rows)
                        doc = documents.from_record(f.shown, "", record, documents.reader(f.shown))
                    except (KeyError, TypeError, ValueError) as exc:
                        cache.unusable(exc)  # read, extracted and stored again below
                        cache.forget(f.key)
                        continue
                    f.result = _Done(doc, [], claims=claims)
            for f in indexed:  # an index row without its entry: read it like a new file
                if f.result is None:
                    f.indexed = False
                    _read(f, book.digest)
            _process([f for f in indexed if f.result is None], book, options, jobs, progress)
        if cache is not None:
            fresh = [(f.key, f.result) for f in every if f.key and f.result is not None]
            cache.put_many((k, r.entry, r.joins) for k, r in fresh if r.entry)
            cache.remember(
                (f.where, f.stat, f.key) for f in every if f.key and not (f.indexed or f.given)
            )
    finally:
        if cache is not None:
            cache.close()
    out = Batch([], [], {})
    for f in every:
        r = f.result
        if r is None:
            continue
        out.findings.extend(r.problems)
        if f.checked:
            out.findings.extend(r.findings)
            out.claim_count += r.count
        if r.doc is not None:
            out.documents.append(r.doc)
            out.claims[r.doc.path] = r.claims
    return out


def _claims(rows: list[Any]) -> list[Claim]:
    """Claims from their rows (decoded and shape-checked by the cache), in text order as
    extracted."""
    claims = [Claim.from_row(c) for c in rows]
    return sorted(claims, key=lambda c: (c.start, c.end, c.kind))


def _key(
    every: list[_File],
    rulebook_digest: str,
    cache: ClaimCache | None,
    stats: Mapping[str, os.stat_result],
    stats_ns: int,
) -> None:
    """Key each file. A corpus file the stat index knows unchanged is not read; every other
    file is read and keyed by its bytes (a checked file's text is needed anyway). Without a
    cache there is nothing to key: the workers read the files."""
    from claimcheck.cache import stat_key, stat_salt

    if cache is None:
        return
    now = stats_ns or time.time_ns()  # when the statuses were taken: "recently" is before it
    salts: dict[bytes, str] = {}
    for f in every:
        if f.given:
            continue  # its bytes are not the file's: no status can stand for them
        st = stats.get(f.shown)
        if st is None:
            try:
                st = os.stat(f.shown)
            except OSError:
                continue  # documents.read reports it
        if now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            if f.context not in salts:
                salts[f.context] = stat_salt(f.context, rulebook_digest)
            f.stat = stat_key(st, salts[f.context])
    known = cache.index((f.where, f.stat) for f in every if f.stat)
    for f in every:
        if not f.checked and f.stat:
            f.key = known.get(f.where, "")
            f.indexed = bool(f.key)
        if not f.indexed:
            _read(f, rulebook_digest)


def _read(f: _File, rulebook_digest: str) -> None:
    from claimcheck.cache import content_key

    if not f.given:
        try:
            f.raw = documents.read_bytes(Path(f.shown))
        except OSError:
            f.key = ""  # documents.read reports it
            return
    assert f.raw is not None
    f.key = content_key(f.raw, f.context, rulebook_digest)


def _fetch(cache: ClaimCache, group: list[_File], parts: Sequence[str]) -> None:
    """Serve the group from the cache, where it has them."""
    got = cache.get_many((f.key for f in group), parts)
    for f in group:
        data = got.get(f.key)
        if data is None:
            continue
        try:
            f.result = _decode(f, data)
        except OSError:  # gone since it was keyed: read (and reported) like any other file
            pass
        except (KeyError, TypeError, ValueError) as exc:
            cache.unusable(exc)


_worker: _Processor | None = None


def _init_worker(compiled: bytes, options: Options) -> None:
    import pickle

    global _worker
    _worker = _Processor(pickle.loads(compiled), options)


def _process_chunk(items: list[tuple[str, bytes | None, bool]]) -> list[_Done]:
    assert _worker is not None
    return [_worker(*item) for item in items]


def _process(
    group: list[_File], book: Rulebook, options: Options, jobs: int, progress: bool
) -> None:
    """Read, extract and check the files of the group, in order; in a pool when there are many."""
    if not group:
        return
    items = [(f.shown, f.raw, f.checked) for f in group]
    results: list[_Done] = []
    if jobs <= 1 or len(group) < POOL_MIN_DOCS:
        one = _Processor(book, options)
        for i, item in enumerate(items, 1):
            results.append(one(*item))
            if progress and i % 100 == 0:
                _progress(i, len(items))
    else:
        import pickle
        from concurrent.futures import ProcessPoolExecutor

        from claimcheck.vocab import vocabulary

        vocabulary(book)  # compiled once here, not in every worker
        compiled = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        with ProcessPoolExecutor(
            jobs, initializer=_init_worker, initargs=(compiled, options)
        ) as pool:
            for done in pool.map(_process_chunk, chunks):
                results.extend(done)
                if progress:
                    _progress(len(results), len(items))
    if progress:
        _progress(len(items), len(items), done=True)
    for f, r in zip(group, results, strict=True):
        f.result = r


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
