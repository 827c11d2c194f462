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
def window(qtbot):
    from briefing_app.gui.window.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def open_and_wait(qtbot, window, path: Path, timeout: int = 10_000):
    with qtbot.waitSignal(window.briefing_changed, timeout=timeout):
        window.open_path(path)


@pytest.fixture
def loaded(qtbot, window):
    open_and_wait(qtbot, window, SAMPLE)
    return window
