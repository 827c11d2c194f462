"""The Relations section: the link chart above, the table of relations below.

Like the other section pages (`list_pages.py`) it has `set_briefing()`,
`select(address) -> bool`, `current_address()`, `clear_filters()` and the
signals `element_selected(address)` (the inspector follows) and
`link_activated(address)` (a double-click or Enter follows the element; the
window records it in history). `element_activated` is the same event under
the chart's name. Selecting in the table selects the arrow in the chart and
the other way round. "Export chart…" asks for a file through `prompts`
(the window's injected service; tests hand in a scripted one).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.briefing.address import Address
from briefing_app.gui.dialogs.prompts import Prompts
from briefing_app.gui.pages.link_chart import LinkChart
from briefing_app.gui.pages.list_pages import element_table, fill_actor_filter
from briefing_app.gui.pages.relations_model import RelationsModel, RelationsProxy
from briefing_app.gui.pages.sections_model import Role
from briefing_app.gui.views.tool_button import tool_button

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

__all__ = ["RelationsPage"]


class RelationsPage(QWidget):
    element_selected = Signal(str)
    element_activated = Signal(str)
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, prompts: Any = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.briefing: Briefing | None = None
        self._syncing = False
        self.chart = LinkChart()
        self.setFocusProxy(self.chart)
        self.chart.setWhatsThis("Drag to pan, wheel or Ctrl+= / Ctrl+- to zoom, Ctrl+0 to fit; click an actor or "
                                "a relation to select it, double-click (or Enter) to open it.")
        self.model = RelationsModel(self)
        self.proxy = RelationsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.zoom_in = tool_button("Zoom in", "Zoom in (Ctrl+=)", "chart_zoom_in")
        self.zoom_out = tool_button("Zoom out", "Zoom out (Ctrl+-)", "chart_zoom_out")
        self.fit = tool_button("Fit", "Fit the whole chart (Ctrl+0)", "chart_fit")
        self.export = tool_button("Export chart\u2026", "Export the chart as a PNG image or an SVG drawing",
                            "chart_export")
        top = QHBoxLayout()
        top.setContentsMargins(8, 4, 8, 4)
        for w in (self.zoom_in, self.zoom_out, self.fit, self.export):
            top.addWidget(w)
        top.addStretch(1)
        key = QHBoxLayout()  # the legend has a row of its own: it wraps into more when the page is narrow
        key.setContentsMargins(12, 0, 8, 4)
        key.addWidget(self.chart.legend, 1)
        chart_panel = QWidget()
        cl = QVBoxLayout(chart_panel)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addLayout(top)
        cl.addLayout(key)
        cl.addWidget(self.chart, 1)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter relations by text")
        self.filter.setAccessibleName("Filter relations by text")
        self.filter.setObjectName("relations_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(140)
        self.actor = QComboBox()
        self.actor.setObjectName("relations_actor")
        self.actor.setAccessibleName("Filter relations by actor")
        self.actor.setMinimumWidth(140)
        self.count = QLabel()
        self.count.setObjectName("relations_count")
        self.view = element_table("relations_table", "Relations", self.proxy)
        self.view.verticalHeader().setDefaultSectionSize(QFontMetrics(self.font()).height() + 12)
        h = self.view.horizontalHeader()
        h.setHighlightSections(False)
        h.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        h.setStretchLastSection(False)
        # names and the relation as wide as they need; the note takes the rest
        for col in (0, 1, 2, 4):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table_panel = QWidget()
        tl = QVBoxLayout(table_panel)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 8, 8, 6)
        bar.setSpacing(8)
        for widget in (self.filter, self.actor, self.count):
            bar.addWidget(widget)
        tl.addLayout(bar)
        tl.addWidget(self.view)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("relations_splitter")
        self.splitter.addWidget(chart_panel)
        self.splitter.addWidget(table_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter_sized = False  # the window's saved-layout code sets this when it restores sizes
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.zoom_in.clicked.connect(self.chart.zoom_in)
        self.zoom_out.clicked.connect(self.chart.zoom_out)
        self.fit.clicked.connect(self.chart.fit)
        self.export.clicked.connect(self.export_chart)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self.view.setFocus)
        self.actor.currentIndexChanged.connect(self._filter_changed)
        self.view.selectionModel().currentChanged.connect(self._row_changed)
        self.view.activated.connect(self._row_activated)
        self.chart.element_selected.connect(self._chart_selected)
        self.chart.element_activated.connect(self._activated)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.splitter_sized:
            self.splitter_sized = True
            self.chart.setFocus()  # the zoom keys work at once
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([int(total * 0.66), total - int(total * 0.66)])

    # -- feeding -------------------------------------------------------------------
    def set_briefing(self, b: Briefing | None) -> None:
        self.briefing = b
        self.model.set_briefing(b)
        fill_actor_filter(self.actor, b, "All actors", lambda b, a: len(b.relations_for(a)))
        self._filter_changed()
        self.chart.set_briefing(b)
        self.export.setEnabled(bool(b and b.actors))

    def _filter_changed(self, *_args: object) -> None:
        self.proxy.set_text(self.filter.text())
        self.proxy.set_actor(self.actor.currentData() or "")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} relations" if shown == total else f"{shown} of {total} relations")

    def clear_filters(self) -> None:
        self.filter.clear()
        self.actor.setCurrentIndex(0)

    # -- selection, both ways --------------------------------------------------------
    def _select_row(self, address: str) -> bool:
        row = self.model.row_of(address)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            self.clear_filters()
            idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def select(self, address: str) -> bool:
        """Select an actor's node or a relation's arrow (and row)."""
        self._syncing = True
        try:
            ok_chart = self.chart.select(address)
            ok_row = self._select_row(address)
        finally:
            self._syncing = False
        if ok_chart or ok_row:
            self.element_selected.emit(address)
        return ok_chart or ok_row

    def current_address(self) -> str | None:
        return self.chart.current_address() or self.view.currentIndex().data(Role.ADDRESS)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        address = current.data(Role.ADDRESS)
        self._syncing = True
        try:
            self.chart.select(address)
        finally:
            self._syncing = False
        self.element_selected.emit(address)

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._activated(index.data(Role.ADDRESS))

    def _chart_selected(self, address: str) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            if Address.parse(address).section == "relations":
                self._select_row(address)
            else:
                self.view.selectionModel().clearCurrentIndex()
                self.view.clearSelection()
        finally:
            self._syncing = False
        self.element_selected.emit(address)

    def _activated(self, address: str) -> None:
        self.element_activated.emit(address)
        self.link_activated.emit(address)

    # -- export ----------------------------------------------------------------------
    def export_chart(self) -> None:
        """Ask where, then write a PNG or an SVG by the name's suffix (PNG when it has neither)."""
        stem = self.briefing.id if self.briefing else "link-chart"
        path = self.prompts.save_file(self, "Export link chart", f"{stem}-link-chart.png",
                                      "PNG image (*.png);;SVG drawing (*.svg)")
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_name(path.name + ".png")
        try:
            if path.suffix.lower() == ".svg":
                self.chart.export_svg(str(path))
            else:
                self.chart.export_png(str(path))
        except OSError as exc:
            self.prompts.warn(self, "Export link chart",
                              f"The chart could not be saved to {path}: {exc.strerror or exc}.")
