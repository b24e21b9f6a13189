"""Fuzzing the whole pipeline in-process with Hypothesis: articles and rule files, random and
mutated.

Properties: no exception escapes but the documented ones (YamlProblems from a rule file), every
report renders, the JSON report is valid JSON with findings inside the text, and the command
line ends 0, 1 or 2. Names, titles, terms and metrics come from the project's own rule files, so
that the extractor's deeper paths are reached; nothing domain-specific is written here.

A fixed, derandomized budget (FUZZ) keeps the file near a minute on the 2-core machine; raise
max_examples locally to fuzz longer (`CLAIMCHECK_FUZZ_EXAMPLES=2000`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from conftest import REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import checks, reports, rulebook
from claimcheck.cli import main
from claimcheck.extract import Extractor
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding
from claimcheck.model.paths import key
from claimcheck.run import articles as documents
from claimcheck.run import pipeline
from claimcheck.run.result import Result
from claimcheck.yamlio.positions import YamlProblems

RULES = REPO_ROOT / "rules"
SEEDS = REPO_ROOT / "seeds"
SCALE = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "0"))


def budget(examples: int) -> settings:
    """The CI budget for one property: fixed and reproducible (derandomized, no database)."""
    return settings(
        max_examples=SCALE or examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@cache
def book() -> rulebook.Rulebook:
    return rulebook.load([RULES])


@cache
def extractor() -> Extractor:
    checks.load_engines()
    return Extractor(book())


@cache
def vocabulary() -> dict[str, list[str]]:
    """Words of the project's rule files, by what they are."""
    b = book()
    people = [
        " ".join(p for p in (x.given, x.middle, x.family) if p) for x in b.people.values()
    ] + [x.family for x in b.people.values()]
    return {
        "person": sorted(set(people)),
        "title": sorted({a for o in b.offices.values() for a in (o.title, *o.aliases)}),
        "demonym": sorted({d for e in b.entities.values() for d in e.demonyms}),
        "entity": sorted({n for e in b.entities.values() for n in e.names}),
        "metric": sorted({a for m in b.metrics.values() for a in m.aliases}),
        "term": sorted(
            {t.name for t in b.terms.values()}
            | {v.wrong for t in b.terms.values() for v in t.variants}
        ),
        "event": sorted({a for e in b.events.values() for a in e.aliases}),
        "ranking": sorted({a for r in b.rankings.values() for a in r.aliases}),
    }


def words(kind: str) -> st.SearchStrategy[str]:
    return st.deferred(lambda: st.sampled_from(vocabulary()[kind] or ["Vietnam"]))


# --- articles ----------------------------------------------------------------------------------

MONTHS = ["January", "Feb.", "March", "Sept", "May", "december", "JUNE"]
CURRENCY = ["US$", "$", "USD ", "¥", "JPY ", "€", "VND ", "", "", "£", "US $"]
SCALES = ["", " million", " billion", " trillion", " thousand", "bn", "m", " per cent", "%"]
HEDGES = ["", "about ", "nearly ", "more than ", "up to ", "some ", "over ", "almost "]
TITLE_MODIFIERS = ["", "former ", "then-", "late ", "acting ", "ex-", "outgoing "]
# awkward text: combining marks, right-to-left letters and marks, NBSP, zero-width, quotes
ODD = [
    "\u0301",
    "e\u0308",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u200f",
    "\u202e",
    "\u00a0",
    "\u200b",
    "\u2019",
    "\u201c",
    "\ufeff",
    "\u2028",
    "\r",
    "\t",
    "Ｎｏ．１",
    "١٢٣",
    "Việt Nam",
]
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@st.composite
def number(draw: st.DrawFn) -> str:
    """A figure as articles write it, and as they should not: 47.6, 1,234,567, 1.234.567,5,
    -3, 12,34, 007, 1e9."""
    n = draw(st.integers(0, 10**13))
    style = draw(st.sampled_from(["plain", "commas", "dots", "decimal", "odd"]))
    if style == "commas":
        text = f"{n:,}"
    elif style == "dots":
        text = f"{n:,}".replace(",", ".")
    elif style == "decimal":
        text = f"{n / 10 ** draw(st.integers(0, 4)):.{draw(st.integers(0, 3))}f}"
    else:
        text = draw(st.from_regex(r"-?[0-9][0-9,.]{0,12}[0-9]?(e[0-9]{1,2})?", fullmatch=True))
    return (
        draw(st.sampled_from(HEDGES))
        + draw(st.sampled_from(CURRENCY))
        + text
        + draw(st.sampled_from(SCALES))
    )


