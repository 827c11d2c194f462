"""The navigator's model (one row per section, with its count) and the item roles every model uses.

Kept apart from `gui/models.py` (the table models and filter proxies of the section pages), so
the window's first paint, which shows the navigator, does not wait for those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from briefing_app.core.search import SECTION_TITLES

__all__ = ["Role", "SectionsModel", "SECTIONS", "Index", "DISPLAY"]

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index (the root): the default parent, made once
DISPLAY = Qt.ItemDataRole.DisplayRole


class Role(IntEnum):
    ADDRESS = Qt.ItemDataRole.UserRole + 1  # element address, e.g. "actors/hayashi"
    ELEMENT = Qt.ItemDataRole.UserRole + 2  # the core object itself
    SORT = Qt.ItemDataRole.UserRole + 3  # a value that sorts correctly
    FILTER_TEXT = Qt.ItemDataRole.UserRole + 4  # lower-cased text a filter matches against
    ACTORS = Qt.ItemDataRole.UserRole + 5  # actor ids involved (tuple)
    COUNT = Qt.ItemDataRole.UserRole + 6  # a count shown beside a label
    SECTION = Qt.ItemDataRole.UserRole + 7  # section key
    SECONDARY = Qt.ItemDataRole.UserRole + 8  # a second line of text
    HIT = Qt.ItemDataRole.UserRole + 9  # a SearchHit
    SPEAKER = Qt.ItemDataRole.UserRole + 10  # a quote's speaker, as shown
    LINK = Qt.ItemDataRole.UserRole + 11  # the address a row's link opens (a quote: its speaker's profile)
    DATE = Qt.ItemDataRole.UserRole + 12  # a date, as shown
    CONTEXT = Qt.ItemDataRole.UserRole + 13  # a quote's context
    ISSUES = Qt.ItemDataRole.UserRole + 30  # (problems, tradecraft findings) on a section's page


SECTIONS = ("overview", "actors", "relations", "timeline", "quotes", "sources")


class SectionsModel(QAbstractListModel):
    """The navigator: one row per section, with its element count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.briefing: Briefing | None = None
        #: (problems, tradecraft findings) by section (gui/problems/)
        self.issues: dict[str, tuple[int, int]] = {}

    def set_briefing(self, briefing: Briefing | None) -> None:
        self.briefing = briefing
        if SECTIONS:
            self.dataChanged.emit(self.index(0), self.index(len(SECTIONS) - 1))

    def set_issue_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """Problems and tradecraft findings per section, shown as a badge beside the section."""
        self.issues = dict(counts)
        if SECTIONS:
            self.dataChanged.emit(self.index(0), self.index(len(SECTIONS) - 1))

    def issue_note(self, section: str) -> str:
        """`2 problems, 1 tradecraft finding` (empty when there are none)."""
        p, f = self.issues.get(section, (0, 0))
        parts = ([f"{p} problem{'s' if p != 1 else ''}"] if p else []) + (
            [f"{f} tradecraft finding{'s' if f != 1 else ''}"] if f else [])
        return ", ".join(parts)

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(SECTIONS)

    def count(self, section: str) -> int | None:
        b = self.briefing
        if b is None:
            return None
        return {"overview": len(b.summary.key_points), "actors": len(b.actors),
                "relations": len(b.relations), "timeline": len(b.timeline),
                "quotes": len(b.quotes), "sources": len(b.sources)}[section]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(SECTIONS) or index.column() != 0:
            return None
        key = SECTIONS[index.row()]
        if role == DISPLAY:
            return SECTION_TITLES[key]
        if role == Role.SECTION:
            return key
        if role == Role.COUNT:
            return self.count(key)
        if role == Role.ISSUES:
            return self.issues.get(key, (0, 0))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            n = self.count(key)
            note = self.issue_note(key)
            return SECTION_TITLES[key] + (f", {n} items" if n is not None else "") + (f", {note}" if note else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self.issue_note(key)
            tip = {"overview": "Bottom line and key points", "actors": "People, states and organisations",
                   "relations": "Who is linked to whom: a link chart and a table",
                   "timeline": "Events in date order", "quotes": "What was said, by whom",
                   "sources": "Source texts with cited passages"}[key]
            return f"{tip}\n{note}" if note else tip
        return None
