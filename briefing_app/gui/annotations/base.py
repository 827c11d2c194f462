"""What every part of the annotation controller shares: its state, status messages, lazy anchoring.

`AnnotationController` is put together from one mixin per concern (layers,
revision, highlights, editing, actions, exports). This module is the common
ground they stand on, so each can be read on its own: the state they all
read (`own`, `colleagues`, `reports`, …, set up by the controller), the
status-bar and warning messages, and the door to `briefing_app.core.annotations.anchoring`,
which is imported on first use only because it pulls in rapidfuzz (start-up
must not wait for it, see tests/gui/test_startup.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QLockFile, QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from briefing_app.core.annotations import AnnotationLayer
    from briefing_app.core.annotations.anchoring import Anchor, AnchorReport
    from briefing_app.gui.views.field_view import FieldView


def _anchoring():
    """`briefing_app.core.annotations.anchoring`, imported on first use (it pulls in rapidfuzz)."""
    from briefing_app.core.annotations import anchoring

    return anchoring


def element_label(briefing, address: str) -> str:
    return _anchoring().element_label(briefing, address)


def field_text(briefing, address: str, field: str) -> str | None:
    return _anchoring().field_text(briefing, address, field)


class AnnotationControllerBase:
    """The state the controller's parts share, and how they tell the analyst things."""

    # Set up in `AnnotationController.__init__`.
    window: Any  # the reader's MainWindow (not imported: it would pull the window into this module)
    own: AnnotationLayer | None
    colleagues: list[AnnotationLayer]
    reports: dict[int, AnchorReport | None]  # None: an empty layer, nothing to place
    lock: QLockFile | None
    last_message: str
    offer_path: Path | None
    ask_author: Callable[..., str | None]
    _asked_author: bool
    _last_view: FieldView | None
    _save_timer: QTimer
    # Set up by `AnnotationActions._build_actions`.
    highlight_actions: list[QAction]
    annotate_action: QAction
    annotate_element_action: QAction
    accept_positions_action: QAction
    menu: QMenu

    if TYPE_CHECKING:  # what the parts call on one another; defined in their own modules
        def layers(self) -> list[AnnotationLayer]: ...
        def anchor_of(self, layer: AnnotationLayer, annotation_id: str) -> Anchor | None: ...
        def report(self, layer: AnnotationLayer) -> AnchorReport: ...
        def change_notice(self) -> tuple[str, bool] | None: ...
        def save_now(self, force: bool = False) -> bool: ...
        def _digest(self) -> str | None: ...
        def _layer_changed(self) -> None: ...
        def _reanchor(self, layer: AnnotationLayer) -> AnchorReport | None: ...
        def _reanchor_all(self, announce: bool = False) -> None: ...
        def _refresh(self) -> None: ...
        def _writable(self) -> AnnotationLayer | None: ...

    def _tell(self, message: str) -> None:
        self.last_message = message
        self.window.statusBar().showMessage(message, 8000)

    def _warn(self, title: str, text: str) -> None:
        self._tell(text.splitlines()[0] if text else title)
        if not QApplication.instance().property("annotations_no_dialogs"):
            QMessageBox.warning(self.window, title, text)
