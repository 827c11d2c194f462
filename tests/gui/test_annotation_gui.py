"""Annotating in the reader, driven as an analyst does: select → 1–6 → note → undo → redo → autosave,
whole elements, delete, colleagues' layers and merging, lock, orphans, saving on close.

Dialogs are answered by `ScriptedPrompts` (tests/gui/prompts.py); the note editor is filled in with
keys and accepted with its OK button. The helpers here are shared by the other annotation tests.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QMenu, QPlainTextEdit

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    Selector,
    load_layer,
    merge_layers,
    save_layer,
)
from briefing_app.gui.views.field_view import MARKER

from .conftest import SAMPLE, open_and_wait
from .prompts import ScriptedPrompts

# The offscreen platform plugin warns on every first show; nothing to do with annotations.
# The offscreen plugin also cannot raise a popup menu or let it grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


# -- driving the reader ---------------------------------------------------------------------------
def annotation_window(qtbot, path=None, prompts=None, author="T. Tester"):
    """A shown reader window with annotations installed and the prompts scripted; `path` opened.

    `author` is put in the preferences first (None: leave it unset, so the first annotation asks).
    """
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.annotations.prefs import set_author_name
    from briefing_app.gui.window.main_window import MainWindow

    if author:
        set_author_name(author)
    prompts = prompts or ScriptedPrompts()
    w = MainWindow()
    # Until MainWindow(prompts=...) is merged, the window carries the service as an attribute.
    w.prompts = prompts
    qtbot.addWidget(w)
    ctl = install_annotations(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    if path is not None:
        open_and_wait(qtbot, w, path)
    return w, ctl, prompts


def caret_point(view, doc_pos: int) -> QPoint:
    """Where the caret stands before `doc_pos`, in viewport coordinates."""
    c = QTextCursor(view.document())
    c.setPosition(doc_pos)
    return view.cursorRect(c).center()


def doc_range(view, address, field, start, end):
    view.show_range(address, field, start, end, mark=False)  # scrolled into view
    return view.document_range(address, field, start, end)[0]


def drag_select(qtbot, view, address, field, start, end):
    """Select a field's code points [start, end) with a mouse drag."""
    a, b = doc_range(view, address, field, start, end)
    qtbot.mousePress(view.viewport(), LEFT, pos=caret_point(view, a))
    qtbot.mouseMove(view.viewport(), caret_point(view, b))
    qtbot.mouseRelease(view.viewport(), LEFT, pos=caret_point(view, b))


def key_select(qtbot, view, address, field, start, end):
    """Click before `start`, then Shift+Right up to `end`."""
    a, b = doc_range(view, address, field, start, end)
    qtbot.mouseClick(view.viewport(), LEFT, pos=caret_point(view, a))
    for _ in range(b - a):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)


def click_into(qtbot, view, address, field, offset=2):
    """Put the caret inside a field with a click."""
    a, _b = doc_range(view, address, field, offset, offset + 1)
    qtbot.mouseClick(view.viewport(), LEFT, pos=caret_point(view, a))


def marks(view, address, field):
    """The annotation marks a view draws on a field, as (start, end, tooltip) in code points."""
    found = {}
    for seg in view.segments_for(address, field):
        for pos in range(seg.doc_start, seg.doc_end):
            for h in view.highlights_at(pos):
                if h.style == MARKER:
                    found[(h.start, h.end)] = h.tooltip
    return sorted((s, e, tip) for (s, e), tip in found.items())


def editor_input(qtbot, note="", tags="", confidence="", accept=True, seen=None):
    """An answer for the editor's `run` prompt: type into its fields, then press OK (or Esc)."""

    def fill(dialog: QDialog) -> bool:
        if seen is not None:
            seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        if note:
            qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "annotation_note"), note)
        if tags:
            qtbot.keyClicks(dialog.findChild(QLineEdit, "annotation_tags"), tags)
        if confidence:
            qtbot.keyClicks(dialog.findChild(QComboBox, "annotation_confidence"), confidence)
        if accept:
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, LEFT)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        window = dialog.parentWidget().window()  # as when a modal dialog closes: the window has the keyboard
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return dialog.result() == QDialog.DialogCode.Accepted

    return fill


