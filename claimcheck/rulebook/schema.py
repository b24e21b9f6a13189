"""The rule-file schema: what a newsroom may write in its YAML, validated strictly.

Every model forbids unknown keys, because a typo in a rule file ("sorce:") must be an error a
person sees, not a fact silently dropped. Field descriptions are the documentation: docs/rules.md
is generated from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator

from claimcheck.dates import PartialDate


def _partial(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


Date = Annotated[PartialDate, BeforeValidator(_partial), PlainSerializer(str, return_type=str)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="lower-case id")]
Source = Annotated[
    str,
    Field(
        min_length=3,
        description="where the fact comes from: a URL or a citation a person can follow",
    ),
]


class Strict(BaseModel):
    # defer_build: a run served from the compiled-rulebook cache never validates, so it need not
    # pay for building validators at import (about 30 ms of a hook run).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Sourced(Strict):
    source: Source
    status: Literal["verified", "unverified"] = Field(
        "verified",
        description="unverified facts can raise at most a warning, and are listed by "
        "`claimcheck rules unverified`",
    )
    note: str | None = Field(None, description="free text for the people who keep the rules")


class Entity(Strict):
    """A country, organisation or other named actor that claims are about."""

    id: Id
    kind: Literal["country", "organisation", "place", "other"] = "country"
    names: list[str] = Field(min_length=1, description="names as written, the canonical first")
    demonyms: list[str] = Field(default_factory=list, description='adjectives: "Japanese"')
    closed_offices: bool = Field(
        False,
        description="true when the rulebook lists every office of this jurisdiction, so that a "
        'title it does not have ("Japanese President") is an error',
    )
    source: str | None = None


class Person(Strict):
    """Someone who holds or held an office; short references are checked against `short`."""

    id: Id
    given: str = Field(description='given name: "Shinzo", "Trong"')
    family: str = Field(description='family name: "Abe", "Nguyen"')
    middle: str | None = Field(None, description='middle name: "Phu" in Nguyen Phu Trong')
    short: Literal["family", "given"] = Field(
        description="which part a short reference uses: family (Mr. Abe) or given (Mr. Trong)"
    )
    order: Literal["given-family", "family-given", "either"] = Field(
        "either",
        description="name order of the full name in English text: given-family (Shinzo Abe), "
        "family-given (Nguyen Phu Trong), or either (Abe Shinzo and Shinzo Abe)",
    )
    aliases: list[str] = Field(default_factory=list, description="other spellings of the full name")
    born: Date | None = None
    died: Date | None = None
    source: Source


class Holder(Sourced):
    """One term of office. `to` empty means still in office."""

    person: Id
    start: Date = Field(alias="from")
    end: Date | None = Field(None, alias="to")
    acting: bool = False

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Office(Strict):
    """An office of a jurisdiction, with the titles it is written under and its holders."""

    id: Id
    jurisdiction: Id = Field(description="entity id")
    title: str = Field(description='the title as written before a name: "Prime Minister"')
    aliases: list[str] = Field(default_factory=list, description='"PM", "Premier"')
    short_title: str | None = Field(
        None, description='the title used in short references: "Ambassador" for an ambassador'
    )
    holders: list[Holder] = Field(default_factory=list)
    complete_since: Date | None = Field(
        None,
        description="holders are complete from this date on: a person named with this title "
        "after it, and not listed, is an error",
    )
    source: str | None = None


class Metric(Strict):
    """A measured quantity that articles report: trade, investment, aid, head counts."""

    id: Id
    name: str
    subject: list[Id] = Field(default_factory=list, description="entities it is about")
    aliases: list[str] = Field(min_length=1, description="how articles name it")
    dimension: Literal["currency", "count", "percent"]
    unit: str | None = Field(None, description='default unit: "USD", "person", "project"')
    period: Literal["span", "point", "cumulative"] = Field(
        "span", description="span: a flow over a period; point/cumulative: a stock on a day"
    )
    source: str | None = None


class Fact(Sourced):
    """A metric's value for a period."""

    metric: Id
    period: Date | None = Field(None, description="a year, month or day (span metrics)")
    start: Date | None = Field(None, description="first day of the period, with `end`")
    end: Date | None = Field(None, description="last day of the period, or the 'as of' day")
    value: float | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    tolerance: float = Field(0.0, ge=0, description="relative tolerance, 0.01 = 1 %")

    @model_validator(mode="after")
    def _shape(self) -> Fact:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("give value, or min and/or max")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either value or min/max, not both")
        if self.period is None and self.end is None:
            raise ValueError("give period, or end (with start for a range)")
        return self


class RankFact(Sourced):
    """An entity's place in a ranking for a period."""

    entity: Id
    rank: int = Field(ge=1)
    period: Date | None = None
    start: Date | None = None
    end: Date | None = None
    out_of: int | None = Field(None, description="size of the field, when known")

    @model_validator(mode="after")
    def _when(self) -> RankFact:
        if self.period is None and self.end is None:
            raise ValueError("give period, or end (with start for a range)")
        return self


class Ranking(Strict):
    """A ranking of entities ("Vietnam's ODA providers"), with its rank facts."""

    id: Id
    name: str
    aliases: list[str] = Field(min_length=1, description='"ODA provider", "providers of ODA"')
    scope: Literal["annual", "cumulative", "current"] = "annual"
    of: Id | None = Field(None, description="the entity ranked against (Vietnam's providers)")
    facts: list[RankFact] = Field(default_factory=list)
    source: str | None = None


class Event(Sourced):
    """A dated event: establishing relations, a treaty, a visit."""

    id: Id
    name: str
    aliases: list[str] = Field(min_length=1, description="phrases that name it in text")
    date: Date
    subject: list[Id] = Field(default_factory=list)


class Variant(Strict):
    """A wrong name seen in print and the right one that replaces it."""

    wrong: str
    right: str


class Term(Sourced):
    """An official name, the year it began (and ended), and its known wrong variants."""

    id: Id
    name: str = Field(description="the full official name")
    short: list[str] = Field(default_factory=list, description="accepted short forms")
    since: Date = Field(description="when the name took effect")
    until: Date | None = Field(None, description="when it was superseded")
    subject: list[Id] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)


class Rate(Sourced):
    """An exchange rate for a period, so that figures in two currencies can be compared."""

    base: str = Field(description='"USD"')
    quote: str = Field(description='"JPY"')
    rate: float = Field(gt=0, description="units of quote per unit of base")
    period: Date


class Example(Strict):
    """A sentence that must (or must not) trigger rules: run by `claimcheck rules test`."""

    text: str
    date: Date
    expect: list[str] = Field(
        description="rule ids that must fire on the text; [] means it must stay silent"
    )


class RuleFile(Strict):
    """One YAML rule file. Every section is optional; files in a folder are merged."""

    entities: list[Entity] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    rankings: list[Ranking] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
