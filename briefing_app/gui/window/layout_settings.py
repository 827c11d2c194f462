"""`LayoutSettings`: saving and restoring the reader's layout — geometry, docks, splitters, columns.

What the analyst arranged comes back next time (the settings are declared in
gui/settings.py). Pages are built on first use, so their splitters and table
headers are restored when they are built (`restore_page`), and a page never
built this session keeps the state saved last time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from briefing_app.gui import settings as cfg

if TYPE_CHECKING:
    from briefing_app.gui.window.chrome import WindowChrome
    from briefing_app.gui.window.lazy_pages import SectionPages

__all__ = ["LayoutSettings"]

#: The inspector dock's width the first time the app runs.
INSPECTOR_WIDTH = 420


def _splitter_of(section: str, page: QWidget) -> QSplitter | None:
    return cast(Any, page).splitter if section in ("timeline", "sources", "relations") else None


def _header_of(section: str, page: QWidget) -> QHeaderView | None:
    view = cast(Any, page).view if section in ("actors", "timeline") else None
    if view is None:
        return None
    return cast(QHeaderView, view.horizontalHeader() if section == "actors" else view.header())


class LayoutSettings:
    """Saves the window's layout on close and restores it at start-up and as pages are built."""

    def __init__(self, window: QMainWindow, chrome: WindowChrome, pages: SectionPages) -> None:
        self.window, self.chrome, self.pages = window, chrome, pages

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters that exist now (pages not built yet keep their saved state)."""
        out = {"main": self.chrome.splitter}
        for section, page in self.pages.built_pages().items():
            sp = _splitter_of(section, page)
            if sp is not None:
                out[section] = sp
        return out

    def _headers(self) -> dict[str, QHeaderView]:
        out = {}
        for section, page in self.pages.built_pages().items():
            h = _header_of(section, page)
            if h is not None:
                out[section] = h
        return out

    def restore_page(self, section: str, page: QWidget) -> None:
        """A page was just built: its splitter and columns as the analyst left them."""
        sp = _splitter_of(section, page)
        if sp is not None:
            s = cfg.get(cfg.SPLITTERS, section)
            if not s.isEmpty() and sp.restoreState(s):
                cast(Any, page).splitter_sized = True  # the analyst's sizes win over the page's own
        h = _header_of(section, page)
        if h is not None:
            s = cfg.get(cfg.HEADERS, section)
            table = h.parentWidget()
            if not s.isEmpty() and h.restoreState(s) and table is not None:
                table.setProperty("columns_restored", True)  # the analyst's widths win

    def restore(self) -> None:
        geometry = cfg.get(cfg.GEOMETRY)
        if not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
        else:  # 1400×900, or what the screen has room for
            screen = self.window.screen().availableGeometry()
            self.window.resize(min(1400, screen.width()), min(900, screen.height()))
        state = cfg.get(cfg.WINDOW_STATE)
        if not state.isEmpty():
            self.window.restoreState(state)
        else:
            # docks only take a size once the window is laid out
            QTimer.singleShot(0, lambda: self.window.resizeDocks(
                [self.chrome.inspector_dock], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal))
        for name, sp in self._splitters().items():
            s = cfg.get(cfg.SPLITTERS, name)
            if not s.isEmpty():
                sp.restoreState(s)
        for name, h in self._headers().items():
            s = cfg.get(cfg.HEADERS, name)
            if not s.isEmpty():
                h.restoreState(s)

    def save(self) -> None:
        cfg.put(cfg.GEOMETRY, self.window.saveGeometry())
        cfg.put(cfg.WINDOW_STATE, self.window.saveState())
        for name, sp in self._splitters().items():
            cfg.put(cfg.SPLITTERS, sp.saveState(), name)
        for name, h in self._headers().items():
            cfg.put(cfg.HEADERS, h.saveState(), name)
