"""`Navigation`: moving around a briefing — places, Back/Forward, links, Show in Source, search.

A `Place` (core/history.py) is a section, the selected element and an
optional marked range. `go(place)` is the one way to jump (with history);
`go_to(address)` and `go_section(section)` build places for it, and
Back/Forward (toolbar, Alt+Left/Right, the mouse's side buttons) replay the
`History`. The toolbar's search field drives the Search page: typing shows
it, Up/Down move through the hits, Enter or a click jumps to one.

It works on the window's `SectionPages` and search field and tells the
window what changed through signals (`place_changed`, `history_changed`,
`message`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLineEdit, QWidget

from briefing_app.core.briefing.address import Address
from briefing_app.core.history import History, Place
from briefing_app.core.search import section_of
from briefing_app.gui.pages.sections_model import SECTIONS, Role

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.search import SearchHit
    from briefing_app.gui.window.lazy_pages import SectionPages

__all__ = ["Navigation", "scroll_areas", "Scroll"]

#: Where a page's scroll areas stand: (vertical, horizontal) for each.
Scroll = tuple[tuple[int, int], ...]


def scroll_areas(page: QWidget) -> list[QAbstractScrollArea]:
    """A page's scroll areas (itself first, if it is one), in a stable order."""
    return ([page] if isinstance(page, QAbstractScrollArea) else []) + page.findChildren(QAbstractScrollArea)


def page_scroll(page: QWidget) -> Scroll:
    return tuple((a.verticalScrollBar().value(), a.horizontalScrollBar().value()) for a in scroll_areas(page))


def restore_page_scroll(page: QWidget, scroll: Scroll) -> None:
    areas = scroll_areas(page)
    if len(areas) == len(scroll):  # the same page as when the place was left
        for area, (v, h) in zip(areas, scroll, strict=True):
            area.verticalScrollBar().setValue(v)
            area.horizontalScrollBar().setValue(h)


