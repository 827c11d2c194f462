"""What the link chart draws: actor nodes by kind, relation edges with arrowheads, and the legend.

Kept apart from the view (`link_chart.py`) so each stays readable. Nodes and
edges are plain `QGraphicsItem`s that paint from a `ChartStyle` computed from
the palette in use (light or dark), so the chart restyles without being
rebuilt. Every item carries the element `address` a click selects.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from briefing_app.core.briefing.model import ACTOR_KINDS
from briefing_app.gui.theme import colors, mix
from briefing_app.gui.views.item_paint import wrap_elided

__all__ = ["ChartStyle", "chart_style", "NodeItem", "EdgeItem", "KIND_LABELS", "NODE_RADIUS",
           "paint_legend", "legend_size", "contrast_ratio", "kind_shape", "loop_room"]

NODE_RADIUS = 20.0
LABEL_WIDTH = 150.0  # a name wraps onto two lines within this width
EDGE_LABEL_WIDTH = 170.0
ARROW = 10.0
LOOP_BASE, LOOP_STEP = 30.0, 22.0  # self-relation loops: the first one's size, and how much each next one grows
#: Below these zoom levels labels are left out: they would be unreadable specks (hover shows the name).
NODE_LABEL_LOD = 0.3
EDGE_LABEL_LOD = 0.5

KIND_LABELS = {"person": "Person", "state": "State", "organisation": "Organisation", "alliance": "Alliance",
               "group": "Group", "other": "Other"}
_KIND_HUES = {"person": "#2f7de1", "state": "#1f9d55", "organisation": "#d98e04", "alliance": "#8e5bd6",
              "group": "#d64545", "other": "#6b7280"}
assert set(_KIND_HUES) == set(ACTOR_KINDS)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class ChartStyle(NamedTuple):
    """The chart's colours and fonts for one palette."""

    background: QColor
    label: QColor  # node names
    edge_label: QColor  # relation kinds
    edge: QColor
    affiliation: QColor
    plate: QColor  # behind labels, so lines crossing them do not hurt reading
    selected: QColor  # outlines and lines of the selected element
    selected_plate: QColor  # behind its label: the selection colour, deepened until its text reads (WCAG AA)
    selected_text: QColor
    fills: dict[str, QColor]
    strokes: dict[str, QColor]
    font: QFont
    small_font: QFont


def readable_background(background: QColor, text: QColor, ratio: float = 4.5) -> QColor:
    """`background` moved towards black or white (away from `text`) until `text` on it reaches `ratio`."""
    away = QColor("#000000") if text.lightnessF() >= 0.5 else QColor("#ffffff")
    for step in range(21):
        c = mix(background, away, step / 20)
        if contrast_ratio(text, c) >= ratio:
            return c
    return away


def chart_style(palette: QPalette, font: QFont) -> ChartStyle:
    c = colors(palette)
    dark = c.base.lightnessF() < 0.5
    plate = QColor(c.base)
    plate.setAlphaF(0.88)
    # the chart is usually seen zoomed out, so its names are a little larger than the window's text
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 1.15)
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF()))
    return ChartStyle(
        background=c.base, label=c.text, edge_label=c.secondary,
        edge=mix(c.base, c.text, 0.55), affiliation=mix(c.base, c.text, 0.4), plate=plate,
        selected=palette.color(QPalette.ColorRole.Highlight),
        selected_plate=readable_background(palette.color(QPalette.ColorRole.Highlight),
                                           palette.color(QPalette.ColorRole.HighlightedText)),
        selected_text=palette.color(QPalette.ColorRole.HighlightedText),
        fills={k: mix(c.base, QColor(h), 0.42 if dark else 0.2) for k, h in _KIND_HUES.items()},
        strokes={k: mix(QColor(h), c.text, 0.15 if dark else 0.3) for k, h in _KIND_HUES.items()},
        font=big, small_font=small,
    )


