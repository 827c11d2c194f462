"""Back/Forward: typing in the search field is not a jump; reloading keeps the history and the place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.actions import ActionName

from .conftest import click_section, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_typing_a_search_keeps_back_and_forward(loaded, qtbot):
    w = loaded
    b = w.briefing
    actor = f"actors/{b.quotes[0].speaker}"
    w.go_to(actor)
    click_section(qtbot, w, "quotes")
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "actors"
    places = list(w.history.places)
    assert w.actions[ActionName.FORWARD].isEnabled()
    field = w.chrome.search_field
    press(qtbot, w, "Ctrl+Shift+F")
    qtbot.keyClicks(field, "liaison")
    assert w.current_section() == "search"
    assert w.history.places == places
    assert w.actions[ActionName.FORWARD].isEnabled() and w.actions[ActionName.BACK].isEnabled()
    # Back leaves the results for where the search started; Forward is still the quotes
    w.pages.actors.view.setFocus()  # (in the search field, Alt+Left is the field's own)
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "actors" and w.pages.actors.current_address() == actor
    press(qtbot, w, "Alt+Right")
    assert w.current_section() == "quotes"


def test_jumping_from_search_results_is_a_step(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "timeline")
    press(qtbot, w, "Ctrl+Shift+F")
    qtbot.keyClicks(w.chrome.search_field, "liaison")
    qtbot.keyClick(w.chrome.search_field, Qt.Key.Key_Return)
    assert w.current_section() not in ("search", "timeline")
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "search"
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "timeline"


def test_escape_in_search_returns_to_the_place(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "sources")
    press(qtbot, w, "Ctrl+Shift+F")
    qtbot.keyClicks(w.chrome.search_field, "NATO")
    assert w.current_section() == "search"
    qtbot.keyClick(w.chrome.search_field, Qt.Key.Key_Escape)
    assert w.current_section() == "sources"


def test_reload_on_change_keeps_history_section_and_scrolling(qtbot, window, tmp_path):
    import shutil

    from .conftest import SAMPLE, open_and_wait

    path = tmp_path / "briefing.yaml"
    shutil.copy(SAMPLE, path)
    w = window
    open_and_wait(qtbot, w, path)
    b = w.briefing
    quote = b.quotes[0]
    w.go_to(quote.address)
    click_section(qtbot, w, "sources")
    text = w.pages.sources.text
    text.resize(text.width(), 300)  # short enough to scroll
    bar = text.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    steps = len(w.history.places)
    assert steps >= 3
    data = path.read_text(encoding="utf-8")
    old_title = "Russian warships hold anti-submarine exercises in the Sea of Japan"
    assert old_title in data
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):  # the file watcher reloads it
        path.write_text(data.replace(old_title, "Russian warships drill in the Sea of Japan"), encoding="utf-8")
    assert w.briefing is not b and w.current_section() == "sources"
    assert len(w.history.places) == steps and w.actions[ActionName.BACK].isEnabled()
    qtbot.waitUntil(lambda: bar.value() == kept, timeout=2000)
    assert "1 event changed" in w.statusBar().currentMessage()
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "quotes" and w.pages.quotes.current_address() == quote.address


def test_history_prune_drops_places_whose_element_is_gone():
    from dataclasses import replace

    from briefing_app.core.history import History, Place
    from briefing_app.gui.window.file_handling import describe_changes, still_there

    from .factory import make_briefing

    old = make_briefing(n_events=3)
    gone = old.quotes[-1]
    new = replace(old, quotes=old.quotes[:-1])
    h = History()
    for p in (Place("overview", "summary"), Place("quotes", gone.address), Place("actors", old.actors[0].address),
              Place("quotes", gone.address)):
        h.visit(p)
    h.back()  # current: the actor
    h.prune(lambda p: still_there(p, old, new))
    assert h.places == [Place("overview", "summary"), Place("actors", old.actors[0].address)]
    assert h.current == Place("actors", old.actors[0].address) and not h.can_forward()
    assert describe_changes(old, new) == "1 quote removed."
    assert describe_changes(old, old).startswith("no change")


def test_back_returns_to_the_view_as_it_was_left(loaded, qtbot):
    """Scrolled down the Overview, then off to a source: Back shows the Overview scrolled where the
    analyst left it, not from the top; Forward likewise returns to the source view."""
    from briefing_app.core.history import Place

    w = loaded
    click_section(qtbot, w, "overview")
    bar = w.overview.view.verticalScrollBar()
    assert bar.maximum() > 200, "the sample's Overview is taller than the window"
    bar.setValue(bar.maximum() * 3 // 4)
    left_at = bar.value()
    kp = w.briefing.summary.key_points[-1]
    w.go(Place("sources", kp.address))
    assert w.current_section() == "sources"
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "overview" and bar.value() == left_at
    press(qtbot, w, "Alt+Right")
    assert w.current_section() == "sources"


def test_the_same_place_scrolled_elsewhere_is_not_a_new_step():
    from briefing_app.core.history import History, Place

    h = History()
    h.visit(Place("overview", "summary"))
    h.replace(Place("overview", "summary", scroll=((120, 0),)))
    h.visit(Place("overview", "summary"))  # e.g. the same element clicked again
    assert len(h.places) == 1 and h.current.scroll == ((120, 0),)
