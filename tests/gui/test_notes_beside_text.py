"""Notes beside the text (issue 10): margin cards by their highlights, note glyphs, the Inspector's notes,
the Annotations panel and the text in step both ways, orphans announced with Review, "Details" visible.

Driven with clicks as an analyst would, on a copy of the sample with a layer of notes made here.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QFrame, QLabel, QPushButton

from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, save_layer, utc_now
from briefing_app.core.annotations.layer import default_layer_path
from briefing_app.core.briefing.loader import load_briefing
from briefing_app.gui.annotations.panel import Role
from briefing_app.gui.views.margin import NoteMargin

from .conftest import SAMPLE, click_link
from .test_annotation_gui import annotation_window, doc_range, panel_row_point

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
LEFT, CTRL = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier


def _layer_with_notes(path):
    """a1, a2: notes on the BLUF; a3: a bare highlight; a4: a note on a whole key point; a5: an orphan."""
    b = load_briefing(path)
    now = utc_now()
    bluf, kp = b.summary.bluf, b.summary.key_points

    def on(i, target, field, text, start, end, color, note="", tags=()):
        return Annotation(i, target, field, Selector.from_text(text, start, end), color, note, tuple(tags), None,
                          "T. Tester", now, now)

    items = [
        on("a1", "summary", "bluf", bluf, 0, 5, "yellow", "Check against the communiqu\u00e9", ["core"]),
        on("a2", "summary", "bluf", bluf, 40, 60, "pink", "Contradicted by Kyodo?"),
        on("a3", kp[0].address, "text", kp[0].text, 0, 8, "green"),
        Annotation("a4", kp[2].address, None, None, None, "Weakest point", (), None, "T. Tester", now, now),
        Annotation("a5", kp[0].address, "text", Selector("Words that are not in the briefing", "", ""), "blue",
                   "Orphaned note", (), None, "T. Tester", now, now),
    ]
    save_layer(AnnotationLayer(b.id, author="T. Tester", annotations=items, path=default_layer_path(path)))


@pytest.fixture
def noted(qtbot, tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    _layer_with_notes(path)
    w, ctl, _prompts = annotation_window(qtbot, path)
    qtbot.waitUntil(lambda: len(ctl.own or ()) == 5)
    yield w, ctl
    w.close()


def _margin(view) -> NoteMargin:
    margin = view.findChild(NoteMargin)
    assert margin is not None
    return margin


def _selected_id(table):
    rows = table.selectionModel().selectedRows()
    return rows[0].data(Role.ID) if rows else None


def _click_text(qtbot, view, address, field, offset):
    a, b = doc_range(view, address, field, offset, offset + 1)
    from .test_annotation_gui import caret_point

    qtbot.mouseClick(view.viewport(), LEFT, pos=(caret_point(view, a) + caret_point(view, b)) / 2)


def test_cards_stand_beside_their_highlights_and_notes_carry_a_glyph(noted, qtbot):
    w, ctl = noted
    view = w.overview.view
    margin = _margin(view)
    qtbot.waitUntil(margin.isVisible)
    assert not margin.compact  # 1400 px: room for cards
    ids = [i for i, _r in margin.cards()]
    assert ids[:2] == ["a1", "a2"] and "a4" in ids  # notes, and a whole element's note
    assert "a3" not in ids and "a5" not in ids  # a bare highlight has no card; an orphan has no place
    # the first card stands at the height of its highlight (the margin and the viewport share their top)
    a, _b = view.document_range("summary", "bluf", 0, 5)[0]
    from PySide6.QtGui import QTextCursor

    cur = QTextCursor(view.document())
    cur.setPosition(a)
    top = view.cursorRect(cur).top() + view.viewport().geometry().top()
    card = margin.card_rect("a1")
    assert abs(margin.mapTo(view, card.topLeft()).y() - top) <= 2
    # cards never overlap
    rects = [r for _i, r in margin.cards()]
    assert all(r1.bottom() < r2.top() for r1, r2 in zip(rects, rects[1:], strict=False))
    # the note glyph is drawn at the end of a noted highlight, in the highlight's dark ink
    (glyph,) = margin.glyph_rects("a1")
    image = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatioF()
    px = image.pixelColor(int((glyph.left() + 2) * ratio), int((glyph.top() + 1) * ratio))
    assert px.lightnessF() < 0.5
    assert margin.glyph_rects("a3") == []  # a bare highlight carries none


def test_a_click_on_a_highlight_selects_its_note_in_the_panel(noted, qtbot):
    w, ctl = noted
    view = w.overview.view
    table = ctl.dock.panel.table
    _click_text(qtbot, view, "summary", "bluf", 45)
    assert _selected_id(table) == "a2"
    assert ctl.beside.margins.current == "a2"
    kp = w.briefing.summary.key_points[0]
    _click_text(qtbot, view, kp.address, "text", 3)  # a bare highlight: selected too
    assert _selected_id(table) == "a3"
    # a click on a card selects its note, a double-click opens it in the editor
    margin = _margin(view)
    qtbot.mouseClick(margin, LEFT, pos=margin.card_rect("a1").center())
    assert _selected_id(table) == "a1"
    seen = []

    def cancel(dialog):
        seen.append(dialog.findChild(QDialog, None) or dialog)
        return False

    ctl.prompts.answer("run", cancel)
    qtbot.mouseDClick(margin, LEFT, pos=margin.card_rect("a1").center())
    assert seen and seen[0].windowTitle().startswith("Edit annotation on")


def test_choosing_a_note_in_the_panel_scrolls_to_its_highlight_and_flashes_it(noted, qtbot):
    w, ctl = noted
    view = w.overview.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    ctl.dock.raise_()
    table = ctl.dock.panel.table
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data(Role.ID) == "a2")
    qtbot.mouseClick(table.viewport(), LEFT, pos=panel_row_point(table, row))
    assert ctl.beside.margins.current == "a2"
    (mark,) = view.highlight_layer("mark")
    assert (mark.address, mark.field, mark.start, mark.end) == ("summary", "bluf", 40, 60)
    assert view.mark_strength == 1.0  # the flash, at full strength
    rects = view.mark_rects()
    assert rects and all(view.viewport().rect().intersects(r.toRect()) for r in rects)


def test_the_inspector_lists_the_elements_notes(noted, qtbot):
    w, ctl = noted
    view = w.overview.view
    kp = w.briefing.summary.key_points[2]
    _click_text(qtbot, view, kp.address, "text", 3)
    assert w.inspector.address == kp.address
    text = w.inspector.toPlainText().casefold()
    assert "annotations (1)" in text and "weakest point" in text
    # an orphan is listed on its element, with why
    _click_text(qtbot, view, w.briefing.summary.key_points[0].address, "text", 12)
    text = w.inspector.toPlainText().casefold()
    assert "annotations (2)" in text and "orphaned note" in text and "no longer fits the briefing" in text


def test_orphans_are_announced_at_the_top_of_the_panel_with_review(noted, qtbot):
    w, ctl = noted
    ctl.dock.raise_()
    panel = ctl.dock.panel
    notice = panel.findChild(QFrame, "annotation_orphan_notice")
    qtbot.waitUntil(notice.isVisible)
    assert "1 annotation no longer fits" in notice.findChild(QLabel, "annotation_orphan_text").text()
    assert notice.geometry().top() < panel.table.mapTo(panel, QPoint(0, 0)).y()  # above the table
    assert ctl.dock.windowTitle() == "Annotations \u00b7 \u26a0 1 orphan"  # on its tab, behind the Inspector too
    qtbot.mouseClick(notice.findChild(QPushButton, "annotation_orphans_review"), LEFT)
    assert panel.orphan_table.hasFocus()
    assert _selected_id(panel.orphan_table) == "a5"


def test_details_brings_the_inspector_to_the_front(noted, qtbot):
    w, ctl = noted
    ctl.dock.raise_()
    inspector_dock = w.findChild(QDockWidget, "dock_inspector")
    qtbot.waitUntil(lambda: inspector_dock.visibleRegion().isEmpty())
    kp = w.briefing.summary.key_points[1]
    click_link(qtbot, w.overview.view, kp.address)
    qtbot.waitUntil(lambda: not inspector_dock.visibleRegion().isEmpty())
    assert w.inspector.address == kp.address


def test_a_narrow_view_shows_markers_that_open_into_cards(noted, qtbot):
    w, ctl = noted
    w.resize(1024, 768)
    view = w.overview.view
    margin = _margin(view)
    qtbot.waitUntil(lambda: margin.compact)
    closed = margin.width()
    marker = margin.card_rect("a1")
    assert marker.width() < 30
    qtbot.mouseClick(margin, LEFT, pos=marker.center())
    assert ctl.beside.margins.current == "a1"
    assert margin.width() > closed  # the card opened over the text
    qtbot.mouseClick(margin, LEFT, pos=QPoint(margin.width() - 40, margin.height() - 4))
    assert ctl.beside.margins.current is None and margin.width() == closed


def test_the_inspector_marks_noted_highlights_and_a_click_selects_the_note(noted, qtbot):
    w, ctl = noted
    insp = w.inspector
    _click_text(qtbot, w.overview.view, "summary", "bluf", 100)  # the summary in the Inspector
    qtbot.waitUntil(lambda: insp.address == "summary")
    margin = _margin(insp)
    assert not margin.isVisible()  # no column of cards in the narrow Inspector…
    assert margin.glyph_rects("a1")  # …but the glyph on the noted highlight
    _click_text(qtbot, insp, "summary", "bluf", 45)
    assert _selected_id(ctl.dock.panel.table) == "a2"


def test_cards_follow_their_highlights_when_the_text_is_zoomed(noted, qtbot):
    from PySide6.QtGui import QTextCursor

    w, ctl = noted
    view = w.overview.view
    margin = _margin(view)
    view.setFocus()
    before = margin.card_rect("a4").top()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.waitUntil(lambda: margin.card_rect("a4").top() > before)  # pushed down with the larger text
    (a, _b) = view.document_range(w.briefing.summary.key_points[2].address, "text", 0, 1)[0]
    cur = QTextCursor(view.document())
    cur.setPosition(a)
    top = view.cursorRect(cur).top() + view.viewport().geometry().top()
    assert abs(margin.mapTo(view, margin.card_rect("a4").topLeft()).y() - top) <= 2
