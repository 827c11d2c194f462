"""Annotate Whole Element (Ctrl+Shift+E) annotates the element the analyst is looking at, named in words.

Issue 10, defect 1: Sources → click in the text; Actors → click Japan; Ctrl+Shift+E used to open
"Annotate Source: …" because the target came from the last text view that had the keyboard.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .conftest import SAMPLE, click_section, press
from .test_annotation_gui import annotation_window, click_into, editor_input

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def annotated(qtbot, tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w, ctl, _prompts = annotation_window(qtbot, path)
    yield w, ctl, path
    w.close()


def _click_actor(qtbot, w, name: str) -> None:
    page = w.pages.actors
    proxy = page.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == name)
    rect = page.view.visualRect(proxy.index(row, 0))
    qtbot.mouseClick(page.view.viewport(), LEFT, pos=rect.center())


def test_ctrl_shift_e_annotates_the_actor_shown_not_the_last_text_view(annotated, qtbot):
    w, ctl, _path = annotated
    click_section(qtbot, w, "sources")
    source = w.pages.sources
    src = w.briefing.sources[0]
    click_into(qtbot, source.text, src.address, "text", offset=5)
    assert w.focusWidget() is source.text
    click_section(qtbot, w, "actors")
    _click_actor(qtbot, w, "Japan")
    assert w.inspector.address == "actors/japan"
    seen = []
    ctl.prompts.answer("run", editor_input(qtbot, note="Japan's view", seen=seen))
    press(qtbot, w, "Ctrl+Shift+E")
    (a,) = ctl.own
    assert (a.target, a.field, a.note) == ("actors/japan", None, "Japan's view")
    # the editor says what it annotates in its body, in words, not only in its title bar
    target = seen[0].findChild(QLabel, "annotation_target")
    assert target is not None and target.text() == "On Actor: Japan"
    assert "japan" not in target.text().split(":", 1)[1].replace("Japan", "")
    assert seen[0].windowTitle() == "Annotate Actor: Japan"
