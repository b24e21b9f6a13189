"""The rule-file schema: what a newsroom may write in its YAML, validated strictly.

The entries are value classes (claimcheck.infra.values): that is what checks read, and what the
compiled rulebook cache holds, so a run served from that cache never imports pydantic. Validation
builds pydantic models from these classes (claimcheck.yamlio.validation): every model forbids
unknown keys, because a typo in a rule file ("sorce:") must be an error a person sees, not a fact
silently dropped. `Spec` descriptions are the documentation: docs/rules.md is generated from them.
"""

from __future__ import annotations

import typing
from dataclasses import field
from typing import Annotated, Literal

from claimcheck.infra.values import value
from claimcheck.model.dates import PartialDate
from claimcheck.yamlio.records import Spec, doc

Date = PartialDate  # validated from YYYY, YYYY-MM or YYYY-MM-DD
Id = Annotated[str, Spec(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="lower-case id")]
Source = Annotated[
    str,
    Spec(
        min_length=3,
        description="where the fact comes from: a URL or a citation a person can follow",
    ),
]


@value(slots=False, kw_only=True)
class Sourced:
    """What every fact carries: where it comes from, and whether a person checked it."""

    source: Source
    status: Annotated[
        Literal["verified", "unverified"],
        doc(
            "unverified facts can raise at most a warning, and are listed by "
            "`claimcheck rules unverified`"
        ),
    ] = "verified"
    note: Annotated[str | None, doc("free text for the people who keep the rules")] = None


@value(slots=False, kw_only=True)
class Entity:
    """A country, organisation or other named actor that claims are about."""

    id: Id
    kind: Literal["country", "organisation", "place", "other"] = "country"
    names: Annotated[
        list[str], Spec(min_length=1, description="names as written, the canonical first")
    ]
    demonyms: Annotated[list[str], doc('adjectives: "Japanese"')] = field(default_factory=list)
    closed_offices: Annotated[
        bool,
        doc(
            "true when the rulebook lists every office of this jurisdiction, so that a "
            'title it does not have ("Japanese President", "City President", "Deputy Mayor" '
            "where no deputy mayor is listed) before the name of someone who held one of its "
            "offices is an error naming their real office (docs/checks.md, title-no-such-office, "
            "says which titles are read)"
        ),
    ] = False
    implied: Annotated[
        bool,
        doc(
            "true when articles need not name it (a city paper's own city): figures of a metric "
            "about it are read in an article that names none of the metric's subjects, which "
            "otherwise is taken to be about some other party"
        ),
    ] = False
    parent: Annotated[
        Id | None,
        doc(
            "entity id of the body it belongs to (a port authority's city, a company's group). "
            "An entity with a parent, or of kind organisation, owns the figures written as its "
            "(\"the Port Authority's budget\"): they are never its parent's or an implied "
            "entity's, unless the metric's `subject` lists it"
        ),
    ] = None
    source: str | None = None


@value(slots=False, kw_only=True)
class Person:
    """Someone who holds or held an office; short references are checked against `short`."""

    id: Id
    given: Annotated[str, doc('given name: "Shinzo", "Trong"')]
    family: Annotated[str, doc('family name: "Abe", "Nguyen"')]
    middle: Annotated[str | None, doc('middle name: "Phu" in Nguyen Phu Trong')] = None
    short: Annotated[
        Literal["family", "given"],
        doc("which part a short reference uses: family (Mr. Abe) or given (Mr. Trong)"),
    ]
    order: Annotated[
        Literal["given-family", "family-given", "either"],
        doc(
            "name order of the full name in English text: given-family (Shinzo Abe), "
            "family-given (Nguyen Phu Trong), or either (Abe Shinzo and Shinzo Abe)"
        ),
    ] = "either"
    aliases: Annotated[list[str], doc("other spellings of the full name")] = field(
        default_factory=list
    )
    romanization: Annotated[
        Literal["hepburn"] | None,
        doc(
            "how the name is romanized: hepburn (Japanese) makes the spellings of a long vowel "
            "one name (Ōgi, Oogi, Ohgi, Ogi; Ū as U or Uu)"
        ),
    ] = None
    born: Date | None = None
    died: Date | None = None
    source: Source


@value(slots=False, kw_only=True)
class Holder(Sourced):
    """One term of office. `to` empty means still in office."""

    person: Id
    start: Annotated[Date, Spec(alias="from")]
    end: Annotated[Date | None, Spec(alias="to")] = None
    acting: bool = False


@value(slots=False, kw_only=True)
class Office:
    """An office of a jurisdiction, with the titles it is written under and its holders."""

    id: Id
    jurisdiction: Annotated[Id, doc("entity id")]
    title: Annotated[str, doc('the title as written before a name: "Prime Minister"')]
    aliases: Annotated[list[str], doc('"PM", "Premier"')] = field(default_factory=list)
    short_title: Annotated[
        str | None, doc('the title used in short references: "Ambassador" for an ambassador')
    ] = None
    holders: list[Holder] = field(default_factory=list)
    complete_since: Annotated[
        Date | None,
        doc(
            "holders are complete from this date on: a person named with this title "
            "after it, and not listed, is an error"
        ),
    ] = None
    source: str | None = None


