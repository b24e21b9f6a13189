"""Extraction skips what cannot hold a claim, and never more: the quick tests in front of the
period and number scans (a sentence with no digit, month name or period word is not scanned) are
sound, whatever the text. Also the years a date may carry (1000 to 2099, bound to a month or a
day) and the document context shared by a document's sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import rulebook
from claimcheck.extract import Extractor, Marks, numbers, periods
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.rulebook.vocab import fold

# Period and number phrases of every kind, look-alikes ("May" the verb, "often" holding "ten"),
# and the letters that case-insensitive patterns read as ASCII ones ("ſ" is an "s").
PIECES = (
    "in 2022|Q1|h2|FY2021|fiscal 2020|the financial year 2019|the entire year of 2018|"
    "the whole of 2017|the first quarter|the second half of|the first three months|this year|"
    "last year|the current year|the previous year|the past two decades|over the last century|"
    "the last half-century|in recent years|a few months|currently|presently|nowadays|now|today|"
    "to date|so far|at present|at the moment|up to now|until now|as of now|as of today|"
    "the same period|a year earlier|since|end of|by|January|May|Jun.|Sept.|Dec|may|march|"
    "1|12|31|1st|4th|1624|1999|2099|2100|12/3/2020|-|–|to|between|and|,|.|(|$|US$|¥|USD|VND|"
    "5,000|47.6|million|a thousand|bn|m|k|percent|%|fold|twofold|hundredfold|doubled|a|an|one|"
    "two|ten|twenty-five|seventeen|zero|a dozen|hundreds|about|often|attention|the|these|"
    "ſix|preſent|perıod|İ|K|x|TODAY|Now|YEARS|Decade|SO FAR|Twelve|"
    "$US|$ US|US $|HK $|A $|$A|U.S. $|VNDirect|USDA|dong|yen|US dollars|Bln|2-3|12,000-15,000"
).split("|")


def brute_periods(text: str) -> list[str]:
    """Every period pattern tried at every position: what the scan could ever find."""
    found = []
    for a in range(len(text)):
        for _, pat in periods._PATTERNS:
            m = pat.match(text, a)
            if m is not None and m.end() > m.start():
                found.append(m.group(0))
    return found


def brute_numbers(text: str) -> list[str]:
    """Every number the number patterns accept, started at every position."""
    found = []
    for a in range(len(text)):
        m = numbers._NUMBER.match(text, a)
        if m is not None and numbers._number(text, m, 0) is not None:
            found.append(m.group(0))
        m = numbers._FOLD_WORD.match(text, a)
        if m is not None:
            found.append(m.group(0))
    return found


texts = st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_text_left_unscanned_for_periods_holds_none(text: str) -> None:
    if not periods._may_hold(text):
        assert brute_periods(text) == []


@settings(max_examples=400, deadline=None)
@given(texts)
def test_text_left_unscanned_for_numbers_holds_none(text: str) -> None:
    low = numbers.searchable(text)
    if low is not None and not numbers._may_hold(text, low):
        assert brute_numbers(text) == []
        assert numbers.find(text, 0, len(text)) == []


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_document_marks_hold_every_sentence_a_scan_needs(text: str, a: int, b: int) -> None:
    if numbers.searchable(text) is None:
        return  # no marks for such a document: every sentence is scanned
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    low = fold(text)
    pm = Marks(text, low, (*periods.MONTH_HEADS, *periods.TRIGGER_WORDS))
    nm = Marks(text, low, (*numbers.SIGNS_AND_CODES, *numbers.TRIGGER_WORDS))
    chunk = text[a:b]
    if periods._may_hold(chunk):
        assert pm.within(a, b)
    if numbers._may_hold(chunk, chunk.lower()):
        assert nm.within(a, b)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_text_without_change_words_holds_no_percent_or_factor(text: str) -> None:
    """A sentence naming no metric is scanned for numbers only when its lower case holds a
    word a percent or a factor needs: the only claim it can make is a change."""
    from claimcheck.extract import arithmetic

    if numbers.searchable(text) is None or arithmetic._CHANGE_WORD.search(fold(text)):
        return
    for a in range(len(text)):
        m = numbers._NUMBER.match(text, a)
        n = numbers._number(text, m, 0) if m is not None else None
        assert n is None or (n.unit != "percent" and not n.factor)
        assert numbers._FOLD_WORD.match(text, a) is None


@pytest.mark.parametrize(
    ("sentence", "change"),
    [
        ("The figure was a year-on-year increase of 27.3 percent.", "27.3"),
        ("It was up 12% on the year.", "12"),
        ("The number of flights grew tenfold in a decade.", "10"),
        ("The number of flights grew 3x in a decade.", "3"),
        ("The number of flights tripled in a decade.", "3"),
    ],
)
def test_a_change_is_a_claim_in_a_sentence_naming_no_metric(sentence: str, change: str) -> None:
    book = rulebook.load([Path(__file__).parent.parent / "rules"])
    claims = Extractor(book).extract(Document("a.md", sentence, date=PartialDate(2020, 1, 20)))
    made = [dict(c.attrs) for c in claims if c.kind == "arithmetic"]
    assert [a.get("percent", a.get("factor")) for a in made] == [change]


def test_a_sentence_without_digits_or_period_words_is_not_scanned_yet_found_ones_are() -> None:
    text = "Officials said cooperation had grown. Exports rose 12% in the first quarter of 2023."
    assert periods.find(text, 0, 36, None) == []
    found = periods.find(text, 37, len(text), None)
    assert [text[f.start : f.end] for f in found] == ["the first quarter of 2023"]
    skip = [(found[0].start, found[0].end)]
    assert [n.digits for n in numbers.find(text, 37, len(text), skip)] == ["12"]
    assert numbers.find(text, 0, 36) == []


# --- years ------------------------------------------------------------------------------------


def test_a_date_with_a_month_or_day_reads_years_from_1000() -> None:
    text = (
        "The charter was granted on May 14, 1624, signed 14 May 1624, read 14/5/1624, in May 1624."
    )
    found = [
        (text[f.start : f.end], f.period.start, f.period.end)
        for f in periods.find(text, 0, len(text), None)
    ]
    assert found == [
        ("May 14, 1624", dt.date(1624, 5, 14), dt.date(1624, 5, 14)),
        ("14 May 1624", dt.date(1624, 5, 14), dt.date(1624, 5, 14)),
        ("14/5/1624", dt.date(1624, 5, 14), dt.date(1624, 5, 14)),
        ("May 1624", dt.date(1624, 5, 1), dt.date(1624, 5, 31)),
    ]


def test_a_number_below_1800_written_alone_stays_a_number() -> None:
    text = (
        "About 1500 workers and 1700 people came, 1624-1630, between 1600 and 1700, in 1500 homes."
    )
    assert periods.find(text, 0, len(text), PartialDate(2024, 5, 14)) == []
    assert [n.digits for n in numbers.find(text, 0, len(text))][:2] == ["1500", "1700"]


def test_a_historic_year_ties_an_official_name(tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text(
        "terms:\n"
        "  - id: charter\n"
        "    name: Halvora City Charter\n"
        "    since: 1624-05-14\n"
        "    source: https://example.org/charter\n",
        encoding="utf-8",
    )
    ex = Extractor(rulebook.load([tmp_path]))
    text = "In 1624, the king granted the Halvora City Charter. The Halvora City Charter (1642)."
    claims = [c for c in ex.extract(Document("a.md", text)) if c.kind == "term"]
    assert [dict(c.attrs).get("year") for c in claims] == ["1624", "1642"]


# --- the document context ---------------------------------------------------------------------


def test_every_sentence_shares_one_document_context() -> None:
    book = rulebook.load([Path(__file__).parent / "fixtures" / "people_rules" / "vietnam-japan"])
    ex = Extractor(book)
    seen = []
    from claimcheck.extract import EXTRACTORS

    EXTRACTORS["_probe"] = lambda s: seen.append(s) or []
    try:
        ex.extract(Document("a.md", "One sentence. Another one. A third."))
        ex.extract(Document("b.md", "A second document."))
    finally:
        del EXTRACTORS["_probe"]
    first, second = {id(s.context) for s in seen[:3]}, {id(s.context) for s in seen[3:]}
    assert len(first) == 1 and len(second) == 1 and first != second
    assert seen[0].context.sentences == [(0, 13), (14, 26), (27, 35)]


def test_extractors_skipped_where_their_vocabulary_is_not_named_would_claim_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sentences (and documents) an extractor is not called for, by what it NEEDS, hold no
    claim of it: the seeds and the test corpus give the same claims with every extractor called
    on every sentence."""
    from claimcheck.extract import NEEDS
    from claimcheck.run import articles as documents

    root = Path(__file__).parent.parent
    book = rulebook.load([root / "rules"])
    paths = [
        *sorted((root / "seeds").glob("*.txt")),
        *sorted((root / "tests/corpus").rglob("*.md")),
    ]
    docs = [d for d, _ in map(documents.read, map(str, paths)) if d is not None]
    gated = [Extractor(book).extract(d) for d in docs]
    assert sum(map(len, gated)) > 100
    monkeypatch.setattr("claimcheck.extract.NEEDS", {})
    assert NEEDS  # the real table, left as it was
    assert [Extractor(book).extract(d) for d in docs] == gated


