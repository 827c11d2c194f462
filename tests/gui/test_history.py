"""Back/Forward: typing in the search field is not a jump; reloading keeps the history and the place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.actions import ActionName

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_typing_a_search_keeps_back_and_forward(loaded, qtbot):
    w = loaded
    b = w.briefing
    actor = f"actors/{b.quotes[0].speaker}"
    w.go_to(actor)
    w.go_section("quotes")
    w.back()
    assert w.current_section() == "actors"
    places = list(w.history.places)
    assert w.actions[ActionName.FORWARD].isEnabled()
    w.search_field.setFocus()
    qtbot.keyClicks(w.search_field, "liaison")
    assert w.current_section() == "search"
    assert w.history.places == places
    assert w.actions[ActionName.FORWARD].isEnabled() and w.actions[ActionName.BACK].isEnabled()
    # Back leaves the results for where the search started; Forward is still the quotes
    w.back()
    assert w.current_section() == "actors" and w.actors.current_address() == actor
    w.forward()
    assert w.current_section() == "quotes"


def test_jumping_from_search_results_is_a_step(loaded, qtbot):
    w = loaded
    w.go_section("timeline")
    w.search_field.setFocus()
    qtbot.keyClicks(w.search_field, "liaison")
    qtbot.keyClick(w.search_field, Qt.Key.Key_Return)
    assert w.current_section() not in ("search", "timeline")
    w.back()
    assert w.current_section() == "search"
    w.back()
    assert w.current_section() == "timeline"


def test_escape_in_search_returns_to_the_place(loaded, qtbot):
    w = loaded
    w.go_section("sources")
    w.search_field.setFocus()
    qtbot.keyClicks(w.search_field, "NATO")
    assert w.current_section() == "search"
    qtbot.keyClick(w.search_field, Qt.Key.Key_Escape)
    assert w.current_section() == "sources"
