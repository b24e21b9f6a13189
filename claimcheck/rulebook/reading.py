"""The "Which sentences are read" section of docs/rules.md: for each claim kind, the sentence
shapes claimcheck reads and some it does not, as tables of examples.

Prose no schema can supply, kept apart from docs.py so that each kind's sub-section can grow
with the shapes its extractor learns. tests/test_reading_docs.py reads every table row back out
of docs/rules.md and checks that the sentence gives exactly the claims the row says.
"""

from __future__ import annotations

INTRO = """\
## Which sentences are read

claimcheck checks only what it reads, and it reads a sentence only where words of your rule files
appear in it: an office title or a person's name, a ranking alias, a metric alias, an official
name (a term), an event alias. Around those words it reads the English shapes listed below, by
claim kind. A sentence in any other shape gives no claim, and so no finding, whatever it gets
wrong. Two habits help: put the shapes your newsroom writes into the `examples` of your rule files
(`claimcheck rules test` shows what fires), and run `claimcheck claims ARTICLE --rules DIR` to see
every claim read from an article (`--unparsed` adds the figures that no metric took).

The examples are read with the rules of `examples/halvora` (the city of Halvora, its mayor,
deputy mayor and treasurer, a budget in euros, its population, a ranking of Estmark's cities,
named programmes and the city charter), each sentence as a one-line article published on
2024-06-01. "read as" lists each claim made: its kind, then what it says. A title gives the
person and the office (`no-office` when the title is none of the jurisdiction's) and modifiers in
brackets; a name, the person and the part written; a rank, the entity, its place and the
ranking; a quantity, the metric, the figure as written with its unit and the period it is
about; a term, the term and the form written (`name`, `short`, `wrong`) and the year the
sentence ties it to; an event, its date; elapsed years, the event and the years; an arithmetic
claim, its relation and how many figures it ties. "nothing" means no claim.
tests/test_reading_docs.py reads every row and checks it.
"""

