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
  `element_context_menu_requested(address, field, QPoint)`. Quote cards
  (Quotes section) are not text views: their menu emits the same signal
  and runs `self.field_hub.element_menu_hooks` (`fn(address, field, menu)`)
  for whole-element entries such as "Annotate Quote…"; with no hook
  registered it offers "Annotate Quote…" through `action_annotate_element`
  on the inspector. Cards draw the hub's highlights on their text too, and
  double-click / Enter on a card shows the quote in the inspector with the
  keyboard there (`inspect_and_focus(address)`), so part of it can be
  selected and highlighted.
* **Docks** — `self.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea)`
  adds an "Annotations" dock (tabbed with the inspector on the right, or
  at the bottom) and a View menu entry to show it.
* **Current place** — `briefing_changed(object)` fires after a briefing is
  (re)loaded; `self.briefing`, `self.path`, `self.inspector.address`;
  `self.go_to(address)` jumps (with history).
* **Export** — `self.annotation_layer_paths()` is what File › Export PDF hands
  to `export_dialog.show_export_dialog`; replace it with the layers in use.
* **Lazy pages** — a new window holds only the chrome (banners, menus,
  toolbar, navigator, an empty page and inspector dock); the section pages
  and the inspector (and their modules: text views, the timeline strip, item
  models, search) are built on first use: the Overview and the inspector
  when a briefing is shown (at start-up, a small file's before the first
  paint; see gui/app.py), the others on their first visit.
* **After the first paint** — `self.after_first_paint(fn)` runs `fn` once the
  window has painted (the application-wide event filter, the first file
  watcher and the recent-files entry wait for it). `self.overview`, `self.actors`, `self.timeline`, `self.quotes`,
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
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu

from briefing_app.core.history import History
from briefing_app.core.search import SearchIndex
from briefing_app.gui.actions import ActionName, create_actions
from briefing_app.gui.pages.sections_model import Role
from briefing_app.gui.views.field_hub import FieldViewHub
from briefing_app.gui.window.chrome import WindowChrome
from briefing_app.gui.window.file_handling import FileHandling
from briefing_app.gui.window.layout_settings import LayoutSettings
from briefing_app.gui.window.lazy_pages import LazyPages
from briefing_app.gui.window.navigation import Navigation

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QMessageBox

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.dialogs.problems import ProblemsDialog
    from briefing_app.gui.views.field_view import FieldView
    from briefing_app.gui.window.loading import BriefingLoader, FileWatcher

__all__ = ["MainWindow", "quote_citation"]


