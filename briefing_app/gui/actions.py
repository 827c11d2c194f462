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

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QStyle, QWidget

__all__ = ["ActionName", "create_actions", "create_annotation_actions", "HIGHLIGHT_ACTIONS", "MENUS", "TOOLBAR", "SEPARATOR", "RECENT_MENU", "APPEARANCE_MENU",
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
    FIND_NEXT = "find_next"
    FIND_PREVIOUS = "find_previous"
    SEARCH = "search"
    BACK = "back"
    FORWARD = "forward"
    GO_OVERVIEW = "go_overview"
    GO_ACTORS = "go_actors"
    GO_RELATIONS = "go_relations"
    GO_TIMELINE = "go_timeline"
    GO_QUOTES = "go_quotes"
    GO_SOURCES = "go_sources"
    SHOW_IN_SOURCE = "show_in_source"
    TOGGLE_NAVIGATOR = "toggle_navigator"
    TOGGLE_INSPECTOR = "toggle_inspector"
    TOGGLE_PROBLEMS = "toggle_problems"
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
    # the Annotations menu's (made by `create_annotation_actions` when annotations are installed)
    HIGHLIGHT_YELLOW = "highlight_yellow"
    HIGHLIGHT_GREEN = "highlight_green"
    HIGHLIGHT_BLUE = "highlight_blue"
    HIGHLIGHT_PINK = "highlight_pink"
    HIGHLIGHT_ORANGE = "highlight_orange"
    HIGHLIGHT_PURPLE = "highlight_purple"
    ANNOTATE = "annotate"
    ANNOTATE_ELEMENT = "annotate_element"
    ACCEPT_POSITIONS = "accept_positions"
    OPEN_LAYER = "open_layer"
    MERGE_LAYER = "merge_layer"
    EXPORT_W3C = "export_w3c"
    EXPORT_MARKDOWN = "export_markdown"
    ANNOTATION_PREFS = "annotation_prefs"


SK = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


class _Spec(NamedTuple):
    text: str
    tip: str
    shortcuts: tuple[SK | str, ...] = ()
    theme_icon: str = ""
    style_icon: SP | None = None
    checkable: bool = False
    #: the shortcut works only while the widget the action is added to has the keyboard (the highlight
    #: keys 1–6 on text views: a bare digit must never fire while the analyst types in a field)
    widget_shortcut: bool = False


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
    ActionName.FIND: _Spec("&Find in Page…", "Find text on the page shown", (SK.Find,), "edit-find"),
    ActionName.FIND_NEXT: _Spec("Find &Next", "Go to the next match on the page", (SK.FindNext,), "go-down"),
    ActionName.FIND_PREVIOUS: _Spec("Find Pre&vious", "Go to the previous match on the page", (SK.FindPrevious,),
                                    "go-up"),
    ActionName.SEARCH: _Spec("&Search Briefing…", "Search every text field, source, note and tag",
                             ("Ctrl+Shift+F", "Ctrl+K"), "system-search", SP.SP_FileDialogContentsView),
    ActionName.BACK: _Spec("&Back", "Go back to the previous place", (SK.Back,), "go-previous", SP.SP_ArrowBack),
    ActionName.FORWARD: _Spec("&Forward", "Go forward again", (SK.Forward,), "go-next", SP.SP_ArrowForward),
    ActionName.GO_OVERVIEW: _Spec("&Overview", "Title, bottom line and key points", ("Ctrl+1",)),
    ActionName.GO_ACTORS: _Spec("&Actors", "People, states and organisations", ("Ctrl+2",)),
    ActionName.GO_RELATIONS: _Spec("&Relations", "Who is linked to whom: a link chart and a table", ("Ctrl+3",)),
    ActionName.GO_TIMELINE: _Spec("&Timeline", "Events in date order", ("Ctrl+4",)),
    ActionName.GO_QUOTES: _Spec("&Quotes", "What was said, by whom", ("Ctrl+5",)),
    ActionName.GO_SOURCES: _Spec("&Sources", "The source texts with their cited passages", ("Ctrl+6",)),
    ActionName.SHOW_IN_SOURCE: _Spec("Show in &Source", "Show the selected element's evidence in its source",
                                     ("Ctrl+Shift+S",), "go-jump"),
    ActionName.TOGGLE_NAVIGATOR: _Spec("&Navigator", "Show or hide the section list", ("F9",), checkable=True),
    ActionName.TOGGLE_INSPECTOR: _Spec("&Inspector", "Show or hide the details pane", ("Ctrl+I",),
                                       checkable=True),
    ActionName.TOGGLE_PROBLEMS: _Spec("&Problems", "Show or hide the briefing's problems and tradecraft findings",
                                      ("Ctrl+Shift+M",), checkable=True),
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

#: The highlight action of each annotation colour (core.annotations.COLORS), in key order 1–6.
HIGHLIGHT_ACTIONS: dict[str, ActionName] = {
    "yellow": ActionName.HIGHLIGHT_YELLOW, "green": ActionName.HIGHLIGHT_GREEN, "blue": ActionName.HIGHLIGHT_BLUE,
    "pink": ActionName.HIGHLIGHT_PINK, "orange": ActionName.HIGHLIGHT_ORANGE, "purple": ActionName.HIGHLIGHT_PURPLE}

_ANNOTATION_SPECS: dict[ActionName, _Spec] = {
    **{name: _Spec(f"&{i}  Highlight as {color}", f"Highlight the selection in {color}", (str(i),),
                   widget_shortcut=True)
       for i, (color, name) in enumerate(HIGHLIGHT_ACTIONS.items(), 1)},
    ActionName.ANNOTATE: _Spec("&Annotate\u2026",
                               "Add a note to the selection, or to the element when nothing is selected",
                               ("Ctrl+Shift+N",)),
    ActionName.ANNOTATE_ELEMENT: _Spec("Annotate Whole &Element\u2026", "Add a note to the whole element shown",
                                       ("Ctrl+Shift+E",)),
    ActionName.ACCEPT_POSITIONS: _Spec("Accept New Positions on the Changed Briefing",
                                       "Keep the annotations where they now stand on the changed briefing"),
    ActionName.OPEN_LAYER: _Spec("Open Colleague's Layer\u2026", "Show a colleague's annotations, read-only"),
    ActionName.MERGE_LAYER: _Spec("Merge a Layer into Mine\u2026", "Copy a colleague's annotations into yours"),
    ActionName.EXPORT_W3C: _Spec("Export as W3C Web Annotations\u2026", "Write the annotations as W3C JSON-LD"),
    ActionName.EXPORT_MARKDOWN: _Spec("Export as Markdown\u2026", "Write the annotations as a Markdown report"),
    ActionName.ANNOTATION_PREFS: _Spec("Annotation &Preferences\u2026",
                                       "What each highlight colour means, and your name"),
}

MENUS: dict[str, list[str]] = {
    "&File": [ActionName.OPEN, RECENT_MENU, ActionName.RELOAD, SEPARATOR, ActionName.EXPORT_PDF,
              SEPARATOR, ActionName.QUIT],
    "&Edit": [ActionName.UNDO, ActionName.REDO, SEPARATOR, ActionName.COPY, SEPARATOR, ActionName.FIND,
              ActionName.FIND_NEXT, ActionName.FIND_PREVIOUS, ActionName.SEARCH],
    "&View": [ActionName.TOGGLE_NAVIGATOR, ActionName.TOGGLE_INSPECTOR, ActionName.TOGGLE_PROBLEMS, SEPARATOR, APPEARANCE_MENU, SEPARATOR,
              ActionName.TEXT_ZOOM_IN, ActionName.TEXT_ZOOM_OUT, ActionName.TEXT_ZOOM_RESET, SEPARATOR,
              ActionName.TIMELINE_ZOOM_IN, ActionName.TIMELINE_ZOOM_OUT, ActionName.TIMELINE_FIT],
    "&Go": [ActionName.BACK, ActionName.FORWARD, SEPARATOR, ActionName.GO_OVERVIEW, ActionName.GO_ACTORS,
            ActionName.GO_RELATIONS, ActionName.GO_TIMELINE, ActionName.GO_QUOTES, ActionName.GO_SOURCES, SEPARATOR,
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


def _set_up(action: QAction, name: ActionName, spec: _Spec) -> QAction:
    action.setObjectName(f"action_{name.value}")
    action.setIcon(_icon(spec))
    action.setShortcuts(_shortcuts(spec))
    if spec.widget_shortcut:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    tip = spec.tip
    if action.shortcut() and not action.shortcut().isEmpty():
        tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(spec.tip)
    action.setCheckable(spec.checkable)
    return action


def create_actions(parent: QWidget, undo_stack: QUndoStack) -> dict[ActionName, QAction]:
    """Make every window action once. Undo/Redo come from the window's undo stack."""
    actions: dict[ActionName, QAction] = {}
    for name, spec in _SPECS.items():
        if name is ActionName.UNDO:
            action = undo_stack.createUndoAction(parent, "&Undo")
        elif name is ActionName.REDO:
            action = undo_stack.createRedoAction(parent, "&Redo")
        else:
            action = QAction(spec.text, parent)
        actions[name] = _set_up(action, name, spec)
    return actions


def create_annotation_actions(parent: QWidget) -> dict[ActionName, QAction]:
    """Make the Annotations menu's actions (gui/annotations/actions.py wires and titles them)."""
    return {name: _set_up(QAction(spec.text, parent), name, spec) for name, spec in _ANNOTATION_SPECS.items()}
