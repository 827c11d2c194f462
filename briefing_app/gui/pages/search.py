"""The Search section: results grouped by section, updated as the analyst types.

The query field lives in the toolbar (Ctrl+Shift+F or Ctrl+K focuses it); this page shows
the grouped hits with the matched text highlighted. Enter in the field or on
a hit emits `hit_activated(SearchHit)`; the window jumps there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.search import SearchEntry, SearchHit, SearchIndex, search_entries
from briefing_app.gui.pages.models import Role, SearchResultsModel
from briefing_app.gui.theme import colors
from briefing_app.gui.views.item_paint import draw_item_panel

__all__ = ["SearchPage"]


def hit_label(hit: SearchHit) -> str:
    """The result's name. A source's hits all share its (long) title, so they lead with the paragraph."""
    e = hit.entry
    if e.section == "sources" and e.field == "text" and e.text:
        para = e.text.count("\n\n", 0, hit.start) + 1
        return f"\u00b6{para}  {e.label}"
    return e.label


def label_room(width: int) -> int:
    """How wide a result's name may be in a row `width` wide: all but 200 px for the match and its
    context (in a narrow row, a third)."""
    return max(width // 3, width - 200)


class HitDelegate(QStyledItemDelegate):
    """Paints `label: before [match] after` on one line with the match highlighted (the label whole
    when the row has room for it and a snippet, see `label_room`)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        s = super().sizeHint(option, index)
        return QSize(s.width(), QFontMetrics(option.font).height() + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        hit: SearchHit | None = index.data(Role.HIT)
        if hit is None:
            super().paint(painter, option, index)
            return
        draw_item_panel(self, painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        c = colors(pal)
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        before, match, after = hit.snippet
        r = option.rect.adjusted(6, 0, -6, 0)
        painter.save()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        fm_b, fm = QFontMetrics(bold), QFontMetrics(option.font)
        # the element's whole name; elided only when it would leave the snippet less than its share
        label = fm_b.elidedText(hit_label(hit), Qt.TextElideMode.ElideRight, label_room(r.width()))
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignVCenter), label)
        x = r.left() + fm_b.horizontalAdvance(label) + 14
        painter.setFont(option.font)
        avail = r.right() - x
        # keep the match visible: trim the text before it to at most a third of the room
        while before and fm.horizontalAdvance(before) > avail // 3:
            before = "\u2026" + before[max(2, len(before) // 5):]
        sec = text_color if selected else c.secondary
        for part, is_match in ((before, False), (match, True), (after, False)):
            if x >= r.right() or not part:
                continue
            width = fm.horizontalAdvance(part)
            shown = fm.elidedText(part, Qt.TextElideMode.ElideRight, r.right() - x)
            if is_match:
                box = QRect(x - 1, r.top() + 4, min(width, r.right() - x) + 2, r.height() - 8)
                painter.fillRect(box, c.search)
                painter.setPen(c.search_edge)  # boxed, as find matches are: no highlight looks like it
                painter.drawRect(box.adjusted(0, 0, -1, -1))
                painter.setPen(pal.color(QPalette.ColorRole.Text))
            else:
                painter.setPen(sec if not is_match else text_color)
            painter.drawText(QRect(x, r.top(), r.right() - x, r.height()), int(Qt.AlignmentFlag.AlignVCenter), shown)
            x += width
        painter.restore()


class SearchPage(QWidget):
    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SearchResultsModel(self)
        self.index: SearchIndex | None = None
        #: the annotation notes and tags to search too (the window hands in the annotation layers' own)
        self.annotation_entries: Callable[[], Sequence[SearchEntry]] = tuple
        self.query = ""
        self.summary = QLabel("Type in the search field (Ctrl+Shift+F) to search every text field, source, note and tag.")
        self.summary.setObjectName("search_summary")
        self.summary.setContentsMargins(10, 8, 10, 8)
        self.view = QTreeView()
        self.view.setObjectName("search_results")
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.activated.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.summary)
        lay.addWidget(self.view)
        self.last_ms = 0.0

    def set_index(self, index: SearchIndex | None) -> None:
        self.index = index
        self.run(self.query)

    def run(self, query: str) -> None:
        t0 = time.perf_counter()
        self.query = query
        if self.index is None or not query.strip():
            self.model.set_results({})
            self.summary.setText("Type in the search field (Ctrl+Shift+F) to search every text field, source, note and tag.")
            return
        grouped = self.index.search(query)
        totals = dict(self.index.totals)
        notes, note_totals = search_entries(self.annotation_entries(), query)
        grouped.update(notes)
        totals.update(note_totals)
        self.model.set_results(grouped, totals)
        for row in range(self.model.rowCount()):
            self.view.expand(self.model.index(row, 0))
        n = sum(totals.values())
        if n:
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.view.setCurrentIndex(first)
            self.summary.setText(f"{n:,} match{'es' if n != 1 else ''} for \u201c{query.strip()}\u201d "
                                 f"in {len(grouped)} group{'s' if len(grouped) != 1 else ''}. "
                                 "Enter opens the selected result; \u2191/\u2193 move.")
        else:
            self.summary.setText(f"No match for \u201c{query.strip()}\u201d.")
        self.last_ms = (time.perf_counter() - t0) * 1000

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.hit_activated.emit(hit)

    def activate_current(self) -> bool:
        idx = self.view.currentIndex()
        hit = self.model.hit(idx) if idx.isValid() else None
        if hit is None and self.model.rowCount():
            hit = self.model.hit(self.model.index(0, 0, self.model.index(0, 0)))
        if hit is not None:
            self.hit_activated.emit(hit)
            return True
        return False

    def move_current(self, step: int) -> None:
        """Move the current hit up or down (from the search field)."""
        hits = [self.model.index(r, 0, self.model.index(g, 0))
                for g in range(self.model.rowCount()) for r in range(self.model.rowCount(self.model.index(g, 0)))]
        if not hits:
            return
        cur = self.view.currentIndex()
        i = next((k for k, h in enumerate(hits) if h == cur), -1)
        i = max(0, min(len(hits) - 1, i + step))
        self.view.setCurrentIndex(hits[i])
        self.view.scrollTo(hits[i])
