"""The left navigator: the sections of the briefing with their counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from briefing_app.gui.pages.sections_model import Role, SectionsModel
from briefing_app.gui.theme import colors
from briefing_app.gui.views.item_paint import draw_item_panel

__all__ = ["Navigator"]


class _SectionDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(160, QFontMetrics(option.font).height() + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        draw_item_panel(self, painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        r = option.rect.adjusted(14, 0, -12, 0)
        painter.save()
        f = QFont(option.font)
        f.setWeight(QFont.Weight.DemiBold if selected else QFont.Weight.Normal)
        painter.setFont(f)
        painter.setPen(fg)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), index.data())
        n = index.data(Role.COUNT)
        if n is not None and index.data(Role.SECTION) != "overview":
            painter.setFont(option.font)
            painter.setPen(fg if selected else colors(pal).secondary)
            painter.drawText(QRect(r), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), f"{n:,}")
        painter.restore()


class Navigator(QListView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName("Sections")
        self.model_ = SectionsModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(_SectionDelegate(self))
        self.setMinimumWidth(150)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def section_row(self, section: str) -> int:
        for r in range(self.model_.rowCount()):
            if self.model_.index(r, 0).data(Role.SECTION) == section:
                return r
        return -1
