"""The reader window's chrome: classification banners, menus, toolbar, docks, status bar.

Everything here is built before the first paint, so it imports only what
that paint needs; the section pages and the inspector it frames start as
placeholders (gui/lazy_pages.py). Menus and the toolbar are made from the
action registry's lists (gui/actions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.actions import MENUS, RECENT_MENU, SEPARATOR, TOOLBAR, ActionName
from briefing_app.gui.theme import banner_colors
from briefing_app.gui.window.lazy_pages import placeholder

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStackedWidget

    from briefing_app.gui.pages.navigator import Navigator

__all__ = ["WindowChrome"]


class WindowChrome:
    """The part of `MainWindow` that builds its frame around the navigator and the page stack."""

    # provided by MainWindow (and LazyPages)
    actions: dict[ActionName, QAction]
    navigator: Navigator
    stack: QStackedWidget

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
        self.banner_bar = bottom  # a widget in a tool bar is hidden through the bar (see _update_banner)
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

    def _update_banner(self, marking: str) -> None:
        text = marking.upper() if marking else ""
        bg, fg = banner_colors(marking or "UNCLASSIFIED")
        for b in (self.banner_top, self.banner_bottom):
            b.setText(text)
            b.setVisible(bool(text))
            b.setStyleSheet(f"QLabel {{ background: {bg.name()}; color: {fg.name()}; font-weight: bold;"
                            " letter-spacing: 1px; padding: 3px; }")
        self.banner_bar.setVisible(bool(text))  # else an empty coloured strip stays at the bottom
