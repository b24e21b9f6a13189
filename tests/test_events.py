"""Events and elapsed years: event and elapsed claims as news writes them, and the events
engine's rules (event-wrong-date, elapsed-wrong-years) both ways, in two domains."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import RULES, DocContext
from claimcheck.checks.events import agrees, check_events
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding

FIXTURES = Path(__file__).parent / "fixtures" / "people_rules"
VJ = "vietnam-japan"
SF = "springfield"
RELATIONS = "vietnam-japan-relations"


@functools.cache
def extractor(domain: str) -> Extractor:
    return Extractor(rulebook.load([FIXTURES / domain]))


def doc(text: str, date: str | None) -> Document:
    return Document("article.md", text, date=PartialDate.parse(date) if date else None)


def claims(domain: str, text: str, date: str | None, kind: str) -> list[Claim]:
    return [c for c in extractor(domain).extract(doc(text, date)) if c.kind == kind]


def findings(domain: str, text: str, date: str | None) -> list[Finding]:
    ex = extractor(domain)
    d = doc(text, date)
    return list(check_events(DocContext(d, ex.extract(d), ex.book)))


# --- event claims --------------------------------------------------------------------------------

EVENTS = [
    (
        "Vietnam and Japan established diplomatic relations on September 21, 1973.",
        "diplomatic relations on September 21, 1973",
        "1973-09-21",
    ),
    (
        "Vietnam and Japan officially established diplomatic relations on September 21, 1973.",
        "diplomatic relations on September 21, 1973",
        "1973-09-21",
    ),
    (
        "Vietnam and Japan established diplomatic relations in September 1973, laying roads.",
        "diplomatic relations in September 1973",
        "1973-09",
    ),
    (
        "Since establishing diplomatic relations in 1973, Vietnam and Japan built ties in 2002.",
        "diplomatic relations in 1973",
        "1973",
    ),
    (
        "In 1973, Vietnam and Japan established diplomatic relations.",
        "1973, Vietnam and Japan established diplomatic relations",
        "1973",
    ),
    (
        "Establishing diplomatic ties with Vietnam in 1963, Japan became a partner.",
        "diplomatic ties with Vietnam in 1963",
        "1963",
    ),
    (
        "The two countries set up diplomatic ties between the two countries on 21 September 1973.",
        "diplomatic ties between the two countries on 21 September 1973",
        "1973-09-21",
    ),
    (
        "Japan established diplomatic ties with Vietnam (September 21, 1973).",
        "diplomatic ties with Vietnam (September 21, 1973",
        "1973-09-21",
    ),
]


@pytest.mark.parametrize(("text", "span", "date"), EVENTS)
def test_event_claim(text: str, span: str, date: str) -> None:
    (c,) = claims(VJ, text, "2023-11-28", "event")
    assert (c.text, c.target, str(c.date)) == (span, RELATIONS, date)


@pytest.mark.parametrize(
    "text",
    [
        "Diplomatic relations in 2015 were strong.",  # a state, not the event
        "Vietnam and Japan have close diplomatic relations in 2023.",
        "Vietnam and India established diplomatic relations in 1972.",  # another pair
        "The establishment of diplomatic relations was celebrated.",  # no date
        "Diplomatic relations over the past 50 years grew.",  # a span dates no event
        # the date after a counted alias is the anniversary's, not the event's
        "They marked the 50th anniversary of the establishment of diplomatic relations in "
        "September.",
    ],
)
def test_no_event_claim(text: str) -> None:
    assert claims(VJ, text, "2023-11-28", "event") == []


def test_event_claim_in_the_second_domain() -> None:
    text = (
        "The city opened the Springfield Bridge on May 1, 1991. "
        "The Springfield Bridge opened on May 1, 1990. The city charter was granted in 1850."
    )
    got = [(c.target, str(c.date)) for c in claims(SF, text, "2021-06", "event")]
    assert got == [
        ("springfield-bridge", "1991-05-01"),
        ("springfield-bridge", "1990-05-01"),
        ("springfield-charter", "1850"),
    ]


# --- elapsed claims ------------------------------------------------------------------------------

ELAPSED = [
    (
        "This year, Vietnam and Japan mark the 50th anniversary of their diplomatic relations.",
        "2023-10",
        "50th anniversary of their diplomatic relations",
        "50",
        "ordinal",
        "2023",
    ),
    (
        "It marked the fiftieth anniversary of the establishment of diplomatic relations.",
        "2023-10",
        "fiftieth anniversary of the establishment of diplomatic relations",
        "50",
        "ordinal",
        "2023-10",
    ),
    (
        "It marked the forty-fifth anniversary of Vietnam-Japan diplomatic relations.",
        "2018-10",
        "forty-fifth anniversary of Vietnam-Japan diplomatic relations",
        "45",
        "ordinal",
        "2018-10",
    ),
    (
        "In the 40 years since the establishment of diplomatic ties Vietnam and Japan grew.",
        "2015-09-15",
        "40 years since the establishment of diplomatic ties",
        "40",
        "cardinal",
        "2015-09-15",
    ),
    (
        "Half a century of diplomatic relations has passed.",
        "2023-10",
        "Half a century of diplomatic relations",
        "50",
        "cardinal",
        "2023-10",
    ),
    (
        "Five decades of diplomatic ties bind the two countries.",
        "2023-10",
        "Five decades of diplomatic ties",
        "50",
        "cardinal",
        "2023-10",
    ),
    (
        "Over 40 years of diplomatic ties, trust grew.",
        "2023-10",
        "Over 40 years of diplomatic ties",
        "40",
        "cardinal",
        "2023-10",
    ),
    (
        "In 2013 they marked the 40th anniversary of diplomatic relations.",
        "2023-10",
        "40th anniversary of diplomatic relations",
        "40",
        "ordinal",
        "2013",
    ),
]


@pytest.mark.parametrize(("text", "date", "span", "years", "form", "at"), ELAPSED)
def test_elapsed_claim(text: str, date: str, span: str, years: str, form: str, at: str) -> None:
    (c,) = claims(VJ, text, date, "elapsed")
    assert (c.text, c.target, c.attr("years"), c.attr("form")) == (span, RELATIONS, years, form)
    when = PartialDate.parse(at)
    assert c.period is not None and (c.period.start, c.period.end) == (when.first(), when.last())


def test_after_n_years_counts_from_the_event_of_the_sentence_before() -> None:
    text = (
        "Vietnam and Japan officially established diplomatic relations on September 21, 1973. "
        "After 50 years of nurturing and building, the friendship grew."
    )
    (c,) = claims(VJ, text, "2023-11-28", "elapsed")
    assert (c.text, c.target, c.attr("years")) == ("After 50 years", RELATIONS, "50")


@pytest.mark.parametrize(
    "text",
    [
        "After 50 years of nurturing and building, the friendship grew.",  # no event before
        "Trade grew. After 50 years of nurturing, the friendship grew.",
        "With 50 years of trusted cooperation, the visit matters.",  # not tied to the event
        "The 50th anniversary of the university was held.",  # another anniversary
        "Over the past three decades, interns were sent to Japan.",
    ],
)
def test_no_elapsed_claim(text: str) -> None:
    assert claims(VJ, text, "2023-11-28", "elapsed") == []


# --- checks ------------------------------------------------------------------------------------

CHECKS = [
    # event-wrong-date
    (
        VJ,
        "2023-11-28",
        "Vietnam and Japan established diplomatic relations on September 21, 1973.",
        [],
    ),
    (VJ, "2024-12", "Vietnam and Japan established diplomatic relations in September 1973.", []),
    (VJ, "2023-11-28", "Since establishing diplomatic relations in 1973, they grew.", []),
    (
        VJ,
        "2023-11-28",
        "Vietnam and Japan established diplomatic relations in 1975.",
        ["event-wrong-date"],
    ),
    (
        VJ,
        "2023-09",
        "Vietnam and Japan established diplomatic relations on September 12, 1973.",
        ["event-wrong-date"],
    ),
    (
        VJ,
        "2023-09",
        "Vietnam and Japan established diplomatic relations in October 1973.",
        ["event-wrong-date"],
    ),
    (
        VJ,
        "2016-05",
        "Establishing diplomatic ties with Vietnam in 1963, Japan became a partner.",
        ["event-wrong-date"],
    ),
    # elapsed-wrong-years: ordinals are exact
    (
        VJ,
        "2023-10",
        "This year, Vietnam and Japan celebrate the 50th anniversary of their "
        "diplomatic relations.",
        [],
    ),
    (
        VJ,
        "2023-10",
        "Vietnam and Japan celebrate the 50th anniversary of their diplomatic relations.",
        [],
    ),
    (VJ, "2023-01-05", "Vietnam and Japan celebrate the 50th anniversary of diplomatic ties.", []),
    (
        VJ,
        "2023-10",
        "Vietnam and Japan celebrate the 45th anniversary of their diplomatic relations.",
        ["elapsed-wrong-years"],
    ),
    (
        VJ,
        "2015-09-15",
        "This year Vietnam and Japan celebrate the 40th anniversary of the "
        "establishment of diplomatic relations.",
        ["elapsed-wrong-years"],
    ),
    (
        VJ,
        "2023-10",
        "In 2013 Vietnam and Japan marked the 40th anniversary of diplomatic ties.",
        [],
    ),
    (
        VJ,
        "2024-03",
        "Last year Vietnam and Japan marked the 50th anniversary of diplomatic ties.",
        [],
    ),
    # undated, the anniversary just past or just ahead is accepted; dated, it is exact
    (VJ, "2024-03", "This milestone coincides with the 50th anniversary of diplomatic ties.", []),
    (VJ, "2022-10", "They prepare the 50th anniversary of diplomatic ties.", []),
    (
        VJ,
        "2023-10",
        "They celebrate the 52nd anniversary of diplomatic ties.",
        ["elapsed-wrong-years"],
    ),
    (
        VJ,
        "2023-10",
        "This year they celebrate the 51st anniversary of diplomatic ties.",
        ["elapsed-wrong-years"],
    ),
    # cardinals are as round as written
    (
        VJ,
        "2015-09-15",
        "In the 40 years since the establishment of diplomatic ties Vietnam and "
        "Japan have become partners.",
        [],
    ),
    (
        VJ,
        "2015-09-15",
        "In the 50 years since the establishment of diplomatic ties Vietnam and "
        "Japan have become partners.",
        ["elapsed-wrong-years"],
    ),
    (
        VJ,
        "2015-09-15",
        "In the 30 years since the establishment of diplomatic ties trust grew.",
        ["elapsed-wrong-years"],
    ),
    (
        VJ,
        "2015-09-15",
        "In the 42 years since the establishment of diplomatic ties trust grew.",
        [],
    ),
    (
        VJ,
        "2015-09-15",
        "In the 45 years since the establishment of diplomatic ties trust grew.",
        ["elapsed-wrong-years"],
    ),
    (VJ, "2023-10", "More than 40 years of diplomatic ties have built trust.", []),
    (VJ, "2015-09-15", "Nearly 50 years of diplomatic ties have built trust.", []),
    (VJ, "2023-10", "Half a century of diplomatic relations has passed.", []),
    (VJ, "2013-10", "Half a century of diplomatic relations has passed.", ["elapsed-wrong-years"]),
    (
        VJ,
        "2023-11-28",
        "Vietnam and Japan officially established diplomatic relations on "
        "September 21, 1973. After 50 years of nurturing, the friendship grew.",
        [],
    ),
    (
        VJ,
        "2023-11-28",
        "Vietnam and Japan officially established diplomatic relations on "
        "September 21, 1973. After 30 years of nurturing, the friendship grew.",
        ["elapsed-wrong-years"],
    ),
    (VJ, None, "Vietnam and Japan celebrate the 45th anniversary of diplomatic ties.", []),
    # the second domain
    (SF, "2021-06", "The Springfield Bridge opened on May 1, 1991.", ["event-wrong-date"]),
    (SF, "2021-06", "The Springfield Bridge opened in May 1990.", []),
    (SF, "2020-06", "The 30th anniversary of the Springfield Bridge is this year.", []),
    (
        SF,
        "2022-06",
        "The 30th anniversary of the Springfield Bridge is this year.",
        ["elapsed-wrong-years"],
    ),
    (SF, "2020-06", "After 170 years of the city charter, the council met.", []),
    (
        SF,
        "2020-06",
        "After 160 years of the city charter, the council met.",
        ["elapsed-wrong-years"],
    ),
]


@pytest.mark.parametrize(("domain", "date", "text", "expected"), CHECKS)
def test_checks(domain: str, date: str | None, text: str, expected: list[str]) -> None:
    assert [f.rule for f in findings(domain, text, date)] == expected


def test_wrong_date_message_and_evidence() -> None:
    (f,) = findings(VJ, "Vietnam and Japan established diplomatic relations in 1975.", "2023")
    assert (f.rule, f.category, f.severity) == ("event-wrong-date", "date", "error")
    assert f.message == (
        "establishment of Vietnam-Japan diplomatic relations: on 1973-09-21, not in 1975"
    )
    rule_file = str(FIXTURES / VJ / "people.yaml")
    (r,) = f.related
    assert r.path == rule_file and "mofa.go.jp" in r.message
    assert "vietnam-japan-relations" in Path(rule_file).read_text().splitlines()[r.line - 1]


def test_elapsed_messages() -> None:
    text = "Vietnam and Japan celebrate the 45th anniversary of their diplomatic relations."
    (f,) = findings(VJ, text, "2023-10")
    assert f.message == (
        "the 45th anniversary of 'establishment of Vietnam-Japan diplomatic relations' "
        "(on 1973-09-21) falls in 2018; in 2023 it is the 50th"
    )
    text = "In the 50 years since the establishment of diplomatic ties trust grew."
    (f,) = findings(VJ, text, "2015-09-15")
    assert f.message == (
        "'50 years since the establishment of diplomatic ties': 42 years have passed since "
        "'establishment of Vietnam-Japan diplomatic relations' (on 1973-09-21) by 2015-09-15, "
        "not 50"
    )


@pytest.mark.parametrize(
    ("said", "known", "same"),
    [
        ("1973", "1973-09-21", True),
        ("1973-09", "1973-09-21", True),
        ("1973-09-21", "1973-09-21", True),
        ("1973-09-21", "1973", True),
        ("1975", "1973-09-21", False),
        ("1973-10", "1973-09-21", False),
        ("1973-09-12", "1973-09-21", False),
        ("1973-09-12", "1973-09", True),
    ],
)
def test_agrees_at_the_common_precision(said: str, known: str, same: bool) -> None:
    assert agrees(PartialDate.parse(said), PartialDate.parse(known)) is same


def test_rules_are_registered() -> None:
    assert RULES["event-wrong-date"].category == "date"
    assert RULES["elapsed-wrong-years"].severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "50th anniversary of " * 5000 + "diplomatic relations.",
        "50th anniversary of diplomatic relations, " * 5000,
        "established diplomatic relations " * 5000 + "in 1973.",
        "After " * 5000 + "50 years.",
        "1" * 20000 + " years since diplomatic relations.",
    ],
)
def test_pathological_text(text: str) -> None:
    found = claims(VJ, text, "2023-10", "elapsed") + claims(VJ, text, "2023-10", "event")
    assert len(found) <= 5001


# --- ordinal years and the time of a count (issue 17) ------------------------------------------


@pytest.mark.parametrize(
    ("domain", "date", "text", "expected"),
    [
        # the year of the count is when it is made, not the event's date
        (VJ, "2019-01", "In 2018, the 45th anniversary of diplomatic ties, trade grew.", []),
        (
            VJ,
            "2019-01",
            "In 2018, the 45th year of the establishment of diplomatic ties, a visit.",
            [],
        ),
        (VJ, "2019-01", "2018 marks the 45th year of diplomatic ties between the two.", []),
        # counted with the event's year as the first, the 45th year is 2017
        (VJ, "2018-01", "2017 marks the 45th year of diplomatic ties.", []),
        (VJ, "2019-01", "2018 marks the 40th year of diplomatic ties.", ["elapsed-wrong-years"]),
        (
            VJ,
            "2019-01",
            "2018 marks the 45th year since the two countries set up diplomatic ties.",
            [],
        ),
        (SF, "2021-06", "In 2020, the 30th year of the Springfield Bridge, repairs began.", []),
        (
            SF,
            "2021-06",
            "In 2020, the 20th year of the Springfield Bridge, repairs began.",
            ["elapsed-wrong-years"],
        ),
        # the alias after an in-year lead is still dated when nothing counts from it
        (
            VJ,
            "2019-01",
            "In 2018, Vietnam and Japan established diplomatic ties.",
            ["event-wrong-date"],
        ),
    ],
)
def test_ordinal_years_count_from_the_event(
    domain: str, date: str, text: str, expected: list[str]
) -> None:
    assert [f.rule for f in findings(domain, text, date)] == expected


def test_an_ordinal_year_is_an_elapsed_claim_at_the_sentence_year() -> None:
    (c,) = claims(VJ, "2018 marks the 45th year of diplomatic ties.", "2019-01", "elapsed")
    assert (c.attr("years"), c.attr("form"), c.attr("counted"), c.attr("at")) == (
        "45",
        "ordinal",
        "year",
        "sentence",
    )
    assert claims(VJ, "2018 marks the 45th year of diplomatic ties.", "2019-01", "event") == []


def test_a_named_place_between_an_event_verb_and_its_date(tmp_path: Path) -> None:
    """ "was listed on the Toronto Stock Exchange in 1986": the date is still the listing's."""
    (tmp_path / "r.yaml").write_text(
        "entities:\n  - {id: tam, names: [Tamarack], source: fic}\n"
        "events:\n  - {id: listing, name: Listing, date: 1987-06-02, subject: [tam],\n"
        "     aliases: [listing of Tamarack], verbs: [listed], source: fic}\n"
    )
    ex = Extractor(rulebook.load([tmp_path / "r.yaml"]))

    def dated(text: str) -> list[str]:
        d = Document("a.md", text, date=PartialDate.parse("2024-06-01"))
        return [str(c.date) for c in ex.extract(d) if c.kind == "event"]

    assert dated("Tamarack was listed on the Toronto Stock Exchange in June 1986.") == ["1986-06"]
    assert dated("Tamarack was listed on June 2, 1987.") == ["1987-06-02"]
    assert dated("Tamarack was listed on the exchange in 1986.") == []  # not a name: not read
