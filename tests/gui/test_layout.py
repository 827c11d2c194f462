"""Layout at 1400×900 with the sample: nothing clipped that the analyst needs to read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.views.inspector import _short

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_short_labels_end_on_a_word_with_an_ellipsis():
    text = "Japan is hedging rather than breaking with Beijing: it faces a nuclear-armed North Korea"
    s = _short(text, 60)
    assert s.endswith("\u2026") and len(s) <= 60
    assert text.startswith(s[:-1]) and text[len(s) - 1] == " "  # cut between words
    assert _short("short one", 60) == "short one"


def test_sections_are_laid_out_without_clipping(loaded, qtbot):
    w = loaded
    w.go_section("sources")
    qtbot.waitUntil(lambda: w.sources.list.width() >= 190)
    nav_width = w.navigator.width()
    assert w.navigator.horizontalScrollBar().isHidden() or not w.navigator.horizontalScrollBar().isVisible()
    assert w.sources.legend.wordWrap()  # the legend never forces the page (and the navigator) narrower
    w.go_section("actors")
    table, h = w.actors.view, w.actors.view.horizontalHeader()
    for col in range(4):  # name, kind, role, affiliation fit the sample's text
        assert h.sectionSize(col) >= table.sizeHintForColumn(col) - 2, col
    assert w.actors.model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    w.go_section("timeline")
    page = w.timeline
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] >= page.strip.minimumHeight())
    strip, rest = page.splitter.sizes()
    assert rest > strip  # the list gets the room the strip does not need
    assert w.navigator.width() == nav_width