def kind_shape(kind: str, r: float = NODE_RADIUS) -> QPainterPath:
    """The outline a kind is drawn with, centred on (0, 0): circle, square, hexagon, diamond, triangle, octagon."""
    p = QPainterPath()
    if kind == "person":
        p.addEllipse(QPointF(0, 0), r, r)
    elif kind == "state":
        p.addRoundedRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8), 3, 3)
    elif kind in ("organisation", "alliance", "group", "other"):
        sides, turn, scale = {"organisation": (6, 0.0, 1.05), "alliance": (4, 0.0, 1.2),
                              "group": (3, -90.0, 1.25), "other": (8, 22.5, 1.0)}[kind]
        pts = [QPointF(r * scale * math.cos(math.radians(turn + i * 360 / sides)),
                       r * scale * math.sin(math.radians(turn + i * 360 / sides)) + (r * 0.2 if sides == 3 else 0))
               for i in range(sides)]
        p.addPolygon(QPolygonF(pts))
        p.closeSubpath()
    else:
        return kind_shape("other", r)
    return p


def _glyph(kind: str, r: float) -> QPainterPath:
    """A small pictogram inside the shape: a person, a flag, a building, two rings, three people, dots."""
    g = QPainterPath()
    if kind == "person":
        g.addEllipse(QPointF(0, -r * 0.28), r * 0.22, r * 0.22)
        g.moveTo(-r * 0.45, r * 0.45)
        g.arcTo(QRectF(-r * 0.45, -r * 0.02, r * 0.9, r * 0.9), 180, -180)
    elif kind == "state":
        g.moveTo(-r * 0.4, r * 0.5)
        g.lineTo(-r * 0.4, -r * 0.5)
        g.addRect(QRectF(-r * 0.4, -r * 0.5, r * 0.8, r * 0.5))
    elif kind == "organisation":
        g.moveTo(-r * 0.5, -r * 0.2)
        g.lineTo(0, -r * 0.5)
        g.lineTo(r * 0.5, -r * 0.2)
        g.closeSubpath()
        for x in (-0.35, 0.0, 0.35):
            g.moveTo(r * x, -r * 0.1)
            g.lineTo(r * x, r * 0.35)
        g.moveTo(-r * 0.5, r * 0.45)
        g.lineTo(r * 0.5, r * 0.45)
    elif kind == "alliance":
        g.addEllipse(QPointF(-r * 0.2, 0), r * 0.3, r * 0.3)
        g.addEllipse(QPointF(r * 0.2, 0), r * 0.3, r * 0.3)
    elif kind == "group":
        for x, y in ((-0.38, 0.3), (0.0, 0.0), (0.38, 0.3)):
            g.addEllipse(QPointF(r * x, r * y), r * 0.15, r * 0.15)
    else:
        for x in (-0.35, 0.0, 0.35):
            g.addEllipse(QPointF(r * x, 0), r * 0.07, r * 0.07)
    return g