def choose_menu_entry(qtbot, window, object_name):
    """Open the Annotations menu and click one of its entries."""
    menu = window.findChild(QMenu, "menu_annotations")
    act = window.findChild(QAction, object_name)
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(act).center())


def panel_row_point(table, row, column=1):
    return table.visualRect(table.model().index(row, column)).center()


def layer_file(path):
    return path.with_name("brief.annotations.yaml")


@pytest.fixture
def brief(tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def annotated(qtbot, brief):
    """A window with annotations installed, on a copy of the sample in a temp folder."""
    w, ctl, prompts = annotation_window(qtbot, brief)
    yield w, ctl, brief
    w.close()


# -- the flows --------------------------------------------------------------------------------------
def test_select_highlight_note_undo_redo_autosave(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    bluf = w.briefing.summary.bluf
    drag_select(qtbot, view, "summary", "bluf", 4, 30)
    assert view.selected_field_range() == ("summary", "bluf", 4, 30)  # a drag from inside "Japan"…
    qtbot.keyClick(view, "1")  # colour key 1: yellow, "key judgment"; …highlights whole words
    assert len(ctl.own) == 1
    a = next(iter(ctl.own))
    assert (a.color, a.selector.exact, a.field, a.author) == ("yellow", bluf[0:30], "bluf", "T. Tester")
    # drawn in the overview (and every view showing the BLUF)
    (drawn,) = marks(view, "summary", "bluf")
    assert drawn[:2] == (0, 30) and "key judgment" in drawn[2]
    assert "Highlighted as \u201ckey judgment\u201d" in w.statusBar().currentMessage()
    # a note: double-click its row in the Annotations panel, type into the editor, OK
    ctl.dock.raise_()
    table = ctl.dock.panel.table
    qtbot.mouseClick(table.viewport(), LEFT, pos=panel_row_point(table, 0))  # the row jumps to its place
    ctl.prompts.answer("run", editor_input(qtbot, note="**Firm** judgment", tags="core", confidence="h"))
    qtbot.mouseDClick(table.viewport(), LEFT, pos=panel_row_point(table, 0))
    assert ctl.own.get(a.id).note == "**Firm** judgment"
    assert ctl.own.get(a.id).tags == ("core",) and ctl.own.get(a.id).confidence == "high"
    assert not w.undo_stack.isClean()
    # autosave within 2 s
    qtbot.waitUntil(lambda: layer_file(path).exists() and w.undo_stack.isClean(), timeout=2000)
    on_disk = load_layer(layer_file(path))
    assert on_disk.get(a.id).note == "**Firm** judgment" and on_disk.get(a.id).confidence == "high"
    # Ctrl+Z undoes the note, then the highlight; Ctrl+Shift+Z redoes both
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert ctl.own.get(a.id).note == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert len(ctl.own) == 0
    assert marks(view, "summary", "bluf") == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert ctl.own.get(a.id).note == "**Firm** judgment"
    assert [m[:2] for m in marks(view, "summary", "bluf")] == [(0, 30)]
    assert w.undo_stack.isClean()  # back where the last save left it: nothing to write again
    assert load_layer(layer_file(path)).get(a.id).note == "**Firm** judgment"
    # the panel lists it with its label, note and tags
    panel = ctl.dock.panel
    assert panel.proxy.rowCount() == 1
    row = [panel.proxy.index(0, c).data() for c in range(7)]
    assert row[0] == "key judgment" and "Firm" in row[2] and row[3] == "core" and row[4] == "high"
    assert w.undo_stack.undoText() == "Edit annotation"


def test_annotate_a_selection_with_keys(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    bluf = w.briefing.summary.bluf
    key_select(qtbot, view, "summary", "bluf", 0, 10)
    assert view.selected_field_range() == ("summary", "bluf", 0, 10)
    # Esc in the editor adds nothing
    ctl.prompts.answer("run", editor_input(qtbot, note="never mind", accept=False))
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL | SHIFT)
    assert len(ctl.own) == 0 and w.undo_stack.count() == 0
    seen = []
    ctl.prompts.answer("run", editor_input(qtbot, note="Check *this*", tags="core, follow-up", seen=seen))
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL | SHIFT)
    (a,) = ctl.own
    assert (a.target, a.field, a.selector.exact, a.color) == ("summary", "bluf", bluf[:10], "yellow")
    assert (a.note, a.tags) == ("Check *this*", ("core", "follow-up"))
    assert seen[0].windowTitle().startswith("Annotate ")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert len(ctl.own) == 0


def test_annotate_whole_element_with_ctrl_shift_e(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    kp = w.briefing.summary.key_points[1]
    click_into(qtbot, view, kp.address, "text")
    seen = []
    ctl.prompts.answer("run", editor_input(qtbot, note="Whole point", seen=seen))
    qtbot.keyClick(view, Qt.Key.Key_E, CTRL | SHIFT)
    (a,) = ctl.own
    assert (a.target, a.field, a.selector, a.color, a.note) == (kp.address, None, None, None, "Whole point")
    assert "Key point" in seen[0].windowTitle()
    # no highlight to draw; the panel lists it by its element
    assert marks(view, kp.address, "text") == []
    assert ctl.dock.panel.proxy.index(0, 1).data().startswith("[Key point")


def test_delete_from_the_panel_and_undo(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 20)
    qtbot.keyClick(view, "3")
    assert len(ctl.own) == 1
    ctl.dock.raise_()
    table = ctl.dock.panel.table
    qtbot.mouseClick(table.viewport(), LEFT, pos=panel_row_point(table, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(ctl.own) == 0 and marks(view, "summary", "bluf") == []
    assert w.undo_stack.undoText() == "Delete annotation"
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert len(ctl.own) == 1 and [m[:2] for m in marks(view, "summary", "bluf")] == [(0, 20)]


def test_reopen_restores_highlights(annotated, qtbot):
    w, ctl, path = annotated
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 20)
    qtbot.keyClick(view, "4")  # pink
    w.close()  # saves on close, before the autosave delay
    assert [a.color for a in load_layer(layer_file(path))] == ["pink"]
    w2, ctl2, _ = annotation_window(qtbot, path)
    assert len(ctl2.own) == 1 and not ctl2.own.read_only
    assert [m[:2] for m in marks(w2.overview.view, "summary", "bluf")] == [(0, 20)]
    w2.close()


def test_second_instance_opens_read_only(annotated, qtbot):
    w, ctl, path = annotated
    w2, ctl2, _ = annotation_window(qtbot, path)
    assert ctl2.own.read_only and "another Briefing Reader window" in ctl2.own.read_only_reason
    assert "read-only" in ctl2.dock.panel.status.text()
    view = w2.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 5)
    qtbot.keyClick(view, "1")
    assert len(ctl2.own) == 0 and w2.undo_stack.count() == 0
    assert "read-only" in w2.statusBar().currentMessage()
    w2.close()


def test_corrupt_layer_is_kept_and_offered_a_new_one(qtbot, brief, tmp_path):
    bad = b"format: annotations/1\nbriefing: x\nannotations: [\n"
    layer_file(brief).write_bytes(bad)
    prompts = ScriptedPrompts()
    prompts.answer("confirm", True)
    w, ctl, _ = annotation_window(qtbot, brief, prompts)
    qtbot.waitUntil(lambda: not ctl.own.read_only)
    kind, title, text = prompts.asked[0]
    assert (kind, title) == ("confirm", "Annotations cannot be saved")
    assert "cannot be read" in text and "brief-2.annotations.yaml" in text
    assert ctl.own.path == tmp_path / "brief-2.annotations.yaml"
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 5)
    qtbot.keyClick(view, "2")
    w.close()
    assert layer_file(brief).read_bytes() == bad
    assert len(load_layer(tmp_path / "brief-2.annotations.yaml")) == 1


def test_corrupt_layer_declined_stays_read_only(qtbot, brief):
    layer_file(brief).write_bytes(b"format: annotations/1\nbriefing: [\n")
    prompts = ScriptedPrompts()
    prompts.answer("confirm", False)
    w, ctl, _ = annotation_window(qtbot, brief, prompts)
    qtbot.waitUntil(lambda: len(prompts.asked) == 1)
    assert ctl.own.read_only and "cannot be read" in ctl.own.read_only_reason
    assert "read-only" in ctl.dock.panel.status.text()
    w.close()


def test_revised_briefing_reanchors_and_lists_orphans(qtbot, brief):
    from briefing_app.core.briefing.loader import load_briefing

    b = load_briefing(brief)
    q = b.quotes[0]
    layer = AnnotationLayer(b.id, briefing_digest="sha256:" + "0" * 64, author="A. Analyst", annotations=[
        Annotation("q1", q.address, "text", Selector.from_text(q.text, 3, 20), "yellow"),
        Annotation("gone", "actors/no-longer-here", None, None, "pink", note="orphan"),
    ])
    save_layer(layer, layer_file(brief))
    w, ctl, _ = annotation_window(qtbot, brief)
    assert "orphaned" in ctl.last_message
    panel = ctl.dock.panel
    ctl.dock.raise_()
    assert panel.orphan_proxy.rowCount() == 1 and panel.proxy.rowCount() == 1
    assert "Orphans (1)" in panel.orphan_label.text()
    # nothing is rewritten behind the analyst's back: no save is pending, nothing to save
    on_disk = layer_file(brief).read_bytes()
    assert not ctl.store.autosave_pending and w.undo_stack.isClean()
    assert "0 fuzzy, 1 orphaned" in panel.notice.text.text() and panel.notice.isVisibleTo(panel)
    # nothing moved, so there is nothing to accept: the orphan stays listed, and in the file
    assert not panel.notice.accept.isEnabled()
    assert not w.findChild(QAction, "action_accept_positions").isEnabled()
    # clicking the quote's row jumps there (with history)
    before = len(w.history.places)
    qtbot.mouseClick(panel.table.viewport(), LEFT, pos=panel_row_point(panel.table, 0))
    assert w.inspector.address == q.address and len(w.history.places) > before
    w.close()
    assert layer_file(brief).read_bytes() == on_disk


def _colleague(b, tmp_path, *annotations):
    other = AnnotationLayer(b.id, author="B. Colleague", annotations=annotations)
    path = tmp_path / "colleague.annotations.yaml"
    save_layer(other, path)
    return path


def test_colleague_layer_read_only_and_merge(annotated, qtbot, tmp_path):
    w, ctl, path = annotated
    b = w.briefing
    theirs = _colleague(b, tmp_path, Annotation("c1", "summary", "bluf", Selector.from_text(b.summary.bluf, 0, 12),
                                                "blue", note="theirs", author="B. Colleague"))
    ctl.prompts.answer("open_file", theirs)
    choose_menu_entry(qtbot, w, "action_open_layer")
    (layer,) = ctl.store.colleagues
    assert layer.read_only and "B. Colleague" in layer.read_only_reason
    assert "Opened B. Colleague's annotations (1) read-only." == w.statusBar().currentMessage()
    # drawn dashed, as a read-only layer
    (drawn,) = marks(w.overview.view, "summary", "bluf")
    assert drawn[:2] == (0, 12) and "B. Colleague" in drawn[2]
    panel = ctl.dock.panel
    ctl.dock.raise_()
    assert panel.proxy.rowCount() == 1
    assert "B. Colleague" in panel.proxy.index(0, 6).data()
    # filter by author and colour, with the keyboard
    qtbot.keyClicks(panel.author_box, "B.")
    assert panel.author_box.currentData() == "B. Colleague" and panel.proxy.rowCount() == 1
    qtbot.keyClicks(panel.color_box, "disputed")
    assert panel.color_box.currentData() == "pink" and panel.proxy.rowCount() == 0
    qtbot.keyClick(panel.color_box, Qt.Key.Key_Home)  # back to "any colour"
    assert panel.color_box.currentData() == ""
    qtbot.keyClicks(panel.search, "THEIRS")
    assert panel.proxy.rowCount() == 1
    # merge into mine: undoable
    ctl.prompts.answer("open_file", theirs)
    choose_menu_entry(qtbot, w, "action_merge_layer")
    assert ctl.own.get("c1").note == "theirs"
    assert w.statusBar().currentMessage() == "Merged 1 annotation from B. Colleague."
    w.activateWindow()
    qtbot.keyClick(w.overview.view, Qt.Key.Key_Z, CTRL)
    assert ctl.own.get("c1") is None


def test_merge_in_the_reader_follows_the_command_line_rule(qtbot, brief, tmp_path):
    """The reader's merge and `annotations merge` decide every id the same way (core's one rule)."""
    import datetime as dt

    from briefing_app.core.briefing.loader import load_briefing

    b = load_briefing(brief)
    bluf = b.summary.bluf
    t1, t2 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)

    def ann(ident, note, created=None, modified=None, color="yellow"):
        return Annotation(ident, "summary", "bluf", Selector.from_text(bluf, 0, 9), color, note, author="X",
                          created=created, modified=modified)

    mine = AnnotationLayer(b.id, author="A. Analyst", annotations=[
        ann("older-mine", "mine", t1, t1), ann("newer-mine", "mine", t2, t2), ann("tie", "mine b", t1, t1),
        ann("undated-mine", "mine"), ann("only-mine", "mine", t1, t1)])
    theirs_layer = [ann("older-mine", "theirs", t1, t2), ann("newer-mine", "theirs", t1, t1),
                    ann("tie", "mine a", t1, t1, "green"), ann("undated-mine", "theirs", t1, t1),
                    ann("only-theirs", "theirs", t2, t2)]
    save_layer(mine, layer_file(brief))
    theirs = _colleague(b, tmp_path, *theirs_layer)
    w, ctl, _ = annotation_window(qtbot, brief)
    ctl.prompts.answer("open_file", theirs)
    choose_menu_entry(qtbot, w, "action_merge_layer")
    merged_here = {a.id: a for a in ctl.own}
    other = load_layer(theirs)
    for order in ([load_layer(layer_file(brief)), other], [other, load_layer(layer_file(brief))]):
        assert merged_here == {a.id: a for a in merge_layers(order)}
    assert merged_here["older-mine"].note == "theirs" and merged_here["newer-mine"].note == "mine"
    assert merged_here["undated-mine"].note == "theirs" and "only-theirs" in merged_here
    w.close()


