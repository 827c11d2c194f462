"""Section pages and the inspector, built on first use.

Each section page and the inspector start as an empty placeholder, so their
modules (text views, the timeline strip, item models, search) are imported
only when needed: the first paint shows the window's chrome and, when
start-up has read a small file before it, the Overview and the inspector
showing that briefing; the other pages wait for their first visit. `LazyPages` is the part of `MainWindow` that swaps in the real widget
the first time anything reads it (`window.actors`, `window.page("sources")`,
`window.inspector`), fills it with the open briefing and hands its text views
to the field hub; callers never see the difference.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from briefing_app.gui.pages.navigator import Navigator
from briefing_app.gui.pages.sections_model import SECTIONS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.search import SearchIndex
    from briefing_app.gui.pages.list_pages import ActorsPage, QuotesPage, TimelinePage
    from briefing_app.gui.pages.overview import OverviewPage
    from briefing_app.gui.pages.search import SearchPage
    from briefing_app.gui.pages.sources import SourcesPage
    from briefing_app.gui.views.field_hub import FieldViewHub
    from briefing_app.gui.views.field_view import FieldView
    from briefing_app.gui.views.inspector import Inspector

__all__ = ["PAGES", "LazyPages", "placeholder"]

#: The pages of the central stack, in stack order.
PAGES = (*SECTIONS, "search")

#: Where each lazily built page lives: section -> (module in `briefing_app.gui.pages`, class).
_PAGE_CLASSES = {"overview": ("overview", "OverviewPage"), "actors": ("list_pages", "ActorsPage"),
                 "timeline": ("list_pages", "TimelinePage"), "quotes": ("list_pages", "QuotesPage"),
                 "sources": ("sources", "SourcesPage"), "search": ("search", "SearchPage")}


def placeholder(name: str) -> QWidget:
    """An empty stand-in, painted like the text views it stands for (no flash when they arrive)."""
    w = QWidget()
    w.setObjectName(name)
    w.setBackgroundRole(QPalette.ColorRole.Base)
    w.setAutoFillBackground(True)
    return w


def overview_placeholder() -> tuple[QWidget, QLabel]:
    """The Overview's stand-in, with a line saying why it is empty (`LazyPages.set_empty_hint`)."""
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


class LazyPages:
    """The part of `MainWindow` that owns the section pages and the inspector.

    `_build_pages()` makes the stack of placeholders and the navigator; the
    window builds its chrome around them. The rest of the window provides
    the attributes declared below.
    """

    # provided by MainWindow
    briefing: Briefing | None
    search_index: SearchIndex | None
    field_hub: FieldViewHub
    inspector_dock: QDockWidget

    def _build_pages(self) -> None:
        # every page is a placeholder until first use (see the module docstring)
        self._pages: dict[str, QWidget | None] = dict.fromkeys(PAGES)
        self._inspector: Inspector | None = None
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for name in PAGES:
            if name == "overview":
                page, self.empty_hint = overview_placeholder()
                self.stack.addWidget(page)
            else:
                self.stack.addWidget(placeholder(f"page_{name}"))
        self.navigator = Navigator()

    def set_empty_hint(self, text: str) -> None:
        """What the window says while no briefing is shown (opening one, or none open)."""
        if self._pages["overview"] is None:
            self.empty_hint.setText(text)

    def page(self, section: str) -> QWidget:
        """The page of a section, built (and filled with the open briefing) on first use."""
        page = self._pages[section]
        if page is not None:
            return page
        module, cls = _PAGE_CLASSES[section]
        page = getattr(importlib.import_module(f"briefing_app.gui.pages.{module}"), cls)()
        page.setObjectName(f"page_{section}")
        self._pages[section] = page
        i = PAGES.index(section)
        old = self.stack.widget(i)
        current = self.stack.currentIndex()
        self.stack.insertWidget(i, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        if current == i:
            self.stack.setCurrentIndex(i)
        if section == "search":
            page.hit_activated.connect(self.jump_to_hit)
            if self.search_index is not None:
                page.set_index(self.search_index)
        else:
            page.element_selected.connect(self._element_selected)
            page.link_activated.connect(self.follow_link)
            if self.briefing is not None:
                page.set_briefing(self.briefing)
        if section == "quotes":
            page.cards.set_hub(self.field_hub)
            page.context_menu_requested.connect(self.quote_card_menu)
            page.inspect_requested.connect(self.inspect_and_focus)
        if section == "sources":
            self._register_view(page.text)
        elif section == "overview":
            self._register_view(page.view)
        self._restore_page_settings(section)
        return page

    def built_pages(self) -> dict[str, QWidget]:
        return {k: v for k, v in self._pages.items() if v is not None}

    @property
    def pages(self) -> dict[str, QWidget]:
        """Every section page (building those not built yet)."""
        return {name: self.page(name) for name in PAGES}

    @property
    def overview(self) -> OverviewPage:
        return self.page("overview")  # type: ignore[return-value]

    @property
    def actors(self) -> ActorsPage:
        return self.page("actors")  # type: ignore[return-value]

    @property
    def timeline(self) -> TimelinePage:
        return self.page("timeline")  # type: ignore[return-value]

    @property
    def quotes(self) -> QuotesPage:
        return self.page("quotes")  # type: ignore[return-value]

    @property
    def sources(self) -> SourcesPage:
        return self.page("sources")  # type: ignore[return-value]

    @property
    def search(self) -> SearchPage:
        return self.page("search")  # type: ignore[return-value]

    @property
    def inspector(self) -> Inspector:
        if self._inspector is None:
            from briefing_app.gui.views.inspector import Inspector

            self._inspector = Inspector()
            self._inspector.setMinimumWidth(300)
            self._inspector.link_activated.connect(self.follow_link)
            old = self.inspector_dock.widget()
            self.inspector_dock.setWidget(self._inspector)
            if old is not None:
                old.deleteLater()
            self._register_view(self._inspector)
        return self._inspector

    def _register_view(self, view: FieldView) -> None:
        """Hand a page's text view to the field hub, the context menu and `field_view_added`."""
        self.field_hub.register(view)
        view.menu_extender = self._extend_field_menu
        view.element_context_menu_requested.connect(self.element_context_menu_requested)
        self.field_view_added.emit(view)
