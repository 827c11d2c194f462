"""The in-page find bar (Ctrl+F): every match on the page shown, marked, with next and previous.

It searches what the current page shows: the fields of its text views
(`FieldView`: the Overview, a source's text) and the rows of its lists and
tables (Actors, Timeline, Quotes, Relations, the source list). In text views
every match is drawn in the views' own `find` highlight layer — a layer of
its own, so annotation highlights are never touched — and the current match
is drawn stronger and scrolled into view. Lists whose delegate draws fields
(the quote cards: `find_fields(index)` and `set_find_marks(marks)`) are
searched and marked field by field the same way; in other lists and tables
the row holding the current match becomes the current row. Enter / F3 go to the next match,
Shift+Enter / Shift+F3 to the previous one, Esc closes the bar and clears
the marks. The bar knows nothing of the window: it is given a function that
returns the page shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from briefing_app.gui.theme import colors
from briefing_app.gui.views.highlights import FILL, FieldHighlight
from briefing_app.gui.views.tool_button import tool_button

if TYPE_CHECKING:  # imported when the bar first finds something: the window starts without the text views
    from briefing_app.gui.views.field_view import FieldView

__all__ = ["FindBar", "FieldMatch", "RowMatch", "CardMatch", "place_under", "FIND_LAYER", "MAX_MATCHES"]

#: The highlight layer find marks are drawn in (FieldView draws it above annotations, below the link outline).
FIND_LAYER = "find"
#: More matches than this are counted but not marked (a one-letter query in a long source).
MAX_MATCHES = 5000


class FieldMatch(NamedTuple):
    """A match in a text view's field (code points into the field's raw text)."""

    view: FieldView
    highlight: FieldHighlight


class RowMatch(NamedTuple):
    """A match in a list or table: the row that holds it."""

    view: QAbstractItemView
    row: QModelIndex


class CardMatch(NamedTuple):
    """A match in a field drawn by a list's delegate (a quote card): its row and its mark."""

    view: QAbstractItemView
    row: QModelIndex
    highlight: FieldHighlight


Match = FieldMatch | RowMatch | CardMatch


def _lower(text: str) -> str:
    """Lower case with the same length as `text`, so offsets stay aligned (a few letters lower to two)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


def _occurrences(text: str, query: str) -> list[int]:
    out: list[int] = []
    pos = text.find(query)
    while pos >= 0 and len(out) < MAX_MATCHES:
        out.append(pos)
        pos = text.find(query, pos + len(query))
    return out


def _rows(view: QAbstractItemView, parent: QModelIndex | None = None) -> list[QModelIndex]:
    """The view's rows in display order (children after their parent), first column."""
    model = view.model()
    if model is None:
        return []
    parent = parent or QModelIndex()
    out: list[QModelIndex] = []
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        out.append(idx)
        if model.rowCount(idx) > 0:
            out += _rows(view, idx)
    return out


def _row_text(view: QAbstractItemView, index: QModelIndex) -> str:
    model = view.model()
    texts = []
    for c in range(model.columnCount(index.parent())):
        value = model.index(index.row(), c, index.parent()).data(Qt.ItemDataRole.DisplayRole)
        if value is not None:
            texts.append(str(value))
    return "\n".join(texts)