def test_panel_model_passes_modeltester(annotated, qtbot, qtmodeltester):
    w, ctl, path = annotated
    drag_select(qtbot, w.overview.view, "summary", "bluf", 0, 8)
    qtbot.keyClick(w.overview.view, "5")
    assert [a.color for a in ctl.own] == ["orange"]
    qtmodeltester.check(ctl.dock.panel.model)
    qtmodeltester.check(ctl.dock.panel.proxy)


def test_export_markdown_from_the_menu(annotated, qtbot, tmp_path):
    w, ctl, path = annotated
    drag_select(qtbot, w.overview.view, "summary", "bluf", 0, 8)
    qtbot.keyClick(w.overview.view, "6")
    out = tmp_path / "notes.md"
    ctl.prompts.answer("save_file", out)
    choose_menu_entry(qtbot, w, "action_export_markdown")
    assert out.exists() and "follow-up" in out.read_text(encoding="utf-8")
    assert ctl.prompts.asked[-1][2] == str(tmp_path / "brief.annotations.md")  # offered beside the layer


def test_close_asks_when_annotations_cannot_be_saved(qtbot, brief):
    w, ctl, prompts = annotation_window(qtbot, brief)
    blocker = layer_file(brief)
    blocker.mkdir()  # the layer's file name is taken by a folder: every save fails
    (blocker / "keep").write_text("x")
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 8)
    qtbot.keyClick(view, "1")
    qtbot.waitUntil(lambda: "Could not save annotations" in w.statusBar().currentMessage(), timeout=2000)
    prompts.answer("choose", "Cancel")
    w.close()
    assert w.isVisible() and prompts.asked[-1][:2] == ("choose", "Annotations not saved")
    prompts.answer("choose", "Close")
    w.close()
    assert not w.isVisible() and blocker.is_dir()


