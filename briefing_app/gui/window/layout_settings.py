"""Saving and restoring the reader's layout: window geometry, docks, splitters, column widths.

What the analyst arranged comes back next time (settings are declared in
gui/settings.py). Pages are built on first use, so their splitters and table
headers are restored when they are built (`_restore_page_settings`), and a
page never built this session keeps the state saved last time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from briefing_app.gui import settings as cfg

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QDockWidget, QSplitter, QWidget

__all__ = ["LayoutSettings"]


class LayoutSettings:
    """The part of `MainWindow` that saves its layout on close and restores it at start-up."""

    # provided by MainWindow (and LazyPages)
    path: Path | None
    splitter: QSplitter
    inspector_dock: QDockWidget
    _pages: dict[str, QWidget | None]

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters that exist now (pages not built yet keep their saved state)."""
        p = self._pages
        out = {"main": self.splitter}
        if p["timeline"] is not None:
            out["timeline"] = p["timeline"].splitter
        if p["sources"] is not None:
            out["sources"] = p["sources"].splitter
        return out

    def _headers(self) -> dict:
        p = self._pages
        out = {}
        if p["actors"] is not None:
            out["actors"] = p["actors"].view.horizontalHeader()
        if p["timeline"] is not None:
            out["timeline"] = p["timeline"].view.header()
        return out

    def _restore_page_settings(self, section: str) -> None:
        sp = self._splitters().get(section)
        if sp is not None:
            s = cfg.get(cfg.SPLITTERS, section)
            if not s.isEmpty() and sp.restoreState(s):
                self._pages[section].splitter_sized = True  # the analyst's sizes win
        h = self._headers().get(section)
        if h is not None:
            s = cfg.get(cfg.HEADERS, section)
            if not s.isEmpty() and h.restoreState(s):
                h.parentWidget().setProperty("columns_restored", True)  # the analyst's widths win

    def _restore_settings(self) -> None:
        geometry = cfg.get(cfg.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = cfg.get(cfg.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        else:
            # docks only take a size once the window is laid out
            QTimer.singleShot(0, lambda: self.resizeDocks([self.inspector_dock], [420], Qt.Orientation.Horizontal))
        for name, sp in self._splitters().items():
            s = cfg.get(cfg.SPLITTERS, name)
            if not s.isEmpty():
                sp.restoreState(s)
        for name, h in self._headers().items():
            s = cfg.get(cfg.HEADERS, name)
            if not s.isEmpty():
                h.restoreState(s)

    def save_settings(self) -> None:
        cfg.put(cfg.GEOMETRY, self.saveGeometry())
        cfg.put(cfg.WINDOW_STATE, self.saveState())
        for name, sp in self._splitters().items():
            cfg.put(cfg.SPLITTERS, sp.saveState(), name)
        for name, h in self._headers().items():
            cfg.put(cfg.HEADERS, h.saveState(), name)
        if self.path:
            cfg.put(cfg.LAST_FILE, str(self.path))
