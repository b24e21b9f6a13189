"""The timelines' SVG: axes, legend, and one mark per claim or fact, from the computed charts.

Time across, value up; a mark is a bar over its period and value interval, an open-ended value a
thin bar at its bound with an arrow; the value axis spans the values (not zero). Fixed number
formats (`_n`) keep the bytes the same for the same input.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from html import escape

from claimcheck.judge import amounts as U
from claimcheck.reports.html.data import Chart, Mark

# Chart geometry, in SVG user units (the SVG scales to the page width).
WIDTH, HEIGHT = 900, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 40, 46
MIN_W = 6.0  # a one-day period or a crowded year still gets a visible box
MIN_H = 3.0  # an exact value still gets a visible box
ARROW = 24.0  # length of the arrow that says a value is open-ended ("more than")
LABEL_MAX = 40  # marks numbered on the chart up to this many (the table below always is)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
COLOURS = {"claim": "#3b6ea8", "conflict": "#c62828", "fact": "#2e7d32"}


def _nice_step(raw: float) -> float:
    mag = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * mag >= raw * (1 - 1e-9):
            return m * mag
    return 10.0 * mag


def _decimals(step: float) -> int:
    for d in range(7):
        scaled = step * 10**d
        if abs(scaled - round(scaled)) <= 1e-6 * max(1.0, scaled):
            return d
    return 6


def _value_axis(lo: float, hi: float, unit: str) -> tuple[list[float], float, str]:
    """Ticks covering [lo, hi], the divisor for their labels, and the scale word."""
    if hi <= lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    step = _nice_step((hi - lo) / 5)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    ticks = [i * step for i in range(first, last + 1)]
    if U.dimension(unit) == "percent":
        return ticks, 1.0, ""
    top = max(abs(ticks[0]), abs(ticks[-1]))
    for word, size in reversed(U.SCALES.items()):
        if top >= size:
            return ticks, size, word
    return ticks, 1.0, ""


def _time_axis(first: dt.date, last: dt.date) -> tuple[int, int, int]:
    """Whole years around [first, last]: (first year, years shown, label step)."""
    y0, y1 = first.year, last.year
    years = y1 - y0 + 1
    step = next((s for s in YEAR_STEPS if years / s <= 12), YEAR_STEPS[-1])
    return y0, years, step


def _n(x: float) -> str:
    """SVG coordinates: one decimal, no '-0.0'."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def unit_label(unit: str) -> str:
    return "%" if U.dimension(unit) == "percent" else unit


def svg(chart: Chart, caption_id: str) -> str:
    marks = chart.marks
    ticks, divisor, word = _value_axis(*_value_range(marks), chart.unit)
    v0, v1 = ticks[0], ticks[-1]
    t_first = min(m.start for m in marks)
    t_last = max(m.end for m in marks)
    y_first, years, step = _time_axis(t_first, t_last)
    day0 = dt.date(y_first, 1, 1).toordinal()
    day1 = dt.date(y_first + years - 1, 12, 31).toordinal() + 1
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + pw * (day - day0) / (day1 - day0)

    def y(v: float) -> float:
        if v == math.inf:
            return TOP
        if v == -math.inf:
            return TOP + ph
        return TOP + ph - ph * (v - v0) / (v1 - v0)

    unit_text = ", ".join(s for s in (unit_label(chart.unit), f"{word}s" if word else "") if s)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{caption_id}" '
        f'class="chart" data-marks="{len(marks)}">'
    ]
    # value grid and labels
    d = _decimals((ticks[1] - ticks[0]) / divisor)
    for t in ticks:
        yy = _n(y(t))
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy}" y2="{yy}"/>')
        label = f"{t / divisor:,.{d}f}"
        label = "0" if label.strip("-0.,") == "" else label
        out.append(f'<text x="{LEFT - 6}" y="{yy}" text-anchor="end" dy="4">{label}</text>')
    # time ticks: a line at each January 1st shown, the year centred on its year when step is 1
    for year in range(y_first, y_first + years + 1):
        if year % step and year != y_first + years:
            continue
        if year > dt.MAXYEAR:
            break
        xx = _n(x(dt.date(year, 1, 1).toordinal()))
        out.append(f'<line class="axis" x1="{xx}" x2="{xx}" y1="{TOP + ph}" y2="{TOP + ph + 5}"/>')
        if year == y_first + years:
            continue
        if step == 1:
            nxt = dt.date(year, 12, 31).toordinal() + 1
            centre = _n((x(dt.date(year, 1, 1).toordinal()) + x(nxt)) / 2)
            out.append(f'<text x="{centre}" y="{TOP + ph + 17}" text-anchor="middle">{year}</text>')
        elif year % step == 0:
            out.append(f'<text x="{xx}" y="{TOP + ph + 17}" text-anchor="middle">{year}</text>')
    out.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + ph}" y2="{TOP + ph}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + ph}"/>'
        f'<text class="axis-label" x="{_n(LEFT + pw / 2)}" y="{HEIGHT - 6}" '
        'text-anchor="middle">period (year)</text>'
        f'<text class="axis-label" x="14" y="{_n(TOP + ph / 2)}" text-anchor="middle" '
        f'transform="rotate(-90 14 {_n(TOP + ph / 2)})">{escape(unit_text or "value")}</text>'
    )
    out.append(_legend())
    # marks: the ones sharing a period side by side, in the chart's order
    lanes: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)
    for i, m in enumerate(marks):
        lanes[(m.start, m.end)].append(i)
    numbered = len(marks) <= LABEL_MAX
    for (start, end), members in sorted(lanes.items()):
        left, right = x(start.toordinal()), x(end.toordinal() + 1)
        n = len(members)
        # side by side within the period; wider than the period for a day, never beyond the plot
        width = max((right - left) / n, min(MIN_W, pw / n))
        origin = (left + right) / 2 - width * n / 2
        origin = min(max(origin, LEFT), LEFT + pw - width * n)
        for lane, i in enumerate(members):
            m = marks[i]
            bx = origin + lane * width + (0.5 if width > 3 else 0)
            bw = max(width - 1, 2.0)
            top, bottom = _extent(m, y)
            out.append(_mark(m, i + 1, bx, top, bw, bottom - top, numbered))
    out.append("</svg>")
    return "".join(out)


