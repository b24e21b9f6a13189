"""docs/rules.md, "Which sentences are read": every example sentence of the section is read with
the rules of examples/halvora, as an article published on the section's date, and must give
exactly the claims its table row says (or none). The doc cannot promise a reading the code does
not make, and a change in what is read shows here, with the row to update."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from claimcheck import rulebook
from claimcheck.extract import Extractor
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document

DOCS = REPO_ROOT / "docs" / "rules.md"
SECTION = "## Which sentences are read"
_ROW = re.compile(r"^\| (?P<text>[^|`]+?) \| (?P<read>[^|]+?) \|(?: [^|]* \|)?$")
_DATE = re.compile(r"published on\s+(\d{4}-\d{2}-\d{2})")


def render(c: Claim) -> str:
    """A claim as the section's tables write it: its kind and what it says."""
    mods = f" ({', '.join(c.modifiers)})" if c.modifiers else ""
    if c.kind == "title":
        return f"title {c.subject} {c.target or 'no-office'}{mods}"
    if c.kind == "name":
        return f"name {c.subject} {c.attr('part')}"
    if c.kind == "rank":
        return f"rank {c.subject} {c.rank} {c.target}"
    if c.kind == "quantity" and c.value is not None:
        v = c.value
        amount = " ".join(x for x in (v.digits, v.scale or "", v.unit or "no-unit") if x)
        return f"quantity {c.target} {amount} {c.period or 'no-period'}"
    if c.kind in ("event",):
        return f"event {c.target} {c.date}"
    if c.kind == "elapsed":
        return f"elapsed {c.target} {c.attr('years')}"
    if c.kind == "term":
        year = f" {c.attr('year')}" if c.attr("year") else ""
        return f"term {c.target} {c.attr('form')}{year}"
    if c.kind == "arithmetic":
        return f"arithmetic {c.attr('relation')} of {len(c.parts)}"
    return c.kind


@functools.cache
def _extractor() -> Extractor:
    return Extractor(rulebook.load([REPO_ROOT / "examples" / "halvora" / "rules"]))


def examples(path: Path = DOCS) -> list[tuple[str, str, str, str]]:
    """(sub-section, date, sentence, reading) of every table row of the section."""
    text = path.read_text(encoding="utf-8")
    body = text[text.index(SECTION) :]
    body = body[: body.find("\n## ", len(SECTION))]
    date = _DATE.search(body)
    assert date is not None, "the section says the date its examples are published on"
    out = []
    heading = ""
    for line in body.splitlines():
        if line.startswith("### "):
            heading = line[4:]
        got = _ROW.match(line)
        if got and got["text"].strip() not in ("sentence", "---"):
            out.append((heading, date[1], got["text"].strip(), got["read"].strip()))
    return out


def read(sentence: str, date: str) -> list[str]:
    d = Document("example.md", sentence, date=PartialDate.parse(date))
    return sorted(render(c) for c in _extractor().extract(d))


def expected(cell: str) -> list[str]:
    if cell == "nothing":
        return []
    return sorted(x.strip().strip("`") for x in cell.split(";"))


EXAMPLES = examples()


def test_every_kind_has_shapes_read_and_not_read() -> None:
    """Each sub-section is about one claim kind (in backticks in its heading) and shows a
    sentence read as that kind and one that is not."""
    headings = sorted({h for h, *_ in EXAMPLES})
    assert len(headings) >= 9
    for heading in headings:
        kind = heading.split("`")[1]
        cells = [r for h, _, _, r in EXAMPLES if h == heading]
        assert any(f"`{kind} " in c for c in cells), heading
        assert any(f"`{kind} " not in c for c in cells), heading


@pytest.mark.parametrize(("kind", "date", "sentence", "reading"), EXAMPLES)
def test_example_reads_as_the_doc_says(kind: str, date: str, sentence: str, reading: str) -> None:
    assert read(sentence, date) == expected(reading)


def test_a_wrong_reading_fails(tmp_path: Path) -> None:
    """The test reads the tables it is given: a row that promises another claim is caught."""
    doc = tmp_path / "rules.md"
    doc.write_text(
        f"{SECTION}\n\nExamples published on 2024-06-01.\n\n### Titles\n\n"
        "| sentence | read as | why |\n| --- | --- | --- |\n"
        "| Mayor Ilse Brandt spoke. | `title ilse-brandt halvora-treasurer` | a title |\n",
        encoding="utf-8",
    )
    [(_, date, sentence, reading)] = examples(doc)
    assert read(sentence, date) != expected(reading)
