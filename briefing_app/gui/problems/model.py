"""`EntriesModel`: the rows of one tab of the Problems dock (problems, or tradecraft findings).

Columns: where (`FILE:LINE:COL`), for findings the rule, and the message.
`Role.ADDRESS` gives the element a row is about; `ENTRY_ROLE` the `Entry`;
a finding's tooltip is its rule's "what, why and reference" from the one
rule table (`core.tradecraft.rules.RULES`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.gui.pages.sections_model import Role
from briefing_app.gui.problems.entries import FINDING, Entry

__all__ = ["EntriesModel", "ENTRY_ROLE"]

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
#: The `Entry` of a row.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 40


class EntriesModel(QAbstractTableModel):
    """Problems or findings, in file order."""

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.entries: list[Entry] = []
        self.headers = ["Where", "Rule", "Finding"] if kind == FINDING else ["Where", "Problem"]

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = sorted((e for e in entries if e.kind == self.kind), key=lambda e: (e.line, e.col))
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        column = self.headers[index.column()] if 0 <= index.column() < len(self.headers) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return {"Where": e.where, "Rule": e.rule}.get(column, e.message)
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.line_text() + (f"\n\n{e.why()}" if e.kind == FINDING else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return e.line_text()
        if role == Role.ADDRESS:
            return e.address
        if role == ENTRY_ROLE:
            return e
        return None
