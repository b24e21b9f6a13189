"""Quantity and arithmetic claims: which alias, which period, which subject; bounded time."""

from __future__ import annotations

import json
import math
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

RULES = Path(__file__).parent / "fixtures" / "rules"


@cache
def extractor(domain: str = "vn-jp") -> Extractor:
    return Extractor(rulebook.load([RULES / domain]))


def quantities(text: str, date: str | None = "2023-11-28", kind: str = "quantity") -> list[Claim]:
    doc = Document("t.txt", text, date=PartialDate.parse(date) if date else None)
    return [c for c in extractor().extract(doc) if c.kind == kind]


def test_a_count_is_never_money() -> None:
    # "investment projects" names a money metric in the fixture: 106 projects must not fill it
    text = (
        "Vietnam has 106 investment projects in Japan with a total registered investment "
        "capital of about US$19.5 million."
    )
    got = quantities(text)
    assert [(c.text, c.target) for c in got] == [
        ("about US$19.5 million", "vn-investment-in-japan")
    ]
    assert got[0].subject == "vietnam"


def test_a_counted_noun_does_not_take_an_earlier_alias() -> None:
    text = (
        "There are 230,000 Vietnamese now living and working in Japan and 16,000 Japanese in "
        "Vietnam."
    )
    got = quantities(text, "2017-12")
    assert [c.text for c in got] == ["230,000"]


def test_a_percentage_is_never_an_amount() -> None:
    assert quantities("ODA accounted for 30% in 2022.") == []


def test_a_number_with_no_alias_gives_no_claim() -> None:
    assert quantities("The company employs 4,200 people in 2022.") == []


def test_the_alias_right_after_the_number_wins_over_an_earlier_one() -> None:
    got = quantities("ODA reached US$29.3 billion, of which US$1.8 billion is non-refundable aid.")
    assert [(c.text, c.target) for c in got] == [
        ("US$29.3 billion", "oda"),
        ("US$1.8 billion", "oda-grants"),
    ]


def test_one_alias_two_metrics_the_period_decides() -> None:
    span = quantities("In 2022, FDI reached US$4.8 billion.")
    stock = quantities("As of September 20, FDI reached US$71.3 billion.")
    assert [c.target for c in span] == ["fdi-new"]
    assert [c.target for c in stock] == ["fdi-total"]
    assert stock[0].period is not None and stock[0].period.kind == "cumulative"


def test_no_period_and_no_date_means_no_period() -> None:
    got = quantities("FDI reached US$71 billion.", date=None)
    assert got[0].period is None
    assert got[0].attr("period") == "unknown"


def test_no_period_stated_takes_the_document_date() -> None:
    got = quantities("FDI reached US$71 billion.", date="2023-10")
    assert got[0].attr("period") == "document"
    assert got[0].period is not None and str(got[0].period) == "2023-10-01..2023-10-31 (cumulative)"


def test_subject_from_the_words_around_the_alias() -> None:
    assert quantities("FDI from Japan reached US$2 billion in 2022.")[0].subject == "japan"
    assert quantities("Japanese FDI reached US$2 billion in 2022.")[0].subject == "japan"
    assert (
        quantities("Japan's total FDI capital reached US$2 billion in 2022.")[0].subject == "japan"
    )


def test_subject_limited_to_the_metric_subjects() -> None:
    # fdi lists only japan: Vietnam, though named first, is not its subject
    got = quantities("Vietnam said FDI reached US$2 billion in 2022.")
    assert got[0].subject is None


@pytest.mark.parametrize(
    "text",
    [
        "Thailand's exports rose 12.5% to US$1.2 billion in 2019.",
        "South Korea's two-way trade reached US$80 billion in 2022.",
        "Vietnam's exports to the United States reached US$96 billion in 2022.",
        "Exports to the EU rose to US$40 billion in 2022.",
        "Imports from China were US$118 billion in 2022.",
        "Bilateral trade with ASEAN reached US$40 billion in 2022.",
    ],
)
def test_a_figure_of_a_party_the_rulebook_does_not_know_is_no_claim(text: str) -> None:
    """A proper noun the rulebook does not know owns the alias or is its partner: the figure
    is about that party, and must not be judged against the metric's facts."""
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Vietnam's exports to Japan reached US$24.2 billion in 2022.", "US$24.2 billion"),
        ("Exports from January to May reached US$9.5 billion in 2023.", "US$9.5 billion"),
        ("Japan's ODA to the Southeast Asian country was $21 billion by 2013.", "$21 billion"),
        ("Exports to Japanese buyers rose to US$24.2 billion in 2022.", "US$24.2 billion"),
        ("Vietnam's exports rose to US$24.2 billion in 2022.", "US$24.2 billion"),
        ("Exports to US$24.2 billion in 2022 set a record.", "US$24.2 billion"),
        ("The country's exports reached US$24.2 billion in 2022.", "US$24.2 billion"),
    ],
)
def test_a_known_party_a_month_or_a_party_noun_leaves_the_figure_read(
    text: str, figure: str
) -> None:
    assert [c.text for c in quantities(text)] == [figure]


