"""Names: misspellings (name-misspelt), short forms with no title (name-short-form) and
romanized long vowels, on a made-up harbour town (nothing about real people is assumed) and, for
the threshold, over every person of the project's rule files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck import rulebook
from claimcheck.checks import DocContext
from claimcheck.checks.people import check_people
from claimcheck.extract import Extractor
from claimcheck.extract import people as people_module
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.rulebook.namematch import close, distance, romanized
from claimcheck.rulebook.vocab import full_names

REPO = Path(__file__).resolve().parents[1]

# A harbour town with a Japanese-style and a Vietnamese-style name custom, and two people whose
# family names are one letter apart (Tanabe, Tanaba) who never held the same office.
RULES = """\
entities:
  - id: kelmport
    kind: place
    names: [Kelmport]
people:
  - id: ogi-kenta
    given: Kenta
    family: Ōgi
    short: family
    order: either
    romanization: hepburn
    source: fixture
  - id: tanabe-hiroko
    given: Hiroko
    family: Tanabe
    short: family
    order: either
    romanization: hepburn
    source: fixture
  - id: tanaba-jiro
    given: Jiro
    family: Tanaba
    short: family
    order: either
    source: fixture
  - id: tran-van-hoang
    given: Hoang
    family: Tran
    middle: Van
    short: given
    order: family-given
    source: fixture
  - id: le-thi-mai
    given: Mai
    family: Le
    middle: Thi
    short: given
    order: family-given
    source: fixture
  - id: tran-quoc-bao
    given: Bao
    family: Tran
    middle: Quoc
    short: given
    order: family-given
    source: fixture (a second Tran)
  - id: oshiro-kazuo
    given: Kazuo
    family: Oshiro
    short: family
    order: either
    source: fixture (no romanization said)
offices:
  - id: harbour-master
    jurisdiction: kelmport
    title: Harbour Master
    holders:
      - {person: ogi-kenta, from: 2010-01-01, to: 2014-12-31, source: fixture}
      - {person: tanabe-hiroko, from: 2015-01-01, to: 2019-12-31, source: fixture}
      - {person: tran-van-hoang, from: 2020-01-01, source: fixture}
  - id: port-treasurer
    jurisdiction: kelmport
    title: Port Treasurer
    holders:
      - {person: tanaba-jiro, from: 2010-01-01, source: fixture}
      - {person: oshiro-kazuo, from: 2000-01-01, to: 2009-12-31, source: fixture}
      - {person: le-thi-mai, from: 1990-01-01, to: 1999-12-31, source: fixture}
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> rulebook.Rulebook:
    folder = tmp_path_factory.mktemp("kelmport")
    (folder / "town.yaml").write_text(RULES, encoding="utf-8")
    return rulebook.load([folder])


_EXTRACTORS: dict[str, Extractor] = {}


def _extractor(book: rulebook.Rulebook) -> Extractor:
    if book.digest not in _EXTRACTORS:
        _EXTRACTORS[book.digest] = Extractor(book)
    return _EXTRACTORS[book.digest]


def _claims(book: rulebook.Rulebook, text: str, date: str) -> list[Claim]:
    d = Document("a.md", text, date=PartialDate.parse(date))
    return [c for c in _extractor(book).extract(d) if c.kind in ("name", "title")]


def _findings(book: rulebook.Rulebook, text: str, date: str) -> list[tuple[str, str, str | None]]:
    d = Document("a.md", text, date=PartialDate.parse(date))
    found = check_people(DocContext(d, _extractor(book).extract(d), book))
    return [(f.rule, f.message, f.fix) for f in found]


# --- the measure ---------------------------------------------------------------------------------