@st.composite
def date(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2100))
    return draw(
        st.sampled_from(
            [
                f"in {year}",
                f"on {draw(st.sampled_from(MONTHS))} {draw(st.integers(0, 40))}, {year}",
                f"in the first {draw(st.integers(0, 13))} months of {year}",
                f"as of {draw(st.sampled_from(MONTHS))} {draw(st.integers(1, 31))}",
                "last November",
                "this year",
                f"since {year}",
                f"the {draw(st.integers(1, 120))}th anniversary",
                f"in the {draw(st.integers(1, 60))} years since {year}",
                f"{year}-{draw(st.integers(0, 13)):02d}-{draw(st.integers(0, 32)):02d}",
                f"Q{draw(st.integers(0, 5))} {year}",
            ]
        )
    )


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A sentence of the shapes the extractors read, with parts drawn at random."""
    who = (
        draw(st.sampled_from(TITLE_MODIFIERS))
        + draw(st.one_of(words("demonym").map(lambda d: d + " "), st.just("")))
        + draw(words("title"))
        + " "
        + draw(words("person"))
    )
    shapes = [
        f"{who} met Mr. {draw(words('person'))} {draw(date())}.",
        f"{draw(words('metric'))} between {draw(words('entity'))} and "
        f"{draw(words('entity'))} reached {draw(number())} {draw(date())}.",
        f"{draw(words('entity'))} is the {draw(st.integers(0, 30))}th largest "
        f"{draw(words('ranking'))}, {draw(date())}.",
        f"The two countries upgraded ties to the {draw(words('term'))} {draw(date())}.",
        f"{draw(words('event'))} took place {draw(date())}, said {who}.",
        f"{draw(number())} and {draw(number())}, totalling {draw(number())}.",
        f'"{who} said {draw(any_text)}',
        f"{draw(any_text)} {draw(words('person'))}{draw(st.sampled_from(ODD))}",
    ]
    text = draw(st.sampled_from(shapes))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    return text


YAML_BITS = [
    "date: 2015-09-15",
    "date: 2015-09",
    "date: 2015",
    "date: 2017-12-05T10:08Z",
    "date: yesterday",
    "date: 2015-02-30",
    "date: [2015, 9]",
    "date: ",
    "date: &d 2015-09-15",
    "also: *d",
    "title: Vietnam: Japan",
    "title: 'quoted'",
    'title: "esc\\u00e9"',
    "tags: [a, b",
    "tags: [a, [b, c]]",
    "- a list item",
    "key: |",
    "  block text",
    "\tkey: tab",
    "source: !!binary aGVsbG8=",
    "? complex",
    "<<: {a: 1}",
    "dup: 1",
    "dup: 2",
    "n: 1e400",
    "n: 0x1F",
    "n: .inf",
    "",
    "# comment",
]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(YAML_BITS),
                st.builds(
                    lambda k, v: f"{k}: {v}",
                    st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
                    any_text,
                ),
                any_text,
            ),
            max_size=8,
        )
    )
    close = draw(st.sampled_from(["---", "...", "--- ", ""]))
    opener = draw(st.sampled_from(["---", "---", "\ufeff---", "--- "]))
    return "\n".join([opener, *lines, close]) + "\n"


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """A body: paragraphs of sentences with Markdown around them."""
    paragraphs = draw(
        st.lists(st.lists(sentence(), min_size=1, max_size=4).map(" ".join), max_size=5)
    )
    decorated = [
        draw(st.sampled_from(["", "# ", "> ", "- ", "1. ", "**", "<!-- x -->", "    "])) + p
        for p in paragraphs
    ]
    suppress = draw(
        st.sampled_from(
            [
                "",
                "<!-- claimcheck-disable-next-line term-wrong-variant -->\n",
                "<!-- claimcheck-disable -->\n",
                "<!-- claimcheck-disable-next-line -->\n",
            ]
        )
    )
    return suppress + draw(st.sampled_from(["\n\n", "\n", "\r\n", "\n\n\n"])).join(decorated)


@cache
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed article, cut, repeated and spliced with random and awkward text."""
    text = draw(st.sampled_from(seed_texts()))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        to = draw(st.integers(at, min(len(text), at + 400)))
        op = draw(st.sampled_from(["cut", "repeat", "insert", "odd", "sentence"]))
        if op == "cut":
            text = text[:at] + text[to:]
        elif op == "repeat":
            text = text[:to] + text[at:to] + text[to:]
        elif op == "insert":
            text = text[:at] + draw(any_text) + text[at:]
        elif op == "odd":
            text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
        else:
            text = text[:at] + " " + draw(sentence()) + " " + text[at:]
    return text


