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


def _shorten(text: str, size: float, limit: float, face: str = SANS) -> str:
    text = " ".join(text.split())
    if _width(text, size, face) <= limit:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid] + "…", size, face) <= limit:
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


def timeline_drawing(events: Sequence[Event], width: float, overlays: list[Overlay] | None = None,
                     as_of: _dt.date | None = None) -> Drawing | None:
    """The chart for `events` (any order), `width` points wide; None if no events.

    Labelled (up to `MAX_LABELLED` events), it reads like the table under it: one row per
    event, the earliest at the top, each row's date (with its year) in the left column and
    its title beside its mark. `as_of`, the information cut-off, is a dashed line across
    the rows. With `overlays`, labels that need shaping (Arabic, Hebrew…) are not drawn as
    graphics strings (which ReportLab never shapes) but listed there, for `LabelledChart`.
    """
    if not events:
        return None
    spans = [_span(e) for e in events]
    labelled = len(events) <= MAX_LABELLED
    cut = None
    if as_of is not None:
        cut = _months(as_of) + 1 / 31.0  # the end of the cut-off day
    right = width - 6.0
    order = sorted(range(len(events)), key=lambda i: (events[i].date.sort_key, i))  # as the table: stable
    column = 0.0
    if labelled:  # the rows' labels (date, then title) in a column left of the plot, as in a Gantt chart
        widest = max(_width(events[i].when, LABEL_SIZE, SANS + "-Bold") + 6 + _width(events[i].title, LABEL_SIZE)
                     for i in order)
        column = min(widest, COLUMN_SHARE * width) + 12
    left = 6.0 + column
    segs = _segments(spans + ([(cut, cut)] if cut is not None else []), left, right, allow_breaks=labelled)

    def xof(m: float) -> float:
        for g in segs:
            if m <= g.hi:
                return g.x(max(m, g.lo))
        return segs[-1].x(m)

    body, bands = Group(), Group()
    axis_y = 22.0
    if labelled:
        pitch = LANE if len(events) <= 16 else LANE - 3
        rows_top = axis_y + 8 + len(order) * pitch
        height = rows_top + (16 if cut is not None else 4)
        marks, texts = Group(), Group()
        for row, i in enumerate(order):
            ev = events[i]
            y = rows_top - (row + 0.5) * pitch  # the first event on the top row
            if row % 2 == 0:  # a faint band every other row leads the eye from the label to the mark
                bands.add(Rect(6.0, y - pitch / 2, width - 12.0, pitch, fillColor=PALETTE["zebra"],
                               strokeColor=None))
            label = Group()  # one group per row's label: its date and its title
            when, ww = _text(6.0, y - 2.5, ev.when, LABEL_SIZE, SANS + "-Bold", APPROX if ev.approximate else MARK)
            lx = 6.0 + ww + 6
            title = _shorten(ev.title, LABEL_SIZE, max(8.0, left - 12 - lx + 0.5))
            parts = [when]
            if overlays is not None and needs_shaping(title):
                overlays.append((lx, y - 2.5, title, LABEL_SIZE, PALETTE["ink"]))
            else:
                parts.append(_text(lx, y - 2.5, title, LABEL_SIZE)[0])
            for part in parts:
                for node in part.contents:
                    label.add(node)
            texts.add(label)
            _draw_kind(marks, mark_kind(ev), xof(spans[i][0]), xof(spans[i][1]), y)
        body.add(marks)
        body.add(texts)
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
    d.add(bands)  # row bands under the grid, marks and labels over it
    for k, seg in enumerate(segs):
        _draw_axis(d, seg, axis_y, height)
        if k:
            _draw_break(d, segs[k - 1].x1, seg.x0, axis_y)
    d.add(body)
    if cut is not None and as_of is not None:
        _draw_cut_off(d, xof(cut), as_of, axis_y, height, left, right)
    return d


COLUMN_SHARE = 0.5  # the label column takes at most this share of the width
CUT_OFF = colors.HexColor("#8a2b2b")


def _draw_cut_off(d: Drawing, x: float, as_of: _dt.date, axis_y: float, height: float, left: float,
                  right: float) -> None:
    """The information cut-off: a dashed line up from the axis, named at the top."""
    d.add(Line(x, axis_y, x, height - 12, strokeColor=CUT_OFF, strokeWidth=0.9, strokeDashArray=[3, 2]))
    text = f"As of {as_of.day} {MONTH_ABBR[as_of.month - 1]} {as_of.year}"
    w = _width(text, AXIS_SIZE, SANS + "-Bold")
    tx = x - w / 2
    tx = min(max(tx, left), right - w)
    g, _ = _text(tx, height - 9, text, AXIS_SIZE, SANS + "-Bold", CUT_OFF)
    d.add(g)


def _draw_axis(d: Drawing, seg: _Segment, axis_y: float, height: float) -> None:
    """One segment's axis line, ticks, grid and labels (labels never cross its ends)."""
    slate = PALETTE["slate"]
    d.add(Line(seg.x0, axis_y, seg.x1, axis_y, strokeColor=slate, strokeWidth=0.8))
    step = _tick_step(max(seg.hi - seg.lo, 1), max(1.5, (seg.x1 - seg.x0) / 46))
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
    for t in starts:
        a, b = max(seg.lo, t), min(seg.hi, t + step)
        if b - a < 0.5 * step:
            continue  # a sliver of padding: naming it would mislead
        year, month = divmod(t, 12)
        if step >= 12:
            text = str(year) if step == 12 else f"{year}–{(t + step - 1) // 12}"
        elif step == 1:  # every month named with its year: "Apr 2023", never a bare "Apr"
            text = f"{MONTH_ABBR[month]} {year}"
        else:  # a period of months: "Jan–Mar 2023" (or "Nov 2022–Jan 2023")
            end_year, end_month = divmod(t + step - 1, 12)
            first = MONTH_ABBR[month] + ("" if end_year == year else f" {year}")
            text = f"{first}\u2013{MONTH_ABBR[end_month]} {end_year}"
        tw = _width(text, AXIS_SIZE)
        xa, xb = seg.x(a), seg.x(b)
        if tw <= xb - xa - 2:
            x = (xa + xb) / 2 - tw / 2
        elif xa + 2 + tw <= seg.x1:
            x = xa + 2  # too narrow to centre its name
        else:
            continue
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
