"""SIGTERM, SIGINT and SIGHUP end the app cleanly (issue 11, defect 5): a real process, a real signal.

The app is started headless on a copy of the sample; once it holds its
annotation layer's lock (and, in the scripted run, has an annotation added
through the undo stack that the autosave timer would only write an hour
later), the test sends the signal and waits for the process to end: exit 0,
no `.lock` left, the edit on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.core.annotations import load_layer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "briefings" / "japan-nato-liaison-office.yaml"

#: The reader window with annotations, an unsaved edit, and the app's termination handler.
SCRIPT = r"""
import sys
from pathlib import Path

import briefing_app.gui  # noqa: F401 (the PySide6 check first)
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from briefing_app.gui.signals import install_termination_handler

install_termination_handler(app)
import briefing_app.gui.annotations.controller as controller

controller.AUTOSAVE_MS = 3_600_000  # the edit stays pending: only the shutdown can save it
from briefing_app.core.annotations import Annotation, utc_now
from briefing_app.gui.annotations.undo import AddAnnotation
from briefing_app.gui.window.main_window import MainWindow

window = MainWindow()
window.show()


def shown(briefing):
    window.briefing_changed.disconnect(shown)
    annotations = controller.install_annotations(window)
    now = utc_now()
    edit = Annotation("unsaved-edit", "summary", note="made just before the signal", created=now, modified=now)
    window.undo_stack.push(AddAnnotation(annotations.own, edit))
    assert not window.undo_stack.isClean()
    Path(sys.argv[2]).write_text("ready")


window.briefing_changed.connect(shown)
window.open_path(Path(sys.argv[1]))
sys.exit(app.exec())
"""


def _wait_for(condition: Callable[[], bool], what: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the app ended (status {proc.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {what} within {timeout} s")
        time.sleep(0.05)


@pytest.fixture
def workdir(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "brief.yaml")
    return tmp_path


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return env


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_saves_the_pending_edit_releases_the_lock_and_exits_0(workdir, sig):
    ready = workdir / "ready"
    lock = workdir / "brief.annotations.yaml.lock"
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(workdir / "brief.yaml"), str(ready)],
                            env=_env(workdir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(ready.exists, "the unsaved edit", proc)
    assert lock.exists() and not (workdir / "brief.annotations.yaml").exists()
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert not lock.exists()
    saved = load_layer(workdir / "brief.annotations.yaml")
    assert saved.get("unsaved-edit").note == "made just before the signal"


def test_briefing_app_ends_cleanly_on_sigterm(workdir):
    """`briefing-app FILE` itself (gui/app.py installs the handler): the lock goes, status 0."""
    lock = workdir / "brief.annotations.yaml.lock"
    proc = subprocess.Popen([sys.executable, "-m", "briefing_app.cli", str(workdir / "brief.yaml")],
                            env=_env(workdir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lock.exists, "annotation lock", proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert not lock.exists()