def test_distance_counts_edits_and_swaps() -> None:
    assert distance("fukada", "fukada") == 0
    assert distance("fukuda", "fukada") == 1
    assert distance("thoung", "thuong") == 1  # two neighbours swapped
    assert distance("tron", "trong") == 1
    assert distance("shiregu", "shigeru") == 2


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Fukuda", "Fukada"),
        ("Thoung", "Thuong"),
        ("Nugaka Fukuhiro", "Nukaga Fukushiro"),
        ("Ishiba Shiregu", "Ishiba Shigeru"),
        ("Nguyen Phu Tron", "Nguyen Phu Trong"),
    ],
)
def test_slips_are_close(written: str, right: str) -> None:
    assert close(written, right)


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Fukada", "Fukada"),  # the same name
        ("Ito", "Ota"),  # three letters: no edit allowed
        ("Pham Binh Minh", "Pham Minh Chinh"),  # two real people
        ("Kishida Fumio", "Fumio Kishida"),  # the other order is not a slip
        ("Bukada", "Fukada"),  # the first letter is kept by a slip
        ("Nguyen Phu", "Nguyen Phu Trong"),  # a different number of words
    ],
)
def test_other_names_are_not_close(written: str, right: str) -> None:
    assert not close(written, right)


@pytest.mark.parametrize("written", ["Ōgi", "Ogi", "Oogi", "Ohgi", "Ougi"])
def test_long_vowels_are_one_name_under_hepburn_only(written: str) -> None:
    assert romanized(written, "hepburn") == romanized("Ōgi", "hepburn") == "ogi"
    assert not close(written, "Ōgi", "hepburn")  # a romanization, not a misspelling
    assert romanized("Ryuutarou", "hepburn") == romanized("Ryūtarō", "hepburn")
    if written not in ("Ōgi", "Ogi"):
        assert romanized(written, None) != "ogi"  # no scheme said: spellings stay apart


def test_no_two_people_of_the_rule_files_are_close() -> None:
    """The threshold measured on the rulebook: no full name of one person is a slip away from a
    full name of another, nor romanized to the same key."""
    book = rulebook.load([REPO / "rules"])
    forms = {
        p.id: [romanized(n, p.romanization) for n in (*full_names(p), *p.aliases)]
        for p in book.people.values()
    }
    assert len(forms) > 100
    clashes = [
        (a, b, x, y)
        for (a, xs), (b, ys) in itertools.combinations(forms.items(), 2)
        for x in xs
        for y in ys
        if x == y or close(x, y) or close(y, x)
    ]
    assert clashes == []


# --- misspelt names after a title ---------------------------------------------------------------


def test_a_slip_for_the_holder_then_is_a_warning_with_a_certain_fix(
    book: rulebook.Rulebook,
) -> None:
    got = _findings(book, "Harbour Master Tanabi Hiroko inspected the quay.", "2016-05-02")
    assert got == [
        (
            "name-misspelt",
            "'Tanabi Hiroko' looks like a misspelling of Hiroko Tanabe's name: "
            "'Harbour Master Tanabe Hiroko'",
            "Harbour Master Tanabe Hiroko",
        )
    ]


def test_only_the_holder_at_the_date_counts(book: rulebook.Rulebook) -> None:
    # in 2012 the harbour master was Ogi, and Tanabi is close to no one of that time
    assert _findings(book, "Harbour Master Tanabi inspected the quay.", "2012-05-02") == []
    got = _findings(book, "Harbour Master Tanabi inspected the quay.", "2016-05-02")
    assert [r for r, _, _ in got] == ["name-misspelt"]


def test_a_real_name_of_someone_else_is_not_taken_for_a_slip(book: rulebook.Rulebook) -> None:
    """Tanaba is the treasurer's name, a letter off the harbour master's: after "Harbour Master"
    it is a slip only when the article introduced the harbour master in full."""
    text = "Harbour Master Tanaba inspected the quay."
    assert _findings(book, text, "2016-05-02") == []
    introduced = "Harbour Master Tanabe Hiroko spoke first. " + text
    assert [r for r, _, _ in _findings(book, introduced, "2016-05-02")] == ["name-misspelt"]


def test_former_titles_are_left_to_the_title_check(book: rulebook.Rulebook) -> None:
    assert _findings(book, "Former Harbour Master Tanabi inspected the quay.", "2016-05-02") == []


def test_the_right_name_and_its_parts_are_not_slips(book: rulebook.Rulebook) -> None:
    for text in ("Harbour Master Tanabe Hiroko spoke.", "Harbour Master Tanabe spoke."):
        assert _findings(book, text, "2016-05-02") == []


# --- romanized long vowels ----------------------------------------------------------------------


