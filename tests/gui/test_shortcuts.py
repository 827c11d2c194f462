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
    from briefing_app.gui.dialogs.shortcuts import shortcut_keys, shortcut_rows

    w = _full_window(loaded)
    rows = shortcut_rows(w)
    texts = {text for _m, text, _k in rows}
    for act in w.findChildren(QAction):
        if act.text() and shortcut_keys(act):
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
    such a key has no key to show (its name, 'Zoom In', would read as words)."""
    from PySide6.QtCore import Qt

    from briefing_app.gui.dialogs.shortcuts import shortcut_keys

    undo = QAction("Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_F14), QKeySequence(Qt.Key.Key_Undo),
                       QKeySequence("Ctrl+Ins")])
    assert shortcut_keys(undo).split(",  ") == [QKeySequence("Ctrl+Z").toString(QKeySequence.SequenceFormat.NativeText),
                                        QKeySequence("Ctrl+Ins").toString(QKeySequence.SequenceFormat.NativeText)]
    odd = QAction("Odd")
    odd.setShortcut(QKeySequence(Qt.Key.Key_F14))
    assert shortcut_keys(odd) == ""
    zoom = QAction("Zoom")
    zoom.setShortcut(QKeySequence(Qt.Key.Key_ZoomIn))
    assert shortcut_keys(zoom) == ""


def _f1_rows(qtbot, w):
    from briefing_app.gui.dialogs.shortcuts import ShortcutsDialog

    from .conftest import press

    press(qtbot, w, "F1")
    qtbot.waitUntil(lambda: w.findChild(ShortcutsDialog) is not None and w.findChild(ShortcutsDialog).isVisible())
    dialog = w.findChild(ShortcutsDialog)
    model = dialog.model
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    note = dialog.note.text()
    dialog.close()
    qtbot.waitUntil(lambda: w.findChild(ShortcutsDialog) is None or not w.findChild(ShortcutsDialog).isVisible())
    return rows, note


def test_f1_shows_keys_not_words_and_where_the_zoom_keys_go(loaded, qtbot):
    """Away from the Timeline its zoom actions hold only the dedicated Zoom keys: no row says 'Zoom In'."""
    from .conftest import press

    w = loaded
    rows, note = _f1_rows(qtbot, w)
    for text, keys in rows.items():
        for part in keys.split(",  "):
            seq = QKeySequence.fromString(part, QKeySequence.SequenceFormat.NativeText)
            assert not seq.isEmpty() and seq.toString(QKeySequence.SequenceFormat.NativeText) == part, (text, keys)
        assert "Zoom" not in keys, (text, keys)
    assert "Ctrl++" in note and "Timeline page" in note
    press(qtbot, w, "Ctrl+4")
    qtbot.waitUntil(lambda: w.current_section() == "timeline")
    rows, _note = _f1_rows(qtbot, w)
    assert rows["Zoom Timeline In"] == "Ctrl++" and rows["Zoom Timeline Out"] == "Ctrl+-", rows


def test_go_keys_follow_the_navigator(loaded, qtbot):
    """Ctrl+1 … Ctrl+6 go to the sections in the order the navigator lists them."""
    from briefing_app.gui.pages.sections_model import SECTIONS

    from .conftest import press

    w = loaded
    assert SECTIONS[:3] == ("overview", "actors", "relations")
    for n, section in reversed(list(enumerate(SECTIONS, 1))):
        press(qtbot, w, f"Ctrl+{n}")
        qtbot.waitUntil(lambda s=section: w.current_section() == s)
        nav = w.pages.navigator
        assert nav.currentIndex().row() == nav.section_row(section)