articles = st.one_of(
    st.builds(lambda f, b: f + b, front_matter(), markdown()),
    st.builds(lambda b: "---\ndate: 2015-09-15\n---\n" + b, markdown()),
    mutated_seed(),
    st.builds(lambda f, b: f + b, front_matter(), mutated_seed()),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
)
raw_articles = st.one_of(
    articles.map(lambda t: t.encode("utf-8")),
    st.binary(max_size=300),
    st.builds(lambda t, b: t.encode("utf-8") + b, articles, st.binary(min_size=1, max_size=4)),
)


def analyse(raws: list[bytes]) -> Result:
    """The pipeline in-process on articles given as bytes (read, extract, check, corpus)."""
    docs: list[Document] = []
    claims: dict[str, list[Any]] = {}
    found: list[Finding] = []
    for i, raw in enumerate(raws):
        doc, problems = documents.read(f"fuzz-{i}.md", {}, raw)
        found.extend(problems)
        if doc is not None:
            docs.append(doc)
            claims[doc.path] = extractor().extract(doc)
    targets = frozenset(key(d.path) for d in docs)
    found.extend(pipeline.evaluate(docs, claims, book(), targets))
    found.sort(key=Finding.sort_key)
    return Result(docs, claims, found, book(), [d.path for d in docs])


def assert_report_sound(result: Result) -> None:
    """JSON is valid and each finding lies inside its document; every format renders."""
    data = json.loads(reports.get("json")(result))
    texts = {d.path: d for d in result.documents}
    assert data["documents"] == len(result.documents)
    for f in data["findings"]:
        assert f["severity"] in ("error", "warning", "info")
        assert "\n" not in f["message"]
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"]), f
        doc = texts.get(f["path"])
        if doc is not None:
            assert doc.offset(f["line"], f["column"]) is not None, f
    for name in reports.names("check"):
        out = reports.get(name)(result)
        assert out is not None
        if name in ("sarif", "claimreview"):
            json.loads(out)


@budget(250)
@given(raw_articles)
def test_one_article_through_the_pipeline(raw: bytes) -> None:
    assert_report_sound(analyse([raw]))


@budget(120)
@given(st.lists(articles.map(str.encode), min_size=2, max_size=3))
def test_articles_checked_against_each_other(raws: list[bytes]) -> None:
    """The corpus engines compare claims across articles: two or three at once."""
    result = analyse(raws)
    assert_report_sound(result)
    again = analyse(raws)
    assert reports.get("json")(again) == reports.get("json")(result)  # deterministic


@budget(40)
@given(st.lists(raw_articles, min_size=1, max_size=2))
def test_the_command_line_on_fuzzed_articles(raws: list[bytes]) -> None:
    """main([...]) on files in a folder: exit 0, 1 or 2, and JSON on standard output."""
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, raw in enumerate(raws):
            Path(tmp, f"a{i}.md").write_bytes(raw)
            names.append(os.path.join(tmp, f"a{i}.md"))
        code, out, err = run_main(["check", *names, "--rules", str(RULES), "--no-cache"])
    assert code in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err, err
    data = json.loads(out)
    assert {f["path"] for f in data["findings"]} <= set(names)


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--format", "json"])
    return code, out.getvalue(), err.getvalue()


