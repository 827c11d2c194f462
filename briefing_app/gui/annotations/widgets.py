"""Pieces of the Annotations panel: the two-line Annotation cell, the changed-briefing and orphans notices."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["TwoLineDelegate", "ChangeNotice", "OrphanNotice", "DETAILS_ROLE"]

#: The role holding a row's second line (the panel model's `Role.DETAILS`).
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 9


class TwoLineDelegate(QStyledItemDelegate):
    """The Annotation cell: the excerpt on line 1, `Role.DETAILS` smaller and dimmer on line 2."""

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        first, second = opt.text, index.data(DETAILS_ROLE) or ""
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return super().paint(painter, option, index)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        ink = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        r = opt.rect.adjusted(4, 2, -4, -2)
        fm = opt.fontMetrics
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(ink)
        line1 = QRect(r.left(), r.top(), r.width(), fm.height())
        painter.drawText(line1, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm.elidedText(first, Qt.TextElideMode.ElideRight, r.width()))
        if second:
            small = QFont(opt.font)
            small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.9))
            painter.setFont(small)
            painter.setPen(dim)
            sfm = painter.fontMetrics()
            line2 = QRect(r.left(), line1.bottom() + 2, r.width(), sfm.height())
            painter.drawText(line2, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             sfm.elidedText(second, Qt.TextElideMode.ElideRight, r.width()))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        fm = option.fontMetrics
        return QSize(200, fm.height() * 2 + 8)


class ChangeNotice(QFrame):
    """"The briefing has changed since these annotations were made: … [Review] [Accept new positions]"."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        self.setObjectName("annotation_change_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.AlternateBase))
        self.setPalette(pal)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel()
        self.text.setObjectName("annotation_change_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.review = QPushButton("&Review")
        self.review.setObjectName("annotation_review")
        self.review.setCheckable(True)
        self.review.setToolTip("Show only the annotations that are not exactly where they were made")
        self.accept = QPushButton("Accept new &positions")
        self.accept.setObjectName("annotation_accept_positions")
        self.accept.setToolTip("Store where the moved and fuzzy annotations stand now, on this version of the "
                               "briefing (orphans stay as they are; undo with Ctrl+Z)")
        row.addWidget(self.review)
        row.addWidget(self.accept)
        box.addLayout(row)




class OrphanNotice(QFrame):
    """"⚠ 2 annotations no longer fit the briefing … [Review]", at the top of the panel where it cannot be missed."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        self.setObjectName("annotation_orphan_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        # a warm wash of the window colour, readable in light and dark palettes
        base = pal.color(QPalette.ColorRole.Window)
        warm = QColor("#f0a000")
        t = 0.22 if base.lightnessF() > 0.5 else 0.30
        pal.setColor(QPalette.ColorRole.Window, QColor.fromRgbF(base.redF() + (warm.redF() - base.redF()) * t,
                                                                base.greenF() + (warm.greenF() - base.greenF()) * t,
                                                                base.blueF() + (warm.blueF() - base.blueF()) * t))
        self.setPalette(pal)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel()
        self.text.setObjectName("annotation_orphan_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.text, 1)
        self.review = QPushButton("Re&view")
        self.review.setObjectName("annotation_orphans_review")
        self.review.setToolTip("Go to the orphaned annotations: they are kept, unchanged, until you edit or delete them")
        row.addWidget(self.review)

    def set_count(self, n: int) -> None:
        self.text.setText(f"\u26a0 {n} annotation{'s' if n != 1 else ''} no longer fit{'s' if n == 1 else ''} "
                          "the briefing (orphaned) \u2014 kept unchanged.")
        self.setVisible(n > 0)
