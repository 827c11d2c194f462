"""Annotations in the reader window: layers, autosave, lock, highlights, actions.

`install_annotations(window)` is the one call the main window needs. It
opens the analyst's own layer beside the briefing (`<stem>.annotations.yaml`)
when a briefing is shown, holding a `QLockFile` so a second instance opens
it read-only and says so; colleagues' layers open read-only with their
names. Every change goes through a `QUndoCommand` on `window.undo_stack`
and is saved atomically (`write_atomic`: temp file, fsync, rename) within
about a second, so a crash loses at most that second. Highlights are drawn
in every `FieldView` through the window's `FieldViewHub`.

Start-up: the anchoring module (and `rapidfuzz`, which it needs for fuzzy
matches) and the exporters are imported only when first needed — when a
layer has annotations to place, or the analyst annotates or exports — so a
window with no annotations never pays for them.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from briefing_app.core.annotations import (
    COLORS,
    AnnotationLayer,
)
from briefing_app.core.atomic import write_atomic

from .annotation_base import AnnotationControllerBase, element_label, field_text
from .annotation_editing import AnnotationEditing
from .annotation_highlights import AnnotationHighlights, highlight_tooltip
from .annotation_layers import AUTOSAVE_MS, AnnotationLayers, own_layer_path
from .annotation_prefs import (
    AnnotationPreferencesDialog,
    ask_author_name,
    color_labels,
)
from .annotation_revision import AnnotationRevision
from .field_view import FieldView

if TYPE_CHECKING:
    from briefing_app.core.anchoring import AnchorReport

__all__ = ["AnnotationController", "install_annotations", "AUTOSAVE_MS", "highlight_tooltip",
           "own_layer_path", "element_label", "field_text"]


class AnnotationController(AnnotationEditing, AnnotationLayers, AnnotationRevision, AnnotationHighlights, AnnotationControllerBase, QObject):
    """Owns the layers shown in one window and everything that edits them."""

    #: Layers, annotations or anchors changed (the panel refreshes).
    annotations_changed = Signal()
    #: A layer was saved to disk (path).
    layer_saved = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.own: AnnotationLayer | None = None
        self.colleagues: list[AnnotationLayer] = []
        self.reports: dict[int, AnchorReport | None] = {}  # None: an empty layer, nothing to place
        self.lock: QLockFile | None = None
        self.last_message = ""
        self.offer_path: Path | None = None
        #: Asks for the analyst's name: (parent, prefill) -> name or None. Tests replace it.
        self.ask_author = ask_author_name
        self._asked_author = False
        self._last_view: FieldView | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._build_actions()
        window.briefing_changed.connect(self.briefing_shown)
        if hasattr(window, "field_view_added"):
            window.field_view_added.connect(self._attach_view)
        window.close_guards.append(self._before_close)
        window.annotation_layer_paths = self.layer_paths
        ref = weakref.ref(self)

        def hook(view, seg, selection, menu, _ref=ref):
            me = _ref()
            if me is not None and me.window.isAncestorOf(view):
                me._context_menu(view, seg, selection, menu)

        self._hook = hook
        FieldView.context_menu_hooks.append(hook)
        window.destroyed.connect(lambda *_: FieldView.context_menu_hooks.remove(hook)
                                 if hook in FieldView.context_menu_hooks else None)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        for view in window.field_views():
            self._attach_view(view)

    # -- layers -----------------------------------------------------------------
    # -- anchoring ----------------------------------------------------------------
    # -- saving ---------------------------------------------------------------------
    # -- highlights -------------------------------------------------------------------
    # -- editing ------------------------------------------------------------------------
    # -- jumping ---------------------------------------------------------------------------
    # -- UI wiring ---------------------------------------------------------------------------
    def _focus_changed(self, _old, new) -> None:
        w = new
        while w is not None and not isinstance(w, FieldView):
            w = w.parentWidget()
        if isinstance(w, FieldView) and self.window.isAncestorOf(w):
            self._last_view = w

    def _attach_view(self, view: FieldView) -> None:
        for act in self.highlight_actions:
            view.addAction(act)
        view.addAction(self.annotate_action)

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

    def _export_dialog(self, fmt: str) -> None:
        if self.own is None or self.window.briefing is None:
            return
        base = self.own.path.with_suffix("") if self.own.path else Path("annotations")
        suffix, filt = (".json", "JSON-LD (*.json *.jsonld)") if fmt == "w3c" else (".md", "Markdown (*.md)")
        name, _ = QFileDialog.getSaveFileName(self.window, "Export annotations", str(base) + suffix, filt)
        if name:
            self.export(Path(name), fmt)

    def export(self, path: Path, fmt: str) -> None:
        layer, b = self.own, self.window.briefing
        if layer is None or b is None:
            return
        from briefing_app.core.annotation_export import to_markdown, w3c_bytes

        labels = color_labels()
        data = w3c_bytes(layer, labels) if fmt == "w3c" else to_markdown(layer, b, self.report(layer), labels).encode()
        write_atomic(path, data)
        self._tell(f"Exported {len(layer)} annotations to {path.name}.")


def install_annotations(window) -> AnnotationController:
    """Add annotations to a reader window: menu, shortcuts, highlights, panel dock."""
    from .annotation_panel import AnnotationDock

    controller = AnnotationController(window)
    window.annotations = controller
    dock = AnnotationDock(controller, window)
    window.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    window.annotation_dock = dock
    if window.briefing is not None:  # installed after the first briefing was shown (deferred start-up)
        controller.briefing_shown(window.briefing)
    return controller