def test_fold_keeps_offsets_after_a_letter_whose_lower_case_is_longer() -> None:
    from claimcheck.rulebook.vocab import fold

    text = "\u0130zmir and the Extensive Strategic Partnership"
    folded = fold(text)
    assert len(folded) == len(text)
    start = folded.index("extensive")
    assert text[start : start + 9] == "Extensive"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Phú Trọng", "nguyen phu trong"),
        ("Đà Nẵng and Hồ Chí Minh City", "da nang and ho chi minh city"),
        ("Ông Đức, Ørsted, Łódź", "ong duc, orsted, lodz"),
        ("“Trọng” – Hà Nội", '"trong" - ha noi'),
        ("Tōkyō 東京 İzmir", "tokyo 東京 izmir"),
    ],
)
def test_fold_drops_diacritics_one_letter_for_one(text: str, folded: str) -> None:
    from claimcheck.rulebook.vocab import fold

    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_a_name_written_with_diacritics_is_the_rulebook_s_person(tmp_path: Path) -> None:
    """Vietnamese names are often printed with their diacritics; the rulebook spells them
    plainly (or the other way round): both are one person."""

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.yaml").write_text(
        "people:\n"
        "  - id: trong\n    given: Trọng\n    family: Nguyen\n    middle: Phu\n"
        "    short: given\n    order: family-given\n    source: https://example.org/t\n",
        encoding="utf-8",
    )
    ex = Extractor(rulebook.load([folder]))
    doc = Document("a.md", "Nguyễn Phú Trong spoke. Mr. Trọng left. Mr. Trong returned.")
    names = [(c.kind, c.subject, c.text) for c in ex.extract(doc)]
    assert ("name", "trong", "Mr. Trọng") in names
    assert ("name", "trong", "Mr. Trong") in names


