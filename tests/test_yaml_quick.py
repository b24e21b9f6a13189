"""yamlpos.quick (libyaml, no positions) reads front matter exactly as yamlpos.parse does: the
fast path of every article's front matter must never change a value. yamlpos.parse itself reads
through libyaml too, and must give what ruamel's round-trip loader gives, positions included
(the tests at the end)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from claimcheck.run import articles as documents
from claimcheck.yamlio import positions as yamlpos
from claimcheck.yamlio import subset as yamlsimple

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


# yamlsimple: the reader that spares a hook run the import of ruamel.yaml. It may decline
# anything; what it does read must be exactly what ruamel's safe loader reads, type included.

NOT_SIMPLE = "not simple"
# both loaders yamlpos.quick may fall back to: libyaml's (when ruamel.yaml.clib is installed) and
# the pure-Python one (a plain `pip install` of ruamel.yaml 0.19 has no clib)
LOADERS = [YAML(typ="safe"), YAML(typ="safe", pure=True)]


def _simple(text: str) -> Any:
    try:
        return yamlsimple.load(text)
    except yamlsimple.NotSimple:
        return NOT_SIMPLE


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, a date is not its text)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _agrees(text: str) -> Any:
    """yamlsimple's reading of `text`, asserted to be a decline or ruamel's reading."""
    got = _simple(text)
    if got == NOT_SIMPLE:
        return got
    for loader in LOADERS:
        try:
            want = loader.load(text)
        except Exception as exc:  # any failure of ruamel's
            raise AssertionError(f"read {text!r} as {got!r}; ruamel fails: {exc}") from None
        assert _same(got, want), f"{text!r}: yamlsimple {got!r}, ruamel {want!r}"
    return got


WORDS = ["a", "Tokyo", "Hà Nội", "it's", "x-y", "a.b", "/srv/rules", "./r", "(a)", "$5", "_x"]
TYPED = ["2021", "-3", "0", "12.5", "-0.25", "2008-09-07", "true", "FALSE", "~", "null", "NULL"]
ATOMS = [*WORDS, *TYPED, *SCALARS[:20], "10 things", "2021 in review", "a, b", "a #b", "a#b"]
PLAIN = st.sampled_from(ATOMS)
SCALAR = st.one_of(
    PLAIN,
    PLAIN.map(lambda s: f"'{s}'"),
    PLAIN.map(lambda s: f'"{s}"'),
    st.text(alphabet="ab1-:#'\" .,[]{}é", min_size=1, max_size=6),
)
COMMENT = st.sampled_from(["", " # note", "  #", " #: x"])


@st.composite
def documents_(draw: st.DrawFn) -> str:
    """A front matter or config in (mostly) the subset: keys with scalars, flow sequences,
    block sequences or one nested mapping, with comments and blank lines between them."""
    lines = []
    keys = st.lists(st.sampled_from([*KEYS, "rules", "severity"]), max_size=5, unique=True)
    for key in draw(keys):
        shape = draw(st.sampled_from(["scalar", "flow", "block", "map", "none"]))
        if shape == "scalar":
            lines.append(f"{key}: {draw(SCALAR)}{draw(COMMENT)}")
        elif shape == "flow":
            items = draw(st.lists(SCALAR, max_size=3))
            lines.append(f"{key}: [{', '.join(items)}]{draw(COMMENT)}")
        elif shape == "none":
            lines.append(f"{key}:{draw(COMMENT)}")
        else:
            lines.append(f"{key}:{draw(COMMENT)}")
            pad = " " * draw(st.sampled_from([0, 2, 4] if shape == "block" else [2, 4]))
            for i, value in enumerate(draw(st.lists(SCALAR, min_size=1, max_size=3))):
                lead = "- " if shape == "block" else f"k{i}: "
                lines.append(f"{pad}{lead}{value}{draw(COMMENT)}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# c", "  # indented", "   "])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@st.composite
def tricky(draw: st.DrawFn) -> str:
    """A simple document with some of its characters replaced, inserted or deleted."""
    text = draw(documents_())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        bit = draw(
            st.sampled_from(
                [
                    " ",
                    "\n",
                    "\t",
                    "-",
                    "- ",
                    ":",
                    ": ",
                    "#",
                    " #",
                    "'",
                    '"',
                    "\\",
                    "[",
                    "]",
                    "{",
                    "}",
                    ",",
                    "&a ",
                    "*a",
                    "!!str ",
                    "|",
                    ">",
                    "? ",
                    "%",
                    "@",
                    "`",
                    "---",
                    "...",
                    "\n  ",
                    "\n- ",
                    "0",
                    "1",
                    ".",
                    "e",
                    "x",
                    "_",
                    "é",
                    "\x85",
                    "\u2028",
                    "\ufeff",
                    "\r",
                    "\x00",
                    "T10:00:00",
                    "date: 1\n",
                ]
            )
        )
        cut = draw(st.integers(0, 2))
        text = text[:at] + bit + text[at + cut :]
    return text


@settings(max_examples=1500, deadline=None)
@given(documents_())
def test_yamlsimple_reads_simple_documents_as_ruamel_does(text: str) -> None:
    _agrees(text)


@settings(max_examples=1500, deadline=None)
@given(tricky())
def test_yamlsimple_reads_tricky_documents_as_ruamel_does_or_declines(text: str) -> None:
    _agrees(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab01-_.:# '\"\n[],&*!|>?~éT", max_size=30))
def test_yamlsimple_on_any_text_declines_or_agrees(text: str) -> None:
    _agrees(text)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2008-09-07", dt.date(2008, 9, 7)),
        ("2021-02", "2021-02"),  # a month: text to ruamel, and read as text here
        ("2021", 2021),
        ("-3", -3),
        ("0", 0),
        ("12.5", 12.5),
        ("-0.25", -0.25),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("tRue", "tRue"),
        ("~", None),
        ("Null", None),
        ("NULL", None),
        ("nULL", "nULL"),
        ("", None),
        ("yes", "yes"),  # YAML 1.2: text, not a bool
        ("no", "no"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("10 things", "10 things"),
        ("2021 in review", "2021 in review"),
        ("./rules", "./rules"),
        ("https://example.org/a?b=c#frag", "https://example.org/a?b=c#frag"),
        ("Japan's PM, again [sic]", "Japan's PM, again [sic]"),
        ("Hà Nội", "Hà Nội"),
        ("text # a comment", "text"),
        ("'quoted: text # kept'", "quoted: text # kept"),
        ('"double"', "double"),
        ("[a, 'b, c', 2020-01-01, 3]", ["a", "b, c", dt.date(2020, 1, 1), 3]),
        ("[]", []),
        # whatever could be a number, a time, or more than one line is left to ruamel
        ("0755", NOT_SIMPLE),  # ruamel 1.2: 755
        ("1:20", NOT_SIMPLE),  # ruamel 1.2: text (1.1: 80)
        ("0x1F", NOT_SIMPLE),
        ("0o17", NOT_SIMPLE),
        ("0b101", NOT_SIMPLE),
        ("1_000", NOT_SIMPLE),
        ("+1", NOT_SIMPLE),
        ("1e3", NOT_SIMPLE),
        ("1.", NOT_SIMPLE),
        (".5", NOT_SIMPLE),
        (".inf", NOT_SIMPLE),
        ("-.inf", NOT_SIMPLE),
        (".nan", NOT_SIMPLE),
        ("2017-12-05T10:08Z", NOT_SIMPLE),  # text to ruamel, but too close to call
        ("2017-12-05 10:08:00", NOT_SIMPLE),
        ("2017-12-05t10:08:00.5+07:00", NOT_SIMPLE),
        ("2021-2-3", NOT_SIMPLE),
        ("2021-02-30", NOT_SIMPLE),  # ruamel fails on it
        ("0000-01-01", NOT_SIMPLE),
        ("1" * 5000, NOT_SIMPLE),  # past Python's int digit limit
        ("12 fine", NOT_SIMPLE),
        ("-a", NOT_SIMPLE),
        ("&anchor value", NOT_SIMPLE),
        ("*alias", NOT_SIMPLE),
        ("!!str 12", NOT_SIMPLE),
        ("|", NOT_SIMPLE),
        (">", NOT_SIMPLE),
        ("? a", NOT_SIMPLE),
        ("{k: v}", NOT_SIMPLE),
        ("<<", NOT_SIMPLE),
        ("=", NOT_SIMPLE),
        ("%x", NOT_SIMPLE),
        ("@x", NOT_SIMPLE),
        ("a: b", NOT_SIMPLE),
        ("a:", NOT_SIMPLE),
        ("'it''s'", NOT_SIMPLE),
        ('"caf\\u00e9"', NOT_SIMPLE),
        ("'open", NOT_SIMPLE),
        ("'a' b", NOT_SIMPLE),
        ("[a, [b]]", NOT_SIMPLE),
        ("[a, ]", NOT_SIMPLE),
        ("[a,, b]", NOT_SIMPLE),
        ("[a", NOT_SIMPLE),
        ("[a:b]", NOT_SIMPLE),
        ("[a] b", NOT_SIMPLE),
        ("a\tb", NOT_SIMPLE),
        ("a\x85b", NOT_SIMPLE),
        ("a\u2028b", NOT_SIMPLE),
        ("a\x01b", NOT_SIMPLE),
    ],
)
def test_yamlsimple_edge_scalars(value: str, want: Any) -> None:
    got = _agrees(f"key: {value}\n")
    assert _same(got, want if want == NOT_SIMPLE else {"key": want})


@pytest.mark.parametrize(
    "text",
    [
        "title: A long\n  title\n",  # a multi-line plain scalar
        "title: 'A long\n  title'\n",
        "a: 1\na: 2\n",  # a duplicate key
        "severity:\n  x: info\n  x: error\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: yes\n",
        "- a\n- b\n",  # not a mapping
        "just text\n",
        "  a: 1\n  b: 2\n",  # an indented top-level mapping
        "a:\n  - x\n   - y\n",
        "a:\n  - x\n    y\n",
        "a:\n  b:\n    c: 1\n",  # two levels
        "a:\n  b: [1]\n",
        "a:\n  -\n",
        "a:\n  - - x\n",
        "a:\n  - k: v\n",
        "? a\n: b\n",
        "a : b\n",
        "a:b\n",
        "true: 1\n",
        "null: 1\n",
        "a: 1\r\nb: 2\r\n",
        "\ufeffa: 1\n",
        "a: [x,\n  y]\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "<<: {a: 1}\n",
    ],
)
def test_yamlsimple_declines_what_it_is_not_sure_of(text: str) -> None:
    assert _agrees(text) == NOT_SIMPLE


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("", None),
        ("# only a comment\n\n", None),
        (
            "title: Article 520\ndate: 2002-07-09\ntags: [trade, Japan]\ndraft: false\n",
            {
                "title": "Article 520",
                "date": dt.date(2002, 7, 9),
                "tags": ["trade", "Japan"],
                "draft": False,
            },
        ),
        (
            "rules: [rules]  # the newsroom's\ncorpus: ['archive/**/*.md']\nfail_on: warning\n"
            "severity:\n  term-wrong-variant: warning\n\n  # quiet\n  name-order: info\n"
            "disable:\n- document-no-date\n- rank-unsupported\nbaseline:\n",
            {
                "rules": ["rules"],
                "corpus": ["archive/**/*.md"],
                "fail_on": "warning",
                "severity": {"term-wrong-variant": "warning", "name-order": "info"},
                "disable": ["document-no-date", "rank-unsupported"],
                "baseline": None,
            },
        ),
        (
            "exclude:\n    - drafts/*\n    - README.md\ninclude: ['*.md']\n",
            {"exclude": ["drafts/*", "README.md"], "include": ["*.md"]},
        ),
    ],
)
def test_yamlsimple_reads_typical_front_matter_and_configs(text: str, want: Any) -> None:
    assert _same(_agrees(text), want)


def test_quick_uses_yamlsimple_and_falls_back_to_ruamel() -> None:
    assert yamlpos.quick("date: 2021-01-01\n") == {"date": dt.date(2021, 1, 1)}
    assert yamlpos.quick("date: 0x1F\n") == {"date": 31}  # declined, read by ruamel
    assert yamlpos.quick("a: [b\n") is None
    assert yamlpos.quick("a: 2021-02-30\n") is None


# yamlpos.parse: libyaml composes, then the values and positions must be exactly those of
# ruamel's round-trip loader in pure Python (what rule files were read with before), or the fast
# path declines and the round-trip loader reads the text itself.

RT = YAML(typ="rt", pure=True)
BASES = (bool, int, float, str, dt.datetime, dt.date, type(None), dict, list)


def _same_with_places(a: Any, b: Any, where: str = "") -> None:
    """a (yamlpos.parse) equals b (the round-trip loader's), as the same builtin kinds, with
    the same line and column for every key, value and item."""
    base = next(t for t in BASES if isinstance(b, t))
    assert isinstance(a, base) and a == b, f"{where}: {a!r} against {b!r}"
    if isinstance(b, bool) or not isinstance(b, dict | list):
        return
    assert (a.lc.line, a.lc.col) == (b.lc.line, b.lc.col), where
    if isinstance(b, dict):
        assert list(a) == list(b), where
        for k in b:
            assert (a.lc.key(k), a.lc.value(k)) == (b.lc.key(k), b.lc.value(k)), f"{where}.{k}"
            _same_with_places(a[k], b[k], f"{where}.{k}")
    else:
        for i in range(len(b)):
            assert a.lc.item(i) == b.lc.item(i), f"{where}[{i}]"
            _same_with_places(a[i], b[i], f"{where}[{i}]")


def _parses_as_round_trip(text: str) -> None:
    """libyaml's reading, unless declined, is the round-trip loader's; what that loader rejects
    is declined (and then rejected by `parse`, with the loader's message)."""
    fast = yamlpos._parse_fast(text)
    try:
        want = RT.load(text)
    except (NotImplementedError, AssertionError, AttributeError, IndexError):
        return  # the round-trip loader's own failures ("overlap in comment"): no reading to match
    except Exception:
        assert fast is yamlpos._DECLINED, f"{text!r} read as {fast!r}"
        with pytest.raises(yamlpos.YamlProblems):
            yamlpos.parse(text, "f.yaml")
        return
    if fast is not yamlpos._DECLINED:
        _same_with_places(fast, want)


@settings(max_examples=800, deadline=None)
@given(documents_())
@example("title: a\ndate: [', ' :1]\n")  # libyaml reads a mapping in the list; ruamel rejects it
def test_parse_reads_documents_as_the_round_trip_loader_does(text: str) -> None:
    _parses_as_round_trip(text)


@settings(max_examples=1500, deadline=None)
@given(tricky())
def test_parse_reads_tricky_documents_as_the_round_trip_loader_does(text: str) -> None:
    _parses_as_round_trip(text)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab01-_.:# '\"\n[],&*!|>?~éT<{}", max_size=40))
def test_parse_reads_any_text_as_the_round_trip_loader_does(text: str) -> None:
    _parses_as_round_trip(text)


def test_parse_reads_every_yaml_file_of_the_project_as_the_round_trip_loader_does() -> None:
    root = Path(__file__).parent.parent
    files = sorted(
        p
        for pattern in ("rules/**/*.yaml", "examples/**/*.yaml", "tests/**/*.yaml")
        for p in root.glob(pattern)
    )
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        _same_with_places(yamlpos.parse(text, str(path)), RT.load(text), str(path))
    # the project's own rule files (anchors and aliases included) take the fast path
    for path in sorted((root / "rules").glob("**/*.yaml")):
        assert yamlpos._parse_fast(path.read_text(encoding="utf-8")) is not yamlpos._DECLINED


def test_a_failure_inside_ruamel_is_a_problem_not_a_traceback() -> None:
    # ruamel's round-trip loader raises NotImplementedError on this comment (0.19)
    with pytest.raises(yamlpos.YamlProblems) as got:
        yamlpos.parse("n: #\x85 note\n\n", "odd.yaml")
    assert str(got.value).startswith("odd.yaml:1:1: cannot read this YAML")
