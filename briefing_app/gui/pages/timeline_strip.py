"""The visual timeline: a zoomable, pannable `QGraphicsView` strip of events.

One `EventsItem` paints only the events inside the exposed rectangle (found
by bisection over sorted positions), so 10,000 events cost no more than the
ones on screen. The x axis is days; zooming changes pixels per day (text
stays crisp) rather than scaling the view. How an event is drawn says how
precisely its date is known:

* a day: a solid dot;
* a month or a year: a hollow, dashed bar over the whole period it may mean;
* a range (`end`): a solid bar from the first to the last day;
* `approximate`: a dotted outline with fading ends, and a "c." label.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QLinearGradient,
    QPainter,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from briefing_app.core.briefing.dates import Precision
from briefing_app.core.briefing.model import Event
from briefing_app.gui.pages.timeline_axis import MONTHS, axis_ticks
from briefing_app.gui.theme import colors, mix

__all__ = ["TimelineStrip", "axis_ticks"]

AXIS_H = 28.0
LANE_H = 26.0
MAX_LANES = 5
DENSITY_THRESHOLD = 1500  # more visible events than this are drawn as a histogram
MARGIN_DAYS = 20
LABEL_MAX = 900.0  # labels longer than this are elided
MIN_LABEL = 140.0  # a label given less room than this is not drawn (hover or zoom in to read it)
LABEL_GAP = 6.0  # between a mark and its label
LANE_GAP = 18.0  # between one event's label and the next mark in its lane
FOOTER_H = 20.0  # below the lanes: the as-of tag
MAX_LANE_H = 40.0  # lanes spread out up to this when the strip is given more height
_EPOCH = dt.date(1, 1, 1).toordinal()


@dataclass(slots=True)
class _Placed:
    event: Event
    x0: float  # day numbers
    x1: float
    lane: int
    label: str
    full_w: float = 0.0  # pixels the whole label needs
    label_x: float = 0.0  # where the label starts, in scene pixels (left or right of the mark)
    label_w: float = 0.0  # pixels it is given (elided to this); 0 when it is not drawn


def _day(d: dt.date) -> float:
    return float(d.toordinal() - _EPOCH)


class EventsItem(QGraphicsItem):
    def __init__(self, strip: TimelineStrip):
        super().__init__()
        self.strip = strip
        self.placed: list[_Placed] = []
        self._starts: list[float] = []
        self._max_span = 0.0
        self.lo = 0.0
        self.hi = 1.0
        self.right_px = 0.0
        self.selected: str | None = None
        #: the briefing's as-of date (its knowledge ends there), drawn as a line; None: not drawn
        self.as_of: dt.date | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    # layout --------------------------------------------------------------
    def set_events(self, events: tuple[Event, ...]) -> None:
        self.prepareGeometryChange()
        self.placed = []
        # one order for the chart and the list: Briefing.chronological's (date, then file order);
        # a coarser date sorts first and starts no later, so x0 stays sorted for bisection
        for e in sorted(events, key=lambda e: e.date.sort_key):
            x0 = _day(e.date.earliest())
            x1 = _day((e.end or e.date).latest()) + 1
            self.placed.append(_Placed(e, x0, x1, 0, e.when + "  " + e.title))
        self._starts = [p.x0 for p in self.placed]
        self._max_span = max((p.x1 - p.x0 for p in self.placed), default=0.0)
        bold = self.strip.font()
        bold.setBold(True)  # the selected event's label is bold: measure it so
        fm = QFontMetricsF(bold)
        many = len(self.placed) >= 3000
        for p in self.placed:
            p.full_w = 60.0 if many else min(fm.horizontalAdvance(p.label), LABEL_MAX)
        # the axis spans the events and the as-of day, with a small margin: nothing past it to scroll to
        ends = [p.x1 for p in self.placed] + ([_day(self.as_of) + 1] if self.as_of else [])
        starts = [p.x0 for p in self.placed[:1]] + ([_day(self.as_of)] if self.as_of else [])
        if starts:
            first, last = min(starts), max(ends)
            pad = max(3.0, min(MARGIN_DAYS, (last - first) * 0.03))  # the events' range, not whole years
            self.lo, self.hi = first - pad, last + pad
        else:
            self.lo, self.hi = 0.0, 365.0
        self.relayout()

    def mark_extent(self, p: _Placed) -> tuple[float, float]:
        """Left and right of the drawn mark (dot or bar), in scene pixels at this zoom."""
        ppd = self.strip.px_per_day
        left, width = p.x0 * ppd, max((p.x1 - p.x0) * ppd, 0.0)
        if p.event.end is None and p.event.date.precision is Precision.DAY:
            centre = left + max(width, 1.0) / 2
            return centre - 7.0, centre + 7.0
        return left, left + max(width, 3.0)

    def relayout(self) -> None:
        """Give each event a lane, and its label a place, so that no two labels overlap at this zoom.

        In date order, each event takes the first lane (top down) where its whole label fits right of
        its mark, else left of it (near the axis end); failing both, the lane and side with the most
        room, the label elided to it; with no room worth a label, its mark alone (its tooltip, or
        zooming in, tells what it is). When every lane is taken, the mark goes where marks end
        first and the label before it there gives way (shortened or dropped): a label never covers
        a mark. Nothing is drawn past the axis, so Fit shows every label.
        """
        ppd = self.strip.px_per_day
        axis_left, axis_right = self.lo * ppd, self.hi * ppd
        lane_end = [-1e18] * MAX_LANES  # where the lane is free again (marks and labels)
        mark_end = [-1e18] * MAX_LANES  # where its marks alone end
        labelled: list[_Placed | None] = [None] * MAX_LANES  # the last event labelled in each lane
        for p in self.placed:
            m0, m1 = self.mark_extent(p)
            best: tuple[float, int, float] | None = None  # (room, lane, label x)
            whole: tuple[int, float] | None = None
            for side in ("right", "left"):
                for lane, end in enumerate(lane_end):
                    if end > m0 - LANE_GAP:
                        continue  # the mark itself does not fit here
                    if side == "right":
                        x, room = m1 + LABEL_GAP, axis_right - m1 - LABEL_GAP
                    else:
                        start = max(end + LANE_GAP, axis_left)
                        room = m0 - LABEL_GAP - start
                        x = m0 - LABEL_GAP - min(room, p.full_w)
                    if room >= p.full_w:
                        whole = (lane, x)
                        break
                    if best is None or room > best[0]:
                        best = (room, lane, x)
                if whole:
                    break
            if whole:
                lane, x, w = whole[0], whole[1], p.full_w
            elif best is not None and best[0] >= MIN_LABEL:
                lane, x, w = best[1], best[2], best[0]
            else:
                fits = [i for i, end in enumerate(lane_end) if end <= m0 - LANE_GAP]
                lane = fits[0] if fits else min(range(MAX_LANES), key=lambda i: mark_end[i])
                x, w = m1, 0.0
                prev = labelled[lane]
                if not fits and prev is not None and prev.label_x + prev.label_w > m0 - LANE_GAP:
                    room = m0 - LANE_GAP - prev.label_x
                    prev.label_w = room if room >= MIN_LABEL and prev.label_x > self.mark_extent(prev)[0] else 0.0
                    lane_end[lane] = max(mark_end[lane], prev.label_x + prev.label_w if prev.label_w else 0.0)
            p.lane, p.label_x, p.label_w = lane, x, w
            lane_end[lane] = max(lane_end[lane], m1, x + w)
            mark_end[lane] = max(mark_end[lane], m1)
            if w:
                labelled[lane] = p
        self.right_px = axis_right
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:  # noqa: N802
        ppd = self.strip.px_per_day
        return QRectF(self.lo * ppd, 0, self.hi * ppd - self.lo * ppd, self.bottom() + FOOTER_H)

    def bottom(self) -> float:
        """Where the lanes end (the as-of tag sits below)."""
        return AXIS_H + MAX_LANES * self.strip.lane_h + 8

    def rect_of(self, p: _Placed) -> QRectF:
        ppd = self.strip.px_per_day
        lane_h = self.strip.lane_h
        y = AXIS_H + 6 + p.lane * lane_h + (lane_h - LANE_H) / 2
        w = max((p.x1 - p.x0) * ppd, 0.0)
        return QRectF(p.x0 * ppd, y, w, LANE_H - 8)

    def label_rect(self, p: _Placed) -> QRectF:
        """Where the event's label is drawn; an empty rectangle when it has no room at this zoom."""
        if not p.label_w:
            return QRectF()
        r = self.rect_of(p)
        return QRectF(p.label_x, r.top() - 2, p.label_w, r.height() + 4)

    def visible(self, left: float, right: float) -> list[_Placed]:
        ppd = self.strip.px_per_day
        # labels stand right of their mark, or left of it near the axis end: look a label's width further
        reach = (LABEL_MAX + 2 * LABEL_GAP + 14) / ppd
        lo_day, hi_day = left / ppd - self._max_span - reach, right / ppd + reach
        i = bisect.bisect_left(self._starts, lo_day)
        j = bisect.bisect_right(self._starts, hi_day)
        return self.placed[i:j]

    def event_at(self, pos: QPointF) -> _Placed | None:
        """The event whose mark, or else whose label, is under `pos`."""
        near = self.visible(pos.x() - 8, pos.x() + 8)
        best = None
        for p in near:
            if self.rect_of(p).adjusted(-7, 0, 7, 0).contains(pos):
                best = p
        if best is None and len(self.placed) <= 600:  # labels are drawn (and so clickable) below that
            # a label may stand left of its mark: look a label's width further right too
            for p in self.visible(pos.x() - 8, pos.x() + LABEL_MAX + 20):
                if self.label_rect(p).contains(pos):
                    best = p
        return best

    # painting ------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None) -> None:
        pal = self.strip.palette()
        c = colors(pal)
        exposed: QRectF = option.exposedRect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_axis(painter, exposed, pal)
        self._paint_as_of(painter, exposed, pal)
        fm = QFontMetricsF(self.strip.font())
        mark = c.timeline_mark
        text = pal.color(QPalette.ColorRole.Text)
        sel_color = pal.color(QPalette.ColorRole.Highlight)
        dark = pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5
        visible = self.visible(exposed.left(), exposed.right())
        if len(visible) > DENSITY_THRESHOLD:
            self._paint_density(painter, visible, exposed, mark, text)
            return
        many = len(visible) > 600
        for p in visible:
            r = self.rect_of(p)
            e = p.event
            selected = e.address == self.selected
            ymid = r.center().y()
            color = sel_color if selected else mark
            if e.end is None and e.date.precision is Precision.DAY:
                # a known day: a dot
                rad = 5.0 if not selected else 6.5
                if e.approximate:
                    painter.setPen(QPen(color, 1.6, Qt.PenStyle.DotLine))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                else:
                    painter.setPen(QPen(mix(color, text, 0.2), 1))
                    painter.setBrush(color)
                painter.drawEllipse(QPointF(r.left() + 0.5 * max(r.width(), 1), ymid), rad, rad)
            else:
                bar = QRectF(r.left(), ymid - 5, max(r.width(), 3.0), 10)
                if e.end is not None and not e.approximate and e.date.precision is Precision.DAY:
                    painter.setPen(QPen(mix(color, text, 0.2), 1))
                    painter.setBrush(color)
                else:
                    # imprecise or approximate: the whole period it may mean, hollow and fading
                    grad = QLinearGradient(bar.topLeft(), bar.topRight())
                    fill = QColor(color)
                    # on a dark base a faint wash of a mid blue all but vanishes: stronger fill, lighter edge
                    fill.setAlphaF((0.6 if e.end is not None else 0.42) if dark else
                                   (0.45 if e.end is not None else 0.25))
                    edge = QColor(fill)
                    edge.setAlphaF(0.05 if e.approximate else fill.alphaF())
                    grad.setColorAt(0.0, edge)
                    grad.setColorAt(0.15, fill)
                    grad.setColorAt(0.85, fill)
                    grad.setColorAt(1.0, edge)
                    painter.setBrush(QBrush(grad))
                    style = Qt.PenStyle.DotLine if e.approximate else Qt.PenStyle.DashLine
                    edge_pen = mix(color, text, 0.45) if dark and not selected else color
                    painter.setPen(QPen(edge_pen, 1.6 if selected or dark else 1.0, style))
                painter.drawRoundedRect(bar, 3, 3)
            if not many and p.label_w:
                painter.setPen(sel_color if selected else text)
                f = self.strip.font()
                f.setBold(selected)
                painter.setFont(f)
                painter.drawText(QPointF(p.label_x, ymid + fm.ascent() / 2 - 1),
                                 fm.elidedText(p.label, Qt.TextElideMode.ElideRight, int(p.label_w)))

    def _paint_density(self, painter: QPainter, visible: list[_Placed], exposed: QRectF, mark: QColor,
                       text: QColor) -> None:
        """Too many events to draw one by one: a histogram of events per 3-pixel column."""
        ppd = self.strip.px_per_day
        counts: dict[int, int] = {}
        for p in visible:
            col = int(p.x0 * ppd) // 3
            counts[col] = counts.get(col, 0) + 1
        top, height = AXIS_H + 6, MAX_LANES * self.strip.lane_h - 24
        peak = max(counts.values())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark)
        for col, n in counts.items():
            h = max(2.0, height * (n / peak) ** 0.5)
            painter.drawRect(QRectF(col * 3, top + height - h, 2, h))
        painter.setPen(text)
        painter.drawText(QPointF(exposed.left() + 8, top + height + 16),
                         f"{len(visible):,} events here — zoom in (+, Ctrl+wheel) to see each one")

    def as_of_tag(self) -> str:
        return f"As of {self.as_of.day} {MONTHS[self.as_of.month - 1]} {self.as_of.year}" if self.as_of else ""

    def _tag_font(self) -> QFont:
        font = self.strip.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setBold(True)
        return font

    def as_of_tag_rect(self) -> QRectF:
        """The "As of …" tag below the lanes, ending at the as-of line (starting there if the axis
        leaves no room before it); empty without an as-of date."""
        if self.as_of is None:
            return QRectF()
        x = (_day(self.as_of) + 1) * self.strip.px_per_day
        w = QFontMetricsF(self._tag_font()).horizontalAdvance(self.as_of_tag()) + 12
        left = x - w if x - w >= self.lo * self.strip.px_per_day else x
        return QRectF(left, self.bottom() + 1, w, FOOTER_H - 3)

    def _paint_as_of(self, painter: QPainter, exposed: QRectF, pal: QPalette) -> None:
        """The as-of day as a dashed line across the lanes with its own tag below them ("As of …"),
        and the time after it faintly shaded: what the briefing cannot know."""
        if self.as_of is None:
            return
        ppd = self.strip.px_per_day
        x = (_day(self.as_of) + 1) * ppd
        bottom = self.bottom()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        if x < exposed.right():
            left = max(x, exposed.left())
            painter.fillRect(QRectF(left, AXIS_H + 1, exposed.right() - left, bottom - AXIS_H), mix(base, text, 0.035))
        pill = self.as_of_tag_rect()
        if pill.right() < exposed.left() - 2 or pill.left() > exposed.right() + 2:
            return
        painter.setPen(QPen(mix(base, text, 0.55), 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, AXIS_H - 6), QPointF(x, bottom + FOOTER_H - 2))
        font = self._tag_font()
        tag = self.as_of_tag()
        painter.setPen(QPen(mix(base, text, 0.45), 1))
        painter.setBrush(mix(base, text, 0.08))
        painter.drawRoundedRect(pill, 4, 4)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag)

    def axis_labels(self, left: float, right: float) -> list[tuple[float, str, bool]]:
        """`(x, text, bold)` of the axis labels drawn between two scene x positions.

        The first is the labelled period the left edge is in, drawn whole at the left edge so the
        reader always knows where they are; a label it would cover, or one that would run past the
        axis end, is left out (its tick stays). Months are labelled by one rule (`axis_ticks`).
        """
        ppd = self.strip.px_per_day
        first = dt.date.fromordinal(max(1, int(left / ppd) + _EPOCH))
        last = dt.date.fromordinal(min(dt.date.max.toordinal(), int(right / ppd) + _EPOCH + 1))
        ticks = axis_ticks(first, last, ppd, self.strip.font())
        plain = QFontMetricsF(self.strip.font())
        bold_font = self.strip.font()
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font)
        axis_end = self.hi * ppd
        out: list[tuple[float, str, bool]] = []
        sticky = next((t[3] for t in reversed(ticks) if _day(t[0]) * ppd + 3 < left), None)
        taken = -1e18
        if sticky:
            out.append((left + 4, sticky, True))
            taken = left + 4 + bold.horizontalAdvance(sticky) + 8
        for d, label, major, _sticky_text in ticks:
            x = _day(d) * ppd + 3
            width = (bold if major else plain).horizontalAdvance(label)
            if label and x >= left and x >= taken and x + width <= axis_end:
                out.append((x, label, major))
        return out

    def _paint_axis(self, painter: QPainter, exposed: QRectF, pal: QPalette) -> None:
        """Month or year ticks and their labels (`axis_labels`)."""
        ppd = self.strip.px_per_day
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        rule = mix(base, text, 0.25)
        faint = mix(base, text, 0.08)
        painter.setPen(QPen(rule, 1))
        painter.drawLine(QPointF(exposed.left(), AXIS_H), QPointF(exposed.right(), AXIS_H))
        first = dt.date.fromordinal(max(1, int(exposed.left() / ppd) + _EPOCH))
        last = dt.date.fromordinal(min(dt.date.max.toordinal(), int(exposed.right() / ppd) + _EPOCH + 1))
        bottom = self.bottom()
        for d, _label, major, _sticky in axis_ticks(first, last, ppd, self.strip.font()):
            x = _day(d) * ppd
            if x < exposed.left():
                continue
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(x, AXIS_H), QPointF(x, bottom))
            painter.setPen(QPen(rule, 1))
            painter.drawLine(QPointF(x, AXIS_H - (8 if major else 4)), QPointF(x, AXIS_H))
        left = max(exposed.left(), self.strip.mapToScene(0, 0).x())
        bold = self.strip.font()
        bold.setBold(True)
        for i, (x, label, major) in enumerate(self.axis_labels(left, exposed.right())):
            font = bold if major else self.strip.font()
            if i == 0 and x == left + 4:  # the sticky label covers the ticks under it
                painter.fillRect(QRectF(x - 4, 0, QFontMetricsF(font).horizontalAdvance(label) + 12, AXIS_H - 1), base)
            painter.setFont(font)
            painter.setPen(text if major else mix(text, base, 0.35))
            painter.drawText(QPointF(x, AXIS_H - 10), label)


