"""Documents: front matter, manifests, datelines, date precision, folders, exact positions."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import WRONG, Newsroom, article
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck.model import paths
from claimcheck.model.dates import PartialDate
from claimcheck.model.document import Document
from claimcheck.run import articles as documents


def read(path: Path) -> tuple[Document, list[tuple[str, str, int, int, str]]]:
    doc, problems = documents.read(str(path))
    assert doc is not None
    return doc, [(f.rule, f.severity, f.line, f.column, f.message) for f in problems]


@pytest.mark.parametrize(
    ("written", "date", "precision", "first", "last"),
    [
        ("2015-09-15", "2015-09-15", "day", dt.date(2015, 9, 15), dt.date(2015, 9, 15)),
        ("2017-12", "2017-12", "month", dt.date(2017, 12, 1), dt.date(2017, 12, 31)),
        ("2024-02", "2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2017", "2017", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ('"2017"', "2017", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ("2023-11-28 10:08:00 +07:00", "2023-11-28", "day", None, None),
        ('"2023-11-28T10:08:00Z"', "2023-11-28", "day", None, None),
    ],
)
def test_front_matter_date_precision(
    tmp_path: Path,
    written: str,
    date: str,
    precision: str,
    first: dt.date | None,
    last: dt.date | None,
) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\ndate: {written}\n---\nBody.\n", encoding="utf-8")
    doc, problems = read(path)
    assert problems == []
    assert doc.date is not None
    assert (str(doc.date), doc.date.precision, doc.date_source) == (date, precision, "front matter")
    if first is not None:
        assert (doc.date.first(), doc.date.last()) == (first, last)


def test_front_matter_keys_are_kept_and_lines_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\n"
        "title: Vietnam and Japan\n"
        "date: 2015-09-15\n"
        "source: VOVworld\n"
        "url: https://example.org/a\n"
        "tags: [diplomacy, trade]\n"
        "desk: foreign\n"
        "---\n"
        "First line of the body.\n",
        encoding="utf-8",
    )
    doc, problems = read(path)
    assert problems == []
    assert doc.meta["title"] == "Vietnam and Japan"
    assert doc.meta["source"] == "VOVworld"
    assert doc.meta["url"] == "https://example.org/a"
    assert list(doc.meta["tags"]) == ["diplomacy", "trade"]
    assert doc.meta["desk"] == "foreign"
    assert doc.body == "First line of the body.\n"
    assert doc.position(doc.body_start) == (9, 1)
    assert doc.line_text(9) == "First line of the body."


def test_manifest_gives_txt_files_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other text.\n", encoding="utf-8")
    (tmp_path / "claimcheck-manifest.yaml").write_text(
        "a.txt:\n  date: 2017-12\n  precision: month\n  source: NDO\n"
        "b.txt:\n  date: 2015-09-15\n  precision: month\n",
        encoding="utf-8",
    )
    doc, problems = read(tmp_path / "a.txt")
    assert problems == []
    assert doc.date == PartialDate(2017, 12)
    assert (doc.date_source, doc.meta["source"], doc.meta["precision"]) == (
        "manifest",
        "NDO",
        "month",
    )
    _, problems = read(tmp_path / "b.txt")
    manifest = tmp_path / "claimcheck-manifest.yaml"
    assert problems == [
        (
            "document-date",
            "error",
            1,
            1,
            f"{manifest}:7:14: precision 'month' does not match date 2015-09-15 (day)",
        )
    ]


def test_manifest_with_a_bad_date_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "claimcheck-manifest.yaml").write_text(
        "a.txt:\n  source: NDO\n  date: last Tuesday\n", encoding="utf-8"
    )
    _, problems = read(tmp_path / "a.txt")
    [(rule, severity, _, _, message)] = problems
    assert (rule, severity) == ("document-date", "error")
    assert message.startswith(f"{tmp_path / 'claimcheck-manifest.yaml'}:3:9: not a date:")


def test_front_matter_wins_over_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(article("Body.", date="2020-01-02"), encoding="utf-8")
    (tmp_path / "claimcheck-manifest.yaml").write_text(
        "a.md:\n  date: 2019\n  source: Manifest Daily\n", encoding="utf-8"
    )
    doc, problems = read(tmp_path / "a.md")
    assert (problems, str(doc.date), doc.date_source) == ([], "2020-01-02", "front matter")


def test_seed_manifest_dates_and_precisions(repo_root: Path) -> None:
    loaded = documents.load(sorted(str(p) for p in (repo_root / "seeds").glob("*.txt")))
    assert [f for f in loaded.findings if f.severity != "info"] == []
    got = {Path(d.path).name[:3]: (str(d.date), d.date_source) for d in loaded.documents}
    assert got == {
        "000": ("2017-12", "manifest"),
        "001": ("2023-11-28", "manifest"),
        "002": ("2015-09-15", "manifest"),
        "003": ("2023-10", "manifest"),
        "004": ("2024-12", "manifest"),
    }


@pytest.mark.parametrize(
    ("head", "date", "line", "column"),
    [
        ("Vietnam-Japan: Trusted Partners\n\nTuesday - 28/11/2023 10:08\n", "2023-11-28", 3, 11),
        ("HANOI, 2015-09-15 (VOV)\n", "2015-09-15", 1, 8),
        ("Hanoi, September 15, 2015\n", "2015-09-15", 1, 8),
        ("Hanoi, 15 Sept. 2015\n", "2015-09-15", 1, 8),
    ],
)
def test_dateline_is_inferred_with_an_info_finding(
    tmp_path: Path, head: str, date: str, line: int, column: int
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(head + "The visit began on Tuesday.\n", encoding="utf-8")
    doc, problems = read(path)
    assert (str(doc.date), doc.date_source) == (date, "dateline")
    [(rule, severity, at_line, at_col, message)] = problems
    assert (rule, severity, at_line, at_col) == ("document-date-inferred", "info", line, column)
    assert f"({date})" in message


def test_a_date_inside_a_sentence_is_not_a_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "President Vo Van Thuong received the President of the House of Councilors of Japan "
        "on an official visit to Vietnam (September 6, 2023).\n"
        "Nothing else dates it. Not even 31/02/2023, which is no date.\n",
        encoding="utf-8",
    )
    doc, problems = read(path)
    assert (doc.date, doc.date_source) == (None, "unknown")
    assert [(r, s, line) for r, s, line, _, _ in problems] == [("document-no-date", "info", 1)]


def test_a_dateline_after_the_first_lines_is_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n" + "Text.\n" * 10 + "28/11/2023\n", encoding="utf-8")
    doc, _ = read(path)
    assert doc.date is None


def test_columns_count_characters_after_curly_quotes_and_diacritics(newsroom: Newsroom) -> None:
    prefix = "“Quan hệ Việt – Nhật đang ở giai đoạn tốt đẹp nhất”, ông Nguyễn nói. "
    assert len(prefix) == 69 and len(prefix.encode("utf-8")) > 90
    body = "Chào.\n" + prefix + WRONG
    newsroom.write("vi.md", article(body))
    [f] = newsroom.check("vi.md").findings
    column = 69 + WRONG.index("exclusive") + 1
    assert (f["line"], f["column"]) == (5, column)
    assert (f["end_line"], f["end_column"]) == (5, column + len("exclusive strategic partnership"))


def test_crlf_and_bom_keep_positions(newsroom: Newsroom) -> None:
    text = "\ufeff" + article("Intro.\n\n" + WRONG).replace("\n", "\r\n")
    newsroom.write("crlf.md", text.encode("utf-8"))
    [f] = newsroom.check("crlf.md").findings
    assert (f["line"], f["column"]) == (6, WRONG.index("exclusive") + 1)


def test_folders_are_walked_recursively_with_include_and_exclude(tmp_path: Path) -> None:
    for rel in (
        "b.md",
        "a.txt",
        "notes.yaml",
        "sub/deeper/c.markdown",
        "sub/draft-1.md",
        ".git/x.md",
        "drafts/d.md",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n", encoding="utf-8")
    root = str(tmp_path)

    def rel(files: list[str]) -> list[str]:
        return [str(Path(f).relative_to(tmp_path)) for f in files]

    files, missing = documents.collect([root])
    assert missing == []
    assert rel(files) == [
        "a.txt",
        "b.md",
        "drafts/d.md",
        "sub/draft-1.md",
        "sub/deeper/c.markdown",
    ]
    files, _ = documents.collect([root], include=["*.md"], exclude=["draft-*", "*/drafts/*"])
    assert rel(files) == ["b.md"]
    # exclude applies to files named on the command line too; duplicates are read once
    b = str(tmp_path / "b.md")
    files, missing = documents.collect(
        [b, str(tmp_path / "sub" / "draft-1.md"), b, str(tmp_path / "nope.md")],
        exclude=["draft-*"],
    )
    assert (files, missing) == ([b], [str(tmp_path / "nope.md")])


def test_seeds_are_the_shared_seed_articles_byte_for_byte(
    repo_root: Path, shared_dir: Path
) -> None:
    shared = sorted(p.name for p in (shared_dir / "seeds").glob("*.txt"))
    assert len(shared) == 5
    assert sorted(p.name for p in (repo_root / "seeds").glob("*.txt")) == shared
    for name in shared:
        assert (repo_root / "seeds" / name).read_bytes() == (
            shared_dir / "seeds" / name
        ).read_bytes(), name


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="/.a_", max_size=12), st.sampled_from(["/w", "/w/x", "/"]))
@example("/tmp/ccb/c1k/000/article-000000.md", "/w")
@example("/a/./b", "/w")
@example("//a", "/w")
@example("/a/..", "/w")
@example("/a/", "/w")
@example("a/b", "/w")
def test_absolute_is_the_normalised_join(shown: str, here: str) -> None:
    """The fast path for clean absolute paths gives what normpath(join()) gives, any path."""
    assert paths.absolute(here, shown) == os.path.normpath(os.path.join(here, shown))
