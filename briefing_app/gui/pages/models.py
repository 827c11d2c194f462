"""Item models over the core briefing objects, with named roles and filter proxies.

Views never hold their own copies of elements: each model wraps a `Briefing`
(or a search result) and answers `data()` from it. Every model here passes
pytest-qt's `qtmodeltester.check` (see `tests/gui/test_models.py`). The roles
and the navigator's `SectionsModel` live in `gui/sections_model.py` (and are
re-exported here), so the window's first paint does not import this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from briefing_app.core.search import GROUP_TITLES, SearchHit
from briefing_app.gui.pages.sections_model import _ROOT, DISPLAY, SECTIONS, Index, Role, SectionsModel

__all__ = ["Role", "SectionsModel", "BriefingTable", "ActorsModel", "ActorsProxy", "TimelineModel", "TimelineProxy",
           "QuotesModel", "QuotesProxy", "SourcesModel", "SearchResultsModel", "SECTIONS"]


def _begin_filter_change(proxy: QSortFilterProxyModel) -> None:
    if hasattr(proxy, "beginFilterChange"):  # Qt >= 6.10
        proxy.beginFilterChange()


def _end_filter_change(proxy: QSortFilterProxyModel) -> None:
    if hasattr(proxy, "endFilterChange"):
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        proxy.invalidateRowsFilter()


class BriefingTable(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.briefing: Briefing | None = None
        self.rows: tuple = ()

    def _rows_for(self, briefing: Briefing) -> tuple:
        raise NotImplementedError

    def set_briefing(self, briefing: Briefing | None) -> None:
        self.beginResetModel()
        self.briefing = briefing
        self.rows = self._rows_for(briefing) if briefing else ()
        self._prepare()
        self.endResetModel()

    def _prepare(self) -> None:
        pass

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def row_of(self, address: str) -> int:
        for i, el in enumerate(self.rows):
            if el.address == address:
                return i
        return -1

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < len(self.HEADERS))


class ActorsModel(BriefingTable):
    HEADERS = ("Name", "Kind", "Role", "Affiliation", "Events", "Quotes")

    def _rows_for(self, briefing: Briefing) -> tuple:
        return tuple(sorted(briefing.actors, key=lambda a: a.name.lower()))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal and section >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # over right-aligned counts
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        a, col, b = self.rows[index.row()], index.column(), self.briefing
        assert b is not None
        if role in (DISPLAY, Role.SORT):
            if col == 0:
                return a.name
            if col == 1:
                return a.kind.capitalize()
            if col == 2:
                return a.role or ""
            if col == 3:
                return b.display_name(a.affiliation) if a.affiliation else ""
            n = len(b.events_for(a.id)) if col == 4 else len(b.quotes_for(a.id))
            return n if role == Role.SORT or n else ("" if role == DISPLAY else 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 3):  # the full text when a column elides it
            return self.data(index, DISPLAY) or None
        if role == Role.ADDRESS:
            return a.address
        if role == Role.ELEMENT:
            return a
        if role == Role.FILTER_TEXT:
            return " ".join([a.name, *a.aliases, a.role or "", a.kind]).lower()
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and a.aliases:
            return "Also known as: " + ", ".join(a.aliases)
        return None


class ActorsProxy(QSortFilterProxyModel):
    """Sorts by `Role.SORT`; filters on name, aliases, role and kind, and on kind."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._kind = ""

    def set_text(self, text: str) -> None:
        _begin_filter_change(self)
        self._text = text.strip().lower()
        _end_filter_change(self)

    def set_kind(self, kind: str) -> None:
        _begin_filter_change(self)
        self._kind = kind.lower()
        _end_filter_change(self)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        m = self.sourceModel()
        idx = m.index(row, 0, parent)
        if self._kind and m.data(idx, Role.ELEMENT).kind != self._kind:
            return False
        return not self._text or self._text in m.data(idx, Role.FILTER_TEXT)


class TimelineModel(BriefingTable):
    HEADERS = ("When", "Event", "Actors", "Location")

    def _rows_for(self, briefing: Briefing) -> tuple:
        return briefing.chronological

    def _prepare(self) -> None:
        b = self.briefing
        self._actors_text = [", ".join(b.display_name(a) for a in e.actors) if b else "" for e in self.rows]
        self._filter = [" ".join((e.title, e.description or "", e.location or "", self._actors_text[i],
                                  e.when)).lower() for i, e in enumerate(self.rows)]

    def filter_text(self, row: int) -> str:
        """What the text filter matches in a row: title, description, location, actors, date (lower case)."""
        return self._filter[row]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r, col = index.row(), index.column()
        e = self.rows[r]
        if role == DISPLAY:
            return (e.when, e.title, self._actors_text[r], e.location or "")[col]
        if role == Role.SORT:
            return (r, e.title.lower(), self._actors_text[r].lower(), (e.location or "").lower())[col]
        if role == Role.ADDRESS:
            return e.address
        if role == Role.ELEMENT:
            return e
        if role == Role.ACTORS:
            return e.actors
        if role == Role.FILTER_TEXT:
            return self._filter[r]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0 and (e.approximate or e.date.precision < 3 or e.end):
                parts = []
                if e.approximate:
                    parts.append("approximate date")
                if e.date.precision < 3:
                    parts.append(f"known to the {e.date.precision.name.lower()}")
                if e.end:
                    parts.append("a range")
                return "; ".join(parts).capitalize()
            if col == 1 and e.description:
                return e.description
        if role == Qt.ItemDataRole.FontRole and col == 0 and e.approximate:
            f = QFont()
            f.setItalic(True)
            return f
        return None


