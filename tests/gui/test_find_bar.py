"""The in-page find bar, driven by keys: Ctrl+F, typing, F3 / Shift+F3, Enter / Shift+Enter, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from briefing_app.gui.actions import ActionName
from briefing_app.gui.pages.sections_model import Role
from briefing_app.gui.views.highlights import FieldHighlight

from .conftest import click_section, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def occurrences(text: str, word: str) -> int:
    return text.lower().count(word.lower())


def test_ctrl_f_finds_every_match_on_the_overview_and_steps_through_them(loaded, qtbot):
    w = loaded
    view = w.overview.view
    note = FieldHighlight("summary", "bluf", 0, 5, QColor("#ffd54f"), "an annotation")
    w.field_hub.set_extra_highlights([note])
    bar = w.find_bar
    assert not bar.isVisible()
    press(qtbot, w, "Ctrl+F")
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "japan")
    fields_text = "\n".join(seg.text for seg in view.segments())
    n = occurrences(fields_text, "japan")
    assert n > 3
    marks = view.highlight_layer("find")
    assert len(marks) == n
    assert all(fields_text and m.end - m.start == 5 for m in marks)
    assert bar.count.text() == f"1 of {n}"
    assert view.highlight_layer("extra") == [note]  # the annotation layer is left alone
    press(qtbot, w, "F3")
    assert bar.count.text() == f"2 of {n}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"3 of {n}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"2 of {n}"
    press(qtbot, w, "Shift+F3")
    assert bar.count.text() == f"1 of {n}"
    press(qtbot, w, "Shift+F3")  # wraps round to the last match, scrolled into view
    assert bar.count.text() == f"{n} of {n}"
    assert view.viewport().rect().contains(view.cursorRect().center())
    current = [m for m in view.highlight_layer("find") if m.tooltip == "Current match"]
    assert len(current) == 1
    press(qtbot, w, "Escape")
    assert not bar.isVisible()
    assert view.highlight_layer("find") == []
    assert view.highlight_layer("extra") == [note]


def test_no_match_says_so_and_the_global_search_has_its_own_shortcut(loaded, qtbot):
    w = loaded
    press(qtbot, w, "Ctrl+F")
    qtbot.keyClicks(w.find_bar.field, "zzzqqq")
    assert w.find_bar.count.text() == "No matches"
    assert w.overview.view.highlight_layer("find") == []
    search = w.actions[ActionName.SEARCH]
    assert "Ctrl+Shift+F" in [s.toString() for s in search.shortcuts()]
    assert "Ctrl+Shift+F" in w.chrome.search_field.placeholderText()
    press(qtbot, w, "Ctrl+Shift+F")
    assert w.chrome.search_field.hasFocus()


def test_find_in_a_table_makes_the_matching_row_current(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "actors")
    press(qtbot, w, "Ctrl+F")
    actor = next(a for a in w.briefing.actors if a.name == "NATO")
    qtbot.keyClicks(w.find_bar.field, actor.name)
    assert w.find_bar.count.text().startswith("1 of ")
    first = w.pages.actors.current_address()
    press(qtbot, w, "F3")
    assert w.inspector.address == w.pages.actors.current_address()
    assert first is not None


def test_find_follows_the_page_shown_and_in_a_source(loaded, qtbot):
    w = loaded
    press(qtbot, w, "Ctrl+F")
    qtbot.keyClicks(w.find_bar.field, "liaison")
    assert w.overview.view.highlight_layer("find")
    press(qtbot, w, "Ctrl+6")
    text = w.pages.sources.text
    assert not w.overview.view.highlight_layer("find")  # marks leave with the page
    assert len(text.highlight_layer("find")) == sum(occurrences(s.text, "liaison") for s in text.segments())
    assert w.find_bar.isVisible()
    qtbot.mouseClick(w.find_bar.close_button, Qt.MouseButton.LeftButton)
    assert not text.highlight_layer("find")


def test_find_marks_words_on_the_quote_cards_and_esc_clears_them(loaded, qtbot):
    w = loaded
    press(qtbot, w, "Ctrl+5")
    page = w.pages.quotes
    quote = w.briefing.quotes[0]
    word = quote.text.split()[3].strip(",.\u201c\u201d")
    press(qtbot, w, "Ctrl+F")
    qtbot.keyClicks(w.find_bar.field, word)
    n = sum(occurrences(q.text, word) + occurrences(q.context or "", word) for q in w.briefing.quotes)
    assert w.find_bar.count.text() == f"1 of {n}"
    cards = page.cards
    row = next(page.view.model().index(r, 0) for r in range(page.view.model().rowCount())
               if page.view.model().index(r, 0).data(Role.ADDRESS) == quote.address)
    shown = "\u201c" + quote.text.strip() + "\u201d"
    assert len(cards.field_ranges(row, "text", shown)) >= occurrences(quote.text, word)
    assert page.current_address() is not None
    qtbot.keyClick(w.find_bar.field, Qt.Key.Key_Escape)
    assert cards.field_ranges(row, "text", shown) == []
