"""`claimcheck claims`: show what the extractor understood, and what it could not read.

For a rule writer: every claim with its kind, subject, target, value interval and unit, period
and span; then a coverage summary counting the sentences that hold a figure, a written date
(an event said in words no rule reads), a rank word or a known title and yet gave no claim (a
checker that silently skips what it cannot read is the known failure of tools in this field).
`--unparsed` lists those sentences.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from claimcheck.commands import EXIT_CLEAN, JobError, add_rules_options, settings, write
from claimcheck.reports import names

if TYPE_CHECKING:
    from claimcheck.extract import Extractor
    from claimcheck.model.document import Document
    from claimcheck.reports.claims_list import DocClaims
    from claimcheck.rulebook import Rulebook


def register(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "claims",
        help="list the claims extracted from articles, and the sentences left unread",
        description="List every claim the extractor finds in the articles (kind, subject, "
        "target, value interval and unit, period, span), with a coverage summary of the "
        "sentences that hold a number, a date, a rank word or a known title but gave no claim.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="articles or folders")
    add_rules_options(p)
    p.add_argument("--format", choices=names("claims"), default="text", help="output format (text)")
    p.add_argument(
        "--unparsed",
        action="store_true",
        help="list the sentences with a number, date, rank word or title that gave no claim",
    )
    return p


def run(args: argparse.Namespace) -> int:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.run import articles as documents
    from claimcheck.run import pipeline

    s = settings(args)
    book = pipeline.load_rules(s.rules)
    targets, missing = documents.collect(args.paths, s.include, s.exclude)
    if missing:
        raise JobError("\n".join(f"{p}: no such file or folder" for p in missing))
    loaded = documents.load(targets)
    reports = [read(doc, book) for doc in loaded.documents]
    problems = [f"{f.path}:{f.line}:{f.column}: {f.message}" for f in loaded.findings]
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.reports import renderer

    write(renderer(args.format, "claims")(reports, problems, args.unparsed))
    return EXIT_CLEAN


def read(doc: Document, book: Rulebook) -> DocClaims:
    """Extract one document's claims and measure which candidate sentences gave none."""
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.extract import numbers, periods, sentences
    from claimcheck.extract.ranks import RANK_WORDS
    from claimcheck.reports.claims_list import DocClaims, Unparsed

    claims = _extractor(book).extract(doc)
    out = DocClaims(
        doc.path,
        str(doc.date) if doc.date else None,
        claims,
        [(*doc.position(c.start), *doc.position(c.end)) for c in claims],
    )
    spans = sentences.split(doc.text, doc.body_start)
    out.sentences = len(spans)
    covered = sorted((c.start, c.end) for c in claims)
    titles = _title_spans(book, doc.text)
    for a, b in spans:
        found = periods.find(doc.text, a, b, doc.date)
        figures = numbers.find(doc.text, a, b, [(p.start, p.end) for p in found])
        reasons = []
        if figures:
            reasons.append("number")
        if any(p.phrase == "stated" and _has_digit(doc.text, p.start, p.end) for p in found):
            reasons.append("date")  # an event said with a date that no rule reads shows here
        if RANK_WORDS.search(doc.text, a, b):
            reasons.append("rank word")
        if any(x < b and a < y for x, y in titles):
            reasons.append("title")
        if not reasons:
            continue
        out.candidates += 1
        mine = [(x, y) for x, y in covered if x < b and a < y]
        if not mine:
            line, col = doc.position(a)
            out.unparsed.append(Unparsed(a, b, line, col, doc.text[a:b], reasons))
            continue
        for n in figures:
            if not any(x < n.end and n.start < y for x, y in mine):
                line, col = doc.position(n.start)
                out.unread.append(
                    Unparsed(n.start, n.end, line, col, doc.text[n.start : n.end], [])
                )
    return out


def _has_digit(text: str, start: int, end: int) -> bool:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.extract.context import DIGIT

    return DIGIT.search(text, start, end) is not None


_CACHE: dict[int, tuple[Rulebook, Extractor]] = {}


def _extractor(book: Rulebook) -> Extractor:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.extract import Extractor

    got = _CACHE.get(id(book))
    if got is None or got[0] is not book:
        got = _CACHE[id(book)] = (book, Extractor(book))
    return got[1]


def _title_spans(book: Rulebook, text: str) -> list[tuple[int, int]]:
    # when the command runs: the CLI imports every command's module for --help (start-up time)
    from claimcheck.rulebook.vocab import fold

    vocab = _extractor(book).vocab
    return [
        (m.start, m.end)
        for m in vocab.longest(text, fold(text))
        if any(e.kind == "office" for e in m.entries)
    ]


# --- output --------------------------------------------------------------------------------------
