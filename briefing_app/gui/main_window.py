"""The reader's main window: navigator, section pages, inspector, history, files.

`MainWindow` is composed of one part per concern, each in its own module:
`WindowChrome` (gui/window_chrome.py: banners, menus, toolbar, docks, status
bar), `LazyPages` (gui/lazy_pages.py: section pages and the inspector, built
on first use), `Navigation` (gui/navigation.py: places, Back/Forward, links,
the search field), `FileHandling` (gui/file_handling.py: open, recent files,
drag and drop, loading, reload on change) and `LayoutSettings`
(gui/layout_settings.py: saved geometry, docks, splitters, columns). This
module holds the window's state and signals, wires the actions, and keeps the
seams below.

How annotations (issue 4) plug in:

* **Undo** — the window owns one `QUndoStack`, `self.undo_stack`; Edit ›
  Undo/Redo (Ctrl+Z / Ctrl+Shift+Z) are made from it. Push `QUndoCommand`s
  on it; the title's `[*]` and the "Unsaved annotations" label in the status
  bar follow `undo_stack.isClean()`. Call `undo_stack.setClean()` after saving.
  Add a callable to `self.close_guards` (returns False to cancel closing) to
  ask about unsaved work.
* **Highlights** — every text field is shown by a `FieldView`
  (`gui/field_view.py`). `self.field_hub.set_extra_highlights([(address,
  field, start, end, QColor, tooltip), ...])` draws them in every view
  where that field appears, and again after any view rebuilds.
  `self.field_views()` lists the views; `view.selected_field_range()` gives
  the analyst's selection as `(address, field, start, end)` in code points.
* **Context menus** — `FieldView.context_menu_hooks.append(fn)` with
  `fn(view, segment_or_None, selection_or_None, menu)` adds actions to
  every field's context menu; the window re-emits right-clicks as
  `element_context_menu_requested(address, field, QPoint)`.
* **Docks** — `self.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea)`
  adds an "Annotations" dock (tabbed with the inspector on the right, or
  at the bottom) and a View menu entry to show it.
* **Current place** — `briefing_changed(object)` fires after a briefing is
  (re)loaded; `self.briefing`, `self.path`, `self.inspector.address`;
  `self.go_to(address)` jumps (with history).
* **Export** — `self.annotation_layer_paths()` is what File › Export PDF hands
  to `export_dialog.show_export_dialog`; replace it with the layers in use.
* **Lazy pages** — the first paint shows only the chrome (banners, menus,
  toolbar, navigator, an empty page and inspector dock); the section pages
  and the inspector (and their modules: text views, the timeline strip, item
  models, search) are built on first use, right after that paint at the
  latest. `self.overview`, `self.actors`, `self.timeline`, `self.quotes`,
  `self.sources`, `self.search` and `self.inspector` build themselves when
  first read, so callers never see the difference; `field_view_added(FieldView)`
  fires for every FieldView a page brings along, so per-view set-up
  (actions, highlights) reaches views made later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QMessageBox

from .actions import ActionName, create_actions
from .field_hub import FieldViewHub
from .file_handling import FileHandling
from .history import History
from .layout_settings import LayoutSettings
from .lazy_pages import LazyPages
from .models import Role
from .navigation import Navigation
from .search_index import SearchIndex
from .window_chrome import WindowChrome

if TYPE_CHECKING:
    from briefing_app.core.model import Briefing

    from .field_view import FieldView
    from .loading import BriefingLoader, FileWatcher
    from .problems_dialog import ProblemsDialog

__all__ = ["MainWindow"]


class MainWindow(WindowChrome, LazyPages, Navigation, FileHandling, LayoutSettings, QMainWindow):
    """The reader's one window; see the module docstring for its parts and the hooks it offers."""

    briefing_changed = Signal(object)  # Briefing
    element_context_menu_requested = Signal(str, str, QPoint)
    place_changed = Signal(object)  # Place
    field_view_added = Signal(object)  # FieldView, for views built after start-up (lazy pages)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle("Briefing Reader[*]")
        self.setAcceptDrops(True)
        self.briefing: Briefing | None = None
        self.path: Path | None = None
        self.search_index: SearchIndex | None = None
        self.history = History()
        self.close_guards: list[Callable[[], bool]] = []
        self.problems_dialog: ProblemsDialog | None = None
        self._navigating = False
        self._reloading = False

        self.undo_stack = QUndoStack(self)
        self.field_hub = FieldViewHub()
        self.actions = create_actions(self, self.undo_stack)
        self.addActions(list(self.actions.values()))

        self._build_pages()
        self._build_chrome()
        self._connect()

        self._loader: BriefingLoader | None = None  # made on first use, after the first paint
        self._watcher: FileWatcher | None = None
        QApplication.instance().installEventFilter(self)
        self._restore_settings()
        self._update_banner("")
        self._select_in_navigator("overview")  # its page is built when something is shown on it

    def _connect(self) -> None:
        a = self.actions
        a[ActionName.OPEN].triggered.connect(self.open_dialog)
        a[ActionName.RELOAD].triggered.connect(self.reload)
        a[ActionName.EXPORT_PDF].triggered.connect(self.export_pdf)
        a[ActionName.QUIT].triggered.connect(self.close)
        a[ActionName.COPY].triggered.connect(self._copy)
        a[ActionName.FIND].triggered.connect(self.focus_search)
        a[ActionName.BACK].triggered.connect(self.back)
        a[ActionName.FORWARD].triggered.connect(self.forward)
        for name, section in ((ActionName.GO_OVERVIEW, "overview"), (ActionName.GO_ACTORS, "actors"),
                              (ActionName.GO_TIMELINE, "timeline"), (ActionName.GO_QUOTES, "quotes"),
                              (ActionName.GO_SOURCES, "sources")):
            a[name].triggered.connect(lambda _c=False, s=section: self.go_section(s))
        a[ActionName.SHOW_IN_SOURCE].triggered.connect(self.show_selected_in_source)
        a[ActionName.TOGGLE_INSPECTOR].toggled.connect(self.inspector_dock.setVisible)
        self.inspector_dock.visibilityChanged.connect(
            lambda v: a[ActionName.TOGGLE_INSPECTOR].setChecked(not self.inspector_dock.isHidden()))
        a[ActionName.TOGGLE_INSPECTOR].setChecked(True)
        a[ActionName.TOGGLE_NAVIGATOR].setChecked(True)
        a[ActionName.TOGGLE_NAVIGATOR].toggled.connect(self.navigator.setVisible)
        a[ActionName.TIMELINE_ZOOM_IN].triggered.connect(lambda: self._timeline_zoom("in"))
        a[ActionName.TIMELINE_ZOOM_OUT].triggered.connect(lambda: self._timeline_zoom("out"))
        a[ActionName.TIMELINE_FIT].triggered.connect(lambda: self._timeline_zoom("fit"))
        a[ActionName.ABOUT].triggered.connect(self._about)
        a[ActionName.ABOUT_QT].triggered.connect(lambda: QMessageBox.aboutQt(self, "About Qt"))
        a[ActionName.SHORTCUTS].triggered.connect(lambda: self.shortcuts_dialog().open())
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.navigator.selectionModel().currentChanged.connect(
            lambda cur, _p: cur.isValid() and not self._navigating and self.go_section(cur.data(Role.SECTION)))
        self.search_field.textChanged.connect(self._search_changed)
        self.search_field.returnPressed.connect(lambda: self.search.activate_current())

    # -- annotations seams -----------------------------------------------------
    def field_views(self) -> list[FieldView]:
        return self.field_hub.views()

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> None:
        if not dock.objectName():
            dock.setObjectName("dock_" + dock.windowTitle().lower().replace(" ", "_"))
        self.addDockWidget(area, dock)
        if area == Qt.DockWidgetArea.RightDockWidgetArea:
            self.tabifyDockWidget(self.inspector_dock, dock)
            # the inspector stays in front; the new dock is one tab click (or View menu entry) away
            QTimer.singleShot(0, self.inspector_dock.raise_)
        self.menus["View"].insertAction(self.actions[ActionName.TOGGLE_INSPECTOR], dock.toggleViewAction())

    def annotation_layer_paths(self) -> list[Path]:
        if self.path is None:
            return []
        default = self.path.with_name(self.path.name.rsplit(".", 1)[0] + ".annotations.yaml")
        return [default] if default.exists() else []

    def _extend_field_menu(self, view: FieldView, seg, menu: QMenu) -> None:
        el = self.briefing.element(seg.address) if self.briefing else None
        if el is None:
            return
        menu.addSeparator()
        if getattr(el, "evidence", None) or seg.address.startswith("quotes/"):
            act = menu.addAction("Show in Source")
            act.triggered.connect(lambda: self.show_in_source(seg.address))
        if view is not self._inspector:
            act = menu.addAction("Inspect")
            act.triggered.connect(lambda: self._element_selected(seg.address))

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.unsaved_label.setVisible(not clean)

    # -- actions -------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self.briefing is None or self.path is None:
            return
        from . import export_dialog

        export_dialog.show_export_dialog(self, self.path, self.briefing, self.annotation_layer_paths())

    def _copy(self) -> None:
        w = QApplication.focusWidget()
        if w is not None and hasattr(w, "copy"):
            w.copy()

    def _timeline_zoom(self, how: str) -> None:
        if self.current_section() != "timeline":
            self.go_section("timeline")
        strip = self.timeline.strip
        {"in": strip.zoom_in, "out": strip.zoom_out, "fit": strip.fit}[how]()

    def _about(self) -> None:
        self.about_box().open()

    def shortcuts_dialog(self):
        """Help › Keyboard Shortcuts, generated from the window's actions (gui/shortcuts_dialog.py)."""
        from .shortcuts_dialog import ShortcutsDialog

        return ShortcutsDialog(self)

    def about_box(self) -> QMessageBox:
        """Help › About: the app icon, name and what it is for."""
        from PySide6.QtGui import QIcon

        from briefing_app.resources import app_icon_path

        box = QMessageBox(self)
        box.setObjectName("about_box")
        box.setWindowTitle("About Briefing Reader")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText("<h3>Briefing Reader</h3><p>Read, cross-examine, annotate and brief from structured "
                    "briefings.</p>")
        icon = QIcon(str(app_icon_path()))
        box.setWindowIcon(icon)
        box.setIconPixmap(icon.pixmap(72, 72, mode=QIcon.Mode.Normal))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box

    # -- window events --------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.briefing is not None:
            if self._pages["overview"] is not None:
                self.overview.render()
            if self._pages["sources"] is not None:
                self.sources._render()
            self.inspector.show_element(self.briefing, self.inspector.address)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.save_settings()
        QApplication.instance().removeEventFilter(self)
        event.accept()

