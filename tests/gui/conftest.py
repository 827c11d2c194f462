"""GUI test set-up: QSettings isolated in a temporary folder for every test,
and a main window with the sample briefing loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, qapp):
    """Point every QSettings at a fresh folder so tests never touch the user's settings."""
    from PySide6.QtCore import QSettings, QStandardPaths

    folder = tmp_path_factory.mktemp("settings")
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def prompts():
    """The scripted stand-in for every message box and file chooser the window would show."""
    from .prompts import ScriptedPrompts

    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, prompts):
    from briefing_app.gui.window.main_window import MainWindow

    w = MainWindow(prompts=prompts)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    with qtbot.waitActive(w):  # shortcuts reach the active window only
        w.show()
        w.activateWindow()
    yield w
    w.close()


def open_and_wait(qtbot, window, path: Path, timeout: int = 10_000):
    """Open a file as a drop or Open Recent does (no file chooser); waits until it is shown."""
    with qtbot.waitSignal(window.briefing_changed, timeout=timeout):
        window.open_path(path)


def open_with_file_menu(qtbot, window, path: Path, timeout: int = 10_000):
    """File › Open (Ctrl+O), the scripted file chooser answering `path`; waits until it is shown."""
    window.prompts.answer("open_file", path)
    with qtbot.waitSignal(window.briefing_changed, timeout=timeout):
        press(qtbot, window, "Ctrl+O")


@pytest.fixture
def loaded(qtbot, window):
    open_with_file_menu(qtbot, window, SAMPLE)
    return window


def press(qtbot, window, keys: str) -> None:
    """Press a shortcut (`"Alt+Left"`, `"Ctrl+2"`) as the analyst would, with the window focused."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(keys)[0]
    if not window.isActiveWindow():  # e.g. a dialog had the keyboard
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    target = window.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def click_section(qtbot, window, section: str) -> None:
    """Click a section in the navigator."""
    from PySide6.QtCore import Qt

    nav = window.pages.navigator
    row = nav.section_row(section)
    rect = nav.visualRect(nav.model().index(row, 0))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_link(qtbot, view, target: str) -> None:
    """Click the link to `target` (an address, `show:<address>#<n>`, `section:<name>`) in a text view."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QTextCursor

    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == f"el:{target}":
                cur = QTextCursor(doc)
                cur.setPosition(frag.position() + min(1, frag.length() - 1))
                view.setTextCursor(cur)
                view.ensureCursorVisible()
                rect = view.cursorRect(cur)
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {target!r} in {view.objectName()}")
