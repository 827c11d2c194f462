"""Notes beside the text: a margin of note cards aligned with the highlights they belong to.

As in Hypothesis and Zotero's reader, a reading view (Overview, a source's
text) keeps a column on its right where each annotation that carries a note
shows as a card at the height of its highlight; cards that would overlap are
pushed down and a leader line ties them to their place. When the view is too
narrow for cards the column shrinks to markers, and the marker of the chosen
note opens into its card over the text. A highlight with a note also carries
a small note glyph at its end (drawn over the text through the view's
`overlay_hooks`), after any punctuation that closes the highlight and raised
above the line, so it covers no character.

A card reads: the title (colour label · author), the note — cut with "…"
when longer than the card shows (the whole note in its tooltip, and in the
card once chosen) — and a last line with the tags (#tag) and the confidence.
Its text keeps a padding from the card's border on every side. When the
text beside the margin is too narrow for cards, markers stand in for them
and their tooltip says why.

`NoteMargins` is one window's set of notes for its margins: the annotation
controller hands it `MarginNote`s (`set_notes`) and the note the analyst
chose (`set_current`); it says which note the analyst clicked — a card, a
marker or a highlight in the text (`note_activated`) — and which card was
double-clicked to be edited (`note_edit_requested`). It imports no
annotation code: the annotations depend on the views, never the reverse.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from briefing_app.gui.theme import colors, mix
from briefing_app.gui.views.field_view import FieldView

__all__ = ["MarginNote", "NoteMargin", "NoteMargins", "CARD_WIDTH", "MARKER_WIDTH"]

#: Width of the card column, of the marker column, and the text width below which cards become markers.
CARD_WIDTH, MARKER_WIDTH, MIN_TEXT_WIDTH = 214, 28, 330
#: Below this text width even markers would squeeze the text: the view keeps the glyphs only.
MIN_MARKER_TEXT_WIDTH = 300
#: Lines of a note a card shows until it is chosen (then up to CURRENT_LINES).
CARD_LINES, CURRENT_LINES = 4, 18
_GAP, _PAD = 6, 7
#: A card's text starts right of its colour stripe, and stops this far from its right border.
_TEXT_LEFT, _TEXT_RIGHT = _PAD + 5, _PAD + 4
#: Characters that close a highlighted phrase: the note glyph goes after them, not over them.
_CLOSING = frozenset(".,;:!?)]}\"'\u2019\u201d\u00bb\u2026")
_ELLIPSIS = "\u2026"


class MarginNote(NamedTuple):
    """One annotation as the margin shows it (placed; `field` None for a whole element)."""

    annotation_id: str
    address: str
    field: str | None
    start: int | None
    end: int | None
    color: QColor
    title: str  # "key judgment · T. Tester"
    note: str  # plain text
    tags: tuple[str, ...] = ()
    confidence: str = ""  # "moderate", as the analyst graded it ("" for none)

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip() or self.tags or self.confidence)

    def footer(self) -> str:
        """The card's last line: "#core #verify · moderate confidence" ("" when neither is set)."""
        tags = " ".join(f"#{t}" for t in self.tags)
        grade = f"{self.confidence} confidence" if self.confidence else ""
        return " \u00b7 ".join(p for p in (tags, grade) if p)

    def body(self) -> str:
        """The whole note with its tags and confidence (the card's tooltip)."""
        return "\n".join(p for p in (self.note.strip(), self.footer()) if p)


class _Card(NamedTuple):
    note: MarginNote
    anchor_y: int  # document y of the highlight's first line (top)
    y: int  # document y of the card (after stacking)
    height: int
    lines: tuple[str, ...]  # the note as the card shows it, line by line (the last one ends "…" when cut)


class NoteMargins(QObject):
    """The notes of one window, for the margins of its reading views (see the module docstring)."""

    #: The analyst clicked a note's card or marker, or a highlight in the text (annotation id).
    note_activated = Signal(str)
    #: A card was double-clicked (annotation id).
    note_edit_requested = Signal(str)
    #: The notes or the chosen note changed (the margins repaint).
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes: list[MarginNote] = []
        self.current: str | None = None
        self._margins: list[NoteMargin] = []

    def attach(self, view: FieldView, column: bool = True) -> NoteMargin:
        """Give a text view its margin (once): the column of cards for a reading view, or (`column`
        False, a narrow view such as the Inspector) only the note glyphs and a click selecting a note."""
        for m in self._margins:
            if m.view is view:
                return m
        margin = NoteMargin(view, self, column)
        self._margins.append(margin)
        margin.destroyed.connect(lambda _o=None, m=margin: self._margins.remove(m) if m in self._margins else None)
        return margin

    def margins(self) -> list[NoteMargin]:
        return list(self._margins)

    def set_notes(self, notes: list[MarginNote]) -> None:
        self.notes = list(notes)
        if self.current is not None and not any(n.annotation_id == self.current for n in self.notes):
            self.current = None
        self.changed.emit()

    def set_current(self, annotation_id: str | None) -> None:
        if annotation_id != self.current:
            self.current = annotation_id
            self.changed.emit()


