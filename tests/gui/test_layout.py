"""Layout at 1400×900 with the sample: nothing clipped that the analyst needs to read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.views.inspector import short_label

from .conftest import click_section

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_short_labels_end_on_a_word_with_an_ellipsis():
    text = "Japan is hedging rather than breaking with Beijing: it faces a nuclear-armed North Korea"
    s = short_label(text, 60)
    assert s.endswith("\u2026") and len(s) <= 60
    assert text.startswith(s[:-1]) and text[len(s) - 1] == " "  # cut between words
    assert short_label("short one", 60) == "short one"


def test_sections_are_laid_out_without_clipping(loaded, qtbot):
    w = loaded
    p = w.pages
    click_section(qtbot, w, "sources")
    qtbot.waitUntil(lambda: p.sources.list.width() >= 190)
    nav_width = p.navigator.width()
    assert p.navigator.horizontalScrollBar().isHidden() or not p.navigator.horizontalScrollBar().isVisible()
    assert p.sources.legend.wordWrap()  # the legend never forces the page (and the navigator) narrower
    click_section(qtbot, w, "actors")
    table, h = p.actors.view, p.actors.view.horizontalHeader()
    for col in range(4):  # name, kind, role, affiliation fit the sample's text
        assert h.sectionSize(col) >= table.sizeHintForColumn(col) - 2, col
    assert p.actors.model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    click_section(qtbot, w, "timeline")
    page = p.timeline
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] >= page.strip.minimumHeight())
    strip, rest = page.splitter.sizes()
    assert rest > strip  # the list gets the room the strip does not need
    assert p.navigator.width() == nav_width
