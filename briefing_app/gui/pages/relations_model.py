"""The Relations table's model and filter: one row per relation, names shown, never ids.

`RelationsModel` answers `data()` from the briefing's `Relation` objects
(From, Relation, To, Note, Evidence count); `RelationsProxy` filters by text
and by actor (either end) and sorts on `Role.SORT`. Both pass pytest-qt's
`qtmodeltester.check` (`tests/gui/test_relations_model.py`).

Addresses are the model's own (`Relation.address`), never spelled here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from briefing_app.gui.pages.sections_model import DISPLAY, Index, Role

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing, Relation

__all__ = ["RelationsModel", "RelationsProxy", "COLUMNS"]

#: Column headers, in order.
COLUMNS = ("From", "Relation", "To", "Note", "Evidence")
_ROOT = QModelIndex()


class RelationsModel(QAbstractTableModel):
    """The briefing's relations in file order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.briefing: Briefing | None = None
        self.rows: tuple[Relation, ...] = ()
        self._filter_text: list[str] = []

    def set_briefing(self, briefing: Briefing | None) -> None:
        self.beginResetModel()
        self.briefing = briefing
        self.rows = briefing.relations if briefing else ()
        self._filter_text = [" ".join((self._name(r.from_actor), r.kind, self._name(r.to_actor),
                                       r.note or "")).lower() for r in self.rows]
        self.endResetModel()

    def _name(self, actor_id: str) -> str:
        return self.briefing.display_name(actor_id) if self.briefing else actor_id

    def row_of(self, address: str) -> int:
        for i, r in enumerate(self.rows):
            if r.address == address:
                return i
        return -1

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == DISPLAY:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 4:
            return "Number of evidence excerpts cited for the relation"
        if role == Qt.ItemDataRole.TextAlignmentRole and section == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not (index.isValid() and 0 <= index.row() < len(self.rows) and 0 <= index.column() < len(COLUMNS)):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == DISPLAY:
            if col == 4:
                return str(len(r.evidence)) if r.evidence else ""
            return (self._name(r.from_actor), r.kind, self._name(r.to_actor), (r.note or "").strip())[col]
        if role == Role.SORT:
            if col == 4:
                return len(r.evidence)
            return (self._name(r.from_actor), r.kind, self._name(r.to_actor), r.note or "")[col].lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3 and r.note:
                return r.note.strip()
            if col == 4:
                n = len(r.evidence)
                return f"{n} evidence excerpt{'s' if n != 1 else ''} cited"
            return f"{self._name(r.from_actor)} \u2192 {r.kind} \u2192 {self._name(r.to_actor)}"
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return f"{self._name(r.from_actor)} {r.kind} {self._name(r.to_actor)}"
        if role == Role.ADDRESS:
            return r.address
        if role == Role.ELEMENT:
            return r
        if role == Role.ACTORS:
            return (r.from_actor, r.to_actor)
        if role == Role.FILTER_TEXT:
            return self._filter_text[index.row()]
        if role == Role.COUNT and col == 4:
            return len(r.evidence)
        return None


class RelationsProxy(QSortFilterProxyModel):
    """Sorts on `Role.SORT`; keeps rows whose text contains the filter and that involve the actor."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self._text = ""
        self._actor = ""

    def _begin(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()

    def _end(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._begin()
        self._text = text.strip().lower()
        self._end()

    def set_actor(self, actor_id: str) -> None:
        """Only relations from or to this actor ("" for all)."""
        self._begin()
        self._actor = actor_id
        self._end()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        m = self.sourceModel()
        idx = m.index(row, 0, parent)
        if self._actor and self._actor not in (m.data(idx, Role.ACTORS) or ()):
            return False
        return not self._text or self._text in (m.data(idx, Role.FILTER_TEXT) or "")
