"""The reader's main window: navigator, section pages, inspector, history, files.

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

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from . import settings as cfg
from .actions import MENUS, RECENT_MENU, SEPARATOR, TOOLBAR, ActionName, create_actions
from .field_hub import FieldViewHub
from .file_handling import FileHandling
from .history import History
from .lazy_pages import LazyPages, placeholder
from .models import Role
from .navigation import Navigation
from .search_index import SearchIndex
from .theme import banner_colors

if TYPE_CHECKING:
    from briefing_app.core.model import Briefing

    from .field_view import FieldView
    from .loading import BriefingLoader, FileWatcher
    from .problems_dialog import ProblemsDialog

__all__ = ["MainWindow"]


class MainWindow(LazyPages, Navigation, FileHandling, QMainWindow):
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

    def _build_chrome(self) -> None:
        # classification banners: top (above the menus) and bottom
        self.banner_top, self.banner_bottom = QLabel(), QLabel()
        for name, b in (("banner_top", self.banner_top), ("banner_bottom", self.banner_bottom)):
            b.setObjectName(name)
            b.setAlignment(Qt.AlignmentFlag.AlignCenter)
            b.setAccessibleName("Classification")
            b.setAutoFillBackground(True)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(0)
        tl.addWidget(self.banner_top)
        self.menu_bar = QMenuBar()
        tl.addWidget(self.menu_bar)
        self.setMenuWidget(top)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.menus: dict[str, QMenu] = {}
        for title, names in MENUS.items():
            menu = self.menu_bar.addMenu(title)
            menu.setObjectName("menu_" + title.strip("&").lower())
            self.menus[title.strip("&")] = menu
            for n in names:
                if n == SEPARATOR:
                    menu.addSeparator()
                elif n == RECENT_MENU:
                    menu.addMenu(self.recent_menu)
                else:
                    menu.addAction(self.actions[ActionName(n)])

        tb = QToolBar("Main toolbar")
        tb.setObjectName("toolbar_main")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for n in TOOLBAR:
            tb.addSeparator() if n == SEPARATOR else tb.addAction(self.actions[ActionName(n)])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search_field")
        self.search_field.setAccessibleName("Search the briefing")
        self.search_field.setPlaceholderText("Search briefing and sources (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setFixedWidth(340)
        self.search_field.installEventFilter(self)
        tb.addWidget(self.search_field)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

        bottom = QToolBar("Classification")
        bottom.setObjectName("toolbar_banner_bottom")
        bottom.setMovable(False)
        bottom.setFloatable(False)
        bottom.toggleViewAction().setVisible(False)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setStyleSheet("QToolBar { border: 0px; padding: 0px; spacing: 0px; }")
        self.banner_bottom.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.banner_bottom)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bottom)
        tb.toggleViewAction().setVisible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 900])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self.inspector_dock = QDockWidget("Inspector", self)
        self.inspector_dock.setObjectName("dock_inspector")
        self.inspector_dock.setWidget(placeholder("inspector_placeholder"))
        self.inspector_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                        | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.inspector_dock.widget().setMinimumWidth(300)

        sb = self.statusBar()
        sb.setObjectName("status_bar")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Loading")
        self.progress.hide()
        # show progress only for loads that take a noticeable time
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(150)
        self._progress_timer.timeout.connect(lambda: self.progress.setVisible(self.loader.busy))
        self.unsaved_label = QLabel("Unsaved annotations")
        self.unsaved_label.setObjectName("unsaved_label")
        self.unsaved_label.hide()
        self.file_label = QLabel()
        self.file_label.setObjectName("file_label")
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.unsaved_label)
        sb.addPermanentWidget(self.file_label)

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

    def export_pdf(self) -> None:
        if self.briefing is None or self.path is None:
            return
        from . import export_dialog

        export_dialog.show_export_dialog(self, self.path, self.briefing, self.annotation_layer_paths())

    # -- misc --------------------------------------------------------------------------
    def _update_banner(self, marking: str) -> None:
        text = marking.upper() if marking else ""
        bg, fg = banner_colors(marking or "UNCLASSIFIED")
        for b in (self.banner_top, self.banner_bottom):
            b.setText(text)
            b.setVisible(bool(text))
            b.setStyleSheet(f"QLabel {{ background: {bg.name()}; color: {fg.name()}; font-weight: bold;"
                            " letter-spacing: 1px; padding: 3px; }")

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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.briefing is not None:
            if self._pages["overview"] is not None:
                self.overview.render()
            if self._pages["sources"] is not None:
                self.sources._render()
            self.inspector.show_element(self.briefing, self.inspector.address)

    # -- settings ----------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters that exist now (pages not built yet keep their saved state)."""
        p = self._pages
        out = {"main": self.splitter}
        if p["timeline"] is not None:
            out["timeline"] = p["timeline"].splitter
        if p["sources"] is not None:
            out["sources"] = p["sources"].splitter
        return out

    def _headers(self) -> dict:
        p = self._pages
        out = {}
        if p["actors"] is not None:
            out["actors"] = p["actors"].view.horizontalHeader()
        if p["timeline"] is not None:
            out["timeline"] = p["timeline"].view.header()
        return out

    def _restore_page_settings(self, section: str) -> None:
        sp = self._splitters().get(section)
        if sp is not None:
            s = cfg.get(cfg.SPLITTERS, section)
            if not s.isEmpty() and sp.restoreState(s):
                self._pages[section].splitter_sized = True  # the analyst's sizes win
        h = self._headers().get(section)
        if h is not None:
            s = cfg.get(cfg.HEADERS, section)
            if not s.isEmpty() and h.restoreState(s):
                h.parentWidget().setProperty("columns_restored", True)  # the analyst's widths win

    def _restore_settings(self) -> None:
        geometry = cfg.get(cfg.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = cfg.get(cfg.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        else:
            # docks only take a size once the window is laid out
            QTimer.singleShot(0, lambda: self.resizeDocks([self.inspector_dock], [420], Qt.Orientation.Horizontal))
        for name, sp in self._splitters().items():
            s = cfg.get(cfg.SPLITTERS, name)
            if not s.isEmpty():
                sp.restoreState(s)
        for name, h in self._headers().items():
            s = cfg.get(cfg.HEADERS, name)
            if not s.isEmpty():
                h.restoreState(s)

    def save_settings(self) -> None:
        cfg.put(cfg.GEOMETRY, self.saveGeometry())
        cfg.put(cfg.WINDOW_STATE, self.saveState())
        for name, sp in self._splitters().items():
            cfg.put(cfg.SPLITTERS, sp.saveState(), name)
        for name, h in self._headers().items():
            cfg.put(cfg.HEADERS, h.saveState(), name)
        if self.path:
            cfg.put(cfg.LAST_FILE, str(self.path))

    def closeEvent(self, event) -> None:  # noqa: N802
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.save_settings()
        QApplication.instance().removeEventFilter(self)
        event.accept()


def _unused() -> QByteArray | QAction | QKeySequence | str:  # keep imports honest for type checkers
    return os.sep
