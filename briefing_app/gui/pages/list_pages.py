"""The list sections: Actors (table), Timeline (strip + list), Quotes (cards), Sources (text).

Each page has `set_briefing()`, `select(address) -> bool`, `current_address()`
and two signals: `element_selected(address)` when the user moves the
selection (the inspector follows, history is not touched), and
`link_activated(target)` for jumps (recorded in history by the window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.briefing.model import ACTOR_KINDS, Briefing
from briefing_app.gui.pages.models import (
    ActorsModel,
    ActorsProxy,
    BriefingTable,
    QuotesModel,
    QuotesProxy,
    Role,
    TimelineModel,
    TimelineProxy,
)
from briefing_app.gui.pages.quote_cards import QuoteCardDelegate
from briefing_app.gui.theme import colors
from briefing_app.gui.views.item_paint import draw_item_panel, wrap_elided

__all__ = ["ActorsPage", "TimelinePage", "QuotesPage", "CardDelegate", "select_address"]


def select_address(view: QAbstractItemView, proxy: QSortFilterProxyModel, model, address: str) -> bool:
    row = model.row_of(address)
    if row < 0:
        return False
    idx = proxy.mapFromSource(model.index(row, 0))
    if not idx.isValid():
        return False
    view.selectionModel().setCurrentIndex(
        idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
    return True


def _filter_bar(*widgets: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    bar.setContentsMargins(8, 8, 8, 6)
    bar.setSpacing(8)
    for w in widgets:
        bar.addWidget(w)
    return bar


def _search_field(placeholder: str, name: str) -> QLineEdit:
    e = QLineEdit()
    e.setPlaceholderText(placeholder)
    e.setClearButtonEnabled(True)
    e.setObjectName(name)
    e.setAccessibleName(placeholder)
    e.setMinimumWidth(220)
    return e


def fill_actor_filter(combo: QComboBox, b: Briefing | None, all_label: str,
                      count: Callable[[Briefing, str], int]) -> None:
    """Refill an actor filter with the actors that have something on the page (with how many),
    keeping the analyst's choice when that actor is still there; no filter signal meanwhile."""
    combo.blockSignals(True)
    current = combo.currentData()
    combo.clear()
    combo.addItem(all_label, "")
    if b:
        for a in sorted(b.actors, key=lambda a: a.name.lower()):
            if n := count(b, a.id):
                combo.addItem(f"{a.name} ({n})", a.id)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def element_table(object_name: str, accessible_name: str, model: QAbstractItemModel) -> QTableView:
    """A read-only table of elements, one selected row at a time; rows come sorted from the model
    and the proxy sorts only when a header is clicked."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    return view


class _Page(QWidget):
    element_selected = Signal(str)
    link_activated = Signal(str)

    view: QAbstractItemView
    proxy: QSortFilterProxyModel
    model: BriefingTable

    def _wire(self) -> None:
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(lambda idx: self.element_selected.emit(idx.data(Role.ADDRESS)))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.element_selected.emit(current.data(Role.ADDRESS))

    def current_address(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.data(Role.ADDRESS) if idx.isValid() else None

    def select(self, address: str) -> bool:
        ok = select_address(self.view, self.proxy, self.model, address)
        if not ok and self.model.row_of(address) >= 0:
            self.clear_filters()
            ok = select_address(self.view, self.proxy, self.model, address)
        return ok

    def clear_filters(self) -> None:
        pass


class ActorsPage(_Page):
    view: QTableView
    proxy: ActorsProxy
    model: ActorsModel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ActorsModel(self)
        self.proxy = ActorsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = _search_field("Filter actors by name, alias or role", "actors_filter")
        self.kind = QComboBox()
        self.kind.setObjectName("actors_kind")
        self.kind.setAccessibleName("Actor kind")
        self.kind.addItem("All kinds", "")
        for k in ACTOR_KINDS:
            self.kind.addItem(k.capitalize(), k)
        self.view = element_table("actors_table", "Actors", self.proxy)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        h.setHighlightSections(False)
        h.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate((200, 100, 220, 150, 64, 64)):
            h.resizeSection(col, width)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setDefaultSectionSize(QFontMetrics(self.font()).height() + 12)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.count = QLabel()
        self.count.setObjectName("actors_count")
        lay.addLayout(_filter_bar(self.filter, self.kind, self.count))
        lay.addWidget(self.view)
        self.filter.textChanged.connect(self._filter_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.filter.returnPressed.connect(self.view.setFocus)
        self._wire()

    def _filter_changed(self, _text: str = "") -> None:
        self.proxy.set_text(self.filter.text())
        self.proxy.set_kind(self.kind.currentData() or "")
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} actors" if shown == total else f"{shown} of {total} actors")

    def clear_filters(self) -> None:
        self.filter.clear()
        self.kind.setCurrentIndex(0)

    def set_briefing(self, b: Briefing | None) -> None:
        self.model.set_briefing(b)
        self._update_count()
        if b is not None and len(b.actors) <= 500 and not self.view.property("columns_restored"):
            # small tables: fit name, kind and affiliation to their text so Role (stretching) gets the rest
            h = self.view.horizontalHeader()
            for col, cap in ((0, 240), (1, 120), (3, 190)):
                h.resizeSection(col, min(cap, max(self.view.sizeHintForColumn(col), h.sectionSizeHint(col)) + 12))


class _RoomyRows(QStyledItemDelegate):
    """Rows as tall as the Actors table's, so the two lists look alike."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), QFontMetrics(option.font).height() + 12))


