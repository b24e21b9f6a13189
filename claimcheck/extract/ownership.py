"""Who a figure belongs to, and what it measures: the readings that keep another party's
figure, a part's, one deal's or a flow's from being taken for the rulebook metric's own.

Parties. A figure belongs to the parties its clause names (the clause: the sentence up to a
";" or a ", while"/", but"/", whereas"). A metric about several entities (a pair: Vietnam–Japan
trade) needs each of them named: in the figure's clause (stated), else in another clause of its
sentence, its paragraph, the headline or the article, which is recorded on the claim as
("inferred.subject", "clause"|"paragraph"|"headline"|"article"). An article that never names
one of them (and whose rulebook does not imply it) gives no claim: "bilateral trade" in a story
about two other countries is theirs. Another party blocks the reading: a proper noun the
rulebook does not know paired with a known one ("between Vietnam and the RoK", "Vietnam–Korea"),
or a nationality adjective before the alias ("Korean ODA"), in the clause; a pair of the first
two kinds in the paragraph or headline that has to supply a missing party.

What is measured. The figure is the metric's only when the alias names what it counts:
- a part is not the total: a noun qualifying the alias ("footwear exports"), "of <noun>" after it
  ("exports of seafood", "import turnover of these commodities"), a noun of its own right before
  the figure ("seafood with US$800 million", "computers valued at"), or a breakdown word in the
  clause ("items", "categories", "commodities", "staples", "sector");
- the value of one deal is not a stock: a deal word in the clause ("agreement", "deal",
  "package", "tranche", "signed", "a loan") gives no claim of a cumulative or point metric;
- what a party will provide, lends, pledges or commits, with no running-total phrase in the
  sentence ("since", "a total of", "so far"), is one package, not a stock;
- a balance word heading the figure ("a trade surplus of", "the deficit narrowed to", "an excess
  of imports over exports") makes it what one flow exceeds the other by, a value of neither;
- a later clause that names another flow ("..., while the country imported goods worth") owns
  its figure, whatever alias came earlier in the sentence;
- a value "each" or "apiece" is of one item;
- "eight new stores", "3,000 more workers": a count of what was added is not the stock;
- a flow or a subgroup is not a stock of people: interns, trainees, students, arrivals,
  admissions or newcomers in the clause give no claim of a head count at a date, unless the
  alias itself names them;
- an alias that owns a following noun ("Vietnamese in Japan's technical intern programme") is
  not the alias.
English words only: which products, countries or offices there are is never listed here.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any, Protocol

from claimcheck.extract.context import DocContext, Sentence, automaton
from claimcheck.extract.mentions import Mention, entities, loose, named_in, named_within, near
from claimcheck.extract.numbers import Number
from claimcheck.infra import regexes
from claimcheck.rulebook import Rulebook
from claimcheck.rulebook.schema import Metric

# --- parties ---------------------------------------------------------------------------------

# Where a clause ends: what comes after is about something else ("..., while exports to China").
CLAUSE_END = regexes.compile(r";|,\s+(?:while|whereas|but|compared)\b|\s(?:while|whereas)\s")
_NAME = r"[A-Z][\w.&'\u2019-]*(?:\s+(?:of\s+)?[A-Z][\w.&-]*){0,3}"
# Two parties: "between Vietnam and the RoK", "Vietnam–Korea trade", "the Japan-U.S. alliance".
_BETWEEN = regexes.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<a>{_NAME})\s+(?:and|&)\s+(?:the\s+)?(?P<b>{_NAME})"
)
_DASHED = regexes.compile(
    r"(?<![\w.-])(?P<a>[A-Z][\w.]*)(?:[ ]?[-\u2013][ ]?|\u2014)"
    r"(?P<b>[A-Z][\w.]*)(?![\w-])"
)
# A nationality adjective right before the alias: "Korean ODA", "South Korean investment".
_NATIONALITY = regexes.compile(
    r"(?<![\w'\u2019])((?:(?:South|North|East|West)\s+)?[A-Z][a-z]+(?:an|ese|ish|i|ch))\s+$"
)
_NATIONAL_ENDS = ("an", "ese", "ish", "i", "ch")
# Words that speak of a pair without naming it: which pair, the rest of the article says.
_PAIR = regexes.compile(
    r"\b(?:bilateral|two-way|mutual|(?:the|both|two)\s+(?:countries|nations|sides|economies)|"
    r"between\s+the\s+two|each\s+other)\b"
)
_NOT_PARTY = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def clause(s: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """The clause of the sentence that holds [lo, hi): from the last clause break before it to
    the first one after it (the breaks found once per sentence: a long one stays linear)."""
    cache = vars(s)
    breaks: tuple[list[int], list[int]] | None = cache.get("_clause_breaks")
    if breaks is None:
        found = list(CLAUSE_END.finditer(s.doc.text, s.start, s.end))
        breaks = cache["_clause_breaks"] = ([m.start() for m in found], [m.end() for m in found])
    starts, ends = breaks
    k = bisect.bisect_right(ends, lo)  # breaks that end by lo
    j = bisect.bisect_left(starts, hi)  # the first break that starts at hi or after
    return ends[k - 1] if k else s.start, starts[j] if j < len(starts) else s.end


def read(s: Sentence, mention: Mention, n: Number, metric: Metric) -> tuple[bool, str | None]:
    """(whether the figure is the metric's: its parties' and its whole, how its parties were
    found when its clause does not name them all: see `owner`)."""
    span = clause(s, min(mention.start, n.start), max(mention.end, n.end))
    ok, how = owner(s, mention, metric, span)
    if not ok or measures_part(s, mention, n, metric, span) or _other_flow(s, mention, n):
        return False, None
    return True, how


_FLOW_STEMS = ("import", "export")


def _other_flow(s: Sentence, mention: Mention, n: Number) -> bool:
    """Whether the figure's own clause, later than the alias's, names a flow the alias does not
    ("exports were US$12 billion, while the country imported goods worth US$10 billion"): the
    figure is that flow's, whatever alias came earlier in the sentence."""
    if mention.end > n.start:
        return False
    low = s.context.folded
    alias = low[mention.start : mention.end]
    named = [w for w in _FLOW_STEMS if w not in alias and low.find(w, mention.end, n.start) >= 0]
    if not named:
        return False
    lo, _ = clause(s, n.start, n.end)
    # one clause: the alias is the figure's own
    return lo > mention.end and any(low.find(w, lo, n.start) >= 0 for w in named)


