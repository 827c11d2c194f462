"""How the analyst reaches annotations: the Annotations menu, keys 1–6, Ctrl+Shift+N/E, context menus.

Each action has a stable `objectName` (`action_highlight_<colour>`,
`action_annotate`, `menu_annotations`, …) so tests can find it. The
highlight keys are widget shortcuts added to every `FieldView`, so a bare
digit never fires while the analyst types in the search field; the
Annotations menu sits before Help in the window's own menu bar (under the
classification banner). Every entry calls one of the controller's parts
explicitly; dialogs go through the prompts service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from briefing_app.core.annotations import COLORS
from briefing_app.gui.annotations.editing import AnnotationEditing
from briefing_app.gui.annotations.exports import AnnotationExports
from briefing_app.gui.annotations.highlights import HighlightPainter
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.lazy_anchoring import element_label
from briefing_app.gui.annotations.prefs import AnnotationPreferencesDialog, color_labels
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.annotations.seams import ReaderWindow, widget_of
from briefing_app.gui.views.field_view import FieldView

if TYPE_CHECKING:
    from briefing_app.gui.views.field_view import FieldSegment

__all__ = ["AnnotationActions", "LAYER_FILTER"]

LAYER_FILTER = "Annotation layers (*.annotations.yaml);;YAML (*.yaml *.yml)"


def _menu_bar(window: ReaderWindow) -> QMenuBar:
    """The window's menu bar: the one it keeps under the classification banner, else Qt's own."""
    w = widget_of(window)
    bar = w.findChild(QMenuBar)
    if bar is None and isinstance(w, QMainWindow):
        bar = w.menuBar()
    if bar is None:
        raise RuntimeError("the reader window has no menu bar")
    return bar


def _help_menu_action(bar: QMenuBar) -> QAction | None:
    for act in bar.actions():
        if act.menu() is not None and act.text().replace("&", "") == "Help":
            return act
    return None


class AnnotationActions(QObject):
    """Builds the annotation actions and menus, and sends each to the part that does it."""

    #: The colour labels or the author's name were changed in the preferences.
    preferences_changed = Signal()

    def __init__(self, window: ReaderWindow, store: LayerStore, placement: Placement, editing: AnnotationEditing,
                 painter: HighlightPainter, exports: AnnotationExports, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.store = store
        self.placement = placement
        self.editing = editing
        self.painter = painter
        self.exports = exports
        w = widget_of(window)
        labels = color_labels()
        self.highlight_actions: list[QAction] = []
        for i, c in enumerate(COLORS, 1):
            act = QAction(f"&{i}  Highlight as {labels[c]} ({c})", w)
            act.setObjectName(f"action_highlight_{c}")
            act.setShortcut(QKeySequence(str(i)))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda _=False, c=c: self.editing.highlight_selection(c))
            self.highlight_actions.append(act)
        self.annotate_action = QAction("&Annotate\u2026", w)
        self.annotate_action.setObjectName("action_annotate")
        self.annotate_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.annotate_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.annotate_action.setToolTip("Add a note to the selection, or to the element when nothing is selected")
        self.annotate_action.triggered.connect(lambda: self.editing.annotate())
        self.annotate_element_action = QAction("Annotate Whole &Element\u2026", w)
        self.annotate_element_action.setObjectName("action_annotate_element")
        self.annotate_element_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.annotate_element_action.triggered.connect(lambda: self.editing.annotate(whole_element=True))
        self.menu = self._build_menu()
        w.addAction(self.annotate_action)
        w.addAction(self.annotate_element_action)

    # -- the Annotations menu ----------------------------------------------------------------
    def _build_menu(self) -> QMenu:
        bar = _menu_bar(self.window)
        menu = QMenu("A&nnotations", widget_of(self.window))
        help_action = _help_menu_action(bar)
        if help_action is not None:
            bar.insertMenu(help_action, menu)
        else:
            bar.addMenu(menu)
        menu.setObjectName("menu_annotations")
        for act in self.highlight_actions:
            menu.addAction(act)
        menu.addAction(self.annotate_action)
        menu.addAction(self.annotate_element_action)
        menu.addSeparator()
        self.accept_positions_action = self._add(menu, "Accept New Positions on the Changed Briefing",
                                                 "action_accept_positions", self.placement.accept_new_positions)
        self.accept_positions_action.setEnabled(False)
        menu.addSeparator()
        self._add(menu, "Open Colleague's Layer\u2026", "action_open_layer", self.open_colleague_layer)
        self._add(menu, "Merge a Layer into Mine\u2026", "action_merge_layer", self.merge_layer)
        menu.addSeparator()
        self._add(menu, "Export as W3C Web Annotations\u2026", "action_export_w3c",
                  lambda: self.exports.ask_and_export("w3c"))
        self._add(menu, "Export as Markdown\u2026", "action_export_markdown",
                  lambda: self.exports.ask_and_export("markdown"))
        menu.addSeparator()
        self._add(menu, "Annotation &Preferences\u2026", "action_annotation_prefs", self.preferences)
        return menu

    def _add(self, menu: QMenu, text: str, name: str, slot: Callable[[], object]) -> QAction:
        act = menu.addAction(text)
        act.setObjectName(name)
        act.triggered.connect(lambda _=False: slot())
        return act

    def update_state(self) -> None:
        """Enable what can be done now (after the layers or their placement changed)."""
        notice = self.placement.change_notice()
        self.accept_positions_action.setEnabled(bool(notice and notice[1]))

    def retitle(self) -> None:
        labels = color_labels()
        for i, (c, act) in enumerate(zip(COLORS, self.highlight_actions, strict=True), 1):
            act.setText(f"&{i}  Highlight as {labels[c]} ({c})")

    def preferences(self) -> bool:
        """Edit colour labels and the author's name; True when accepted (labels are retitled everywhere)."""
        if not self.editing.feedback.prompts.run(AnnotationPreferencesDialog(widget_of(self.window))):
            return False
        self.retitle()
        self.preferences_changed.emit()
        return True

    def _start_folder(self) -> str:
        return str(self.window.path.parent) if self.window.path else ""

    def open_colleague_layer(self) -> None:
        path = self.editing.feedback.prompts.open_file(widget_of(self.window), "Open a colleague's annotation layer",
                                                       self._start_folder(), LAYER_FILTER)
        if path is not None:
            self.store.add_colleague(path)

    def merge_layer(self) -> None:
        path = self.editing.feedback.prompts.open_file(widget_of(self.window), "Merge an annotation layer into yours",
                                                       self._start_folder(), LAYER_FILTER)
        if path is not None:
            self.store.merge_from(path)

    # -- field views and their context menus ------------------------------------------------
    def attach_view(self, view: FieldView) -> None:
        """Give a text view the highlight keys, Annotate, and the annotation entries of its context menu."""
        for act in self.highlight_actions:
            view.addAction(act)
        view.addAction(self.annotate_action)
        view.local_menu_hooks.append(self.extend_context_menu)

    def extend_context_menu(self, view: FieldView, seg: FieldSegment | None,
                            selection: tuple[str, str, int, int] | None, menu: QMenu) -> None:
        b = self.window.briefing
        if b is None:
            return
        menu.addSeparator()
        if selection:
            sub = menu.addMenu("Highlight")
            for act in self.highlight_actions:
                sub.addAction(act)
            menu.addAction("Annotate Selection\u2026").triggered.connect(lambda: self.editing.annotate(view))
        if seg is not None:
            act = menu.addAction(f"Annotate {element_label(b, seg.address)}\u2026")
            act.setObjectName("menu_annotate_element")
            act.triggered.connect(lambda _=False, address=seg.address: self.editing.annotate(address=address))
        own = self.store.own
        if own is not None and not own.read_only:
            for h in view.highlights_at(view.context_position):
                a = self.painter.own_annotation_at(h)
                if a is not None:
                    menu.addAction("Edit Annotation\u2026").triggered.connect(
                        lambda _=False, i=a.id: self.editing.edit(i))
                    menu.addAction("Delete Annotation").triggered.connect(
                        lambda _=False, i=a.id: self.editing.delete(i))
                    break
