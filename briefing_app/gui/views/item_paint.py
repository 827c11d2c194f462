"""What the item delegates that draw their own text share: the style's item panel.

The navigator, the quote and source cards and the search results draw their
text themselves but leave the item's background, selection and focus to the
style, so every list looks like the platform's.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = ["draw_item_panel"]


def draw_item_panel(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> None:
    """Draw the item as the style does (background, selection, focus), without its text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    widget = opt.widget
    if widget is not None:
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
