"""Annotations in the reader window: the controller put together, and `install_annotations(window)`.

`install_annotations(window)` is the one call the main window needs
(`gui/app.py` makes it once the briefing's content is on screen). It builds
an `AnnotationController` and the Annotations dock. The controller is one
`QObject` per window made of one mixin per concern, each in its own module:

* `annotation_layers` — the own layer beside the briefing, its `QLockFile`,
  autosave and save-on-close; colleagues' read-only layers; merging;
* `annotation_revision` — re-anchoring on the briefing shown, the "briefing
  has changed" notice and the undoable "Accept new positions";
* `annotation_highlights` — highlights in every `FieldView` through the
  window's `field_hub`, their tooltips, jumping to an annotation;
* `annotation_editing` — highlight keys, the editor, edit and delete (each a
  `QUndoCommand` on `window.undo_stack`), the author-name prompt;
* `annotation_actions` — actions, keys 1–6, the Annotations menu and the
  context-menu entries;
* `annotation_exports` — W3C and Markdown exports of the own layer;
* `annotation_base` — the state they share, status messages, and the lazy
  door to `core.anchoring`.

This module keeps the state and the wiring to the window; it also re-exports
the names other code imports from here.

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
from PySide6.QtWidgets import QApplication

from briefing_app.core.annotations import AnnotationLayer
from briefing_app.gui.annotations.actions import AnnotationActions
from briefing_app.gui.annotations.base import AnnotationControllerBase, element_label, field_text
from briefing_app.gui.annotations.editing import AnnotationEditing
from briefing_app.gui.annotations.exports import AnnotationExports
from briefing_app.gui.annotations.highlights import AnnotationHighlights, highlight_tooltip
from briefing_app.gui.annotations.layers import AUTOSAVE_MS, AnnotationLayers, own_layer_path
from briefing_app.gui.annotations.prefs import ask_author_name
from briefing_app.gui.annotations.revision import AnnotationRevision
from briefing_app.gui.views.field_view import FieldView

if TYPE_CHECKING:
    from briefing_app.core.annotations.anchoring import AnchorReport

__all__ = ["AnnotationController", "install_annotations", "AUTOSAVE_MS", "highlight_tooltip",
           "own_layer_path", "element_label", "field_text"]


class AnnotationController(AnnotationActions, AnnotationEditing, AnnotationExports, AnnotationLayers,
                           AnnotationRevision, AnnotationHighlights, AnnotationControllerBase, QObject):
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


def install_annotations(window) -> AnnotationController:
    """Add annotations to a reader window: menu, shortcuts, highlights, panel dock."""
    from briefing_app.gui.annotations.panel import AnnotationDock

    controller = AnnotationController(window)
    window.annotations = controller
    dock = AnnotationDock(controller, window)
    window.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    window.annotation_dock = dock
    if window.briefing is not None:  # installed after the first briefing was shown (deferred start-up)
        controller.briefing_shown(window.briefing)
    return controller
