"""The vector timeline chart (reportlab.graphics), drawn from the events.

A months axis; each event is a mark in a lane with its label beside it.
Precision shows: an exact day is a filled dot, a month or year known only
coarsely is a pale bar across that month or year, an approximate date is a
hollow dot or a hatched bar, a range is a solid bar from start to end. Labels
are packed into lanes greedily so no two overlap. When there are too many
events to label legibly the chart counts events per period instead.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.core.dates import MONTH_ABBR, Precision
from briefing_app.core.model import Event

from .fonts import SANS, split_runs
from .styles import PALETTE

__all__ = ["timeline_drawing", "legend_drawing", "mark_kind", "MAX_LABELLED"]

MAX_LABELLED = 36
LANE = 15.0
LABEL_MAX = 230.0
LABEL_SIZE = 7.2
AXIS_SIZE = 7.0
MARK = colors.HexColor("#1f3a5f")
PALE = colors.HexColor("#9fb3cc")
APPROX = colors.HexColor("#b5651d")


def _months(d: _dt.date) -> float:
    """Months since year 0, with the day as a fraction."""
    return d.year * 12 + (d.month - 1) + (d.day - 1) / 31.0


def _span(ev: Event) -> tuple[float, float]:
    start = _months(ev.date.earliest())
    end_date = (ev.end or ev.date).latest()
    end = _months(end_date) + (1 / 31.0)
    return start, max(end, start)


def _text(x: float, y: float, text: str, size: float, face: str = SANS,
          colour: colors.Color = PALETTE["ink"]) -> tuple[Group, float]:
    """A string drawn in runs so fallback faces give real glyphs; returns width."""
    g = Group()
    cx = x
    for fb, run in split_runs(text):
        font = fb or face
        g.add(String(cx, y, run, fontName=font, fontSize=size, fillColor=colour))
        cx += stringWidth(run, font, size)
    return g, cx - x


def _width(text: str, size: float, face: str = SANS) -> float:
    return sum(stringWidth(run, fb or face, size) for fb, run in split_runs(text))


def _shorten(text: str, size: float, limit: float) -> str:
    text = " ".join(text.split())
    if _width(text, size) <= limit:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid] + "…", size) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _tick_step(span_months: float) -> int:
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200):
        if span_months / step <= 12:
            return step
    return 2400


def timeline_drawing(events: Sequence[Event], width: float) -> Drawing | None:
    """The chart for `events` (any order), `width` points wide; None if no events."""
    if not events:
        return None
    spans = [_span(e) for e in events]
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    step = _tick_step(max(hi - lo, 1))
    first = int(lo) - int(lo) % step
    last = int(hi) + 1
    last += (-(last - first)) % step
    if last - first < 3:
        last = first + 3
    left, right = 6.0, width - 6.0

    def xof(m: float) -> float:
        return left + (m - first) / (last - first) * (right - left)

    labelled = len(events) <= MAX_LABELLED
    body = Group()
    if labelled:
        order = sorted(range(len(events)), key=lambda i: (spans[i][0], events[i].sort_key))
        lane_end: list[float] = []
        placed: list[tuple[int, int, float]] = []  # (event index, lane, label x)
        for i in order:
            ev = events[i]
            x0, x1 = xof(spans[i][0]), xof(spans[i][1])
            label = _shorten(ev.title, LABEL_SIZE, min(LABEL_MAX, right - left))
            w = _width(label, LABEL_SIZE)
            lx = max(x0 + 2.8, x1) + 4
            if lx + w > right:
                lx = max(left, x0 - 5 - w)  # no room on the right: label to the left
            start = min(x0, lx)
            end = max(x1, lx + w)
            lane = next((k for k, e in enumerate(lane_end) if e + 6 <= start), len(lane_end))
            if lane == len(lane_end):
                lane_end.append(end)
            else:
                lane_end[lane] = end
            placed.append((i, lane, lx))
        lanes = max(1, len(lane_end))
        axis_y = 22.0
        height = axis_y + 12 + lanes * LANE + 4
        for i, lane, lx in placed:
            ev = events[i]
            y = axis_y + 12 + lane * LANE + 4
            x0, x1 = xof(spans[i][0]), xof(spans[i][1])
            body.add(Line(x0, axis_y, x0, y - 3, strokeColor=PALETTE["rule"], strokeWidth=0.3,
                          strokeDashArray=[1, 1.5]))
            _draw_mark(body, ev, x0, x1, y)
            g, _ = _text(lx, y - 2.5, _shorten(ev.title, LABEL_SIZE, min(LABEL_MAX, right - left)),
                         LABEL_SIZE)
            body.add(g)
    else:
        axis_y = 22.0
        plot_h = 90.0
        height = axis_y + plot_h + 16
        buckets: dict[int, int] = {}
        bstep = max(1, step // 6) if step >= 6 else 1
        for s, _ in spans:
            k = int(s) - (int(s) - first) % bstep
            buckets[k] = buckets.get(k, 0) + 1
        peak = max(buckets.values())
        for k in sorted(buckets):
            h = buckets[k] / peak * plot_h
            x0, x1 = xof(k), xof(k + bstep)
            body.add(Rect(x0 + 0.4, axis_y, max(0.6, x1 - x0 - 0.8), h, fillColor=PALE,
                          strokeColor=None))
        g, _ = _text(left, axis_y + plot_h + 6,
                     f"{len(events):,} events — bars count events per "
                     f"{'month' if bstep == 1 else f'{bstep} months'} (peak {peak:,})", AXIS_SIZE,
                     colour=PALETTE["slate"])
        body.add(g)

    d = Drawing(width, height, initialFontName=SANS, initialFontSize=AXIS_SIZE)
    # Axis with month ticks.
    d.add(Line(left, axis_y, right, axis_y, strokeColor=PALETTE["slate"], strokeWidth=0.8))
    for m in range(first, last + 1, step):
        x = xof(m)
        d.add(Line(x, axis_y, x, axis_y - 3, strokeColor=PALETTE["slate"], strokeWidth=0.6))
        d.add(Line(x, axis_y, x, height - 2, strokeColor=PALETTE["shade"], strokeWidth=0.5))
        if m < last:
            year, month = divmod(m, 12)
            text = str(year) if step >= 12 else (
                f"{MONTH_ABBR[month]} {year}" if (month == 0 or m == first) else MONTH_ABBR[month])
            tw = _width(text, AXIS_SIZE)
            cx = (x + xof(min(m + step, last))) / 2 if step >= 12 else x + 2
            g, _ = _text(cx - (tw / 2 if step >= 12 else 0), axis_y - 11, text, AXIS_SIZE,
                         colour=PALETTE["slate"])
            d.add(g)
    d.add(body)
    return d


def _draw_mark(g: Group, ev: Event, x0: float, x1: float, y: float) -> None:
    exact_day = ev.date.precision is Precision.DAY and (ev.end is None or ev.end.precision is Precision.DAY)
    if ev.end is not None and ev.end != ev.date:
        colour = APPROX if ev.approximate else MARK
        g.add(Rect(x0, y - 2.2, max(x1 - x0, 2), 4.4, fillColor=colour, strokeColor=None,
                   fillOpacity=0.85))
        if ev.approximate:
            g.add(Rect(x0, y - 2.2, max(x1 - x0, 2), 4.4, fillColor=None, strokeColor=APPROX,
                       strokeDashArray=[2, 1.5], strokeWidth=0.6))
    elif not exact_day:
        # Known only to the month or year: a pale bar over the whole period.
        g.add(Rect(x0, y - 2.2, max(x1 - x0, 2), 4.4, fillColor=PALE, strokeColor=APPROX if ev.approximate
                   else MARK, strokeWidth=0.5, strokeDashArray=[2, 1.5] if ev.approximate else None))
    elif ev.approximate:
        g.add(Circle(x0, y, 2.8, fillColor=colors.white, strokeColor=APPROX, strokeWidth=1.1))
    else:
        g.add(Circle(x0, y, 2.8, fillColor=MARK, strokeColor=colors.white, strokeWidth=0.4))


def mark_kind(ev: Event) -> str:
    """Which mark `_draw_mark` draws for `ev` (the legend lists only those used)."""
    exact_day = ev.date.precision is Precision.DAY and (ev.end is None or ev.end.precision is Precision.DAY)
    if ev.end is not None and ev.end != ev.date:
        return "abar" if ev.approximate else "bar"
    if not exact_day:
        return "apale" if ev.approximate else "pale"
    return "ring" if ev.approximate else "dot"


_LEGEND = (("dot", "exact date"), ("ring", "approximate date"), ("pale", "month or year only"),
           ("apale", "approximate month or year"), ("bar", "date range"), ("abar", "approximate range"))


def legend_drawing(width: float, events: Sequence[Event] | None = None) -> Drawing | None:
    """Key to the marks used by `events` (all marks when None), as its own small row under the chart.

    None when the chart counts events instead of marking them (too many to label).
    """
    if events is not None and len(events) > MAX_LABELLED:
        return None
    used = {mark_kind(e) for e in events} if events is not None else {k for k, _ in _LEGEND}
    d = Drawing(width, 14, initialFontName=SANS, initialFontSize=AXIS_SIZE)
    x = 6.0
    y = 6.0
    for kind, text in _LEGEND:
        if kind not in used:
            continue
        if kind == "dot":
            d.add(Circle(x + 3, y, 2.8, fillColor=MARK, strokeColor=None))
            x += 9
        elif kind == "ring":
            d.add(Circle(x + 3, y, 2.8, fillColor=colors.white, strokeColor=APPROX, strokeWidth=1.1))
            x += 9
        elif kind in ("pale", "apale"):
            d.add(Rect(x, y - 2.2, 16, 4.4, fillColor=PALE, strokeColor=APPROX if kind == "apale" else MARK,
                       strokeWidth=0.5, strokeDashArray=[2, 1.5] if kind == "apale" else None))
            x += 20
        else:
            d.add(Rect(x, y - 2.2, 16, 4.4, fillColor=MARK if kind == "bar" else APPROX, strokeColor=None))
            x += 20
        g, w = _text(x, y - 2.5, text, AXIS_SIZE, colour=PALETTE["slate"])
        d.add(g)
        x += w + 14
    return d
