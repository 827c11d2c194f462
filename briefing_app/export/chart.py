"""The vector timeline chart (reportlab.graphics), drawn from the events.

A months axis fitted to the events' own dates (padded); where a long empty
stretch would squeeze the rest — a lone 2022 event before a 2023 cluster —
the axis breaks ("//") and the cluster gets most of the width. Each event is
a mark in a lane with its label beside it. Precision shows: an exact day is
a filled dot, a month or year known only coarsely is a pale bar across that
month or year, a range is a solid bar from start to end; anything
approximate is light orange with a dashed orange edge (ring or bar). Labels
are packed into lanes greedily so no two overlap, and each stays inside its
own axis segment (never across a break), elided if the segment is narrower
than the label; labels sit on a white ground, so a dotted connector running
up to a higher lane passes behind them. When there are too many
events to label legibly the chart counts events per period instead.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.core.briefing.dates import MONTH_ABBR, Precision
from briefing_app.core.briefing.model import Event
from briefing_app.export.bidi import needs_shaping
from briefing_app.export.fonts import SANS, split_runs
from briefing_app.export.styles import PALETTE

__all__ = ["timeline_drawing", "legend_drawing", "mark_kind", "MAX_LABELLED", "Overlay"]

MAX_LABELLED = 36
LANE = 15.0
LABEL_MAX = 230.0
LABEL_SIZE = 7.2
AXIS_SIZE = 7.0
MARK = colors.HexColor("#1f3a5f")
PALE = colors.HexColor("#9fb3cc")
APPROX = colors.HexColor("#b5651d")
APPROX_FILL = colors.HexColor("#f6e0c8")  # light orange: an approximate month or year
APPROX_MID = colors.HexColor("#e3a86e")  # an approximate range


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


_BREAK_W = 14.0  # the gap an axis break leaves between two segments
_MIN_SEG = 56.0  # no segment narrower than this (an outlier still gets a readable tick)


def _tick_step(span_months: float, max_ticks: float = 12) -> int:
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200):
        if span_months / step <= max_ticks:
            return step
    return 2400


class _Segment:
    """A stretch of the axis: months [lo, hi] drawn between x0 and x1."""

    __slots__ = ("lo", "hi", "x0", "x1", "count")

    def __init__(self, lo: float, hi: float, count: int) -> None:
        self.lo, self.hi, self.count = lo, hi, count
        self.x0 = self.x1 = 0.0

    def x(self, m: float) -> float:
        return self.x0 + (m - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _segments(spans: Sequence[tuple[float, float]], left: float, right: float,
              allow_breaks: bool) -> list[_Segment]:
    """The axis from the events' own dates, padded; broken where a long empty stretch
    (an outlier far from the cluster) would squeeze everything else to one side."""
    order = sorted(spans)
    clusters: list[list[float]] = []  # [lo, hi, count]
    for s, e in order:
        if clusters and s <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], e)
            clusters[-1][2] += 1
        else:
            clusters.append([s, e, 1])
    total = max(e for _, e in spans) - order[0][0]
    groups = [clusters[0][:]]
    # Gaps worth breaking: at least 3 months and 30% of the whole span; at most
    # the three largest, so the axis never turns into a row of fragments.
    gaps = sorted(((clusters[i + 1][0] - clusters[i][1], i) for i in range(len(clusters) - 1)), reverse=True)
    breaks = {i for g, i in gaps[:3] if allow_breaks and g >= 3 and g >= 0.3 * total}
    for i in range(1, len(clusters)):
        if i - 1 in breaks:
            groups.append(clusters[i][:])
        else:
            groups[-1][1] = max(groups[-1][1], clusters[i][1])
            groups[-1][2] += clusters[i][2]
    segs = []
    for lo, hi, n in groups:
        pad = max(0.25, 0.05 * (hi - lo))
        segs.append(_Segment(lo - pad, hi + pad, int(n)))
    if len(segs) == 1 and segs[0].hi - segs[0].lo < 3:
        mid = (segs[0].hi + segs[0].lo) / 2  # a short span still shows a few months
        segs[0].lo, segs[0].hi = mid - 1.5, mid + 1.5
    avail = right - left - _BREAK_W * (len(segs) - 1)
    # Width follows the months shown, weighted by how many events crowd them, so a
    # lone outlier takes a narrow stretch and the cluster most of the width.
    weights = [(g.hi - g.lo) * g.count ** 0.5 for g in segs]
    widths = [avail * w / sum(weights) for w in weights]
    short = [i for i, w in enumerate(widths) if w < _MIN_SEG]
    if short and len(segs) * _MIN_SEG < avail:
        rest = avail - _MIN_SEG * len(short)
        others = sum(weights[i] for i in range(len(segs)) if i not in short)
        widths = [_MIN_SEG if i in short else rest * weights[i] / others for i in range(len(segs))]
    x = left
    for g, w in zip(segs, widths, strict=True):
        g.x0, g.x1 = x, x + w
        x += w + _BREAK_W
    return segs


#: A label drawn over the chart as a paragraph: (x, baseline y, text, size, colour).
Overlay = tuple[float, float, str, float, colors.Color]


def timeline_drawing(events: Sequence[Event], width: float,
                     overlays: list[Overlay] | None = None) -> Drawing | None:
    """The chart for `events` (any order), `width` points wide; None if no events.

    With `overlays`, event labels that need shaping (Arabic, Hebrew…) are not drawn as
    graphics strings (which ReportLab never shapes) but listed there, for `LabelledChart`.
    """
    if not events:
        return None
    spans = [_span(e) for e in events]
    left, right = 6.0, width - 6.0
    labelled = len(events) <= MAX_LABELLED
    segs = _segments(spans, left, right, allow_breaks=labelled)

    def xof(m: float) -> float:
        for g in segs:
            if m <= g.hi:
                return g.x(max(m, g.lo))
        return segs[-1].x(m)

    body = Group()
    axis_y = 22.0
    if labelled:
        order = sorted(range(len(events)), key=lambda i: (spans[i][0], events[i].sort_key))

        def seg_of(i: int) -> _Segment:
            return next((g for g in segs if spans[i][0] <= g.hi), segs[-1])

        # A label never leaves its own segment: at most the segment's width.
        labels = {i: _shorten(events[i].title, LABEL_SIZE,
                              min(LABEL_MAX, seg_of(i).x1 - seg_of(i).x0)) for i in order}
        widths = {i: _width(labels[i], LABEL_SIZE) for i in order}

        def beside(i: int) -> float | None:
            x0, x1 = xof(spans[i][0]), xof(spans[i][1])
            g = seg_of(i)
            if max(x0 + 3.2, x1) + 4 + widths[i] <= g.x1:
                return max(x0 + 3.2, x1) + 4  # right of the mark
            if x0 - 5 - widths[i] >= g.x0:
                return x0 - 5 - widths[i]  # left of it
            return None

        # Labels beside their marks when every one fits; otherwise (wide month bars
        # in a narrow chart) every label sits above its mark, one consistent look.
        above = any(beside(i) is None for i in order)
        pitch = LANE + 7 if above else LANE
        lane_end: list[float] = []
        placed: list[tuple[int, int, float]] = []  # (event index, lane, label x)
        for i in order:
            x0, x1 = xof(spans[i][0]), xof(spans[i][1])
            w = widths[i]
            g = seg_of(i)
            if above:
                lx = max(g.x0, min(x0 - (3.0 if x1 - x0 < 4 else 0.0), g.x1 - w))
            else:
                lx = beside(i) or g.x0
            start = min(x0 - 3.2, lx)
            end = max(x1 + 3.2, lx + w)
            lane = next((k for k, e in enumerate(lane_end) if e + 6 <= start), len(lane_end))
            if lane == len(lane_end):
                lane_end.append(end)
            else:
                lane_end[lane] = end
            placed.append((i, lane, lx))
        lanes = max(1, len(lane_end))
        height = axis_y + 12 + lanes * pitch + (4 if not above else 0)
        # Connectors first, then marks, then labels on a white ground: a connector on its
        # way up to a higher lane goes behind marks and labels, never through the words.
        connectors, marks, texts = Group(), Group(), Group()
        for i, lane, lx in placed:
            ev = events[i]
            y = axis_y + 12 + lane * pitch + 4
            x0, x1 = xof(spans[i][0]), xof(spans[i][1])
            connectors.add(Line(x0, axis_y, x0, y - 3.5, strokeColor=PALETTE["rule"], strokeWidth=0.3,
                                strokeDashArray=[1, 1.5]))
            _draw_kind(marks, mark_kind(ev), x0, x1, y)
            ty = y + 5.5 if above else y - 2.5
            texts.add(Rect(lx - 1, ty - 2, widths[i] + 2, LABEL_SIZE + 1.5, fillColor=colors.white,
                           strokeColor=None))
            if overlays is not None and needs_shaping(labels[i]):
                overlays.append((lx, ty, labels[i], LABEL_SIZE, PALETTE["ink"]))
            else:
                g, _ = _text(lx, ty, labels[i], LABEL_SIZE)
                texts.add(g)
        for part in (connectors, marks, texts):
            body.add(part)
    else:
        plot_h = 90.0
        height = axis_y + plot_h + 16
        seg = segs[0]
        step = _tick_step(max(seg.hi - seg.lo, 1))
        bstep = max(1, step // 6) if step >= 6 else 1
        first = int(seg.lo)
        buckets: dict[int, int] = {}
        for s, _ in spans:
            k = int(s) - (int(s) - first) % bstep
            buckets[k] = buckets.get(k, 0) + 1
        peak = max(buckets.values())
        for k in sorted(buckets):
            h = buckets[k] / peak * plot_h
            x0, x1 = seg.x(max(k, seg.lo)), seg.x(min(k + bstep, seg.hi))
            body.add(Rect(x0 + 0.4, axis_y, max(0.6, x1 - x0 - 0.8), h, fillColor=PALE,
                          strokeColor=None))
        g, _ = _text(left, axis_y + plot_h + 6,
                     f"{len(events):,} events — bars count events per "
                     f"{'month' if bstep == 1 else f'{bstep} months'} (peak {peak:,})", AXIS_SIZE,
                     colour=PALETTE["slate"])
        body.add(g)

    d = Drawing(width, height, initialFontName=SANS, initialFontSize=AXIS_SIZE)
    for k, seg in enumerate(segs):
        _draw_axis(d, seg, axis_y, height)
        if k:
            _draw_break(d, segs[k - 1].x1, seg.x0, axis_y)
    d.add(body)
    return d


def _draw_axis(d: Drawing, seg: _Segment, axis_y: float, height: float) -> None:
    """One segment's axis line, ticks, grid and labels (labels never cross its ends)."""
    slate = PALETTE["slate"]
    d.add(Line(seg.x0, axis_y, seg.x1, axis_y, strokeColor=slate, strokeWidth=0.8))
    step = _tick_step(max(seg.hi - seg.lo, 1), max(1.0, (seg.x1 - seg.x0) / 46))
    m = int(seg.lo) - int(seg.lo) % step
    if m < seg.lo:
        m += step
    ticks = list(range(m, int(seg.hi) + 1, step))
    for t in ticks:
        x = seg.x(t)
        d.add(Line(x, axis_y, x, axis_y - 3, strokeColor=slate, strokeWidth=0.6))
        d.add(Line(x, axis_y, x, height - 2, strokeColor=PALETTE["shade"], strokeWidth=0.5))
    # Label each period between ticks (and the part-periods at the ends), centred on
    # the stretch it names when it fits there, else at its tick.
    starts = [ticks[0] - step, *ticks] if ticks else [int(seg.lo) - int(seg.lo) % step]
    shown_year = False
    for t in starts:
        a, b = max(seg.lo, t), min(seg.hi, t + step)
        if b - a < 0.5 * step:
            continue  # a sliver of padding: naming it would mislead
        year, month = divmod(t, 12)
        if step >= 12:
            text = str(year) if step == 12 else f"{year}–{(t + step - 1) // 12}"
        elif month == 0 or not shown_year:
            text = f"{MONTH_ABBR[month]} {year}"
        else:
            text = MONTH_ABBR[month]
        tw = _width(text, AXIS_SIZE)
        xa, xb = seg.x(a), seg.x(b)
        if tw <= xb - xa - 2:
            x = (xa + xb) / 2 - tw / 2
        elif xa + 2 + tw <= seg.x1:
            x = xa + 2  # too narrow to centre its name
        else:
            continue
        shown_year = True
        g, _ = _text(x, axis_y - 11, text, AXIS_SIZE, colour=slate)
        d.add(g)


