"""Reading comfort (issue 10): Tab in the note editor, a highlight's colour from its menu, selections that
snap to whole words (Alt keeps them exact), text zoom, counts that say what they count, WCAG AA contrast.

Each driven through real input: keys, clicks, drags, right-clicks.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMenu, QPlainTextEdit

from briefing_app.gui.annotations.editing import snap_to_words

from .conftest import SAMPLE
from .test_annotation_gui import annotation_window, caret_point, doc_range, drag_select, marks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
LEFT, ALT = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def reader(qtbot, tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w, ctl, _prompts = annotation_window(qtbot, path)
    yield w, ctl
    w.close()


# -- Tab in the note editor --------------------------------------------------------------------------
def test_tab_in_the_note_editor_moves_to_tags_then_colour(reader, qtbot):
    w, ctl = reader
    drag_select(qtbot, w.overview.view, "summary", "bluf", 0, 5)
    order = []

    def fill(dialog: QDialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        note = dialog.findChild(QPlainTextEdit, "annotation_note")
        qtbot.waitUntil(note.hasFocus)
        qtbot.keyClicks(note, "first")
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
        qtbot.keyClicks(dialog.focusWidget(), "core")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab, SHIFT)
        order.append(dialog.focusWidget())
        dialog.accept()
        return True

    ctl.prompts.answer("run", fill)
    qtbot.keyClick(w.overview.view, Qt.Key.Key_N, CTRL | SHIFT)
    tags, colour, back = order
    assert isinstance(tags, QLineEdit) and tags.objectName() == "annotation_tags"
    assert isinstance(colour, QComboBox) and colour.objectName() == "annotation_color"
    assert back is tags
    (a,) = ctl.own
    assert a.note == "first" and a.tags == ("core",)  # no tab character typed into the note


# -- a highlight's colour from its context menu --------------------------------------------------------
def _right_click_and_choose(qtbot, view, pos: QPoint, submenu: str, action: str) -> None:
    """Right-click at `pos` in a text view, open `submenu` and click `action` in it (mouse clicks)."""
    done = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        sub = menu.findChild(QMenu, submenu)
        assert sub is not None, [a.text() for a in menu.actions()]
        qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(sub.menuAction()).center())
        qtbot.waitUntil(sub.isVisible)
        act = sub.findChild(QAction, action)
        qtbot.mouseClick(sub, LEFT, pos=sub.actionGeometry(act).center())
        done.append(True)

    QTimer.singleShot(0, choose)
    vp = view.viewport()
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos)))
    assert done


def test_change_a_highlights_colour_from_its_menu_and_undo(reader, qtbot):
    w, ctl = reader
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 5)
    qtbot.keyClick(view, "1")
    (a,) = ctl.own
    assert a.color == "yellow"
    start, end = doc_range(view, "summary", "bluf", 1, 2)
    _right_click_and_choose(qtbot, view, caret_point(view, start) + QPoint(2, 0), "menu_highlight_colour",
                            "action_recolour_blue")
    assert ctl.own.get(a.id).color == "blue"
    assert "(blue)" in marks(view, "summary", "bluf")[0][2]
    assert w.undo_stack.undoText().startswith("Colour highlight")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert ctl.own.get(a.id).color == "yellow"


# -- whole words -------------------------------------------------------------------------------------
def test_snap_to_words():
    text = "Japan is negotiating with NATO, Indo-Pacific."
    assert snap_to_words(text, 2, 12) == (0, 20)
    assert snap_to_words(text, 0, 5) == (0, 5)
    assert snap_to_words(text, 27, 30) == (26, 30)  # not across the comma
    assert snap_to_words(text, 34, 36) == (32, 44)  # a hyphenated word is one


def test_a_drag_snaps_to_whole_words_and_alt_keeps_it_exact(reader, qtbot):
    w, ctl = reader
    view = w.overview.view
    bluf = w.briefing.summary.bluf
    drag_select(qtbot, view, "summary", "bluf", 2, 12)  # from inside "Japan" to inside "negotiating"
    qtbot.keyClick(view, "2")
    (a,) = ctl.own
    assert a.selector.exact == bluf[0:20] == "Japan is negotiating"
    # the same drag with Alt held highlights exactly what was dragged
    s, e = doc_range(view, "summary", "bluf", 40, 47)
    qtbot.mousePress(view.viewport(), LEFT, ALT, caret_point(view, s))
    qtbot.mouseMove(view.viewport(), caret_point(view, e))
    qtbot.mouseRelease(view.viewport(), LEFT, ALT, caret_point(view, e))
    qtbot.keyClick(view, "3")
    exact = next(x for x in ctl.own if x.id != a.id)
    assert exact.selector.exact == bluf[40:47]


# -- text zoom ---------------------------------------------------------------------------------------
def test_text_zoom_keys_size_every_text_view_and_are_remembered(reader, qtbot):
    from briefing_app.gui import settings as cfg

    w, ctl = reader
    view, inspector = w.overview.view, w.inspector
    base, tall = view.font().pointSizeF(), view.document().size().height()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.font().pointSizeF() == pytest.approx(base * 1.1)
    assert inspector.font().pointSizeF() == pytest.approx(base * 1.1)
    assert view.document().size().height() > tall  # the text itself grew, headings and all
    assert cfg.get(cfg.TEXT_ZOOM) == 110
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.font().pointSizeF() == pytest.approx(base * 0.9) and cfg.get(cfg.TEXT_ZOOM) == 90
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.font().pointSizeF() == pytest.approx(base)
    assert view.document().size().height() == pytest.approx(tall, abs=1)
    # a page built later (Sources) starts at the size chosen; a new window remembers it
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)  # Ctrl++ too (with Shift on most keyboards)
    assert w.current_section() == "overview"  # the text grew; the reader did not go to the timeline
    qtbot.keyClick(w, Qt.Key.Key_6, CTRL)
    assert w.pages.sources.text.font().pointSizeF() == pytest.approx(base * 1.2)
    w2, _ctl2, _p = annotation_window(qtbot, w.path)
    assert w2.overview.view.font().pointSizeF() == pytest.approx(base * 1.2)
    w2.close()


def test_on_the_timeline_the_zoom_keys_stay_the_timelines(reader, qtbot):
    w, ctl = reader
    base = w.overview.view.font().pointSizeF()
    qtbot.keyClick(w.overview.view, Qt.Key.Key_4, CTRL)  # Go › Timeline
    strip = w.pages.timeline.strip
    qtbot.waitUntil(lambda: w.current_section() == "timeline")
    scale = strip.px_per_day
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Minus, CTRL)
    assert strip.px_per_day < scale  # the timeline zoomed out
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Plus, CTRL)
    assert strip.px_per_day == pytest.approx(scale)  # and in again
    assert w.overview.view.font().pointSizeF() == pytest.approx(base)  # the text did not
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_1, CTRL)  # back to the Overview: the keys are the text's
    qtbot.waitUntil(lambda: w.current_section() == "overview")
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Minus, CTRL)
    assert w.overview.view.font().pointSizeF() == pytest.approx(base * 0.9)


# -- counts that say what they count (issue 10, defect 7) -------------------------------------------------
def test_the_sources_counts_say_what_they_count(reader, qtbot):
    from briefing_app.gui.pages.models import Role

    w, ctl = reader
    b = w.briefing
    src = b.sources[0]
    spans = b.evidence_spans(src.id)
    n_ev = sum(1 for s in spans if s.kind == "evidence")
    passages = len({(s.start, s.end) for s in spans})
    citing = len({s.address for s in spans})
    qtbot.keyClick(w.overview.view, Qt.Key.Key_6, CTRL)  # Go › Sources
    page = w.pages.sources
    qtbot.waitUntil(lambda: w.inspector.address == src.address)
    assert page.list.model().index(0, 0).data(Role.SECONDARY).endswith(
        f"{len(spans)} citations of {passages} passages")
    legend = page.legend.text()
    assert f"{n_ev} evidence citations" in legend and f"({len(spans)} citations of {passages} passages)" in legend
    assert f"cited by {citing} elements ({len(spans)} citations)" in w.inspector.toPlainText().casefold()


# -- labels never show ids (issue 10, defect 7) -------------------------------------------------------------
def test_no_internal_id_reaches_the_analyst(reader, qtbot, tmp_path):
    from briefing_app.core.annotations.export import to_markdown
    from briefing_app.gui.annotations.panel import Role

    from .test_annotation_gui import click_into, editor_input

    w, ctl = reader
    view = w.overview.view
    kp = w.briefing.summary.key_points[1]
    drag_select(qtbot, view, "summary", "bluf", 0, 5)
    qtbot.keyClick(view, "1")
    click_into(qtbot, view, kp.address, "text")
    ctl.prompts.answer("run", editor_input(qtbot, note="whole"))
    qtbot.keyClick(view, Qt.Key.Key_E, CTRL | SHIFT)
    # Edit › Undo names the element in words
    assert w.undo_stack.undoText().startswith("Annotate Key point: ") and kp.id not in w.undo_stack.undoText()
    # the panel's tooltips lead with the element's label
    model = ctl.dock.panel.model
    tips = [model.index(r, 1).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert all(kp.id not in t and "summary" not in t.split("\n")[0] and "bluf" not in t for t in tips), tips
    assert {model.index(r, 0).data(Role.ID) for r in range(model.rowCount())} == {a.id for a in ctl.own}
    # the Markdown export: headings in words, no field names or addresses
    md = to_markdown(ctl.own, w.briefing)
    heads = [line for line in md.splitlines() if line.startswith("### ")]
    assert heads and all("bluf" not in h and "key_points/" not in h and " \u2014 text" not in h for h in heads), heads