def _draw_plated_text(painter: QPainter, rect: QRectF, lines: list[str], fm: QFontMetricsF,
                      plate: QColor, pen: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(plate)
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(pen)
    y = rect.top() + 1
    for line in lines:
        painter.drawText(QRectF(rect.left(), y, rect.width(), fm.height()), int(Qt.AlignmentFlag.AlignCenter), line)
        y += fm.height()


class NodeItem(QGraphicsItem):
    """An actor: its kind's shape and pictogram, and its name underneath."""

    def __init__(self, address: str, actor_id: str, name: str, kind: str, tooltip: str, style: ChartStyle,
                 loop_room: float = 0.0) -> None:
        super().__init__()
        self.address, self.actor_id, self.name = address, actor_id, name
        self.kind = kind if kind in _KIND_HUES else "other"
        self.style = style
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setToolTip(tooltip)
        self.setZValue(2)
        fm = QFontMetricsF(style.font)
        self.lines = wrap_elided(name, fm, LABEL_WIDTH, 2)
        w = max(fm.horizontalAdvance(s) for s in self.lines) + 8 if self.lines else 0
        self.label_rect = QRectF(-w / 2, NODE_RADIUS * 1.3 + 4, w, fm.height() * len(self.lines) + 2)
        self.loop_room = loop_room  # extra room above for self-relations, so the layout keeps it free
        r = NODE_RADIUS * 1.3 + 2
        self._bounds = QRectF(-r, -r - loop_room, 2 * r, 2 * r + loop_room).united(self.label_rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        p = kind_shape(self.kind)
        p.addRect(self.label_rect)
        return p

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = self.style
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        shape = kind_shape(self.kind)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(QPen(s.selected, 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(shape)
        pen = QPen(s.strokes[self.kind], 2)
        if self.kind == "other":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(s.fills[self.kind])
        painter.drawPath(shape)
        glyph_pen = QPen(s.strokes[self.kind], 1.6)
        glyph_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(glyph_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_glyph(self.kind, NODE_RADIUS))
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= NODE_LABEL_LOD:  # type: ignore[attr-defined]
            painter.setFont(s.font)
            _draw_plated_text(painter, self.label_rect, self.lines, QFontMetricsF(s.font),
                              s.selected_plate if selected else s.plate, s.selected_text if selected else s.label)


def loop_room(loops: int, clearance: float, label_height: float) -> float:
    """How far above a node's own bounds its `loops` self-relations (and their labels) reach."""
    if not loops:
        return 0.0
    apex = 0.8 * clearance + 0.92 * (LOOP_BASE + LOOP_STEP * (loops - 1))  # the top of the cubic loop
    return max(0.0, apex + label_height + 4 - (NODE_RADIUS * 1.3 + 2))


def _quad(p0: QPointF, c: QPointF, p1: QPointF, t: float) -> QPointF:
    u = 1 - t
    return p0 * (u * u) + c * (2 * u * t) + p1 * (t * t)


def _blossom(p0: QPointF, c: QPointF, p1: QPointF, a: float, b: float) -> QPointF:
    """The control point of the piece of a quadratic curve between `a` and `b`."""
    return p0 * ((1 - a) * (1 - b)) + c * ((1 - a) * b + a * (1 - b)) + p1 * (a * b)


def _t_at_distance(p0: QPointF, c: QPointF, p1: QPointF, centre: QPointF, radius: float, from_end: bool) -> float:
    """The t where the curve leaves a circle around one of its ends (bisection; the distance is monotone there)."""
    lo, hi = (0.5, 1.0) if from_end else (0.0, 0.5)
    for _ in range(30):
        mid = (lo + hi) / 2
        q = _quad(p0, c, p1, mid) - centre
        inside = math.hypot(q.x(), q.y()) < radius
        if from_end:
            lo, hi = (lo, mid) if inside else (mid, hi)
        else:
            lo, hi = (mid, hi) if inside else (lo, mid)
    return (lo + hi) / 2


class EdgeItem(QGraphicsItem):
    """A relation (or an affiliation, dashed): a line or curve with an arrowhead and its label."""

    def __init__(self, address: str, source: str, target: str, label: str, tooltip: str, style: ChartStyle,
                 dashed: bool = False) -> None:
        super().__init__()
        self.address, self.source, self.target, self.style, self.dashed = address, source, target, style, dashed
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setToolTip(tooltip)
        self.setZValue(1)
        fm = QFontMetricsF(style.small_font)
        self.text = fm.elidedText(label, Qt.TextElideMode.ElideRight, EDGE_LABEL_WIDTH)
        self.label_size = (fm.horizontalAdvance(self.text) + 8, fm.height() + 2)
        self.path = QPainterPath()
        self.arrow = QPolygonF()
        self.label_rect = QRectF()
        self._curve: tuple[QPointF, QPointF, QPointF] | None = None
        self._loop_top = QPointF()
        self.crowded = False  # no free place for the label: shown only when the edge is in focus
        self.emphasised = False  # in the selected element's neighbourhood
        self._bounds = QRectF()

    def set_curve(self, p0: QPointF, p1: QPointF, bend: float, normal: QPointF, r0: float, r1: float) -> None:
        """From anchor `p0` to `p1`, bowed `bend` pixels along `normal`, trimmed to the nodes' radii."""
        mid = (p0 + p1) * 0.5
        c = mid + normal * (2 * bend)
        t0 = _t_at_distance(p0, c, p1, p0, r0, from_end=False)
        t1 = _t_at_distance(p0, c, p1, p1, r1, from_end=True)
        start, tip = _quad(p0, c, p1, t0), _quad(p0, c, p1, t1)
        ctrl = _blossom(p0, c, p1, t0, t1)
        self._curve = (start, ctrl, tip)
        self._finish(start, ctrl, tip)

    def set_loop(self, centre: QPointF, index: int, r: float) -> None:
        """A self-relation: a loop above the node, bigger for each further one."""
        size = LOOP_BASE + LOOP_STEP * index
        a0, a1 = math.radians(-115), math.radians(-65)
        start = centre + QPointF(math.cos(a0), math.sin(a0)) * r
        tip = centre + QPointF(math.cos(a1), math.sin(a1)) * r
        c1 = centre + QPointF(math.cos(math.radians(-130)), math.sin(math.radians(-130))) * (r + size * 1.6)
        c2 = centre + QPointF(math.cos(math.radians(-50)), math.sin(math.radians(-50))) * (r + size * 1.6)
        path = QPainterPath(start)
        path.cubicTo(c1, c2, tip)
        self._curve = None
        self._loop_top = path.pointAtPercent(0.5)
        self._finish(start, c2, tip, path)

    def _finish(self, start: QPointF, ctrl: QPointF, tip: QPointF, path: QPainterPath | None = None) -> None:
        d = tip - ctrl
        length = math.hypot(d.x(), d.y()) or 1.0
        u = QPointF(d.x() / length, d.y() / length)
        n = QPointF(-u.y(), u.x())
        base = tip - u * ARROW
        self.arrow = QPolygonF([tip, base + n * (ARROW * 0.45), base - n * (ARROW * 0.45)])
        if path is None:
            path = QPainterPath(start)
            path.quadTo(ctrl, base)  # the line stops at the arrow's base, so it never pokes through the tip
        self.path = path
        self.prepareGeometryChange()
        self._update_bounds()

    def label_candidates(self) -> list[QPointF]:
        """Where the label may sit, best first: the middle, then along the curve either side."""
        if self._curve is None:
            top = self._loop_top
            return [top - QPointF(0, self.label_size[1] / 2 + 2)]
        p0, c, p1 = self._curve
        ts = [0.5, *(0.5 + s * d for d in (0.06, 0.12, 0.18, 0.24, 0.3, 0.36) for s in (1, -1))]
        along = [_quad(p0, c, p1, t) for t in ts]
        # then beside the line, either side, far enough along its normal to clear it
        d = p1 - p0
        length = math.hypot(d.x(), d.y()) or 1.0
        nx, ny = -d.y() / length, d.x() / length
        w, h = self.label_size
        reach = abs(nx) * w / 2 + abs(ny) * h / 2 + 3
        beside = [p + QPointF(nx, ny) * (s * reach * k) for k in (1, 2) for p in along[:5] for s in (1, -1)]
        return [*along, *beside]

    def length(self) -> float:
        """The straight distance the edge spans (loops: 0), to place the labels of short ones first."""
        if self._curve is None:
            return 0.0
        d = self._curve[2] - self._curve[0]
        return math.hypot(d.x(), d.y())

    def place_label(self, centre: QPointF) -> None:
        w, h = self.label_size
        self.prepareGeometryChange()
        self.label_rect = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)
        self._update_bounds()

    def label_rect_at(self, centre: QPointF) -> QRectF:
        w, h = self.label_size
        return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)

    def label_shown(self) -> bool:
        """Whether the label is drawn at ordinary zoom (crowded ones only while in focus)."""
        return bool(self.text) and (not self.crowded or self.emphasised or self.isSelected())

    def _update_bounds(self) -> None:
        self._bounds = self.path.boundingRect().united(self.arrow.boundingRect()).united(
            self.label_rect).adjusted(-6, -6, 6, 6)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        p = stroker.createStroke(self.path)
        p.addPolygon(self.arrow)
        if not self.crowded:
            p.addRect(self.label_rect)
        return p

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        s = self.style
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        colour = s.selected if selected else (s.affiliation if self.dashed else s.edge)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, 3 if selected else 1.6)
        if self.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(self.arrow)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        if self.text and (selected or self.emphasised or (lod >= EDGE_LABEL_LOD and not self.crowded)):
            painter.setFont(s.small_font)
            _draw_plated_text(painter, self.label_rect, [self.text], QFontMetricsF(s.small_font),
                              s.selected_plate if selected else s.plate, s.selected_text if selected else s.edge_label)


_LEGEND = (*ACTOR_KINDS, "relation", "affiliation")
_LEGEND_H, _ICON = 22.0, 16.0


def _legend_texts() -> list[tuple[str, str]]:
    return [(k, KIND_LABELS.get(k) or k.capitalize()) for k in _LEGEND]


def _legend_places(style: ChartStyle, width: float | None) -> list[tuple[str, str, float, float]]:
    """(key, text, x, y) of each entry: in one row, or wrapped into rows no wider than `width`."""
    fm = QFontMetricsF(style.small_font)
    out: list[tuple[str, str, float, float]] = []
    x = y = 0.0
    for key, text in _legend_texts():
        w = _ICON + 5 + fm.horizontalAdvance(text) + 2 + 12
        if width is not None and x > 0 and x + w - 12 > width:
            x, y = 0.0, y + _LEGEND_H
        out.append((key, text, x, y))
        x += w
    return out


def legend_size(style: ChartStyle, width: float | None = None) -> tuple[float, float]:
    """The legend's size: one row of entries, or as many rows as `width` needs."""
    fm = QFontMetricsF(style.small_font)
    places = _legend_places(style, width)
    right = max(x + _ICON + 5 + fm.horizontalAdvance(t) + 14 for _k, t, x, _y in places)
    return (right if width is None else min(right, width)), places[-1][3] + _LEGEND_H


def paint_legend(painter: QPainter, origin: QPointF, style: ChartStyle, width: float | None = None) -> None:
    """The key to shapes and lines, in one row (or wrapped to `width`); on screen and in exports."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(origin)
    painter.setFont(style.small_font)
    fm = QFontMetricsF(style.small_font)
    r = _ICON / 2 - 1
    for key, text, x, y in _legend_places(style, width):
        painter.save()
        painter.translate(0, y)
        cy = _LEGEND_H / 2
        if key in _KIND_HUES:
            painter.save()
            painter.translate(x + _ICON / 2, cy)
            pen = QPen(style.strokes[key], 1.4)
            if key == "other":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(style.fills[key])
            painter.drawPath(kind_shape(key, r * 0.8))
            painter.restore()
        else:
            pen = QPen(style.edge if key == "relation" else style.affiliation, 1.6)
            if key == "affiliation":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, cy), QPointF(x + _ICON - 5, cy))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pen.color())
            tip = QPointF(x + _ICON, cy)
            painter.drawPolygon(QPolygonF([tip, tip + QPointF(-7, -3.5), tip + QPointF(-7, 3.5)]))
        painter.setPen(style.label)
        w = fm.horizontalAdvance(text) + 2
        painter.drawText(QRectF(x + _ICON + 5, 0, w, _LEGEND_H),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()
    painter.restore()
