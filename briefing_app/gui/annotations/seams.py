"""What the annotation parts use of the reader window, and where they find the prompts service.

The annotation code reaches the main window only through the members named
in `ReaderWindow` (undo stack, close guards, field views and their hub,
signals, the briefing shown, navigation, docks, status bar, prompts), so the
window can be rebuilt freely behind them and each part can be tried on a
small stand-in window in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from briefing_app.gui.dialogs.prompts import Prompts

if TYPE_CHECKING:
    from PySide6.QtCore import Qt, SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDockWidget, QStatusBar, QWidget

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.history import Place
    from briefing_app.gui.views.field_hub import FieldViewHub
    from briefing_app.gui.views.field_view import FieldView

__all__ = ["ReaderWindow", "prompts_of", "widget_of"]


class ReaderWindow(Protocol):
    """The main window as the annotation code sees it (a `QMainWindow` underneath)."""

    undo_stack: QUndoStack
    close_guards: list[Callable[[], bool]]
    field_hub: FieldViewHub
    briefing: Briefing | None
    path: Path | None
    inspector: Any  # the inspector view; `inspector.address` is the element it shows
    #: The layer files File › Export PDF offers; the controller puts in its own.
    annotation_layer_paths: Callable[[], list[Path]]

    @property
    def briefing_changed(self) -> SignalInstance: ...
    @property
    def field_view_added(self) -> SignalInstance: ...

    def field_views(self) -> list[FieldView]: ...
    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None: ...
    def go(self, place: Place) -> None: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)
    def isAncestorOf(self, child: QWidget) -> bool: ...  # noqa: N802 (Qt's name)


def widget_of(window: ReaderWindow) -> QWidget:
    """The window as a widget: the parent of the dialogs, menus and actions the parts make."""
    return cast("QWidget", window)


def prompts_of(window: ReaderWindow) -> Prompts:
    """The window's prompts service (`window.prompts`), or the real modal prompts.

    The one place that looks: until every window carries `prompts`
    (`MainWindow(..., prompts=None)`), a window without it gets the real ones.
    """
    return cast(Prompts, getattr(window, "prompts", None) or Prompts())
