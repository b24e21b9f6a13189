"""Sentences read since session 10 (issue 18, points 7 to 9): events said with a verb, the day a
term of office began, breakdowns of a total, and aliases read only beside their context.

A fictional paper-mill beat (written here) keeps the tests apart from the project's rulebook;
the office-start tests use the project's rules, whose holders carry their first days."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimcheck import rulebook
from claimcheck.checks import DocContext
from claimcheck.checks.arithmetic import check_arithmetic
from claimcheck.checks.events import check_events
from claimcheck.cli import main
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding

ROOT = Path(__file__).resolve().parent.parent

MILL_RULES = """\
entities:
  - id: larchmont
    kind: organisation
    names: [Larchmont Mills, Larchmont]
  - id: birchwood
    kind: organisation
    names: [Birchwood Paper]
  - id: easton
    kind: place
    names: [Easton]
    implied: true
events:
  - id: larchmont-incorporation
    name: Incorporation of Larchmont Mills
    date: 1890-03-14
    subject: [larchmont]
    aliases: [incorporation of Larchmont Mills]
    verbs: [incorporated, chartered]
    source: https://example.org/larchmont/history
  - id: larchmont-listing
    name: Larchmont shares first traded on the exchange
    date: 1962-05-02
    subject: [larchmont]
    aliases: [Larchmont shares]
    verbs: [listed]
    source: https://example.org/larchmont/listing
metrics:
  - id: mill-budget
    name: Easton mill authority budget
    subject: [easton]
    aliases: [mill budget, budget]
    dimension: currency
    unit: USD
  - id: terminal-berths
    name: Berths at the new ferry terminal
    subject: [easton]
    aliases: [berths at the new ferry terminal]
    context_aliases:
      - alias: berths
        context: [ferry terminal]
      - alias: slips
        context: [ferry terminal]
        within: paragraph
    dimension: count
    unit: berth
    period: point
facts:
  - metric: terminal-berths
    end: 2024-01-01
    value: 12
    source: https://example.org/easton/terminal
