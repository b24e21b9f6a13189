"""Report formats: JSON per the contract, text, Markdown, SARIF 2.1.0, GitHub workflow commands.

Most tests build a Result by hand (findings with evidence, fixes, awkward characters, several
files, given out of order); the end-to-end tests run `claimcheck check seeds --format F` from the
repository root and check that every format tells the same story as the JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.validators import validator_for
from tabulate import tabulate

import claimcheck
from claimcheck import checks, reports
from claimcheck.cli import main
from claimcheck.model.claims import Claim
from claimcheck.model.document import Document
from claimcheck.model.findings import Finding, Related
from claimcheck.reports import markdown, sarif, text
from claimcheck.rulebook import Rulebook
from claimcheck.run.result import Result

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden" / "reports"
FORMATS = (
    "text", "concise", "json", "markdown", "sarif", "github", "gitlab", "html", "claimreview"
)  # fmt: skip
SEED = "seeds/002_b1a0ac73797f4e60.txt"

TRICKY = (
    'trade was "US$47.6 billion" | not <b>19.5</b> *billion* `x` [y](z) & 50% off_by_one, '
    "a:b\nsecond line"
)


def claims(n: int) -> list[Claim]:
    return [Claim("term", i, i + 1, "x") for i in range(n)]


def make_result(findings: list[Finding], docs: int = 3, n_claims: int = 3) -> Result:
    paths = ["news/a.md", "news/b.md", "notes/c.txt"][:docs]
    documents = [Document(p, "Some text.\n") for p in paths]
    per_doc = {p: claims(n_claims if i == 0 else 0) for i, p in enumerate(paths)}
    return Result(documents, per_doc, findings, Rulebook())


TERMS = "rules/terms.yaml"
LONG_SOURCE = (
    "source: https://example.org/a-very-long/joint-statement-on-deepening-the-extensive-"
    "strategic-partnership-2014.html"
)
F_VARIANT = Finding(
    "term-wrong-variant",
    "term",
    "error",
    "news/b.md",
    4,
    10,
    4,
    41,
    "'exclusive strategic partnership' is not the official name: it is the 'Extensive "
    "Strategic Partnership for Peace and Prosperity in Asia' (since 2014)",
    (Related(TERMS, 9, 5, LONG_SOURCE), Related(TERMS, 14, 9, "rule entry")),
    "Extensive Strategic Partnership",
    anchor="exclusive strategic partnership",
)
F_CONTRA = Finding(
    "x-test-contradiction",  # not a registered rule: formats must cope
    "quantity",
    "warning",
    "news/b.md",
    2,
    1,
    3,
    12,
    TRICKY,
    (Related("news/a.md", 7, 3, "the earlier article says US$47.6 billion"),),
    anchor="US$47.6 billion",
)
F_DATE = Finding(
    "document-date-inferred",
    "document",
    "info",
    "notes/c.txt",
    1,
    1,
    1,
    1,
    "no date given; read 15 September 2015 from the dateline",
    anchor="document-date-inferred",
)
F_YEAR = Finding(
    "term-wrong-year",
    "term",
    "error",
    "news/a.md",
    12,
    5,
    12,
    30,
    "the 'Extensive Strategic Partnership for Peace and Prosperity in Asia' is tied to 2009 "
    "here, but it began in 2014",
    (Related(TERMS, 9, 5, "source: https://example.org/js"),),
    anchor="Extensive Strategic Partnership",
)
# Deliberately out of order: formatters sort.
RICH = [F_DATE, F_VARIANT, F_YEAR, F_CONTRA]
SORTED = [F_YEAR, F_CONTRA, F_VARIANT, F_DATE]


@pytest.fixture
def rich() -> Result:
    return make_result(list(RICH))


def render(fmt: str, result: Result) -> str:
    out = reports.get(fmt)(result)
    return out.decode() if isinstance(out, bytes) else out


def golden(name: str, got: str) -> None:
    """Compare with a reviewed golden file; CLAIMCHECK_UPDATE_GOLDEN=1 rewrites it for review."""
    path = GOLDEN / name
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="")
    assert got == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def flat(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- registry and determinism


def test_every_format_is_declared_once_and_lazy() -> None:
    declared = [(f.command, f.name) for f in reports.FORMATS]
    assert len(declared) == len(set(declared))  # once each
    assert reports.names("check") == FORMATS  # the default first
    assert {f.command for f in reports.FORMATS} == {"check", "report", "claims"}
    code = (
        "import sys, claimcheck.reports; print(sorted(m for m in sys.modules if 'reports.' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"  # no formatter module is imported until asked for
    for f in reports.FORMATS:
        assert callable(reports.renderer(f.name, f.command)), f
    assert [f.name for f in reports.FORMATS if f.quotes_claims] == ["html", "claimreview"]


def _help(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with contextlib.suppress(SystemExit):  # argparse exits after printing the help
        main([command, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", reports.FORMATS, ids=lambda f: f"{f.command}-{f.name}")
def test_every_declared_format_renders_and_is_documented(
    fmt: reports.Format, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The meta-test of the one registry: each format of each command renders the seeds through
    its command, is a --format choice in that command's --help, and is in the README."""
    monkeypatch.chdir(REPO_ROOT)
    code = main([fmt.command, "seeds", "--format", fmt.name])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert out.strip() and "Traceback" not in err
    choices = re.search(r"--format \{([^}]*)\}", _help(fmt.command, capsys))
    assert choices is not None and fmt.name in choices.group(1).split(",")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    if fmt.command == "check":  # the table of output formats
        assert f"| `{fmt.name}`" in readme
    else:  # one line per command
        line = next(x for x in readme.splitlines() if f"`claimcheck {fmt.command}` formats" in x)
        assert f"`{fmt.name}`" in line


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes_in_any_order(fmt: str) -> None:
    first = render(fmt, make_result(list(RICH)))
    assert render(fmt, make_result(list(RICH))) == first
    assert render(fmt, make_result(list(reversed(RICH)))) == first
    assert render(fmt, make_result(list(SORTED))) == first
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_ties_on_place_rule_and_message_are_ordered_by_content(fmt: str) -> None:
    a = Finding("term-wrong-year", "term", "error", "x.md", 1, 1, 1, 5, "same", fix="A")
    b = Finding("term-wrong-year", "term", "error", "x.md", 1, 1, 1, 9, "same", fix="B")
    assert render(fmt, make_result([a, b])) == render(fmt, make_result([b, a]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_zero_findings(fmt: str) -> None:
    out = render(fmt, make_result([]))
    if fmt == "concise":  # a line per finding and nothing else
        assert out == ""
        return
    assert out.endswith("\n")
    if fmt == "text":
        assert out == "3 documents, 3 claims: 0 errors, 0 warnings, 0 info\n"
    elif fmt == "github":
        assert out == "claimcheck: 3 documents, 3 claims: 0 errors, 0 warnings, 0 info\n"
    elif fmt == "markdown":
        assert "No findings." in out
    elif fmt == "json":
        assert json.loads(out) == {"version": 1, "documents": 3, "claims": 3, "findings": []}
    elif fmt == "html":
        assert "0 errors" in flat(out) and "<svg" not in out
    elif fmt in ("claimreview", "gitlab"):
        assert json.loads(out) == []
    else:
        assert json.loads(out)["runs"][0]["results"] == []


# ---------------------------------------------------------------- json


def _contract_example() -> dict[str, Any]:
    design = (SHARED / "design.md").read_text(encoding="utf-8")
    block = design.split("## Output contract", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    data: dict[str, Any] = json.loads(block)
    return data


def test_json_reproduces_the_contract_example_key_by_key() -> None:
    example = _contract_example()
    ef = example["findings"][0]
    rel = ef["related"][0]
    finding = Finding(
        ef["rule"],
        ef["category"],
        ef["severity"],
        ef["path"],
        ef["line"],
        ef["column"],
        ef["end_line"],
        ef["end_column"],
        ef["message"],
        (Related(rel["path"], rel["line"], rel["column"], rel["message"]),),
        ef["fix"]["replacement"],
    )
    result = make_result([finding], docs=3, n_claims=example["claims"])
    result.documents = [Document(f"d{i}.md", "x\n") for i in range(example["documents"])]
    got = json.loads(render("json", result))
    assert list(got) == list(example) == ["version", "documents", "claims", "findings"]
    # the contract's keys in its order, then the fingerprint (added in 0.2) last
    assert got["findings"][0].pop("fingerprint") == finding.fingerprint
    assert got == example
    assert list(got["findings"][0]) == list(ef)
    assert list(got["findings"][0]["related"][0]) == list(rel)


def test_json_shape_of_every_finding(rich: Result) -> None:
    got = json.loads(render("json", rich))
    assert (got["version"], got["documents"], got["claims"]) == (1, 3, 3)
    keys = [
        "rule",
        "category",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "related",
    ]
    assert len(got["findings"]) == len(SORTED)
    for f, j in zip(SORTED, got["findings"], strict=True):
        assert list(j) == [*keys, *(["fix"] if f.fix is not None else []), "fingerprint"]
        assert j["fingerprint"] == f.fingerprint
        assert [j[k] for k in keys[:9]] == [
            f.rule,
            f.category,
            f.severity,
            f.path,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.message,
        ]
        assert j["related"] == [
            {"path": r.path, "line": r.line, "column": r.column, "message": r.message}
            for r in f.related
        ]
        if f.fix is not None:
            assert j["fix"] == {"replacement": f.fix}


def test_json_related_present_even_when_empty(rich: Result) -> None:
    got = json.loads(render("json", rich))
    date = next(j for j in got["findings"] if j["rule"] == "document-date-inferred")
    assert date["related"] == []
    assert "fix" not in date


def test_json_golden(rich: Result) -> None:
    golden("rich.json", render("json", rich))


# ---------------------------------------------------------------- text


def test_text_golden(rich: Result) -> None:
    golden("rich.txt", render("text", rich))


def test_text_groups_by_file_and_sorts_by_line(rich: Result) -> None:
    out = render("text", rich).splitlines()
    headers = [line for line in out if line in ("news/a.md", "news/b.md", "notes/c.txt")]
    assert headers == ["news/a.md", "news/b.md", "notes/c.txt"]
    rows = [line.split()[0] for line in out if re.match(r"  \d+:\d+ ", line)]
    assert rows == ["12:5", "2:1", "4:10", "1:1"]  # by file, then by line within a file
    for f in SORTED:
        row = next(line for line in out if line.startswith(f"  {f.line}:{f.column} "))
        assert row.split()[1:3] == [f.severity, f.rule]
    assert flat(F_VARIANT.message) in flat("\n".join(out))


def test_text_evidence_and_fix_on_their_own_lines(rich: Result) -> None:
    out = render("text", rich)
    lines = out.splitlines()
    evidence = [line for line in lines if line.lstrip().startswith("evidence ")]
    assert len(evidence) == sum(len(f.related) for f in RICH)
    for f in RICH:
        for r in f.related:
            assert flat(f"evidence {r.path}:{r.line} {r.message}") in flat(out)
    fixes = [line for line in lines if line.lstrip().startswith("fix ")]
    assert [flat(x) for x in fixes] == ["fix replace with 'Extensive Strategic Partnership'"]
    # Evidence and fix sit under their own finding's row, after its message, before the next.
    start = next(i for i, line in enumerate(lines) if line.startswith("  4:10 "))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    block = [line.split()[0] for line in lines[start + 1 : end] if line[14:15].strip()]
    assert block == ["evidence", "evidence", "fix"]


def test_text_fits_100_columns_except_unbreakable_words(rich: Result) -> None:
    for line in render("text", rich).splitlines():
        assert len(line) <= text.WIDTH or " " not in line.strip(), line


def test_text_one_row_per_finding_even_with_newlines_and_controls() -> None:
    f = Finding("term-wrong-year", "term", "error", "x.md", 3, 1, 3, 2, "a\nb\x1b[31mred\x00")
    out = render("text", make_result([f]))
    assert "\x1b" not in out and "\x00" not in out
    assert "a b\ufffd[31mred\ufffd" in out


def test_text_summary_counts_by_severity(rich: Result) -> None:
    last = render("text", rich).splitlines()[-1]
    assert last == "3 documents, 3 claims: 2 errors, 1 warning, 1 info"


def test_text_cuts_a_huge_message_explicitly() -> None:
    f = Finding("term-wrong-year", "term", "error", "x.md", 1, 1, 1, 2, "9," * 50_000)
    out = render("text", make_result([f]))
    assert "… [99000 more characters]" in out
    assert len(out) < 5000


# ---------------------------------------------------------------- markdown


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_golden(rich: Result) -> None:
    golden("rich.md", render("markdown", rich))


def test_markdown_summary_first_then_files(rich: Result) -> None:
    out = render("markdown", rich)
    summary = out.index("3 documents, 3 claims: 2 errors, 1 warning, 1 info")
    headings = [m.start() for m in re.finditer(r"^### ", out, re.M)]
    assert headings and summary < headings[0]
    files = re.findall(r"^### <code>(.*)</code>$", out, re.M)
    assert files == ["news/a.md", "news/b.md", "notes/c.txt"]
    locations = re.findall(r"^\| <code>([^<]*)</code> \|", out, re.M)
    assert locations == [f"{f.path}:{f.line}" for f in SORTED]


def test_markdown_escapes_text_so_the_table_holds(rich: Result) -> None:
    out = render("markdown", rich)
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 3 * 2 + len(SORTED)  # a header and a delimiter row per file
    for row in rows:
        assert _unescaped_pipes(row) == 5, row  # four cells, whatever the message holds
    tags = set(re.findall(r"</?([a-zA-Z]+)", out))
    assert tags <= {"code", "details", "summary", "br", "b"}
    row = next(r for r in rows if "x-test-contradiction" in r)
    assert "&lt;b&gt;19.5&lt;/b&gt;" in row
    assert r"\*billion\*" in row and r"\`x\`" in row and r"\[y\](z)" in row
    assert r"\| not" in row and "&amp; 50%" in row and r"off\_by\_one" in row
    assert r"US\$47.6" in row  # GitHub reads $...$ as math
    assert r"US\$47.6" in row  # GitHub reads $...$ as math
    assert "second line" in row  # the newline became a space, not a broken row


def test_markdown_folds_evidence_and_fix(rich: Result) -> None:
    out = render("markdown", rich)
    row = next(r for r in out.splitlines() if "<code>news/b.md:4</code>" in r)
    details = row[row.index("<details>") :]
    assert details.startswith("<details><summary>evidence (2) and fix</summary>")
    assert "<code>rules/terms.yaml:9</code> source: https://example.org/a-very-long/" in details
    assert "<code>rules/terms.yaml:14</code> rule entry" in details
    assert "<b>Fix:</b> replace with 'Extensive Strategic Partnership'" in details
    date = next(r for r in out.splitlines() if "<code>notes/c.txt:1</code>" in r)
    assert "<details>" not in date  # nothing to fold


def test_markdown_stays_under_the_comment_limit_and_says_how_many_are_left() -> None:
    many = [
        Finding(
            "term-wrong-year",
            "term",
            "error",
            f"news/{i % 7}.md",
            i + 1,
            1,
            i + 1,
            5,
            f"finding {i:04d} 🙂 " + "long words " * 80,
            (Related(TERMS, 9, 5, LONG_SOURCE),),
        )
        for i in range(400)
    ]
    out = render("markdown", make_result(many))
    assert markdown.size(out) <= markdown.LIMIT
    shown = re.findall(r"finding (\d{4}) ", out)
    m = re.search(r"… and (\d+) more findings not shown", out)
    assert m is not None
    assert len(shown) + int(m.group(1)) == len(many)
    # The first findings in report order are the ones shown.
    expected = sorted(many, key=lambda f: (f.path, f.line))[: len(shown)]
    assert shown == [f.message[8:12] for f in expected]
    assert len(shown) > 20


def test_markdown_says_nothing_about_truncation_when_all_fit(rich: Result) -> None:
    assert "not shown" not in render("markdown", rich)


# ---------------------------------------------------------------- sarif


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads((SHARED / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate(validator: Any, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_schema_check_can_fail(sarif_validator: Any, rich: Result) -> None:
    log = json.loads(render("sarif", rich))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)


@pytest.mark.parametrize("findings", [RICH, []], ids=["related-and-fixes", "zero-findings"])
def test_sarif_validates(sarif_validator: Any, findings: list[Finding]) -> None:
    _validate(sarif_validator, json.loads(render("sarif", make_result(list(findings)))))


def test_sarif_driver_and_rules(rich: Result) -> None:
    log = json.loads(render("sarif", rich))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("claimcheck", claimcheck.__version__)
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids)
    checks.load_engines()
    assert set(ids) == {*checks.RULES, "x-test-contradiction"}
    for r in driver["rules"]:
        rule = checks.RULES.get(r["id"])
        if rule is not None:
            assert r["shortDescription"]["text"] == rule.summary
            level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
            assert r["defaultConfiguration"]["level"] == level


def test_sarif_results(rich: Result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)  # the repository root: paths from here are the findings'
    run = json.loads(render("sarif", rich))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(SORTED)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for f, res in zip(SORTED, run["results"], strict=True):
        assert res["ruleId"] == f.rule == rules[res["ruleIndex"]]["id"]
        assert res["level"] == levels[f.severity]
        assert res["message"]["text"] == f.message
        (loc,) = res["locations"]
        assert loc["physicalLocation"]["artifactLocation"] == {
            "uri": f.path,
            "uriBaseId": sarif.SRCROOT,
        }
        assert loc["physicalLocation"]["region"] == {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
        }
        assert res["partialFingerprints"] == {sarif.FINGERPRINT: f.fingerprint}
        related = res.get("relatedLocations", [])
        assert [
            (
                r["id"],
                r["physicalLocation"]["artifactLocation"]["uri"],
                r["physicalLocation"]["region"]["startLine"],
                r["physicalLocation"]["region"]["startColumn"],
                r["message"]["text"],
            )
            for r in related
        ] == [(i, r.path, r.line, r.column, r.message) for i, r in enumerate(f.related, 1)]
        if f.fix is None:
            assert "fixes" not in res
        else:
            (fix,) = res["fixes"]
            (change,) = fix["artifactChanges"]
            assert change["artifactLocation"] == loc["physicalLocation"]["artifactLocation"]
            (rep,) = change["replacements"]
            assert rep["deletedRegion"] == loc["physicalLocation"]["region"]
            assert rep["insertedContent"] == {"text": f.fix}


def test_sarif_uris() -> None:
    assert sarif.uri("news\\2024\\a b.md") == "news/2024/a%20b.md"
    assert sarif.uri("./seeds/x.txt") == "seeds/x.txt"
    assert sarif.uri("/srv/news/a.md") == "file:///srv/news/a.md"
    assert sarif.uri("C:\\news\\a.md") == "file:///C:/news/a.md"
    assert sarif.uri("<rulebook>") == "%3Crulebook%3E"


# ---------------------------------------------------------------- github


def _unescape(s: str) -> str:
    return (
        s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    m = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
    assert m is not None, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


def test_github_one_command_per_finding(rich: Result) -> None:
    lines = render("github", rich).splitlines()
    assert len(lines) == len(SORTED) + 1
    assert lines[-1] == "claimcheck: 3 documents, 3 claims: 2 errors, 1 warning, 1 info"
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for f, line in zip(SORTED, lines, strict=False):
        kind, props, message = _parse_command(line)
        assert kind == kinds[f.severity]
        assert props["file"] == f.path and props["title"] == f.rule
        assert (props["line"], props["endLine"]) == (str(f.line), str(f.end_line))
        if f.line == f.end_line:
            assert (props["col"], props["endColumn"]) == (str(f.column), str(f.end_column))
        else:
            assert "col" not in props and "endColumn" not in props
        body = message.split("\n")
        assert body[0] == f.message.split("\n")[0]
        for r in f.related:
            assert f"evidence: {r.path}:{r.line} {r.message}" in body
        assert ("fix: replace with 'Extensive Strategic Partnership'" in body) == (
            f.fix is not None
        )


def test_github_escapes_data_and_properties() -> None:
    f = Finding(
        "term-wrong-year", "term", "warning", "odd,name:x.md", 1, 1, 1, 2, "100% a\r\nb:c,d"
    )
    line = render("github", make_result([f])).splitlines()[0]
    assert line == (
        "::warning file=odd%2Cname%3Ax.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=term-wrong-year::100%25 a%0D%0Ab:c,d"
    )


# ---------------------------------------------------------------- end to end on the seeds


@pytest.fixture
def seeds_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    monkeypatch.chdir(REPO_ROOT)

    def run(fmt: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["check", "seeds", "--format", fmt])
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "internal error" not in err, err
        return code, out

    return run


@pytest.fixture
def seeds_json(seeds_run: Any) -> dict[str, Any]:
    code, out = seeds_run("json")
    assert code == 1
    data: dict[str, Any] = json.loads(out)
    return data


def _seed_counts(data: dict[str, Any]) -> str:
    n = {s: sum(f["severity"] == s for f in data["findings"]) for s in ("error", "warning")}
    info = sum(f["severity"] == "info" for f in data["findings"])

    def p(k: int, w: str) -> str:
        return f"{k} {w}" + ("" if k == 1 else "s")

    return (
        f"{p(data['documents'], 'document')}, {p(data['claims'], 'claim')}: "
        f"{p(n['error'], 'error')}, {p(n['warning'], 'warning')}, {info} info"
    )


def test_seeds_json(seeds_json: dict[str, Any]) -> None:
    assert seeds_json["documents"] == 5
    terms = [
        (f["path"], f["line"]) for f in seeds_json["findings"] if f["rule"] == "term-wrong-variant"
    ]
    assert (SEED, 3) in terms and (SEED, 15) in terms


@pytest.mark.parametrize("fmt", ["text", "markdown", "github"])
def test_seeds_human_formats_agree_with_json(
    fmt: str, seeds_run: Any, seeds_json: dict[str, Any]
) -> None:
    code, out = seeds_run(fmt)
    assert code == 1
    assert _seed_counts(seeds_json) in out
    for f in seeds_json["findings"]:
        assert f["rule"] in out
        assert {
            "text": f"\n  {f['line']}:{f['column']} ",
            "markdown": f"| {markdown.code(f['path'] + ':' + str(f['line']))} |",
            "github": f"file={f['path']},line={f['line']},",
        }[fmt] in out
    if fmt == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert len(commands) == len(seeds_json["findings"])
        assert any(f"file={SEED},line=3," in c for c in commands)


def test_seeds_sarif(seeds_run: Any, seeds_json: dict[str, Any], sarif_validator: Any) -> None:
    code, out = seeds_run("sarif")
    assert code == 1
    log = json.loads(out)
    _validate(sarif_validator, log)
    results = log["runs"][0]["results"]
    assert [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    ] == [(f["rule"], f["path"], f["line"]) for f in seeds_json["findings"]]
    variant = next(r for r in results if r["ruleId"] == "term-wrong-variant")
    assert variant["relatedLocations"] and variant["fixes"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seeds_twice_same_bytes(fmt: str, seeds_run: Any) -> None:
    assert seeds_run(fmt) == seeds_run(fmt)


@pytest.mark.parametrize("n", [0, 1, len(RICH)])
def test_json_is_the_standard_indented_encoding(n: int) -> None:
    """Written a finding at a time, the JSON report is byte for byte `json.dumps(indent=2)`."""
    from claimcheck.reports.common import ordered

    result = make_result(list(RICH)[:n])
    data = {
        "version": 1,
        "documents": len(result.documents),
        "claims": result.claim_count,
        "findings": [
            {**f.to_json(), "fingerprint": f.fingerprint} for f in ordered(result.findings)
        ],
    }
    assert render("json", result) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# JSON data as the reports hold it: no floats (json_bytes's contract), any text, any integer
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_JSON, st.booleans())
def test_json_bytes_are_the_standard_indented_encoding(value: object, sort_keys: bool) -> None:
    from claimcheck.reports.common import json_bytes

    standard = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"
    assert json_bytes(value, sort_keys) == standard.encode()


@pytest.mark.parametrize("odd", ["bad\udcffname.md", 2**70, -(2**64), "\x00\x1f\x7f\u2028"])
def test_json_bytes_write_what_orjson_refuses(odd: object) -> None:
    """A lone surrogate (an undecodable file name), integers past 64 bits, control characters."""
    from claimcheck.reports.common import json_bytes

    data = {"path": odd, "related": [{"line": 1}, odd]}
    standard = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert json_bytes(data) == standard.encode("utf-8", "surrogateescape")


# The text report lays out its table and wraps its messages itself (tabulate and textwrap cost
# most of a large report's time); these keep it byte for byte what the two libraries give.
_WORDS = st.sampled_from(
    [
        "a",
        "bb",
        "word",
        "x-y",
        "2012-12-26",
        "https://ex.com/a-b/c",
        "--",
        "é",
        "\u00a0",
        "",
        "-",
        "supercalifragilistic",
        "Đà",
        "(source:",
        "a\tb",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(_WORDS, max_size=25),
    sep=st.sampled_from([" ", "  "]),
    width=st.integers(8, 70),
    indents=st.tuples(st.integers(0, 6), st.integers(0, 6)),
    hyphens=st.booleans(),
    long_words=st.booleans(),
)
def test_text_wrap_is_textwraps(
    words: list[str],
    sep: str,
    width: int,
    indents: tuple[int, int],
    hyphens: bool,
    long_words: bool,
) -> None:
    first, rest = (" " * n for n in indents)
    message = sep.join(words)
    assert text._wrap(message, width, first, rest, hyphens, long_words) == textwrap.wrap(
        message,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=hyphens,
        break_long_words=long_words,
    )


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.tuples(st.integers(1, 999_999), st.integers(1, 9999)).map("{0[0]}:{0[1]}".format),
            st.sampled_from(["error", "warning", "info"]),
            st.from_regex(r"[a-z]{1,12}(-[a-z]{1,12}){0,4}", fullmatch=True),
            st.lists(
                st.sampled_from(["is", "not", "the", "official", "name", "2014-03-18"]),
                min_size=1,
                max_size=40,
            ).map(" ".join),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_text_table_is_tabulates_simple_layout(rows: list[tuple[str, str, str, str]]) -> None:
    found = [
        Finding(rule, "term", sev, "a.md", int(lc.split(":")[0]), int(lc.split(":")[1]), 1, 1, msg)
        for lc, sev, rule, msg in rows
    ]
    table = text._table(found, text.WIDTH, colour=False)
    starts = [
        i for i, ch in enumerate(table[1]) if ch == "-" and (i == 0 or table[1][i - 1] == " ")
    ]
    room = max(text.MIN_MESSAGE, text.WIDTH - len(text.INDENT) - starts[3])
    wrapped = [text._wrap(f.message, room) for f in found]
    cells = [(*r[:3], "\n".join(m)) for r, m in zip(rows, wrapped, strict=True)]
    expected = tabulate(cells, headers=text.HEADERS, tablefmt="simple", disable_numparse=True)
    assert table == [line.rstrip() for line in expected.splitlines()]
