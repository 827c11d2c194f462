"""Search results name each element in full when the row has room, and each group says what its count means."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from briefing_app.gui.pages.search import label_room

from .conftest import press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


def _search(qtbot, w, query: str):
    press(qtbot, w, "Ctrl+Shift+F")
    qtbot.keyClicks(w.chrome.search_field, query)
    search = w.pages.search
    qtbot.waitUntil(lambda: search.model.rowCount() > 0)
    return search


def test_a_long_event_title_is_shown_whole_at_1400(loaded, qtbot):
    w = loaded
    search = _search(qtbot, w, "chinese")
    model, view = search.model, search.view
    hits = [model.index(r, 0, model.index(g, 0)) for g in range(model.rowCount())
            for r in range(model.rowCount(model.index(g, 0)))]
    event = next(i for i in hits if i.data(Qt.ItemDataRole.DisplayRole).startswith("Mar 2023: Senior Chinese"))
    title = event.data(Qt.ItemDataRole.DisplayRole).split(": ", 2)
    label = f"{title[0]}: {title[1]}"
    assert label == "Mar 2023: Senior Chinese officials accuse the US of building a NATO-like bloc"
    bold = QFont(view.font())
    bold.setWeight(QFont.Weight.DemiBold)
    row = view.visualRect(event).width() - 12
    assert row > 600
    assert QFontMetrics(bold).horizontalAdvance(label) <= label_room(row)  # drawn whole, no "offi…"
    assert label_room(300) >= 100 and label_room(300) < 300  # a narrow row still keeps room for the match


def test_group_counts_say_what_they_count(loaded, qtbot):
    w = loaded
    search = _search(qtbot, w, "japan")
    titles = [search.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(search.model.rowCount())]
    assert all(" \u2014 " in t and t.endswith(("match", "matches")) for t in titles), titles
    assert not any("(" in t for t in titles)