@pytest.mark.parametrize("spelt", ["Oogi", "Ohgi", "Ougi", "Ogi"])
def test_a_long_vowel_written_another_way_is_the_same_person(
    book: rulebook.Rulebook, spelt: str
) -> None:
    got = _claims(book, f"Harbour Master {spelt} Kenta inspected the quay.", "2012-05-02")
    assert [(c.kind, c.subject, c.target) for c in got] == [
        ("title", "ogi-kenta", "harbour-master")
    ]
    # and the title is checked as his: in 2016 he no longer held the office
    later = _findings(book, f"Harbour Master {spelt} Kenta inspected the quay.", "2016-05-02")
    assert [r for r, _, _ in later] == ["title-not-in-office"]


def test_no_romanization_said_no_folding(book: rulebook.Rulebook) -> None:
    """Oshiro has no romanization in the rules: "Ooshiro" is not read as him."""
    got = _claims(book, "Port Treasurer Ooshiro Kazuo signed the accounts.", "2005-05-02")
    assert [c.subject for c in got if c.kind == "title"] == []


# --- short forms with no title ------------------------------------------------------------------


def test_a_bare_family_name_where_the_custom_is_the_given_name(book: rulebook.Rulebook) -> None:
    text = "Harbour Master Tran Van Hoang opened the pier. Tran, who took office in 2020, spoke."
    got = _findings(book, text, "2021-03-01")
    assert [(r, fix) for r, _, fix in got] == [("name-short-form", "Hoang")]
    assert "'Tran' is the family name of Tran Van Hoang" in got[0][1]


@pytest.mark.parametrize(
    "later",
    [
        "Hoang, who took office in 2020, spoke.",
        "Hoang said the pier would open in May.",
        "The pier will open in May, said Hoang.",
    ],
)
def test_the_right_bare_short_form_is_read_and_passes(book: rulebook.Rulebook, later: str) -> None:
    text = "Harbour Master Tran Van Hoang opened the pier. " + later
    got = _claims(book, text, "2021-03-01")
    assert [(c.subject, c.attr("part")) for c in got if c.kind == "name"] == [
        ("tran-van-hoang", "given")
    ]
    assert _findings(book, text, "2021-03-01") == []


def test_a_bare_given_name_where_the_custom_is_the_family_name(book: rulebook.Rulebook) -> None:
    text = "Harbour Master Tanabe Hiroko opened the pier. Hiroko said the works were done."
    got = _findings(book, text, "2016-03-01")
    assert [(r, fix) for r, _, fix in got] == [("name-short-form", "Tanabe")]


def test_a_bare_name_part_of_nobody_introduced_is_not_read(book: rulebook.Rulebook) -> None:
    assert _claims(book, "Tran said the pier would open in May.", "2021-03-01") == []


def test_a_part_two_introduced_people_share_is_not_read(book: rulebook.Rulebook) -> None:
    text = (
        "Harbour Master Tran Van Hoang met Port Treasurer Tanaba Jiro and Tran Thi Lan. "
        "Tran said the pier would open in May."
    )
    assert [c for c in _claims(book, text, "2021-03-01") if c.kind == "name"] == []


def test_a_part_someone_else_in_the_article_bears_is_not_read(book: rulebook.Rulebook) -> None:
    """Tran Thi Lan is not in the rules: the bare "Tran" may be her."""
    text = (
        "Harbour Master Tran Van Hoang visited a shop run by Tran Thi Lan. "
        "Tran said orders had doubled."
    )
    assert _findings(book, text, "2021-03-01") == []


def test_a_bare_word_that_is_only_a_sentence_opener_is_not_read(book: rulebook.Rulebook) -> None:
    """Le is a family name here, and a word of other languages: only "Le said", "Le, who" or
    "Le's" would make it a person."""
    text = "Port Treasurer Le Thi Mai signed. Le Monde reported the signing."
    assert [c for c in _claims(book, text, "1995-03-01") if c.kind == "name"] == []


def test_a_misspelt_bare_short_form_of_an_introduced_person(book: rulebook.Rulebook) -> None:
    """Read in a sentence that names a title or a person of the rules (the people extractor
    reads no other: a lookup in every sentence cost a quarter more extraction time)."""
    text = (
        "Harbour Master Tran Van Hoang opened the pier. "
        "Hoagn said the works were done, and Port Treasurer Tanaba Jiro agreed."
    )
    got = _findings(book, text, "2021-03-01")
    assert [(r, fix) for r, _, fix in got] == [("name-misspelt", "Hoang")]


