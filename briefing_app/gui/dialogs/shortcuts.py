"""Help › Keyboard Shortcuts: every shortcut of the window, generated from its actions.

The list is made from what the window really has, never written by hand: the
menu bar's menus in order (the action registry's menus, and any menu added
later, such as Annotations), then actions that sit on the window without a
menu entry. Each row is an action's text (without `&`), its shortcuts in the
platform's notation, and the menu it lives in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeView,
    QVBoxLayout,
)

__all__ = ["shortcut_rows", "shortcut_keys", "ShortcutsDialog", "SHARED_KEYS_NOTE"]

#: Keys that change owner with the page (gui/views/text_zoom.py): said once under the list.
SHARED_KEYS_NOTE = ("Ctrl++, Ctrl+- and Ctrl+0 zoom the timeline on the Timeline page, "
                    "and make the text larger, smaller or normal everywhere else.")


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\u2026", "").strip()


#: Keys past F12 in Qt's numbering (F13-F35, and dedicated keys such as Undo, Copy, Back): the
#: platform's standard shortcuts include them for keyboards that have them, few analysts' do.
_LAST_COMMON_KEY = Qt.Key.Key_F12.value


def _on_common_keyboards(seq: QKeySequence) -> bool:
    # characters count lower; QKeySequence is indexable (operator[]), which its stubs leave out
    return all(seq[i].key().value <= _LAST_COMMON_KEY for i in range(seq.count()))  # type: ignore[index]


def shortcut_keys(action: QAction) -> str:
    """The action's shortcuts in the platform's notation, leaving out keys few keyboards have
    ('Ctrl+Z, F14, Undo' reads 'Ctrl+Z'; an action with only such keys reads '')."""
    common = [s for s in action.shortcuts() if not s.isEmpty() and _on_common_keyboards(s)]
    return ",  ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in common)


def _submenu(action: QAction) -> QMenu | None:
    """The menu an action opens (QtGui's stubs type `QAction.menu()` as a QObject)."""
    menu = action.menu()
    return menu if isinstance(menu, QMenu) else None


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, QAction]]:
    out: list[tuple[str, QAction]] = []
    for act in menu.actions():
        if act.isSeparator():
            continue
        sub = _submenu(act)
        if sub is not None:
            out += _menu_actions(sub, f"{path} \u203a {_clean(act.text())}")
        else:
            out.append((path, act))
    return out


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """`(menu, action text, shortcuts)` for every action of the window that has a shortcut."""
    seen: set[int] = set()
    rows: list[tuple[str, str, str]] = []

    def add(where: str, act: QAction) -> None:
        if id(act) in seen or not shortcut_keys(act) or not act.text():
            return
        seen.add(id(act))
        rows.append((where, _clean(act.text()), shortcut_keys(act)))

    bar = getattr(window, "menu_bar", None) or window.menuBar()
    for top in bar.actions():
        menu = _submenu(top)
        if menu is not None:
            for where, act in _menu_actions(menu, _clean(top.text())):
                add(where, act)
    for act in window.findChildren(QAction):
        add("Window", act)
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Action", "Shortcut", "Menu"])
        for where, text, keys in shortcut_rows(window):
            items = [QStandardItem(text), QStandardItem(keys), QStandardItem(where)]
            for it in items:
                it.setEditable(False)
            self.model.appendRow(items)
        self.view = QTreeView()
        self.view.setObjectName("shortcuts_list")
        self.view.setAccessibleName("Keyboard shortcuts")
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        h = self.view.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)
        self.note = QLabel(SHARED_KEYS_NOTE)
        self.note.setObjectName("shortcuts_note")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        lay.addWidget(buttons)
        self.resize(620, 520)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
