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
from PySide6.QtWidgets import QApplication, QFileDialog

from briefing_app.core.annotations import (
    AnnotationLayer,
)
from briefing_app.core.atomic import write_atomic

from .annotation_actions import AnnotationActions
from .annotation_base import AnnotationControllerBase, element_label, field_text
from .annotation_editing import AnnotationEditing
from .annotation_highlights import AnnotationHighlights, highlight_tooltip
from .annotation_layers import AUTOSAVE_MS, AnnotationLayers, own_layer_path
from .annotation_prefs import (
    ask_author_name,
    color_labels,
)
from .annotation_revision import AnnotationRevision
from .field_view import FieldView

if TYPE_CHECKING:
    from briefing_app.core.anchoring import AnchorReport

__all__ = ["AnnotationController", "install_annotations", "AUTOSAVE_MS", "highlight_tooltip",
           "own_layer_path", "element_label", "field_text"]


class AnnotationController(AnnotationActions, AnnotationEditing, AnnotationLayers, AnnotationRevision, AnnotationHighlights, AnnotationControllerBase, QObject):
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
