"""The link chart: actors as nodes drawn by kind, relations as labelled arrows, on Qt's graphics view.

In the manner of Analyst's Notebook: the chart is laid out once per briefing
(`core.link_layout`, deterministic, no overlaps), then the analyst pans (drag
the background, arrow keys), zooms (wheel, Ctrl+= / Ctrl+- / Ctrl+0 to fit),
clicks a node or an edge to select it (`element_selected(address)`; the rest
of the chart dims but for its neighbourhood) and double-clicks to follow it
(`element_activated(address)`). Relations between the same two actors bow
apart, whichever way they point; a relation of an actor with itself is a
loop. An actor's `affiliation` is drawn as a dashed arrow when no relation
already links the two. The chart exports as PNG and SVG, legend included.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QSizePolicy, QWidget

from briefing_app.core.briefing.address import Address
from briefing_app.core.io.atomic import write_atomic
from briefing_app.core.link_layout import Box, layout_graph
from briefing_app.gui.pages.link_items import (
    KIND_LABELS,
    NODE_RADIUS,
    ChartStyle,
    EdgeItem,
    NodeItem,
    chart_style,
    legend_size,
    loop_room,
    paint_legend,
)

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

__all__ = ["LinkChart", "ChartLegend", "DIMMED_OPACITY"]

#: Opacity of everything outside the selected element's neighbourhood.
DIMMED_OPACITY = 0.18
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
CLEARANCE = NODE_RADIUS * 1.3 + 3  # where edges stop short of a node's centre
BEND_STEP = 30.0  # distance between the bows of relations joining the same two actors
MAX_EXPORT_SIDE = 8000  # pixels; a PNG of a very large chart is scaled down to this
_ZOOM_KEYS = (Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0)


class ChartLegend(QWidget):
    """The key to shapes and lines above the chart, wrapped into rows when the page is narrow (exports draw
    it in one row)."""

    def __init__(self, chart: LinkChart) -> None:
        super().__init__()
        self.chart = chart
        self.setObjectName("link_chart_legend")
        self.setAccessibleName("Legend: " + ", ".join(KIND_LABELS.values()) + ", relation, affiliation")
        self.resize_to_style()

    def resize_to_style(self) -> None:
        w, _h = legend_size(self.chart.chart_style)
        self.setMinimumWidth(0)
        self.setMaximumWidth(math.ceil(w))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.heightForWidth(max(self.width(), 1)))
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return math.ceil(legend_size(self.chart.chart_style, float(width))[1])

    def sizeHint(self) -> QSize:  # noqa: N802
        w, h = legend_size(self.chart.chart_style)
        return QSize(math.ceil(w), math.ceil(h))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(event.size().width()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        paint_legend(p, QPointF(0, 0), self.chart.chart_style, float(self.width()))
        p.end()


class LinkChart(QGraphicsView):
    element_selected = Signal(str)
    element_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("link_chart")
        self.setAccessibleName("Link chart")
        self.setToolTip("")
        self.chart_scene = QGraphicsScene(self)
        self.setScene(self.chart_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.chart_style: ChartStyle = chart_style(self.palette(), self.font())
        self.setBackgroundBrush(self.chart_style.background)
        self.legend = ChartLegend(self)
        self.briefing: Briefing | None = None
        self.nodes: dict[str, NodeItem] = {}  # by address
        self.edges: dict[str, EdgeItem] = {}  # relations, by address
        self.affiliations: list[EdgeItem] = []  # dashed; their address is the member actor's
        self._neighbours: dict[str, set[str]] = {}
        self.fitted = True  # while the analyst has not zoomed, the chart refits when the view resizes
        self.chart_scene.selectionChanged.connect(self._selection_changed)

    # -- building ------------------------------------------------------------------
    def set_briefing(self, briefing: Briefing | None) -> None:
        self.chart_scene.clearSelection()
        self.chart_scene.clear()
        self.nodes, self.edges, self.affiliations, self._neighbours = {}, {}, [], {}
        self.briefing = briefing
        if briefing is None or not briefing.actors:
            self.chart_scene.setSceneRect(QRectF())
            return
        style = self.chart_style
        known = {a.id for a in briefing.actors}
        relations = [r for r in briefing.relations if r.from_actor in known and r.to_actor in known]
        linked = {frozenset((r.from_actor, r.to_actor)) for r in relations}
        loops: dict[str, int] = {}
        for r in relations:
            if r.from_actor == r.to_actor:
                loops[r.from_actor] = loops.get(r.from_actor, 0) + 1
        by_id: dict[str, NodeItem] = {}
        for a in briefing.actors:
            address = a.address
            kind = KIND_LABELS.get(a.kind, "Other")
            tip = f"{a.name}\n{kind}" + (f" \u00b7 {a.role}" if a.role else "")
            n = loops.get(a.id, 0)
            room = loop_room(n, CLEARANCE, QFontMetricsF(style.small_font).height() + 2)
            node = NodeItem(address, a.id, a.name, a.kind, tip, style, loop_room=room)
            self.nodes[address] = by_id[a.id] = node
            self._neighbours[address] = set()
            self.chart_scene.addItem(node)
        edge_list: list[EdgeItem] = []
        for r in relations:
            name_from, name_to = briefing.display_name(r.from_actor), briefing.display_name(r.to_actor)
            tip = f"{name_from} \u2192 {r.kind} \u2192 {name_to}" + (f"\n{r.note.strip()}" if r.note else "")
            edge = EdgeItem(r.address, r.from_actor, r.to_actor, r.kind, tip, style)
            self.edges[edge.address] = edge
            edge_list.append(edge)
        for a in briefing.actors:
            if a.affiliation in known and a.affiliation != a.id and frozenset((a.id, a.affiliation)) not in linked:
                assert a.affiliation is not None
                tip = f"{a.name} is affiliated with {briefing.display_name(a.affiliation)}"
                edge = EdgeItem(a.address, a.id, a.affiliation, "affiliated with", tip,
                                style, dashed=True)
                self.affiliations.append(edge)
                edge_list.append(edge)
        for edge in edge_list:
            self.chart_scene.addItem(edge)
            one, other = by_id[edge.source].address, by_id[edge.target].address
            self._neighbours[one].add(other)
            self._neighbours[other].add(one)
        self._place(by_id, edge_list)
        self.fit()

    def _place(self, by_id: dict[str, NodeItem], edge_list: list[EdgeItem]) -> None:
        boxes = {}
        for i, node in by_id.items():
            r = node.boundingRect()
            boxes[i] = Box(r.left(), r.top(), r.right(), r.bottom())
        widths = sorted(e.label_size[0] for e in edge_list) or [0.0]
        k = max(110.0, widths[len(widths) // 2] + 2 * CLEARANCE)
        pos = layout_graph(list(by_id), [(e.source, e.target) for e in edge_list], boxes, edge_length=k, gap=24, aspect=2.0)
        for i, node in by_id.items():
            node.setPos(QPointF(*pos[i]))
        groups: dict[tuple[str, str], list[EdgeItem]] = {}
        for e in edge_list:
            groups.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
        for (a, b), members in groups.items():
            pa, pb = by_id[a].pos(), by_id[b].pos()
            if a == b:
                for j, e in enumerate(members):
                    e.set_loop(pa, j, CLEARANCE)
                continue
            d = pb - pa
            length = math.hypot(d.x(), d.y()) or 1.0
            normal = QPointF(-d.y() / length, d.x() / length)
            for j, e in enumerate(members):
                bend = (j - (len(members) - 1) / 2) * BEND_STEP
                e.set_curve(by_id[e.source].pos(), by_id[e.target].pos(), bend, normal, CLEARANCE, CLEARANCE)
        self._place_labels(edge_list)
        rect = self.chart_scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.chart_scene.setSceneRect(rect)

    def _place_labels(self, edge_list: list[EdgeItem]) -> None:
        """Each edge label where it covers no node and, if it can, no other label (a grid keeps this fast)."""
        cell = 150.0
        nodes: dict[tuple[int, int], list[QRectF]] = {}
        labels: dict[tuple[int, int], list[QRectF]] = {}

        def cells(r: QRectF) -> list[tuple[int, int]]:
            return [(x, y) for x in range(int(r.left() // cell), int(r.right() // cell) + 1)
                    for y in range(int(r.top() // cell), int(r.bottom() // cell) + 1)]

        def hits(index: dict[tuple[int, int], list[QRectF]], r: QRectF) -> bool:
            return any(r.intersects(o) for c in cells(r) for o in index.get(c, ()))

        for node in self.nodes.values():
            r = node.mapRectToScene(node.shape().boundingRect()).adjusted(-4, -4, 4, 4)
            for c in cells(r):
                nodes.setdefault(c, []).append(r)
        for e in sorted(edge_list, key=lambda e: e.length()):  # short edges have the fewest places: first
            candidates = e.label_candidates()
            rects = [e.label_rect_at(p) for p in candidates]
            best = next((r for r in rects if not hits(nodes, r) and not hits(labels, r)), None)
            e.crowded = best is None
            if best is None:
                best = next((r for r in rects if not hits(nodes, r)), rects[0])
            e.place_label(best.center())
            if e.crowded:
                continue  # hidden until in focus, so it does not claim the room
            for c in cells(best):
                labels.setdefault(c, []).append(best)

    # -- looking things up (also what tests use) -------------------------------------
    def item_for(self, address: str) -> QGraphicsItem | None:
        """The node of `actors/<id>` or the edge of `relations/<id>`."""
        return self.nodes.get(address) or self.edges.get(address)

    def scene_point(self, address: str) -> QPointF | None:
        """A point that picks the element: a node's centre, or the middle of an edge's label."""
        if address in self.nodes:
            return self.nodes[address].pos()
        if address in self.edges:
            return self.edges[address].label_rect.center()
        return None

    def all_items(self) -> list[NodeItem | EdgeItem]:
        return [*self.nodes.values(), *self.edges.values(), *self.affiliations]

    # -- selection and neighbourhood -------------------------------------------------
    def select(self, address: str) -> bool:
        item = self.item_for(address)
        if item is None:
            return False
        if not item.isSelected():
            self.chart_scene.clearSelection()
            item.setSelected(True)
        self.ensureVisible(item, 40, 40)
        return True

    def clear_selection(self) -> None:
        self.chart_scene.clearSelection()

    def current_address(self) -> str | None:
        items = self.chart_scene.selectedItems()
        return getattr(items[0], "address", None) if items else None

    def _selection_changed(self) -> None:
        address = self.current_address()
        self.highlight(address)
        if address is not None:
            self.element_selected.emit(address)

    def highlight(self, address: str | None) -> None:
        """Dim everything but an actor and its neighbours (or a relation and its two ends); None undims."""
        keep: set[str] = set()
        edge_keep: set[int] = set()
        if address in self.nodes:
            keep = {address, *self._neighbours[address]}
            actor = self.nodes[address].actor_id
            edge_keep = {id(e) for e in self.all_items() if isinstance(e, EdgeItem) and actor in (e.source, e.target)}
        elif address in self.edges:
            e = self.edges[address]
            keep = {str(Address("actors", e.source)), str(Address("actors", e.target))}
            edge_keep = {id(e)}
        for item in self.all_items():
            if address is None:
                item.setOpacity(1.0)
            elif isinstance(item, NodeItem):
                item.setOpacity(1.0 if item.address in keep else DIMMED_OPACITY)
            else:
                item.setOpacity(1.0 if id(item) in edge_keep else DIMMED_OPACITY)
            if isinstance(item, EdgeItem) and item.emphasised != (id(item) in edge_keep):
                item.emphasised = id(item) in edge_keep
                item.update()

    # -- zoom and pan ----------------------------------------------------------------
    def zoom_level(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        now = self.zoom_level()
        new = min(MAX_ZOOM, max(MIN_ZOOM, now * factor))
        self.scale(new / now, new / now)
        self.fitted = False

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(1 / 1.25)

    def fit(self) -> None:
        """The whole chart in view (never blown up past 150 %)."""
        rect = self.chart_scene.sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        scale = max(MIN_ZOOM, min(1.5, view.width() / rect.width(), view.height() / rect.height()))
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center())
        self.fitted = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.2 ** (delta / 120))
            event.accept()
        else:
            super().wheelEvent(event)

    def _zoom_key(self, event: QKeyEvent) -> bool:
        return bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) and event.key() in _ZOOM_KEYS

    def event(self, event: QEvent) -> bool:
        # the chart's zoom keys win over window-wide shortcuts on the same keys (text zoom) while it has focus
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._zoom_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self._zoom_key(event):
            if key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
                self.zoom_in()
            elif key == Qt.Key.Key_Minus:
                self.zoom_out()
            else:
                self.fit()
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_address():
            self.element_activated.emit(self.current_address())
            event.accept()
        elif key == Qt.Key.Key_Escape and self.chart_scene.selectedItems():
            self.chart_scene.clearSelection()
            event.accept()
        else:
            super().keyPressEvent(event)

    def pick(self, pos: QPoint) -> NodeItem | EdgeItem | None:
        """The element under a viewport point: a node first, then an edge whose label is there, then any edge.

        A label wins over another edge's line running beneath it: it is what the analyst aimed at.
        """
        items = [i for i in self.items(pos) if isinstance(i, NodeItem | EdgeItem)]
        point = self.mapToScene(pos)
        for item in items:
            if isinstance(item, NodeItem):
                return item
        for item in items:
            if isinstance(item, EdgeItem) and item.label_shown() and item.label_rect.contains(point):
                return item
        return items[0] if items else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.pick(event.position().toPoint())
        top = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, EdgeItem) and item is not top:
            self.chart_scene.clearSelection()
            item.setSelected(True)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        event.accept()  # the release that ends a pan on the background is the chart's too

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.pick(event.position().toPoint())
        if item is not None:
            if not item.isSelected():
                self.chart_scene.clearSelection()
                item.setSelected(True)
            self.element_activated.emit(item.address)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.restyle()

    def restyle(self) -> None:
        """Take the palette's colours (light or dark) without laying the chart out again."""
        self.chart_style = chart_style(self.palette(), self.font())
        self.setBackgroundBrush(self.chart_style.background)
        for item in self.all_items():
            item.style = self.chart_style
            item.update()
        self.legend.resize_to_style()
        self.legend.update()

    # -- export ----------------------------------------------------------------------
    def _export_geometry(self, scale: float) -> tuple[QRectF, int, int, float]:
        """(scene rect, width, height, legend band) of an export: the legend above the chart."""
        source = self.chart_scene.sceneRect()
        lw, lh = legend_size(self.chart_style)
        top = lh + 16
        width = max(source.width(), lw + 16)
        return source, math.ceil(width * scale), math.ceil((source.height() + top) * scale), top

    def _paint_export(self, painter: QPainter, scale: float) -> None:
        source, w, h, top = self._export_geometry(scale)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, w, h), self.chart_style.background)
        painter.scale(scale, scale)
        paint_legend(painter, QPointF(8, 8), self.chart_style)
        self.chart_scene.render(painter, QRectF(0, top, source.width(), source.height()), source)

    def render_image(self, scale: float = 2.0) -> QImage:
        """The whole chart as an image, at `scale` (less if it would pass `MAX_EXPORT_SIDE` pixels)."""
        source, _w, _h, top = self._export_geometry(1.0)
        scale = min(scale, MAX_EXPORT_SIDE / max(source.width(), source.height() + top, 1.0))
        _s, w, h, _t = self._export_geometry(scale)
        image = QImage(max(w, 1), max(h, 1), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(self.chart_style.background))
        painter = QPainter(image)
        self._paint_export(painter, scale)
        painter.end()
        return image

    def export_png(self, path: str) -> None:
        """Write the chart as a PNG (atomically: the file is whole or untouched). Raises OSError."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"png"))
        if not writer.write(self.render_image()):
            raise OSError(f"the image could not be encoded as PNG ({writer.errorString()})")
        buffer.close()
        write_atomic(path, bytes(data.data()))

    def export_svg(self, path: str) -> None:
        """Write the chart as SVG, text kept as text (atomically). Raises OSError."""
        _source, w, h, _top = self._export_geometry(1.0)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(w, h))
        generator.setViewBox(QRect(0, 0, w, h))
        generator.setTitle(f"Link chart: {self.briefing.title}" if self.briefing else "Link chart")
        generator.setDescription("Actors and relations, exported from Briefing Reader")
        painter = QPainter(generator)
        self._paint_export(painter, 1.0)
        painter.end()
        buffer.close()
        write_atomic(path, bytes(data.data()))
