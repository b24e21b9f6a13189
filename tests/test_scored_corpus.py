"""The scored test corpus: claimcheck must find what a careful fact-checker finds, and only that."""

from __future__ import annotations

from pathlib import Path

import pytest
import score_corpus as sc

CORPUS = Path(__file__).parent / "corpus"
RULES = [str(Path(__file__).parent.parent / "rules")]
TARGET = 0.95
# Every kind of error issue 5 asks the corpus to plant, by the rules that name them.
PLANTED = {
    "title": {"title-no-such-office", "title-not-in-office", "title-wrong-person"},
    "rank": {"rank-contradicts-fact"},
    "quantity": {"quantity-contradicts-fact"},
    "date": {"event-wrong-date", "elapsed-wrong-years"},
    "name": {"name-short-form"},
    "unit": {"unit-scale-mismatch", "unit-currency-mismatch", "unit-missing-currency"},
    "arithmetic": {
        "arithmetic-parts-total",
        "arithmetic-percent-change",
        "arithmetic-fold-change",
    },
    "term": {"term-wrong-variant", "term-wrong-year"},
    "cross-document": {"quantity-contradicts-article", "rank-contradicts-article"},
}


@pytest.fixture(scope="module")
def key() -> tuple[list[sc.Expected], list[sc.Expected]]:
    return sc.read_key(CORPUS / "expected.yaml")


@pytest.fixture(scope="module")
def scored(key: tuple[list[sc.Expected], list[sc.Expected]]) -> sc.Score:
    errors, traps = key
    return sc.score(errors, sc.run_claimcheck(CORPUS, RULES), traps)


def test_the_corpus_and_its_key(key: tuple[list[sc.Expected], list[sc.Expected]]) -> None:
    errors, traps = key
    articles = sorted(CORPUS.glob("*.md"))
    assert len(articles) >= 25
    for article in articles:
        head = article.read_text(encoding="utf-8").splitlines()[:5]
        assert head[0] == "---" and any(line.startswith("date: ") for line in head), article
    rules = {e.rule for e in errors}
    for kind, wanted in PLANTED.items():
        assert rules & wanted, f"no planted {kind} error"
    assert {"unit-scale-mismatch", "arithmetic-parts-total", "term-wrong-year"} <= rules
    assert len(traps) >= 20
    assert not {(t.file, t.line) for t in traps} & {(e.file, e.line) for e in errors}


def test_score_reaches_the_target(scored: sc.Score) -> None:
    text = sc.report(scored)
    print(text)
    assert scored.precision >= TARGET, text
    assert scored.recall >= TARGET, text


def test_traps_stay_silent(scored: sc.Score) -> None:
    assert scored.noisy_traps == [], sc.report(scored)


def test_scoring_counts_each_key_entry_once() -> None:
    key = [sc.Expected("a.md", 3, "r1"), sc.Expected("a.md", 3, "r1"), sc.Expected("b.md", 1, "r2")]
    found = [
        sc.Found("a.md", 3, "r1", "error", ""),
        sc.Found("a.md", 3, "r1", "error", ""),
        sc.Found("a.md", 3, "r1", "error", ""),  # one too many
        sc.Found("b.md", 1, "r3", "error", ""),  # right line, wrong rule
        sc.Found("c.md", 9, "r1", "warning", ""),
    ]
    trap = sc.Expected("c.md", 9, "", "calm")
    s = sc.score(key, found, [trap])
    assert len(s.matched) == 2
    assert (s.precision, s.recall) == (2 / 5, 2 / 3)
    assert [e.rule for e in s.missed] == ["r2"]
    assert [(f.file, f.rule) for f in s.unexpected] == [
        ("a.md", "r1"),
        ("b.md", "r3"),
        ("c.md", "r1"),
    ]
    assert [t.text for t, _ in s.noisy_traps] == ["calm"]
    assert sc.score([], []).precision == 1.0 == sc.score([], []).recall


def test_a_broken_key_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2020-01-01\n---\nJapan.\n", encoding="utf-8")
    (tmp_path / "expected.yaml").write_text(
        "errors:\n  - {file: a.md, line: 4, rule: r, text: Vietnam}\n", encoding="utf-8"
    )
    assert sc.main([str(tmp_path), "--rules", RULES[0]]) == 2
    assert "'Vietnam' is not on that line" in capsys.readouterr().err
    (tmp_path / "expected.yaml").write_text("errors:\n  - {file: b.md, line: 1, rule: r}\n")
    assert sc.main([str(tmp_path), "--rules", RULES[0]]) == 2


def test_main_prints_the_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(
        "---\ndate: 2015-09-15\n---\nThe visit deepens the intensive strategic partnership.\n",
        encoding="utf-8",
    )
    (tmp_path / "expected.yaml").write_text(
        "errors:\n  - {file: a.md, line: 4, rule: term-wrong-variant, text: intensive}\n",
        encoding="utf-8",
    )
    assert sc.main([str(tmp_path), "--rules", RULES[0]]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000 (1/1)   recall 1.000 (1/1)" in out
    (tmp_path / "expected.yaml").write_text("errors: []\n", encoding="utf-8")
    assert sc.main([str(tmp_path), "--rules", RULES[0]]) == 1
    assert "unexpected (found, not in the key):" in capsys.readouterr().out