def test_currency_metric_without_currency_keeps_no_unit() -> None:
    got = quantities("In 2022, two-way trade reached 47.6 billion.")
    assert got[0].value is not None and got[0].value.unit is None


def test_value_is_the_interval_and_keeps_what_was_written() -> None:
    v = quantities("Exports reached approximately US$24.2 billion in 2022.")[0].value
    assert v is not None
    assert (v.digits, v.scale, v.hedge, v.unit) == ("24.2", "billion", "approximately", "USD")
    assert v.low < 24.2e9 < v.high


def test_sum_parts_and_change_parts_are_the_quantity_claims() -> None:
    text = "In 2022, two-way trade reached US$47.6 billion, of which exports were US$24.2 billion."
    q = quantities(text)
    (a,) = quantities(text, kind="arithmetic")
    assert a.parts == tuple(q)
    assert a.attr("relation") == "sum"


def test_change_with_both_ends() -> None:
    text = "Exports rose 50% from US$2.4 billion to US$3.6 billion in 2023."
    (a,) = quantities(text, kind="arithmetic")
    assert [p.text for p in a.parts] == ["US$3.6 billion", "US$2.4 billion"]
    assert (a.attr("percent"), a.attr("change")) == ("50", "increase")


def test_a_decrease() -> None:
    (a,) = quantities("Imports fell by 7.5% in 2023.", kind="arithmetic")
    assert (a.attr("percent"), a.attr("change"), a.target) == ("7.5", "decrease", "imports")


def test_times_without_an_increase_is_no_fold() -> None:
    assert quantities("The minister visited Japan four times in 2022.", kind="arithmetic") == []


def test_claims_carry_the_sentence_span_and_sort_by_position() -> None:
    text = (
        "Intro line.\nExports reached US$24.2 billion in 2022. Imports were US$23.4 billion in "
        "2022."
    )
    got = quantities(text)
    assert [c.text for c in got] == ["US$24.2 billion", "US$23.4 billion"]
    assert got[0].sentence == (12, text.index(" Imports"))
    assert all(text[c.start : c.end] == c.text for c in got)


def test_cache_row_round_trip_keeps_an_open_interval() -> None:
    c = quantities("Trade turnover reached over US$32.9 billion in 2023.")[0]
    assert c.value is not None and math.isinf(c.value.high)
    assert Claim.from_row(json.loads(json.dumps(c.to_row()))) == c


WORDS = [
    "Japan",
    "Vietnam",
    "Japanese",
    "FDI",
    "two-way trade",
    "exports",
    "valid projects",
    "ODA provider",
    "the largest",
    "third",
    "among",
    "reached",
    "about",
    "over",
    "US$",
    "47.6",
    "5,198",
    "billion",
    "%",
    "in",
    "2022",
    "September",
    "20",
    "as of",
    "first",
    "9 months of",
    "of which",
    "an increase of",
    "folds",
    "from",
    ",",
    ".",
    "currently",
    "last",
    "year",
]


@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from([None, "2023-11-28", "2017"]))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_spans_stay_inside(words: list[str], date: str | None) -> None:
    text = " ".join(words)
    doc = Document("t.txt", text, date=PartialDate.parse(date) if date else None)
    for c in extractor().extract(doc):
        assert 0 <= c.start <= c.end <= len(text)
        if c.value is not None:
            assert c.value.low <= c.value.high


