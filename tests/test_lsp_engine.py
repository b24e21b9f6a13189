"""The language server's checker, in-process: the text an editor holds gets exactly the findings
`claimcheck check` gives the same text saved, the corpus it keeps follows the files, and the
claim cache it fills serves a later hook run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import RIGHT, TEST_RULES, WRONG, article
from test_lsp import CORPUS_FIGURE, FIGURES, NEW_FIGURE

from claimcheck.cli import main
from claimcheck.lsp.engine import Checker
from claimcheck.run import store


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom with two rule files and a corpus of three articles; the working directory is
    elsewhere, as a server's may be."""
    root = tmp_path / "desk"
    (root / "rules").mkdir(parents=True)
    (root / "rules" / "terms.yaml").write_text(TEST_RULES, encoding="utf-8")
    (root / "rules" / "figures.yaml").write_text(FIGURES, encoding="utf-8")
    (root / "archive").mkdir()
    for i, body in enumerate((CORPUS_FIGURE, RIGHT, CORPUS_FIGURE.replace("2016", "2015"))):
        (root / "archive" / f"a{i}.md").write_text(article(body, f"2020-02-0{i + 1}"), "utf-8")
    (root / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['archive/*.md']\nseverity: {term-wrong-variant: warning}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(store, "RACY_NS", -(10**12))  # trust files written a moment ago
    monkeypatch.chdir(tmp_path)
    return root


def _cli(root: Path, rel: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    here = os.getcwd()
    os.chdir(root)
    try:
        capsys.readouterr()
        main(["check", rel, "--format", "json"])
        findings: list[dict[str, object]] = json.loads(capsys.readouterr().out)["findings"]
        return findings
    finally:
        os.chdir(here)


@pytest.mark.parametrize(
    "body",
    [
        f"{WRONG}\n{NEW_FIGURE}",
        f"<!-- claimcheck-disable-next-line term-wrong-variant -->\n{WRONG}\n{NEW_FIGURE}",
        f"<!-- claimcheck-disable-next-line no-such-rule -->\n{RIGHT}",
        "---\ndate: [2015\n---\n" + WRONG,
    ],
    ids=["findings", "suppressed", "unknown-rule-comment", "broken-front-matter"],
)
def test_the_editor_s_text_gets_what_check_gives_the_saved_file(
    desk: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    text = body if body.startswith("---") else article(body, "2021-01-01")
    path = desk / "drafts" / "new.md"
    path.parent.mkdir()
    outcome = Checker().check(str(path), text)
    assert outcome.root == str(desk) and not outcome.blocked
    path.write_text(text, encoding="utf-8")
    want = _cli(desk, "drafts/new.md", capsys)
    assert want  # every case has something to report
    mine = [f.to_json() for f in outcome.findings]
    # (a report may add keys of its own to each finding)
    assert [{k: w.get(k) for k in m} for m, w in zip(mine, want, strict=False)] == mine
    assert len(mine) == len(want)


def test_the_corpus_kept_between_checks_follows_the_files(desk: Path) -> None:
    checker = Checker()
    draft = str(desk / "new.md")
    text = article(NEW_FIGURE, "2021-01-01")
    assert [f.rule for f in checker.check(draft, text).findings] == ["quantity-contradicts-article"]
    (desk / "archive" / "a0.md").unlink()
    assert checker.check(draft, text).findings == []
    a3 = desk / "archive" / "a3.md"
    a3.write_text(article(CORPUS_FIGURE, "2020-03-01"), "utf-8")
    found = checker.check(draft, text).findings
    assert [r.path for f in found for r in f.related] == ["archive/a3.md"]
    a3.write_text(article(NEW_FIGURE, "2020-03-01"), "utf-8")
    os.utime(a3, ns=(1, 1))  # a status of its own, however coarse the clock
    assert checker.check(draft, text).findings == []


def test_a_corpus_read_by_the_server_serves_a_later_hook_run(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server stores each corpus file with its join keys, which a hook run that trusts the
    stat index reads instead of the files: leaving them out would hide the contradiction."""
    text = article(NEW_FIGURE, "2021-01-01")
    Checker().check(str(desk / "new.md"), text)
    (desk / "new.md").write_text(text, encoding="utf-8")
    found = _cli(desk, "new.md", capsys)
    assert [(f["rule"], f["related"]) for f in found] == [
        (
            "quantity-contradicts-article",
            [
                {
                    "path": "archive/a0.md",
                    "line": 4,
                    "column": 24,
                    "message": "2020-02-01: 'US$5 billion' (4.5 billion to 6 billion USD)",
                }
            ],
        )
    ]


def test_an_article_without_a_configuration_or_left_out_by_it_is_not_checked(
    desk: Path, tmp_path: Path
) -> None:
    (desk / ".claimcheck.yaml").write_text(
        "rules: [rules]\nexclude: [drafts/*]\n", encoding="utf-8"
    )
    checker = Checker()
    for path in (desk / "drafts" / "x.md", desk / "notes.rst"):
        outcome = checker.check(str(path), article(WRONG))
        assert outcome.findings == [] and outcome.note and not outcome.blocked
    assert Checker().check(str(desk / "x.md"), article(WRONG)).findings
    elsewhere = tmp_path / "elsewhere" / "x.md"
    outcome = checker.check(str(elsewhere), article(WRONG))
    assert outcome.findings == [] and ".claimcheck.yaml" in outcome.note


def test_a_changed_manifest_reads_its_corpus_texts_again(desk: Path) -> None:
    """A manifest decides how the .txt files beside it read (their dates): the corpus kept by
    the server follows it as a new run would."""
    (desk / ".claimcheck.yaml").write_text(
        "rules: [rules]\ncorpus: ['texts/*.txt']\n", encoding="utf-8"
    )
    (desk / "texts").mkdir()
    (desk / "texts" / "old.txt").write_text(CORPUS_FIGURE + "\n", encoding="utf-8")
    manifest = desk / "texts" / "claimcheck-manifest.yaml"
    manifest.write_text("old.txt:\n  date: 2020-02-01\n", encoding="utf-8")
    checker = Checker()
    draft, text = str(desk / "new.md"), article(NEW_FIGURE, "2021-01-01")

    def dates() -> list[str]:
        found = checker.check(draft, text).findings
        return [r.message.split(":")[0] for f in found for r in f.related]

    assert dates() == ["2020-02-01"]
    manifest.write_text("old.txt:\n  date: 2020-03-05\n", encoding="utf-8")
    os.utime(manifest, ns=(1, 1))  # a status of its own, however coarse the clock
    assert dates() == ["2020-03-05"]
