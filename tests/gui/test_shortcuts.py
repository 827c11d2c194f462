"""Keyboard shortcuts: none shared between two actions, and Help › Keyboard Shortcuts lists them all."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtGui import QAction, QKeySequence

from briefing_app.gui.actions import ActionName

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _full_window(w):
    from briefing_app.gui.annotations.controller import install_annotations

    install_annotations(w)
    for section in ("overview", "actors", "timeline", "quotes", "sources", "search"):
        w.pages.page(section)
    w.pages.inspector  # noqa: B018 (builds it)
    return w


def test_no_two_actions_share_a_shortcut(loaded):
    w = _full_window(loaded)
    owners: dict[str, set[str]] = defaultdict(set)
    for act in w.findChildren(QAction):
        for seq in act.shortcuts():
            if not seq.isEmpty():
                owners[seq.toString(QKeySequence.SequenceFormat.PortableText)].add(
                    act.objectName() or act.text() or str(id(act)))
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes
    # the navigator toggle no longer takes Annotate's Ctrl+Shift+N
    nav = w.actions[ActionName.TOGGLE_NAVIGATOR]
    assert QKeySequence("Ctrl+Shift+N") not in nav.shortcuts() and not nav.shortcut().isEmpty()


def test_shortcuts_dialog_lists_every_action_with_a_shortcut(loaded, qtbot):
    from briefing_app.gui.dialogs.shortcuts import shortcut_rows

    w = _full_window(loaded)
    rows = shortcut_rows(w)
    texts = {text for _m, text, _k in rows}
    for act in w.findChildren(QAction):
        if act.text() and not act.shortcut().isEmpty():
            clean = act.text().replace("&", "").replace("\u2026", "").strip()
            assert clean in texts, act.objectName()
    assert any(m == "Annotations" and "Annotate" in t for m, t, _k in rows)
    dialog = w.shortcuts_dialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(rows)
    w.actions[ActionName.SHORTCUTS].trigger()
    shown = w.findChild(type(dialog), "shortcuts_dialog")
    assert shown is not None
    assert QKeySequence("F1") in w.actions[ActionName.SHORTCUTS].shortcuts()


def test_help_menu_has_shortcuts_and_about_qt(loaded):
    w = loaded
    names = [a.objectName() for a in w.chrome.menus["Help"].actions()]
    assert "action_shortcuts" in names and "action_about_qt" in names
    w.actions[ActionName.ABOUT_QT].trigger()
    assert w.prompts.asked[-1][0] == "about_qt"


def test_the_list_leaves_out_keys_few_keyboards_have(qapp):
    """X11's standard Undo is 'Ctrl+Z, F14, Undo': the list shows Ctrl+Z; an action bound only to
    such a key still shows it."""
    from PySide6.QtCore import Qt

    from briefing_app.gui.dialogs.shortcuts import shortcut_keys

    undo = QAction("Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_F14), QKeySequence(Qt.Key.Key_Undo),
                       QKeySequence("Ctrl+Ins")])
    assert shortcut_keys(undo).split(",  ") == [QKeySequence("Ctrl+Z").toString(QKeySequence.SequenceFormat.NativeText),
                                        QKeySequence("Ctrl+Ins").toString(QKeySequence.SequenceFormat.NativeText)]
    odd = QAction("Odd")
    odd.setShortcut(QKeySequence(Qt.Key.Key_F14))
    assert shortcut_keys(odd) == QKeySequence(Qt.Key.Key_F14).toString(QKeySequence.SequenceFormat.NativeText)
