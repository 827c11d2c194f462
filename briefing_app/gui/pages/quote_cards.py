"""Quote cards: the speaker as a link, the date, the full quote (word-wrapped) and its context.

`QuoteCardDelegate` paints one card per row of a quotes model (roles
`SPEAKER`, `LINK`, `DATE`, `DISPLAY` for the quoted text, `CONTEXT`) and
makes the speaker's name a link: a click on it (or Enter on the card, see
`QuotesPage`) emits `link_activated("actors/<id>")`. Card heights follow the
text, so nothing is cut off; they are measured once per width and cached,
and the list lays them out in batches, so 5,000 quotes stay fluid.

Annotation highlights on a quote's text or context (the window's
`FieldViewHub`, set with `set_hub`) are drawn on the card as in every text
view: the card's text is laid out with `QTextLayout` and the highlights are
its format ranges. Cards repaint when the hub's highlights change. The
in-page find bar (gui/views/find_bar.py) searches the fields `find_fields`
names and draws its marks the same way, above the annotations
(`set_find_marks`).

A quote with a problem (a misquote: its text no longer matches the source)
carries the same mark as in the text views — a red wash with a dashed red
underline over the faulty field, from the hub's "problems" layer — and a red
"⚠" with the problem on the card's first line; hovering the card names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from briefing_app.gui.pages.models import Role
from briefing_app.gui.theme import colors
from briefing_app.gui.views.item_paint import draw_item_panel

if TYPE_CHECKING:
    from collections.abc import Iterable

    from briefing_app.gui.views.field_hub import FieldViewHub
    from briefing_app.gui.views.highlights import FieldHighlight

__all__ = ["QuoteCardDelegate", "CardLayout"]

WRAP = int(Qt.TextFlag.TextWordWrap)
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
#: The hub layer of the problems marks (gui/problems/marks.py LAYER; not imported, so it loads only when needed).
PROBLEMS = "problems"


@dataclass(frozen=True, slots=True)
class CardLayout:
    speaker: QRect  # the link
    date: QRect
    quote: QRect
    context: QRect
    height: int


class QuoteCardDelegate(QStyledItemDelegate):
    """Paints quote cards and turns clicks on the speaker into links."""

    link_activated = Signal(str)

    PAD_X, PAD_Y, GAP, BAR = 16, 12, 6, 3

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, int], int] = {}
        self._hover: QPersistentModelIndex | None = None
        self.hub: FieldViewHub | None = None
        self._find_marks: dict[str, list[FieldHighlight]] = {}

    # -- the find bar's marks -------------------------------------------------------------
    def find_fields(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, str, str]]:
        """(address, field, raw text) of each field a card shows: what the find bar searches."""
        el = index.data(Role.ELEMENT)
        address = index.data(Role.ADDRESS) or ""
        return [(address, f, getattr(el, f, None) or "") for f in ("text", "context") if getattr(el, f, None)]

    def set_find_marks(self, marks: Iterable[FieldHighlight]) -> None:
        """The find bar's matches (drawn over the annotation highlights); [] clears them."""
        self._find_marks = {}
        for h in marks:
            self._find_marks.setdefault(h.address, []).append(h)
        self._highlights_changed()

    def set_hub(self, hub: FieldViewHub) -> None:
        """Draw the hub's (annotation) highlights on the cards, and repaint when they change."""
        self.hub = hub
        hub.on_change(self._highlights_changed)

    def _highlights_changed(self) -> None:
        try:
            self._view.viewport().update()
        except RuntimeError:  # the list is gone (window closed)
            pass

    def field_ranges(self, index: QModelIndex | QPersistentModelIndex, field: str, shown: str) -> list:
        """The hub's highlights on one field of this card, as `QTextLayout.FormatRange`s over `shown`."""
        address = index.data(Role.ADDRESS) or ""
        hs = [h for h in self.hub.highlights_for(address) if h.field == field] if self.hub is not None else []
        hs += [h for h in self.problem_marks(index) if h.field == field]
        hs += [h for h in self._find_marks.get(address, ()) if h.field == field]
        if not hs:
            return []
        el = index.data(Role.ELEMENT)
        raw = getattr(el, field, None) or ""
        from briefing_app.gui.views.field_view import (  # loaded with the text views by then
            MARKER,
            highlight_format,
        )

        # the card shows the field stripped (a quote also between curly quotes): shift the offsets
        lead = len(raw) - len(raw.lstrip())
        shift = (1 if field == "text" else 0) - lead
        out = []
        for h in hs:
            a = max(0, min(len(shown), h.start + shift))
            b = max(a, min(len(shown), h.end + shift))
            if a == b:
                continue
            r = QTextLayout.FormatRange()
            r.start, r.length = _utf16(shown, a), _utf16(shown, b) - _utf16(shown, a)
            r.format = highlight_format(h, h.style or MARKER)
            out.append(r)
        return out

    def problem_marks(self, index: QModelIndex | QPersistentModelIndex) -> list[FieldHighlight]:
        """The problems and findings marked on this card (none without a hub)."""
        return self.hub.layer_for(PROBLEMS, index.data(Role.ADDRESS) or "") if self.hub is not None else []

    def problem_note(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """What the card's ⚠ says on hover: one line per problem or finding ("" for a sound quote)."""
        return "\n".join(dict.fromkeys(h.tooltip for h in self.problem_marks(index) if h.tooltip))

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802
        note = self.problem_note(index) if index.isValid() else ""
        if note and event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), note, view)
            return True
        return super().helpEvent(event, view, option, index)

    def _draw_text(self, painter, rect: QRect, text: str, font: QFont, ranges: list) -> None:
        """Word-wrapped text with highlight ranges (the same breaks as `drawText(..., WordWrap)`)."""
        if not ranges:
            painter.drawText(rect, int(LEFT) | WRAP, text)
            return
        layout = QTextLayout(text, font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(opt)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            line.setPosition(QPointF(0, y))
            y += QFontMetrics(font).lineSpacing()
        layout.endLayout()
        layout.draw(painter, QPointF(rect.topLeft()), ranges)

    # -- fonts and geometry ---------------------------------------------------
    def fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        speaker = QFont(base)
        speaker.setWeight(QFont.Weight.DemiBold)
        quote = QFont(base)
        quote.setItalic(True)
        quote.setPointSizeF(base.pointSizeF() * 1.08)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        return speaker, quote, small

    def _text_width(self) -> int:
        return max(160, self._view.viewport().width() - 2 * self.PAD_X - self.BAR - 2)

    def card_layout(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> CardLayout:
        """Where each part of a card goes, for `option.rect` (its top-left) and the view's width."""
        speaker_f, quote_f, small_f = self.fonts(option.font)
        fs, fq, fc = QFontMetrics(speaker_f), QFontMetrics(quote_f), QFontMetrics(small_f)
        width = self._text_width()
        x = option.rect.left() + self.PAD_X + self.BAR
        y = option.rect.top() + self.PAD_Y
        name = index.data(Role.SPEAKER) or ""
        speaker = QRect(x, y, min(fs.horizontalAdvance(name) + 2, width), fs.height())
        date_x = speaker.right() + 1 + fs.horizontalAdvance("  ")
        date = QRect(date_x, y + (fs.ascent() - fc.ascent()), max(0, x + width - date_x), fc.height())
        y += fs.height() + self.GAP
        text = index.data() or ""
        qh = fq.boundingRect(QRect(0, 0, width, 1 << 20), WRAP, text).height()
        quote = QRect(x, y, width, qh)
        y += qh
        context_text = index.data(Role.CONTEXT) or ""
        if context_text:
            y += self.GAP
            ch = fc.boundingRect(QRect(0, 0, width, 1 << 20), WRAP, context_text).height()
        else:
            ch = 0
        context = QRect(x, y, width, ch)
        y += ch + self.PAD_Y
        return CardLayout(speaker, date, quote, context, y - option.rect.top() + 1)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        width = self._text_width()
        key = (index.data(Role.ADDRESS) or "", width)
        h = self._heights.get(key)
        if h is None:
            opt = QStyleOptionViewItem(option)
            opt.rect = QRect(0, 0, width, 0)
            h = self.card_layout(opt, index).height
            if len(self._heights) > 50_000:
                self._heights.clear()
            self._heights[key] = h
        return QSize(width, h)

    def forget_sizes(self) -> None:
        """Drop cached heights (new briefing, font or style)."""
        self._heights.clear()

    # -- painting -----------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        draw_item_panel(self, painter, option, index)
        pal = option.palette
        c = colors(pal)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        soft = text_color if selected else c.secondary
        link = text_color if selected else c.link
        lay = self.card_layout(option, index)
        speaker_f, quote_f, small_f = self.fonts(option.font)
        painter.save()
        # a quote bar down the left edge, in the same blue as quotes in the sources
        bar = QRect(option.rect.left() + self.PAD_X - 6, lay.speaker.top(), self.BAR,
                    (lay.context.bottom() if lay.context.height() else lay.quote.bottom()) - lay.speaker.top())
        painter.fillRect(bar, text_color if selected else c.quote_accent)
        f = QFont(speaker_f)
        hovered = self._hover is not None and self._hover == QPersistentModelIndex(index)
        f.setUnderline(hovered or bool(option.state & QStyle.StateFlag.State_HasFocus))
        painter.setFont(f)
        painter.setPen(link)
        fs = QFontMetrics(speaker_f)
        painter.drawText(lay.speaker, int(LEFT), fs.elidedText(index.data(Role.SPEAKER) or "",
                                                             Qt.TextElideMode.ElideRight, lay.speaker.width()))
        painter.setFont(small_f)
        marks = self.problem_marks(index)
        if marks and lay.date.width():  # "⚠ Problem: …" in the mark's red, right of the date
            fm = QFontMetrics(small_f)
            room = lay.date.width() // 2
            words = marks[0].tooltip.partition(": ")[2] or marks[0].tooltip  # without "Problem: "
            if words.startswith(marks[0].address):  # … nor the element's address, the card is the element
                words = words.partition(": ")[2] or words
            warn = fm.elidedText("\u26a0 " + words, Qt.TextElideMode.ElideRight, room)
            painter.setPen(text_color if selected else QColor(marks[0].accent or c.secondary))
            painter.drawText(lay.date, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), warn)
            lay = CardLayout(lay.speaker, QRect(lay.date.left(), lay.date.top(),
                                                max(0, lay.date.width() - fm.horizontalAdvance(warn) - 12),
                                                lay.date.height()), lay.quote, lay.context, lay.height)
        painter.setPen(soft)
        if lay.date.width():
            painter.drawText(lay.date, int(LEFT), QFontMetrics(small_f).elidedText(
                "\u00b7  " + (index.data(Role.DATE) or "undated"), Qt.TextElideMode.ElideRight, lay.date.width()))
        painter.setFont(quote_f)
        painter.setPen(text_color)
        quote = index.data() or ""
        self._draw_text(painter, lay.quote, quote, quote_f, _readable(self.field_ranges(index, "text", quote), selected))
        if lay.context.height():
            painter.setFont(small_f)
            painter.setPen(soft)
            context = index.data(Role.CONTEXT) or ""
            self._draw_text(painter, lay.context, context, small_f,
                            _readable(self.field_ranges(index, "context", context), selected))
        painter.setPen(c.rule)
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    # -- the speaker link -------------------------------------------------------------
    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802
        et = event.type()
        if et in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonPress):
            on_link = self.card_layout(option, index).speaker.contains(event.position().toPoint())
            target = index.data(Role.LINK) if on_link else None
            self._set_hover(index if target else None)
            if et == QEvent.Type.MouseButtonRelease and target and event.button() == Qt.MouseButton.LeftButton:
                self.link_activated.emit(target)
                return True
        return super().editorEvent(event, model, option, index)

    def _set_hover(self, index: QModelIndex | None) -> None:
        new = QPersistentModelIndex(index) if index is not None else None
        if new == self._hover:
            return
        old, self._hover = self._hover, new
        vp = self._view.viewport()
        vp.setCursor(Qt.CursorShape.PointingHandCursor if new is not None else Qt.CursorShape.ArrowCursor)
        for i in (old, new):
            if i is not None and i.isValid():
                vp.update(self._view.visualRect(self._view.model().index(i.row(), i.column())))

    def leave(self) -> None:
        self._set_hover(None)


def _readable(ranges: list, selected: bool) -> list:
    """On a selected card (light text), marks with a light wash take dark ink, as on a light card."""
    if selected:
        for r in ranges:
            bg = r.format.background()
            if bg.style() != Qt.BrushStyle.NoBrush and bg.color().lightnessF() > 0.5 and not r.format.hasProperty(
                    r.format.Property.ForegroundBrush):
                r.format.setForeground(QColor("#1b1c1f"))
    return ranges


def _utf16(text: str, i: int) -> int:
    """UTF-16 position of code point `i` (Qt's text positions)."""
    head = text[:i]
    return i + sum(1 for c in head if ord(c) > 0xFFFF)
