"""Annotations in the reader window: the controller that owns the parts, and `install_annotations(window)`.

`install_annotations(window)` is the one call the main window needs
(`gui/app.py` makes it once the briefing's content is on screen). It builds
an `AnnotationController` and the Annotations dock. The controller owns one
part per concern and wires them in `_connect_signals`, as qutebrowser's main
window owns its tab widget and status bar:

* `store` (`layers.LayerStore`) — the own layer beside the briefing, its
  `QLockFile`, autosave and save-on-close; colleagues' read-only layers; merging;
* `placement` (`revision.Placement`) — where the annotations stand on the
  briefing shown, the "briefing has changed" notice, "Accept new positions";
* `painter` (`highlights.HighlightPainter`) — highlights in every `FieldView`
  through the window's `field_hub`, jumping to an annotation;
* `editing` (`editing.AnnotationEditing`) — highlight keys, the editor, edit
  and delete (each a `QUndoCommand` on `window.undo_stack`), the author's name;
* `actions` (`actions.AnnotationActions`) — actions, keys 1–6, the
  Annotations menu and the context-menu entries;
* `exports` (`exports.AnnotationExports`) — W3C and Markdown exports;
* `feedback` (`feedback.Feedback`) — the status bar and warnings;
* `beside` (`margin.beside.NotesBesideText`) — notes in a margin beside the
  reading views, an element's notes in the Inspector, panel and text in step.

The parts call each other only through the references handed to them here
and the store's signals; the window is reached through the members listed in
`seams.ReaderWindow`, and every dialog through the window's prompts service.

Start-up: the anchoring module (and `rapidfuzz`, which it needs for fuzzy
matches) and the exporters are imported only when first needed — when a
layer has annotations to place, or the analyst annotates or exports — so a
window with no annotations never pays for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from briefing_app.core.search import annotation_entries
from briefing_app.gui.annotations.actions import AnnotationActions
from briefing_app.gui.annotations.editing import AnnotationEditing
from briefing_app.gui.annotations.exports import AnnotationExports
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.highlights import HighlightPainter
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.margin.beside import NotesBesideText
from briefing_app.gui.annotations.panel import AnnotationDock
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.annotations.seams import ReaderWindow, prompts_of, widget_of

if TYPE_CHECKING:
    from briefing_app.core.annotations import AnnotationLayer
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.search import SearchEntry

__all__ = ["AnnotationController", "install_annotations"]


class AnnotationController(QObject):
    """Owns the layers shown in one window and the parts that show and edit them."""

    #: Layers, annotations or anchors changed (the panel refreshes).
    annotations_changed = Signal()
    #: A layer was saved to disk (path).
    layer_saved = Signal(str)

    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(widget_of(window))
        self.window = window
        self.prompts = prompts_of(window)
        self.feedback = Feedback(window, self.prompts)
        self.store = LayerStore(window, self.feedback, self)
        self.placement = Placement(window, self.store, self.feedback)
        self.painter = HighlightPainter(window, self.store, self.placement, self.feedback)
        self.editing = AnnotationEditing(window, self.store, self.feedback)
        self.exports = AnnotationExports(window, self.store, self.placement, self.feedback)
        self.actions = AnnotationActions(window, self.store, self.placement, self.editing, self.painter,
                                         self.exports, self)
        self.beside = NotesBesideText(window, self.store, self.placement, self.editing, self.painter, self)
        #: The Annotations dock (set by `install_annotations`).
        self.dock: AnnotationDock | None = None
        self._connect_signals()
        for view in window.field_views():
            self.actions.attach_view(view)
            self.beside.attach_view(view)

    def _connect_signals(self) -> None:
        w = self.window
        w.briefing_changed.connect(self.store.show)
        w.field_view_added.connect(self.actions.attach_view)
        w.field_view_added.connect(self.beside.attach_view)
        w.close_guards.append(self.store.before_close)
        # the layers File › Export PDF offers (the window's seam for them)
        w.annotation_layer_paths = self.store.layer_paths
        self.store.reset.connect(self._layers_reset)
        self.store.edited.connect(self._layer_changed)
        self.store.colleague_opened.connect(self._layer_changed)
        self.store.saved.connect(self.layer_saved)
        self.actions.preferences_changed.connect(self.refresh)
        set_search = getattr(w, "set_annotation_search", None)
        if set_search is not None:  # the reader window's global search finds notes and tags
            set_search(self.search_entries, self.show_annotation)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- what the parts say -------------------------------------------------------------
    def _layers_reset(self, announce: bool) -> None:
        self.placement.reanchor_all(announce)
        self.refresh()

    def _layer_changed(self, layer: AnnotationLayer) -> None:
        self.placement.reanchor(layer)
        self.refresh()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.editing.note_focus(new)

    def refresh(self) -> None:
        """Draw the highlights again and tell the panel and the menu."""
        self.painter.refresh()
        self.beside.refresh()
        self.actions.update_state()
        self.annotations_changed.emit()

    # -- for the panel and tests ------------------------------------------------------------
    @property
    def own(self) -> AnnotationLayer | None:
        return self.store.own

    @property
    def last_message(self) -> str:
        return self.feedback.last_message

    def layers(self) -> list[AnnotationLayer]:
        return self.store.layers()

    def search_entries(self) -> list[SearchEntry]:
        """Every layer's notes and tags as search entries (read-only: the global search reads them)."""
        b = self.window.briefing
        return annotation_entries(self.store.layers(), b) if b is not None else []

    def show_annotation(self, layer_number: int, annotation_id: str) -> bool:
        """Jump to an annotation (layer numbered as in `search_entries`) and select it in the panel."""
        layers = self.store.layers()
        if not 0 <= layer_number < len(layers):
            return False
        layer = layers[layer_number]
        self.painter.jump_to(layer, annotation_id)
        if self.dock is None:
            return True
        panel = self.dock.panel
        for proxy, table in ((panel.proxy, panel.table), (panel.orphan_proxy, panel.orphan_table)):
            for row in range(proxy.rowCount()):
                idx = proxy.index(row, 0)
                item = panel.model.row_at(proxy.mapToSource(idx))
                if item is not None and item[0] is layer and item[1].id == annotation_id:
                    table.setCurrentIndex(idx)
                    table.scrollTo(idx)
                    return True
        return True

    def briefing_shown(self, briefing: Briefing) -> None:
        self.store.show(briefing)


def install_annotations(window: Any) -> AnnotationController:
    """Add annotations to a reader window: menu, shortcuts, highlights, panel dock. Returns the controller,
    whose `dock` is the Annotations dock."""
    controller = AnnotationController(window)
    dock = AnnotationDock(controller, widget_of(window))
    controller.dock = dock
    controller.beside.connect_panel(dock.panel)
    window.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    if window.briefing is not None:  # installed after the first briefing was shown (deferred start-up)
        controller.briefing_shown(window.briefing)
    return controller
