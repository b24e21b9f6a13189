"""yamlpos.quick (libyaml, no positions) reads front matter exactly as yamlpos.parse does: the
fast path of every article's front matter must never change a value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import documents, yamlpos

SCALARS = [
    "2008-09-07",
    "2017-12-05T10:08Z",
    "2017-12-05 10:08:00",
    "2017-12-05T10:08:00+07:00",
    "2021",
    "2021-02",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "False",
    "~",
    "null",
    "0755",
    "0x1F",
    "1:20",
    "1e3",
    "12.5",
    ".inf",
    "'quoted: text'",
    '"double \\u00e9"',
    "Article 520",
    "Hà Nội",
    "[a, b, 2020-01-01]",
    "{k: v, n: 1}",
    "!!str 12",
    "text # a comment",
]
KEYS = ["title", "date", "url", "author", "draft", "tags", "n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS)), max_size=6))
def test_quick_reads_what_parse_reads(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{k}: {v}\n" for k, v in pairs)
    try:
        slow = documents._plain(yamlpos.parse(text, "f.md"))
    except yamlpos.YamlProblems:
        assert yamlpos.quick(text) is None  # what the full parser rejects, the fast one does
        return
    assert documents._plain(yamlpos.quick(text)) == slow


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS)), max_size=6))
def test_an_article_reads_the_same_either_way(pairs: list[tuple[str, str]]) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\nBody.\n"
    fast = documents.read("a.md", raw=text.encode())
    real = yamlpos.quick
    try:
        yamlpos.quick = lambda text: None  # type: ignore[assignment]
        slow = documents.read("a.md", raw=text.encode())
    finally:
        yamlpos.quick = real  # type: ignore[assignment]
    assert repr(fast) == repr(slow)