class TimelinePage(_Page):
    view: QTreeView
    proxy: TimelineProxy
    model: TimelineModel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TimelineModel(self)
        self.proxy = TimelineProxy(self)
        self.proxy.setSourceModel(self.model)
        from briefing_app.gui.pages.timeline_strip import (
            TimelineStrip,  # only once the Timeline is first shown
        )

        self.strip = TimelineStrip()
        self.actor = QComboBox()
        self.actor.setObjectName("timeline_actor")
        self.actor.setAccessibleName("Filter events by actor")
        self.actor.setMinimumWidth(200)
        self.filter = _search_field("Filter events by text", "timeline_filter")
        self.count = QLabel()
        self.view = QTreeView()
        self.view.setObjectName("timeline_list")
        self.view.setAccessibleName("Events")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setModel(self.proxy)
        # the model is already in chronological order; sorting through the proxy would call
        # data() some 300,000 times for 10,000 events
        self.view.setSortingEnabled(False)
        self.view.setAllColumnsShowFocus(True)
        self.view.setItemDelegate(_RoomyRows(self.view))
        h = self.view.header()
        h.setStretchLastSection(False)
        for col, width in enumerate((120, 380, 190, 150)):
            h.resizeSection(col, width)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(0)
        ll.addLayout(_filter_bar(self.actor, self.filter, self.count))
        ll.addWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("timeline_splitter")
        self.splitter.addWidget(self.strip)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter_sized = False  # set when a saved splitter state was restored
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.actor.currentIndexChanged.connect(self._filter_changed)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self.view.setFocus)
        self.strip.event_activated.connect(self._strip_picked)
        self._wire()
        self.view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.strip.select(cur.data(Role.ADDRESS) if cur.isValid() else None))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._size_splitter()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._size_splitter()

    def _size_splitter(self) -> None:
        """The strip gets the height its lanes need, the list the rest: once, when the page is first
        shown at a real size (sizes set before the window's first layout do not hold)."""
        total = sum(self.splitter.sizes())
        if not self.splitter_sized and self.isVisible() and total >= self.strip.minimumHeight() + 200:
            self.splitter_sized = True
            strip = self.strip.minimumHeight() + self.strip.horizontalScrollBar().sizeHint().height() + 4
            # a short list leaves its room to the strip (whose lanes spread out), up to 45% of the page
            rows = self.proxy.rowCount()
            row_h = max(self.view.sizeHintForRow(0), 1) if rows else 0
            need = (self.view.header().sizeHint().height() + rows * row_h + 2 * self.view.frameWidth()
                    + self.filter.sizeHint().height() + 24)
            if rows and total - need > strip:
                from briefing_app.gui.pages.timeline_strip import AXIS_H, FOOTER_H, MAX_LANE_H, MAX_LANES

                roomy = int(AXIS_H + MAX_LANES * MAX_LANE_H + FOOTER_H + 20 + self.strip.horizontalScrollBar().sizeHint().height())
                strip = min(roomy, int(total * 0.45), total - need)
            self.splitter.setSizes([strip, max(200, total - strip)])

    def _strip_picked(self, address: str) -> None:
        if not select_address(self.view, self.proxy, self.model, address):
            self.clear_filters()
            select_address(self.view, self.proxy, self.model, address)

    def _filter_changed(self, *_args) -> None:
        self.proxy.set_actor(self.actor.currentData() or "")
        self.proxy.set_text(self.filter.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} events" if shown == total else f"{shown} of {total} events")

    def clear_filters(self) -> None:
        self.filter.clear()
        self.actor.setCurrentIndex(0)

    def set_briefing(self, b: Briefing | None) -> None:
        self.model.set_briefing(b)
        fill_actor_filter(self.actor, b, "All actors", lambda b, a: len(b.events_for(a)))
        self._filter_changed()
        self.strip.set_events(b.timeline if b else (), b.as_of if b else None)