class TimelineProxy(QSortFilterProxyModel):
    """Filters events by actor and by text (title, description, location, actors, date)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self._actor = ""
        self._text = ""

    def set_actor(self, actor_id: str) -> None:
        _begin_filter_change(self)
        self._actor = actor_id
        _end_filter_change(self)

    def set_text(self, text: str) -> None:
        _begin_filter_change(self)
        self._text = text.strip().lower()
        _end_filter_change(self)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        m = cast(TimelineModel, self.sourceModel())
        if self._actor and self._actor not in m.rows[row].actors:
            return False
        return not self._text or self._text in m.filter_text(row)


class QuotesModel(BriefingTable):
    HEADERS = ("Quote",)

    def _rows_for(self, briefing: Briefing) -> tuple:
        return tuple(sorted(briefing.quotes, key=lambda q: (q.said_on.sort_key if q.said_on else (0, 0, 0, 0))))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        q, b = self.rows[index.row()], self.briefing
        assert b is not None
        if role == DISPLAY:
            return f"\u201c{q.text.strip()}\u201d"
        if role == Role.SECONDARY:
            parts = [b.display_name(q.speaker)]
            if q.said_on:
                parts.append(q.said_on.display(long=True))
            if q.context:
                parts.append(q.context.strip())
            return " \u00b7 ".join(parts)
        if role == Role.SPEAKER:
            return b.display_name(q.speaker)
        if role == Role.LINK:
            return b.actor_by_id[q.speaker].address if q.speaker in b.actor_by_id else None
        if role == Role.DATE:
            return q.said_on.display(long=True) if q.said_on else ""
        if role == Role.CONTEXT:
            return (q.context or "").strip()
        if role == Role.SORT:
            return index.row()
        if role == Role.ADDRESS:
            return q.address
        if role == Role.ELEMENT:
            return q
        if role == Role.ACTORS:
            return (q.speaker,)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{b.display_name(q.speaker)}: {q.text}"
        return None


class QuotesProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._speaker = ""

    def set_speaker(self, actor_id: str) -> None:
        _begin_filter_change(self)
        self._speaker = actor_id
        _end_filter_change(self)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        return not self._speaker or cast(QuotesModel, self.sourceModel()).rows[row].speaker == self._speaker


class SourcesModel(BriefingTable):
    HEADERS = ("Source",)

    def _rows_for(self, briefing: Briefing) -> tuple:
        return briefing.sources

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        s, b = self.rows[index.row()], self.briefing
        assert b is not None
        if role == DISPLAY:
            return s.title
        if role == Role.SECONDARY:
            bits = [x for x in (s.publisher, s.published.display() if s.published else None) if x]
            spans = b.evidence_spans(s.id)
            n, passages = len(spans), len({(sp.start, sp.end) for sp in spans})
            # what is counted, said: citations (evidence excerpts and quotes) of how many distinct passages
            bits.append(f"{n} citation{'s' if n != 1 else ''} of {passages} passage{'s' if passages != 1 else ''}")
            return " \u00b7 ".join(bits)
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.url or s.title
        if role == Role.ADDRESS:
            return s.address
        if role == Role.ELEMENT:
            return s
        return None


class SearchResultsModel(QAbstractItemModel):
    """Search hits grouped by section: groups at the top level, hits beneath.

    A group's internal id is 0; a hit's is its group row + 1.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[tuple[str, list[SearchHit], int]] = []

    def set_results(self, grouped: dict[str, list[SearchHit]], totals: dict[str, int] | None = None) -> None:
        self.beginResetModel()
        totals = totals or {}
        self.groups = [(s, hits, totals.get(s, len(hits))) for s, hits in grouped.items()]
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(len(h) for _, h, _ in self.groups)

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() == 0 and parent.row() < len(self.groups):
            if row < len(self.groups[parent.row()][1]):
                return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self.groups):
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 1

    def hit(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            section, hits, total = self.groups[index.row()]
            if role == DISPLAY:  # "Actors — 10 matches"; "Actors — 9 shown of 10 matches" when some are not listed
                matches = f"{total} match{'es' if total != 1 else ''}"
                shown = matches if total == len(hits) else f"{len(hits)} shown of {matches}"
                return f"{GROUP_TITLES[section]} \u2014 {shown}"
            if role == Qt.ItemDataRole.ToolTipRole and total != len(hits):
                return (f"{total} matches in {GROUP_TITLES[section]}; {len(hits)} are listed "
                        "(a few per element, and at most a set number per section)")
            if role == Role.SECTION:
                return section
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            return None
        h = self.hit(index)
        assert h is not None
        if role == DISPLAY:
            before, match, after = h.snippet
            return f"{h.entry.label}: {before}{match}{after}"
        if role == Role.HIT:
            return h
        if role == Role.ADDRESS:
            return h.entry.address
        if role == Role.SECTION:
            return h.entry.section
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{h.entry.label} \u2014 {h.entry.field}"
        return None

    _GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    _HIT_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._HIT_FLAGS if index.internalId() else self._GROUP_FLAGS