def _draw_break(d: Drawing, xa: float, xb: float, axis_y: float) -> None:
    """The axis break "//" between two segments: time left out."""
    mid = (xa + xb) / 2
    for dx in (-2.2, 2.2):
        d.add(Line(mid + dx - 2.2, axis_y - 4.5, mid + dx + 2.2, axis_y + 4.5, strokeColor=PALETTE["slate"],
                   strokeWidth=0.9))


def _draw_kind(g: Group | Drawing, kind: str, x0: float, x1: float, y: float) -> None:
    """One mark; the legend draws the same marks with the same function."""
    w = max(x1 - x0, 3.0)
    if kind == "dot":
        g.add(Circle(x0, y, 3.0, fillColor=MARK, strokeColor=colors.white, strokeWidth=0.4))
    elif kind == "ring":
        g.add(Circle(x0, y, 3.0, fillColor=APPROX_FILL, strokeColor=APPROX, strokeWidth=1.0,
                     strokeDashArray=[1.6, 1.1]))
    elif kind == "pale":
        g.add(Rect(x0, y - 3, w, 6, fillColor=PALE, strokeColor=MARK, strokeWidth=0.6))
    elif kind == "bar":
        g.add(Rect(x0, y - 3, w, 6, fillColor=MARK, strokeColor=None))
    else:  # "apale", "abar": approximate — light orange with a dashed orange edge
        g.add(Rect(x0, y - 3, w, 6, fillColor=APPROX_FILL if kind == "apale" else APPROX_MID,
                   strokeColor=APPROX, strokeWidth=1.0, strokeDashArray=[2.4, 1.4]))


def mark_kind(ev: Event) -> str:
    """Which mark `_draw_kind` draws for `ev` (the legend lists only those used)."""
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
        if kind in ("dot", "ring"):
            _draw_kind(d, kind, x + 3.5, x + 3.5, y)
            x += 10
        else:
            _draw_kind(d, kind, x, x + 18, y)
            x += 22
        g, w = _text(x, y - 2.5, text, AXIS_SIZE, colour=PALETTE["slate"])
        d.add(g)
        x += w + 14
    return d