Month = Literal[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@value(slots=False, kw_only=True)
class FiscalYear:
    """When a metric's year begins, and which calendar year names it."""

    start: Annotated[Month, doc('the month its year begins on the 1st of: "April"')]
    named_for: Annotated[
        Literal["start", "end"],
        doc(
            "end: FY2024 is the year that ends in 2024 (April 2023 to March 2024); start: the "
            "one that begins in 2024 (April 2024 to March 2025)"
        ),
    ] = "end"

    @property
    def month(self) -> int:
        return MONTHS.index(self.start) + 1


MONTHS: tuple[str, ...] = typing.get_args(Month)


@value(slots=False, kw_only=True)
class ContextAlias:
    """A word or phrase that names the metric only where its context is named too."""

    alias: Annotated[
        str, Spec(min_length=1, description='the head word as articles write it: "berths"')
    ]
    context: Annotated[
        list[str],
        Spec(
            min_length=1,
            description='phrases of which one must be named near it: ["ferry terminal"]',
        ),
    ]
    within: Annotated[
        Literal["sentence", "paragraph"],
        doc("where a context phrase must be named: the figure's sentence, or its paragraph"),
    ] = "sentence"


@value(slots=False, kw_only=True)
class Metric:
    """A measured quantity that articles report: trade, investment, aid, head counts."""

    id: Id
    name: str
    subject: Annotated[list[Id], doc("entities it is about")] = field(default_factory=list)
    aliases: Annotated[list[str], Spec(min_length=1, description="how articles name it")]
    context_aliases: Annotated[
        list[ContextAlias],
        doc(
            "aliases that name it only beside one of their context phrases (a bare "
            '"berths" names the metric in a sentence about the ferry terminal, not every '
            "berth count in the paper); see [How aliases match](#how-aliases-match)"
        ),
    ] = field(default_factory=list)
    dimension: Literal["currency", "count", "percent"]
    unit: Annotated[str | None, doc('default unit: "USD", "person", "project"')] = None
    period: Annotated[
        Literal["span", "point", "cumulative"],
        doc("span: a flow over a period; point/cumulative: a stock on a day"),
    ] = "span"
    source: str | None = None
    sources: Annotated[
        list[str],
        doc(
            'the bodies whose measure it is, as articles name them ("customs", "GDVC"): a figure'
            " a sentence attributes to another body is another measure and is not checked"
        ),
    ] = field(default_factory=list)
    hedge: Annotated[
        Annotated[float, Spec(gt=0)] | None,
        doc(
            'how far "about" and "nearly" reach beyond a figure\'s rounding, as a share of the '
            "figure (default 0.05; a census count might use 0.02)"
        ),
    ] = None
    monotone: Annotated[
        Literal["increasing", "decreasing"] | None,
        doc(
            "for a stock that only grows (or only shrinks), such as cumulative investment: a "
            "figure dated between two facts must lie between them"
        ),
    ] = None
    compare_within: Annotated[
        Annotated[str, Spec(pattern=r"^[1-9][0-9]{0,3} (day|days|week|weeks|month|months)$")]
        | None,
        doc(
            'for a point or cumulative metric: "90 days", "2 weeks", "3 months"; figures of two '
            "articles dated this close must agree (without it, only figures whose dates overlap "
            "are compared)"
        ),
    ] = None
    fiscal_year: Annotated[
        FiscalYear | None,
        doc(
            'for a metric reported by fiscal year: a figure of "FY2024", "fiscal 2024" or '
            '"fiscal year 2023-24" is of that fiscal year\'s months, and its facts may give '
            "`fiscal_year` instead of dates"
        ),
    ] = None


@value(slots=False, kw_only=True)
class Fact(Sourced):
    """A metric's value for a period."""

    metric: Id
    period: Annotated[Date | None, doc("a year, month or day (span metrics)")] = None
    start: Annotated[Date | None, doc("first day of the period, with `end`")] = None
    end: Annotated[Date | None, doc("last day of the period, or the 'as of' day")] = None
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    tolerance: Annotated[float, Spec(ge=0, description="relative tolerance, 0.01 = 1 %")] = 0.0
    fiscal_year: Annotated[
        int | None,
        doc(
            "instead of dates: the metric's fiscal year, by the year it is named for (2024 for "
            "FY2024; the metric's `fiscal_year` says which months)"
        ),
    ] = None

    def check(self) -> None:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("give value, or min and/or max")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either value or min/max, not both")
        if self.period is None and self.end is None and self.fiscal_year is None:
            raise ValueError("give period, or end (with start for a range)")


@value(slots=False, kw_only=True)
class RankFact(Sourced):
    """An entity's place in a ranking for a period."""

    entity: Id
    rank: Annotated[int, Spec(ge=1)]
    period: Date | None = None
    start: Date | None = None
    end: Date | None = None
    out_of: Annotated[int | None, doc("size of the field, when known")] = None
    since: Annotated[
        Date | None,
        Spec(
            alias="from",
            description="the place holds from this date until further notice (an open-ended "
            "fact: no `period`, `start` or `end`; give `checked`)",
        ),
    ] = None
    checked: Annotated[
        Date | None,
        doc(
            "with `from`: the last date a source confirmed the place; a claim up to it is judged "
            "as any fact, a later one that disagrees is a warning (the place may have changed)"
        ),
    ] = None

    def check(self) -> None:
        if self.since is not None:
            if self.period is not None or self.start is not None or self.end is not None:
                raise ValueError("an open-ended fact gives `from` and `checked`, no period or end")
            if self.checked is None:
                raise ValueError("give `checked`: the last date a source confirmed the place")
            if self.checked.last() < self.since.first():
                raise ValueError("`checked` is before `from`")
        elif self.checked is not None:
            raise ValueError("`checked` goes with `from` (an open-ended fact)")
        elif self.period is None and self.end is None:
            raise ValueError("give period, or end (with start for a range), or from and checked")


@value(slots=False, kw_only=True)
class Ranking:
    """A ranking of entities ("Vietnam's ODA providers"), with its rank facts."""

    id: Id
    name: str
    aliases: Annotated[
        list[str], Spec(min_length=1, description='"ODA provider", "providers of ODA"')
    ]
    scope: Literal["annual", "cumulative", "current"] = "annual"
    of: Annotated[Id | None, doc("the entity ranked against (Vietnam's providers)")] = None
    facts: list[RankFact] = field(default_factory=list)
    source: str | None = None


@value(slots=False, kw_only=True)
class Event(Sourced):
    """A dated event: establishing relations, a treaty, a visit."""

    id: Id
    name: str
    aliases: Annotated[list[str], Spec(min_length=1, description="phrases that name it in text")]
    date: Date
    subject: list[Id] = field(default_factory=list)
    verbs: Annotated[
        list[str],
        doc(
            'the verbs that say it happened, as written after "was" (`incorporated`, '
            '`established`, `opened`): "Tamarack Outfitters was incorporated on ..." (an '
            'entity of `subject`, then the verb), "the bridge opened on ..." and "relations '
            'were established on ..." (an alias, then the verb) are read as the event, and '
            '"incorporated the company in ..." (the verb, then an alias); see [Events said '
            "with a verb](#events-said-with-a-verb)"
        ),
    ] = field(default_factory=list)


@value(slots=False, kw_only=True)
class Variant:
    """A wrong name seen in print and the right one that replaces it."""

    wrong: str
    right: str


@value(slots=False, kw_only=True)
class Term(Sourced):
    """An official name, the year it began (and ended), and its known wrong variants."""

    id: Id
    name: Annotated[str, doc("the full official name")]
    short: Annotated[list[str], doc("accepted short forms")] = field(default_factory=list)
    since: Annotated[
        Date,
        doc(
            "when the name took effect: the name said of an earlier time is term-wrong-year, and "
            'years counted from it ("10 years of the ...") are checked from this date'
        ),
    ]
    until: Annotated[
        Date | None,
        doc(
            "when it was superseded: the name said of a later time (in the present tense, in an "
            "article published later) is term-wrong-year; leave it out while the name is in force"
        ),
    ] = None
    subject: list[Id] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)


