"""One definition in the GUI: element labels say what an element is, never its id; every action,
the annotation ones included, is in the registry and in Help › Keyboard Shortcuts."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from briefing_app.core.briefing.kinds import element_title
from briefing_app.gui.actions import ActionName
from briefing_app.gui.dialogs.shortcuts import ShortcutsDialog

from .conftest import SAMPLE, press
from .test_annotation_gui import CTRL, SHIFT, annotation_window, click_into, editor_input

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def annotated(qtbot, tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w, ctl, _prompts = annotation_window(qtbot, path)
    yield w, ctl
    w.close()


def test_the_editor_names_the_element_by_its_words_not_its_id(annotated, qtbot):
    w, ctl = annotated
    kp = w.briefing.summary.key_points[0]
    click_into(qtbot, w.overview.view, kp.address, "text")
    seen = []
    ctl.prompts.answer("run", editor_input(qtbot, accept=False, seen=seen))
    qtbot.keyClick(w.overview.view, Qt.Key.Key_E, CTRL | SHIFT)
    title = seen[0].windowTitle()
    assert title == f"Annotate Key point: {element_title(w.briefing, kp.address)}"
    assert kp.id not in title


def test_the_inspector_and_the_source_marks_name_citing_elements_without_ids(loaded, qtbot):
    w = loaded
    press(qtbot, w, "Ctrl+6")
    text = w.inspector.toPlainText()
    assert "cited by" in text.lower()
    b = w.briefing
    citing = {sp.address for sp in b.evidence_spans(b.sources[0].id)}
    for address in citing:
        assert address not in text
    kp = next(a for a in citing if a.startswith("key_points/"))
    assert element_title(b, kp) in text
    tips = [h.tooltip for h in w.pages.sources.text.highlight_layer("evidence")]
    assert tips and not any("/" in t.split(":", 1)[0] for t in tips)
    assert any(t.startswith("Key point evidence: ") for t in tips)


def test_f1_lists_find_search_relations_and_the_annotation_actions(annotated, qtbot):
    w, ctl = annotated
    press(qtbot, w, "F1")
    dialog = w.findChild(ShortcutsDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    model = dialog.model
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    listed = " | ".join(f"{k} = {v}" for k, v in rows.items())
    for text, keys in (("Find in Page", "Ctrl+F"), ("Search Briefing", "Ctrl+Shift+F"), ("Find Next", "F3"),
                       ("Relations", "Ctrl+3"), ("Annotate", "Ctrl+Shift+N"),
                       ("Annotate Whole Element", "Ctrl+Shift+E")):
        assert any(k == text and keys in v for k, v in rows.items()), (text, listed)
    assert any(k.startswith("1  Highlight as ") for k in rows), listed
    dialog.close()
    registry = ctl.actions.registry
    assert registry[ActionName.ANNOTATE] is ctl.actions.annotate_action
    assert {a.objectName() for a in registry.values()} >= {"action_annotate", "action_highlight_yellow",
                                                           "action_annotation_prefs", "action_export_w3c"}