class Owned(Protocol):
    """What belongs to parties: a metric, or an official name of a relation (Term)."""

    @property
    def subject(self) -> list[str]: ...


def owner(
    s: Sentence, mention: Mention, metric: Owned, span: tuple[int, int]
) -> tuple[bool, str | None]:
    """(whether the figure may be the metric's, where its parties were found when its clause
    does not name them all: None when it does)."""
    if not metric.subject:
        return True, None
    lo, hi = span
    context, book = s.context, s.book
    if _foreign(s, lo, hi) or _nationality(s, mention):
        return False, None
    wanted = set(metric.subject)
    ents = entities(s)
    named = {eid for m, eid in near(s, lo, hi) if m.end <= hi}
    if _organisation_owns(s, mention, wanted, named):
        return False, None
    if wanted <= named:
        return True, None
    # the clause names one party of a pair that it does not speak of as a pair: the rest may
    # go unnamed (else the rest must say whose; looked for last, as few figures get there)
    some = not named.isdisjoint(wanted)
    named.update(eid for _, eid in ents)
    if wanted <= named:
        return True, "clause"
    para = _paragraph(s)
    if _foreign_in(context, book, *para):
        return False, None
    named |= named_within(context, book, *para)
    if wanted <= named:
        return True, "paragraph"
    head = _headline(context)
    if head is not None:
        if _foreign_in(context, book, *head):
            return False, None
        named |= named_within(context, book, *head)
        if wanted <= named:
            return True, "headline"
    implied = {e for e in wanted if e in book.entities and book.entities[e].implied}
    if wanted <= named | implied:
        return True, None  # the rest go without saying: the rulebook's word, not an inference
    named |= context.named | implied
    return (wanted <= named or (some and _PAIR.search(s.folded, lo, hi) is None)), "article"


