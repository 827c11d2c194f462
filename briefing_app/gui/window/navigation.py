"""Moving around a briefing: places, Back/Forward, links, Show in Source, search.

A `Place` (gui/history.py) is a section, the selected element and an
optional marked range. `Navigation` is the part of `MainWindow` that shows a
place and records it: `go(place)` is the one way to jump (with history),
`go_to(address)` and `go_section(section)` build places for it, and
Back/Forward (toolbar, Alt+Left/Right, the mouse's side buttons) replay the
`History`. The toolbar's search field drives the Search page: typing shows
it, Up/Down move through the hits, Enter or a click jumps to one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from briefing_app.core.history import History, Place
from briefing_app.core.search import section_of
from briefing_app.gui.actions import ActionName
from briefing_app.gui.pages.sections_model import Role
from briefing_app.gui.window.lazy_pages import PAGES

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit, QStackedWidget

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.search import SearchHit
    from briefing_app.gui.pages.navigator import Navigator

__all__ = ["Navigation", "scroll_areas"]


def scroll_areas(page: QWidget) -> list[QAbstractScrollArea]:
    """A page's scroll areas (itself first, if it is one), in a stable order."""
    return ([page] if isinstance(page, QAbstractScrollArea) else []) + page.findChildren(QAbstractScrollArea)


