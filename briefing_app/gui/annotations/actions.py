"""How the analyst reaches annotations: the Annotations menu, keys 1–6, Ctrl+Shift+N/E, context menus.

Each action has a stable `objectName` (`action_highlight_<colour>`,
`action_annotate`, `menu_annotations`, …) so tests can find it. The
highlight keys are widget shortcuts added to every `FieldView`, so a bare
digit never fires while the analyst types in the search field; the
Annotations menu sits before Help in the window's own menu bar (under the
classification banner).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from briefing_app.core.annotations import COLORS
from briefing_app.gui.annotations.base import AnnotationControllerBase, element_label
from briefing_app.gui.annotations.prefs import AnnotationPreferencesDialog, color_labels
from briefing_app.gui.views.field_view import FieldView

if TYPE_CHECKING:
    from briefing_app.core.annotations import Annotation, AnnotationLayer
    from briefing_app.gui.views.field_view import FieldHighlight


class AnnotationActions(AnnotationControllerBase):
    """Builds the annotation actions and menus and connects them to the controller's slots."""

    if TYPE_CHECKING:  # the slots, defined in the other parts of the controller
        def annotate(self, view: FieldView | None = None, whole_element: bool = False) -> Annotation | None: ...
        def highlight_selection(self, color: str, view: FieldView | None = None,
                                note: str = "") -> Annotation | None: ...
        def _element_under(self, view: FieldView | None) -> str | None: ...
        def edit(self, annotation_id: str) -> bool: ...
        def delete(self, annotation_id: str) -> bool: ...
        def accept_new_positions(self) -> int: ...
        def add_colleague_layer(self, path: Path) -> AnnotationLayer | None: ...
        def merge_from(self, path: Path) -> int: ...
        def _export_dialog(self, fmt: str) -> None: ...
        def _own_annotation_at(self, h: FieldHighlight) -> Annotation | None: ...

    # -- actions and the Annotations menu ------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        labels = color_labels()
        self.highlight_actions: list[QAction] = []
        for i, c in enumerate(COLORS, 1):
            act = QAction(f"&{i}  Highlight as {labels[c]} ({c})", w)
            act.setObjectName(f"action_highlight_{c}")
            act.setShortcut(QKeySequence(str(i)))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda _=False, c=c: self.highlight_selection(c))
            self.highlight_actions.append(act)
        self.annotate_action = QAction("&Annotate\u2026", w)
        self.annotate_action.setObjectName("action_annotate")
        self.annotate_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.annotate_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.annotate_action.setToolTip("Add a note to the selection, or to the element when nothing is selected")
        self.annotate_action.triggered.connect(lambda: self.annotate())
        self.annotate_element_action = QAction("Annotate Whole &Element\u2026", w)
        self.annotate_element_action.setObjectName("action_annotate_element")
        self.annotate_element_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.annotate_element_action.triggered.connect(lambda: self.annotate(whole_element=True))
        # The window keeps its menu bar under the classification banner (`menu_bar`);
        # `menuBar()` would replace that widget, so use it only as a fallback.
        bar = getattr(w, "menu_bar", None) or w.menuBar()
        menu = QMenu("A&nnotations", w)
        help_menu = getattr(w, "menus", {}).get("Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        menu.setObjectName("menu_annotations")
        self.menu = menu
        for act in self.highlight_actions:
            menu.addAction(act)
        menu.addAction(self.annotate_action)
        menu.addAction(self.annotate_element_action)
        menu.addSeparator()
        self.accept_positions_action = self._add(menu, "Accept New Positions on the Changed Briefing",
                                                 "action_accept_positions", self.accept_new_positions)
        self.accept_positions_action.setEnabled(False)
        menu.addSeparator()
        self._add(menu, "Open Colleague's Layer\u2026", "action_open_layer", self._open_colleague_dialog)
        self._add(menu, "Merge a Layer into Mine\u2026", "action_merge_layer", self._merge_dialog)
        menu.addSeparator()
        self._add(menu, "Export as W3C Web Annotations\u2026", "action_export_w3c", lambda: self._export_dialog("w3c"))
        self._add(menu, "Export as Markdown\u2026", "action_export_markdown", lambda: self._export_dialog("markdown"))
        menu.addSeparator()
        self._add(menu, "Annotation &Preferences\u2026", "action_annotation_prefs", self.preferences)
        w.addAction(self.annotate_action)
        w.addAction(self.annotate_element_action)

    def _add(self, menu: QMenu, text: str, name: str, slot) -> QAction:
        act = menu.addAction(text)
        act.setObjectName(name)
        act.triggered.connect(slot)
        return act

    def retitle_actions(self) -> None:
        labels = color_labels()
        for i, (c, act) in enumerate(zip(COLORS, self.highlight_actions, strict=True), 1):
            act.setText(f"&{i}  Highlight as {labels[c]} ({c})")

    def preferences(self) -> None:
        if AnnotationPreferencesDialog(self.window).exec():
            self.retitle_actions()
            self._refresh()

    def _open_colleague_dialog(self) -> None:
        start = str(self.window.path.parent) if self.window.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Open a colleague's annotation layer", start,
                                              "Annotation layers (*.annotations.yaml);;YAML (*.yaml *.yml)")
        if name:
            self.add_colleague_layer(Path(name))

    def _merge_dialog(self) -> None:
        start = str(self.window.path.parent) if self.window.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Merge an annotation layer into yours", start,
                                              "Annotation layers (*.annotations.yaml);;YAML (*.yaml *.yml)")
        if name:
            self.merge_from(Path(name))

    # -- field views and their context menus ------------------------------------------------
    def _attach_view(self, view: FieldView) -> None:
        for act in self.highlight_actions:
            view.addAction(act)
        view.addAction(self.annotate_action)

    def _focus_changed(self, _old, new) -> None:
        w = new
        while w is not None and not isinstance(w, FieldView):
            w = w.parentWidget()
        if isinstance(w, FieldView) and self.window.isAncestorOf(w):
            self._last_view = w

    def _context_menu(self, view: FieldView, seg, selection, menu: QMenu) -> None:
        if self.window.briefing is None:
            return
        menu.addSeparator()
        if selection:
            sub = menu.addMenu("Highlight")
            for act in self.highlight_actions:
                sub.addAction(act)
            act = menu.addAction("Annotate Selection\u2026")
            act.triggered.connect(lambda: self.annotate(view))
        if seg is not None:
            act = menu.addAction(f"Annotate {element_label(self.window.briefing, seg.address)}\u2026")
            act.setObjectName("menu_annotate_element")
            act.triggered.connect(lambda: self._annotate_address(seg.address))
        pos = view.cursorForPosition(view.viewport().mapFromGlobal(QCursor.pos())).position()
        if self.own is not None and not self.own.read_only:
            for h in view.highlights_at(pos):
                a = self._own_annotation_at(h)
                if a is not None:
                    menu.addAction("Edit Annotation\u2026").triggered.connect(lambda _=False, i=a.id: self.edit(i))
                    menu.addAction("Delete Annotation").triggered.connect(lambda _=False, i=a.id: self.delete(i))
                    break

    def _annotate_address(self, address: str) -> None:
        saved = self._element_under
        self._element_under = lambda _v: address  # type: ignore[method-assign]
        try:
            self.annotate(whole_element=True)
        finally:
            self._element_under = saved  # type: ignore[method-assign]
