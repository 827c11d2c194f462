"""`SectionPages`: the section pages, the navigator and the inspector, each built on first use.

The window owns one `SectionPages`. Each section page and the inspector start
as an empty placeholder; the real widget (and its module: text views, the
timeline strip, item models, search) is made the first time anything asks
for it (`pages.page("sources")`, `pages.actors`, `pages.inspector`), filled
with the briefing shown, and its signals forwarded through this object's
own, so the window wires them once in `MainWindow._connect_signals`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QStackedWidget, QVBoxLayout, QWidget

from briefing_app.core.briefing.address import Address
from briefing_app.gui.pages.navigator import Navigator
from briefing_app.gui.pages.sections_model import SECTIONS, Role

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.search import SearchEntry, SearchIndex
    from briefing_app.gui.pages.list_pages import ActorsPage, QuotesPage, TimelinePage
    from briefing_app.gui.pages.overview import OverviewPage
    from briefing_app.gui.pages.search import SearchPage
    from briefing_app.gui.pages.sources import SourcesPage
    from briefing_app.gui.views.field_hub import FieldViewHub
    from briefing_app.gui.views.field_view import FieldSegment, FieldView
    from briefing_app.gui.views.inspector import Inspector

__all__ = ["PAGES", "SectionPages", "placeholder"]

#: The pages of the central stack, in stack order.
PAGES = (*SECTIONS, "search")

#: Where each page lives: section -> (module in `briefing_app.gui.pages`, class).
_PAGE_CLASSES = {"overview": ("overview", "OverviewPage"), "actors": ("list_pages", "ActorsPage"),
                 "relations": ("relations", "RelationsPage"),
                 "timeline": ("list_pages", "TimelinePage"), "quotes": ("list_pages", "QuotesPage"),
                 "sources": ("sources", "SourcesPage"), "search": ("search", "SearchPage")}


def placeholder(name: str) -> QWidget:
    """An empty stand-in, painted like the text views it stands for (no flash when they arrive)."""
    w = QWidget()
    w.setObjectName(name)
    w.setBackgroundRole(QPalette.ColorRole.Base)
    w.setAutoFillBackground(True)
    return w


def _overview_placeholder() -> tuple[QWidget, QLabel]:
    """The Overview's stand-in, with a line saying why it is empty (`SectionPages.set_empty_hint`)."""
    w = placeholder("page_overview")
    hint = QLabel(w)
    hint.setObjectName("empty_hint")
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setWordWrap(True)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    lay = QVBoxLayout(w)
    lay.setContentsMargins(40, 40, 40, 40)
    lay.addWidget(hint)
    return w, hint


