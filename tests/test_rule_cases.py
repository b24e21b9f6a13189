"""Rule cases, one file per rule id (as sqlfluff keeps its rule cases): tests/rules/<rule-id>.yml.

Each file says which rule it tests, a small rulebook of its own (the rule-file format of
docs/rules.md) and named cases. A case is one article (or, for the corpus rules, several) that
must stay silent (`pass`), must give the rule (`fail`: with the `line`s of the text written and a
`message` fragment where useful) or, after `claimcheck check --fix`, must read as `fix`. Every
case runs through the command line, `main(["check", ...])`, in a folder of its own:

    rule: term-wrong-variant
    date: 2015-09-15            # the publication date of every article (front matter)
    rulebook: |                 # written to rules/book.yaml
      terms: [...]
    cases:
      pass_the_official_name:
        pass: Vietnam and Japan upgraded their ties to the ... in 2014.
      fail_a_known_wrong_form:
        fail: Vietnam and Japan upgraded their ties to an exclusive ... in 2014.
        line: 1
        message: is not the official name
        fix: Vietnam and Japan upgraded their ties to an Extensive ... in 2014.
      fail_in_the_second_of_two_articles:
        articles:               # the articles of one corpus, checked together
          - pass: ...
          - fail: ...
            date: 2016-01-01

An article's keys: `pass` or `fail` (its text: the body after the front matter the case writes,
or with `raw: true` the whole file, as bytes in `encoding`), `date`, `name` (the file under
news/, default a1.md, a2.md ...), `link` (the file is a symbolic link to that path instead),
`files` (other files beside it: a manifest), `line` and `message` (fail only) and `fix`. A
case may override `date` and `rulebook` of its file. The meta-tests at the end keep the files
and the registry of rules in step.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT
from ruamel.yaml import YAML, YAMLError

from claimcheck import checks
from claimcheck.cli import main

CASES_DIR = REPO_ROOT / "tests" / "rules"
FRONT = "---\ndate: {date}\n---\n"
FILE_KEYS = {"rule", "date", "rulebook", "cases"}
CASE_KEYS = {"date", "rulebook", "articles"}
ARTICLE_KEYS = {
    *("pass", "fail", "date", "name", "raw", "encoding", "link", "files"),
    *("line", "message", "fix"),
}


@dataclass
class Article:
    """One file of a case, and what the case expects of the rule on it."""

    name: str
    text: str | None  # None: a link
    fails: bool
    date: str | None = None
    raw: bool = False
    encoding: str = "utf-8"
    link: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    lines: list[int] | None = None
    message: str | None = None
    fix: str | None = None

    @property
    def head(self) -> str:
        """What the runner writes before the text: front matter with the date, or nothing."""
        return "" if self.raw or self.date is None else FRONT.format(date=self.date)

    @property
    def offset(self) -> int:
        """Lines before the text's first line in the file (findings are reported in the file)."""
        return self.head.count("\n")


@dataclass
class Case:
    rule: str
    name: str
    rulebook: str
    articles: list[Article]


