"""FieldView: the one read-only text view that shows briefing text fields.

Every place the reader shows an element's text field (BLUF, key point text,
actor description, event title/description, quote text/context, relation
note, source text) goes through a `FieldView`. Its document is built with a
`FieldWriter` (gui/views/field_writer.py), which records each field as a
`FieldSegment`, so the view can:

* map a user's selection to `(address, field, start, end)` in code-point
  offsets into that field's raw text (`selected_field_range()`), and back
  (`document_range()`);
* draw highlight layers of `FieldHighlight`s (gui/views/highlights.py)
  wherever that field appears (`set_highlight_layer()`;
  `set_extra_highlights()` is the layer reserved for annotations), the
  "shown from a link" outline strong for a few seconds and then faint;
* name the highlights under the mouse in a tooltip;
* let others draw over its text after it is painted (`overlay_hooks`: the
  note glyphs of gui/views/margin.py);
* tell listeners about context menus on a field
  (`element_context_menu_requested(address, field, QPoint)`), and let
  `FieldView.context_menu_hooks` add actions to every view's context menu.

`FieldViewHub` (gui/views/field_hub.py) keeps the extra (annotation)
highlights for a whole window and re-applies them to every FieldView after
it rebuilds its content. The names of those modules are re-exported here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from briefing_app.gui.theme import colors
from briefing_app.gui.views.field_hub import FieldViewHub
from briefing_app.gui.views.field_writer import LINK_SCHEME, FieldSegment, FieldWriter
from briefing_app.gui.views.highlights import (
    CURRENT_MATCH,
    FILL,
    LAYER_STYLE,
    MARKER,
    OUTLINE,
    TINT,
    FieldHighlight,
    highlight_format,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

__all__ = ["FieldSegment", "FieldHighlight", "FieldWriter", "FieldView", "FieldViewHub", "ContextMenuHook",
           "highlight_format", "TINT", "MARKER", "FILL", "OUTLINE"]

ContextMenuHook = Callable[["FieldView", "FieldSegment | None", "tuple[str, str, int, int] | None", QMenu], None]


def _x(value: object) -> float:
    """`QTextLine.cursorToX` returns the x alone or `(x, position)`, by binding version (the stubs
    say `object`)."""
    return float(value[0] if isinstance(value, tuple) else value)  # type: ignore[arg-type]


class FieldView(QTextBrowser):
    """Read-only rich text view that knows which element field each character belongs to."""

    #: `el:` links: an element address, or `show:<address>#<evidence index>`.
    link_activated = Signal(str)
    #: A click (without selecting) inside a field.
    field_clicked = Signal(str, str)
    #: Right-click inside a field: (address, field, global position).
    element_context_menu_requested = Signal(str, str, QPoint)
    #: Emitted after each rebuild, so owners can re-apply their highlights.
    content_rebuilt = Signal()

    #: Callables run for every FieldView context menu; annotations add theirs here.
    context_menu_hooks: list[ContextMenuHook] = []

    def __init__(self, parent: QWidget | None = None, *, max_line_width: int = 0, name: str = ""):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.anchorClicked.connect(self._on_anchor)
        self.setMouseTracking(True)
        self._segments: list[FieldSegment] = []
        self._starts: list[int] = []
        self._anchors: dict[str, int] = {}
        self._layers: dict[str, list[FieldHighlight]] = {}
        self._max_line_width = max_line_width
        self._press_pos: QPoint | None = None
        self.hub: FieldViewHub | None = None
        #: this view's own context-menu hooks (after the class-wide `context_menu_hooks`), and the
        #: document position the last context menu was opened at, for them to look at
        self.local_menu_hooks: list[ContextMenuHook] = []
        self.context_position = -1
        #: callables drawing over the text after it is painted (the note margin's glyphs), given a painter
        #: on the viewport
        self.overlay_hooks: list[Callable[[QPainter], None]] = []
        #: how long the "shown from a link" outline stays strong, then fades (ms)
        self.mark_hold_ms, self.mark_fade_ms = self.MARK_HOLD_MS, self.MARK_FADE_MS
        self.mark_strength = 1.0
        self._mark_hold = QTimer(self)
        self._mark_hold.setSingleShot(True)
        self._mark_fade = QVariantAnimation(self)
        self._mark_fade.setStartValue(1.0)
        self._mark_fade.setEndValue(self.MARK_REST)
        self._mark_fade.valueChanged.connect(self._set_mark_strength)
        self._mark_hold.timeout.connect(self._mark_fade.start)
        self.document().setDocumentMargin(18)
        # read-only text: no caret until the analyst reaches the view by keyboard (Tab, a shortcut),
        # where it shows where Shift+arrows will select from
        self.setCursorWidth(0)
        if name:
            self.setObjectName(name)
            self.setAccessibleName(name.replace("_", " "))

    # -- building ----------------------------------------------------------
    def writer(self) -> FieldWriter:
        """Clear the view and return a writer; call `finish()` on it when done."""
        self.clear()
        self._layers.pop("mark", None)
        self._layers.pop("search", None)
        return FieldWriter(self)

    def set_segments(self, segments: list[FieldSegment], anchors: dict[str, int]) -> None:
        """What `FieldWriter.finish()` hands over: where each field went, and the named anchors."""
        self._segments = sorted(segments, key=lambda s: s.doc_start)
        self._starts = [s.doc_start for s in self._segments]
        self._anchors = anchors
        self._apply_margins()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        if self.hub is not None:
            self._layers["extra"] = list(self.hub.highlights)
        self._refresh_selections()
        self.content_rebuilt.emit()

    def segments(self) -> Sequence[FieldSegment]:
        return self._segments

    # -- mapping -----------------------------------------------------------
    def segment_at(self, doc_pos: int) -> FieldSegment | None:
        i = bisect.bisect_right(self._starts, doc_pos) - 1
        if i >= 0:
            seg = self._segments[i]
            if seg.doc_start <= doc_pos <= seg.doc_end and seg.doc_end > seg.doc_start:
                return seg
        return None

    def segments_for(self, address: str, field: str | None = None) -> list[FieldSegment]:
        return [s for s in self._segments if s.address == address and (field is None or s.field == field)]

    def field_at_point(self, point: QPoint) -> tuple[FieldSegment, int] | None:
        """Field and code-point offset under a viewport point."""
        pos = self.cursorForPosition(point).position()
        seg = self.segment_at(pos)
        return (seg, seg.to_offset(pos)) if seg else None

    def selected_field_range(self) -> tuple[str, str, int, int] | None:
        """`(address, field, start, end)` of the selection, clipped to the field it starts in and
        without the white space a drag picks up at its ends (it would be highlighted and quoted)."""
        c = self.textCursor()
        if not c.hasSelection():
            return None
        a, b = c.selectionStart(), c.selectionEnd()
        seg = self.segment_at(a)
        if seg is None or a == seg.doc_end:
            # selection may start just before a field (e.g. on a label): use the field it reaches
            seg = next((s for s in self._segments if s.doc_start < b and s.doc_end > a), None)
            if seg is None:
                return None
        start, end = seg.to_offset(max(a, seg.doc_start)), seg.to_offset(min(b, seg.doc_end))
        text = seg.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return seg.address, seg.field, start, end

    def document_range(self, address: str, field: str, start: int, end: int) -> list[tuple[int, int]]:
        return [(s.to_doc(start), s.to_doc(end)) for s in self.segments_for(address, field)]

    # -- highlights --------------------------------------------------------
    def highlight_layer(self, name: str) -> list[FieldHighlight]:
        """The highlights of one layer (`evidence`, `extra`, `search`, `mark`, ...), as drawn."""
        return list(self._layers.get(name, ()))

    def set_highlight_layer(self, name: str, highlights: Iterable[FieldHighlight]) -> None:
        self._layers[name] = list(highlights)
        self._refresh_selections()

    def set_extra_highlights(self, highlights: Iterable[FieldHighlight | tuple[Any, ...]]) -> None:
        """Annotation highlights: `(address, field, start, end, QColor, tooltip)` each."""
        items = [h if isinstance(h, FieldHighlight) else FieldHighlight(*h) for h in highlights]
        self.set_highlight_layer("extra", items)

    def highlights_at(self, doc_pos: int) -> list[FieldHighlight]:
        seg = self.segment_at(doc_pos)
        if seg is None:
            return []
        off = seg.to_offset(doc_pos)
        return [h for layer in self._layers.values() for h in layer
                if h.address == seg.address and h.field == seg.field and h.start <= off < h.end]

    def _refresh_selections(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        by_key: dict[tuple[str, str], list[FieldSegment]] = {}
        for s in self._segments:
            by_key.setdefault((s.address, s.field), []).append(s)
        order = ("evidence", "extra", "search", "find", "mark")
        names = sorted(self._layers, key=lambda n: order.index(n) if n in order else 1)
        for name in names:
            for h in self._layers[name]:
                for seg in by_key.get((h.address, h.field), ()):
                    sel = QTextEdit.ExtraSelection()
                    cur = QTextCursor(self.document())
                    cur.setPosition(seg.to_doc(h.start))
                    cur.setPosition(seg.to_doc(h.end), QTextCursor.MoveMode.KeepAnchor)
                    sel.cursor = cur
                    style = h.style or LAYER_STYLE.get(name, FILL)
                    if style == OUTLINE:
                        continue  # drawn over the text by paintEvent
                    sel.format = highlight_format(h, style)
                    sels.append(sel)
        self.setExtraSelections(sels)

    def show_range(self, address: str, field: str, start: int, end: int, *, mark: bool = True) -> bool:
        """Scroll to a field range and (by default) mark it; False if not shown here."""
        segs = self.segments_for(address, field)
        if not segs:
            return False
        seg = segs[0]
        if mark:
            self.set_highlight_layer("mark", [FieldHighlight(address, field, start, end, colors(self.palette()).mark,
                                                             "Shown from a link", OUTLINE)])
            self._start_mark_fade()
        cur = QTextCursor(self.document())
        cur.setPosition(seg.to_doc(end))
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        cur.setPosition(seg.to_doc(start))
        rect = self.cursorRect(cur)
        bar = self.verticalScrollBar()
        # put the start of the span a third of the way down, so its context shows
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        return True

    def scroll_to_anchor_name(self, name: str) -> bool:
        pos = self._anchors.get(name)
        if pos is None:
            return False
        cur = QTextCursor(self.document())
        cur.setPosition(pos)
        rect = self.cursorRect(cur)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 12)
        return True

    def clear_mark(self) -> None:
        self.set_highlight_layer("mark", [])

    # -- the "shown from a link" outline -------------------------------------
    #: The outline stays at full strength this long, then fades to MARK_REST so the place stays findable.
    MARK_HOLD_MS, MARK_FADE_MS, MARK_REST = 2500, 1500, 0.35

    def _start_mark_fade(self) -> None:
        self._mark_fade.stop()
        self._mark_fade.setDuration(self.mark_fade_ms)
        self._set_mark_strength(1.0)
        self._mark_hold.start(self.mark_hold_ms)

    def _set_mark_strength(self, value: object) -> None:
        self.mark_strength = float(value)  # type: ignore[arg-type]  # the animation's floats
        self.viewport().update()

    def range_rects(self, doc_start: int, doc_end: int) -> list[QRectF]:
        """Viewport rectangles covering document range [doc_start, doc_end), one per line it spans."""
        doc = self.document()
        layout = doc.documentLayout()
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = doc.findBlock(doc_start)
        while block.isValid() and block.position() < doc_end:
            br = layout.blockBoundingRect(block)
            tl = block.layout()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i)
                ls = block.position() + line.textStart()
                a, b = max(doc_start, ls), min(doc_end, ls + line.textLength())
                if a >= b:
                    continue
                x0 = _x(line.cursorToX(a - block.position()))
                x1 = _x(line.cursorToX(b - block.position()))
                rects.append(QRectF(br.left() + x0 + dx, br.top() + line.y() + dy, x1 - x0, line.height()))
            block = block.next()
        return rects

    def mark_rects(self) -> list[QRectF]:
        out: list[QRectF] = []
        for h in self._layers.get("mark", ()):
            for a, b in self.document_range(h.address, h.field, h.start, h.end):
                out += self.range_rects(a, b)
        return out

    def find_boxes(self) -> list[tuple[QRectF, bool]]:
        """The boxes around the find bar's matches (viewport coordinates), and whether each is the current one."""
        out: list[tuple[QRectF, bool]] = []
        for h in self._layers.get("find", ()):
            current = h.tooltip == CURRENT_MATCH
            for a, b in self.document_range(h.address, h.field, h.start, h.end):
                out += [(r, current) for r in self.range_rects(a, b)]
        return out

    def _draw_find_boxes(self) -> None:
        """A box around each find match (thicker, in the text colour, around the current one): no
        highlight colour looks like it, so a match never reads as an analyst's highlight."""
        boxes = self.find_boxes()
        if not boxes:
            return
        c = colors(self.palette())
        painter = QPainter(self.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r, current in sorted(boxes, key=lambda rc: rc[1]):
            painter.setPen(QPen(c.text if current else c.search_edge, 2 if current else 1))
            painter.drawRect(r.adjusted(-1, 0, 0, -1) if current else r.adjusted(-0.5, 0.5, -0.5, -0.5))
        painter.end()

    def mark_color(self) -> QColor:
        """The outline's colour: the palette's selection colour, unlike every annotation marker."""
        c = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        c.setAlphaF(self.mark_strength)
        return c

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.overlay_hooks:
            overlay = QPainter(self.viewport())
            for hook in list(self.overlay_hooks):
                hook(overlay)
            overlay.end()
        if self._layers.get("find"):
            self._draw_find_boxes()
        if not self._layers.get("mark"):
            return
        rects = self.mark_rects()
        if not rects:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self.mark_color(), 2.5 if self.mark_strength > 0.5 else 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r in rects:
            painter.drawRoundedRect(r.adjusted(-3, -1, 3, 1), 3, 3)
        painter.end()

    # -- layout ------------------------------------------------------------
    def _apply_margins(self) -> None:
        if not self._max_line_width:
            return
        width = self.viewport().width()
        side = max(18, (width - self._max_line_width) // 2)
        frame = self.document().rootFrame()
        ff: QTextFrameFormat = frame.frameFormat()
        if ff.leftMargin() != side:
            ff.setLeftMargin(side)
            ff.setRightMargin(side)
            frame.setFrameFormat(ff)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_margins()

    # -- interaction -------------------------------------------------------
    _KEYBOARD_FOCUS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                       Qt.FocusReason.ShortcutFocusReason)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.setCursorWidth(1 if event.reason() in self._KEYBOARD_FOCUS else 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or event.key() in (
                Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.setCursorWidth(1)  # selecting (or moving the caret) by keyboard: show where
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu keeps the caret
            self.setCursorWidth(0)

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(LINK_SCHEME + ":"):
            self.link_activated.emit(text[len(LINK_SCHEME) + 1:])

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.cursorForPosition(event.pos()).position()
            tips = list(dict.fromkeys(h.tooltip for h in self.highlights_at(pos) if h.tooltip))
            anchor = self.anchorAt(event.pos())
            if tips:
                QToolTip.showText(event.globalPos(), "\n".join(tips), self.viewport())
                return True
            if not anchor:
                QToolTip.hideText()
                event.ignore()
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            event.ignore()  # let the window's history take it
            return
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if (press is not None and event.button() == Qt.MouseButton.LeftButton
                and (event.position().toPoint() - press).manhattanLength() < 4
                and not self.textCursor().hasSelection() and not self.anchorAt(press)):
            hit = self.field_at_point(press)
            if hit:
                self.field_clicked.emit(hit[0].address, hit[0].field)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        self.context_position = self.cursorForPosition(event.pos()).position()
        hit = self.field_at_point(event.pos())
        selection = self.selected_field_range()
        seg = hit[0] if hit else None
        if seg is None and selection:
            seg = next((s for s in self.segments_for(selection[0], selection[1])), None)
        for hook in [*self.context_menu_hooks, *self.local_menu_hooks]:
            hook(self, seg, selection, menu)
        if seg is not None:
            self.element_context_menu_requested.emit(seg.address, seg.field, event.globalPos())
            self._extend_menu(menu, seg)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _extend_menu(self, menu: QMenu, seg: FieldSegment) -> None:
        """Window-level actions for a field; the main window sets `menu_extender`."""
        if self.menu_extender is not None:
            self.menu_extender(self, seg, menu)

    menu_extender: Callable[[FieldView, FieldSegment, QMenu], None] | None = None