def test_linear_time_on_a_one_megabyte_line() -> None:
    unit = (
        "In the first 9 months of 2023, Japan's total FDI capital reached about US$2.9 billion, "
        "an increase of 50% over the same period in 2022, making Japan the third largest "
        "foreign investor; "
    )
    times = []
    for reps in (1250, 5000):
        text = unit * reps
        doc = Document("t.txt", text, date=PartialDate(2023, 11, 28))
        t = time.perf_counter()
        n = len(extractor().extract(doc))
        times.append(time.perf_counter() - t)
        print(f"extract {len(text):,} chars on one line: {times[-1]:.2f} s, {n} claims")
        assert n >= reps  # every repetition read
    # four times the text: about four times the time when linear, sixteen when quadratic (as it
    # was: a clause, the entities and the numbers of the sentence scanned again for each figure)
    assert times[1] < 9 * times[0]


def test_linear_time_on_digits_and_commas() -> None:
    for text in ("7" * 100_000, "123," * 25_000, "US$" + "9," * 50_000 + " billion"):
        doc = Document("t.txt", text, date=PartialDate(2023, 11, 28))
        t = time.perf_counter()
        extractor().extract(doc)
        print(f"extract {len(text):,} chars of digits: {time.perf_counter() - t:.2f} s")


def test_a_figure_in_the_wrong_dimension_keeps_its_unit_for_the_unit_check() -> None:
    (c,) = quantities("At the end of 2022, Vietnamese people numbered US$489,312.")
    assert (c.target, c.value.unit if c.value else None) == ("vietnamese-in-japan", "USD")


def test_a_value_of_the_things_counted_is_not_their_count() -> None:
    got = quantities("Japan has 5,000 valid projects worth US$70 billion.")
    assert [c.text for c in got] == ["5,000"]


# --- the period of the figure a change is measured against -------------------------------------


def _periods(text: str, date: str = "2023-11-28") -> list[tuple[str, str | None]]:
    return [(c.text, str(c.period) if c.period else None) for c in quantities(text, date)]


def test_a_period_right_after_the_old_value_is_its_own() -> None:
    assert _periods(
        "Two-way trade rose 21% to US$47.6 billion in 2022 from US$42.7 billion in 2021."
    ) == [("US$47.6 billion", "2022"), ("US$42.7 billion", "2021")]
    assert _periods(
        "In 2022, two-way trade reached US$47.6 billion, up from US$42.7 billion in 2021."
    ) == [("US$47.6 billion", "2022"), ("US$42.7 billion", "2021")]
    assert _periods("Exports rose from US$20 billion in 2020 to US$24 billion in 2022.") == [
        ("US$20 billion", "2020"),
        ("US$24 billion", "2022"),
    ]


def test_the_old_value_of_a_comparison_does_not_borrow_the_new_values_period() -> None:
    # the base's own time is unsaid (the year before, most likely): unknown, never the new one's
    for text in (
        "Two-way trade reached US$47.6 billion in 2022 compared with US$32.7 billion.",
        "In 2022, two-way trade rose to US$47.6 billion from US$32.7 billion.",
        "Two-way trade rose to US$47.6 billion from US$32.7 billion in 2022.",
        "In 2022, two-way trade reached US$47.6 billion, against US$32.7 billion last time.",
    ):
        got = quantities(text)
        assert (got[0].text, str(got[0].period)) == ("US$47.6 billion", "2022"), text
        assert (got[1].text, got[1].period, got[1].attr("period")) == (
            "US$32.7 billion",
            None,
            "unknown",
        ), text


def test_the_base_may_name_its_period_before_its_figure() -> None:
    assert _periods(
        "Two-way trade reached US$47.6 billion in 2022, up from the 2021 figure of US$42.7 billion."
    ) == [("US$47.6 billion", "2022"), ("US$42.7 billion", "2021")]
    assert _periods(
        "Two-way trade reached US$47.6 billion in 2022, up from 2021's US$42.7 billion."
    ) == [("US$47.6 billion", "2022"), ("US$42.7 billion", "2021")]


def test_figures_that_share_a_period_still_share_it() -> None:
    # no comparison: "imports" is of the same year as "exports"
    assert _periods("Exports were US$24.2 billion in 2022 and imports US$23.4 billion.") == [
        ("US$24.2 billion", "2022"),
        ("US$23.4 billion", "2022"),
    ]
    assert _periods("Imports from Japan reached US$23.4 billion in 2022.") == [
        ("US$23.4 billion", "2022")
    ]


# --- a figure plainly stated as a metric's value, in another dimension --------------------------

HALVORA = Path(__file__).parents[1] / "examples" / "halvora" / "rules"


