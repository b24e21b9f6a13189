"""`claimcheck claims`: the listing, the coverage summary, JSON, determinism, bad input; and the
reviewed golden claim files of the seed articles.

Golden files (tests/golden/claims/<seed>.json) hold the amount, count, rank and arithmetic
claims of each seed read with the project's rules (rules/vietnam-japan). Regenerate them with
`CLAIMCHECK_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_claims_cmd.py -k golden`, then
review every changed line before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules" / "vietnam-japan"
FIXTURE = Path(__file__).parent / "fixtures" / "rules" / "vn-jp"
GOLDEN = Path(__file__).parent / "golden" / "claims"
KINDS = ("quantity", "rank", "arithmetic")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["claims", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_listing_and_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2023-11-28\n---\n"
        "Two-way trade reached US$47.6 billion in 2022. The country has 47 provinces.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(article), "--rules", str(FIXTURE))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"{article} (date 2023-11-28): 1 claim(s)"
    assert lines[1].startswith(
        "  4:23: quantity    trade  value=[47,550,000,000, 47,650,000,000] USD"
    )
    assert "period=2022" in lines[1] and lines[1].endswith('"US$47.6 billion"')
    assert lines[-1] == (
        "1 document(s), 1 claim(s); coverage: 2 sentence(s), 2 with a number, date, rank word or "
        "title, 1 gave claims, 1 unparsed; 0 figure(s) unread in sentences that gave claims "
        "(list them with --unparsed)"
    )
    code, out, _ = run(capsys, str(article), "--rules", str(FIXTURE), "--unparsed")
    assert "  4:48: unparsed (number): The country has 47 provinces." in out.splitlines()


def test_unread_figures_in_a_sentence_that_gave_claims(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "b.txt"
    article.write_text(
        "Exports reached US$24.2 billion in 2022 and the firm hired 4,200 people.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, str(article), "--rules", str(FIXTURE), "--unparsed")
    assert code == 0
    assert "  1:60: unread figure: 4,200" in out.splitlines()


def test_json_is_complete_and_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, str(SEEDS), "--rules", str(FIXTURE), "--format", "json", "--unparsed"
    )
    assert code == 0
    data = json.loads(out)  # strict JSON: no Infinity (open bounds are null)
    assert "Infinity" not in out
    assert data["version"] == 1
    assert data["documents"] == len(data["articles"])
    assert [Path(d["path"]).name for d in data["articles"]] == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    claims = [c for d in data["articles"] for c in d["claims"]]
    assert claims
    for c in claims:
        assert {"line", "column", "end_line", "end_column", "kind", "text", "period"} <= set(c)
    open_ended = [c for c in claims if c["value"] and c["value"]["high"] is None]
    assert open_ended  # "over 5,000", "more than 20,000" ...
    total = data["coverage"]
    assert total["unparsed"] == sum(len(d["unparsed"]) for d in data["articles"])


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, str(SEEDS), "--rules", str(RULES), "--format", "json")[1]
    second = run(capsys, str(SEEDS), "--rules", str(RULES), "--format", "json")[1]
    assert first == second


def test_missing_path_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.md"), "--rules", str(FIXTURE))
    assert code == 2
    assert "nope.md: no such file or folder" in err
    assert "Traceback" not in err


def test_undecodable_article_is_a_problem_line_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad\x00")
    (tmp_path / "good.txt").write_text("Exports reached US$2 billion in 2022.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path), "--rules", str(FIXTURE))
    assert code == 0
    assert "bad.txt:" in out.splitlines()[0]
    assert "good.txt (date unknown): 1 claim(s)" in out


# --- golden files of the seeds -------------------------------------------------------------------


def golden_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "path": Path(doc["path"]).name,
        "date": doc["date"],
        "claims": [c for c in doc["claims"] if c["kind"] in KINDS],
    }


def seed_docs(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, err = run(capsys, str(SEEDS), "--rules", str(RULES), "--format", "json")
    assert code == 0, err
    docs: list[dict[str, Any]] = json.loads(out)["articles"]
    return docs


@pytest.mark.parametrize("seed", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_golden_claims(capsys: pytest.CaptureFixture[str], seed: str) -> None:
    doc = next(d for d in seed_docs(capsys) if Path(d["path"]).stem == seed)
    got = golden_view(doc)
    path = GOLDEN / f"{seed}.json"
    if os.environ.get("CLAIMCHECK_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want
