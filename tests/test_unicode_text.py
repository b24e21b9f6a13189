"""Text as it really comes: Unicode spaces and capitals at sentence ends, letters written with
combining marks (NFD), a byte-order mark, CRLF line ends.

A missed sentence end lets one sentence's year date the next one's figure; an NFD article must
give the claims its NFC form gives, with positions that point at the file as written; --fix must
leave every byte it does not fix as it was.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from conftest import WRONG, Newsroom, article
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import rulebook
from claimcheck.extract import Extractor, sentences
from claimcheck.model import document
from claimcheck.model.claims import Claim
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.run import articles as documents

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "rules" / "vn-jp"
RULES = ROOT / "rules"
BOM = "\ufeff"


@cache
def extractor(rules: Path) -> Extractor:
    return Extractor(rulebook.load([rules]))


def claims(text: str, rules: Path = FIXTURE, date: str = "2023-11-28") -> list[Claim]:
    return extractor(rules).extract(Document("t.md", text, date=PartialDate.parse(date)))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------- sentence ends


def _figure_years(text: str) -> list[str]:
    return [str(c.period) for c in claims(text) if c.kind == "quantity"]


@pytest.mark.parametrize(
    "gap",
    [
        "\u00a0",  # no-break space, as CMSs write after a stop
        "\u2009",  # thin space
        "\u202f",  # narrow no-break space
        "\u3000",  # ideographic space
        "\u2003",  # em space
        " \u00a0",
        " “",  # an opening quote
        " ‘",
        ' "',
        " (",  # an opening bracket before a capital
        "\u00a0“",
    ],
)
def test_a_stop_before_unicode_space_or_an_opening_quote_ends_the_sentence(gap: str) -> None:
    text = (
        f"The minister toured Hà Nội and Hải Phòng in 2019.{gap}Two-way trade reached US$47.6 "
        "billion last year."
    )
    assert _figure_years(text) == ["2022"]  # last year, from the article's date, not 2019


def test_a_stop_before_an_accented_capital_ends_the_sentence() -> None:
    text = "Officials met in Tokyo in 2019. Đà Nẵng exports reached US$4.6 billion last year."
    assert _figure_years(text) == ["2022"]
    parts = sentences.split("Trade rose in 2019. Ánh said so. Ülkü agreed. Øre fell.")
    assert len(parts) == 4


def test_a_stop_before_lower_case_or_a_mark_does_not_end_the_sentence() -> None:
    for text in ("It grew 5.\u00a0é is a letter.", "Ratio 3.\u00a0(see below)", "x.\u00a0ñandú"):
        assert len(sentences.split(text)) == 1, text


@pytest.mark.parametrize(
    "text",
    [
        "Mr.\u00a0Abe met U.S.\u00a0Trade Representative Tai.",
        "Dr. Nguyễn and Prof. Đặng spoke at No. 3 Hùng Vương Street.",
        "Former U.S. President George W. Bush visited Hà Nội.",
        "Players such as J.R. Smith and A. J. Green came.",
        "Mrs.\u2009Lê met Gen.\u202fGiáp's family.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str) -> None:
    assert [text[a:b] for a, b in sentences.split(text)] == [text]


def test_sentences_split_at_each_real_end() -> None:
    text = "Trade grew in 2019.\u00a0“Exports rose,” he said. (Imports fell.) Đà Nẵng gained."
    assert [text[a:b] for a, b in sentences.split(text)] == [
        "Trade grew in 2019.",
        "“Exports rose,” he said.",
        "(Imports fell.)",
        "Đà Nẵng gained.",
    ]


def test_crlf_lines_still_end_sentences() -> None:
    text = "Trade grew in 2019.\r\nExports rose.\r\n"
    assert [text[a:b] for a, b in sentences.split(text)] == ["Trade grew in 2019.", "Exports rose."]


# ---------------------------------------------------------------- NFC and NFD

VIETNAMESE = """\
---
date: 2023-11-28
title: Đà Nẵng đón đoàn Nhật Bản
---
Hà Nội (VNA) – Prime Minister Phạm Minh Chính hosted Japanese Prime Minister Fumio Kishida in \
Hà Nội on November 27. Chính noted that two-way trade reached US$47.6 billion in 2022, up 11% \
from 2021.