class Navigation:
    """The part of `MainWindow` that shows places and keeps Back/Forward history.

    `_navigating` is true while a place is being applied, so the selection
    changes that applying makes are not taken for the analyst's own.
    """

    # provided by MainWindow (and LazyPages)
    briefing: Briefing | None
    history: History
    actions: dict[ActionName, QAction]
    stack: QStackedWidget
    navigator: Navigator
    search_field: QLineEdit
    _navigating: bool

    def current_section(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def _show_page(self, section: str) -> None:
        self.stack.setCurrentWidget(self.page(section))
        self._select_in_navigator(section)

    def _select_in_navigator(self, section: str) -> None:
        row = self.navigator.section_row(section)
        self._navigating, was = True, self._navigating
        try:
            if row >= 0:
                self.navigator.setCurrentIndex(self.navigator.model_.index(row, 0))
            else:
                self.navigator.clearSelection()
        finally:
            self._navigating = was

    #: True while the Search page shows results the analyst has only typed for (no jump yet):
    #: it is not a step in history, Back returns to where they were, Forward stays as it was.
    _search_transient = False

    def go(self, place: Place, record: bool = True) -> None:
        """Show a place; with `record`, it becomes a step in Back/Forward history."""
        if record and self._search_transient:
            # jumping from the search results makes them a step, so Back comes back to them
            self._search_transient = False
            self.history.visit(Place("search", scroll=self._page_scroll(self.page("search"))))
        elif record and self.history.current is not None:
            # remember where the analyst is now (selection may have moved since the last jump)
            self.history.replace(self._here())
        self._search_transient = False
        self._apply(place)
        if record:
            self.history.visit(self._here(place))
        self._update_history_actions()
        self.place_changed.emit(place)

    def _here(self, place: Place | None = None) -> Place:
        section = self.current_section()
        if place is not None and place.section == section:
            return place
        page = self.page(section)
        address = page.current_address() if hasattr(page, "current_address") else None
        span = None
        if section == "sources":
            # "Show in source" leaves the element it came from in the inspector (a quote, a key
            # point): that element, and the passage marked for it, are the place to come back to
            shown = self.inspector.address
            if shown and not shown.startswith("sources/"):
                address = shown
            cur = self.history.current
            if cur is not None and cur.section == "sources" and cur.address == address:
                span = cur.span
        return Place(section, address, span=span, scroll=self._page_scroll(page))

    def _page_scroll(self, page: QWidget) -> tuple[tuple[int, int], ...]:
        return tuple((a.verticalScrollBar().value(), a.horizontalScrollBar().value())
                     for a in scroll_areas(page))

    def _restore_page_scroll(self, page: QWidget, scroll: tuple[tuple[int, int], ...]) -> None:
        areas = scroll_areas(page)
        if len(areas) == len(scroll):  # the same page as when the place was left
            for area, (v, h) in zip(areas, scroll, strict=True):
                area.verticalScrollBar().setValue(v)
                area.horizontalScrollBar().setValue(h)

    def _apply(self, place: Place) -> None:
        self._navigating = True
        try:
            self._show_page(place.section)
            b = self.briefing
            if b is None:
                return
            address = place.address if place.address and b.element(place.address) is not None else None
            page = self.page(place.section)
            if place.section == "sources" and place.span:
                self.sources.show_span(*place.span)
            elif address and hasattr(page, "select"):
                page.select(address)
            if place.scroll is not None:  # Back/Forward: the view as the analyst left it
                self._restore_page_scroll(page, place.scroll)
            if place.section == "search":
                self.search_field.setFocus()
                return
            if address is None and hasattr(page, "current_address"):
                address = page.current_address() or ("summary" if place.section == "overview" else None)
            self.inspector.show_element(b, address)
            if address and place.field_range:
                field, start, end = place.field_range
                if place.section == "overview":
                    self.overview.view.show_range(address, field, start, end)
                elif place.section == "sources":
                    self.sources.text.show_range(address, field, start, end)
                self.inspector.show_range(address, field, start, end)
        finally:
            self._navigating = False

    def _element_selected(self, address: str) -> None:
        if self._navigating or self.briefing is None:
            return
        self.inspector.show_element(self.briefing, address)
        if self.history.current is not None:
            self.history.replace(self._here())

    def go_section(self, section: str) -> None:
        page = self.page(section)
        if self.current_section() == section:
            return
        address = page.current_address() if hasattr(page, "current_address") else None
        if address is None and section in ("actors", "timeline", "quotes") and page.proxy.rowCount():
            address = page.proxy.index(0, 0).data(Role.ADDRESS)
        self.go(Place(section, address))

    def go_to(self, address: str) -> None:
        """Jump to an element (recorded in history)."""
        section = section_of(address)
        self.go(Place(section, address))

    def follow_link(self, target: str) -> None:
        if target.startswith("section:"):
            self.go_section(target.split(":", 1)[1])
        elif target.startswith("show:"):
            address, _, which = target[5:].partition("#")
            self.show_in_source(address, which or "0")
        else:
            self.go_to(target)

    def show_in_source(self, address: str, which: str = "") -> bool:
        """Show an element's excerpt (evidence number `which`, or `q` for a quote's text) in its source."""
        b = self.briefing
        el = b.element(address) if b else None
        if el is None:
            return False
        evidence = getattr(el, "evidence", ())
        found = None
        if which == "q" or (not which and address.startswith("quotes/")):
            for sid in [e.source for e in evidence] or [None]:
                found = b.locate(address, el.text, sid)
                if found:
                    break
        else:
            i = int(which or 0)
            if i < len(evidence):
                found = b.locate(address, evidence[i].quote, evidence[i].source)
        if not found:
            self.statusBar().showMessage("This element cites no passage of a source.", 4000)
            return False
        self.go(Place("sources", address, span=found))
        self.inspector.show_element(b, address)
        return True

    def show_selected_in_source(self) -> None:
        address = self.inspector.address
        if address and not self.show_in_source(address):
            return

    def back(self) -> None:
        if self._search_transient:
            # leave the search results for the place the analyst searched from
            self._search_transient = False
            if self.history.current is not None:
                self._apply(self.history.current)
            self._update_history_actions()
            return
        if self.history.current is not None:
            self.history.replace(self._here())
        place = self.history.back()
        if place:
            self._apply(place)
        self._update_history_actions()

    def forward(self) -> None:
        if self._search_transient:
            self._search_transient = False
        elif self.history.current is not None:
            self.history.replace(self._here())
        place = self.history.forward()
        if place:
            self._apply(place)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.actions[ActionName.BACK].setEnabled(self.history.can_back() or self._search_transient)
        self.actions[ActionName.FORWARD].setEnabled(self.history.can_forward())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        et = event.type()
        if et == QEvent.Type.MouseButtonPress and isinstance(obj, QWidget) and obj.window() is self:
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        if obj is self.search_field and et == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.search.move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape:
                self.search_field.clear()
                if self._search_transient:
                    self.back()  # nothing was jumped to: return to where the search started
                self.stack.currentWidget().setFocus()
                return True
        return super().eventFilter(obj, event)

    # -- search --------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
        if self.search_field.text().strip() and self.current_section() != "search":
            self._show_search_results()

    def _search_changed(self, text: str) -> None:
        self.search.run(text)
        if text.strip() and self.current_section() != "search":
            self._show_search_results()
            self.search_field.setFocus()

    def _show_search_results(self) -> None:
        """Show the Search page for typing: not a jump, so history is left as it is."""
        if self.history.current is not None:
            self.history.replace(self._here())  # keep the selection the analyst searched from
        self._apply(Place("search"))
        self._search_transient = True
        self._update_history_actions()

    def jump_to_hit(self, hit: SearchHit) -> None:
        e = hit.entry
        if e.section == "sources" and e.field == "text":
            sid = e.address.split("/", 1)[1]
            self.go(Place("sources", e.address, span=(sid, hit.start, hit.end)))
        else:
            self.go(Place(e.section, e.address, field_range=(e.field, hit.start, hit.end)))
