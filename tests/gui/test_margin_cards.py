"""Margin note cards read whole: a cut note ends with "…", tags and confidence show, the text keeps its
padding, the note glyph covers no character, and the Sources page has cards at 1400×900."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, save_layer, utc_now
from briefing_app.core.annotations.layer import default_layer_path
from briefing_app.core.briefing.loader import load_briefing
from briefing_app.gui.theme import colors
from briefing_app.gui.views.margin import NoteMargin

from .conftest import SAMPLE, press
from .test_annotation_gui import annotation_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")

LONG = ("Check against the NATO communiqué of 12 April and the Kyodo report: the wording on the office's "
        "remit differs, and the Japanese readout says nothing about a timetable. Ask the desk for the original.")


@pytest.fixture
def noted(qtbot, tmp_path):
    """b1: a long note on "Asia" (followed by a comma) in the BLUF, tags and a confidence; b2: on a source."""
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    b = load_briefing(path)
    now = utc_now()
    bluf, src = b.summary.bluf, b.sources[0]
    i, j = bluf.index("Asia,"), src.text.index("liaison office")
    items = [
        Annotation("b1", "summary", "bluf", Selector.from_text(bluf, i, i + 4), "yellow", LONG, ("core", "verify"),
                   "moderate", "T. Tester", now, now),
        Annotation("b2", src.address, "text", Selector.from_text(src.text, j, j + 14), "pink", LONG, ("kyodo",),
                   "low", "T. Tester", now, now),
    ]
    save_layer(AnnotationLayer(b.id, author="T. Tester", annotations=items, path=default_layer_path(path)))
    w, ctl, _prompts = annotation_window(qtbot, path)
    w.resize(1400, 900)
    qtbot.waitUntil(lambda: len(ctl.own or ()) == 2)
    yield w, ctl
    w.close()


def _margin(view) -> NoteMargin:
    margin = view.findChild(NoteMargin)
    assert margin is not None
    return margin


def test_a_cut_note_ends_with_an_ellipsis_and_shows_tags_and_confidence(noted, qtbot):
    w, _ctl = noted
    margin = _margin(w.overview.view)
    qtbot.waitUntil(lambda: margin.isVisible() and bool(margin.card_text("b1")))
    lines = margin.card_text("b1")
    k = next(i for i, line in enumerate(lines) if line.startswith("#"))
    title, body, footer = lines[0], lines[1:k], " ".join(lines[k:])
    assert title.startswith("key judgment")
    assert body[-1].endswith("\u2026") and LONG.startswith(body[0])  # cut, and says so
    assert "#core" in footer and "#verify" in footer and "moderate confidence" in footer
    # the card keeps a padding on its right
    inner = margin.card_text_rect("b1")
    card = margin.card_rect("b1")
    assert inner is not None and card is not None and card.right() - inner.right() >= 8
    # nothing is drawn in the padding on the right: it stays the card's own colour
    image = margin.grab().toImage()
    ratio = image.devicePixelRatio()
    base = colors(w.overview.view.palette()).base
    for y in range(inner.top(), inner.bottom(), 2):
        for x in range(inner.right() + 2, card.right() - 2):
            px = image.pixelColor(int(x * ratio), int(y * ratio))
            assert abs(px.lightness() - base.lightness()) < 12, (x, y)
    # the whole note on hover
    pos = card.center()
    QApplication.sendEvent(margin, QHelpEvent(QEvent.Type.ToolTip, pos, margin.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: "Ask the desk for the original." in QToolTip.text())
    QToolTip.hideText()
    # chosen, the card shows the whole note
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=card.center())
    qtbot.waitUntil(lambda: any(line.endswith("original.") for line in margin.card_text("b1")))


def test_the_note_glyph_goes_after_the_comma_and_above_the_letters(noted, qtbot):
    w, _ctl = noted
    view = w.overview.view
    margin = _margin(view)
    qtbot.waitUntil(margin.isVisible)
    (glyph,) = margin.glyph_rects("b1")
    bluf = w.briefing.summary.bluf
    end = bluf.index("Asia,") + 4
    (a, _b), = view.document_range("summary", "bluf", end, end + 1)  # the comma
    cur = QTextCursor(view.document())
    cur.setPosition(a + 1)
    after_comma = view.cursorRect(cur)
    assert glyph.left() >= after_comma.left()  # not over the comma
    assert glyph.bottom() <= after_comma.top() + 1  # above the line's letters


def test_sources_has_cards_at_1400(noted, qtbot):
    w, _ctl = noted
    press(qtbot, w, "Ctrl+6")  # Go › Sources
    qtbot.waitUntil(lambda: w.current_section() == "sources")
    text = w.pages.sources.text
    margin = _margin(text)
    qtbot.waitUntil(lambda: margin.isVisible() and bool(margin.cards()))
    assert not margin.compact
    assert "low confidence" in " ".join(margin.card_text("b2"))
