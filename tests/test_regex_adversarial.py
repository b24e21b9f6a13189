"""Adversarial input for the extractor's regular expressions, through the public extraction path.

Each family is a run of something a pattern may backtrack over (digits, commas, spaces, dots,
"Mr. Mr. ...", unclosed quotes, "US$ US$ ...", month names, hyphenated words, ...), put inside a
sentence that names what the extractors look for (a title, a person, countries, a metric, a
figure, an event's verb), so that every extractor, and so every pattern, runs over it. The time
at n and at 4n is compared: linear work grows 4x, quadratic 16x; the bound is 8x. Growth, not
wall time: CPU time of the process, the best of two (then of four when the ratio looks
high); a run fast at 4n (under FLOOR) cannot hide a blow-up at these sizes and is not compared.

The words come from the project's rule files; the phrases around them are English.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import cache

import pytest
from conftest import REPO_ROOT

from claimcheck import checks, rulebook
from claimcheck.extract import Extractor
from claimcheck.model.document import Document
from claimcheck.run import articles as documents

N = 20_000  # characters of the adversarial run at n (4n: 80,000)
RATIO = 8.0
FLOOR = 0.25  # seconds at 4n under which growth is not judged


@cache
def book() -> rulebook.Rulebook:
    return rulebook.load([REPO_ROOT / "rules"])


@cache
def extractor() -> Extractor:
    checks.load_engines()
    return Extractor(book())


@cache
def words() -> dict[str, str]:
    """One word of each kind from the rules: what makes the extractors look at a sentence."""
    b = book()
    person = next(iter(b.people.values()))
    office = next(o for o in b.offices.values() if o.holders)
    entities = [e for e in b.entities.values() if e.demonyms][:2]
    metric = next(m for m in b.metrics.values() if m.dimension == "currency")
    term = next(iter(b.terms.values()))
    event = next(iter(b.events.values()))
    return {
        "person": f"{person.given} {person.family}",
        "family": person.family,
        "title": office.title,
        "demonym": entities[0].demonyms[0],
        "a": entities[0].names[0],
        "b": entities[1].names[0],
        "metric": metric.aliases[0],
        "term": term.name,
        "wrong": term.variants[0].wrong if term.variants else term.name.lower(),
        "event": event.aliases[0],
    }


def families() -> dict[str, Callable[[dict[str, str]], str]]:
    """Name → the unit repeated (given the rule words)."""
    return {
        "digits": lambda w: "1",
        "digits-commas": lambda w: "1,",
        "thousands": lambda w: "123,",
        "digits-dots": lambda w: "1.",
        "decimal-runs": lambda w: "1.5",
        "commas": lambda w: ",",
        "spaces": lambda w: " ",
        "tabs": lambda w: "\t",
        "nbsp": lambda w: "\u00a0",
        "newlines": lambda w: "\n",
        "dots": lambda w: ".",
        "words": lambda w: "word ",
        "mr": lambda w: "Mr. ",
        "mr-family": lambda w: f"Mr. {w['family']} ",
        "unclosed-quote": lambda w: '"said ',
        "curly-quote": lambda w: "\u201cwe ",
        "usd": lambda w: "US$ ",
        "usd-figures": lambda w: "US$1 ",
        "currency-scale": lambda w: "US$1.5 billion, ",
        "percent": lambda w: "5 % ",
        "months": lambda w: "January ",
        "month-days": lambda w: "January 15, ",
        "month-years": lambda w: "January 2015 ",
        "years": lambda w: "2015, ",
        "hyphens": lambda w: "well-",
        "hyphen-digits": lambda w: "1-",
        "dashes": lambda w: "- ",
        "parens": lambda w: "(",
        "and": lambda w: "and ",
        "of-the": lambda w: "of the ",
        "capitals": lambda w: "Abc ",
        "initials": lambda w: "A. ",
        "titles": lambda w: f"{w['title']} ",
        "former-titles": lambda w: f"former {w['demonym']} {w['title']} ",
        "people": lambda w: f"{w['person']}, ",
        "demonyms": lambda w: f"{w['demonym']} ",
        "countries": lambda w: f"{w['a']} and {w['b']} ",
        "metrics": lambda w: f"{w['metric']} ",
        "terms": lambda w: f"{w['wrong']} ",
        "events": lambda w: f"{w['event']} ",
        "elect": lambda w: "-elect ",
        "year-on-year": lambda w: "year-on-year ",
        "rose": lambda w: "rose ",
        "established": lambda w: "was established ",
        "ranks": lambda w: "the 3rd largest ",
        "ordinals": lambda w: "40th ",
        "between": lambda w: "between the two countries ",
        "slashes": lambda w: "1/",
        "apostrophes": lambda w: f"{w['a']}'s ",
        "combining": lambda w: "e\u0301",
        "rtl": lambda w: "\u05e9\u05dc\u05d5\u05dd ",
    }


def document(unit: str, size: int) -> Document:
    """An article whose one sentence holds `size` characters of `unit` amid what extractors
    look for."""
    w = words()
    run = unit * max(1, size // len(unit))
    head = (
        f"{w['demonym']} {w['title']} {w['person']} said {w['a']} and {w['b']} "
        f"{w['metric']} reached US$1.5 billion in 2015, up 5 %, the 3rd largest, "
    )
    tail = (
        f" rose year-on-year to 47.6 billion as {w['event']} was established with {w['a']} "
        f"in January 2014, the {w['wrong']}, Mr. {w['family']}-elect said."
    )
    text = f"---\ndate: 2015-09-15\n---\n{head}{run}{tail}\n"
    doc, problems = documents.read("adversarial.md", {}, text.encode("utf-8"))
    assert doc is not None, problems
    return doc


def extract_time(doc: Document) -> float:
    """The best of two: the extractor and the document engines on one article. CPU time of this
    process, not wall time: other work on a shared machine does not count."""
    best = float("inf")
    collecting = gc.isenabled()
    gc.disable()  # as claimcheck runs (cli._main); in a full test run the cycle collector
    try:  # scanned the heap of every test before, in proportion to what each run allocates
        for _ in range(2):
            start = time.process_time()
            claims = extractor().extract(doc)
            checks.document_findings(doc, claims, book())
            best = min(best, time.process_time() - start)
    finally:
        if collecting:
            gc.enable()
    return best


@pytest.mark.parametrize("family", sorted(families()))
def test_extraction_grows_linearly(family: str) -> None:
    unit = families()[family](words())
    at_n, at_4n = document(unit, N), document(unit, 4 * N)
    small, large = extract_time(at_n), extract_time(at_4n)
    if large >= FLOOR and large / small >= RATIO:  # a busy moment of a shared machine? again
        small, large = min(small, extract_time(at_n)), min(large, extract_time(at_4n))
    if large < FLOOR:
        return
    assert large / small < RATIO, f"{family}: {small:.3f} s at n, {large:.3f} s at 4n"


def test_the_sentence_reaches_the_extractors() -> None:
    """The frame itself gives claims of several kinds: otherwise the families test nothing."""
    claims = extractor().extract(document("word ", 100))
    assert len({c.kind for c in claims}) >= 3, [c.kind for c in claims]
