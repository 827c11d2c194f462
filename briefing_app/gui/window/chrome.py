"""`WindowChrome`: the frame of the reader window around its pages.

Classification banners (top, above the menus, and bottom), the menu bar and
toolbar made from the action registry's lists (gui/actions.py), the search
field, the navigator and page stack side by side (with room above them for a
notice, and under the pages for the find bar), the inspector dock, and the
status bar with its progress bar,
"Unsaved annotations" label and file name.
It only builds and updates widgets; what they do is wired by the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.actions import APPEARANCE_MENU, MENUS, RECENT_MENU, SEPARATOR, TOOLBAR, ActionName
from briefing_app.gui.theme import banner_colors

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction

    from briefing_app.gui.window.lazy_pages import SectionPages

__all__ = ["WindowChrome"]

#: A load shows its progress bar only once it has taken this long (ms): quick ones never flash it.
PROGRESS_DELAY_MS = 150


class WindowChrome:
    """Builds the window's frame; the window keeps it as `window.chrome`."""

    def __init__(self, window: QMainWindow, actions: dict[ActionName, QAction], pages: SectionPages) -> None:
        self.window = window
        self._build_menus(window, actions)
        self._build_toolbars(window, actions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(pages.navigator)
        #: the page stack's column in the splitter, where the find bar goes under the pages when first used
        self.page_column = QWidget()
        self.page_column.setObjectName("page_column")
        column = QVBoxLayout(self.page_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(pages.stack, 1)
        self.splitter.addWidget(self.page_column)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 900])
        self.splitter.setCollapsible(1, False)
        central = QWidget()
        central.setObjectName("central")
        #: the splitter, with room above and below it for notices (gui/problems/controller.py)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.splitter, 1)
        window.setCentralWidget(central)
        self.inspector_dock = pages.inspector_dock
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self._build_status_bar(window)
        self.set_banner("")

    def _build_menus(self, window: QMainWindow, actions: dict[ActionName, QAction]) -> None:
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
        window.setMenuWidget(top)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("menu_recent")
        self.appearance_menu = QMenu("&Appearance", window)
        self.appearance_menu.setObjectName("menu_appearance")
        for name in (ActionName.APPEARANCE_SYSTEM, ActionName.APPEARANCE_LIGHT, ActionName.APPEARANCE_DARK):
            self.appearance_menu.addAction(actions[name])
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
                elif n == APPEARANCE_MENU:
                    menu.addMenu(self.appearance_menu)
                else:
                    menu.addAction(actions[ActionName(n)])

    def _build_toolbars(self, window: QMainWindow, actions: dict[ActionName, QAction]) -> None:
        tb = QToolBar("Main toolbar")
        tb.setObjectName("toolbar_main")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for n in TOOLBAR:
            if n == SEPARATOR:
                tb.addSeparator()
            else:
                tb.addAction(actions[ActionName(n)])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search_field")
        self.search_field.setAccessibleName("Search the briefing")
        self.search_field.setPlaceholderText("Search briefing, sources and notes (Ctrl+Shift+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setFixedWidth(340)
        tb.addWidget(self.search_field)
        tb.toggleViewAction().setVisible(False)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
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
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bottom)
        self.banner_bar = bottom  # a widget in a tool bar is hidden through the bar (see set_banner)

    def _build_status_bar(self, window: QMainWindow) -> None:
        sb = window.statusBar()
        sb.setObjectName("status_bar")
        self.progress = QProgressBar()
        self.progress.setObjectName("load_progress")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Loading")
        self.progress.hide()
        self._progress_timer = QTimer(window)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.progress.show)
        self.unsaved_label = QLabel("Unsaved annotations")
        self.unsaved_label.setObjectName("unsaved_label")
        self.unsaved_label.hide()
        self.file_label = QLabel()
        self.file_label.setObjectName("file_label")
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.unsaved_label)
        sb.addPermanentWidget(self.file_label)

    # -- updates --------------------------------------------------------------------
    def set_banner(self, marking: str) -> None:
        """Show a classification marking top and bottom; none hides both banners."""
        text = marking.upper() if marking else ""
        bg, fg = banner_colors(marking or "UNCLASSIFIED")
        for b in (self.banner_top, self.banner_bottom):
            b.setText(text)
            b.setVisible(bool(text))
            b.setStyleSheet(f"QLabel {{ background: {bg.name()}; color: {fg.name()}; font-weight: bold;"
                            " letter-spacing: 1px; padding: 3px; }")
        self.banner_bar.setVisible(bool(text))  # else an empty coloured strip stays at the bottom

    def set_file(self, path: Path | None) -> None:
        self.file_label.setText(str(path) if path else "")

    def loading(self, busy: bool) -> None:
        """A load started (the progress bar shows if it takes a while) or ended."""
        if busy:
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()

    def set_unsaved(self, unsaved: bool) -> None:
        self.unsaved_label.setVisible(unsaved)