def _value_range(marks: Sequence[Mark]) -> tuple[float, float]:
    """The values the axis spans: the marks' finite bounds, not zero (marks are bounds, not
    bars), with room for the open-ended arrows; never below zero when no value is."""
    finite = [v for m in marks for v in (m.low, m.high) if math.isfinite(v)]
    lo, hi = min(finite), max(finite)
    span = hi - lo or abs(hi) * 0.2 or 1.0
    lo, hi = lo - span * 0.05, hi + span * 0.05
    if any(m.high == math.inf for m in marks):
        hi += span * 0.25
    if any(m.low == -math.inf for m in marks):
        lo -= span * 0.25
    return (max(lo, 0.0) if min(finite) >= 0 else lo), hi


def _extent(m: Mark, y: Callable[[float], float]) -> tuple[float, float]:
    """Top and bottom of a mark's bar: its interval, or a thin bar at its one finite bound."""
    low = m.low if math.isfinite(m.low) else m.high
    high = m.high if math.isfinite(m.high) else m.low
    top, bottom = y(high), y(low)
    if bottom - top < MIN_H:
        mid = (top + bottom) / 2
        top, bottom = mid - MIN_H / 2, mid + MIN_H / 2
    return top, bottom


def _legend() -> str:
    items = [
        ("claim", "article's figure"),
        ("conflict", "figure with a finding"),
        ("fact", "rulebook fact"),
    ]
    out = ['<g class="legend">']
    x = LEFT
    for kind, text in items:
        dash = ' stroke-dasharray="4 2"' if kind == "fact" else ""
        fill_opacity = "0.25" if kind == "fact" else "0.85"
        out.append(
            f'<rect class="swatch {kind}" x="{x}" y="12" width="14" height="12" '
            f'fill="{COLOURS[kind]}" fill-opacity="{fill_opacity}" stroke="{COLOURS[kind]}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{x + 19}" y="22">{text}</text>'
        )
        x += 24 + 7 * len(text)
    text = "open-ended: more than"
    out.append(f'{_arrow(x + 7, 25, 10, "#333")}<text x="{x + 19}" y="22">{text}</text></g>')
    return "".join(out)


def _mark(m: Mark, n: int, x: float, y: float, w: float, h: float, numbered: bool) -> str:
    colour = COLOURS[m.kind]
    if m.kind == "fact":
        style = f'fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-width="2"'
    elif m.kind == "conflict":
        style = f'fill="{colour}" fill-opacity="0.9" stroke="#6d0000" stroke-width="1.5"'
    else:
        style = f'fill="{colour}" fill-opacity="0.85" stroke="#1d3f66" stroke-width="1"'
    open_ends = ""
    arrow = ""
    cx = x + w / 2
    label_y = y
    if m.high == math.inf:  # "more than": an arrow up from the bound, open-ended
        open_ends += " open-high"
        label_y = max(y - ARROW, TOP)
        arrow += _arrow(cx, y, label_y, colour)
    if m.low == -math.inf:  # "less than": an arrow down
        open_ends += " open-low"
        arrow += _arrow(cx, y + h, min(y + h + ARROW, HEIGHT - BOTTOM), colour)
    label = (
        f'<text class="mark-label" x="{_n(cx)}" y="{_n(max(label_y - 3, TOP - 2))}" '
        f'text-anchor="middle">{n}</text>'
        if numbered
        else ""
    )
    return (
        f'<g class="mark {m.kind}{open_ends}" data-n="{n}"><rect x="{_n(x)}" y="{_n(y)}" '
        f'width="{_n(w)}" height="{_n(h)}" {style}><title>{escape(f"{n}. {m.label}")}</title>'
        f"</rect>{arrow}{label}</g>"
    )


def _arrow(x: float, start: float, tip: float, colour: str) -> str:
    """A shaft from a bound to a tip and its head: the values go on beyond the bound."""
    head = 5.0 if tip < start else -5.0
    return (
        f'<line class="open" x1="{_n(x)}" x2="{_n(x)}" y1="{_n(start)}" y2="{_n(tip)}" '
        f'stroke="{colour}" stroke-width="2"/>'
        f'<polygon class="open" points="{_n(x - 4)},{_n(tip + head)} {_n(x + 4)},{_n(tip + head)} '
        f'{_n(x)},{_n(tip)}" fill="{colour}"/>'
    )