def _load(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _strings(value: Any) -> str | None:
    """A YAML scalar as the text it was written as (a date is read as a date)."""
    return None if value is None else str(value)


def _article(raw: dict[str, Any], index: int, date: str | None, where: str) -> Article:
    unknown = set(raw) - ARTICLE_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    kinds = [k for k in ("pass", "fail") if k in raw]
    assert len(kinds) == 1, f"{where}: give one of pass or fail"
    fails = kinds[0] == "fail"
    line = raw.get("line")
    assert fails or not {"line", "message", "fix"} & set(raw), f"{where}: a pass case expects none"
    text = _strings(raw[kinds[0]])
    assert (text is None) == ("link" in raw), f"{where}: a text, or a link and no text"
    art = Article(
        name=str(raw.get("name", f"a{index + 1}.md")),
        text=text,
        fails=fails,
        date=_strings(raw.get("date", date)),
        raw=bool(raw.get("raw", False)),
        encoding=str(raw.get("encoding", "utf-8")),
        link=_strings(raw.get("link")),
        files={str(k): str(v) for k, v in (raw.get("files") or {}).items()},
        lines=None if line is None else [line] if isinstance(line, int) else list(line),
        message=_strings(raw.get("message")),
        fix=_strings(raw.get("fix")),
    )
    assert art.raw or art.link or art.date, f"{where}: no date (give date, or raw: true)"
    return art


def _case(rule: str, name: str, raw: dict[str, Any], top: dict[str, Any], where: str) -> Case:
    assert isinstance(raw, dict), f"{where}: a case is a mapping"
    date = _strings(raw.get("date", top.get("date")))
    if "articles" in raw:
        unknown = set(raw) - CASE_KEYS
        assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
        items = raw["articles"]
        assert isinstance(items, list) and len(items) >= 2, f"{where}: articles: two or more"
    else:
        items = [{k: v for k, v in raw.items() if k != "rulebook"}]
    articles = [_article(item, i, date, f"{where}[{i}]") for i, item in enumerate(items)]
    names = [a.name for a in articles]
    assert len(set(names)) == len(names), f"{where}: two articles named alike"
    return Case(rule, name, str(raw.get("rulebook", top.get("rulebook", ""))), articles)


def read_cases(path: Path) -> list[Case]:
    """The cases of one file; an AssertionError names what is wrong with the file."""
    top = _load(path)
    unknown = set(top) - FILE_KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    rule = str(top.get("rule", ""))
    cases = top.get("cases") or {}
    assert isinstance(cases, dict), f"{path.name}: cases is a mapping of names to cases"
    return [_case(rule, str(name), raw, top, f"{path.name}:{name}") for name, raw in cases.items()]


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yml"))


def _params() -> Iterator[Any]:
    for path in case_files():
        try:
            cases = read_cases(path)
        except (AssertionError, YAMLError) as exc:  # the file's own test says what is wrong
            yield pytest.param(None, f"{path.name}: {exc}", id=path.stem)
            continue
        for case in cases:
            yield pytest.param(case, "", id=f"{case.rule}:{case.name}")


# --- running a case ----------------------------------------------------------------------------


def write_case(root: Path, case: Case) -> None:
    """The case's rulebook, a config naming it, and its articles under news/."""
    (root / "rules").mkdir()
    (root / "rules" / "book.yaml").write_text(case.rulebook or "{}\n", encoding="utf-8")
    (root / ".claimcheck.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    news = root / "news"
    news.mkdir()
    for art in case.articles:
        path = news / art.name
        path.parent.mkdir(parents=True, exist_ok=True)
        for name, text in art.files.items():
            (path.parent / name).write_text(text, encoding="utf-8")
        if art.link is not None:
            path.symlink_to(art.link)
        else:
            path.write_bytes((art.head + (art.text or "")).encode(art.encoding))


def _check(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    """`claimcheck check news --format json`: the findings; never a traceback, never exit 2."""
    capsys.readouterr()
    code = main(["check", "news", "--format", "json", "--no-cache", "--jobs", "1", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1), f"exit {code}: {err}"
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def _of(findings: list[dict[str, Any]], rule: str, art: Article) -> list[dict[str, Any]]:
    return [f for f in findings if f["rule"] == rule and f["path"] == f"news/{art.name}"]


def _expect(case: Case, art: Article, found: list[dict[str, Any]]) -> None:
    shown = [f"line {f['line'] - art.offset}: {f['message']}" for f in found]
    if not art.fails:
        assert not found, f"{art.name} must not give {case.rule}, gave {shown}"
        return
    assert found, f"{art.name} must give {case.rule}, gave none"
    if art.lines is not None:
        lines = sorted(f["line"] - art.offset for f in found)
        assert lines == sorted(art.lines), f"{case.rule} on lines {lines} of {art.name}: {shown}"
    if art.message is not None:
        assert any(art.message in f["message"] for f in found), f"no {art.message!r} in {shown}"


def _fixed(root: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """--fix writes each article's `fix`, and what is left no longer gives the rule there."""
    left = _check(capsys, "--fix")
    for art in case.articles:
        if art.fix is None:
            continue
        written = (root / "news" / art.name).read_text(encoding=art.encoding)
        assert written.startswith(art.head), f"--fix changed the front matter of {art.name}"
        assert written[len(art.head) :].rstrip("\n") == art.fix.rstrip("\n")
        assert not _of(left, case.rule, art), f"{case.rule} still given after --fix"


@pytest.mark.parametrize(("case", "problem"), list(_params()))
def test_rule_case(
    case: Case | None,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if case is None:
        pytest.fail(problem)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)
    write_case(tmp_path, case)
    findings = _check(capsys)
    for art in case.articles:
        _expect(case, art, _of(findings, case.rule, art))
    if any(art.fix is not None for art in case.articles):
        _fixed(tmp_path, case, capsys)


# --- meta-tests: the case files and the registry of rules ---------------------------------------


def _registered() -> dict[str, checks.Rule]:
    checks.load_engines()
    return dict(checks.RULES)


@pytest.mark.parametrize("rule", sorted(_registered()))
def test_every_rule_has_a_case_file(rule: str) -> None:
    path = CASES_DIR / f"{rule}.yml"
    assert path.is_file(), f"rule {rule} has no cases: write {path.relative_to(REPO_ROOT)}"


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_every_case_file_names_its_registered_rule(path: Path) -> None:
    rule = _load(path).get("rule")
    assert rule, f"{path.name} names no rule (`rule: <rule-id>`)"
    assert rule == path.stem, f"{path.name} names rule {rule}: the file is named for its rule"
    assert rule in _registered(), f"{path.name}: no check registers rule {rule}"


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_every_case_file_has_pass_fail_and_fix_cases(path: Path) -> None:
    """Both ways, as a rule's examples are; a fix case exactly where the rule can fix."""
    cases = read_cases(path)
    articles = [a for c in cases for a in c.articles]
    assert any(not a.fails for a in articles), f"{path.name}: no pass case"
    assert any(a.fails for a in articles), f"{path.name}: no fail case"
    rule = _registered().get(path.stem)
    fixes = any(a.fix is not None for a in articles)
    if rule is not None:
        assert fixes == rule.fixable, (
            f"{path.name}: {'a' if rule.fixable else 'no'} fix case expected: the rule is "
            f"{'' if rule.fixable else 'not '}fixable"
        )


def test_the_cases_are_found() -> None:
    """The parametrized test sees the folder (an empty glob would pass vacuously)."""
    assert CASES_DIR.is_dir()
    assert len(case_files()) >= len(_registered())
    assert os.path.samefile(CASES_DIR.parent, Path(__file__).parent)