# (heading, prose, rows): a row is (sentence, the claims it is read as, why).
Row = tuple[str, tuple[str, ...], str]
KINDS: tuple[tuple[str, str, tuple[Row, ...]], ...] = (
    (
        "Titles (`title`)",
        """\
A title is read before a person's full name ("Mayor Ilse Brandt"), with the modifiers in front
of it (former, late, ex-, then-, acting, outgoing, incoming, new, current, now) or after it
(-elect), and whose office it is when the sentence says so ("Halvoran", "Halvora's", "of
Halvora"). After the name it is read as an appositive with a comma ("The mayor, Ilse Brandt,";
"Ilse Brandt, Halvora's mayor,"; "Ilse Brandt, the Mayor of Halvora," where the title, after
"the", ends the phrase). The title must be a title, alias or short title of an office
in your rules; in a jurisdiction with `closed_offices: true`, a title it does not have before
the full name of someone who held one of its offices is read too (see `title-no-such-office` in
docs/checks.md for how it must be tied to the jurisdiction). A title with no name, a name with
no title, and a title another body's name governs ("Rotary Club President") are not read.
""",
        (
            (
                "Mayor Ilse Brandt opened the ferry terminal.",
                ("title ilse-brandt halvora-mayor",),
                "title before a full name",
            ),
            (
                "Former Mayor Tomas Reuter attended the opening.",
                ("title tomas-reuter halvora-mayor (former)",),
                "a modifier",
            ),
            (
                "Mayor-elect Ilse Brandt visited the port in May 2021.",
                ("title ilse-brandt halvora-mayor (elect)",),
                "checked at May 2021",
            ),
            (
                "The mayor, Ilse Brandt, opened the ferry terminal.",
                ("title ilse-brandt halvora-mayor",),
                "appositive after the title",
            ),
            (
                "Ilse Brandt, Halvora's mayor, opened the ferry terminal.",
                ("title ilse-brandt halvora-mayor",),
                "appositive after the name",
            ),
            (
                "Halvoran Governor Ilse Brandt opened the ferry terminal.",
                ("title ilse-brandt no-office",),
                "Halvora's list is closed",
            ),
            (
                "City President Ilse Brandt opened the ferry terminal.",
                ("title ilse-brandt no-office",),
                "no office of the city has that title",
            ),
            (
                "Ilse Brandt, the Mayor of Halvora, opened the ferry terminal.",
                ("title ilse-brandt halvora-mayor",),
                "appositive with the, closed by a comma",
            ),
            (
                "Ilse Brandt, the mayor of a big city, opened the ferry terminal.",
                (),
                "a description: the phrase goes on",
            ),
            (
                "Ilse Brandt, who became mayor in 2021, opened the terminal.",
                ("event None 2021",),
                "not a title: the day her term began (an event with no target)",
            ),
            (
                "Rotary Club President Ilse Brandt opened the terminal.",
                (),
                "another body's title",
            ),
            (
                "The mayor opened the ferry terminal.",
                (),
                "no name",
            ),
        ),
    ),
    (
        "Short names (`name`)",
        """\
A name part is read after a title or an honorific (Mr., Mrs., Ms., Dr., Prof.), and with
none once the person was named in full earlier in the article, where English makes it a person:
before ", who" or a verb of saying or doing ("Brandt said", "Brandt, who"), or after a reporting
verb ("said Brandt"). The claim records which part was written (`given`, `family`), which the
check compares with the person's `short`. A part several people bear, or one written inside
someone else's longer name, is not read. A name a letter or two off the right one is read as
`misspelt`.
""",
        (
            (
                "Mayor Brandt opened the ferry terminal.",
                (
                    "title ilse-brandt halvora-mayor",
                    "name ilse-brandt family",
                ),
                "the one mayor named Brandt",
            ),
            (
                "Deputy Mayor Sigrun Halldorsdottir spoke first, and Ms. Sigrun thanked the crews.",
                (
                    "title sigrun-halldorsdottir halvora-deputy-mayor",
                    "name sigrun-halldorsdottir given",
                ),
                "an honorific",
            ),
            (
                "Mayor Ilse Brandt spoke first, and Brandt said the crews had worked hard.",
                (
                    "title ilse-brandt halvora-mayor",
                    "name ilse-brandt family",
                ),
                "a bare part after the full name",
            ),
            (
                "Mayor Ilse Brant opened the ferry terminal.",
                ("name ilse-brandt misspelt",),
                "one letter off the mayor's name",
            ),
            (
                "Brandt said the crews had worked hard.",
                (),
                "never named in full before",
            ),
        ),
    ),
    (
        "Ranks (`rank`)",
        """\
A rank is an ordinal ("second", "2nd", "No. 2"), a size superlative (largest, biggest,
leading) or a superlative that opens a ranking alias ("most populous city"), followed closely by
a ranking alias in the same clause. The ranked entity is the nearest one named before it that
is not what the ranking is of ("Estmark's"); a sentence that names no one and opens with a
reference back ("The city is ...", "It was ...") ranks the party named last before it that the
ranking ranks (an inferred subject: a warning at most). A rank within a group ("one of the most
populous cities", "among the top five") and a superlative that is no ranking ("the oldest city")
are not read.
""",
        (
            (
                "Halvora is Estmark's second most populous city.",
                ("rank halvora 2 estmark-cities-by-population",),
                "ordinal, then the alias",
            ),
            (
                "Halvora is the second-largest city in Estmark.",
                ("rank halvora 2 estmark-cities-by-population",),
                "a size superlative",
            ),
            (
                "Halvora ranks second among Estmark's cities by population.",
                ("rank halvora 2 estmark-cities-by-population",),
                '"ranks ... among"',
            ),
            (
                "Halvora grew again. The city is Estmark's second most populous city.",
                ("rank halvora 2 estmark-cities-by-population",),
                "a reference back to the party named before",
            ),
            (
                "Halvora is one of the most populous cities in Estmark.",
                (),
                "a group, no place",
            ),
            (
                "Halvora is the oldest city in Estmark.",
                (),
                "not a ranking of the rules",
            ),
        ),
    ),
    (
        "Quantities (`quantity`)",
        """\
A figure is read with the nearest metric alias whose dimension fits it (money, a count, a
percentage), before it or closely after it ("3,150 new homes"). An alias matches as written,
in any case; a word that narrows it ("footwear exports", "exports of seafood"), a nationality
the rules do not know ("Korean exports") or an organisation that owns it ("the Port Authority's
budget", see `Entity.parent`) makes it some other figure, which gives no claim. The period is
the period phrase nearest the figure in its sentence ("in 2023", "for 2024", "in June"), else
the paragraph or headline for a flow, else the publication date (shown `(point)`). A figure
with no currency is still read (`no-unit`) and checked by the unit rules. A figure with no
metric alias near it ("the budget", when only "city budget" is an alias) is not read:
`claims --unparsed` lists it.
""",
        (
            (
                "The council approved a city budget of €438.9 million for 2024.",
                ("quantity halvora-budget 438.9 million EUR 2024",),
                "alias, figure, period",
            ),
            (
                "Halvora completed 3,150 new homes in 2023.",
                ("quantity halvora-new-homes 3,150 home 2023",),
                "alias right after the figure",
            ),
            (
                "The city's population is about 630,000.",
                ("quantity halvora-population 630,000 person 2024-06-01 (point)",),
                "present tense: the publication date",
            ),
            (
                "The unemployment rate was 6.8% in June.",
                ("quantity halvora-unemployment 6.8 percent 2024-06-01..2024-06-30",),
                "a month of the publication year",
            ),
            (
                "The council approved a city budget of 438.9 million for 2024.",
                ("quantity halvora-budget 438.9 million no-unit 2024",),
                "no currency written",
            ),
            (
                "The city budget will reach €470 million in 2026.",
                ("quantity halvora-budget 470 million EUR 2026",),
                "a forecast: read, and marked so",
            ),
            (
                "The budget is €438.9 million this year.",
                (),
                '"budget" alone is no alias',
            ),
            (
                "Halvora is home to 612,480 people.",
                (),
                '"people" is no alias of the population',
            ),
        ),
    ),
    (
        "Official names (`term`)",
        """\
A term is read wherever its name, a `short` form or a wrong variant appears, in any case; a
short form only where the article names the term's subjects. Another wording of the name is
not read unless it is listed as a `short` form or a wrong variant. A year right after the name ("the
Green Harbour Plan in 2022", "the Green Harbour Plan (2022)"), or a sentence opening with "In
2022," for its first name, ties the name to that year, for `term-wrong-year`; a word of starting
before the name (launched, established, set up, upgraded) says the term began then. A year
further away ("took effect in 2023") is not tied.
""",
        (
            (
                "The Green Harbour Plan pays for new quay walls.",
                ("term green-harbour-plan name",),
                "the name",
            ),
            (
                "The Green Harbor Initiative pays for new quay walls.",
                ("term green-harbour-plan wrong",),
                "a wrong variant",
            ),
            (
                "In 2019, the council launched the Green Harbour Plan.",
                ("term green-harbour-plan name 2019",),
                "tied to a year",
            ),
            (
                "The Housing Compact took effect in 2023.",
                ("term halvora-housing-compact short",),
                "a short form; the year is not tied",
            ),
            (
                "The Housing Compact replaced the Affordable Homes Pact in 2023.",
                (
                    "term halvora-housing-compact short",
                    "term affordable-homes-pact name 2023",
                ),
                "the year goes to the nearer name",
            ),
            (
                "The Green Harbour Programme pays for new quay walls.",
                (),
                "neither the name nor a listed variant",
            ),
        ),
    ),
    (
        "Events (`event`)",
        """\
An event is read where an event alias is followed by its date and stands in an event context:
a word for what happens just before the alias ("since establishing diplomatic relations in
1973", "the signing of the charter on ...") or in it, or a verb right after it ("The city
charter was granted on May 14, 1624"; established, opened, founded, signed, granted, launched,
held, began ...). The alias alone ("the charter of 1624") dates nothing, and a sentence whose
verb comes before the alias, with the alias as its object, is not read.
""",
        (
            (
                "The city charter was granted on May 14, 1624.",
                ("event halvora-charter 1624-05-14",),
                "alias, verb, date",
            ),
            (
                "Halvora received its city charter on May 14, 1624.",
                (),
                "the event told by the verb",
            ),
            (
                "The charter of 1624 still hangs in the city hall.",
                (),
                "the alias alone",
            ),
        ),
    ),
    (
        "Elapsed years (`elapsed`)",
        """\
Years since an event are read from an anniversary ("the 400th anniversary of its city charter")
or a count of years since it ("400 years since the city charter was granted"), at the
publication date unless the sentence dates the count. A cardinal count carries the rounding of
the number written, for the check to tolerate.
""",
        (
            (
                "Halvora celebrates the 400th anniversary of its city charter this week.",
                ("elapsed halvora-charter 400",),
                "an ordinal anniversary",
            ),
            (
                "It is 400 years since the city charter was granted.",
                ("elapsed halvora-charter 400",),
                "years since",
            ),
            (
                "Halvora has had a city charter for 400 years.",
                (),
                '"for N years"',
            ),
            (
                "The charter turns 400 this year.",
                (),
                '"turns N"',
            ),
        ),
    ),
    (
        "Parts and breakdowns (`arithmetic`, sum)",
        """\
A total and its parts are read when the total comes first with "includes", "including", "of
which" ("X includes A for ... and B for ..."), or the parts first with "bringing ... to" or "for a
total of", each part naming a metric of its own. Parts of the total's own metric stay in the
sum and give no quantity claim. A breakdown written the other way round ("Of the X, A goes to
... and B to ..."), after a colon ("X: A from ..., B from ...") or with "split between" is read as
a total and its parts too; those parts are judged only when the sentence says they are all of it
("split between", "in full") or names one as "the rest".
""",
        (
            (
                "The city budget of €438.9 million includes €300 million for operations and "
                "€138.9 million for capital projects.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024-06-01 (point)",
                    "arithmetic sum of 3",
                ),
                'total, then "includes"',
            ),
            (
                "The city budget of €438.9 million includes €300 million for operations.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024-06-01 (point)",
                    "arithmetic sum of 2",
                ),
                "one part: part at most the total",
            ),
            (
                "Of the €438.9 million city budget, €300 million goes to operations and €138.9 "
                "million to capital projects.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024-06-01 (point)",
                    "arithmetic sum of 3",
                ),
                '"Of the": the total, then its parts',
            ),
            (
                "The city budget of €438.9 million is split between operations and capital "
                "projects.",
                ("quantity halvora-budget 438.9 million EUR 2024-06-01 (point)",),
                "no figures for the parts",
            ),
        ),
    ),
    (
        "Percent changes (`arithmetic`, change and fold)",
        """\
A percentage is a change when a word of rising or falling governs it ("up 6.4%", "rose 6.4%",
"6.4% more than"); an x-fold change is read from "doubled", "tripled", "threefold". With the
old figure written ("from €412.6 million in 2023") the claim ties both figures, and the check
computes the change; with one or none it ties what is written. A percentage compared with or
averaged over years ("an average of 5% a year") is no change, and two figures with no
percentage ("rose to X from Y") are two quantities and no change.
""",
        (
            (
                "The city budget for 2024 is €438.9 million, up 6.4% from €412.6 million in 2023.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024",
                    "quantity halvora-budget 412.6 million EUR 2023",
                    "arithmetic change of 2",
                ),
                "both figures",
            ),
            (
                "The city budget rose 6.4% to €438.9 million in 2024.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024",
                    "arithmetic change of 1",
                ),
                "the new figure only",
            ),
            (
                "The city budget rose 6.4% in 2024.",
                ("arithmetic change of 0",),
                "no figure",
            ),
            (
                "Halvora's population doubled between 1960 and 2020.",
                ("arithmetic fold of 0",),
                "an x-fold change",
            ),
            (
                "The city budget rose to €438.9 million in 2024 from €412.6 million in 2023.",
                (
                    "quantity halvora-budget 438.9 million EUR 2024",
                    "quantity halvora-budget 412.6 million EUR 2023",
                ),
                "no percentage: no change",
            ),
            (
                "The city budget has grown an average of 5% a year since 2015.",
                (),
                "an average, no change",
            ),
        ),
    ),
)


def section() -> str:
    """The section as Markdown: the introduction, then per kind its prose and its table."""
    out = [INTRO]
    for heading, prose, rows in KINDS:
        out += [f"### {heading}\n", prose, "| sentence | read as | why |", "| --- | --- | --- |"]
        for sentence, claims, why in rows:
            read = "; ".join(f"`{c}`" for c in claims) or "nothing"
            out.append(f"| {sentence} | {read} | {why} |")
        out.append("")
    return "\n".join(out)