# --- rule files --------------------------------------------------------------------------------

# Rule files that load together; the last of a group is mutated, the others stay as they are (so
# that a mutation meets cross-checks against valid entries, not only "unknown entity").
RULE_GROUPS = [
    ["entities.yaml"],
    ["entities.yaml", "terms.yaml"],
    ["entities.yaml", "rankings.yaml"],
    ["entities.yaml", "events.yaml"],
    ["rates.yaml"],
    ["entities.yaml", "people-japan.yaml", "offices-japan.yaml"],
    ["entities.yaml", "offices-japan.yaml", "people-japan.yaml"],
    ["entities.yaml", "metrics.yaml", "facts-trade.yaml"],
    ["entities.yaml", "examples-arithmetic.yaml"],
]
WRONG_TYPES = ["[]", "{}", "3", "-1", "true", "null", "'x'", "2015-13-40", "[a, [b]]", "&a x", "*a"]


def _mutate_line(draw: st.DrawFn, lines: list[str]) -> None:
    if not lines:
        lines.append(draw(any_text))
        return
    i = draw(st.integers(0, len(lines) - 1))
    op = draw(st.sampled_from(["delete", "duplicate", "retype", "bytes", "indent", "swap"]))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":  # a duplicated key, or a duplicated list item
        lines.insert(i, lines[i])
    elif op == "retype" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {draw(st.sampled_from(WRONG_TYPES))}"
    elif op == "bytes":
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(any_text) + lines[i][at:]
    elif op == "indent":
        lines[i] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[i].lstrip()
    else:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]


@st.composite
def mutated_rules(draw: st.DrawFn) -> tuple[list[str], bytes]:
    group = draw(st.sampled_from(RULE_GROUPS))
    lines = (RULES / "vietnam-japan" / group[-1]).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 5))):
        _mutate_line(draw, lines)
    raw = "\n".join(lines).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:  # now and then, bytes that are not UTF-8 at all
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return group, raw


def lay_out(folder: Path, group: list[str], raw: bytes) -> dict[str, int]:
    """The group's files in `folder`, the last one mutated; the lines of each, by path."""
    folder.mkdir(exist_ok=True)
    for name in group[:-1]:
        (folder / name).write_bytes((RULES / "vietnam-japan" / name).read_bytes())
    (folder / group[-1]).write_bytes(raw)
    return {str(folder / n): (folder / n).read_bytes().count(b"\n") + 1 for n in group}


@budget(150)
@given(mutated_rules())
def test_mutated_rule_files_load_or_say_where(mutated: tuple[list[str], bytes]) -> None:
    """The rules load, or YamlProblems names a file of them at a real line of it for each
    problem (a mutation may break a reference from another file: that file is named then)."""
    group, raw = mutated
    with tempfile.TemporaryDirectory() as tmp:
        lines = lay_out(Path(tmp), group, raw)
        try:
            loaded = rulebook.load([Path(tmp)])
        except YamlProblems as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.path in lines, p
                assert 1 <= p.line <= lines[p.path] + 1 and p.column >= 1, p
                assert p.message and "\n" not in p.message, p
        else:
            assert sorted(loaded.files) == sorted(lines)
            Extractor(loaded)  # the vocabulary compiles


@budget(25)
@given(mutated_rules())
def test_the_command_line_on_mutated_rule_files(mutated: tuple[list[str], bytes]) -> None:
    group, raw = mutated
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp, "rules")
        named = tuple(f"{path}:" for path in lay_out(rules, group, raw))
        article = Path(tmp, "a.md")
        article.write_text("---\ndate: 2015-09-15\n---\n" + seed_texts()[0], encoding="utf-8")
        code, out, err = run_main(["check", str(article), "--rules", str(rules), "--no-cache"])
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1, 2)
    if code == 2:
        assert out == ""
        for line in err.splitlines():
            assert line.startswith(named), line
    else:
        json.loads(out)