@cache
def halvora() -> Extractor:
    return Extractor(rulebook.load([HALVORA]))


def halvora_quantities(text: str, date: str = "2024-07-03") -> list[Claim]:
    doc = Document("t.md", text, date=PartialDate.parse(date))
    return [c for c in halvora().extract(doc) if c.kind == "quantity"]


def test_a_head_count_stated_as_a_rate_keeps_what_it_counts() -> None:
    (c,) = halvora_quantities("Halvora's jobless rate stood at 21,400 people in June 2024.")
    assert c.target == "halvora-unemployment"
    assert c.value is not None and (c.value.unit, c.value.low) == ("people", 21350.0)
    (c,) = halvora_quantities("Halvora's unemployment rate was about 21,400 people in June 2024.")
    assert c.value is not None and c.value.unit == "people"


def test_money_stated_as_a_head_count_after_a_stating_verb() -> None:
    for verb in ("numbered", "stood at", "totalled about", "had reached"):
        got = quantities(f"At the end of 2022, Vietnamese people {verb} US$489,312.")
        assert [(c.target, c.value.unit if c.value else None) for c in got] == [
            ("vietnamese-in-japan", "USD")
        ], verb


def test_no_cross_dimension_binding_when_the_alias_does_not_state_the_figure() -> None:
    # a share or a change of an amount, a count of the things an amount is spent on, a value
    # of what is counted: none is the metric's value in the wrong unit
    assert quantities("ODA was 30% of the total in 2022.") == []
    assert quantities("In 2022, FDI went to 300 projects.") == []
    assert [c.text for c in quantities("In 2022, FDI reached 300 projects.")] == []
    assert [c.text for c in quantities("Japan has 5,000 valid projects of US$70 billion.")] == [
        "5,000"
    ]
    assert halvora_quantities("The jobless rate fell among 21,400 young people in June 2024.") == []


def test_as_of_a_month_is_the_month() -> None:
    def period(text: str) -> str:
        (c,) = quantities(text)
        return str(c.period)

    month = "2023-09-01..2023-09-30 (cumulative)"
    assert period("As of September 2023, FDI reached US$71.3 billion.") == month
    assert period("As at September 2023, FDI reached US$71.3 billion.") == month
    assert period("As of September, FDI reached US$71.3 billion.") == month  # of the doc's year
    # a day, or the end of a month, is a day
    assert period("As of September 20, 2023, FDI reached US$71.3 billion.") == (
        "2023-09-20 (cumulative)"
    )
    assert period("By the end of September 2023, FDI reached US$71.3 billion.") == (
        "2023-09-30 (cumulative)"
    )
    assert period("As of 2023, FDI reached US$71.3 billion.") == "2023-12-31 (cumulative)"


# --- parts given before their total -----------------------------------------------------------


def test_named_parts_then_their_total() -> None:
    for text in (
        "In 2022, exports reached US$24.2 billion and imports US$23.4 billion, bringing "
        "two-way trade to US$47.6 billion.",
        "In 2022, exports reached US$24.2 billion and imports US$23.4 billion, for a total "
        "two-way trade of US$47.6 billion.",
        "In 2022, exports reached US$24.2 billion and imports US$23.4 billion, taking the "
        "two-way trade turnover to US$47.6 billion.",
    ):
        (a,) = quantities(text, kind="arithmetic")
        assert a.attr("relation") == "sum", text
        assert [(p.text, p.target) for p in a.parts] == [
            ("US$47.6 billion", "trade"),
            ("US$24.2 billion", "exports"),
            ("US$23.4 billion", "imports"),
        ], text


def test_a_total_after_figures_of_its_own_metric_is_no_sum() -> None:
    # two years of one metric, then a total: what is summed is not said plainly enough
    text = (
        "Exports were US$20 billion in 2021 and US$24.2 billion in 2022, bringing exports to "
        "US$44.2 billion."
    )
    assert quantities(text, kind="arithmetic") == []


def test_a_period_next_to_a_figure_is_not_a_second_value_of_its_metric_further_off() -> None:
    assert _periods(
        "Exports were US$20 billion in 2021 and US$24.2 billion in 2022, bringing exports to "
        "US$44.2 billion."
    ) == [("US$20 billion", "2021"), ("US$24.2 billion", "2022"), ("US$44.2 billion", None)]
    # another metric may share the period: "imports" is of 2022 too
    assert _periods(
        "Exports were US$24.2 billion in 2022, while imports reached US$23.4 billion."
    ) == [("US$24.2 billion", "2022"), ("US$23.4 billion", "2022")]