@value(slots=False, kw_only=True)
class Rate(Sourced):
    """An exchange rate for a period, so that figures in two currencies can be compared."""

    base: Annotated[str, doc('"USD"')]
    quote: Annotated[str, doc('"JPY"')]
    rate: Annotated[float, Spec(gt=0, description="units of quote per unit of base")]
    period: Date


@value(slots=False, kw_only=True)
class Currency:
    """What a currency symbol or name means in this beat: "$" is the Canadian dollar in a
    Toronto paper. With no entry, a form keeps the meaning of English news ("$" is the US
    dollar), and one several currencies share with no usual meaning ("pesos", "Rs") is the
    currency of the metric it is a figure of, when that is one of them."""

    written: Annotated[
        str, Spec(min_length=1, description='the symbol or name as articles write it: "$", "pesos"')
    ]
    code: Annotated[str, Spec(pattern=r"^[A-Z]{3}$", description='its ISO 4217 code: "CAD"')]
    note: Annotated[str | None, doc("free text for the people who keep the rules")] = None


@value(slots=False, kw_only=True)
class Example:
    """A sentence that must (or must not) trigger rules: run by `claimcheck rules test`."""

    text: str
    date: Date
    expect: Annotated[
        list[str], doc("rule ids that must fire on the text; [] means it must stay silent")
    ]


@value(slots=False, kw_only=True)
class RuleFile:
    """One YAML rule file. Every section is optional; files in a folder are merged."""

    entities: list[Entity] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    currencies: list[Currency] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
