"""The seeds (../shared/seeds/README.md) under the people and events rules: exactly the two known
findings (Abe called "Japanese President" in 000, "Ambassador Naoki" in 004) and none of the traps
("PM Shinzo Abe", "Mr. Trong", "Former Japanese ambassador to Vietnam Mitsuo Sakaba",
"President Quang", "In the 40 years since ..." in 2015, "After 50 years", "50th anniversary" in
2023).

Pinned with the project's rules (rules/vietnam-japan) and with the test fixture rules, so that a
change to either that breaks the seeds shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import checks, rulebook
from claimcheck.checks import RULES, DocContext
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.findings import Finding
from claimcheck.run import articles as documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULE_SETS = {
    "project": ROOT / "rules" / "vietnam-japan",
    "fixture": ROOT / "tests" / "fixtures" / "people_rules" / "vietnam-japan",
}
MINE = {"people", "events"}


def _book(name: str) -> rulebook.Rulebook:
    book = rulebook.load([RULE_SETS[name]])
    if not (book.offices and book.people and book.events):
        pytest.skip(f"{RULE_SETS[name]} has no offices, people or events yet")
    return book


def _run(name: str) -> tuple[list[Finding], dict[str, list[Claim]]]:
    book = _book(name)
    paths, missing = documents.collect([str(SEEDS)])
    assert not missing and len(paths) == 5
    loaded = documents.load(paths)
    extractor = Extractor(book)
    checks.load_engines()
    out: list[Finding] = []
    claims: dict[str, list[Claim]] = {}
    for doc in loaded.documents:
        claims[Path(doc.path).name] = found = extractor.extract(doc)
        ctx = DocContext(doc, found, book)
        for engine in MINE:
            out.extend(checks.DOC_ENGINES[engine](ctx))
    return sorted(out, key=Finding.sort_key), claims


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_seed_findings_are_exactly_the_known_ones(name: str) -> None:
    found, _ = _run(name)
    assert [(Path(f.path).name[:3], f.line, f.rule) for f in found] == [
        ("000", 11, "title-no-such-office"),
        ("004", 5, "name-short-form"),
    ]
    abe, naoki = found
    assert abe.anchor == "Japanese President Shinzo Abe" and abe.severity == "error"
    assert abe.message.startswith("Japan has no president: Shinzo Abe was Prime Minister of Japan")
    assert "2012-12-26 to 2020-09-16" in abe.message
    assert abe.fix == "Japanese Prime Minister Shinzo Abe"
    assert any(r.path.endswith(".yaml") for r in abe.related)
    assert naoki.anchor == "Ambassador Naoki" and naoki.severity == "warning"
    assert naoki.fix == "Ambassador Ito"


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_traps_are_read_and_found_right(name: str) -> None:
    # Silence must come from checking, not from not reading: each trap is a claim.
    _, claims = _run(name)

    def texts(seed: str, kind: str) -> set[str]:
        return {c.text for c in claims[seed] if c.kind == kind}

    assert {"PM Shinzo Abe", "President Quang"} <= texts("000_a5f1f925979e4ba6.txt", "title")
    assert "Mr. Trong" in texts("002_b1a0ac73797f4e60.txt", "name")
    assert "Former Japanese ambassador to Vietnam Mitsuo Sakaba" in texts(
        "002_b1a0ac73797f4e60.txt", "title"
    )
    assert "40 years since the establishment of diplomatic ties" in texts(
        "002_b1a0ac73797f4e60.txt", "elapsed"
    )
    assert "After 50 years" in texts("001_f63c67e30c6e91a3.txt", "elapsed")
    assert "50th anniversary of their diplomatic relations" in texts(
        "003_87ca81e773c89865.txt", "elapsed"
    )
    assert any("September 21, 1973" in t for t in texts("001_f63c67e30c6e91a3.txt", "event"))
    assert any("September 1973" in t for t in texts("004_9164582e6dbb1371.txt", "event"))


def test_the_engines_report_only_their_own_rules() -> None:
    checks.load_engines()
    mine = {r.id for r in RULES.values() if r.engine in MINE}
    assert mine == {
        "title-no-such-office",
        "title-not-in-office",
        "title-wrong-person",
        "name-short-form",
        "name-misspelt",
        "event-wrong-date",
        "elapsed-wrong-years",
    }