def test_a_year_before_the_figure_compared_with() -> None:
    # "a year earlier", "the previous year": one year before the new value's period, whatever
    # the document's date
    for when in ("a year earlier", "the previous year", "the year before"):
        got = _periods(
            f"Two-way trade reached US$47.6 billion in 2022, up from US$42.7 billion {when}.",
            date="2024-05-10",
        )
        assert got == [("US$47.6 billion", "2022"), ("US$42.7 billion", "2021")], when
    got = _periods(
        "In the first half of 2023, FDI reached US$3.6 billion, up 50% from US$2.4 billion in "
        "the same period of 2022."
    )
    assert got[1] == ("US$2.4 billion", "2022-01-01..2022-06-30")


BEAT_RULES = """\
entities:
  - id: vietnam
    names: [Vietnam]
    demonyms: [Vietnamese]{implied}
  - id: japan
    names: [Japan]
    demonyms: [Japanese]
metrics:
  - id: exports
    name: Vietnam's exports to Japan
    subject: [vietnam, japan]
    aliases: [exports]
    dimension: currency
    unit: USD
"""


@pytest.mark.parametrize(
    ("text", "implied", "read"),
    [
        ("Exports rose 12.5% to US$1.2 billion in 2019.", False, False),
        ("Exports rose 12.5% to US$1.2 billion in 2019.\n\nJapan buys most of it.", False, False),
        ("Japanese buyers helped: exports rose 12.5% to US$1.2 billion in 2019.", False, True),
        ("Exports rose 12.5% to US$1.2 billion in 2019.", True, False),
        ("Exports rose 12.5% to US$1.2 billion in 2019.\n\nJapan buys most of it.", True, True),
        ("Exports rose 12.5% to US$1.2 billion in 2019.\n\nVietnam sells to Japan.", False, True),
    ],
)
def test_a_figure_is_the_metrics_only_in_an_article_that_names_its_subjects(
    tmp_path: Path, text: str, implied: bool, read: bool
) -> None:
    """A figure of a metric about two parties is theirs only in an article that names both
    (one may go without saying: Entity.implied); "Exports rose ..." in a story that never
    names Japan are the country's exports to the world, or another pair's."""
    rules = tmp_path / "rules"
    rules.mkdir()
    extra = "\n    implied: true" if implied else ""
    (rules / "r.yaml").write_text(BEAT_RULES.format(implied=extra), encoding="utf-8")
    doc = Document("t.txt", text, date=PartialDate.parse("2020-01-02"))
    got = [c.text for c in Extractor(rulebook.load([rules])).extract(doc) if c.kind == "quantity"]
    assert got == (["US$1.2 billion"] if read else [])


RETAIL = """\
entities:
  - {id: tamarack, names: [Tamarack], source: fictional}
  - {id: summit, names: [Summit Gear], source: fictional}
metrics:
  - {id: tamarack-revenue, name: Tamarack revenue, subject: [tamarack], aliases: [revenue],
     dimension: currency, unit: CAD, source: fictional}
  - {id: summit-revenue, name: Summit revenue, subject: [summit], aliases: [revenue],
     dimension: currency, unit: CAD, source: fictional}
  - {id: tamarack-stores, name: Tamarack stores, subject: [tamarack], aliases: [stores],
     dimension: count, unit: store, period: point, source: fictional}
"""


def retail(text: str, tmp_path: Path) -> list[Claim]:
    (tmp_path / "r.yaml").write_text(RETAIL)
    doc = Document("t.md", text, date=PartialDate.parse("2024-09-12"))
    got = Extractor(rulebook.load([tmp_path / "r.yaml"])).extract(doc)
    return [c for c in got if c.kind == "quantity"]


def test_one_alias_several_companies_the_figure_is_the_one_named_nearest(tmp_path: Path) -> None:
    """Each company has its own "revenue": the figure is the metric of the party the text names
    nearest (its clause, then its paragraph, then the headline), not the first declared."""
    text = "# Tamarack trails\n\nSummit Gear leads. It had revenue of C$2.05 billion in 2024."
    (c,) = retail(text, tmp_path)
    assert c.target == "summit-revenue"
    (c,) = retail("Tamarack had revenue of C$1.47 billion in 2024.", tmp_path)
    assert c.target == "tamarack-revenue"