class FindBar(QWidget):
    """A bar under the page: query field, "3 of 12", previous, next, close."""

    #: The bar closed (the page gets the keyboard back).
    closed = Signal()
    #: The bar was shown (True) or hidden (False).
    visibility_changed = Signal(bool)

    def __init__(self, current_page: Callable[[], QWidget | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.current_page = current_page
        self.matches: list[Match] = []
        self.current = -1
        self.total = 0
        self._marked: list[FieldView] = []
        self._marked_cards: list[QAbstractItemView] = []
        self._watched: set[int] = set()
        self._moving = False
        self.field = QLineEdit()
        self.field.setObjectName("find_field")
        self.field.setPlaceholderText("Find in page")
        self.field.setAccessibleName("Find in page")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(220)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("find_count")
        self.count.setMinimumWidth(90)
        self.previous_button = tool_button("\u2191 Previous", "Previous match (Shift+F3, Shift+Enter)", "find_previous")
        self.next_button = tool_button("\u2193 Next", "Next match (F3, Enter)", "find_next")
        self.close_button = tool_button("\u2715", "Close the find bar (Esc)", "find_close")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(6)
        label = QLabel("Find:")
        label.setBuddy(self.field)
        lay.addWidget(label)
        lay.addWidget(self.field, 1)
        lay.addWidget(self.count)
        lay.addWidget(self.previous_button)
        lay.addWidget(self.next_button)
        lay.addStretch(1)
        lay.addWidget(self.close_button)
        self.field.textChanged.connect(lambda _t: self.refresh())
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    # -- opening and closing --------------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar (text the analyst selected becomes the query) with the keyboard in its field."""
        selected = self._selected_text()
        was_open = self.isVisible()
        self.show()
        if selected and selected != self.field.text():
            self.field.setText(selected)
        elif not was_open:
            self.refresh()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar, clear every mark, give the page the keyboard back."""
        if not self.isVisible():
            return
        self.hide()
        self._clear_marks()
        self.matches, self.current, self.total = [], -1, 0
        self._show_count()
        page = self.current_page()
        if page is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def page_changed(self) -> None:
        """The analyst went somewhere: mark the matches on the page shown, without moving from there
        (F3 then goes to the first)."""
        if self.isVisible():
            self._collect()
            self._draw()
            self._show_count()

    def _selected_text(self) -> str:
        page = self.current_page()
        if page is None:
            return ""
        for view in self._views(page)[0]:
            text = view.textCursor().selectedText().strip()
            if text and "\u2029" not in text and len(text) < 200:
                return text
        return ""

    # -- finding ----------------------------------------------------------------------------
    @staticmethod
    def _views(page: QWidget) -> tuple[list[FieldView], list[QAbstractItemView]]:
        from briefing_app.gui.views.field_view import FieldView

        texts = [v for v in page.findChildren(FieldView) if v.isVisibleTo(page)]
        lists = [v for v in page.findChildren(QAbstractItemView)
                 if not isinstance(v, QHeaderView) and v.isVisibleTo(page) and v.model() is not None]
        if isinstance(page, FieldView):
            texts.insert(0, page)
        return texts, lists

    def refresh(self) -> None:
        """Find the query on the page shown and mark every match; the first one becomes current."""
        self._collect()
        if self.matches:
            self._go(0)
        else:
            self._draw()
            self._show_count()

    def _collect(self) -> None:
        self._clear_marks()
        self.matches, self.total = [], 0
        self.current = -1
        page = self.current_page()
        query = _lower(self.field.text())
        if page is None or not query.strip() or not self.isVisible():
            return
        texts, lists = self._views(page)
        color = colors(self.palette()).search
        for item_view in lists:
            fields = getattr(item_view.itemDelegate(), "find_fields", None)
            if fields is not None:
                self._marked_cards.append(item_view)
            for idx in _rows(item_view):
                if fields is not None:
                    for address, field, text in fields(idx):
                        for pos in _occurrences(_lower(text), query):
                            self.total += 1
                            if len(self.matches) < MAX_MATCHES:
                                self.matches.append(CardMatch(item_view, idx, FieldHighlight(
                                    address, field, pos, pos + len(query), color, "Found", FILL)))
                    continue
                for _pos in _occurrences(_lower(_row_text(item_view, idx)), query):
                    self.total += 1
                    if len(self.matches) < MAX_MATCHES:
                        self.matches.append(RowMatch(item_view, idx))
        for view in texts:
            if id(view) not in self._watched:
                self._watched.add(id(view))
                view.content_rebuilt.connect(self._view_rebuilt)
            for seg in view.segments():
                for pos in _occurrences(_lower(seg.text), query):
                    self.total += 1
                    if len(self.matches) < MAX_MATCHES:
                        self.matches.append(FieldMatch(view, FieldHighlight(
                            seg.address, seg.field, pos, pos + len(query), color, "Found", FILL)))
        self._marked = texts

    def _view_rebuilt(self) -> None:
        """A text view was drawn again (another source shown, the palette changed): mark it again, in place."""
        if not self.isVisible() or self._moving:
            return
        current = self.current
        self._collect()
        self.current = min(current, len(self.matches) - 1)
        self._draw()
        self._show_count()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
        if not self.matches:
            return
        if self.current < 0:
            self._go(0 if delta > 0 else len(self.matches) - 1)
        else:
            self._go((self.current + delta) % len(self.matches))

    def _go(self, i: int) -> None:
        self.current = i
        self._draw()
        m = self.matches[i]
        self._moving = True  # a row made current may redraw a text view (the source list): keep our place
        try:
            if isinstance(m, FieldMatch):
                h = m.highlight
                m.view.show_range(h.address, h.field, h.start, h.end, mark=False)
            else:  # a row, or a card's field
                m.view.setCurrentIndex(m.row)
                m.view.scrollTo(m.row, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._moving = False
        if not isinstance(m, FieldMatch) and self._marked:  # the text views may show something else now
            self._view_rebuilt_after_move()
        self._show_count()

    def _view_rebuilt_after_move(self) -> None:
        current = self.current
        self._collect()
        self.current = min(current, len(self.matches) - 1)
        self._draw()

    def _draw(self) -> None:
        """Every match in each text view's find layer; the current one in the stronger colour."""
        strong = colors(self.palette()).search_current
        by_view: dict[int, list[FieldHighlight]] = {id(v): [] for v in self._marked}
        for n, m in enumerate(self.matches):
            if isinstance(m, (FieldMatch, CardMatch)):
                h = m.highlight._replace(color=strong, tooltip="Current match") if n == self.current else m.highlight
                by_view.setdefault(id(m.view), []).append(h)
        for view in self._marked:
            marks = by_view.get(id(view), [])
            if self.current >= 0:  # drawn last, so on top of the other matches
                marks.sort(key=lambda h: h.tooltip == "Current match")
            view.set_highlight_layer(FIND_LAYER, marks)
        for item_view in self._marked_cards:
            marks = by_view.get(id(item_view), [])
            marks.sort(key=lambda h: h.tooltip == "Current match")
            item_view.itemDelegate().set_find_marks(marks)  # type: ignore[attr-defined]  # see find_fields

    def _clear_marks(self) -> None:
        for view in self._marked:
            try:
                view.set_highlight_layer(FIND_LAYER, [])
            except RuntimeError:  # the view was deleted meanwhile
                pass
        for item_view in self._marked_cards:
            try:
                item_view.itemDelegate().set_find_marks([])  # type: ignore[attr-defined]  # see find_fields
            except RuntimeError:
                pass
        self._marked, self._marked_cards = [], []

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.total:
            self.count.setText("No matches")
        else:
            shown = (f"{self.current + 1} of {self.total}" if self.current >= 0
                     else f"{self.total} match{'es' if self.total != 1 else ''}")
            self.count.setText(shown + (" (first shown)" if self.total > len(self.matches) else ""))
        self.count.setAccessibleName(self.count.text() or "No query")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    # -- keys in the field ------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)


def place_under(column: QWidget, bar: FindBar) -> None:
    """Put the find bar at the foot of `column`, the page area's column (a `QVBoxLayout` with the pages)."""
    layout = column.layout()
    if layout is None:
        raise ValueError("the find bar goes under the pages in their column's layout")
    layout.addWidget(bar)
    # Esc anywhere on the page closes the bar while it is open (and is left alone while it is not)
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), column, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    escape.setEnabled(False)
    escape.activated.connect(bar.close_bar)
    bar.visibility_changed.connect(escape.setEnabled)