def _organisation_owns(s: Sentence, mention: Mention, wanted: set[str], named: set[str]) -> bool:
    """Whether an organisation (an entity of kind organisation or with a parent) that the metric
    is not about owns the alias: its name just before it ("the Port Authority's budget") or
    after "of"/"for" ("the budget of the Port Authority"). Its figures are its own, never its
    parent's nor an implied entity's."""
    orgs = _organisations(s.book)
    if not orgs or named.isdisjoint(orgs):
        return False
    gap, of, reported = _org_patterns()
    text = s.doc.text
    after = of.match(text, mention.end, s.end)
    for m, eid in entities(s):
        if eid not in orgs or eid in wanted:
            continue
        if mention.start - 40 <= m.end <= mention.start:
            between = gap.fullmatch(text, m.end, mention.start)
            if between is not None and reported.search(text, m.end, mention.start) is None:
                return True
        if after is not None and m.start == after.end():
            return True
    return False


@functools.cache
def _org_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Between an organisation's name and the alias it owns: "'s" and up to three words ("the
    Port Authority's annual budget", "the Port Authority has a budget of"), no reporting verb;
    or "of"/"for" after the alias. Compiled on first use: most rulebooks declare no
    organisation."""
    return (
        regexes.compile(r"(?:['\u2019]s)?(?:\s+[a-z][\w-]*){0,3}\s+"),
        regexes.compile(r"\s+(?:of|for)\s+(?:the\s+)?"),
        regexes.compile(r"\b(?:said|says|told|according|reported|reports|estimated)\b"),
    )


def _organisations(book: Rulebook) -> frozenset[str]:
    """The ids of the entities that own their own figures (found once per rulebook)."""
    got = book.derived.get("organisations")
    if not isinstance(got, frozenset):
        got = book.derived["organisations"] = frozenset(
            e.id for e in book.entities.values() if e.kind == "organisation" or e.parent
        )
    return got


def _foreign(s: Sentence, lo: int, hi: int) -> bool:
    return _foreign_in(s.context, s.book, lo, hi)


def _foreign_in(context: DocContext, book: Rulebook, lo: int, hi: int) -> bool:
    """Whether [lo, hi) pairs a party the rulebook does not know with another one ("between
    Vietnam and the RoK", "Vietnam–Korea"); a dashed pair counts only beside a known name (not
    "Coca-Cola"), and months are no party ("between January and March"). Found once per span
    (a paragraph frames each of its figures), and scanned only where the folded text has
    "between" or a dash (fold makes every dash a hyphen)."""
    cache: dict[tuple[int, int], bool] = vars(context).setdefault("_foreign", {})
    got = cache.get((lo, hi))
    if got is None:
        got = cache[(lo, hi)] = _scan_foreign(context, book, lo, hi)
    return got


def _scan_foreign(context: DocContext, book: Rulebook, lo: int, hi: int) -> bool:
    text, low = context.doc.text, context.folded
    at = low.find("between", lo, hi)  # no match of the case-kept pattern starts before it
    if at >= 0:
        for m in _BETWEEN.finditer(text, at, hi):
            if any(_unknown(context, book, m, g) for g in ("a", "b")):
                return True
    dash = _dash_before_capital(text, low, lo, hi)
    if dash < 0:
        return False
    # a match's first name runs up to that dash (or a space before it) with no space inside
    for m in _DASHED.finditer(text, max(lo, text.rfind(" ", lo, dash - 1) + 1), hi):
        a, b = _unknown(context, book, m, "a"), _unknown(context, book, m, "b")
        if a != b and not _month(m.group("a")) and not _month(m.group("b")):
            return True
    return False


def _dash_before_capital(text: str, low: str, lo: int, hi: int) -> int:
    """The first dash in [lo, hi) with a capital right after it or after one space (what every
    _DASHED match holds), else -1. Most clauses with a dash have none ("year-on-year",
    "2021-2022"), and the pattern, which opens with a look-behind, is tried at every character."""
    p = low.find("-", lo, hi)
    while p >= 0:
        after = text[p + 1 : p + 3]
        if after[:1].isupper() or (after[:1] == " " and after[1:].isupper()):
            return p
        p = low.find("-", p + 1, hi)
    return -1


def _unknown(context: DocContext, book: Rulebook, m: re.Match[str], group: str) -> bool:
    """Whether the name in the group is a party the rulebook does not know."""
    start, end = m.span(group)
    if _month(m.group(group)):
        return False
    return not named_in(context, book, start, end)


def _month(word: str) -> bool:
    """A month, a weekday or a word of grammar ("HANOI - The ..."): no party."""
    first = word.split()[0].rstrip(".").lower()
    return first in _NOT_PARTY or first in _NEUTRAL


def _nationality(s: Sentence, mention: Mention) -> bool:
    """A nationality adjective the rulebook does not know right before the alias."""
    text = s.doc.text
    lo = max(s.start, mention.start - 30)
    if not _may_end_nationality(text, lo, mention.start):
        return False
    m = _NATIONALITY.search(text, lo, mention.start)
    if m is None:
        return False
    return not named_in(s.context, s.book, m.start(1), m.end(1))


def _may_end_nationality(text: str, lo: int, hi: int) -> bool:
    """False where _NATIONALITY cannot match in [lo, hi): every match ends with one of the
    adjective endings, then whitespace. Most aliases follow no such word, and the pattern opens
    with a look-behind tried at every character."""
    end = hi
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end < hi and text.endswith(_NATIONAL_ENDS, lo, end)


def _paragraph(s: Sentence) -> tuple[int, int]:
    """The paragraph (the line) the sentence is in."""
    text = s.doc.text
    start = text.rfind("\n", 0, s.start) + 1
    end = text.find("\n", s.end)
    return start, end if end >= 0 else len(text)


_TITLE = regexes.compile(r"(?m:^title:[ \t]*(.*)$)")


def _headline(context: DocContext) -> tuple[int, int] | None:
    """The span of the front matter's title, else of a first line of the body that reads as a
    headline (short, no closing stop), found once per document."""
    cache = vars(context)
    if "_headline_span" not in cache:
        doc = context.doc
        m = _TITLE.search(doc.text, 0, doc.body_start)
        cache["_headline_span"] = (
            m.span(1) if m is not None else _first_line(doc.text, doc.body_start)
        )
    got: tuple[int, int] | None = cache["_headline_span"]
    return got


def _first_line(text: str, start: int) -> tuple[int, int] | None:
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start, start + _HEADLINE_MAX + 1)
    if end < 0 or end == start or text[end - 1] in ".!?":
        return None
    return start, end


_HEADLINE_MAX = 160  # characters a headline may have, at most


# --- what the figure measures ----------------------------------------------------------------

# Words before or after an alias that leave it the metric's whole: grammar, time, hedges and
# the words that say "all of it"; any other lower-case word qualifies it ("seafood exports").
_NEUTRAL = frozenset(
    """a an the its their his her our this that these those such each every all both any some
    other others another and or but nor while whereas as than then so yet if when where whose
    which who what how of in on at to for from by with into onto about over under between among
    through during after before since until within without against per via is are was were be
    been being has have had do does did will would shall should can could may might must not no
    only also just even still already now currently total overall combined whole entire
    aggregate annual yearly monthly quarterly cumulative gross net bilateral mutual record high
    higher highest low lower lowest strong stronger robust solid steady first last previous same
    new latest recent final preliminary estimated official goods merchandise commodity country
    countries nation nations side sides economy economies partner partners said says saw see sees
    hit reach reached post posted make made put set keep kept grew rose fell stood stand stands came
    come comes boost lift push promote raise expand increase double year years month months
    quarter quarters half period day days approximately around nearly almost more less roughly
    least up one two three four five six seven eight nine ten eleven twelve hundred thousand
    million billion trillion percent cent customs value meanwhile however besides moreover
    furthermore additionally thus hence therefore
    expect expects hope hopes want wants wish wishes aim aims plan plans target targets forecast
    forecasts project projects predict predicts estimate estimates believe believes provide
    provides give gives bring brings drive drives help helps spur spurs maintain maintains
    bolster bolsters strengthen strengthens enhance enhances support supports double doubles
    triple triples grow grows lift lifts push pushes""".split()
)
_TIME_WORD = regexes.compile(r"(?i:month|year|quarter|week|day|way|on)")
_WORD_BEFORE = regexes.compile(r"(?<![\w'\u2019-])([A-Za-z][a-z-]*)[ \t]+$")
# "exports of seafood", and with a determiner "sales on the website", "revenue through its stores"
_OF_AFTER = regexes.compile(
    r"\s+(?:of|(?:on|through|via)(?=\s+(?:the|its|their)\s))\s+"
    r"(?:(?:the|these|those|this|such|its|their|all)\s+)?"
    r"(?P<w>[A-Za-z][\w-]*)(?:\s+(?P<next>[a-z][\w-]*))?"
)
# A noun of its own right before the figure: "seafood with US$800 million", "steel at".
_OWN_HEAD = regexes.compile(
    r"(?<![\w-])([a-z][\w-]*),?\s+(?:with|at|valued\s+at|worth(?:\s+of)?)\s+$"
)
_BREAKDOWN = regexes.compile(
    r"(?i:\b(?:items?|categor(?:y|ies)|commodities|staples|sectors?|segments?)\b)"
)
# One deal, not a stock: "signed ODA loan agreements", "an ODA deal", "the ODA loan, worth".
_DEAL = regexes.compile(
    r"(?i:\b(?:agreements?|deals?|packages?|tranches?|batch(?:es)?|contracts?|signed|signing|"
    r"inked|(?:a|an|the|one|this|that|each)\s+(?:[\w-]+\s+){0,2}(?:loan|project|credit|grant)"
    r"(?![\w-])))"
)
_EACH = regexes.compile(r"(?i:\s*,?\s*(?:each|apiece|a\s+piece)\b)")
# A flow or subgroup of people, not everyone living there at a date.
_FLOW = regexes.compile(
    r"(?i:\b(?:interns?|trainees?|students?|arriv\w*|admitted|admissions?|entr(?:y|ies|ants?)|"
    r"entered|newly|newcomers?)\b)"
)
# What a donor or lender hands over: with no running total named, one package.
_PROVIDE = regexes.compile(
    r"(?i:\b(?:provid(?:e|es|ed|ing)|grant(?:s|ed|ing)?|lend(?:s|ing)?|lent|extend(?:s|ed|ing)?|"
    r"pledg(?:e|es|ed|ing)|commit(?:s|ted|ting)?|offer(?:s|ed|ing)?)\b)"
)
# What one flow exceeds the other by: "a trade surplus", "the deficit", "an excess of imports".
_BALANCE = regexes.compile(r"(?i:\b(?:surplus(?:es)?|deficits?|excess|imbalances?|balance|gap)\b)")
_OWNS_NEXT = regexes.compile(r"['\u2019]s\b")
# What every match of each pattern holds in lower case: a clause with none of it is not scanned.
_BREAKDOWN_WORDS = ("item", "categor", "commodities", "staples", "sector", "segment")
_DEAL_WORDS = (
    "agreement", "deal", "package", "tranche", "batch", "contract", "signed", "signing", "inked",
    "loan", "project", "credit", "grant",
)  # fmt: skip
_PROVIDE_WORDS = ("provid", "grant", "lend", "lent", "extend", "pledg", "commit", "offer")
_BALANCE_WORDS = ("surplus", "deficit", "excess", "imbalance", "balance", "gap")
_FLOW_WORDS = (
    "intern", "trainee", "student", "arriv", "admitted", "admission", "entry", "entries",
    "entrant", "entered", "newly", "newcomer",
)  # fmt: skip


def measures_part(
    s: Sentence, mention: Mention, n: Number, metric: Metric, span: tuple[int, int]
) -> bool:
    """Whether the figure measures something other than the metric's whole: a part, one deal,
    one item, a flow or subgroup of people (see the module docstring)."""
    text = s.doc.text
    if _OWNS_NEXT.match(text, mention.end, s.end) or _EACH.match(text, n.end, s.end):
        return True
    lo, hi = span
    end = max(mention.end, n.end)
    words = _alias_words(s, metric)
    if _qualified(s, mention, n, words) or _outside(s, _BREAKDOWN, lo, end, mention):
        return True
    if metric.period != "span" and (
        _outside(s, _DEAL, lo, end, mention)
        or _one_provision(s, lo, end, mention)
        or _ADDED.fullmatch(text, n.end, mention.start) is not None
    ):
        return True
    if _balance(s, mention, n, span, words):
        return True
    stock_of_people = metric.dimension == "count" and metric.period != "span"
    return stock_of_people and _outside(s, _FLOW, lo, hi, mention, words)


# "eight new stores", "3,000 more workers": what was added, not how many there are
_ADDED = regexes.compile(r"(?i:\s+(?:new|more|additional|extra|fewer|newly\s+\w+ed)\s+)")

_GATES = {
    _BREAKDOWN: _BREAKDOWN_WORDS,
    _DEAL: _DEAL_WORDS,
    _FLOW: _FLOW_WORDS,
    _BALANCE: _BALANCE_WORDS,
    _PROVIDE: _PROVIDE_WORDS,
}
_STOCK_WORDS = (
    "since", "so far", "thus far", "to date", "until now", "up to now", "over the years",
    "a total of", "in total", "total ", "cumulat", "accumulat", "as of",
)  # fmt: skip


def _one_provision(s: Sentence, lo: int, hi: int, mention: Mention) -> bool:
    """Whether the clause gives the figure as what a party provides, lends, pledges or commits,
    with no word of a running total in the sentence ("will provide Vietnam with 95 billion yen
    in ODA"): one package or one period's commitment, not a stock. "Has provided ... since
    1992" and "a total of" keep the stock."""
    if not _outside(s, _PROVIDE, lo, hi, mention):
        return False
    low = s.context.folded
    return not any(low.find(w, s.start, s.end) >= 0 for w in _STOCK_WORDS)


_BALANCE_REACH = 40  # characters before the alias or figure where a balance word heads both


def _balance(
    s: Sentence, mention: Mention, n: Number, span: tuple[int, int], words: frozenset[str]
) -> bool:
    """Whether a balance word heads the figure: in the stretch between the alias and the figure
    ("exports to Japan ... and the deficit narrowed to US$1 billion"), or shortly before the
    first of them with no comma between ("an excess of imports over exports to Japan of
    US$0.4 billion", "a surplus of US$1.8 billion in exports"). A balance is what one flow
    exceeds the other by, no value of either flow."""
    cache = vars(s.context)
    if "_balance_words" not in cache:  # most articles speak of no balance at all
        folded = s.context.folded
        cache["_balance_words"] = any(w in folded for w in _BALANCE_WORDS)
    if not cache["_balance_words"]:
        return False
    text = s.doc.text
    first = min(mention.start, n.start)
    lo = max(span[0], first - _BALANCE_REACH)
    hi = max(mention.end, n.end)
    if not _may_hold(s, _BALANCE, lo, hi):
        return False
    for m in _BALANCE.finditer(text, lo, hi):
        if m.group(0).lower() in words or mention.start <= m.start() < mention.end:
            continue
        if m.start() >= first or "," not in text[m.end() : first]:
            return True
    return False


def _may_hold(s: Sentence, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
    """False when the folded [lo, hi) holds none of the words every match of the pattern holds;
    always True in a document with a letter that `(?i)` reads as an ASCII one (then lower case
    could hide a word from the lookup)."""
    context = s.context
    if context.number_marks is None:  # what `numbers.searchable` says of the text
        return True
    # one pass of an automaton over a slice, not a search for each word
    return next(_gate(pattern).iter(context.folded[lo:hi]), None) is not None


_GATE_AUTOMATA: dict[int, Any] = {}


def _gate(pattern: re.Pattern[str]) -> Any:
    """The automaton of the words of _GATES[pattern], made on first use."""
    auto = _GATE_AUTOMATA.get(id(pattern))
    if auto is None:
        auto = _GATE_AUTOMATA[id(pattern)] = automaton(_GATES[pattern])
    return auto


def _outside(
    s: Sentence,
    pattern: re.Pattern[str],
    lo: int,
    hi: int,
    mention: Mention,
    words: frozenset[str] = frozenset(),
) -> bool:
    """Whether the pattern matches in [lo, hi) outside the alias, on a word that none of the
    metric's aliases uses (a count of interns may say "interns" twice)."""
    if not _may_hold(s, pattern, lo, hi):
        return False
    text = s.doc.text
    return any(
        (m.end() <= mention.start or m.start() >= mention.end) and m.group(0).lower() not in words
        for m in pattern.finditer(text, lo, hi)
    )


def _qualified(s: Sentence, mention: Mention, n: Number, words: frozenset[str]) -> bool:
    """A word that narrows the alias: before it, after "of", or right before the figure."""
    text = s.doc.text
    before = _WORD_BEFORE.search(text, max(s.start, mention.start - 40), mention.start)
    if (
        before is not None
        and (before.start(1) >= n.end or n.start >= mention.end)  # not the figure's own word
        and _content(before.group(1), words)
        and (before.group(1).islower() or _first_word(s, *before.span(1)))
    ):
        return True
    of = _OF_AFTER.match(text, mention.end, s.end)
    if of is not None and not (mention.end <= n.start < of.end("w")):
        w, after = of.group("w"), of.group("next")
        if w[0].isupper():
            known = named_in(s.context, s.book, of.start("w"), of.end("w"))
            if known and after is not None and _content(after, words):
                return True  # "imports of Japanese machinery"
        elif _content(w, words):
            return True
    if mention.end <= n.start:
        head = _OWN_HEAD.search(text, max(mention.end, n.start - 40), n.start)
        if head is not None and _content(head.group(1), words):
            return True
    return False


def _first_word(s: Sentence, start: int, end: int) -> bool:
    """A capital at the start of the sentence, not a name the rulebook knows ("Garment")."""
    return start == s.start and not named_in(s.context, s.book, start, end)


def _content(word: str, words: frozenset[str]) -> bool:
    """Whether a lower-case word names a thing of its own: not grammar, time, a hedge, a
    participle or adverb, nor a word of the metric's own aliases."""
    w = word.lower()
    if w in _NEUTRAL or w in words or len(w) < 3:
        return False
    if w.endswith(("ly", "ed", "ing")):
        return False
    return not ("-" in w and _TIME_WORD.search(w))


_ALIAS_WORDS: dict[int, tuple[Metric, frozenset[str]]] = {}


def _alias_words(s: Sentence, metric: Metric) -> frozenset[str]:
    """The lower-case words of the metric's aliases, found once per metric object (kept with
    it, so that its id is never another's)."""
    got = _ALIAS_WORDS.get(id(metric))
    if got is None or got[0] is not metric:
        words = frozenset(w for a in metric.aliases for w in _WORDS.findall(a.lower()))
        got = _ALIAS_WORDS[id(metric)] = (metric, words)
    return got[1]


_WORDS = regexes.compile(r"[a-z][\w-]*")


# --- whose figure: the subject of a claim -------------------------------------------------------

# "Japanese FDI", "Japan's total FDI": an entity just before the alias; "FDI from Japan" after it.
_JUST_BEFORE = regexes.compile(r"['\u2019]s(?:\s+[\w-]+){0,2}\s+|['\u2019]s?\s*|\s+")
_PARTY_INSIDE = regexes.compile(r"(?i:\b(?:of|from|by)\s+(?:the\s+)?$)")
_PARTY_AFTER = regexes.compile(r"\s+(?:of|from|by)\s+(?:the\s+)?")


def subject(s: Sentence, mention: Mention, metric: Metric) -> str | None:
    """The entity a figure is about, restricted to the metric's subjects when it lists them:
    named at the head of the alias or just before it ("Japanese FDI", "Japan's total FDI"), or
    after of/from/by ("turnover of Vietnam"); else the first entity of the sentence that is not
    the object of a preposition ("Vietnam has 106 projects in Japan")."""
    order = _parties(s, mention)
    if metric.subject:
        order = [e for e in order if e in metric.subject]
    return order[0] if order else None


def _parties(s: Sentence, mention: Mention) -> list[str]:
    """The entities a figure of the alias may be about, the likeliest first (see subject)."""
    text = s.doc.text
    close: list[str] = []
    for m, eid in near(s, mention.start - 40, mention.end + 30):
        if mention.start <= m.start and m.end <= mention.end:
            head = text[mention.start : m.start]
            if not head.strip() or _PARTY_INSIDE.search(head):
                close.append(eid)
        elif m.end <= mention.start:
            gap = text[m.end : mention.start]
            if len(gap) <= 30 and _JUST_BEFORE.fullmatch(gap):
                close.append(eid)
        elif m.start >= mention.end and _PARTY_AFTER.fullmatch(text[mention.end : m.start]):
            close.append(eid)
    return [*close, *loose(s)]  # an entity only named after "in", "to" ... is not a subject
