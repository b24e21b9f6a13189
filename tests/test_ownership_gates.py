"""The quick tests in front of ownership's scans never hide a match: each is held to the pattern
it guards on text built from the characters those patterns read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import ownership
from claimcheck.rulebook.vocab import fold

_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\n", "-", "\u2013", "\u2014", ".", "'", "A", "B", "Q", "a", "z", "1",
     "Korean", "Japan", "Thai", "Dutch", "Danish", "South ", "between ", "between", "Between ",
     " and ", " & ", "the ", "U.S.", "Coca", "Cola", "year", "on", "(", "_"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_dashed_scan_starts_where_its_first_match_can(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    low = fold(text)
    every = [m.span() for m in ownership._DASHED.finditer(text, lo, hi)]
    dash = ownership._dash_before_capital(text, low, lo, hi)
    if dash < 0:
        assert every == []
    else:
        start = max(lo, text.rfind(" ", lo, dash - 1) + 1)
        assert [m.span() for m in ownership._DASHED.finditer(text, start, hi)] == every


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_between_scan_starts_at_the_first_between(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    every = [m.span() for m in ownership._BETWEEN.finditer(text, lo, hi)]
    at = fold(text).find("between", lo, hi)
    if at < 0:
        assert every == []
    else:
        assert [m.span() for m in ownership._BETWEEN.finditer(text, at, hi)] == every


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_nationality_gate_never_hides_a_match(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    if not ownership._may_end_nationality(text, lo, hi):
        assert ownership._NATIONALITY.search(text, lo, hi) is None


def test_the_gates_let_the_patterns_run_where_they_match() -> None:
    text = "trade between Vietnam and the RoK, the Japan\u2013Korea deal, Korean ODA"
    low = fold(text)
    dash = ownership._dash_before_capital(text, low, 0, len(text))
    assert text[dash] == "\u2013"
    assert ownership._DASHED.search(text, dash - 5, len(text)) is not None
    end = text.index("ODA")
    assert ownership._may_end_nationality(text, 0, end)
    assert ownership._NATIONALITY.search(text, 0, end) is not None
    assert not ownership._may_end_nationality(text, 0, text.index("RoK"))
