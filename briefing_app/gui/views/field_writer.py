"""Building a FieldView's document: `FieldWriter` inserts styled text, links and fields.

Each field's raw text is inserted verbatim and recorded as a `FieldSegment`
(address, field, document range), which is what lets the view map a
selection back to code-point offsets in that field.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat

from briefing_app.core.briefing.model import likelihood_term
from briefing_app.gui.theme import colors

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import KeyPoint
    from briefing_app.gui.views.field_view import FieldView

__all__ = ["FieldSegment", "FieldWriter", "LINK_SCHEME", "key_point_badges"]

#: The scheme of links inside a FieldView: `el:<address>`, `el:show:<address>#<n>`, `el:section:<name>`.
LINK_SCHEME = "el"


class FieldSegment(NamedTuple):
    """Where one field's raw text sits in a view's document."""

    address: str
    field: str
    doc_start: int  # document positions (UTF-16 units)
    doc_end: int
    text: str
    units: tuple[int, ...] | None = None  # UTF-16 offset of each code point, when not all BMP

    @classmethod
    def make(cls, address: str, field: str, doc_start: int, text: str) -> FieldSegment:
        if any(ord(c) > 0xFFFF for c in text):
            units, pos = [], 0
            for c in text:
                units.append(pos)
                pos += 2 if ord(c) > 0xFFFF else 1
            units.append(pos)
            return cls(address, field, doc_start, doc_start + pos, text, tuple(units))
        return cls(address, field, doc_start, doc_start + len(text), text)

    def to_offset(self, doc_pos: int) -> int:
        """Code-point offset into the field for a document position."""
        rel = max(0, min(doc_pos - self.doc_start, self.doc_end - self.doc_start))
        if self.units is None:
            return rel
        return bisect.bisect_right(self.units, rel) - 1

    def to_doc(self, offset: int) -> int:
        offset = max(0, min(offset, len(self.text)))
        return self.doc_start + (offset if self.units is None else self.units[offset])


class FieldWriter:
    """Builds a FieldView's document: styled text, links and recorded fields."""

    def __init__(self, view: FieldView):
        self.view = view
        self.doc = view.document()
        self.cursor = QTextCursor(self.doc)
        self.segments: list[FieldSegment] = []
        self.anchors: dict[str, int] = {}
        self._first_block = True
        self.colors = colors(view.palette())
        base = QFont(view.font())
        self.base_pt = base.pointSizeF() if base.pointSizeF() > 0 else 10.0

    # -- formats -----------------------------------------------------------
    def fmt(self, *, size: float = 1.0, bold: bool = False, italic: bool = False,
            color: QColor | None = None, background: QColor | None = None,
            mono: bool = False, semibold: bool = False, spacing: float = 0.0) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setFontPointSize(self.base_pt * size)
        if bold:
            f.setFontWeight(QFont.Weight.Bold)
        elif semibold:
            f.setFontWeight(QFont.Weight.DemiBold)
        f.setFontItalic(italic)
        if color is not None:
            f.setForeground(color)
        if background is not None:
            f.setBackground(background)
        if mono:
            f.setFontFamilies(["monospace"])
            f.setFontFixedPitch(True)
        if spacing:
            f.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            f.setFontLetterSpacing(spacing)
        return f

    def block(self, *, top: float = 0, bottom: float = 4, indent: int = 0, background: QColor | None = None,
              line_height: int = 135, left: float = 0) -> None:
        """Start a new paragraph with these margins."""
        bf = QTextBlockFormat()
        bf.setTopMargin(top)
        bf.setBottomMargin(bottom)
        bf.setIndent(indent)
        bf.setLeftMargin(left)
        bf.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if background is not None:
            bf.setBackground(background)
        if self._first_block:
            self.cursor.setBlockFormat(bf)
            self._first_block = False
        else:
            self.cursor.insertBlock(bf, QTextCharFormat())

    def anchor(self, name: str) -> None:
        """Remember the current position under a name (for scrolling to it)."""
        self.anchors[name] = self.cursor.position()

    # -- content -----------------------------------------------------------
    def text(self, text: str, fmt: QTextCharFormat | None = None) -> None:
        self.cursor.insertText(text, fmt or self.fmt())

    def heading(self, text: str, level: int = 1, top: float = 14) -> None:
        size = {0: 2.0, 1: 1.45, 2: 1.15, 3: 0.92}[level]
        self.block(top=top, bottom=6 if level < 3 else 2)
        if level == 3:
            self.text(text.upper(), self.fmt(size=size, semibold=True, color=self.colors.secondary, spacing=0.6))
        else:
            self.text(text, self.fmt(size=size, bold=level <= 1, semibold=level > 1))

    def field(self, address: str, field: str, text: str, fmt: QTextCharFormat | None = None) -> FieldSegment:
        """Insert a field's raw text verbatim and record where it went."""
        start = self.cursor.position()
        f = QTextCharFormat(fmt or self.fmt())
        f.setProperty(QTextFormat.Property.UserProperty, f"{address}#{field}")
        self.cursor.insertText(text, f)
        if "\n\n" in text:
            # blank lines between paragraphs: keep them (offsets stay exact) but make them short
            gap = QTextBlockFormat(self.cursor.blockFormat())
            gap.setLineHeight(self.base_pt * 0.9, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            block = self.doc.findBlock(start)
            while block.isValid() and block.position() <= self.cursor.position():
                if block.length() == 1:
                    QTextCursor(block).setBlockFormat(gap)
                block = block.next()
        seg = FieldSegment.make(address, field, start, text)
        self.segments.append(seg)
        return seg

    def link(self, text: str, target: str, fmt: QTextCharFormat | None = None, *, color: QColor | None = None,
             tooltip: str = "") -> None:
        """A link to an element address (or `show:<address>#<n>` for evidence); `color` for muted links."""
        f = QTextCharFormat(fmt or self.fmt())
        f.setAnchor(True)
        f.setAnchorHref(f"{LINK_SCHEME}:{target}")
        f.setForeground(color or self.colors.link)
        f.setFontUnderline(False)
        f.setToolTip(tooltip or (text if len(text) > 60 else ""))
        self.cursor.insertText(text, f)

    def badge(self, text: str, background: QColor, foreground: QColor) -> None:
        f = self.fmt(size=0.78, bold=True, color=foreground, background=background, spacing=0.5)
        self.cursor.insertText(f"\u2009{text.upper()}\u2009", f)
        self.cursor.insertText("  ", self.fmt())

    def finish(self) -> None:
        self.view.set_segments(self.segments, self.anchors)


def key_point_badges(w: FieldWriter, kp: KeyPoint) -> None:
    """What a key point is (ICD 203): reported information, an assumption, or a judgment with its
    likelihood band — and, as a separate statement, the analyst's confidence."""
    if kp.kind == "fact":
        w.badge("reported", w.colors.rule, w.colors.text)
    elif kp.kind == "assumption":
        w.badge("assumption", w.colors.rule, w.colors.text)
    else:
        dark = w.colors.text.lightness() > 128
        # the brief's navy for judgments; both pairs well above WCAG AA's 4.5:1
        bg, fg = (QColor("#2a3f5c"), QColor("#dbe6f5")) if dark else (QColor("#dbe6f5"), QColor("#1f3a5f"))
        term = likelihood_term(kp.likelihood)
        w.badge(f"judgment \u00b7 {term.term} {term.percent}" if term else "judgment", bg, fg)
    if kp.confidence:
        bg, fg = w.colors.confidence.get(kp.confidence, (w.colors.block, w.colors.text))
        w.badge(f"{kp.confidence} confidence", bg, fg)