General Secretary Nguyễn Phú Trọng received Ambassador Yamada Takio; Mr. Trọng hailed the \
Extensive Strategic Partnership. President Võ Văn Thưởng toured Tokyo in 2023.

Japan stayed Việt Nam’s largest ODA provider. Former Prime Minister Nguyễn Tấn Dũng opened a \
Đà Nẵng port in 2014.
"""


def _written_span(doc: Document, start: int, end: int) -> str:
    """The characters of the file as written between two offsets of `doc.text`."""
    a = doc.written_offset(*doc.position(start))
    b = doc.written_offset(*doc.position(end))
    assert a is not None and b is not None
    return doc.written[a:b]


def _same_claims(text: str, rules: Path) -> list[Claim]:
    """The claims of the text's NFC and NFD forms, which must be equal; and every claim's span
    must point at its own words in the NFD file."""
    composed, decomposed = nfc(text), nfd(text)
    got = {}
    for form in (composed, decomposed):
        doc = Document("a.md", form, date=PartialDate.parse("2023-11-28"))
        found = extractor(rules).extract(doc)
        got[form] = found
        for c in found:
            assert nfc(_written_span(doc, c.start, c.end)) == doc.text[c.start : c.end]
    assert got[decomposed] == got[composed]
    return got[composed]


def test_vietnamese_names_in_nfd_give_the_claims_of_nfc() -> None:
    assert nfd(VIETNAMESE) != VIETNAMESE
    found = _same_claims(VIETNAMESE, RULES)
    assert {c.kind for c in found} >= {"title", "name", "quantity", "rank", "arithmetic", "term"}
    people = {c.subject for c in found if c.kind in ("title", "name")}
    assert {"pham-minh-chinh", "nguyen-phu-trong", "vo-van-thuong", "nguyen-tan-dung"} <= people


# The seeds spell Vietnamese names without marks; the same articles with marks, in both forms.
RESPELL = {
    "Viet Nam": "Việt Nam",
    "Vietnam": "Việt Nam",
    "Hanoi": "Hà Nội",
    "Hoa Binh": "Hòa Bình",
    "Nguyen": "Nguyễn",
    "Pham": "Phạm",
    "Da Nang": "Đà Nẵng",
}


@pytest.mark.parametrize("seed", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_seeds_in_nfd_give_the_claims_of_nfc(seed: str) -> None:
    text = (ROOT / "seeds" / seed).read_text(encoding="utf-8")
    _same_claims(text, RULES)
    for plain, marked in RESPELL.items():
        text = text.replace(plain, marked)
    assert nfd(text) != text
    _same_claims(text, RULES)


def test_findings_on_an_nfd_copy_of_the_seeds_point_at_the_same_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimcheck.cli import main

    folders = {}
    for form in ("NFC", "NFD"):
        folder = tmp_path / form
        folder.mkdir()
        shutil.copy(ROOT / "seeds" / documents.MANIFEST, folder)
        for p in sorted((ROOT / "seeds").glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            for plain, marked in RESPELL.items():
                text = text.replace(plain, marked)
            (folder / p.name).write_text(unicodedata.normalize(form, text), encoding="utf-8")
        assert main(["check", str(folder), "--rules", str(RULES), "--no-cache", "--format", "json"])
        folders[form] = json.loads(capsys.readouterr().out)

    def words(form: str, f: dict[str, str | int]) -> str:
        lines = (tmp_path / form / Path(str(f["path"])).name).read_text("utf-8").split("\n")
        assert f["line"] == f["end_line"]
        return nfc(lines[int(f["line"]) - 1][int(f["column"]) - 1 : int(f["end_column"]) - 1])

    composed, decomposed = folders["NFC"]["findings"], folders["NFD"]["findings"]
    assert len(composed) == len(decomposed) >= 4
    moved = 0
    for a, b in zip(composed, decomposed, strict=True):
        assert (a["rule"], a["message"], a["line"]) == (b["rule"], b["message"], b["line"])
        assert words("NFC", a) == words("NFD", b) != ""
        moved += a["column"] != b["column"]
    assert moved  # some finding follows marks on its line: the columns are the file's own


# ASCII, letters with marks in both forms, a lone mark, marks with no precomposed letter, letters
# that compose with each other (Hangul jamo, an Oriya vowel sign), a letter NFC writes as two
# (U+0958), a singleton (the Angstrom sign), line ends, punctuation
PIECES = (
    *("a", "E", "e\u0302\u0303", "o\u0323", "\u0301", "\u0110", "\u1ea5", "x\u0301"),
    *("\u1100\u1161\u11a8", "\u1100", "\u1161", "\u0915\u093c", "\u0b47\u0b3e"),
    *("\u0958", "\u212b", "\u00ea\u0303", "\n", "\r\n", " ", "\u201c", "\u2013", "."),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_positions_of_nfc_text_are_those_of_the_file(written: str) -> None:
    doc = Document("a.md", written)
    assert doc.text == nfc(written) and doc.written == written
    lines = written.split("\n")
    last = (0, 0)
    for i in range(len(doc.text) + 1):
        line, col = doc.position(i)
        assert (line, col) >= last
        last = (line, col)
        assert line == doc.text.count("\n", 0, i) + 1
        assert 1 <= col <= len(lines[line - 1]) + 1
        # the inverse, for reports that quote the text: the first offset at that position
        first = next(j for j in range(i + 1) if doc.position(j) == (line, col))
        assert doc.offset(line, col) == first
        if i < len(doc.text) and not unicodedata.combining(doc.text[i]):
            # the character as written starts with the letter the NFC one is made on
            at = doc.written_offset(line, col)
            assert at is not None
            assert nfd(written[at])[0] == nfd(doc.text[i])[0]


def test_the_characters_nfc_is_not_asked_about_never_change_or_compose() -> None:
    """document._MAY_CHANGE leaves out ASCII, Latin to U+02FF and general punctuation: each is
    its own NFC, no mark, never the second of a composition, and never the first of one whose
    second is not a mark (so only a run starting with a mark reaches back to the letter)."""
    left_out = [cp for cp in range(0x3000) if not document._MAY_CHANGE.fullmatch(chr(cp))]
    assert len(left_out) == 0x300 + 0x205F - 0x2010
    pairs = []
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            pairs.append((int(parts[0], 16), int(parts[1], 16)))
    assert len(pairs) > 900
    for cp in left_out:
        c = chr(cp)
        assert nfc(c) == c and not unicodedata.combining(c), hex(cp)
    out = set(left_out)
    assert not [p for p in pairs if p[1] in out]
    assert not [p for p in pairs if p[0] in out and not unicodedata.combining(chr(p[1]))]


def test_ascii_and_nfc_text_is_not_copied_or_mapped() -> None:
    for text in ("Plain ASCII text.\n", nfc("Hà Nội and “quotes”.\n")):
        doc = Document("a.md", text)
        assert doc.written is doc.text is text
        assert doc.position(len(text) - 1) == (1, len(text))


def test_front_matter_problems_in_nfd_point_at_the_file_as_written(tmp_path: Path) -> None:
    head = '---\ntitle: Đà Nẵng: "Hà Nội\ndate: 2023-11-28\n---\nBody.\n'
    columns = []
    for form in (nfc(head), nfd(head)):
        path = tmp_path / "a.md"
        path.write_text(form, encoding="utf-8")
        doc, [problem] = documents.read(str(path))
        assert problem.rule == "document-front-matter"
        assert doc is not None and problem.line == 2
        columns.append(problem.column)
        assert form.split("\n")[1][problem.column - 1] == ":"
    assert columns[1] == columns[0] + 3  # à and ẵ take one and two marks more in NFD


# ---------------------------------------------------------------- BOM and CRLF under --fix


def _fixed(newsroom: Newsroom, name: str, written: bytes, cached: bool) -> bytes:
    path = newsroom.write(name, written)
    if cached:  # the second run reads the document back from the claim cache
        assert newsroom.check(name).code == 1
    flags = () if cached else ("--no-cache",)
    assert newsroom.run("check", name, "--fix", *flags).code == 0
    assert newsroom.check(name, "--no-cache").findings == []
    return path.read_bytes()


@pytest.mark.parametrize("cached", [False, True])
def test_fix_keeps_a_bom_and_front_matter_after_it_parses(newsroom: Newsroom, cached: bool) -> None:
    text = article("Intro.\n\n" + WRONG, title="Việt Nam – Nhật Bản")
    path = newsroom.write("bom.md", (BOM + text).encode("utf-8"))
    doc, problems = documents.read(str(path))
    assert problems == [] and doc is not None
    assert (str(doc.date), doc.date_source, doc.bom) == ("2015-09-15", "front matter", True)
    assert doc.meta["title"] == "Việt Nam – Nhật Bản"
    got = _fixed(newsroom, "bom.md", (BOM + text).encode("utf-8"), cached)
    right = text.replace("an exclusive strategic partnership", "an Extensive Strategic Partnership")
    assert right != text
    assert got == (BOM + right).encode("utf-8")


@pytest.mark.parametrize("cached", [False, True])
def test_fix_keeps_crlf_line_ends(newsroom: Newsroom, cached: bool) -> None:
    text = article("Intro.\n\n" + WRONG + "\nMore.\n").replace("\n", "\r\n")
    got = _fixed(newsroom, "crlf.md", (BOM + text).encode("utf-8"), cached)
    right = text.replace("an exclusive strategic partnership", "an Extensive Strategic Partnership")
    assert got == (BOM + right).encode("utf-8")
    assert got.count(b"\r\n") == text.count("\r\n") and b"\n" not in got.replace(b"\r\n", b"")


def test_fix_on_an_nfd_file_changes_only_the_span(newsroom: Newsroom) -> None:
    body = "Ông Nguyễn Đức Hùng nói: " + WRONG + " Đà Nẵng.\nHà Nội.\n"
    text = nfd(article(body, title="Quan hệ Việt – Nhật"))
    got = _fixed(newsroom, "nfd.md", text.encode("utf-8"), cached=False).decode("utf-8")
    right = text.replace("an exclusive strategic partnership", "an Extensive Strategic Partnership")
    assert right != text and got == right


PARK_RULES = """\
terms:
  - id: park
    name: Hòa Lạc Hi-Tech Park
    since: 1998
    subject: [vietnam]
    source: https://example.org/park
    variants:
      - wrong: Hoa Lac Technology Zone
        right: Hòa Lạc Hi-Tech Park