class NoteMargin(QWidget):
    """The margin of one `FieldView`: note cards (or markers) beside the highlights, glyphs on them."""

    def __init__(self, view: FieldView, hub: NoteMargins, column: bool = True) -> None:
        super().__init__(view)
        self.view, self.hub, self.column = view, hub, column
        self.setObjectName(f"{view.objectName() or 'text'}_margin")
        self.setAccessibleName("Notes beside the text")
        self.setMouseTracking(True)
        self.compact = False
        self._here: list[MarginNote] = []
        self._cards: list[_Card] = []
        self._press: QPoint | None = None
        self._resizing = False
        self.viewport = view.viewport()
        view.installEventFilter(self)
        self.viewport.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)
        view.content_rebuilt.connect(self.refresh)
        # the text laid out anew (zoomed, rewrapped): the cards follow, once per burst of changes
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.refresh)
        view.document().documentLayout().documentSizeChanged.connect(lambda _size: self._relayout.start())
        view.overlay_hooks.append(self.paint_glyphs)
        hub.changed.connect(self.refresh)
        self.hide()
        self.refresh()

    # -- what this view shows ---------------------------------------------------------------
    def notes_here(self) -> list[MarginNote]:
        """The notes whose place is shown in this view."""
        return list(self._here)

    def cards(self) -> list[tuple[str, QRect]]:
        """(annotation id, rectangle in this widget) of each card or marker, top to bottom."""
        return [(c.note.annotation_id, self._card_rect(c)) for c in self._cards]

    def card_rect(self, annotation_id: str) -> QRect | None:
        return next((r for i, r in self.cards() if i == annotation_id), None)

    def card_text(self, annotation_id: str) -> list[str]:
        """The lines a card shows: its title, its note (as cut), and its tags and confidence."""
        card = next((c for c in self._cards if c.note.annotation_id == annotation_id), None)
        if card is None or self.compact:
            return []
        return [card.note.title, *card.lines, *_footer_lines(QFontMetrics(self._font()), card.note)]

    def card_text_rect(self, annotation_id: str) -> QRect | None:
        """Where a card's text may go (inside its padding), in this widget's coordinates."""
        rect = self.card_rect(annotation_id)
        return None if rect is None or self.compact else rect.adjusted(_TEXT_LEFT, _PAD, -_TEXT_RIGHT, -_PAD)

    def _segments(self, n: MarginNote) -> list:
        if n.field is None:
            return [s for s in self.view.segments() if s.address == n.address][:1]
        return self.view.segments_for(n.address, n.field)

    def _doc_pos(self, n: MarginNote) -> int | None:
        segs = self._segments(n)
        if not segs:
            return None
        return segs[0].to_doc(n.start) if n.start is not None else segs[0].doc_start

    def refresh(self) -> None:
        """Pick this view's notes, size the column (cards, markers or none) and lay the cards out."""
        self._here = [n for n in self.hub.notes if n.has_note and self._segments(n)]
        if not self._here or not self.column or self.view.width() - MARKER_WIDTH < MIN_MARKER_TEXT_WIDTH:
            self._reserve(0)
            self._cards = []
            self.hide()
            self.view.viewport().update()
            return
        self.compact = self.view.width() - CARD_WIDTH < MIN_TEXT_WIDTH
        self._reserve(MARKER_WIDTH if self.compact else CARD_WIDTH)
        self._place()
        self.show()
        self._layout_cards()
        self.update()
        self.view.viewport().update()

    def _reserve(self, width: int) -> None:
        """Keep `width` pixels right of the text for the column; the view lays its text out anew (a
        resize event, as when the window is resized: it centres its text column in what is left)."""
        if self.view.viewportMargins().right() == width:
            return
        self.view.setViewportMargins(0, 0, width, 0)
        self._resizing = True
        try:
            QApplication.sendEvent(self.view, QResizeEvent(self.view.size(), self.view.size()))
        finally:
            self._resizing = False

    def _place(self) -> None:
        vp = self.view.viewport().geometry()
        width = MARKER_WIDTH if self.compact else CARD_WIDTH
        current_here = any(n.annotation_id == self.hub.current for n in self._here)
        if self.compact and current_here:
            width += CARD_WIDTH  # the chosen note's card opens over the text
        self.setGeometry(vp.right() + 1 + (MARKER_WIDTH if self.compact else CARD_WIDTH) - width, vp.top(),
                         width, vp.height())
        self.raise_()

    def _font(self) -> QFont:
        f = QFont(self.view.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.88))
        return f

    def _layout_cards(self) -> None:
        scroll = self.view.verticalScrollBar().value()
        fm = QFontMetrics(self._font())
        placed: list[tuple[int, MarginNote]] = []
        for n in self._here:
            pos = self._doc_pos(n)
            if pos is None:
                continue
            cur = QTextCursor(self.view.document())
            cur.setPosition(pos)
            placed.append((self.view.cursorRect(cur).top() + scroll, n))
        placed.sort(key=lambda p: p[0])
        cards: list[_Card] = []
        bottom = -10**9
        for anchor, n in placed:
            lines: tuple[str, ...] = ()
            if self.compact:
                height = 20
            else:
                limit = CURRENT_LINES if n.annotation_id == self.hub.current else CARD_LINES
                lines = card_lines(fm, n.note, CARD_TEXT_WIDTH, limit)
                height = _card_height(fm, n, lines)
            y = max(anchor, bottom + _GAP)
            cards.append(_Card(n, anchor, y, height, lines))
            bottom = y + height
        self._cards = cards

    def _card_rect(self, c: _Card) -> QRect:
        scroll = self.view.verticalScrollBar().value()
        if self.compact:
            return QRect(self.width() - MARKER_WIDTH + 4, c.y - scroll, MARKER_WIDTH - 8, c.height)
        return QRect(8, c.y - scroll, CARD_WIDTH - 14, c.height)

    def _scrolled(self, _value: int) -> None:
        self.update()

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        c = colors(self.view.palette())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        column = QRect(self.width() - (MARKER_WIDTH if self.compact else CARD_WIDTH), 0,
                       MARKER_WIDTH if self.compact else CARD_WIDTH, self.height())
        p.fillRect(column, c.block)
        p.setPen(QPen(c.rule, 1))
        p.drawLine(column.topLeft(), column.bottomLeft())
        p.setFont(self._font())
        fm = QFontMetrics(self._font())
        scroll = self.view.verticalScrollBar().value()
        for card in self._cards:
            rect = self._card_rect(card)
            if rect.bottom() < 0 or rect.top() > self.height():
                continue
            current = card.note.annotation_id == self.hub.current
            if self.compact:
                self._paint_marker(p, rect, card.note, current)
                continue
            anchor = card.anchor_y - scroll + fm.height() // 2
            if card.y != card.anchor_y:  # pushed down: a leader from the highlight's line to the card
                p.setPen(QPen(mix(c.rule, c.text, 0.3), 1))
                p.drawLine(QPointF(column.left() + 1, anchor), QPointF(rect.left(), rect.top() + 10))
            self._paint_card(p, rect, card, current, fm)
        self._paint_open_card(p, fm)
        p.end()

    def _paint_card(self, p: QPainter, rect: QRect, card: _Card, current: bool, fm: QFontMetrics) -> None:
        c = colors(self.view.palette())
        n = card.note
        p.setPen(QPen(self.view.palette().color(self.view.palette().ColorRole.Highlight) if current
                      else mix(c.rule, c.text, 0.15), 2 if current else 1))
        p.setBrush(c.base)
        p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        stripe = QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2)
        p.fillRect(stripe, n.color)
        inner = rect.adjusted(_TEXT_LEFT, _PAD, -_TEXT_RIGHT, -_PAD)
        p.save()
        p.setClipRect(inner)
        p.setPen(c.secondary)
        line = fm.lineSpacing()
        p.drawText(QRect(inner.left(), inner.top(), inner.width(), line),
                   Qt.TextFlag.TextSingleLine, fm.elidedText(n.title, Qt.TextElideMode.ElideRight, inner.width()))
        p.setPen(c.text)
        y = inner.top() + line + 2
        for text in card.lines:
            p.drawText(QRect(inner.left(), y, inner.width(), line), Qt.TextFlag.TextSingleLine, text)
            y += line
        p.setPen(c.secondary)
        for text in _footer_lines(fm, n):
            p.drawText(QRect(inner.left(), y + 2, inner.width(), line), Qt.TextFlag.TextSingleLine, text)
            y += line
        p.restore()

    def _paint_marker(self, p: QPainter, rect: QRect, n: MarginNote, current: bool) -> None:
        p.setPen(QPen(self.view.palette().color(self.view.palette().ColorRole.Highlight) if current
                      else n.color.darker(170), 2 if current else 1))
        p.setBrush(n.color)
        p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        _note_lines(p, QRectF(rect).adjusted(5, 5, -5, -5), QColor("#1b1c1f"))

    def _open_card(self, fm: QFontMetrics) -> tuple[_Card, QRect] | None:
        """In marker mode, the chosen note's card opened over the text, and where it stands."""
        card = next((c for c in self._cards if c.note.annotation_id == self.hub.current), None)
        if not self.compact or card is None:
            return None
        lines = card_lines(fm, card.note.note, CARD_TEXT_WIDTH, CURRENT_LINES)
        height = _card_height(fm, card.note, lines)
        marker = self._card_rect(card)
        # below the highlight's last line, so the card does not hide the words it is about
        below = marker.bottom()
        segs = self._segments(card.note)
        if segs and card.note.end is not None:
            cur = QTextCursor(self.view.document())
            cur.setPosition(segs[0].to_doc(card.note.end))
            below = max(below, self.view.cursorRect(cur).bottom())
        top = max(0, min(below + 6, self.height() - height))
        return card._replace(lines=lines), QRect(2, top, CARD_WIDTH - 6, height)

    def _paint_open_card(self, p: QPainter, fm: QFontMetrics) -> None:
        opened = self._open_card(fm)
        if opened is None:
            return
        card, rect = opened
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 60))
        p.drawRoundedRect(QRectF(rect).translated(2, 3), 5, 5)
        self._paint_card(p, rect, card, True, fm)

    def paint_glyphs(self, painter: QPainter) -> None:
        """The note glyph at the end of each highlight that carries a note (over the view's text)."""
        if not self._here:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        height = self.view.viewport().height()
        for n in self._here:
            if n.field is None or n.end is None:
                continue
            for seg in self._segments(n):
                box = QRectF(self._glyph_box(seg, n.end))
                if box.bottom() < 0 or box.top() > height:
                    continue
                ink = n.color.darker(210)
                if n.annotation_id == self.hub.current:
                    ink = self.view.palette().color(self.view.palette().ColorRole.Highlight)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ink)
                path = QPainterPath()
                path.addRoundedRect(box, 2, 2)
                path.moveTo(box.left() + 2, box.bottom())
                path.lineTo(box.left() + 1, box.bottom() + 3)
                path.lineTo(box.left() + 5, box.bottom())
                painter.drawPath(path)
                _note_lines(painter, box.adjusted(2, 2, -2, -2), QColor("#ffffff"))

    def glyph_rects(self, annotation_id: str) -> list[QRect]:
        """Where a note's glyphs are drawn, in viewport coordinates (for tests and hit-testing)."""
        out: list[QRect] = []
        for n in self._here:
            if n.annotation_id != annotation_id or n.field is None or n.end is None:
                continue
            out += [self._glyph_box(seg, n.end) for seg in self._segments(n)]
        return out

    def _glyph_box(self, seg, end: int) -> QRect:
        """The glyph's place: after the highlight and the punctuation closing it, raised above the line's
        letters (its tail just reaches the line), so it covers no character."""
        doc = self.view.document()
        pos = seg.to_doc(end)
        while pos < seg.doc_end and doc.characterAt(pos) in _CLOSING:
            pos += 1
        cur = QTextCursor(doc)
        cur.setPosition(pos)
        r = self.view.cursorRect(cur)
        return QRect(r.left() + 2, r.top() - 9, 10, 9)

    # -- the analyst's clicks ----------------------------------------------------------------
    def _card_at(self, pos: QPoint) -> str | None:
        opened = self._open_card(QFontMetrics(self._font()))
        if opened is not None and opened[1].contains(pos):
            return opened[0].note.annotation_id
        for annotation_id, rect in self.cards():
            if rect.contains(pos):
                return annotation_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self._card_at(event.position().toPoint())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.hub.note_activated.emit(hit)
        elif self.compact and self.hub.current is not None:
            self.hub.set_current(None)  # a click beside the open card closes it

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self._card_at(event.position().toPoint())
        if hit is not None:
            self.hub.note_edit_requested.emit(hit)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._card_at(event.pos())
            n = next((x for x in self._here if x.annotation_id == hit), None)
            if n is not None:
                why = ("\n\nMarkers stand in for the cards: the text here is too narrow for both. Widen the "
                       "window, or hide the Inspector (Ctrl+I) or the navigator (F9), to see the cards."
                       if self.compact else "")
                QToolTip.showText(event.globalPos(),
                                  f"{n.title}\n{n.body()}\n(click: select; double-click: edit){why}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def note_at(self, viewport_pos: QPoint) -> str | None:
        """The annotation with a note or highlight at a point of the view's text (its glyph included)."""
        pos = self.view.cursorForPosition(viewport_pos).position()
        seg = self.view.segment_at(pos)
        if seg is None:
            return None
        off = seg.to_offset(pos)
        for n in self.hub.notes:
            if n.address == seg.address and n.field == seg.field and n.start is not None and n.end is not None \
                    and n.start <= off <= n.end:
                return n.annotation_id
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if obj is self.view and kind == QEvent.Type.Resize and not self._resizing:
            self.refresh()
        elif obj is self.viewport and isinstance(event, QMouseEvent) and \
                event.button() == Qt.MouseButton.LeftButton:
            if kind == QEvent.Type.MouseButtonPress:
                self._press = event.position().toPoint()
            elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
                press, self._press = self._press, None
                if (event.position().toPoint() - press).manhattanLength() < 4 \
                        and not self.view.textCursor().hasSelection():
                    hit = self.note_at(press)
                    if hit is not None:
                        self.hub.note_activated.emit(hit)
        return False


#: The width of a card's text (the card less its stripe and padding; see `_card_rect`).
CARD_TEXT_WIDTH = CARD_WIDTH - 14 - _TEXT_LEFT - _TEXT_RIGHT


def card_lines(fm: QFontMetrics, note: str, width: int, limit: int) -> tuple[str, ...]:
    """`note` wrapped to `width`, at most `limit` lines; when it is longer the last line ends with "…"."""
    wrapped: list[str] = []
    for para in note.strip().splitlines() or [""]:
        words, line = para.split(), ""
        for word in words:
            while fm.horizontalAdvance(word) > width:  # a word longer than the card: broken where it must be
                cut = len(fm.elidedText(word, Qt.TextElideMode.ElideRight, width)) - 1 or 1
                if line:
                    wrapped.append(line)
                    line = ""
                wrapped.append(word[:cut])
                word = word[cut:]
            trial = f"{line} {word}" if line else word
            if line and fm.horizontalAdvance(trial) > width:
                wrapped.append(line)
                line = word
            else:
                line = trial
        if line:
            wrapped.append(line)
    if len(wrapped) <= limit:
        return tuple(wrapped)
    rest = " ".join(wrapped[limit - 1:])
    last = fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    if not last.endswith(_ELLIPSIS):
        last = fm.elidedText(last, Qt.TextElideMode.ElideRight, width - fm.horizontalAdvance(_ELLIPSIS)) + _ELLIPSIS
    return (*wrapped[:limit - 1], last)


def _card_height(fm: QFontMetrics, n: MarginNote, lines: tuple[str, ...]) -> int:
    """Padding, the title, the note's lines and (with tags or a confidence) the last line."""
    footer = len(_footer_lines(fm, n))
    return 2 * _PAD + fm.lineSpacing() * (1 + len(lines) + footer) + 2 + (2 if footer else 0)


def _footer_lines(fm: QFontMetrics, n: MarginNote) -> tuple[str, ...]:
    """The tags and confidence, on up to two lines."""
    return card_lines(fm, n.footer(), CARD_TEXT_WIDTH, 2) if n.footer() else ()


def _note_lines(p: QPainter, box: QRectF, ink: QColor) -> None:
    """Three short lines: a note."""
    p.setPen(QPen(ink, 1.1))
    step = box.height() / 3
    for i in range(3):
        y = box.top() + step * (i + 0.5)
        right = box.right() - (box.width() * 0.35 if i == 2 else 0)
        p.drawLine(QPointF(box.left(), y), QPointF(right, y))
