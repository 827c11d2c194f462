"""The left navigator: the sections of the briefing with their counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
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
        right = r.right()
        if n is not None and index.data(Role.SECTION) != "overview":
            painter.setFont(option.font)
            painter.setPen(fg if selected else colors(pal).secondary)
            painter.drawText(QRect(r), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), f"{n:,}")
            right -= QFontMetrics(option.font).horizontalAdvance(f"{n:,}") + 8
        _draw_issue_badge(painter, option, index.data(Role.ISSUES), right)
        painter.restore()


def _draw_issue_badge(painter: QPainter, option: QStyleOptionViewItem, issues: tuple[int, int] | None,
                      right: int) -> None:
    """A small badge ending at `right`: problems (red, "⚠ 2") or else tradecraft findings (orange, "◆ 3")."""
    problems, findings = issues or (0, 0)
    if not problems and not findings:
        return
    text = f"\u26a0 {problems}" if problems else f"\u25c6 {findings}"
    hue = QColor("#c0392b") if problems else QColor("#b35900")
    f = QFont(option.font)
    f.setPointSizeF(f.pointSizeF() * 0.85)
    f.setWeight(QFont.Weight.DemiBold)
    fm = QFontMetrics(f)
    w, h = fm.horizontalAdvance(text) + 10, fm.height() + 2
    box = QRect(right - w, option.rect.center().y() - h // 2, w, h)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(hue)
    painter.drawRoundedRect(box, h / 2, h / 2)
    painter.setFont(f)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)


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