class TimelineStrip(QGraphicsView):
    """The strip. `event_activated` fires when the user picks an event on it."""

    event_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_strip")
        self.setAccessibleName("Visual timeline")
        self.setAccessibleDescription("Events on a time axis. Left and Right select the previous or next event; "
                                      "plus and minus zoom; 0 fits every event.")
        self.px_per_day = 2.0
        self.lane_h = LANE_H
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.item = EventsItem(self)
        self._scene.addItem(self.item)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # the whole viewport is repainted so the axis can keep a sticky label at the left edge;
        # the item only paints what is visible, so this stays cheap
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # zooming changes pixels per day, not the view's transform, so set_zoom keeps the day under
        # the mouse in place itself; the anchor says the same for any transform a caller might set
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(int(AXIS_H + MAX_LANES * LANE_H + FOOTER_H + 30))
        #: the analyst zoomed or panned: a resize keeps their view rather than fitting again
        self.user_zoomed = False
        self._centering = False

    def set_events(self, events: tuple[Event, ...], as_of: dt.date | None = None) -> None:
        self.item.as_of = as_of
        self.item.set_events(events)
        self.user_zoomed = False
        self.fit()

    def _update_scene_rect(self) -> None:
        self._scene.setSceneRect(self.item.boundingRect())
        self.viewport().update()

    def set_zoom(self, px_per_day: float, anchor_view_x: float | None = None) -> None:
        px_per_day = max(0.002, min(px_per_day, 200.0))
        vx = self.viewport().width() / 2 if anchor_view_x is None else anchor_view_x
        day = self.mapToScene(int(vx), 0).x() / self.px_per_day
        self.px_per_day = px_per_day
        self.user_zoomed = True
        self.item.relayout()
        left = day * px_per_day - vx
        # the day under the mouse stays put even near the ends: the scene reaches as far as needed
        rect = self.item.boundingRect().united(QRectF(left, 0, self.viewport().width(), 1))
        self._scene.setSceneRect(rect)
        self.viewport().update()
        self.horizontalScrollBar().setValue(round(left))

    def zoom_in(self) -> None:
        self.set_zoom(self.px_per_day * 1.5)

    def zoom_out(self) -> None:
        self.set_zoom(self.px_per_day / 1.5)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        if dx and self.isVisible() and self.underMouse() and not self._centering:
            self.user_zoomed = True  # the analyst panned: keep their view on resize

    def fit_scale(self) -> float:
        """Pixels per day that show the whole axis (the events and the as-of day) in the viewport."""
        width = max(float(self.viewport().width()) - 2, 100.0)
        return max(0.002, min(width / max(self.item.hi - self.item.lo, 1.0), 200.0))

    def fit(self) -> None:
        self.user_zoomed = False
        self.px_per_day = self.fit_scale()
        self.item.relayout()
        self._update_scene_rect()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.user_zoomed and self.viewport().width() > 200:
            self.fit()  # laid out at the size it is shown at, not the one it was built at
            self.select(self.item.selected)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # lanes spread out (up to MAX_LANE_H) when the strip is given more height
        lane_h = max(LANE_H, min(MAX_LANE_H, (self.viewport().height() - AXIS_H - FOOTER_H - 14) / MAX_LANES))
        if abs(lane_h - self.lane_h) > 0.5:
            self.item.prepareGeometryChange()
            self.lane_h = lane_h
            self._update_scene_rect()
        if not self.user_zoomed and self.viewport().width() > 200:
            self.fit()

    def select(self, address: str | None, center: bool = True) -> None:
        self.item.selected = address
        if center and address:
            for p in self.item.placed:
                if p.event.address == address:
                    r = self.item.rect_of(p)
                    vis = self.mapToScene(self.viewport().rect()).boundingRect()
                    if not (vis.left() + 20 < r.left() < vis.right() - 60):
                        self._centering = True  # a selection scrolls the strip, not the analyst
                        try:
                            self.centerOn(r.center())
                        finally:
                            self._centering = False
                    break
        self.viewport().update()

    # interaction ---------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.item.event_at(self.mapToScene(event.position().toPoint()))
            if hit:
                self.select(hit.event.address, center=False)
                self.event_activated.emit(hit.event.address)
                event.accept()
                return
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            event.ignore()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        hit = self.item.event_at(self.mapToScene(event.position().toPoint()))
        if hit:
            e = hit.event
            self.viewport().setToolTip(f"{e.when}\n{e.title}" + (f"\n{e.location}" if e.location else ""))
        else:
            self.viewport().setToolTip("")

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.addAction("Zoom In\t+", self.zoom_in)
        menu.addAction("Zoom Out\t\u2212", self.zoom_out)
        menu.addAction("Fit All Events\t0", self.fit)
        menu.exec(event.globalPos())

    def wheelEvent(self, event) -> None:  # noqa: N802
        dy = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.px_per_day * (1.2 if dy > 0 else 1 / 1.2), event.position().x())
        else:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (dy or event.angleDelta().x()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_0, Qt.Key.Key_Home) and self.user_zoomed:
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.item.placed:
            addrs = [p.event.address for p in self.item.placed]
            i = addrs.index(self.item.selected) if self.item.selected in addrs else -1
            i = max(0, i - 1) if key == Qt.Key.Key_Left else min(len(addrs) - 1, i + 1)
            self.select(addrs[i])
            self.event_activated.emit(addrs[i])
        else:
            super().keyPressEvent(event)