_CHANGE_WORDS = (
    "increased increasing increase rise rises rising rose grew growing up gained jumped climbed "
    "surged higher more decreased declined fell falling dropped down slumped lower less shrank "
    "shrinking of by some about nearly over was in setup"
).split()


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=30),
    st.lists(st.sampled_from(_CHANGE_WORDS), min_size=1, max_size=3),
    st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", "(", "-", ""]), min_size=4, max_size=4),
    st.sampled_from([str.lower, str.upper, str.title, lambda w: w.replace("s", "ſ")]),
)
def test_the_change_word_quick_test_never_hides_a_change(
    before: str, words: list[str], gaps: list[str], case: object
) -> None:
    """The text before a figure is searched for "up", "an increase of", "rose by about" ... only
    where it ends with one of their words and whitespace: never where the search would find one."""
    from claimcheck.extract import arithmetic as q
    from claimcheck.extract.caseless import search_ending

    assert callable(case)
    text = before + "".join(g + case(w) for g, w in zip(gaps, words, strict=False)) + gaps[-1]
    lo, hi = max(0, len(text) - 30), len(text)
    found = q._DELTA_BEFORE.search(text, lo, hi)
    quick = search_ending(q._DELTA_BEFORE, text, lo, hi, q._DELTA_LAST)
    assert (quick and quick.span()) == (found and found.span())


_VOCAB_PIECES = st.sampled_from(
    "Japan|Vietnam|Nguyen Phu Trong|Abe|An|an|and|Le|le|To|to|Nam|FDI|ODA|exports|"
    "Prime Minister|–|’|é|ß|İ|ſ|đ|_|1|x| |  |-|.|,".split("|")
)


