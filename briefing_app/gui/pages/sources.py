"""The Sources section: each source's text with every cited excerpt and quote highlighted.

Highlights come from `Briefing.evidence_spans(source_id)` (raw offsets);
hovering one names the elements citing it. `show_span()` is the target of
every "Show in source": it scrolls to the exact span and marks it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QMenu, QSplitter, QVBoxLayout, QWidget

from briefing_app.core.briefing.address import Address
from briefing_app.core.briefing.model import RELIABILITY_LABELS, Briefing
from briefing_app.gui.pages.list_pages import CardDelegate
from briefing_app.gui.pages.models import Role, SourcesModel
from briefing_app.gui.theme import colors
from briefing_app.gui.views.field_view import TINT, FieldHighlight, FieldView
from briefing_app.gui.views.inspector import kind_label, label_of

__all__ = ["SourcesPage"]


class SourcesPage(QWidget):
    element_selected = Signal(str)
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SourcesModel(self)
        self.list = QListView()
        self.list.setObjectName("sources_list")
        self.list.setAccessibleName("Sources")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setItemDelegate(_SourceDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = FieldView(self, max_line_width=820, name="source_text")
        self.text.setAccessibleName("Source text")
        self.legend = QLabel()
        self.legend.setObjectName("sources_legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # never let the legend set the page's minimum width
        self.legend.setContentsMargins(10, 6, 10, 6)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        rl.addWidget(self.legend)
        rl.addWidget(self.text)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sources_splitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setChildrenCollapsible(False)
        self.list.setMinimumWidth(190)
        self.splitter_sized = False  # set when a saved splitter state was restored
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.briefing: Briefing | None = None
        self.source_id: str | None = None
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.text.link_activated.connect(self.link_activated)
        self.text.field_clicked.connect(self._clicked)
        self.text.local_menu_hooks.append(self._citing_menu)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._size_splitter()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._size_splitter()

    def _size_splitter(self) -> None:
        """The list of sources 220 px wide, the text the rest: once, when the page is first shown at a
        real size (sizes given before the window's first layout are scaled to its initial, tiny one)."""
        total = sum(self.splitter.sizes())
        if not self.splitter_sized and self.isVisible() and total >= 520:
            self.splitter_sized = True
            self.splitter.setSizes([220, max(300, total - 220)])

    def set_briefing(self, b: Briefing | None) -> None:
        keep = self.source_id
        self.briefing = b
        self.source_id = None
        self.model.set_briefing(b)
        if b and b.sources:
            sid = keep if keep in b.source_by_id else b.sources[0].id
            self.list.selectionModel().blockSignals(True)  # no inspector update while loading
            try:
                self.select(str(Address("sources", sid)))
            finally:
                self.list.selectionModel().blockSignals(False)
        else:
            self.redraw()

    def _current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            address = current.data(Role.ADDRESS)
            sid = Address.parse(address).element
            if sid != self.source_id:
                self.source_id = sid
                self.redraw()
            self.element_selected.emit(address)

    def _clicked(self, address: str, field: str) -> None:
        """A click on a highlight selects the element citing it (the innermost one)."""
        citing = self._citing_at(self.text.textCursor().position())
        self.element_selected.emit(citing[0].target if citing else address)

    def _citing_at(self, pos: int) -> list[FieldHighlight]:
        """The evidence and quote highlights (not annotations) at a document position, one per
        citing element, innermost passage first."""
        citing: list[FieldHighlight] = []
        for h in sorted((h for h in self.text.highlights_at(pos) if h.target), key=lambda h: h.end - h.start):
            if all(c.target != h.target for c in citing):
                citing.append(h)
        return citing

    def _citing_menu(self, view: FieldView, _seg, _selection, menu: QMenu) -> None:
        """Right-click on a cited passage: every element citing it, to inspect (a click takes
        the innermost one only)."""
        citing = self._citing_at(view.context_position)
        if not citing:
            return
        menu.addSection(f"Cited by {len(citing)} elements" if len(citing) > 1 else "Cited by")
        for h in citing:
            label = h.tooltip if len(h.tooltip) <= 90 else h.tooltip[:89] + "\u2026"
            act = menu.addAction(f"Inspect {label}")
            act.triggered.connect(lambda _checked=False, a=h.target: self.element_selected.emit(a))

    def redraw(self) -> None:
        b, sid = self.briefing, self.source_id
        w = self.text.writer()
        src = b.source_by_id.get(sid) if b and sid else None
        if b is None or src is None:
            w.block()
            w.text("No source selected.", w.fmt(color=w.colors.secondary))
            w.finish()
            self.legend.clear()
            return
        w.block(top=8, bottom=4, line_height=120)
        w.field(src.address, "title", src.title.strip(), w.fmt(size=1.4, bold=True))
        bits = [x for x in (src.publisher, src.published.display(long=True) if src.published else None) if x]
        if src.reliability:
            bits.append(f"Reliability {src.reliability} ({RELIABILITY_LABELS.get(src.reliability, '')})")
        if bits:
            w.block(top=0, bottom=2)
            w.text("  \u00b7  ".join(bits), w.fmt(size=0.92, color=w.colors.secondary))
        if src.url:
            w.block(top=0, bottom=2)
            w.text(src.url, w.fmt(size=0.92, color=w.colors.secondary))
        w.block(top=14, bottom=0, line_height=150)
        w.field(src.address, "text", src.text.rstrip("\n"), w.fmt(size=1.04))
        w.finish()
        c = colors(self.text.palette())
        spans = b.evidence_spans(src.id)
        highlights = []
        for sp in spans:
            kind = "Quote" if sp.kind == "quote" else f"{kind_label(sp.address)} evidence"
            quote = sp.kind == "quote"
            highlights.append(FieldHighlight(src.address, "text", sp.start, sp.end,
                                             c.quote if quote else c.evidence,
                                             f"{kind}: {label_of(b, sp.address)}", TINT,
                                             c.quote_accent if quote else c.evidence_accent,
                                             "dash" if quote else "dot", target=sp.address))
        self.text.set_highlight_layer("evidence", highlights)
        n_ev = sum(1 for s in spans if s.kind == "evidence")
        n_q = len(spans) - n_ev
        def sample(bg: str, fg: str) -> str:
            return f"<span style='background:{bg}; color:{fg}; text-decoration: underline'>&nbsp;Abc&nbsp;</span>"

        self.legend.setText(
            f"{sample(c.evidence.name(), c.evidence_accent.name())} "
            f"{n_ev} evidence citation{'s' if n_ev != 1 else ''} &nbsp;&nbsp; "
            f"{sample(c.quote.name(), c.quote_accent.name())} "
            f"{n_q} quote{'s' if n_q != 1 else ''} &nbsp;&nbsp; "
            f"<span style='color:{c.secondary.name()}'>({len(spans)} citations of "
            f"{len({(sp.start, sp.end) for sp in spans})} passages)</span> &nbsp;&nbsp; "
            f"{sample('#fff176', '#1b1c1f')} annotations &nbsp;&nbsp; "
            f"<span style='color:{c.secondary.name()}'>Hover a mark to see who cites it.</span>")
        self.legend.setToolTip("Hover a highlight to see the elements citing it; click it to inspect them.")

    def select(self, address: str) -> bool:
        if self.briefing is None or Address.parse(address).section != "sources":
            return False
        row = self.model.row_of(address)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        sid = Address.parse(address).element
        if self.source_id != sid:
            self.source_id = sid
            self.redraw()
        return True

    def show_span(self, source_id: str, start: int, end: int) -> bool:
        """Scroll to and mark [start, end) of a source's raw text."""
        address = str(Address("sources", source_id))
        if not self.select(address):
            return False
        return self.text.show_range(address, "text", start, end)

    def current_address(self) -> str | None:
        return str(Address("sources", self.source_id)) if self.source_id else None


class _SourceDelegate(CardDelegate):
    def _fonts(self, option):
        main, sec = super()._fonts(option)
        main.setItalic(False)
        main.setPointSizeF(option.font.pointSizeF())
        return main, sec
