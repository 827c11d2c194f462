"""The Annotations dock: every annotation of every open layer, filterable, with Orphans apart.

A table model over (layer, annotation, anchor) rows with named roles, a
`QSortFilterProxyModel` for the filters (colour, tag, author, confidence,
text, "changed") and a second proxy for the Orphans section. Activating a row
jumps to the place (recorded in the window's history); Delete removes the
analyst's own annotation (undoable).

At the dock's default width the table shows Label, Annotation and Status:
the Annotation cell is two lines (the excerpt; then note, tags, confidence
and author in smaller type), drawn by `TwoLineDelegate`. Note, Tags,
Confidence and Author are also columns of their own, hidden by default and
shown from the header's context menu.

When the briefing changed since the layer was made, a notice above the table
says how the annotations fared and offers [Review] (show only those not in
place) and [Accept new positions] (an undoable command in the controller).
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.annotations import COLORS, CONFIDENCE_LEVELS, Annotation, AnnotationLayer
from briefing_app.core.annotations.text import note_plain_text, wrap_plain
from briefing_app.gui.annotations.lazy_anchoring import element_label, field_text
from briefing_app.gui.annotations.prefs import color_labels, highlight_color, ink_for
from briefing_app.gui.annotations.widgets import DETAILS_ROLE, ChangeNotice, OrphanNotice, TwoLineDelegate
from briefing_app.gui.theme import colors

if TYPE_CHECKING:
    from briefing_app.gui.annotations.controller import AnnotationController

__all__ = ["AnnotationModel", "AnnotationFilter", "AnnotationPanel", "AnnotationDock", "Role", "COLUMNS",
           "DEFAULT_VISIBLE"]

COLUMNS = ("Label", "Annotation", "Note", "Tags", "Confidence", "Author", "Status")
#: Columns shown at the dock's default width; the others come from the header's context menu.
DEFAULT_VISIBLE = (0, 1, 6)
_Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    COLOR = Qt.ItemDataRole.UserRole + 2
    TAGS = Qt.ItemDataRole.UserRole + 3
    AUTHOR = Qt.ItemDataRole.UserRole + 4
    CONFIDENCE = Qt.ItemDataRole.UserRole + 5
    STATUS = Qt.ItemDataRole.UserRole + 6
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 7
    LAYER = Qt.ItemDataRole.UserRole + 8
    #: The Annotation cell's second line: note (plain), tags, confidence, author.
    DETAILS = DETAILS_ROLE


class AnnotationModel(QAbstractTableModel):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rows: list[tuple[AnnotationLayer, Annotation]] = []
        controller.annotations_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = [(la, a) for la in self.controller.layers() for a in la]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def _text_now(self, a: Annotation, x) -> str | None:
        """The text the annotation is drawn on now (None for whole elements and orphans)."""
        b = self.controller.window.briefing
        if b is None or x is None or not x.placed or x.field is None or x.start is None:
            return None
        text = field_text(b, a.target, x.field)
        return text[x.start:x.end] if text is not None else None

    def row_at(self, index: _Index) -> tuple[AnnotationLayer, Annotation] | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index)
        if item is None:
            return None
        layer, a = item
        x = self.controller.placement.anchor_of(layer, a.id)
        status = x.describe() if x else "exact"
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return color_labels().get(a.color, a.color) if a.color else "note"
            if col == 1:
                b = self.controller.window.briefing
                where = element_label(b, a.target) if b else a.target
                return " ".join(a.excerpt.split()) if a.excerpt else f"[{where}]"
            if col == 2:
                return note_plain_text(a.note, one_line=True)
            if col == 3:
                return ", ".join(a.tags)
            if col == 4:
                return a.confidence or ""
            if col == 5:
                return a.author or layer.author
            if col == 6:
                return status if layer is self.controller.own else f"{status} \u00b7 {layer.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # plain text only: nothing on the first line Qt could take for rich text
            b = self.controller.window.briefing
            head = element_label(b, a.target) if b is not None and b.element(a.target) is not None else a.target
            tip = [head.replace("<", "\u2039").replace("&", "+")]
            if a.excerpt:
                tip.append(wrap_plain("\u201c" + " ".join(a.excerpt.split()) + "\u201d", max_lines=4))
            note = note_plain_text(a.note)
            if note:
                tip.append(wrap_plain(note, max_lines=20))
            if a.tags:
                tip.append("Tags: " + ", ".join(a.tags))
            if a.confidence:
                tip.append(f"Confidence: {a.confidence}")
            author = a.author or layer.author
            if author:
                tip.append(f"Author: {author}")
            tip.append(wrap_plain(x.explain() if x else "In place.", max_lines=6))
            now = self._text_now(a, x)
            if now is not None and x is not None and x.status == "fuzzy":
                tip.append(wrap_plain("Now reads: \u201c" + " ".join(now.split()) + "\u201d", max_lines=4))
            if layer.read_only:
                tip.append(layer.read_only_reason or "")
            return "\n".join(tip)
        if role == Role.DETAILS:
            parts = []
            if x is not None and x.status == "orphaned":
                parts.append("\u26a0 " + x.reason)
            note = note_plain_text(a.note, one_line=True)
            if note:
                parts.append(note)
            if a.tags:
                parts.append("#" + " #".join(a.tags))
            if a.confidence:
                parts.append(f"{a.confidence} confidence")
            author = a.author or layer.author
            if author:
                parts.append(author)
            return " \u00b7 ".join(parts)
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and a.color:
            return highlight_color(a.color, 255)
        if role == Qt.ItemDataRole.ForegroundRole and layer is not self.controller.own:
            return QBrush(colors().secondary)  # dimmed, still readable (WCAG AA)
        if role == Role.ID:
            return a.id
        if role == Role.COLOR:
            return a.color or ""
        if role == Role.TAGS:
            return list(a.tags)
        if role == Role.AUTHOR:
            return a.author or layer.author
        if role == Role.CONFIDENCE:
            return a.confidence or ""
        if role == Role.STATUS:
            return x.status if x else "exact"
        if role == Qt.ItemDataRole.FontRole and col == 6 and x is not None and x.status != "exact":
            f = QFont()
            f.setItalic(x.status == "fuzzy")
            f.setBold(x.status == "orphaned")
            return f
        if role == Role.SEARCH_TEXT:
            return "\n".join((a.excerpt, a.note, " ".join(a.tags), a.target)).casefold()
        if role == Role.LAYER:
            return layer.name
        return None


class AnnotationFilter(QSortFilterProxyModel):
    """Filters by colour, tag, author, confidence, free text, and orphan status."""

    def __init__(self, orphans: bool | None = False, parent=None) -> None:
        super().__init__(parent)
        self.orphans = orphans  # True: only orphans; False: only placed; None: both
        self.color = self.tag = self.author = self.confidence = self.text = ""
        self.changed_only = False  # [Review]: only annotations not exactly in place

    def _refilter(self, change) -> None:
        # Qt 6.10 deprecates invalidateFilter() for begin/endFilterChange()
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def set_filter(self, **kw: str) -> None:
        def change() -> None:
            for k, v in kw.items():
                setattr(self, k, v or "")
        self._refilter(change)

    def set_changed_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "changed_only", on))

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:  # noqa: N802
        idx = self.sourceModel().index(row, 0, parent)
        status = idx.data(Role.STATUS)
        if self.orphans is not None and (status == "orphaned") != self.orphans:
            return False
        if self.changed_only and status == "exact":
            return False
        if self.color and idx.data(Role.COLOR) != self.color:
            return False
        if self.tag and self.tag not in idx.data(Role.TAGS):
            return False
        if self.author and idx.data(Role.AUTHOR) != self.author:
            return False
        if self.confidence and idx.data(Role.CONFIDENCE) != self.confidence:
            return False
        return not self.text or self.text.casefold() in idx.data(Role.SEARCH_TEXT)


class AnnotationPanel(QWidget):
    #: The analyst chose an annotation in the table (its id): the text marks its card and glyph.
    annotation_chosen = Signal(str)

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = AnnotationModel(controller, self)
        self.proxy = AnnotationFilter(False, self)
        self.proxy.setSourceModel(self.model)
        self.orphan_proxy = AnnotationFilter(True, self)
        self.orphan_proxy.setSourceModel(self.model)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.orphan_notice = OrphanNotice(self)
        self.orphan_notice.review.clicked.connect(self.review_orphans)
        self.orphan_notice.hide()
        box.addWidget(self.orphan_notice)
        self.legend = QLabel()
        self.legend.setObjectName("annotation_legend")
        self.legend.setWordWrap(True)
        box.addWidget(self.legend)
        self.status = QLabel()
        self.status.setObjectName("annotation_layer_status")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.notice = ChangeNotice(self)
        self.notice.review.toggled.connect(self._review)
        self.notice.accept.clicked.connect(controller.placement.accept_new_positions)
        self.notice.hide()
        box.addWidget(self.notice)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("annotation_filter_text")
        self.search.setPlaceholderText("Filter annotations\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._set(text=t))
        box.addWidget(self.search)
        self.color_box = self._combo("annotation_filter_color", "any colour", lambda v: self._set(color=v))
        self.tag_box = self._combo("annotation_filter_tag", "any tag", lambda v: self._set(tag=v))
        self.author_box = self._combo("annotation_filter_author", "any author", lambda v: self._set(author=v))
        self.conf_box = self._combo("annotation_filter_confidence", "any confidence", lambda v: self._set(confidence=v))
        for lvl in CONFIDENCE_LEVELS:
            self.conf_box.addItem(lvl, lvl)
        for w in (self.color_box, self.tag_box, self.author_box, self.conf_box):
            row.addWidget(w, 1)
        box.addLayout(row)
        split = self.split = QSplitter(Qt.Orientation.Vertical)
        self.table = self._table(self.proxy, "annotation_table")
        self.orphan_table = self._table(self.orphan_proxy, "annotation_orphans")
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.orphan_label = QLabel()
        self.orphan_label.setObjectName("annotation_orphans_label")
        bl.addWidget(self.orphan_label)
        bl.addWidget(self.orphan_table)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        controller.annotations_changed.connect(self._changed)
        self._changed()

    def _combo(self, name: str, any_text: str, slot) -> QComboBox:
        c = QComboBox()
        c.setObjectName(name)
        c.addItem(any_text, "")
        c.currentIndexChanged.connect(lambda _i, c=c: slot(c.currentData()))
        return c

    def _table(self, model, name: str) -> QTableView:
        t = QTableView()
        t.setObjectName(name)
        t.setModel(model)
        t.setSortingEnabled(True)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(False)
        t.setItemDelegateForColumn(1, TwoLineDelegate(t))
        v = t.verticalHeader()
        v.hide()
        v.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.setDefaultSectionSize(t.fontMetrics().height() * 2 + 10)
        h = t.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        for col, width in enumerate((112, 220, 180, 110, 90, 100, 96)):
            t.setColumnWidth(col, width)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in range(len(COLUMNS)):
            t.setColumnHidden(col, col not in DEFAULT_VISIBLE)
        h.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        h.customContextMenuRequested.connect(lambda pos, tb=t: self._header_menu(tb, pos))
        h.setToolTip("Right-click to show or hide columns")
        t.activated.connect(lambda idx, m=model: self._jump(m, idx))
        t.clicked.connect(lambda idx, m=model: self._jump(m, idx))
        t.doubleClicked.connect(lambda idx, m=model: self._edit(m, idx))
        sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), t)
        sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        sc.activated.connect(lambda tb=t: self._delete(tb))
        return t

    def _header_menu(self, table: QTableView, pos) -> None:
        menu = QMenu(table)
        menu.setObjectName("annotation_columns_menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for col, name in enumerate(COLUMNS):
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(not table.isColumnHidden(col))
            act.setEnabled(col != 1)  # the Annotation column always shows
            act.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))
        menu.popup(table.horizontalHeader().mapToGlobal(pos))

    def set_column_visible(self, column: int, visible: bool) -> None:
        for t in (self.table, self.orphan_table):
            t.setColumnHidden(column, not visible)

    def _review(self, on: bool) -> None:
        self.proxy.set_changed_only(on)
        self.notice.review.setText("Show &all" if on else "&Review")

    def _row(self, model, idx):
        return self.model.row_at(model.mapToSource(idx))

    def _jump(self, model, idx) -> None:
        item = self._row(model, idx)
        if item:
            self.annotation_chosen.emit(item[1].id)
            self.controller.painter.jump_to(item[0], item[1].id)

    def select_annotation(self, annotation_id: str) -> bool:
        """Select an annotation's row (in the table, else among the orphans) without jumping to it."""
        row = next((i for i, (_la, a) in enumerate(self.model.rows) if a.id == annotation_id), -1)
        if row < 0:
            return False
        source = self.model.index(row, 1)
        for table, proxy in ((self.table, self.proxy), (self.orphan_table, self.orphan_proxy)):
            idx = proxy.mapFromSource(source)
            if idx.isValid():
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                table.selectionModel().setCurrentIndex(idx, flags)
                table.scrollTo(idx)
                return True
        return False

    def review_orphans(self) -> None:
        """[Review] on the orphans notice: give the orphans room, select the first, put the keyboard there."""
        sizes = self.split.sizes()
        total = sum(sizes) or 1
        self.split.setSizes([total // 2, total - total // 2])
        if self.orphan_proxy.rowCount():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.orphan_table.selectionModel().setCurrentIndex(self.orphan_proxy.index(0, 1), flags)
        self.orphan_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edit(self, model, idx) -> None:
        item = self._row(model, idx)
        if item and item[0] is self.controller.own:
            self.controller.editing.edit(item[1].id)

    def _delete(self, table: QTableView) -> None:
        for idx in table.selectionModel().selectedRows():
            item = self._row(table.model(), idx)
            if item and item[0] is self.controller.own:
                self.controller.editing.delete(item[1].id)

    def _set(self, **kw: str) -> None:
        self.proxy.set_filter(**kw)
        self.orphan_proxy.set_filter(**kw)

    def _refill(self, box: QComboBox, values: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, data in values:
            box.addItem(text, data)
        i = box.findData(current)
        box.setCurrentIndex(max(0, i))
        box.blockSignals(False)
        if i < 0 and current:
            box.currentIndexChanged.emit(0)

    def _changed(self) -> None:
        c = self.controller
        labels = color_labels()
        self.legend.setText("  ".join(
            f"<span style='background:{highlight_color(col, 255).name()}; "
            f"color:{ink_for(highlight_color(col, 255))}'>&nbsp;{i}&nbsp;</span> {html.escape(labels[col])}"
            for i, col in enumerate(COLORS, 1)))
        self._refill(self.color_box, [(f"{labels[col]} ({col})", col) for col in COLORS])
        self._refill(self.tag_box, [(t, t) for t in c.editing.tags_in_use()])
        authors = sorted({(a.author or la.author) for la in c.layers() for a in la} - {""}, key=str.casefold)
        self._refill(self.author_box, [(a, a) for a in authors])
        parts = []
        if c.own is not None:
            n = len(c.own)
            parts.append(f"Your layer: {n} annotation{'s' if n != 1 else ''}"
                         + (f" \u2014 <b>read-only</b>: {c.own.read_only_reason}" if c.own.read_only else
                            (f" \u2014 saved in {c.own.path.name}" if c.own.path else "")))
        for la in c.store.colleagues:
            parts.append(f"{la.name}: {len(la)} (read-only)")
        self.status.setText("<br>".join(parts))
        notice = c.placement.change_notice()
        if notice is None:
            self.notice.hide()
            if self.notice.review.isChecked():
                self.notice.review.setChecked(False)
        else:
            self.notice.text.setText(notice[0])
            self.notice.accept.setEnabled(notice[1])
            self.notice.show()
        n = self.orphan_proxy.rowCount()
        self.orphan_notice.set_count(n)
        self.orphan_label.setText(f"<b>Orphans ({n})</b> \u2014 no longer fit the briefing; kept unchanged"
                                  if n else "Orphans (0)")


class AnnotationDock(QDockWidget):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("dock_annotations")
        self.panel = AnnotationPanel(controller, self)
        self.setWidget(self.panel)
        # the dock shares the right-hand area with the Inspector: on a narrow window it gives way
        # (its filters squeeze) rather than hold the area at the width of its filter row
        self.panel.setMinimumWidth(300)
        # the tab says so too, when the Inspector is in front: "Annotations · ⚠ 1 orphan"
        controller.annotations_changed.connect(self._retitle)
        self._retitle()
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)

    def _retitle(self) -> None:
        n = self.panel.orphan_proxy.rowCount()
        self.setWindowTitle(f"Annotations \u00b7 \u26a0 {n} orphan{'s' if n != 1 else ''}" if n else "Annotations")
