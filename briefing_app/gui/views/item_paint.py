"""What the item delegates that draw their own text share: the style's item panel, wrapped lines.

The navigator, the quote and source cards and the search results draw their
text themselves but leave the item's background, selection and focus to the
style, so every list looks like the platform's.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = ["draw_item_panel", "wrap_elided"]


def draw_item_panel(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> None:
    """Draw the item as the style does (background, selection, focus), without its text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    widget = opt.widget
    if widget is not None:
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def wrap_elided(text: str, fm: QFontMetrics | QFontMetricsF, width: float, lines: int) -> list[str]:
    """`text` broken at spaces into at most `lines` lines of `width`; the last takes the rest of the
    text, and any line still too wide ends with an ellipsis."""
    words, out, line = text.split(), [], ""
    for i, word in enumerate(words):
        trial = f"{line} {word}" if line else word
        if fm.horizontalAdvance(trial) <= width or not line:
            line = trial
            continue
        out.append(line)
        line = word
        if len(out) == lines - 1:
            line = " ".join(words[i:])
            break
    out.append(line)
    return [fm.elidedText(s, Qt.TextElideMode.ElideRight, int(width)) for s in out if s]