@pytest.fixture(scope="module")
def project_vocabulary() -> object:
    from claimcheck.rulebook.vocab import vocabulary

    return vocabulary(rulebook.load([Path(__file__).parent.parent / "rules"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_VOCAB_PIECES, max_size=14).map("".join))
def test_vocabulary_finds_whole_words_only_whatever_the_alphabet(
    project_vocabulary: Any, text: str
) -> None:
    """The word boundaries read from one translation of the text are those of testing each
    character next to a hit (str.isalnum or "_"), in ASCII text and in any other."""
    low = fold(text)
    expected = []
    for end_idx, (length, _) in project_vocabulary._auto.iter(low):
        start, end = end_idx - length + 1, end_idx + 1
        before = start and (low[start - 1].isalnum() or low[start - 1] == "_")
        after = end < len(low) and (low[end].isalnum() or low[end] == "_")
        if not before and not after:
            expected.append((start, end))
    got = [(m.start, m.end) for m in project_vocabulary.matches(text, low)]
    assert got == sorted(expected, key=lambda se: (se[0], -se[1]))


# pieces run together too ("5Jan", "in2020"), with the characters an anchor may follow
glued = st.lists(
    st.tuples(
        st.sampled_from(PIECES), st.sampled_from(["", " ", "$", ".", ",", "/", "_", "x", "-"])
    ),
    max_size=8,
).map(lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=500, deadline=None)
@given(glued, st.integers(0, 80), st.integers(0, 80))
def test_period_anchors_are_every_start_the_anchor_pattern_accepts(
    text: str, a: int, b: int
) -> None:
    """The anchors found after a character that is not a letter (and at the start) are where
    the anchor pattern matches, none missed, whatever the text and its bounds."""
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = [m.start() for m in periods._ANCHOR.finditer(text, start, end)]
    assert periods.anchors(text, start, end) == expected
    brute = [p for p in range(start, end) if periods._ANCHOR.match(text, p, end)]
    assert expected == brute  # no anchor begins inside another


@settings(max_examples=500, deadline=None)
@given(glued)
def test_the_number_pattern_matches_as_its_plain_writing_does(text: str) -> None:
    """The number pattern tests "after no letter" once and groups the currency forms by first
    letter, for speed: it finds what the plain writing of the same alternatives finds."""
    from claimcheck.model import units

    plain_prefix = (
        r"(?<![A-Za-z])(?:(?i:"
        + "|".join(re.escape(f) for f in units.PREFIX_FORMS)
        + r")|[A-Z]{3}(?![A-Za-z]))"
    )
    lead = rf"(?:(?P<pre>{plain_prefix})[ \t\u00a0]?|(?<![\w.])(?<!\d,)(?<![A-Za-z]-))"
    pattern = numbers._NUMBER.pattern
    plain = re.compile(lead + pattern[pattern.index("(?:(?P<num>") :])
    for where in range(len(text) + 1):
        got, want = numbers._NUMBER.match(text, where), plain.match(text, where)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def _split_with_a_search(text: str) -> list[tuple[int, int]]:
    """sentences.split as it reads the word before a stop with a pattern search."""
    from claimcheck.extract import sentences

    word_before = re.compile(r"([A-Za-z][A-Za-z.]*)$")
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in sentences._END.finditer(text):
        at = m.start()
        if text[at] == "\n":
            cut = at
        else:
            before = word_before.search(text, max(pos, at - 12), at)
            if before and sentences.abbreviation(before.group(1)):
                continue
            cut = m.end()
        sentences._add(text, pos, cut, spans)
        pos = m.end()
    sentences._add(text, pos, len(text), spans)
    return spans


# abbreviations, stops, quotes, newlines and the letters past ASCII around them
_STOP_PIECES = (
    'Mr|mr.|U.S|Jan|e.g|No|said|A|x|1|é|ſt|_|...|.|. |! |? |\n| |  |." |.) | The| 5'
    "|J.R|Đà|\u00a0|\u2009|\r|\u201c|("
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PIECES.split("|")), max_size=14).map("".join))
def test_sentence_ends_read_the_word_before_a_stop_as_a_search_does(text: str) -> None:
    from claimcheck.extract import sentences

    assert sentences.split(text) == _split_with_a_search(text)
