"""Annotating in the reader: select → highlight → note → undo → redo → autosave, lock, panel, orphans."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, load_layer, save_layer

from .conftest import SAMPLE, open_and_wait

# The offscreen platform plugin warns on every first show; nothing to do with annotations.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def annotated(qtbot, tmp_path):
    """A window with annotations installed, on a copy of the sample in a temp folder."""
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    QApplication.instance().setProperty("annotations_no_dialogs", True)
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w = MainWindow()
    qtbot.addWidget(w)
    ctl = install_annotations(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, w, path)
    yield w, ctl, path
    w.close()


def _select(view, address, field, start, end):
    (a, b), = view.document_range(address, field, start, end)[:1]
    c = view.textCursor()
    c.setPosition(a)
    c.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(c)
    view.setFocus()


def _layer_file(path):
    return path.with_name("brief.annotations.yaml")


def test_select_highlight_note_undo_redo_autosave(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    bluf = w.briefing.summary.bluf
    _select(view, "summary", "bluf", 4, 30)
    assert view.selected_field_range() == ("summary", "bluf", 4, 30)
    qtbot.keyClick(view, "1")  # colour key 1: yellow, "key judgment"
    assert len(ctl.own) == 1
    a = next(iter(ctl.own))
    assert (a.color, a.selector.exact, a.field) == ("yellow", bluf[4:30], "bluf")
    # drawn in the overview (and every view showing the BLUF)
    hl = [h for h in view._layers["extra"] if h.address == "summary"]
    assert [(h.start, h.end) for h in hl] == [(4, 30)] and "key judgment" in hl[0].tooltip
    # a note
    assert ctl.update(a.id, note="**Firm** judgment", tags=("core",), confidence="high")
    assert ctl.own.get(a.id).note == "**Firm** judgment"
    assert not w.undo_stack.isClean()
    # autosave within 2 s
    qtbot.waitUntil(lambda: _layer_file(path).exists() and w.undo_stack.isClean(), timeout=2000)
    on_disk = load_layer(_layer_file(path))
    assert on_disk.get(a.id).note == "**Firm** judgment" and on_disk.get(a.id).confidence == "high"
    # undo the note, then the highlight; redo both
    w.undo_stack.undo()
    assert ctl.own.get(a.id).note == ""
    w.undo_stack.undo()
    assert len(ctl.own) == 0
    assert not [h for h in view._layers["extra"] if h.address == "summary"]
    w.undo_stack.redo()
    w.undo_stack.redo()
    assert ctl.own.get(a.id).note == "**Firm** judgment"
    qtbot.waitUntil(lambda: w.undo_stack.isClean(), timeout=2000)
    assert load_layer(_layer_file(path)).get(a.id).note == "**Firm** judgment"
    # panel lists it with its label, note and tags
    panel = w.annotation_dock.panel
    assert panel.proxy.rowCount() == 1
    row = [panel.proxy.index(0, c).data() for c in range(7)]
    assert row[0] == "key judgment" and "Firm" in row[2] and row[3] == "core" and row[4] == "high"
    # edit menu entries exist for undo/redo
    assert w.undo_stack.undoText().startswith("Edit") or w.undo_stack.undoText()


def test_reopen_restores_highlights(annotated, qtbot, tmp_path):
    w, ctl, path = annotated
    view = w.overview.view
    _select(view, "summary", "bluf", 0, 10)
    ctl.highlight_selection("pink", view)
    assert ctl.save_now()
    w.close()
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    w2 = MainWindow()
    qtbot.addWidget(w2)
    ctl2 = install_annotations(w2)
    w2.show()
    open_and_wait(qtbot, w2, path)
    assert len(ctl2.own) == 1 and not ctl2.own.read_only
    assert [(h.start, h.end) for h in w2.overview.view._layers["extra"]] == [(0, 10)]
    w2.close()


def test_second_instance_opens_read_only(annotated, qtbot):
    w, ctl, path = annotated
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    w2 = MainWindow()
    qtbot.addWidget(w2)
    ctl2 = install_annotations(w2)
    open_and_wait(qtbot, w2, path)
    assert ctl2.own.read_only and "another Briefing Reader window" in ctl2.own.read_only_reason
    assert "read-only" in w2.annotation_dock.panel.status.text()
    _select(w2.overview.view, "summary", "bluf", 0, 5)
    assert ctl2.highlight_selection("yellow", w2.overview.view) is None
    assert "read-only" in ctl2.last_message
    w2.close()


def test_corrupt_layer_is_kept_and_offered_a_new_one(qtbot, tmp_path):
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    QApplication.instance().setProperty("annotations_no_dialogs", True)
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    bad = b"format: annotations/1\nbriefing: x\nannotations: [\n"
    _layer_file(path).write_bytes(bad)
    w = MainWindow()
    qtbot.addWidget(w)
    ctl = install_annotations(w)
    open_and_wait(qtbot, w, path)
    assert ctl.own.read_only and "cannot be read" in ctl.own.read_only_reason
    assert ctl.offer_path == tmp_path / "brief-2.annotations.yaml"
    ctl.start_new_layer(ctl.offer_path)
    assert not ctl.own.read_only
    _select(w.overview.view, "summary", "bluf", 0, 5)
    ctl.highlight_selection("green", w.overview.view)
    assert ctl.save_now()
    assert _layer_file(path).read_bytes() == bad
    assert len(load_layer(tmp_path / "brief-2.annotations.yaml")) == 1
    w.close()


def test_revised_briefing_reanchors_and_lists_orphans(qtbot, tmp_path):
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    QApplication.instance().setProperty("annotations_no_dialogs", True)
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    b = load_briefing(path)
    q = b.quotes[0]
    layer = AnnotationLayer(b.id, briefing_digest="sha256:" + "0" * 64, author="A. Analyst", annotations=[
        Annotation("q1", q.address, "text", Selector.from_text(q.text, 3, 20), "yellow"),
        Annotation("gone", "actors/no-longer-here", None, None, "pink", note="orphan"),
    ])
    save_layer(layer, _layer_file(path))
    w = MainWindow()
    qtbot.addWidget(w)
    ctl = install_annotations(w)
    open_and_wait(qtbot, w, path)
    assert "orphaned" in ctl.last_message
    panel = w.annotation_dock.panel
    assert panel.orphan_proxy.rowCount() == 1 and panel.proxy.rowCount() == 1
    assert "Orphans (1)" in panel.orphan_label.text()
    # nothing is rewritten behind the analyst's back: the file keeps the digest it was made on
    on_disk = _layer_file(path).read_bytes()
    qtbot.wait(1500)  # longer than the autosave delay
    assert _layer_file(path).read_bytes() == on_disk
    assert "0 fuzzy, 1 orphaned" in panel.notice.text.text() and panel.notice.isVisibleTo(panel)
    # accepting records this version's digest; the orphan stays in the file, unchanged
    ctl.accept_new_positions()
    qtbot.waitUntil(lambda: load_layer(_layer_file(path)).briefing_digest != "sha256:" + "0" * 64, timeout=2000)
    assert load_layer(_layer_file(path)).get("gone") == layer.get("gone")
    assert load_layer(_layer_file(path)).get("q1") == layer.get("q1")
    # clicking the quote's row jumps there (with history)
    before = len(w.history.places)
    ctl.jump_to(ctl.own, "q1")
    assert w.inspector.address == q.address and len(w.history.places) > before
    w.close()


def test_colleague_layer_read_only_and_merge(annotated, qtbot, tmp_path):
    w, ctl, path = annotated
    b = w.briefing
    other = AnnotationLayer(b.id, author="B. Colleague", annotations=[
        Annotation("c1", "summary", "bluf", Selector.from_text(b.summary.bluf, 0, 12), "blue", note="theirs",
                   author="B. Colleague"),
    ])
    save_layer(other, tmp_path / "colleague.annotations.yaml")
    layer = ctl.add_colleague_layer(tmp_path / "colleague.annotations.yaml")
    assert layer.read_only and "B. Colleague" in layer.read_only_reason
    panel = w.annotation_dock.panel
    assert panel.proxy.rowCount() == 1
    assert "B. Colleague" in panel.proxy.index(0, 6).data()
    # filter by author and colour
    i = panel.author_box.findData("B. Colleague")
    panel.author_box.setCurrentIndex(i)
    assert panel.proxy.rowCount() == 1
    panel.color_box.setCurrentIndex(panel.color_box.findData("pink"))
    assert panel.proxy.rowCount() == 0
    panel.color_box.setCurrentIndex(0)
    panel.search.setText("THEIRS")
    assert panel.proxy.rowCount() == 1
    # merge into mine: undoable
    assert ctl.merge_from(tmp_path / "colleague.annotations.yaml") == 1
    assert ctl.own.get("c1").note == "theirs"
    w.undo_stack.undo()
    assert ctl.own.get("c1") is None


def test_panel_model_passes_modeltester(annotated, qtmodeltester):
    w, ctl, path = annotated
    _select(w.overview.view, "summary", "bluf", 0, 8)
    ctl.highlight_selection("orange", w.overview.view)
    qtmodeltester.check(w.annotation_dock.panel.model)
    qtmodeltester.check(w.annotation_dock.panel.proxy)


def test_bundled_sample_layer_lives_outside_the_installation(isolated_settings):
    from briefing_app.gui.annotations.controller import own_layer_path

    p = own_layer_path(SAMPLE)
    assert SAMPLE.parent not in p.parents and p.name == "japan-nato-liaison-office.annotations.yaml"
