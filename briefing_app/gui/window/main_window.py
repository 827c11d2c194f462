"""The reader's main window: it owns one object per concern and wires them in `_connect_signals`.

The parts, each testable alone:

* `pages` — `SectionPages` (lazy_pages.py): the page stack, the navigator,
  the inspector dock; every page and the inspector built on first use;
* `chrome` — `WindowChrome` (chrome.py): banners, menus, toolbar, search
  field, status bar;
* `navigation` — `Navigation` (navigation.py): places, Back/Forward, links,
  Show in Source, the search field;
* `files` — `FileHandling` (file_handling.py): Open, Open Recent, reading on
  a worker thread with progress, reload on change;
* `layout_settings` — `LayoutSettings` (layout_settings.py);
* `find_bar` — `FindBar` (gui/views/find_bar.py): Ctrl+F under the page shown,
  made the first time it is asked for.
* `problems` — `ProblemsController` (gui/problems/): the Problems dock, marks,
  navigator counts, the notice and title word, why Export PDF is off.

The window itself holds the undo stack, the action registry's actions, the
injected `Prompts` service (gui/dialogs/prompts.py: every message box and
file chooser; tests pass a scripted one), and shows what the parts report.

Seams the annotation code (gui/annotations/) uses — keep them stable:

* `undo_stack` (Edit › Undo/Redo are made from it; the title's `[*]` and
  "Unsaved annotations" follow `isClean()`); `close_guards` (callables
  returning False to cancel closing);
* `field_hub` (highlights in every `FieldView`), `field_views()`,
  `field_view_added(FieldView)` for views built later,
  `element_context_menu_requested(address, field, QPoint)`;
* `add_dock(dock, area)`; `actions` and the registry's `action_*` objects;
  `menu_bar` and `menus` (add a menu there, not with `menuBar()`);
  `statusBar()`; `prompts`;
* `briefing_changed(Briefing)`, `briefing`, `path`, `place_changed(Place)`,
  `go_to(address)`, `go(place)`, `inspector` (and `inspector.address`),
  `history`, `current_section()`, `overview`, `set_briefing(...)`;
* `set_annotation_search(entries, open)` — the annotation notes and tags the
  global search finds, and how a hit on one is opened;
* `annotation_layer_paths()` — what File › Export PDF hands to the export
  dialog; the annotation controller replaces it with the layers in use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QMenuBar, QMessageBox, QWidget

from briefing_app.core.history import Place
from briefing_app.core.search import SearchEntry, SearchIndex
from briefing_app.gui import settings as cfg
from briefing_app.gui.actions import APPEARANCE_ACTIONS, ActionName, create_actions
from briefing_app.gui.dialogs.prompts import Prompts
from briefing_app.gui.problems.controller import ProblemsController, plural
from briefing_app.gui.theme import apply_appearance
from briefing_app.gui.views.field_hub import FieldViewHub
from briefing_app.gui.views.text_zoom import TextZoom
from briefing_app.gui.window.chrome import WindowChrome
from briefing_app.gui.window.file_handling import FileHandling, describe_changes, still_there
from briefing_app.gui.window.layout_settings import LayoutSettings
from briefing_app.gui.window.lazy_pages import SectionPages
from briefing_app.gui.window.navigation import Navigation, scroll_areas
from briefing_app.gui.window.quote_menu import build_quote_card_menu

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.core.history import History
    from briefing_app.core.problems import Problem
    from briefing_app.gui.annotations.controller import AnnotationController
    from briefing_app.gui.dialogs.problems import ProblemsDialog
    from briefing_app.gui.dialogs.shortcuts import ShortcutsDialog
    from briefing_app.gui.pages.overview import OverviewPage
    from briefing_app.gui.views.field_view import FieldView
    from briefing_app.gui.views.find_bar import FindBar
    from briefing_app.gui.views.inspector import Inspector
    from briefing_app.gui.window.loading import LoadedBriefing

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """The reader's one window; see the module docstring for its parts and the seams it offers."""

    briefing_changed = Signal(object)  # Briefing
    element_context_menu_requested = Signal(str, str, QPoint)
    place_changed = Signal(object)  # Place
    field_view_added = Signal(object)  # FieldView, for views built after start-up (pages built on first visit)

    #: The registry's actions by name (gui/actions.py). It hides `QWidget.actions()` (the same
    #: QActions, as a list) on purpose: `window.actions[ActionName.OPEN]` is the seam the annotation
    #: code and the tests use, and nothing calls the Qt method on the window.
    actions: dict[ActionName, QAction]  # type: ignore[assignment]

    def __init__(self, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle("Briefing Reader[*]")
        self.setAcceptDrops(True)
        self.prompts = prompts or Prompts()
        #: the annotation controller, once the application has installed it (gui/app.py) — None before
        self.annotations: AnnotationController | None = None
        self.close_guards: list[Callable[[], bool]] = []
        self.problems_dialog: ProblemsDialog | None = None
        self.undo_stack = QUndoStack(self)
        self.field_hub = FieldViewHub()
        self.actions = create_actions(self, self.undo_stack)
        self.addActions(list(self.actions.values()))
        self.pages = SectionPages(self.field_hub, self)
        self.chrome = WindowChrome(self, self.actions, self.pages)
        self.navigation = Navigation(self, self.pages, self.chrome.search_field)
        self.files = FileHandling(self, self.prompts)
        self.layout_settings = LayoutSettings(self, self.chrome, self.pages)
        self._find_bar: FindBar | None = None
        self.problems = ProblemsController(self)
        self._appearance = QActionGroup(self)
        for name in APPEARANCE_ACTIONS.values():
            self._appearance.addAction(self.actions[ActionName(name)])
        self._connect_signals()
        # the text size of every text view (Ctrl+= / Ctrl+- / Ctrl+0), remembered (gui/views/text_zoom.py)
        self.text_zoom = TextZoom(self, self.actions, self.field_views())
        self.field_view_added.connect(self.text_zoom.add_view)
        self.place_changed.connect(lambda _place: self.text_zoom.section_shown(self.current_section()))
        self.layout_settings.restore()
        self.chrome.set_banner("")  # a restored layout must not show the banner bars before a briefing is
        self.show_appearance(cfg.get(cfg.APPEARANCE))
        self._update_history_actions(False, False)  # nothing to go back or forward to yet
        self._update_file_actions()  # nor to reload or export
        self.pages.select_in_navigator("overview")  # its page is built when something is shown on it
        self.pages.set_empty_hint("No briefing is open. Use File \u203a Open (Ctrl+O) or drop a briefing "
                                  "file here.")

    def _connect_signals(self) -> None:
        a, nav, pages, files, chrome = self.actions, self.navigation, self.pages, self.files, self.chrome
        a[ActionName.OPEN].triggered.connect(files.open_dialog)
        a[ActionName.RELOAD].triggered.connect(files.reload)
        a[ActionName.EXPORT_PDF].triggered.connect(self.export_pdf)
        a[ActionName.QUIT].triggered.connect(self.close)
        a[ActionName.COPY].triggered.connect(self._copy)
        a[ActionName.FIND].triggered.connect(lambda: self.find_bar.open_bar())
        a[ActionName.FIND_NEXT].triggered.connect(lambda: self.find_bar.find_next())
        a[ActionName.FIND_PREVIOUS].triggered.connect(lambda: self.find_bar.find_previous())
        a[ActionName.SEARCH].triggered.connect(nav.focus_search)
        nav.place_changed.connect(lambda _p: self._find_bar.page_changed() if self._find_bar is not None else None)
        a[ActionName.BACK].triggered.connect(nav.back)
        a[ActionName.FORWARD].triggered.connect(nav.forward)
        for name, section in ((ActionName.GO_OVERVIEW, "overview"), (ActionName.GO_ACTORS, "actors"),
                              (ActionName.GO_RELATIONS, "relations"),
                              (ActionName.GO_TIMELINE, "timeline"), (ActionName.GO_QUOTES, "quotes"),
                              (ActionName.GO_SOURCES, "sources")):
            a[name].triggered.connect(lambda _c=False, s=section: nav.go_section(s))
        a[ActionName.SHOW_IN_SOURCE].triggered.connect(nav.show_selected_in_source)
        dock = chrome.inspector_dock
        a[ActionName.TOGGLE_INSPECTOR].setChecked(True)
        a[ActionName.TOGGLE_INSPECTOR].toggled.connect(dock.setVisible)
        dock.visibilityChanged.connect(lambda _v: a[ActionName.TOGGLE_INSPECTOR].setChecked(not dock.isHidden()))
        a[ActionName.TOGGLE_NAVIGATOR].setChecked(True)
        a[ActionName.TOGGLE_NAVIGATOR].toggled.connect(pages.navigator.setVisible)
        for value, action_name in APPEARANCE_ACTIONS.items():
            a[ActionName(action_name)].triggered.connect(lambda _c=False, v=value: self.set_appearance(v))
        a[ActionName.TIMELINE_ZOOM_IN].triggered.connect(lambda: self._timeline_zoom("in"))
        a[ActionName.TIMELINE_ZOOM_OUT].triggered.connect(lambda: self._timeline_zoom("out"))
        a[ActionName.TIMELINE_FIT].triggered.connect(lambda: self._timeline_zoom("fit"))
        a[ActionName.ABOUT].triggered.connect(lambda: self.about_box().open())
        a[ActionName.ABOUT_QT].triggered.connect(lambda: self.prompts.about_qt(self))
        a[ActionName.SHORTCUTS].triggered.connect(lambda: self.shortcuts_dialog().open())
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        chrome.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(chrome.recent_menu))

        pages.section_chosen.connect(nav.go_section)
        pages.element_selected.connect(nav.element_selected)
        pages.link_activated.connect(nav.follow_link)
        pages.show_in_source_requested.connect(nav.show_in_source)
        pages.hit_activated.connect(nav.jump_to_hit)
        pages.quote_menu_requested.connect(self.quote_card_menu)
        pages.inspect_requested.connect(self.inspect_and_focus)
        pages.element_context_menu_requested.connect(self.element_context_menu_requested)
        pages.view_added.connect(self.field_view_added)
        pages.page_built.connect(self.layout_settings.restore_page)
        pages.page_built.connect(self._page_built)
        nav.place_changed.connect(self.place_changed)
        nav.history_changed.connect(self._update_history_actions)
        nav.message.connect(self.statusBar().showMessage)

        files.started.connect(self._load_started)
        files.loaded.connect(self._loaded)
        files.checked.connect(lambda result, findings: self.problems.checked(result.briefing, result.path, findings))
        files.failed.connect(self._failed)
        files.message.connect(self.statusBar().showMessage)
        self.briefing_changed.connect(self.problems.briefing_shown)
        self.field_view_added.connect(self.problems.mark)

    # -- the parts' state, where the annotation code and tests reach it ------------------
    @property
    def briefing(self) -> Briefing | None:
        return self.pages.briefing

    @property
    def path(self) -> Path | None:
        return self.files.path

    @property
    def find_bar(self) -> FindBar:
        """Ctrl+F's bar under the pages, made (hidden) the first time it is asked for."""
        if self._find_bar is None:
            from briefing_app.gui.views.find_bar import FindBar, place_under

            self._find_bar = FindBar(self.pages.stack.currentWidget)
            place_under(self.chrome.page_column, self._find_bar)
        return self._find_bar

    @property
    def menu_bar(self) -> QMenuBar:
        """The menu bar (below the top banner; `menuBar()` would replace both)."""
        return self.chrome.menu_bar

    @property
    def menus(self) -> dict[str, QMenu]:
        """The menu bar's menus by title ("File", "View", "Help", ...)."""
        return self.chrome.menus

    @property
    def inspector(self) -> Inspector:
        return self.pages.inspector

    @property
    def overview(self) -> OverviewPage:
        return self.pages.overview

    @property
    def history(self) -> History:
        return self.navigation.history

    def current_section(self) -> str:
        return self.navigation.current_section()

    def go(self, place: Place, record: bool = True) -> None:
        self.navigation.go(place, record)

    def go_to(self, address: str) -> None:
        """Jump to an element (recorded in history)."""
        self.navigation.go_to(address)

    def open_path(self, path: Path) -> None:
        """Read a briefing (on the worker thread) and show it; its problems if it fails."""
        self.files.open_path(path)

    def field_views(self) -> list[FieldView]:
        return self.field_hub.views()

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> None:
        if not dock.objectName():
            dock.setObjectName("dock_" + dock.windowTitle().lower().replace(" ", "_"))
        self.addDockWidget(area, dock)
        inspector_dock = self.chrome.inspector_dock
        if area == Qt.DockWidgetArea.RightDockWidgetArea:
            self.tabifyDockWidget(inspector_dock, dock)
            # the inspector stays in front; the new dock is one tab click (or View menu entry) away
            QTimer.singleShot(0, inspector_dock.raise_)
        self.chrome.menus["View"].insertAction(self.actions[ActionName.TOGGLE_INSPECTOR], dock.toggleViewAction())

    def set_annotation_search(self, entries: Callable[[], Sequence[SearchEntry]],
                              open_annotation: Callable[[int, str], object]) -> None:
        """The annotation code's notes and tags for the global search, and how to open a hit on one."""
        self.pages.annotation_entries = entries
        self.navigation.open_annotation = open_annotation

    def annotation_layer_paths(self) -> list[Path]:
        if self.path is None:
            return []
        from briefing_app.core.annotations import default_layer_path

        default = default_layer_path(self.path)
        return [default] if default.exists() else []

    # -- showing a briefing --------------------------------------------------------
    def set_briefing(self, briefing: Briefing, path: Path | None, index: SearchIndex | None = None,
                     keep_place: bool = False, stamp: tuple[int, int] | None = None) -> None:
        """Show a briefing (what a load ends in; tests may call it with a briefing built in memory).

        With `keep_place` (a reload) history is kept for the caller to prune and nothing is jumped to.
        `stamp` is the file as it was read (LoadedBriefing.stamp): a save since then reloads it.
        """
        self.pages.set_briefing(briefing, index or SearchIndex(briefing))
        self.files.shown(path, stamp)
        self.chrome.set_banner(briefing.classification)
        self.chrome.set_file(self.path)
        self._update_title()
        self._update_file_actions()
        if not keep_place:
            self.navigation.start()
        self.briefing_changed.emit(briefing)
        if self.path is not None:  # bookkeeping (two settings written) once the briefing is on screen
            self.files.remember(self.path)

    def _load_started(self, path: Path) -> None:
        self.statusBar().showMessage(f"Opening {path.name}\u2026")
        self.pages.set_empty_hint(f"Opening {path.name}\u2026")
        self.chrome.loading(True)

    def _loaded(self, result: LoadedBriefing, same_file: bool) -> None:
        self.chrome.loading(False)
        self.problems.loaded(result.briefing, result.path, result.problems, result.findings)
        if same_file and self.briefing is not None:
            self._reload_in_place(result)
        else:
            # said first: what showing the briefing leads to (an unknown `goto`) may have more to say
            note = f" with {plural(len(result.problems), 'problem')}" if result.problems else ""
            self.statusBar().showMessage(f"Opened {result.path.name}{note} in {result.seconds:.2f} s", 4000)
            self.set_briefing(result.briefing, result.path, result.index, stamp=result.stamp)

    def _reload_in_place(self, result: LoadedBriefing) -> None:
        """Show the re-read file where the analyst was: history, section, selection and scrolling kept."""
        old, new = self.briefing, result.briefing
        self.navigation.remember_here()
        views = self._scroll_state()
        self.set_briefing(new, result.path, result.index, keep_place=True, stamp=result.stamp)
        self.navigation.keep_place(lambda p: still_there(p, old, new))
        self._restore_scroll_state(views)
        # lists lay out in batches and text views lazily: put the scroll positions back once more after that
        QTimer.singleShot(0, lambda: self._restore_scroll_state(views))
        if old is not None:
            self.statusBar().showMessage(f"Reloaded {result.path.name}: {describe_changes(old, new)}", 10000)

    def _scroll_state(self) -> list[tuple[QWidget, int, int, tuple[float, bool] | None]]:
        """Scroll positions of every built page's scroll areas and the inspector (and the strip's zoom)."""
        holders = list(self.pages.built_pages().values())
        if self.pages.inspector_built():
            holders.append(self.pages.inspector)
        state: list[tuple[QWidget, int, int, tuple[float, bool] | None]] = []
        for page in holders:
            for area in scroll_areas(page):
                strip = cast(Any, area)  # the timeline strip keeps its zoom, other areas have none
                zoom = (strip.px_per_day, strip.user_zoomed) if hasattr(area, "px_per_day") else None
                state.append((area, area.verticalScrollBar().value(), area.horizontalScrollBar().value(), zoom))
        return state

    def _restore_scroll_state(self, state: list[tuple[QWidget, int, int, tuple[float, bool] | None]]) -> None:
        for area, v, h, zoom in state:
            try:
                if zoom is not None and zoom[1] and abs(area.px_per_day - zoom[0]) > 1e-9:  # type: ignore[attr-defined]
                    area.set_zoom(zoom[0])  # type: ignore[attr-defined]  # the timeline strip
                area.verticalScrollBar().setValue(v)  # type: ignore[attr-defined]
                area.horizontalScrollBar().setValue(h)  # type: ignore[attr-defined]
            except RuntimeError:  # the widget went away meanwhile
                pass

    def _failed(self, path: Path, problems: list[Problem]) -> None:
        self.chrome.loading(False)
        self.statusBar().showMessage(f"{path.name} could not be opened", 6000)
        if self.briefing is None:  # nothing else to show: the problems in the dock, the file's text around them
            self.problems.unreadable_file(path, list(problems))
            self.setWindowTitle(f"{path.name} \u2014 {plural(len(problems), 'problem')} \u2014 Briefing Reader")
            self.pages.set_empty_hint(f"No briefing is open: {path.name} could not be opened.\n\n"
                                      "Fix it and save it, or press Reload (F5), to try it again; or open "
                                      "another briefing with File \u203a Open (Ctrl+O), or drop one on this window.")
            self._update_file_actions()
            return
        if self.path is not None and path.resolve() == self.path:  # the file shown, saved mid-edit: the dock
            self.problems.unreadable_reload(path, list(problems))
            self._update_file_actions()
            self._update_title()
            return
        from briefing_app.gui.dialogs.problems import ProblemsDialog

        if self.problems_dialog is not None:
            self.problems_dialog.close()
        self.problems_dialog = ProblemsDialog(self, path, list(problems),
                                              self.briefing.title if self.briefing else None)
        self.problems_dialog.open()

    def _update_title(self) -> None:
        """`Title — file.yaml — 3 problems — Briefing Reader` (the `[*]` marks unsaved annotations)."""
        if self.briefing is not None:
            where = f" \u2014 {self.path.name}" if self.path else ""
            self.setWindowTitle(f"{self.briefing.title}{where}{self.problems.title_note()}[*] \u2014 Briefing Reader")

    def _update_file_actions(self) -> None:
        """Reload needs a file to read again, Export PDF an open briefing."""
        self.actions[ActionName.RELOAD].setEnabled(bool(self.files.path or self.files.failed_path))
        self.problems.update_export_action(self.briefing is not None and self.path is not None)

    def _update_history_actions(self, can_back: bool, can_forward: bool) -> None:
        self.actions[ActionName.BACK].setEnabled(can_back)
        self.actions[ActionName.FORWARD].setEnabled(can_forward)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.chrome.set_unsaved(not clean)

    # -- appearance -----------------------------------------------------------------
    def set_appearance(self, appearance: str) -> None:
        """View › Appearance: saved, and applied at once."""
        cfg.put(cfg.APPEARANCE, appearance)
        self.show_appearance(appearance)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, appearance)

    def show_appearance(self, appearance: str) -> None:
        """Tick the Appearance entry of the scheme in use."""
        name = APPEARANCE_ACTIONS.get(appearance, APPEARANCE_ACTIONS["system"])
        self.actions[ActionName(name)].setChecked(True)

    def _page_built(self, section: str, page: QWidget) -> None:
        """A page asks the analyst through the window's prompts (the Relations page's chart export)."""
        if hasattr(page, "prompts"):
            cast(Any, page).prompts = self.prompts

    # -- quote cards ------------------------------------------------------------------
    def inspect_and_focus(self, address: str) -> None:
        """Show an element in the inspector and give it the keyboard, caret at the start of its main
        text, so the analyst can select (and highlight or annotate) part of it."""
        if self.briefing is None or self.briefing.element(address) is None:
            return
        self.navigation.element_selected(address)
        insp = self.inspector
        self.chrome.inspector_dock.show()
        self.chrome.inspector_dock.raise_()
        insp.setFocus(Qt.FocusReason.ShortcutFocusReason)  # a visible caret: keyboard selection starts here
        insp.put_caret_at(address, "text")
        self.statusBar().showMessage("Select part of the quote in the inspector to highlight or annotate it "
                                     "(Shift+arrows, or drag).", 6000)

    def build_quote_card_menu(self, address: str) -> QMenu:
        """The context menu of a quote card (gui/window/quote_menu.py)."""
        return build_quote_card_menu(self, self.briefing, address, self.field_hub, inspect=self.inspect_and_focus,
                                     go_to=self.go_to, show_in_source=self.navigation.show_in_source)

    def quote_card_menu(self, address: str, global_pos: QPoint) -> None:
        self.element_context_menu_requested.emit(address, "text", global_pos)
        menu = self.build_quote_card_menu(address)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_pos)

    # -- actions -------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self.briefing is None or self.path is None:
            return
        from briefing_app.gui.dialogs import export as export_dialog

        export_dialog.show_export_dialog(self, self.path, self.briefing, self.annotation_layer_paths(),
                                         prompts=self.prompts, refusal=self.problems.export_refusal())

    def _copy(self) -> None:
        w = QApplication.focusWidget()
        if w is not None and hasattr(w, "copy"):
            w.copy()

    def _timeline_zoom(self, how: str) -> None:
        if self.current_section() != "timeline":
            self.navigation.go_section("timeline")
        strip = self.pages.timeline.strip
        {"in": strip.zoom_in, "out": strip.zoom_out, "fit": strip.fit}[how]()

    def shortcuts_dialog(self) -> ShortcutsDialog:
        """Help › Keyboard Shortcuts, generated from the window's actions (gui/dialogs/shortcuts.py)."""
        from briefing_app.gui.dialogs.shortcuts import ShortcutsDialog

        return ShortcutsDialog(self)

    def about_box(self) -> QMessageBox:
        """Help › About: the app icon, name and what it is for."""
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
        if event.type() == QEvent.Type.PaletteChange:
            self.pages.rerender()  # the text views' colours are derived from the palette

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.files.open_path(files[0])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The section in the middle is what the analyst reads: on a narrower window the right-hand
        docks (Inspector, Annotations) give way first, down to a third of the width."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_docks)  # once the main window's layout has the new size

    def _fit_docks(self) -> None:
        dock = self.chrome.inspector_dock
        limit = max(300, self.width() // 3)
        if dock.isVisible() and not dock.isFloating() and dock.width() > limit:
            self.resizeDocks([dock], [limit], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.layout_settings.save()
        if self.path:
            cfg.put(cfg.LAST_FILE, str(self.path))
        event.accept()