"""


@functools.cache
def mill(tmp: str) -> Extractor:
    folder = Path(tmp) / "mill"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.yaml").write_text(MILL_RULES, encoding="utf-8")
    return Extractor(rulebook.load([folder]))


@pytest.fixture(scope="module")
def mill_ex(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    return mill(str(tmp_path_factory.mktemp("rules")))


@functools.cache
def project() -> Extractor:
    return Extractor(rulebook.load([ROOT / "rules"]))


def doc(text: str, date: str = "2024-03-02") -> Document:
    return Document("article.md", text, date=PartialDate.parse(date))


def claims(ex: Extractor, text: str, kind: str, date: str = "2024-03-02") -> list[Claim]:
    return [c for c in ex.extract(doc(text, date)) if c.kind == kind]


def event_findings(ex: Extractor, text: str, date: str = "2024-03-02") -> list[Finding]:
    d = doc(text, date)
    return list(check_events(DocContext(d, ex.extract(d), ex.book)))


def sum_findings(ex: Extractor, text: str) -> list[Finding]:
    d = doc(text)
    return list(check_arithmetic(DocContext(d, ex.extract(d), ex.book)))


# --- events said with a verb ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said", "date"),
    [
        ("Larchmont Mills was incorporated on March 14, 1890.", "Larchmont Mills", "1890-03-14"),
        ("Larchmont, the paper maker, was chartered in 1890.", "Larchmont", "1890"),
        ("Larchmont Mills was formally incorporated in March 1890.", "Larchmont Mills", "1890-03"),
        ("Its founders incorporated Larchmont Mills in 1890.", "incorporated", "1890"),
        ("Larchmont shares were first listed on May 2, 1962.", "Larchmont shares", "1962-05-02"),
        # a noun of the event's own verb names the happening
        (
            "The incorporation of Larchmont Mills on March 14, 1890 was quiet.",
            "incorporation",
            "1890-03-14",
        ),
        ("In 1890, the incorporation of Larchmont Mills took a day.", "1890", "1890"),
    ],
)
def test_an_event_said_with_its_verb_is_dated(
    mill_ex: Extractor, text: str, said: str, date: str
) -> None:
    found = claims(mill_ex, text, "event")
    assert len(found) == 1, found
    assert found[0].text.startswith(said)
    assert str(found[0].date) == date
    assert event_findings(mill_ex, text) == []


def test_a_wrong_date_said_with_a_verb_is_an_error(mill_ex: Extractor) -> None:
    text = "Larchmont Mills was incorporated on March 14, 1891, in a rented room."
    found = event_findings(mill_ex, text)
    assert [f.rule for f in found] == ["event-wrong-date"]
    assert "1890-03-14" in found[0].message and "1891-03-14" in found[0].message
    listed = event_findings(mill_ex, "Larchmont shares were listed in 1965.")
    assert [f.rule for f in listed] == ["event-wrong-date"]


@pytest.mark.parametrize(
    "text",
    [
        "The company was incorporated on March 14, 1891.",  # whose incorporation: unsaid
        "Birchwood Paper was incorporated on March 14, 1891.",  # not the event's subject
        "Larchmont Mills was sold on March 14, 1891.",  # not a verb of the event
        "Larchmont Mills was incorporated long before its rival.",  # no date after the verb
    ],
)
def test_a_verb_alone_dates_no_event(mill_ex: Extractor, text: str) -> None:
    assert claims(mill_ex, text, "event") == []


def test_the_passive_after_an_alias_reads_past_the_parties() -> None:
    text = "Diplomatic relations between the two countries were established on September 21, 1975."
    found = event_findings(project(), text, "2023-10-02")
    assert [f.rule for f in found] == ["event-wrong-date"]


# --- the day a term of office began --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Mr. Suga, who took office on September 19, met party leaders.", True),
        ("Suga took office on September 16, 2020.", False),
        ("Suga became Japan's prime minister on September 17, 2020.", True),
        ("Yoshihide Suga was sworn in as Prime Minister of Japan on September 16, 2020.", False),
    ],
)
def test_the_day_a_term_began(text: str, wrong: bool) -> None:
    found = claims(project(), text, "event", "2020-10-12")
    assert len(found) == 1 and found[0].subject == "suga-yoshihide"
    assert found[0].attr("start") == "office"
    rules = [f.rule for f in event_findings(project(), text, "2020-10-12")]
    assert rules == (["event-wrong-date"] if wrong else [])


def test_a_start_far_from_every_term_says_nothing() -> None:
    """No term of his began within a year of 2005: another office, or one the rules omit."""
    text = "Suga took office on April 1, 2005."
    assert len(claims(project(), text, "event", "2020-10-12")) == 1
    assert event_findings(project(), text, "2020-10-12") == []


def test_became_needs_an_office() -> None:
    text = "Suga became a household name on September 16, 2020."
    assert claims(project(), text, "event", "2020-10-12") == []


# --- breakdowns ----------------------------------------------------------------------------------


def test_of_the_total_is_a_breakdown_not_judged_unless_said_whole(mill_ex: Extractor) -> None:
    less = "Of the $1.42 billion budget, $900 million goes to wages and $420 million to repairs."
    more = "Of the $1.42 billion budget, $900 million goes to wages and $620 million to repairs."
    for text in (less, more):
        sums = claims(mill_ex, text, "arithmetic")
        assert len(sums) == 1 and sums[0].attr("breakdown") == "of-the"
        assert [p.text for p in sums[0].parts] == ["$1.42 billion", "$900 million", text[-24:-12]]
        assert sum_findings(mill_ex, text) == []
    # the parts of the total are no figures of the budget itself
    assert [c.text for c in claims(mill_ex, less, "quantity")] == ["$1.42 billion"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Of the $1.42 billion budget, $900 million pays wages and the remaining $620 million "
            "repairs.",
            True,
        ),
        (
            "Of the $1.42 billion budget, $900 million pays wages and the remaining $520 million "
            "repairs.",
            False,
        ),
        (
            "The $1.42 billion budget is split between wages ($900 million) and repairs "
            "($420 million).",
            True,
        ),
        (
            "The $1.42 billion budget is split between wages ($900 million) and repairs "
            "($520 million).",
            False,
        ),
        (
            "The budget stands at $1.42 billion: $900 million for wages and $620 million for "
            "repairs, all of it spent by June.",
            True,
        ),
        (
            "The budget stands at $1.42 billion: $900 million for wages and $420 million for "
            "repairs.",
            False,
        ),
    ],
)
def test_a_breakdown_said_whole_or_with_its_rest(
    mill_ex: Extractor, text: str, wrong: bool
) -> None:
    rules = [f.rule for f in sum_findings(mill_ex, text)]
    assert rules == (["arithmetic-parts-total"] if wrong else [])


def test_of_which_keeps_its_reading(mill_ex: Extractor) -> None:
    """The parts of an "of which" total never exceed it, said whole or not."""
    text = (
        "The budget is $1.42 billion, of which $900 million for wages and $620 million for repairs."
    )
    sums = claims(mill_ex, text, "arithmetic")
    assert len(sums) == 1 and sums[0].attr("breakdown") is None
    assert [f.rule for f in sum_findings(mill_ex, text)] == ["arithmetic-parts-total"]


# --- aliases with a context ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("The new ferry terminal has 14 berths.", True),
        ("The new Ferry Terminal has 14 Berths.", True),  # case is not read
        ("Berths at the new ferry terminal number 14.", True),  # the plain alias
        ("The marina has 40 berths for yachts.", False),  # no context: another berth count
        ("The new ferry terminal has 14 berth spaces.", False),  # "berth" is not "berths"
        ("The ferry terminal opened.\nThe harbour has 30 berths.", False),  # another paragraph
        ("The ferry terminal opened. It has 14 slips.", True),  # context in the paragraph
        ("The ferry terminal opened.\nThe marina has 30 slips.", False),
    ],
)
def test_a_context_alias_reads_only_beside_its_context(
    mill_ex: Extractor, text: str, read: bool
) -> None:
    found = [c for c in claims(mill_ex, text, "quantity") if c.target == "terminal-berths"]
    assert bool(found) == read, found


def test_a_context_alias_is_checked_against_the_facts(mill_ex: Extractor) -> None:
    from claimcheck.checks.quantities import check_quantities

    d = doc("The new ferry terminal has 14 berths.", "2024-01-01")  # the fact's day
    found = list(check_quantities(DocContext(d, mill_ex.extract(d), mill_ex.book)))
    assert [f.rule for f in found] == ["quantity-contradicts-fact"]


# --- rule files and the claims command -----------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "where"),
    [
        ("      - alias: berths\n        contxt: [ferry terminal]\n", "8:9: unknown key 'contxt'"),
        ("      - alias: berths\n        context: []\n", "8:18:"),
        ("      - alias: berths\n        context: [pier]\n        within: page\n", "9:17:"),
    ],
)
def test_a_context_alias_typo_is_reported_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, where: str
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "metrics:\n  - id: m\n    name: M\n    dimension: count\n    aliases: [m]\n"
        "    context_aliases:\n" + entry
    )
    assert main(["rules", "check", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:{where}" in err and "Traceback" not in err


def test_event_verbs_must_be_a_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "events:\n  - id: e\n    name: E\n    aliases: [e day]\n    date: 1990\n"
        "    verbs: incorporated\n    source: https://example.org/e\n"
    )
    assert main(["rules", "check", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:6:12:" in err and "verbs" in err


def test_unparsed_lists_a_sentence_holding_only_a_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2024-03-02\n---\nThe mill first opened its gates on May 2, 1901.\n"
        "It is a fine mill today.\n",
        encoding="utf-8",
    )
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(MILL_RULES, encoding="utf-8")
    assert main(["claims", str(article), "--rules", str(rules), "--unparsed"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  4:1: unparsed (date): The mill first opened its gates on May 2, 1901." in out
    assert not any("fine mill" in line for line in out)


def test_the_compiled_rulebook_keeps_verbs_and_context_aliases(mill_ex: Extractor) -> None:
    """The rulebook cache stores the new keys and reads them back the same."""
    from claimcheck.rulebook import store

    book = mill_ex.book
    data = store.encode(book, "code")
    again = store.decode(data, "code", book.digest)
    assert again.metrics["terminal-berths"].context_aliases[1].within == "paragraph"
    assert again.events["larchmont-listing"].verbs == ["listed"]
    assert store.encode(again, "code") == data