def quote_citation(b: Briefing, q) -> str:
    """A quote as one would cite it: the words, the speaker and date, then its source."""
    out = f"\u201c{' '.join(q.text.split())}\u201d \u2014 {b.display_name(q.speaker)}"
    if q.said_on:
        out += f", {q.said_on.display(long=True)}"
    for ev in q.evidence[:1]:
        src = b.source_by_id.get(ev.source)
        if src is not None:
            bits = [" ".join(src.title.split())] + [x for x in (src.publisher,) if x]
            if src.published:
                bits.append(src.published.display(long=True))
            out += ". Source: " + ", ".join(bits)
            if src.url:
                out += f" <{src.url}>"
    return out + "."


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
        self._failed_path: Path | None = None
        # The application-wide filter (mouse Back/Forward buttons anywhere in the window) is installed
        # after the first paint: with it, every event of every object goes through Python, and the first
        # event of an object of a class PySide has not loaded yet (Qt's private helper widgets) makes it
        # load every class of every Qt module, tens of milliseconds the first paint need not wait for.
        self._painted = False
        self._after_first_paint: list[Callable[[], None]] = [
            lambda: QApplication.instance().installEventFilter(self)]
        self._restore_settings()
        self._update_banner("")
        self._update_history_actions()  # nothing to go back or forward to yet
        self._update_file_actions()  # nor to reload or export
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
        a[ActionName.ABOUT_QT].triggered.connect(self._about_qt)
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
        from briefing_app.core.annotations import default_layer_path

        default = default_layer_path(self.path)
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

    # -- quote cards (gui/quote_cards.py): a context menu and "select the text" ---------------
    def inspect_and_focus(self, address: str) -> None:
        """Show an element in the inspector and give it the keyboard, caret at the start of its main
        text, so the analyst can select (and highlight or annotate) part of it."""
        if self.briefing is None or self.briefing.element(address) is None:
            return
        self._element_selected(address)
        insp = self.inspector
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        segs = insp.segments_for(address, "text") or [s for s in insp.segments() if s.address == address]
        insp.setFocus(Qt.FocusReason.ShortcutFocusReason)  # a visible caret: keyboard selection starts here
        if segs:
            from PySide6.QtGui import QTextCursor

            cur = QTextCursor(insp.document())
            cur.setPosition(segs[0].doc_start)
            insp.setTextCursor(cur)
            insp.ensureCursorVisible()
        self.statusBar().showMessage("Select part of the quote in the inspector to highlight or annotate it "
                                     "(Shift+arrows, or drag).", 6000)

    def build_quote_card_menu(self, address: str) -> QMenu:
        """The context menu of a quote card: the entries a quote's text gets in any text view."""
        menu = QMenu(self)
        menu.setObjectName("quote_card_menu")
        b = self.briefing
        q = b.element(address) if b else None
        if q is None:
            return menu
        act = menu.addAction("Select Text in &Inspector")
        act.setObjectName("card_inspect")
        act.triggered.connect(lambda: self.inspect_and_focus(address))
        if q.speaker in b.actor_by_id:
            act = menu.addAction(f"Open &Speaker — {b.display_name(q.speaker)}")
            act.setObjectName("card_speaker")
            act.triggered.connect(lambda: self.go_to(f"actors/{q.speaker}"))
        act = menu.addAction("Show in Sou&rce")
        act.setObjectName("card_show_in_source")
        act.triggered.connect(lambda: self.show_in_source(address, "q"))
        menu.addSeparator()
        act = menu.addAction("&Copy Quote")
        act.setObjectName("card_copy_quote")
        act.triggered.connect(lambda: QApplication.clipboard().setText(" ".join(q.text.split())))
        act = menu.addAction("Copy C&itation")
        act.setObjectName("card_copy_citation")
        act.triggered.connect(lambda: QApplication.clipboard().setText(quote_citation(b, q)))
        menu.addSeparator()
        before = len(menu.actions())
        self.field_hub.run_element_menu_hooks(address, "text", menu)
        if len(menu.actions()) == before:
            # no whole-element hook yet: reach the annotation code's "Annotate Whole Element" through
            # the inspector, which then shows this quote (the element that action annotates)
            annotate = self.findChild(QAction, "action_annotate_element")
            if annotate is not None:
                act = menu.addAction("&Annotate Quote…")
                act.setObjectName("card_annotate")

                def run() -> None:
                    self.inspect_and_focus(address)
                    annotate.trigger()
                act.triggered.connect(run)
        return menu

    def quote_card_menu(self, address: str, global_pos: QPoint) -> None:
        self.element_context_menu_requested.emit(address, "text", global_pos)
        menu = self.build_quote_card_menu(address)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_pos)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.unsaved_label.setVisible(not clean)

    # -- actions -------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self.briefing is None or self.path is None:
            return
        from briefing_app.gui.dialogs import export as export_dialog

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
        from briefing_app.gui.dialogs.shortcuts import ShortcutsDialog

        return ShortcutsDialog(self)

    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # dialogs' classes are built on first use

        QMessageBox.aboutQt(self, "About Qt")

    def about_box(self) -> QMessageBox:
        """Help › About: the app icon, name and what it is for."""
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QMessageBox

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

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run `fn` once the window's first paint is done (now, if it is): set-up the first
        paint need not wait for (the application-wide event filter, the file watcher, settings writes)."""
        if self._painted:
            fn()
        else:
            self._after_first_paint.append(fn)

    def _run_after_first_paint(self) -> None:
        jobs, self._after_first_paint = self._after_first_paint, []
        for fn in jobs:
            fn()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._run_after_first_paint)  # once this paint (children too) is done

    def closeEvent(self, event) -> None:  # noqa: N802
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.save_settings()
        QApplication.instance().removeEventFilter(self)
        self._painted, self._after_first_paint = True, []  # nothing installed after this
        event.accept()