class CardDelegate(QStyledItemDelegate):
    """Two-line cards: the display text (wrapped, italic) and a secondary line."""

    PAD = 10

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        main = QFont(option.font)
        main.setItalic(True)
        main.setPointSizeF(main.pointSizeF() * 1.06)
        sec = QFont(option.font)
        sec.setPointSizeF(sec.pointSizeF() * 0.92)
        return main, sec

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        w = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        return max(200, w - 2 * self.PAD - 6)

    MAIN_LINES = 2

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        # uniform cards (the list uses uniform item sizes so 5,000 quotes lay out at once):
        # two lines of the main text, elided, and one secondary line; the inspector shows it all
        main, sec = self._fonts(option)
        h = QFontMetrics(main).lineSpacing() * self.MAIN_LINES + QFontMetrics(sec).lineSpacing()
        return QSize(self._width(option), h + 2 * self.PAD + 6)


    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        draw_item_panel(self, painter, option, index)
        main, sec = self._fonts(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        sec_color = text_color if selected else colors(pal).secondary
        r = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        painter.setFont(main)
        painter.setPen(text_color)
        fm_main, fm_sec = QFontMetrics(main), QFontMetrics(sec)
        y = r.top()
        for line in wrap_elided(index.data() or "", fm_main, r.width(), self.MAIN_LINES):
            painter.drawText(QRect(r.left(), y, r.width(), fm_main.lineSpacing()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
            y += fm_main.lineSpacing()
        painter.setFont(sec)
        painter.setPen(sec_color)
        painter.drawText(QRect(r.left(), r.bottom() - fm_sec.lineSpacing() + 1, r.width(), fm_sec.lineSpacing()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm_sec.elidedText(index.data(Role.SECONDARY) or "", Qt.TextElideMode.ElideRight, r.width()))
        painter.setPen(colors(pal).rule)
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class QuotesPage(_Page):
    """Quote cards. Right-click (or the Menu key) asks the window for a card's context menu
    (`context_menu_requested(address, global pos)`); double-click or Enter asks it to show the
    quote in the inspector with its text ready to select (`inspect_requested(address)`)."""

    context_menu_requested = Signal(str, QPoint)
    inspect_requested = Signal(str)
    view: QListView
    proxy: QuotesProxy
    model: QuotesModel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QuotesModel(self)
        self.proxy = QuotesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.speaker = QComboBox()
        self.speaker.setObjectName("quotes_speaker")
        self.speaker.setAccessibleName("Filter quotes by speaker")
        self.speaker.setMinimumWidth(220)
        self.count = QLabel()
        self.view = QListView()
        self.view.setObjectName("quotes_list")
        self.view.setAccessibleName("Quotes")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalScrollBar().setSingleStep(24)
        # cards are as tall as their text; batched layout keeps 5,000 of them from blocking the window
        self.view.setUniformItemSizes(False)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(50)
        self.view.setMouseTracking(True)
        self.cards = QuoteCardDelegate(self.view)
        self.cards.link_activated.connect(self.link_activated)
        self.view.setItemDelegate(self.cards)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setToolTip("Click a speaker to open their profile. Double-click a card (or press Enter) to "
                             "select its text in the inspector; right-click for more.")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        bar = _filter_bar(QLabel("Speaker:"), self.speaker, self.count)
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        self.speaker.currentIndexChanged.connect(self._filter_changed)
        self._wire()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        et = event.type()
        if obj is self.view and et == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            address = self.view.currentIndex().data(Role.ADDRESS)
            if address:
                self.inspect_requested.emit(address)
                return True
        elif obj is self.view.viewport() and et == QEvent.Type.Leave:
            self.cards.leave()
        return super().eventFilter(obj, event)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.inspect_requested.emit(index.data(Role.ADDRESS))

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        if not idx.isValid():  # the Menu key: the current card
            idx = self.view.currentIndex()
            if not idx.isValid():
                return
            pos = self.view.visualRect(idx).center()
        elif idx != self.view.currentIndex():
            self.view.setCurrentIndex(idx)
        self.context_menu_requested.emit(idx.data(Role.ADDRESS), self.view.viewport().mapToGlobal(pos))

    def _filter_changed(self, *_args) -> None:
        self.proxy.set_speaker(self.speaker.currentData() or "")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} quotes" if shown == total else f"{shown} of {total} quotes")

    def clear_filters(self) -> None:
        self.speaker.setCurrentIndex(0)

    def set_briefing(self, b: Briefing | None) -> None:
        self.cards.forget_sizes()
        self.model.set_briefing(b)
        fill_actor_filter(self.speaker, b, "All speakers", lambda b, a: len(b.quotes_for(a)))
        self._filter_changed()