def test_a_full_name_misspelt_after_a_first_name_one_person_bears(book: rulebook.Rulebook) -> None:
    got = _findings(book, "Hiroko Tanabi toured the new quay.", "2016-03-01")
    assert [(r, fix) for r, _, fix in got] == [("name-misspelt", "Hiroko Tanabe")]
    # a first word two people of the rules bear says nothing: "Tran Van Hoan" may be anyone
    assert _findings(book, "Tran Van Hoan toured the new quay.", "2021-03-01") == []


# --- the gate before the bare short forms ------------------------------------------------------

_PARTS = ["Kenta", "Ōgi", "Hiroko", "Tanabe", "Jiro", "Tanaba", "Hoang", "Tran", "Mai", "Le"]
_PARTS += ["Bao", "Kazuo", "Oshiro", "Ogi", "Kelmport"]
_INTROS = [
    "Harbour Master Tran Van Hoang opened the pier.",
    "Harbour Master Tanabe Hiroko opened the pier.",
    "Port Treasurer Tanaba Jiro met Harbour Master Ōgi Kenta.",
    "Port Treasurer Oshiro Kazuo and Le Thi Mai signed.",
    "The pier opened.",
]
_WORDS = ["said", "says", "told", "met", "visited", ", who", "according to", "also", "then"]
_WORDS += ["later", "Also", " ", "\t", "(", "'s"]
_AFTER = ["said", "also", "then", "later", ", who", "met", "told", " ", "and", "Tran", "the"]
_WORDS += ["the", "pier", "and", ",", ".", "Mr.", "U.S.", "x-", "Harbour Master", "Port Treasurer"]


@st.composite
def _name_like(draw: st.DrawFn) -> str:
    """A name part as written, or a letter or two off it, or with a long vowel doubled."""
    word = draw(st.sampled_from(_PARTS))
    op = draw(st.sampled_from(["same", "sub", "ins", "del", "swap", "vowel", "upper"]))
    i = draw(st.integers(0, len(word) - 1))
    letter = draw(st.sampled_from("aeiouhgnkrz"))
    if op == "sub":
        word = word[:i] + letter + word[i + 1 :]
    elif op == "ins":
        word = word[:i] + letter + word[i:]
    elif op == "del" and len(word) > 2:
        word = word[:i] + word[i + 1 :]
    elif op == "swap" and i + 1 < len(word):
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif op == "vowel":
        word = (
            word.lower().replace("o", draw(st.sampled_from(["oo", "ou", "oh"]))).replace("u", "uu")
        )
    elif op == "upper":
        word = word.lower()
    return word[:1].upper() + word[1:] if op != "upper" else word


@settings(max_examples=400, deadline=None)
@example(_INTROS[2], [], "Oogi", ["said"], "2012")  # a romanized part, longer than its key
@example(_INTROS[1], ["said"], "Hiroukou", [], "2016")  # a long vowel and a slip
@example(_INTROS[0], [], "Hoagn", ["also", "said"], "2021")  # a slip, "also" before the verb
@example(_INTROS[0], ["according to"], "Hoang", [], "2021")  # a reporting verb before
@example(_INTROS[0], [], "(Le\tHoang", ["said"], "2021")  # a tab is no space: not after "Le"
@given(
    intro=st.sampled_from(_INTROS),
    before=st.lists(st.sampled_from(_WORDS), max_size=3),
    name=_name_like(),
    after=st.lists(st.sampled_from(_AFTER), max_size=3),
    year=st.sampled_from(["2012", "2016", "2021"]),
)
def test_the_bare_gate_leaves_out_no_sentence_bare_reads(
    book: rulebook.Rulebook, intro: str, before: list[str], name: str, after: list[str], year: str
) -> None:
    """`_bare_possible` only saves work: the claims are the same with every sentence read."""
    text = f"{intro} {' '.join([*before, name, *after])} spoke."
    got = _claims(book, text, f"{year}-03-01")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(people_module, "_bare_possible", lambda *_: True)
        assert _claims(book, text, f"{year}-03-01") == got
