"""How the analyst reaches annotations: the Annotations menu, keys 1–6, Ctrl+Shift+N/E, context menus.

The actions themselves are declared in the window's action registry
(`gui/actions.py`: `ActionName`, `create_annotation_actions`), so Help ›
Keyboard Shortcuts lists them with the others; here they are wired and
titled. Each has a stable `objectName` (`action_highlight_<colour>`,
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

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from briefing_app.core.annotations import COLORS
from briefing_app.gui.actions import HIGHLIGHT_ACTIONS, ActionName, create_annotation_actions
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
        #: the registry's annotation actions by name (gui/actions.py)
        self.registry = create_annotation_actions(w)
        self.highlight_actions: list[QAction] = [self.registry[HIGHLIGHT_ACTIONS[c]] for c in COLORS]
        for c, act in zip(COLORS, self.highlight_actions, strict=True):
            act.triggered.connect(lambda _=False, c=c: self.editing.highlight_selection(c))
        self.retitle()
        self.annotate_action = self.registry[ActionName.ANNOTATE]
        self.annotate_action.triggered.connect(lambda: self.editing.annotate())
        self.annotate_element_action = self.registry[ActionName.ANNOTATE_ELEMENT]
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
        self.accept_positions_action = self._add(menu, ActionName.ACCEPT_POSITIONS,
                                                 self.placement.accept_new_positions)
        self.accept_positions_action.setEnabled(False)
        menu.addSeparator()
        self._add(menu, ActionName.OPEN_LAYER, self.open_colleague_layer)
        self._add(menu, ActionName.MERGE_LAYER, self.merge_layer)
        menu.addSeparator()
        self._add(menu, ActionName.EXPORT_W3C, lambda: self.exports.ask_and_export("w3c"))
        self._add(menu, ActionName.EXPORT_MARKDOWN, lambda: self.exports.ask_and_export("markdown"))
        menu.addSeparator()
        self._add(menu, ActionName.ANNOTATION_PREFS, self.preferences)
        return menu

    def _add(self, menu: QMenu, name: ActionName, slot: Callable[[], object]) -> QAction:
        act = self.registry[name]
        menu.addAction(act)
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
