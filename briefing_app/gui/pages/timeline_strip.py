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
from briefing_app.gui.theme import colors, mix

__all__ = ["TimelineStrip"]

AXIS_H = 28.0
LANE_H = 26.0
MAX_LANES = 5
DENSITY_THRESHOLD = 1500  # more visible events than this are drawn as a histogram
MARGIN_DAYS = 20
LABEL_MAX = 320.0  # labels longer than this are elided
LABEL_ROOM = LABEL_MAX + 30  # pixels right of the last event, for its label
MAX_LANE_H = 40.0  # lanes spread out up to this when the strip is given more height
_EPOCH = dt.date(1, 1, 1).toordinal()


@dataclass(slots=True)
class _Placed:
    event: Event
    x0: float  # day numbers
    x1: float
    lane: int
    label: str
    label_w: float = 0.0  # pixels, after eliding


def _day(d: dt.date) -> float:
    return float(d.toordinal() - _EPOCH)

#: The scale a strip starts at, and every fit starts from (pixels per day).
START_PX_PER_DAY = 2.0


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
        fm = QFontMetricsF(self.strip.font())
        many = len(self.placed) >= 3000
        for p in self.placed:
            p.label_w = 60.0 if many else min(fm.horizontalAdvance(p.label), LABEL_MAX)
        if self.placed:
            first, last = self.placed[0].x0, max(p.x1 for p in self.placed)
            pad = max(3.0, min(MARGIN_DAYS, (last - first) * 0.03))  # the events' range, not whole years
            self.lo, self.hi = first - pad, last + pad
        else:
            self.lo, self.hi = 0.0, 365.0
        self.relayout()

    def relayout(self) -> None:
        """Give each event a lane so labels don't overlap at this zoom."""
        ppd = self.strip.px_per_day
        lane_end = [-1e18] * MAX_LANES
        for p in self.placed:
            x0 = p.x0 * ppd
            width = max((p.x1 - p.x0) * ppd, 10.0) + p.label_w + 14
            for lane in range(MAX_LANES):
                if lane_end[lane] <= x0:
                    break
            else:
                lane = min(range(MAX_LANES), key=lambda i: lane_end[i])
            p.lane = lane
            lane_end[lane] = max(lane_end[lane], x0 + width)
        # the scene ends where the last label does (no empty stretch of axis to scroll to)
        self.right_px = max(max(lane_end, default=0.0) + 8, self.hi * ppd)
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:  # noqa: N802
        ppd = self.strip.px_per_day
        right = max(self.right_px, self.hi * ppd) if self.placed else self.hi * ppd + LABEL_ROOM
        return QRectF(self.lo * ppd, 0, right - self.lo * ppd, AXIS_H + MAX_LANES * self.strip.lane_h + 8)

    def rect_of(self, p: _Placed) -> QRectF:
        ppd = self.strip.px_per_day
        lane_h = self.strip.lane_h
        y = AXIS_H + 6 + p.lane * lane_h + (lane_h - LANE_H) / 2
        w = max((p.x1 - p.x0) * ppd, 0.0)
        return QRectF(p.x0 * ppd, y, w, LANE_H - 8)

    def label_x(self, p: _Placed) -> float:
        r = self.rect_of(p)
        if p.event.end is None and p.event.date.precision is Precision.DAY:
            return r.left() + max(r.width(), 1) / 2 + 9  # right of the dot
        return r.left() + max(r.width(), 3.0) + 6  # right of the bar

    def label_rect(self, p: _Placed) -> QRectF:
        r = self.rect_of(p)
        return QRectF(self.label_x(p), r.top() - 2, p.label_w, r.height() + 4)

    def visible(self, left: float, right: float) -> list[_Placed]:
        ppd = self.strip.px_per_day
        lo_day, hi_day = left / ppd - self._max_span - 400 / ppd, right / ppd
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
        if best is None and len(near) <= 600:  # labels are drawn (and so clickable) below that
            for p in near:
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
            label_x = self.label_x(p)
            if not many:
                painter.setPen(sel_color if selected else text)
                f = self.strip.font()
                f.setBold(selected)
                painter.setFont(f)
                painter.drawText(QPointF(label_x, ymid + fm.ascent() / 2 - 1),
                                 fm.elidedText(p.label, Qt.TextElideMode.ElideRight, int(LABEL_MAX)))

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

    def _paint_as_of(self, painter: QPainter, exposed: QRectF, pal: QPalette) -> None:
        """The time after the as-of day, faintly shaded and labelled: the axis runs on to leave
        room for labels, past what the briefing can know."""
        if self.as_of is None:
            return
        x = (_day(self.as_of) + 1) * self.strip.px_per_day
        bottom = AXIS_H + MAX_LANES * self.strip.lane_h + 8
        if x > exposed.right():
            return
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        after = QRectF(max(x, exposed.left()), AXIS_H + 1, exposed.right() - max(x, exposed.left()), bottom - AXIS_H)
        painter.fillRect(after, mix(base, text, 0.035))
        if x < exposed.left() - 200:
            return
        # a notch on the axis and the shading mark the boundary; a line would cross event labels
        painter.setPen(QPen(mix(base, text, 0.55), 2))
        painter.drawLine(QPointF(x, AXIS_H - 6), QPointF(x, AXIS_H + 6))
        painter.setFont(self.strip.font())
        painter.setPen(mix(text, base, 0.3))
        painter.drawText(QPointF(x + 5, bottom - 5), f"as of {self.as_of.day} {_MONTHS[self.as_of.month - 1]} "
                                                     f"{self.as_of.year}")

    def _paint_axis(self, painter: QPainter, exposed: QRectF, pal: QPalette) -> None:
        """Month or year ticks. Labels skip only by one rule: every `step`-th month (or year) from
        January (year 0), the smallest step whose labels fit; never because of where they fall."""
        ppd = self.strip.px_per_day
        text = pal.color(QPalette.ColorRole.Text)
        rule = mix(pal.color(QPalette.ColorRole.Base), text, 0.25)
        faint = mix(pal.color(QPalette.ColorRole.Base), text, 0.08)
        painter.setPen(QPen(rule, 1))
        painter.drawLine(QPointF(exposed.left(), AXIS_H), QPointF(exposed.right(), AXIS_H))
        first = dt.date.fromordinal(max(1, int(exposed.left() / ppd) + _EPOCH))
        last = dt.date.fromordinal(min(dt.date.max.toordinal(), int(exposed.right() / ppd) + _EPOCH + 1))
        ticks = axis_ticks(first, last, ppd, self.strip.font())
        bold = self.strip.font()
        bold.setBold(True)
        fmb = QFontMetricsF(bold)
        bottom = AXIS_H + MAX_LANES * self.strip.lane_h + 8
        sticky = None  # the labelled period the left edge is in
        next_label_x = None
        for d, label, major, sticky_text in ticks:
            x = _day(d) * ppd
            if x + 3 < exposed.left():
                sticky = sticky_text
                continue
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(x, AXIS_H), QPointF(x, bottom))
            painter.setPen(QPen(rule, 1))
            painter.drawLine(QPointF(x, AXIS_H - (8 if major else 4)), QPointF(x, AXIS_H))
            if not label:
                continue
            if next_label_x is None:
                next_label_x = x + 3
            painter.setFont(bold if major else self.strip.font())
            painter.setPen(text if major else mix(text, pal.color(QPalette.ColorRole.Base), 0.35))
            painter.drawText(QPointF(x + 3, AXIS_H - 10), label)
        if sticky:
            # the period the left edge is in, so the reader always knows where they are; the next
            # label pushes it out of the way (as sticky headers do) rather than being covered
            w = fmb.horizontalAdvance(sticky) + 12
            x = exposed.left() + 4
            if next_label_x is not None:
                x = min(x, next_label_x - w)
            painter.fillRect(QRectF(x - 4, 0, w, AXIS_H - 1), pal.color(QPalette.ColorRole.Base))
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QPointF(x, AXIS_H - 10), sticky)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def axis_ticks(first: dt.date, last: dt.date, ppd: float, font) -> list[tuple[dt.date, str, bool, str]]:
    """`(date, label or "", major, label for the sticky left edge)` for the axis between two dates.

    Months are labelled every `step` months counted from January (1, 2, 3 or 6: the smallest whose
    widest label fits), years every `step` years (1, 2, 5, 10, ...); unlabelled months keep a tick.
    """
    plain = QFontMetricsF(font)
    bold_font = type(font)(font)
    bold_font.setBold(True)
    bold = QFontMetricsF(bold_font)
    room = max(max(plain.horizontalAdvance(m) for m in _MONTHS), bold.horizontalAdvance("0000")) + 10
    month_px = ppd * 30.44
    ticks: list[tuple[dt.date, str, bool, str]] = []
    step = next((s for s in (1, 2, 3, 6) if month_px * s >= room), None)
    if step is not None:
        y, m = first.year, first.month
        while dt.date(y, m, 1) <= last:
            d = dt.date(y, m, 1)
            labelled = (m - 1) % step == 0
            label = (str(y) if m == 1 else _MONTHS[m - 1]) if labelled else ""
            ticks.append((d, label, m == 1, f"{_MONTHS[m - 1]} {y}" if m != 1 else str(y)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return ticks
    year_step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if ppd * 365.25 * s >= room), 1000)
    y = first.year - first.year % year_step
    while y <= last.year:
        if y >= 1:
            ticks.append((dt.date(y, 1, 1), str(y), True, str(y)))
        y += year_step
    return ticks