"""


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_fix_is_written_in_the_form_of_the_file(newsroom: Newsroom, form: str) -> None:
    newsroom.write("rules/park.yaml", PARK_RULES)
    body = "Ông Hùng thăm Hoa Lac Technology Zone năm 2020.\n"
    text = unicodedata.normalize(form, article(body))
    got = _fixed(newsroom, "park.md", text.encode("utf-8"), cached=False).decode("utf-8")
    right = text.replace(
        "Hoa Lac Technology Zone", unicodedata.normalize(form, "Hòa Lạc Hi-Tech Park")
    )
    assert right != text and got == right


def test_diff_of_a_bom_file_shows_the_bom_on_both_sides(newsroom: Newsroom) -> None:
    path = newsroom.write("b.md", (BOM + article(WRONG)).encode("utf-8"))
    before = path.read_bytes()
    run = newsroom.run("check", "b.md", "--no-cache", "--diff")
    assert path.read_bytes() == before
    removed = [x for x in run.out.splitlines() if x.startswith("-") and not x.startswith("---")]
    added = [x for x in run.out.splitlines() if x.startswith("+") and not x.startswith("+++")]
    assert len(removed) == len(added) == 1 and "exclusive" in removed[0]
    assert " \ufeff---" in run.out.splitlines()  # the first line as the file has it


def test_seeds_copy_keeps_its_bytes_where_nothing_is_fixed(tmp_path: Path) -> None:
    from claimcheck.cli import main

    dst = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", dst)
    for p in dst.glob("*.txt"):  # as a Windows editor saves them
        p.write_bytes(BOM.encode() + p.read_bytes().replace(b"\n", b"\r\n"))
    before = {p.name: p.read_bytes() for p in dst.glob("*.txt")}
    args = ["check", str(dst), "--rules", str(RULES), "--no-cache", "--format", "json"]
    assert main([*args, "--fix"]) == 0
    for name, old in before.items():
        new = (dst / name).read_bytes()
        assert new.startswith(BOM.encode()) and new.count(b"\r\n") == old.count(b"\r\n")
        assert b"\n" not in new.replace(b"\r\n", b""), name
