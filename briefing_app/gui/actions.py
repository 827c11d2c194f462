"""The one registry of the main window's actions, and the menus built from it.

`ActionName` lists every action; `_SPECS` gives each its text, icon,
standard shortcut and status tip; `create_actions` makes them once with a
stable `objectName` (`action_<name>`) so tests and other modules find them
with `window.findChild(QAction, "action_open")` or `window.actions[ActionName.OPEN]`.
Menus and the toolbar are lists of names (`MENUS`, `TOOLBAR`); `RECENT_MENU` and
`APPEARANCE_MENU` mark where the window puts its Open Recent and Appearance submenus.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QStyle, QWidget

__all__ = ["ActionName", "create_actions", "MENUS", "TOOLBAR", "SEPARATOR", "RECENT_MENU", "APPEARANCE_MENU",
           "APPEARANCE_ACTIONS"]

SEPARATOR = "-"
RECENT_MENU = "@recent"
APPEARANCE_MENU = "@appearance"

#: The Appearance setting's values (gui/settings.py) and the action that chooses each.
APPEARANCE_ACTIONS = {"system": "appearance_system", "light": "appearance_light", "dark": "appearance_dark"}


class ActionName(StrEnum):
    OPEN = "open"
    RELOAD = "reload"
    EXPORT_PDF = "export_pdf"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    COPY = "copy"
    FIND = "find"
    BACK = "back"
    FORWARD = "forward"
    GO_OVERVIEW = "go_overview"
    GO_ACTORS = "go_actors"
    GO_TIMELINE = "go_timeline"
    GO_QUOTES = "go_quotes"
    GO_SOURCES = "go_sources"
    SHOW_IN_SOURCE = "show_in_source"
    TOGGLE_NAVIGATOR = "toggle_navigator"
    TOGGLE_INSPECTOR = "toggle_inspector"
    APPEARANCE_SYSTEM = "appearance_system"
    APPEARANCE_LIGHT = "appearance_light"
    APPEARANCE_DARK = "appearance_dark"
    TIMELINE_ZOOM_IN = "timeline_zoom_in"
    TIMELINE_ZOOM_OUT = "timeline_zoom_out"
    TIMELINE_FIT = "timeline_fit"
    TEXT_ZOOM_IN = "text_zoom_in"
    TEXT_ZOOM_OUT = "text_zoom_out"
    TEXT_ZOOM_RESET = "text_zoom_reset"
    SHORTCUTS = "shortcuts"
    ABOUT = "about"
    ABOUT_QT = "about_qt"


SK = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


class _Spec(NamedTuple):
    text: str
    tip: str
    shortcuts: tuple[SK | str, ...] = ()
    theme_icon: str = ""
    style_icon: SP | None = None
    checkable: bool = False


_SPECS: dict[ActionName, _Spec] = {
    ActionName.OPEN: _Spec("&Open…", "Open a briefing file", (SK.Open,), "document-open", SP.SP_DialogOpenButton),
    ActionName.RELOAD: _Spec("&Reload", "Read the briefing file again", (SK.Refresh,), "view-refresh",
                             SP.SP_BrowserReload),
    ActionName.EXPORT_PDF: _Spec("&Export PDF…", "Write a PDF brief of this briefing", ("Ctrl+E",),
                                 "document-export", SP.SP_DialogSaveButton),
    ActionName.QUIT: _Spec("&Quit", "Close the reader", (SK.Quit, "Ctrl+Q"), "application-exit"),
    ActionName.UNDO: _Spec("&Undo", "Undo the last change", (SK.Undo,), "edit-undo"),
    ActionName.REDO: _Spec("&Redo", "Redo the last undone change", (SK.Redo, "Ctrl+Shift+Z"), "edit-redo"),
    ActionName.COPY: _Spec("&Copy", "Copy the selected text", (SK.Copy,), "edit-copy"),
    ActionName.FIND: _Spec("&Find…", "Search every text field and source", (SK.Find,), "edit-find",
                           SP.SP_FileDialogContentsView),
    ActionName.BACK: _Spec("&Back", "Go back to the previous place", (SK.Back,), "go-previous", SP.SP_ArrowBack),
    ActionName.FORWARD: _Spec("&Forward", "Go forward again", (SK.Forward,), "go-next", SP.SP_ArrowForward),
    ActionName.GO_OVERVIEW: _Spec("&Overview", "Title, bottom line and key points", ("Ctrl+1",)),
    ActionName.GO_ACTORS: _Spec("&Actors", "People, states and organisations", ("Ctrl+2",)),
    ActionName.GO_TIMELINE: _Spec("&Timeline", "Events in date order", ("Ctrl+3",)),
    ActionName.GO_QUOTES: _Spec("&Quotes", "What was said, by whom", ("Ctrl+4",)),
    ActionName.GO_SOURCES: _Spec("&Sources", "The source texts with their cited passages", ("Ctrl+5",)),
    ActionName.SHOW_IN_SOURCE: _Spec("Show in &Source", "Show the selected element's evidence in its source",
                                     ("Ctrl+Shift+S",), "go-jump"),
    ActionName.TOGGLE_NAVIGATOR: _Spec("&Navigator", "Show or hide the section list", ("F9",), checkable=True),
    ActionName.TOGGLE_INSPECTOR: _Spec("&Inspector", "Show or hide the details pane", ("Ctrl+I",),
                                       checkable=True),
    ActionName.APPEARANCE_SYSTEM: _Spec("&System", "Light or dark as the desktop is", checkable=True),
    ActionName.APPEARANCE_LIGHT: _Spec("&Light", "Always light", checkable=True),
    ActionName.APPEARANCE_DARK: _Spec("&Dark", "Always dark", checkable=True),
    ActionName.TIMELINE_ZOOM_IN: _Spec("Zoom Timeline &In", "Spread the timeline out", (SK.ZoomIn,), "zoom-in"),
    ActionName.TIMELINE_ZOOM_OUT: _Spec("Zoom Timeline &Out", "Squeeze the timeline", (SK.ZoomOut,), "zoom-out"),
    ActionName.TIMELINE_FIT: _Spec("&Fit Timeline", "Show the whole timeline", ("Ctrl+0",), "zoom-fit-best"),
    # Ctrl++, Ctrl+- and Ctrl+0 are the timeline's on the Timeline page (gui/views/text_zoom.py hands them over)
    ActionName.TEXT_ZOOM_IN: _Spec("&Larger Text", "Make the text larger", ("Ctrl+=", "Ctrl++"), "zoom-in"),
    ActionName.TEXT_ZOOM_OUT: _Spec("S&maller Text", "Make the text smaller", ("Ctrl+-",), "zoom-out"),
    ActionName.TEXT_ZOOM_RESET: _Spec("&Actual Text Size", "Show the text at its normal size", ("Ctrl+0",),
                                      "zoom-original"),
    ActionName.SHORTCUTS: _Spec("&Keyboard Shortcuts", "Every keyboard shortcut of the reader",
                                (SK.HelpContents, "Ctrl+/"), "help-keyboard-shortcuts"),
    ActionName.ABOUT: _Spec("&About Briefing Reader", "About this application", (), "help-about"),
    ActionName.ABOUT_QT: _Spec("About &Qt", "The Qt version this application uses", ()),
}

MENUS: dict[str, list[str]] = {
    "&File": [ActionName.OPEN, RECENT_MENU, ActionName.RELOAD, SEPARATOR, ActionName.EXPORT_PDF,
              SEPARATOR, ActionName.QUIT],
    "&Edit": [ActionName.UNDO, ActionName.REDO, SEPARATOR, ActionName.COPY, ActionName.FIND],
    "&View": [ActionName.TOGGLE_NAVIGATOR, ActionName.TOGGLE_INSPECTOR, SEPARATOR, APPEARANCE_MENU, SEPARATOR,
              ActionName.TEXT_ZOOM_IN, ActionName.TEXT_ZOOM_OUT, ActionName.TEXT_ZOOM_RESET, SEPARATOR,
              ActionName.TIMELINE_ZOOM_IN, ActionName.TIMELINE_ZOOM_OUT, ActionName.TIMELINE_FIT],
    "&Go": [ActionName.BACK, ActionName.FORWARD, SEPARATOR, ActionName.GO_OVERVIEW, ActionName.GO_ACTORS,
            ActionName.GO_TIMELINE, ActionName.GO_QUOTES, ActionName.GO_SOURCES, SEPARATOR,
            ActionName.SHOW_IN_SOURCE],
    "&Help": [ActionName.SHORTCUTS, SEPARATOR, ActionName.ABOUT, ActionName.ABOUT_QT],
}

TOOLBAR: list[str] = [ActionName.BACK, ActionName.FORWARD, SEPARATOR, ActionName.OPEN, ActionName.RELOAD,
                      ActionName.EXPORT_PDF]


def _icon(spec: _Spec) -> QIcon:
    if spec.style_icon is not None:
        fallback = QApplication.style().standardIcon(spec.style_icon)
        return QIcon.fromTheme(spec.theme_icon, fallback) if spec.theme_icon else fallback
    return QIcon.fromTheme(spec.theme_icon) if spec.theme_icon else QIcon()


def _shortcuts(spec: _Spec) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for s in spec.shortcuts:
        seqs = QKeySequence.keyBindings(s) if isinstance(s, SK) else [QKeySequence(s)]
        for seq in seqs:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out


def create_actions(parent: QWidget, undo_stack: QUndoStack) -> dict[ActionName, QAction]:
    """Make every action once. Undo/Redo come from the window's undo stack."""
    actions: dict[ActionName, QAction] = {}
    for name, spec in _SPECS.items():
        if name is ActionName.UNDO:
            action = undo_stack.createUndoAction(parent, "&Undo")
        elif name is ActionName.REDO:
            action = undo_stack.createRedoAction(parent, "&Redo")
        else:
            action = QAction(spec.text, parent)
        action.setObjectName(f"action_{name.value}")
        action.setIcon(_icon(spec))
        action.setShortcuts(_shortcuts(spec))
        tip = spec.tip
        if action.shortcut() and not action.shortcut().isEmpty():
            tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        actions[name] = action
    return actions