class SectionPages(QObject):
    """The page stack, the navigator and the inspector dock, and the briefing they show."""

    #: The analyst moved a selection to an element (the inspector follows; no history step).
    element_selected = Signal(str)
    #: The analyst chose a section in the navigator.
    section_chosen = Signal(str)
    #: A link was followed: an address, `section:<name>` or `show:<address>#<n>` (a history step).
    link_activated = Signal(str)
    #: "Show in Source" from a text field's context menu.
    show_in_source_requested = Signal(str)
    #: A search hit was opened (SearchHit).
    hit_activated = Signal(object)
    #: A quote card asked for its context menu (address, global position).
    quote_menu_requested = Signal(str, QPoint)
    #: A quote card asked to show its text in the inspector, ready to select.
    inspect_requested = Signal(str)
    #: Right-click on a text field in any view: (address, field, global position).
    element_context_menu_requested = Signal(str, str, QPoint)
    #: A page was built (section, page): its saved layout can be restored.
    page_built = Signal(str, QWidget)
    #: A FieldView arrived with a page or the inspector (registered with the hub already).
    view_added = Signal(object)

    def __init__(self, hub: FieldViewHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.briefing: Briefing | None = None
        self.search_index: SearchIndex | None = None
        #: the annotation notes and tags the Search page searches too (`MainWindow.set_annotation_search`)
        self.annotation_entries: Callable[[], Sequence[SearchEntry]] = tuple
        self._pages: dict[str, QWidget | None] = dict.fromkeys(PAGES)
        self._inspector: Inspector | None = None
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for name in PAGES:
            if name == "overview":
                page, self.empty_hint = _overview_placeholder()
                self.stack.addWidget(page)
            else:
                self.stack.addWidget(placeholder(f"page_{name}"))
        self.navigator = Navigator()
        self._selecting = False
        self.navigator.selectionModel().currentChanged.connect(self._navigator_moved)
        self.inspector_dock = QDockWidget("Inspector")
        self.inspector_dock.setObjectName("dock_inspector")
        self.inspector_dock.setWidget(placeholder("inspector_placeholder"))
        self.inspector_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                        | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.inspector_dock.widget().setMinimumWidth(300)

    # -- the briefing shown ---------------------------------------------------------
    def set_briefing(self, briefing: Briefing, index: SearchIndex) -> None:
        """Show a briefing on the navigator and on every page built so far (the rest get it when built)."""
        self.briefing, self.search_index = briefing, index
        self.navigator.model_.set_briefing(briefing)
        for name, page in self.built_pages().items():
            if name == "search":
                cast("SearchPage", page).set_index(index)
            else:
                page.set_briefing(briefing)  # type: ignore[attr-defined]  # every section page has it

    def set_empty_hint(self, text: str) -> None:
        """What the window says while no briefing is shown (opening one, or none open)."""
        if self._pages["overview"] is None:
            self.empty_hint.setText(text)

    def rerender(self) -> None:
        """Draw the text views again (the palette changed: their colours are derived from it)."""
        if self.briefing is None:
            return
        overview = self._pages["overview"]
        if overview is not None:
            cast("OverviewPage", overview).redraw()
        sources = self._pages["sources"]
        if sources is not None:
            cast("SourcesPage", sources).redraw()
        if self._inspector is not None:
            self._inspector.show_element(self.briefing, self._inspector.address)

    # -- pages --------------------------------------------------------------------
    def current_section(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def show(self, section: str) -> QWidget:
        """Put a section's page in front (building it if need be) and select it in the navigator."""
        page = self.page(section)
        self.stack.setCurrentWidget(page)
        self.select_in_navigator(section)
        return page

    def select_in_navigator(self, section: str) -> None:
        """Mark the section shown in the navigator (without it counting as the analyst's choice)."""
        row = self.navigator.section_row(section)
        self._selecting, was = True, self._selecting
        try:
            if row >= 0:
                self.navigator.setCurrentIndex(self.navigator.model_.index(row, 0))
            else:
                self.navigator.clearSelection()
        finally:
            self._selecting = was

    def _navigator_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            self.section_chosen.emit(current.data(Role.SECTION))

    def page(self, section: str) -> QWidget:
        """The page of a section, built (and filled with the briefing shown) on first use."""
        page = self._pages[section]
        if page is not None:
            return page
        module, cls = _PAGE_CLASSES[section]
        page = cast(QWidget, getattr(importlib.import_module(f"briefing_app.gui.pages.{module}"), cls)())
        page.setObjectName(f"page_{section}")
        self._pages[section] = page
        i = PAGES.index(section)
        old = self.stack.widget(i)
        current = self.stack.currentIndex()
        self.stack.insertWidget(i, page)
        if old is not None:  # the placeholder
            self.stack.removeWidget(old)
            old.deleteLater()
        if current == i:
            self.stack.setCurrentIndex(i)
        self._wire(section, page)
        self.page_built.emit(section, page)
        return page

    def _wire(self, section: str, page: QWidget) -> None:
        if section == "search":
            search = cast("SearchPage", page)
            search.hit_activated.connect(self.hit_activated)
            search.annotation_entries = lambda: self.annotation_entries()
            if self.search_index is not None:
                search.set_index(self.search_index)
            return
        page.element_selected.connect(self.element_selected)  # type: ignore[attr-defined]
        page.link_activated.connect(self.link_activated)  # type: ignore[attr-defined]
        if self.briefing is not None:
            page.set_briefing(self.briefing)  # type: ignore[attr-defined]
        if section == "quotes":
            quotes = cast("QuotesPage", page)
            quotes.cards.set_hub(self.hub)
            quotes.context_menu_requested.connect(self.quote_menu_requested)
            quotes.inspect_requested.connect(self.inspect_requested)
        elif section == "sources":
            self._register_view(cast("SourcesPage", page).text)
        elif section == "overview":
            self._register_view(cast("OverviewPage", page).view)

    def built_pages(self) -> dict[str, QWidget]:
        """The pages built so far, by section."""
        return {k: v for k, v in self._pages.items() if v is not None}

    def current_address(self, section: str) -> str | None:
        """The element selected on a section's page (None for the search results)."""
        page = self.page(section)
        return page.current_address() if hasattr(page, "current_address") else None

    @property
    def overview(self) -> OverviewPage:
        return cast("OverviewPage", self.page("overview"))

    @property
    def actors(self) -> ActorsPage:
        return cast("ActorsPage", self.page("actors"))

    @property
    def timeline(self) -> TimelinePage:
        return cast("TimelinePage", self.page("timeline"))

    @property
    def quotes(self) -> QuotesPage:
        return cast("QuotesPage", self.page("quotes"))

    @property
    def sources(self) -> SourcesPage:
        return cast("SourcesPage", self.page("sources"))

    @property
    def search(self) -> SearchPage:
        return cast("SearchPage", self.page("search"))

    # -- the inspector -------------------------------------------------------------
    @property
    def inspector(self) -> Inspector:
        if self._inspector is None:
            from briefing_app.gui.views.inspector import Inspector

            self._inspector = Inspector()
            self._inspector.setMinimumWidth(300)
            self._inspector.link_activated.connect(self.link_activated)
            old = self.inspector_dock.widget()
            self.inspector_dock.setWidget(self._inspector)
            if old is not None:
                old.deleteLater()
            self._register_view(self._inspector)
        return self._inspector

    def inspector_built(self) -> bool:
        return self._inspector is not None

    def inspect(self, address: str | None) -> None:
        """Show an element (or the "select something" hint) in the inspector."""
        self.inspector.show_element(self.briefing, address)

    # -- text views -----------------------------------------------------------------
    def _register_view(self, view: FieldView) -> None:
        """Hand a text view to the field hub and give its context menu the window's entries."""
        self.hub.register(view)
        view.menu_extender = self._extend_field_menu
        view.element_context_menu_requested.connect(self.element_context_menu_requested)
        self.view_added.emit(view)

    def _extend_field_menu(self, view: FieldView, seg: FieldSegment, menu: QMenu) -> None:
        el = self.briefing.element(seg.address) if self.briefing else None
        if el is None:
            return
        menu.addSeparator()
        if getattr(el, "evidence", None) or Address.parse(seg.address).section == "quotes":
            act = menu.addAction("Show in Source")
            act.triggered.connect(lambda: self.show_in_source_requested.emit(seg.address))
        if view is not self._inspector:
            act = menu.addAction("Inspect")
            act.triggered.connect(lambda: self.element_selected.emit(seg.address))
