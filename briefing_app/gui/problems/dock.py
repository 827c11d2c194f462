"""`ProblemsDock`: a briefing's problems and tradecraft findings, each a click (or Enter) from its place.

Two tabs over `EntriesModel`s: "Problems" (the file is not valid there; what
could not be read is left out) and "Tradecraft" (ICD 203/206 findings, with
the rule's why in the tooltip). A row activated by a click or Enter is
announced with `entry_activated(Entry)`; the window jumps there.

Messages wrap at every width (the message column takes what the others leave
and never runs past the view's right edge), and the dock first opens tall
enough for up to six entries, at most a quarter of the window
(`first_height`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
    QWidget,
)

from briefing_app.gui.problems.entries import FINDING, PROBLEM, Entry
from briefing_app.gui.problems.model import ENTRY_ROLE, EntriesModel

__all__ = ["ProblemsDock", "EntriesView"]


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their message wrapped to its column (long did-you-means and nearest passages
    are read without scrolling sideways)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        width = self.view.columnWidth(index.column()) - 8
        text = index.data()
        if not isinstance(text, str) or width <= 40:
            return size
        rect = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000),
                                                      int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), rect.height() + 6))


class EntriesView(QTreeView):
    """A flat list of entries; Edit › Copy (Ctrl+C) copies the current one as the command line prints it."""

    def __init__(self, model: EntriesModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(_WrappingDelegate(self))
        # the message wraps to the view's width: it never runs off to the right behind a scroll bar
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_a: self.scheduleDelayedItemsLayout())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # rows as tall as their messages wrapped to the new width

    def rows_height(self, width: int, rows: int) -> int:
        """The height of the first `rows` entries with the view `width` wide (messages wrapped)."""
        model = self.model()
        fm = QFontMetrics(self.font())
        others = sum(self.columnWidth(c) for c in range(model.columnCount() - 1))
        room = max(120, width - others - 24)
        total = 0
        for r in range(min(rows, model.rowCount())):
            text = model.index(r, model.columnCount() - 1).data() or ""
            total += fm.boundingRect(QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), text).height() + 6
        return total

    def resize_columns(self) -> None:
        """Where (and Rule) as wide as their text, the message takes the rest and wraps."""
        model = self.model()
        for column in range(model.columnCount() - 1):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column) + 12, 320))

    def copy(self) -> None:
        """Edit › Copy (Ctrl+C) here: the current entry as the command line prints it."""
        entry = self.currentIndex().data(ENTRY_ROLE)
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.line_text())


_TRADECRAFT_TIP = ("ICD 203 and ICD 206 tradecraft checks (as `briefing-app check` prints them); "
                   "hover a finding for why its rule matters")


class ProblemsDock(QDockWidget):
    """The bottom dock: Problems and Tradecraft tabs (View › Problems shows and hides it)."""

    #: A row was clicked or Enter pressed on it (Entry).
    entry_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.setObjectName("dock_problems")
        self.problems = EntriesModel(PROBLEM, self)
        self.findings = EntriesModel(FINDING, self)
        self.problems_view = EntriesView(self.problems, "problems_view")
        self.problems_view.setAccessibleName("Problems")
        self.findings_view = EntriesView(self.findings, "findings_view")
        self.findings_view.setAccessibleName("Tradecraft findings")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("problems_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.problems_view, "Problems")
        self.tabs.addTab(self.findings_view, "Tradecraft")
        self.tabs.setTabToolTip(1, _TRADECRAFT_TIP)
        self.setWidget(self.tabs)
        for view in (self.problems_view, self.findings_view):
            view.clicked.connect(self._activated)
            view.activated.connect(self._activated)  # Enter (and a double-click)

    def set_entries(self, entries: list[Entry], checked: bool = True) -> None:
        """Show these entries; `checked` False: the tradecraft rules were not run (the file has problems)."""
        self.problems.set_entries(entries)
        self.findings.set_entries(entries)
        n, m = self.problems.rowCount(), self.findings.rowCount()
        self.tabs.setTabText(0, f"Problems ({n})")
        self.tabs.setTabText(1, f"Tradecraft ({m})" if checked else "Tradecraft (not checked)")
        self.tabs.setTabToolTip(1, _TRADECRAFT_TIP if checked else
                                "The tradecraft checks run once the briefing has no problems "
                                "(as `briefing-app check` does)")
        self.setWindowTitle(f"Problems ({n})" if n else "Problems \u00b7 Tradecraft" if m else "Problems")
        for view in (self.problems_view, self.findings_view):
            view.resize_columns()
        if n:
            self.tabs.setCurrentIndex(0)
        elif m:
            self.tabs.setCurrentIndex(1)

    #: How many entries the dock shows when it first opens (if a quarter of the window holds them).
    FIRST_ROWS = 6

    def first_height(self, window_width: int, window_height: int) -> int:
        """The dock's first height: its first entries (up to six), at most a quarter of the window."""
        view = self.current_view()
        rows = view.rows_height(window_width, self.FIRST_ROWS)
        chrome = (self.tabs.tabBar().sizeHint().height() + view.header().sizeHint().height()
                  + QFontMetrics(self.font()).height() + 24)  # the dock's title, frames and margins
        return max(130, min(window_height // 4, chrome + rows))

    def current_view(self) -> EntriesView:
        return self.problems_view if self.tabs.currentIndex() == 0 else self.findings_view

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self.entry_activated.emit(entry)