def test_layer_store_works_alone(qtbot, brief):
    """The store needs a window-like object, not the reader: undo stack, briefing, path, status bar."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from briefing_app.core.annotations import utc_now
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.gui.annotations.feedback import Feedback
    from briefing_app.gui.annotations.layers import LayerStore
    from briefing_app.gui.annotations.undo import AddAnnotation

    class Window(QMainWindow):
        def __init__(self):
            super().__init__()
            self.undo_stack = QUndoStack(self)
            self.briefing = load_briefing(brief)
            self.path = brief

    w = Window()
    qtbot.addWidget(w)
    store = LayerStore(w, Feedback(w, ScriptedPrompts()))
    with qtbot.waitSignal(store.reset) as reset:
        store.show(w.briefing)
    assert reset.args == [True] and store.own is not None and not store.own.read_only
    now = utc_now()
    a = Annotation("x1", "summary", "bluf", Selector.from_text(w.briefing.summary.bluf, 0, 4), "blue",
                   created=now, modified=now)
    with qtbot.waitSignal(store.edited), qtbot.waitSignal(store.saved, timeout=2000):
        w.undo_stack.push(AddAnnotation(store.own, a))
    assert load_layer(layer_file(brief)).get("x1") == a and w.undo_stack.isClean()
    assert store.before_close() and store.own is None


def test_placement_and_painter_work_alone(qtbot, brief):
    """Placing and drawing need only a store and a window-like object with a field hub."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.gui.annotations.feedback import Feedback
    from briefing_app.gui.annotations.highlights import HighlightPainter
    from briefing_app.gui.annotations.layers import LayerStore
    from briefing_app.gui.annotations.revision import Placement
    from briefing_app.gui.views.field_hub import FieldViewHub

    b = load_briefing(brief)
    q = b.quotes[0]
    save_layer(AnnotationLayer(b.id, briefing_digest="sha256:" + "0" * 64, annotations=[
        Annotation("q1", q.address, "text", Selector.from_text(q.text, 3, 20), "purple", note="n"),
        Annotation("gone", "actors/no-longer-here", None, None, "pink")]), layer_file(brief))

    class Window(QMainWindow):
        def __init__(self):
            super().__init__()
            self.undo_stack = QUndoStack(self)
            self.field_hub = FieldViewHub()
            self.briefing, self.path = b, brief

    w = Window()
    qtbot.addWidget(w)
    feedback = Feedback(w, ScriptedPrompts())
    store = LayerStore(w, feedback)
    placement = Placement(w, store, feedback)
    painter = HighlightPainter(w, store, placement, feedback)
    store.reset.connect(lambda announce: (placement.reanchor_all(announce), painter.refresh()))
    store.show(b)
    assert placement.anchor_of(store.own, "q1").status == "exact"
    assert placement.anchor_of(store.own, "gone").status == "orphaned"
    text, can_accept = placement.change_notice()
    assert "0 fuzzy, 1 orphaned" in text and not can_accept
    (h,) = w.field_hub.highlights
    assert (h.address, h.field, h.start, h.end, h.style) == (q.address, "text", 3, 20, MARKER)
    assert "follow-up (purple)" in h.tooltip
    assert feedback.last_message.startswith("Annotations re-anchored on the changed briefing")


def test_bundled_sample_layer_lives_outside_the_installation(isolated_settings):
    from briefing_app.gui.annotations.layers import own_layer_path

    p = own_layer_path(SAMPLE)
    assert SAMPLE.parent not in p.parents and p.name == "japan-nato-liaison-office.annotations.yaml"