class TimelineStrip(QGraphicsView):
    """The strip. `event_activated` fires when the user picks an event on it."""

    event_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_strip")
        self.setAccessibleName("Visual timeline")
        self.setAccessibleDescription("Events on a time axis. Left and Right select the previous or next event; "
                                      "plus and minus zoom.")
        self.px_per_day = START_PX_PER_DAY
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
        self.setMinimumHeight(int(AXIS_H + MAX_LANES * LANE_H + 30))
        #: the analyst zoomed or panned: a resize keeps their view rather than fitting again
        self.user_zoomed = False
        self._centering = False

    def set_events(self, events: tuple[Event, ...], as_of: dt.date | None = None) -> None:
        self.item.set_events(events)
        self.item.as_of = as_of
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
        """Pixels per day that show every event, its bar and its label, inside the viewport."""
        width = max(float(self.viewport().width()) - 8, 100.0)
        lo = self.item.lo
        span = max(self.item.hi - lo, 1.0)
        ppd = width / span
        for p in self.item.placed[:3000]:
            # the label starts right of the mark: (x1 - lo) * ppd + gap + label <= width
            label = min(p.label_w, width / 2) + 16
            days = max(p.x1 - lo, 1.0)
            ppd = min(ppd, (width - label) / days)
        return max(0.002, min(ppd, 200.0))

    def fit(self) -> None:
        self.user_zoomed = False
        # the scale depends on where the labels sit (their lanes), which depends on the scale: start
        # from the same one every time, so the fit does not depend on the sizes the strip had before
        self.px_per_day = START_PX_PER_DAY
        self.item.relayout()
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
        lane_h = max(LANE_H, min(MAX_LANE_H, (self.viewport().height() - AXIS_H - 14) / MAX_LANES))
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
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
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
