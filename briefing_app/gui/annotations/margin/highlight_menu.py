"""The highlight's own context-menu entries: change its colour, as one undoable edit.

Added to every text view's context menu (a `FieldView.local_menu_hooks`
entry) when the right-click falls on one of the analyst's own highlights;
the change is an `EditAnnotation` on the window's undo stack, so Ctrl+Z puts
the old colour back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QPixmap

from briefing_app.core.annotations import COLORS
from briefing_app.gui.annotations.highlights import HighlightPainter
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.prefs import color_labels, highlight_color
from briefing_app.gui.annotations.seams import ReaderWindow
from briefing_app.gui.annotations.undo import EditAnnotation

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from briefing_app.gui.views.field_view import FieldSegment, FieldView

__all__ = ["HighlightMenu"]


def _swatch(color: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(highlight_color(color, 255))
    return QIcon(pix)


class HighlightMenu:
    """Adds "Highlight Colour ›" to the context menu of the analyst's own highlight under the mouse."""

    def __init__(self, window: ReaderWindow, store: LayerStore, painter: HighlightPainter) -> None:
        self.window, self.store, self.painter = window, store, painter

    def extend(self, view: FieldView, _seg: FieldSegment | None, _selection: tuple[str, str, int, int] | None,
               menu: QMenu) -> None:
        own = self.store.own
        if own is None or own.read_only:
            return
        for h in view.highlights_at(view.context_position):
            a = self.painter.own_annotation_at(h)
            if a is None or a.color is None:
                continue
            sub = menu.addMenu("Highlight &Colour")
            sub.setObjectName("menu_highlight_colour")
            labels = color_labels()
            for c in COLORS:
                act = QAction(_swatch(c), f"{labels[c]} ({c})", sub)
                act.setObjectName(f"action_recolour_{c}")
                act.setCheckable(True)
                act.setChecked(c == a.color)
                act.triggered.connect(lambda _=False, i=a.id, c=c: self.recolour(i, c))
                sub.addAction(act)
            return

    def recolour(self, annotation_id: str, color: str) -> bool:
        """Give one of the analyst's highlights another colour (undoable); False when nothing changed."""
        layer = self.store.writable()
        a = layer.get(annotation_id) if layer is not None else None
        if layer is None or a is None or a.color == color:
            return False
        label = color_labels().get(color, color)
        self.window.undo_stack.push(EditAnnotation(layer, a.edited(color=color), f"Colour highlight \u201c{label}\u201d"))
        return True