class Navigation(QObject):
    """Shows places on the window's pages and keeps Back/Forward history."""

    #: A jump was made (Place).
    place_changed = Signal(object)
    #: Back or Forward became possible or impossible: (can go back, can go forward).
    history_changed = Signal(bool, bool)
    #: A line for the status bar: (text, milliseconds).
    message = Signal(str, int)

    def __init__(self, window: QWidget, pages: SectionPages, search_field: QLineEdit) -> None:
        super().__init__(window)
        self.window, self.pages, self.search_field = window, pages, search_field
        self.history = History()
        #: true while a place is being applied, so the selection changes that makes are not taken
        #: for the analyst's own
        self._applying = False
        #: true while the Search page shows results the analyst has only typed for (no jump yet):
        #: not a step in history; Back returns to where they were, Forward stays as it was
        self._search_transient = False
        #: opens a Notes or Tags hit: (layer number, annotation id) -> shown (the annotation code's)
        self.open_annotation: Callable[[int, str], object] | None = None
        search_field.installEventFilter(self)
        search_field.textChanged.connect(self._search_changed)
        search_field.returnPressed.connect(lambda: self.pages.search.activate_current())
        #: whether the application-wide filter (the mouse's Back/Forward buttons, Esc in the search
        #: results) is installed: from the first briefing shown, when there is somewhere to go back to
        self._watching_app = False

    @property
    def briefing(self) -> Briefing | None:
        return self.pages.briefing

    def current_section(self) -> str:
        return self.pages.current_section()

    # -- jumping ---------------------------------------------------------------------
    def go(self, place: Place, record: bool = True) -> None:
        """Show a place; with `record`, it becomes a step in Back/Forward history."""
        if record and self._search_transient:
            # jumping from the search results makes them a step, so Back comes back to them
            self._search_transient = False
            self.history.visit(Place("search", scroll=page_scroll(self.pages.page("search"))))
        elif record and self.history.current is not None:
            # remember where the analyst is now (selection may have moved since the last jump)
            self.history.replace(self.here())
        self._search_transient = False
        self.apply(place)
        if record:
            self.history.visit(self.here(place))
        self._history_changed()
        self.place_changed.emit(place)

    def start(self) -> None:
        """A briefing was opened: history starts afresh at its Overview."""
        self._search_transient = False
        self.history.clear()
        self.go(Place("overview", "summary"))
        self._watch_app()

    def _watch_app(self) -> None:
        """Filter every event of the application, for the mouse's Back/Forward buttons anywhere in
        the window and Esc in the search results.

        Installed once a briefing is shown, not with the window: before that there is nothing to go
        back to and no results, and a Python filter on the application costs on every event (on the
        first object of a class PySide6 has no wrapper for, it builds the Python types of all Qt's
        classes, ~20 ms), which would otherwise all be paid before the briefing appears.
        """
        app = QApplication.instance()
        if app is not None and not self._watching_app:
            self._watching_app = True
            app.installEventFilter(self)

    def here(self, place: Place | None = None) -> Place:
        """Where the analyst is now (`place`, if it is on the section shown), with the view's scrolling."""
        section = self.current_section()
        if place is not None and place.section == section:
            return place
        page = self.pages.page(section)
        address = self.pages.current_address(section)
        span = None
        if section == "sources":
            # "Show in source" leaves the element it came from in the inspector (a quote, a key
            # point): that element, and the passage marked for it, are the place to come back to
            shown = self.pages.inspector.address
            if shown and Address.parse(shown).section != "sources":
                address = shown
            cur = self.history.current
            if cur is not None and cur.section == "sources" and cur.address == address:
                span = cur.span
        return Place(section, address, span=span, scroll=page_scroll(page))

    def apply(self, place: Place) -> None:
        """Show a place without touching history."""
        self._applying = True
        try:
            page = self.pages.show(place.section)
            b = self.briefing
            if b is None:
                return
            address = place.address if place.address and b.element(place.address) is not None else None
            if place.section == "sources" and place.span:
                self.pages.sources.show_span(*place.span)
            elif address and hasattr(page, "select"):
                page.select(address)
            if place.scroll is not None:  # Back/Forward: the view as the analyst left it
                restore_page_scroll(page, place.scroll)
            if place.section == "search":
                self.search_field.setFocus()
                return
            if address is None:
                address = self.pages.current_address(place.section) or (
                    "summary" if place.section == "overview" else None)
            self.pages.inspect(address)
            if address and place.field_range:
                field, start, end = place.field_range
                if place.section == "overview":
                    self.pages.overview.view.show_range(address, field, start, end)
                elif place.section == "sources":
                    self.pages.sources.text.show_range(address, field, start, end)
                self.pages.inspector.show_range(address, field, start, end)
        finally:
            self._applying = False

    def element_selected(self, address: str) -> None:
        """The analyst moved a selection: the inspector follows, the current step is updated."""
        if self._applying or self.briefing is None:
            return
        self.pages.inspect(address)
        if self.history.current is not None:
            self.history.replace(self.here())

    def go_section(self, section: str) -> None:
        page = self.pages.page(section)
        if self.current_section() == section:
            return
        address = self.pages.current_address(section)
        if address is None and section in ("actors", "timeline", "quotes"):
            proxy = page.proxy  # type: ignore[attr-defined]  # the list pages' filter model
            if proxy.rowCount():
                address = proxy.index(0, 0).data(Role.ADDRESS)
        self.go(Place(section, address))

    def go_to(self, address: str) -> None:
        """Jump to an element (recorded in history)."""
        self.go(Place(section_of(address), address))

    def open_address(self, address: str) -> bool:
        """Jump to a section (`actors`) or an element (`actors/japan`); False if the briefing has neither."""
        if address in SECTIONS:
            self.go_section(address)
            return True
        if self.briefing is not None and self.briefing.element(address) is not None:
            self.go_to(address)
            return True
        return False

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
        if b is None or el is None:
            return False
        evidence = getattr(el, "evidence", ())
        found = None
        if which == "q" or (not which and Address.parse(address).section == "quotes"):
            for sid in [e.source for e in evidence] or [None]:
                found = b.locate(address, el.text, sid)  # type: ignore[union-attr]  # a Quote: it has text
                if found:
                    break
        else:
            i = int(which or 0)
            if i < len(evidence):
                found = b.locate(address, evidence[i].quote, evidence[i].source)
        if not found:
            self.message.emit("This element cites no passage of a source.", 4000)
            return False
        self.go(Place("sources", address, span=found))
        self.pages.inspect(address)
        return True

    def show_selected_in_source(self) -> None:
        address = self.pages.inspector.address
        if address:
            self.show_in_source(address)

    # -- Back and Forward ------------------------------------------------------------
    def back(self) -> None:
        if self._search_transient:
            # leave the search results for the place the analyst searched from
            self._search_transient = False
            if self.history.current is not None:
                self.apply(self.history.current)
            self._history_changed()
            return
        if self.history.current is not None:
            self.history.replace(self.here())
        place = self.history.back()
        if place:
            self.apply(place)
        self._history_changed()

    def forward(self) -> None:
        if self._search_transient:
            self._search_transient = False
        elif self.history.current is not None:
            self.history.replace(self.here())
        place = self.history.forward()
        if place:
            self.apply(place)
        self._history_changed()

    def _history_changed(self) -> None:
        self.history_changed.emit(self.history.can_back() or self._search_transient, self.history.can_forward())

    def remember_here(self) -> None:
        """Update the current step to where the analyst is (before the briefing is replaced)."""
        if self.history.current is not None:
            self.history.replace(self.here())

    def keep_place(self, keep: Callable[[Place], Place | None]) -> None:
        """After a reload: map history through `keep` (see `History.prune`) and show where the analyst was.

        The place the analyst is at keeps at least its section even if its element is gone.
        """
        current = self.history.current
        self.history.prune(lambda p: keep(p) or (Place(p.section) if p is current else None))
        self.apply(self.history.current or Place("overview", "summary"))
        self._history_changed()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        et = event.type()
        if (et == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) and isinstance(obj, QWidget)
                and obj.window() is self.window):
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        if et == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.search_field and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.pages.search.move_current(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape and (obj is self.search_field or self._in_results(obj)):
                self.leave_search()
                return True
        return super().eventFilter(obj, event)

    # -- search --------------------------------------------------------------------
    def _in_results(self, obj: QObject) -> bool:
        """True for the search results list (or its viewport) while the Search page is shown."""
        page = self.pages.built_pages().get("search")
        return (page is not None and self.current_section() == "search" and isinstance(obj, QWidget)
                and page.isAncestorOf(obj))

    def leave_search(self) -> None:
        """Esc in the search field or the results: clear the search, go back to where the analyst was
        and take the last opened match's outline out of the text."""
        on_results = self.current_section() == "search"
        self.search_field.clear()
        if self._search_transient:
            self.back()  # nothing was jumped to: return to where the search started
        elif on_results and self.history.can_back():
            self.back()  # the results were a step (a hit was opened, then Back): the step before them
        for view in self.pages.hub.views():
            view.clear_mark()
        page = self.pages.stack.currentWidget()
        if page is not None:
            page.setFocus()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
        if self.search_field.text().strip() and self.current_section() != "search":
            self._show_search_results()

    def search_for(self, text: str) -> None:
        """Run a search as if the analyst had typed it."""
        self.focus_search()
        self.search_field.setText(text)

    def _search_changed(self, text: str) -> None:
        self.pages.search.run(text)
        if text.strip() and self.current_section() != "search":
            self._show_search_results()
            self.search_field.setFocus()

    def _show_search_results(self) -> None:
        """Show the Search page for typing: not a jump, so history is left as it is."""
        if self.history.current is not None:
            self.history.replace(self.here())  # keep the selection the analyst searched from
        self.apply(Place("search"))
        self._search_transient = True
        self._history_changed()

    def jump_to_hit(self, hit: SearchHit) -> None:
        e = hit.entry
        if e.annotation:  # a note or a tag: the annotated element, with the annotation selected
            if self.open_annotation is not None:
                self.open_annotation(e.layer, e.annotation)
            else:
                self.go_to(e.address)
            return
        if e.section == "sources" and e.field == "text":
            sid = Address.parse(e.address).element or ""
            self.go(Place("sources", e.address, span=(sid, hit.start, hit.end)))
        else:
            self.go(Place(e.section, e.address, field_range=(e.field, hit.start, hit.end)))
