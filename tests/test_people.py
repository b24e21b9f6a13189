"""Offices and people: title and name claims as news writes them, and the people engine's rules
(title-no-such-office, title-not-in-office, title-wrong-person, name-short-form) both ways.

Rules come from tests/fixtures/people_rules: a small Vietnam-Japan copy and a made-up city
council (Springfield) that proves nothing about offices or names is hard-coded.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import RULES, DocContext
from claimcheck.checks.people import check_people
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding

FIXTURES = Path(__file__).parent / "fixtures" / "people_rules"
VJ = "vietnam-japan"
SF = "springfield"


@functools.cache
def extractor(domain: str) -> Extractor:
    return Extractor(rulebook.load([FIXTURES / domain]))


def doc(text: str, date: str | None) -> Document:
    return Document("article.md", text, date=PartialDate.parse(date) if date else None)


def claims(domain: str, text: str, date: str | None = "2015-09-15") -> list[Claim]:
    return [c for c in extractor(domain).extract(doc(text, date)) if c.kind in ("title", "name")]


def findings(domain: str, text: str, date: str | None) -> list[Finding]:
    ex = extractor(domain)
    d = doc(text, date)
    return list(check_people(DocContext(d, ex.extract(d), ex.book)))


def rules(domain: str, text: str, date: str | None) -> list[str]:
    return [f.rule for f in findings(domain, text, date)]


def titles(domain: str, text: str, date: str | None = "2015-09-15") -> list[tuple[object, ...]]:
    return [
        (c.text, c.subject, c.target, c.modifiers)
        for c in claims(domain, text, date)
        if c.kind == "title"
    ]


def names(domain: str, text: str, date: str | None = "2015-09-15") -> list[tuple[object, ...]]:
    return [
        (c.text, c.subject, c.attr("part"), c.attr("title"))
        for c in claims(domain, text, date)
        if c.kind == "name"
    ]


# --- extraction: a title before a name ----------------------------------------------------------

TITLE_BEFORE_NAME = [
    (
        "Prime Minister Shinzo Abe visited Hanoi.",
        "Prime Minister Shinzo Abe",
        "shinzo-abe",
        "japan-prime-minister",
    ),
    ("It was Japanese President Shinzo Abe.", "Japanese President Shinzo Abe", "shinzo-abe", None),
    ("He met PM Shinzo Abe in Da Nang.", "PM Shinzo Abe", "shinzo-abe", "japan-prime-minister"),
    (
        "He met Premier Abe Shinzo in Da Nang.",
        "Premier Abe Shinzo",
        "shinzo-abe",
        "japan-prime-minister",
    ),
    (
        "Japanese Ambassador to Vietnam Ito Naoki said so.",
        "Japanese Ambassador to Vietnam Ito Naoki",
        "ito-naoki",
        "japan-ambassador-to-vietnam",
    ),
    (
        "Party General Secretary Nguyen Phu Trong began a visit.",
        "Party General Secretary Nguyen Phu Trong",
        "nguyen-phu-trong",
        "vietnam-general-secretary",
    ),
    (
        "He received President of the House of Councilors of Japan Otsuji Hidehisa.",
        "President of the House of Councilors of Japan Otsuji Hidehisa",
        "otsuji-hidehisa",
        "japan-councillors-president",
    ),
    (
        "Vietnamese ambassador to Japan Nguyen Quoc Cuong said it.",
        "Vietnamese ambassador to Japan Nguyen Quoc Cuong",
        "nguyen-quoc-cuong",
        "vietnam-ambassador-to-japan",
    ),
    (
        "Japan's Prime Minister Shinzo Abe said it.",
        "Japan's Prime Minister Shinzo Abe",
        "shinzo-abe",
        "japan-prime-minister",
    ),
    (
        "Prime Minister of Japan Shinzo Abe said it.",
        "Prime Minister of Japan Shinzo Abe",
        "shinzo-abe",
        "japan-prime-minister",
    ),
    (
        "Vietnam's Prime Minister Nguyen Tan Dung said it.",
        "Vietnam's Prime Minister Nguyen Tan Dung",
        "nguyen-tan-dung",
        "vietnam-prime-minister",
    ),
    (
        "Japan's Prime Minister, Shinzo Abe, said it.",
        "Japan's Prime Minister, Shinzo Abe",
        "shinzo-abe",
        "japan-prime-minister",
    ),
]


@pytest.mark.parametrize(("text", "span", "person", "office"), TITLE_BEFORE_NAME)
def test_title_before_name(text: str, span: str, person: str, office: str | None) -> None:
    assert titles(VJ, text) == [(span, person, office, ())]


def test_title_records_the_title_jurisdiction_and_name_form() -> None:
    (c,) = claims(VJ, "It was Japanese President Shinzo Abe.")
    assert c.attr("title") == "President"
    assert c.attr("jurisdiction") == "japan"
    assert c.attr("form") == "full"
    (c,) = claims(VJ, "Prime Minister of Japan Shinzo Abe said it.")
    assert c.attr("jurisdiction") == "japan"


def test_same_title_in_two_jurisdictions_is_told_apart_by_the_person() -> None:
    assert titles(VJ, "Prime Minister Nguyen Tan Dung met Prime Minister Shinzo Abe.") == [
        ("Prime Minister Nguyen Tan Dung", "nguyen-tan-dung", "vietnam-prime-minister", ()),
        ("Prime Minister Shinzo Abe", "shinzo-abe", "japan-prime-minister", ()),
    ]


def test_two_titles_joined_by_and_share_the_name() -> None:
    text = "Party General Secretary and President Nguyen Phu Trong met him."
    assert titles(VJ, text, "2019-05") == [
        (
            "Party General Secretary and President Nguyen Phu Trong",
            "nguyen-phu-trong",
            "vietnam-general-secretary",
            (),
        ),
        ("President Nguyen Phu Trong", "nguyen-phu-trong", "vietnam-president", ()),
    ]
    assert rules(VJ, text, "2019-05") == []
    assert rules(VJ, text, "2022-05") == ["title-not-in-office"]  # no longer President
    text = "General Secretary Nguyen Phu Trong came. General Secretary and President Trong spoke."
    assert [t[0] for t in titles(VJ, text, "2019-05")][1:] == [
        "General Secretary and President Trong",
        "President Trong",
    ]
    assert names(VJ, text, "2019-05") == [
        ("President Trong", "nguyen-phu-trong", "given", "President")
    ]


def test_a_person_never_in_the_office_gets_its_own_jurisdictions_office() -> None:
    # Trong never was Prime Minister; his offices are Vietnamese, so the title means Vietnam's.
    assert titles(VJ, "Prime Minister Nguyen Phu Trong met him.") == [
        ("Prime Minister Nguyen Phu Trong", "nguyen-phu-trong", "vietnam-prime-minister", ())
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Vice President Nguyen Phu Trong spoke.",  # another office
        "Deputy Prime Minister Shinzo Abe spoke.",
        "Ambasador Sandeep Arya paid a visit.",  # not a title of the rulebook, unknown name
        "Ambassador Sandeep Arya paid a visit.",  # a title with a name the rulebook does not know
        "The Prime Minister's wife Akie Abe spoke.",
        "Japanese Emperor Akihito and Empress Michiko visited.",
        "Ambassador to Vietnam, Shinzo Abe and Nguyen Phu Trong met.",  # a list, not apposition
    ],
)
def test_no_title_claim(text: str) -> None:
    assert titles(VJ, text) == []


# --- extraction: appositives, modifiers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "person", "office", "mods"),
    [
        (
            "Shinzo Abe, Japan's prime minister, said so.",
            "Shinzo Abe, Japan's prime minister",
            "shinzo-abe",
            "japan-prime-minister",
            (),
        ),
        (
            "Nguyen Phu Trong, General Secretary of the Communist Party of Vietnam, said so.",
            "Nguyen Phu Trong, General Secretary",
            "nguyen-phu-trong",
            "vietnam-general-secretary",
            (),
        ),
        (
            "Shinzo Abe, Japan's former prime minister, said so.",
            "Shinzo Abe, Japan's former prime minister",
            "shinzo-abe",
            "japan-prime-minister",
            ("former",),
        ),
        (
            "Yoshihide Suga, now the prime minister, said so.",
            "Yoshihide Suga, now the prime minister",
            "yoshihide-suga",
            "japan-prime-minister",
            ("now",),
        ),
        (
            "The late Shinzo Abe, Japan's prime minister, was remembered.",
            "late Shinzo Abe, Japan's prime minister",
            "shinzo-abe",
            "japan-prime-minister",
            ("late",),
        ),
    ],
)
def test_appositive(text: str, span: str, person: str, office: str, mods: tuple[str, ...]) -> None:
    assert titles(VJ, text) == [(span, person, office, mods)]


@pytest.mark.parametrize(
    ("text", "span", "mods"),
    [
        (
            "Former Prime Minister Shinzo Abe spoke.",
            "Former Prime Minister Shinzo Abe",
            ("former",),
        ),
        ("The late Prime Minister Shinzo Abe spoke.", "late Prime Minister Shinzo Abe", ("late",)),
        ("then-Prime Minister Shinzo Abe spoke.", "then-Prime Minister Shinzo Abe", ("then",)),
        ("The then Prime Minister Shinzo Abe spoke.", "then Prime Minister Shinzo Abe", ("then",)),
        ("ex-Prime Minister Shinzo Abe spoke.", "ex-Prime Minister Shinzo Abe", ("ex",)),
        (
            "Acting Prime Minister Shinzo Abe spoke.",
            "Acting Prime Minister Shinzo Abe",
            ("acting",),
        ),
        (
            "Outgoing Prime Minister Shinzo Abe spoke.",
            "Outgoing Prime Minister Shinzo Abe",
            ("outgoing",),
        ),
        ("Prime Minister-elect Shinzo Abe spoke.", "Prime Minister-elect Shinzo Abe", ("elect",)),
        (
            "Incoming Prime Minister Shinzo Abe spoke.",
            "Incoming Prime Minister Shinzo Abe",
            ("elect",),
        ),
        (
            "The late former Japanese Prime Minister Shinzo Abe spoke.",
            "late former Japanese Prime Minister Shinzo Abe",
            ("late", "former"),
        ),
        (
            "Newly-appointed Prime Minister Shinzo Abe spoke.",
            "Newly-appointed Prime Minister Shinzo Abe",
            ("new",),
        ),
        ("The new Prime Minister Shinzo Abe spoke.", "new Prime Minister Shinzo Abe", ("new",)),
        (
            "Current Prime Minister Shinzo Abe spoke.",
            "Current Prime Minister Shinzo Abe",
            ("current",),
        ),
    ],
)
def test_modifiers(text: str, span: str, mods: tuple[str, ...]) -> None:
    assert titles(VJ, text) == [(span, "shinzo-abe", "japan-prime-minister", mods)]


def test_chocolate_is_not_late() -> None:
    assert titles(VJ, "Chocolate Prime Minister Shinzo Abe.")[0][3] == ()


# --- extraction: short references ---------------------------------------------------------------


def test_short_references_to_people_named_earlier() -> None:
    text = (
        "Party General Secretary Nguyen Phu Trong met Prime Minister Shinzo Abe. "
        "Mr. Trong and Prime Minister Abe talked. Mr. Abe agreed."
    )
    assert names(VJ, text) == [
        ("Mr. Trong", "nguyen-phu-trong", "given", "Mr."),
        ("Prime Minister Abe", "shinzo-abe", "family", "Prime Minister"),
        ("Mr. Abe", "shinzo-abe", "family", "Mr."),
    ]
    short_title = [t for t in titles(VJ, text) if t[0] == "Prime Minister Abe"]
    assert short_title == [("Prime Minister Abe", "shinzo-abe", "japan-prime-minister", ())]
    (c,) = [c for c in claims(VJ, text) if c.text == "Prime Minister Abe" and c.kind == "title"]
    assert c.attr("form") == "family"


def test_short_reference_by_title_alone_when_the_rulebook_has_one_such_holder() -> None:
    # Nobody is named in full: "PM Chinh" is the only Prime Minister with that name part.
    assert names(VJ, "PM Chinh met Japanese business leaders.", "2023-12") == [
        ("PM Chinh", "pham-minh-chinh", "given", "PM")
    ]
    assert names(VJ, "President Quang spoke.", "2017-12") == [
        ("President Quang", "tran-dai-quang", "given", "President")
    ]


def test_short_reference_by_title_alone_picks_the_holder_in_office_then() -> None:
    # Two Prime Ministers named Pham: the one in office when the article speaks.
    assert names(VJ, "PM Pham welcomed Japanese investors.", "2024-03") == [
        ("PM Pham", "pham-minh-chinh", "family", "PM")
    ]
    assert names(VJ, "PM Pham welcomed Japanese investors.", "1980-03") == [
        ("PM Pham", "pham-van-dong", "family", "PM")
    ]
    assert names(VJ, "PM Pham welcomed Japanese investors.", None) == []
    assert names(VJ, "PM Pham welcomed Japanese investors.", "1995") == []


def test_ambassador_naoki_is_a_given_name_reference() -> None:
    text = "Japanese Ambassador to Vietnam Ito Naoki arrived. Ambassador Naoki spoke."
    assert names(VJ, text, "2024-12") == [("Ambassador Naoki", "ito-naoki", "given", "Ambassador")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Abe agreed.",  # nobody named earlier, and "Mr." is no office
        # Two people named Nguyen: the part is ambiguous.
        "Nguyen Phu Trong met Nguyen Quoc Cuong. Mr. Nguyen spoke.",
        "Mr. Trong spoke. Later Nguyen Phu Trong left.",  # named only after the reference
        "mr. abe agreed. Shinzo Abe left.",
        "The Long march of Nguyen Phu Trong.",
    ],
)
def test_no_name_claim(text: str) -> None:
    assert names(VJ, text) == []


def test_title_and_name_inside_a_longer_phrase_count() -> None:
    # The title and the full name sit inside an event's alias: still claimed and still a person
    # named in full for the short reference after.
    text = (
        "The official visit to Japan by Party General Secretary Nguyen Phu Trong began. "
        "Mr. Trong spoke."
    )
    assert titles(VJ, text) == [
        (
            "Party General Secretary Nguyen Phu Trong",
            "nguyen-phu-trong",
            "vietnam-general-secretary",
            (),
        )
    ]
    assert names(VJ, text) == [("Mr. Trong", "nguyen-phu-trong", "given", "Mr.")]


# --- extraction: the time a title claim speaks of ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The highlights were visits to Vietnam in 2017 by Japanese President Shinzo Abe.", "2017"),
        ("Prime Minister Shinzo Abe visited Vietnam in January 2013.", "2013-01"),
        ("Prime Minister Shinzo Abe arrived (September 6, 2023).", "2023-09-06"),
        ("In 2013, Prime Minister Shinzo Abe visited Hanoi.", "2013"),
        ("Prime Minister Shinzo Abe said that trade in 2020 grew.", None),
        ("According to Prime Minister Shinzo Abe, trade in 2020 grew.", None),
        ("Prime Minister Shinzo Abe spoke over the past 20 years.", None),
    ],
)
def test_event_date(text: str, date: str | None) -> None:
    (c,) = [c for c in claims(VJ, text, "2023-11-28") if c.kind == "title"]
    assert (str(c.date) if c.date else None) == date
    assert c.period is not None
    expected = PartialDate.parse(date or "2023-11-28")
    assert (c.period.start, c.period.end) == (expected.first(), expected.last())


# --- checks ------------------------------------------------------------------------------------

CHECKS = [
    # title-no-such-office
    (VJ, "2017-12", "Visits in 2017 by Japanese President Shinzo Abe.", ["title-no-such-office"]),
    (VJ, "2017-12", "Visits in 2017 by Japanese Prime Minister Shinzo Abe.", []),
    (VJ, "2017-12", "Visits in 2017 by Japanese PM Shinzo Abe.", []),
    (VJ, "2017-12", "Indian Prime Minister Shinzo Abe came.", []),  # India's list is not closed
    (VJ, "2017-12", "President Shinzo Abe came.", []),  # whose president is not said
    # title-not-in-office
    (VJ, "2021-05", "Prime Minister Shinzo Abe said hello.", ["title-not-in-office"]),
    (VJ, "2021-05", "Former Prime Minister Shinzo Abe said hello.", []),
    (VJ, "2021-05", "Ex-Prime Minister Shinzo Abe said hello.", []),
    (VJ, "2021-05", "Shinzo Abe, Japan's former prime minister, said hello.", []),
    (VJ, "2023-05", "Prime Minister Shinzo Abe visited Vietnam in January 2013.", []),
    (VJ, "2023-05", "Then-Prime Minister Shinzo Abe visited Vietnam in January 2013.", []),
    (
        VJ,
        "2023-05",
        "Then-Prime Minister Yoshihide Suga visited Vietnam in 2015.",
        ["title-not-in-office"],
    ),
    (VJ, "2023-05", "Then-Prime Minister Shinzo Abe visited Vietnam.", []),
    (VJ, "2023-03", "The late Prime Minister Shinzo Abe was remembered.", []),
    (VJ, "2023-03", "The late Shinzo Abe, Japan's prime minister, was remembered.", []),
    (VJ, "2021-03", "The late Prime Minister Shinzo Abe was remembered.", ["title-not-in-office"]),
    (VJ, "2021-03", "Prime Minister-elect Yoshihide Suga spoke.", ["title-not-in-office"]),
    (VJ, "2020-09-14", "Prime Minister-elect Yoshihide Suga spoke.", []),
    (VJ, "2023-05", "Ex-Prime Minister Fumio Kishida spoke.", ["title-not-in-office"]),
    # "new": just begun, or about to (an ambassador arrives before presenting credentials)
    (VJ, "2024-01", "New Japanese Ambassador Ito Naoki arrived.", []),
    (VJ, "2024-01", "Japanese Ambassador Ito Naoki arrived.", []),  # the list has a gap then
    (VJ, "2021-11", "Newly elected Prime Minister Fumio Kishida spoke.", []),
    (VJ, "2021-09", "Newly elected Prime Minister Fumio Kishida spoke.", []),
    (VJ, "2023-05", "New Prime Minister Yoshihide Suga spoke.", ["title-not-in-office"]),
    (VJ, "2023-05", "Yoshihide Suga, now the prime minister, spoke.", ["title-not-in-office"]),
    (VJ, "2021-05", "Yoshihide Suga, now the prime minister, spoke.", []),
    (VJ, None, "Prime Minister Shinzo Abe said hello.", []),  # time unknown
    (VJ, "2009-05", "Prime Minister Shinzo Abe said hello.", []),  # list does not cover 2009
    (VJ, "2015-09-15", "President Nguyen Phu Trong met him.", []),  # nor 2015 for presidents
    (VJ, "2019-05", "President Nguyen Phu Trong met him.", []),
    (VJ, "2022-05", "President Nguyen Phu Trong met him.", ["title-not-in-office"]),
    (VJ, "2017-12", "Prime Minister Nguyen Xuan Phuc visited Japan.", []),
    # title-wrong-person
    (VJ, "2015-09-15", "Prime Minister Nguyen Phu Trong met him.", ["title-wrong-person"]),
    (VJ, "2005-09-15", "Prime Minister Nguyen Phu Trong met him.", []),  # list does not cover
    (VJ, "2015-09-15", "Former Prime Minister Nguyen Phu Trong met him.", []),
    (VJ, "2018-05", "Prime Minister Yoshihide Suga met him.", ["title-not-in-office"]),
    (VJ, "2018-05", "Prime Minister Ito Naoki met him.", ["title-wrong-person"]),
    (VJ, "2021-05", "Prime Minister Yoshihide Suga met him.", []),
    # name-short-form
    (
        VJ,
        "2024-12",
        "Japanese Ambassador to Vietnam Ito Naoki came. Ambassador Naoki spoke.",
        ["name-short-form"],
    ),
    (VJ, "2024-12", "Japanese Ambassador to Vietnam Ito Naoki came. Ambassador Ito spoke.", []),
    (VJ, "2015-09-15", "General Secretary Nguyen Phu Trong came. Mr. Trong spoke.", []),
    (
        VJ,
        "2015-09-15",
        "General Secretary Nguyen Phu Trong came. Mr. Nguyen spoke.",
        ["name-short-form"],
    ),
    (VJ, "2023-12", "PM Chinh met Japanese business leaders.", []),
    (VJ, "2024-03", "PM Pham met Japanese business leaders.", ["name-short-form"]),
    (VJ, "2017-06", "Prime Minister Shinzo Abe came. Mr. Shinzo spoke.", ["name-short-form"]),
    # the second domain
    (SF, "2021-06", "Springfield Governor Chen Wei opened the fair.", ["title-no-such-office"]),
    (SF, "2021-06", "Westland Governor Dana Whitfield opened the fair.", []),
    (SF, "2021-06", "Springfield Mayor Chen Wei opened the fair. Mayor Chen left.", []),
    (SF, "2021-06", "Mayor Alma Reyes spoke.", ["title-not-in-office"]),
    (SF, "2021-06", "Former Mayor Alma Reyes spoke.", []),
    (SF, "2021-06", "Then-Mayor Alma Reyes opened the park in 2015.", []),
    (SF, "2021-06", "Springfield Mayor Dana Whitfield spoke.", ["title-wrong-person"]),
    (SF, "2021-06", "Mayor Dana Whitfield spoke.", []),  # a mayor of somewhere else, maybe
    (SF, "2021-06", "The late Mayor Ben Carter was honoured.", []),
    (SF, "2018-06", "The late Mayor Ben Carter was honoured.", ["title-not-in-office"]),
    (SF, "2021-06", "Council President Ed Kowalski spoke. Mr. Kowalski left.", ["name-short-form"]),
    (SF, "2021-06", "Council President Ed Kowalski spoke. Mr. Ed left.", []),
    (SF, "2021-06", "City Clerk Frank Osei spoke.", []),
]


@pytest.mark.parametrize(("domain", "date", "text", "expected"), CHECKS)
def test_checks(domain: str, date: str | None, text: str, expected: list[str]) -> None:
    assert rules(domain, text, date) == expected


def test_no_such_office_message_evidence_and_fix() -> None:
    text = "Visits to Vietnam in 2017 by Japanese President Shinzo Abe."
    (f,) = findings(VJ, text, "2017-12")
    assert (f.rule, f.category, f.severity) == ("title-no-such-office", "title", "error")
    assert f.message == (
        "Japan has no president: Shinzo Abe was Prime Minister of Japan (2012-12-26 to 2020-09-16)"
    )
    assert (f.line, f.column, f.end_column) == (1, 30, 59)
    assert f.fix == "Japanese Prime Minister Shinzo Abe"
    rule_file = str(FIXTURES / VJ / "people.yaml")
    lines = Path(rule_file).read_text(encoding="utf-8").splitlines()
    cited = [r for r in f.related if r.path == rule_file]
    assert any("2012-12-26" in lines[r.line - 1] for r in cited)  # the holder entry itself
    assert any("japan.kantei.go.jp" in r.message for r in f.related)  # with its source


def test_no_such_office_without_a_certain_fix() -> None:
    # In 2021 Abe held no office: the message lists what he held, and no fix is offered.
    (f,) = findings(VJ, "Japanese President Shinzo Abe spoke.", "2021-05")
    assert f.fix is None
    assert "2006-09-26 to 2007-09-26" in f.message and "2012-12-26 to 2020-09-16" in f.message


def test_not_in_office_message_names_the_terms() -> None:
    (f,) = findings(VJ, "Prime Minister Shinzo Abe said hello.", "2021-05")
    assert f.message == (
        "Shinzo Abe was not Prime Minister of Japan in 2021-05: in office 2006-09-26 to "
        "2007-09-26, 2012-12-26 to 2020-09-16"
    )
    assert f.fix is None


def test_wrong_person_names_the_holder() -> None:
    (f,) = findings(VJ, "Prime Minister Nguyen Phu Trong met him.", "2015-09-15")
    assert "Nguyen Tan Dung was (2006-06-27 to 2016-04-07)" in f.message
    assert "General Secretary of Vietnam (2011-01-19 to 2024-07-19)" in f.message


def test_short_form_fix_and_severity() -> None:
    text = "Japanese Ambassador to Vietnam Ito Naoki came. Ambassador Naoki spoke."
    (f,) = findings(VJ, text, "2024-12")
    assert (f.rule, f.category, f.severity) == ("name-short-form", "name", "warning")
    assert f.fix == "Ambassador Ito"
    assert f.anchor == "Ambassador Naoki"
    (f,) = findings(VJ, "General Secretary Nguyen Phu Trong came. Mr. Nguyen spoke.", "2015")
    assert f.fix == "Mr. Trong"


def test_unverified_holder_gives_a_warning_at_most() -> None:
    (f,) = findings(SF, "Former City Clerk Frank Osei spoke.", "2019-06")
    assert (f.rule, f.severity) == ("title-not-in-office", "warning")


def test_rules_are_registered() -> None:
    for rule in ("title-no-such-office", "title-not-in-office", "title-wrong-person"):
        assert RULES[rule].category == "title" and RULES[rule].severity == "error"
    assert RULES["name-short-form"].severity == "warning"


def test_both_domains_in_one_rulebook_do_not_mix() -> None:
    ex = Extractor(rulebook.load([FIXTURES / VJ, FIXTURES / SF]))
    d = doc(
        "Mayor Chen Wei met Prime Minister Shinzo Abe. Springfield Mayor Shinzo Abe and "
        "Prime Minister Chen Wei are nobody's titles.",
        "2021-06",
    )
    found = ex.extract(d)
    got = [(c.text, c.target) for c in found if c.kind == "title"]
    assert got == [
        ("Mayor Chen Wei", "springfield-mayor"),
        ("Prime Minister Shinzo Abe", "japan-prime-minister"),
        ("Springfield Mayor Shinzo Abe", "springfield-mayor"),
    ]
    assert [f.rule for f in check_people(DocContext(d, found, ex.book))] == [
        "title-not-in-office",
        "title-wrong-person",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Shinzo Abe, " * 5000 + ".",
        "Mr. " * 20000 + "Abe.",
        "Former " * 20000 + "Prime Minister Shinzo Abe.",
        "Prime Minister " * 20000 + "Shinzo Abe.",
        "Shinzo Abe, " * 20000 + "prime minister.",
    ],
)
def test_pathological_text(text: str) -> None:
    # One long sentence of repeated patterns: claims come out (a bounded window looks back for
    # modifiers), and nothing is claimed twice.
    found = claims(VJ, text)
    spans = [(c.kind, c.start) for c in found]
    assert len(spans) == len(set(spans))
    assert len(found) <= text.count("Abe")


# --- titles on real text (issue 17) -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an organisation word governs the title: the party's president, not the state's
        "Democratic Party of Japan President Shinzo Abe spoke.",
        "Japanese ruling party President Shinzo Abe spoke.",
        "Bank of Japan Governor Shinzo Abe spoke.",
        "Japan Business Federation Chairman Fumio Kishida spoke.",
        # a list: the titles after the comma are other people's
        "The Emperor received Shinzo Abe, President of the House of Councillors and the Prime "
        "Minister.",
    ],
)
def test_titles_that_are_not_the_names_state_office(text: str) -> None:
    assert [c for c in titles(VJ, text, "2015-09-15") if c[0] != "Prime Minister."] == []
    assert rules(VJ, text, "2015-09-15") == []


def test_an_office_that_is_the_organisations_own_is_kept() -> None:
    # the rulebook's General Secretary is the party's (its alias says "Party")
    got = titles(VJ, "Communist Party of Vietnam General Secretary Nguyen Phu Trong spoke.")
    assert [(c[1], c[2]) for c in got] == [("nguyen-phu-trong", "vietnam-general-secretary")]


@pytest.mark.parametrize(
    "text",
    [
        "Crowds lined the streets for the state funeral of General Secretary Nguyen Phu Trong on "
        "July 26.",
        "Flags flew at half-mast in mourning for General Secretary Nguyen Phu Trong.",
        "General Secretary Nguyen Phu Trong passed away on July 19.",
    ],
)
def test_a_title_governed_by_a_death_is_judged_at_the_death(text: str) -> None:
    (claim,) = [c for c in claims(VJ, text, "2024-08-02") if c.kind == "title"]
    assert str(claim.date) == "2024-07-19"
    assert claim.attr("inferred.period") == "death"
    assert rules(VJ, text, "2024-08-02") == []


def test_a_wrong_title_at_a_funeral_is_still_wrong() -> None:
    text = "Crowds attended the state funeral of Prime Minister Nguyen Phu Trong."
    assert rules(VJ, text, "2024-08-02") == ["title-wrong-person"]


def test_a_title_the_person_had_left_before_dying_is_still_wrong() -> None:
    # Abe left office in 2020 and died in 2022: at his death he was a former prime minister
    text = "Thousands attended the funeral of Prime Minister Shinzo Abe."
    (claim,) = [c for c in claims(VJ, text, "2022-09-28") if c.kind == "title"]
    assert str(claim.date) == "2022-07-08"
    assert rules(VJ, text, "2022-09-28") == ["title-not-in-office"]
    assert rules(VJ, text.replace("Prime", "former Prime"), "2022-09-28") == []


def test_a_separated_modifier_applies_to_a_described_title() -> None:
    text = "Her guest was the son of a former beloved prime minister, Shinzo Abe."
    got = titles(VJ, text, "2024-09-01")
    assert [(c[1], c[3]) for c in got] == [("shinzo-abe", ("former",))]
    assert rules(VJ, text, "2024-09-01") == []


def test_a_separated_modifier_does_not_reach_a_capitalised_title() -> None:
    # "his former boss" describes the relation, not the office
    got = titles(VJ, "His former mentor Prime Minister Fumio Kishida spoke.", "2023-05-01")
    assert [c[3] for c in got] == [()]


@pytest.mark.parametrize(
    ("credit", "date"),
    [
        ("(Photo taken on January 16, 2013)", "2013-01-16"),
        ("File photo: VNA, January 2013", "2013-01"),
    ],
)
def test_a_caption_takes_the_date_of_its_photo_credit(credit: str, date: str) -> None:
    text = f"Prime Minister Shinzo Abe greets students in Hanoi. {credit}\n\nAbe left office."
    (claim,) = [c for c in claims(VJ, text, "2023-11-01") if c.kind == "title"]
    assert (str(claim.date), claim.attr("inferred.period")) == (date, "paragraph")
    assert rules(VJ, text, "2023-11-01") == []


def test_a_credit_without_a_date_leaves_the_title_at_the_publication_date() -> None:
    text = "Prime Minister Shinzo Abe greets students in Hanoi. Photo: VNA"
    assert rules(VJ, text, "2023-11-01") == ["title-not-in-office"]