def test_a_count_of_what_was_added_is_not_the_stock(tmp_path: Path) -> None:
    assert retail("Tamarack opened eight new stores in 2023.", tmp_path) == []
    assert retail("Tamarack will add 12 more stores next year.", tmp_path) == []
    (c,) = retail("Tamarack had 104 stores at the end of March 2023.", tmp_path)
    assert c.target == "tamarack-stores"


def test_a_relative_clause_dates_its_own_noun_not_the_figure(tmp_path: Path) -> None:
    text = (
        "Tamarack ended the year with 104 stores, among them its 100th, which opened last October."
    )
    (c,) = retail(text, tmp_path)
    assert c.period is None or not str(c.period).startswith("2023-10")
    (c,) = retail("Tamarack had 104 stores last October.", tmp_path)
    assert str(c.period).startswith("2023-10")


def test_a_context_alias_beside_its_context_wins_over_a_plain_alias(tmp_path: Path) -> None:
    rules = RETAIL.replace(
        "aliases: [revenue],\n     dimension: currency, unit: CAD",
        "aliases: [revenue, sales],\n     dimension: currency, unit: CAD",
        1,
    )
    rules += """\
  - id: tamarack-us-sales
    name: Tamarack US sales
    subject: [tamarack]
    aliases: [US sales]
    context_aliases: [{alias: sales, context: [US stores]}]
    dimension: currency
    unit: USD
    source: fictional
"""
    (tmp_path / "r.yaml").write_text(rules)
    ex = Extractor(rulebook.load([tmp_path / "r.yaml"]))
    date = PartialDate.parse("2024-09-12")
    text = "Tamarack's nine US stores had sales of US$62 million in 2024."
    got = [c for c in ex.extract(Document("t.md", text, date=date)) if c.kind == "quantity"]
    assert [c.target for c in got if c.text.endswith("million")] == ["tamarack-us-sales"]
    text = "Tamarack had sales of C$1.47 billion in 2024."
    got = [c for c in ex.extract(Document("t.md", text, date=date)) if c.kind == "quantity"]
    assert [c.target for c in got] == ["tamarack-revenue"]


def with_plan(tmp_path: Path) -> Extractor:
    """RETAIL and a plan whose name holds a year (Basecamp 2025, in force 2019 to 2023)."""
    (tmp_path / "r.yaml").write_text(
        RETAIL
        + "terms:\n  - {id: basecamp, name: Basecamp 2025, since: 2019-02-14, until: 2023-04-19,\n"
        "     subject: [tamarack], source: fictional}\n"
    )
    return Extractor(rulebook.load([tmp_path / "r.yaml"]))


def test_a_year_inside_an_official_name_dates_no_figure(tmp_path: Path) -> None:
    ex = with_plan(tmp_path)
    text = "Under the Basecamp 2025 plan, Tamarack had 104 stores."
    doc = Document("t.md", text, date=PartialDate.parse("2023-05-31"))
    (c,) = [c for c in ex.extract(doc) if c.kind == "quantity"]
    assert c.period is not None and not str(c.period).startswith("2025")


def test_an_alias_narrowed_by_on_through_or_via_is_a_part(tmp_path: Path) -> None:
    assert retail("Revenue on the website was C$450 million in 2024 at Tamarack.", tmp_path) == []
    assert retail("Tamarack's revenue through its stores was C$1 billion in 2024.", tmp_path) == []
    (c,) = retail("Tamarack's revenue was C$1.47 billion in 2024.", tmp_path)
    assert c.target == "tamarack-revenue"


def test_a_running_total_dates_no_name_in_it(tmp_path: Path) -> None:
    ex = with_plan(tmp_path)

    def term_period(text: str) -> str | None:
        doc = Document("t.md", text, date=PartialDate.parse("2024-05-29"))
        (c,) = [c for c in ex.extract(doc) if c.kind == "term"]
        return None if c.period is None else str(c.period)

    spent = "Tamarack spent C$455 million under the Basecamp 2025 plan"
    assert term_period(f"{spent} in March 2024.") == "2024-03-01..2024-03-31"
    assert term_period(f"{spent} by March 2024.") is None
    assert (
        term_period("Tamarack spent C$455 million under the Basecamp 2025 plan by March 2024.")
        is None
    )
    assert (
        term_period("Cumulative spending under the Basecamp 2025 plan was high at March 31.")
        is None
    )
