"""The global search finds the analyst's notes and tags; Esc leaves the search where it started."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.pages.models import Role

from .conftest import SAMPLE, click_section, press
from .test_annotation_gui import CTRL, SHIFT, annotation_window, editor_input, key_select

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def annotated(qtbot, tmp_path):
    """A window with annotations installed, on a copy of the sample in a temp folder."""
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w, ctl, _prompts = annotation_window(qtbot, path)
    yield w, ctl, path
    w.close()


def groups(search) -> list[str]:
    return [search.model.index(r, 0).data(Role.SECTION) for r in range(search.model.rowCount())]


def group_titles(search) -> list[str]:
    return [search.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(search.model.rowCount())]


def test_notes_and_tags_are_found_grouped_and_open_the_annotation(annotated, qtbot):
    w, ctl, _path = annotated
    view = w.overview.view
    key_select(qtbot, view, "summary", "bluf", 0, 10)
    ctl.prompts.answer("run", editor_input(qtbot, note="Zebra crossing judgment", tags="tripwire, nato"))
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL | SHIFT)
    (a,) = ctl.own
    click_section(qtbot, w, "actors")
    press(qtbot, w, "Ctrl+Shift+F")
    field = w.chrome.search_field
    assert field.hasFocus()
    qtbot.keyClicks(field, "zebra")
    search = w.pages.search
    assert groups(search) == ["notes"]
    assert group_titles(search) == ["Notes \u2014 1 match"]
    hit = search.model.hit(search.view.currentIndex())
    assert hit.entry.annotation == a.id and hit.entry.address == "summary"
    label = search.model.index(0, 0, search.model.index(0, 0)).data(Qt.ItemDataRole.DisplayRole)
    assert label.startswith("Bottom line up front: ") and "Zebra" in label
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.current_section() == "overview"
    assert w.inspector.address == "summary"
    table = ctl.dock.panel.table
    item = ctl.dock.panel.model.row_at(ctl.dock.panel.proxy.mapToSource(table.currentIndex()))
    assert item is not None and item[1].id == a.id
    press(qtbot, w, "Ctrl+Shift+F")
    field.selectAll()
    qtbot.keyClicks(field, "tripw")
    assert groups(search) == ["tags"]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.current_section() == "overview"
    press(qtbot, w, "Ctrl+Shift+F")
    field.selectAll()
    qtbot.keyClicks(field, "nato")  # in the briefing's text too: the tags come after its sections
    assert groups(search)[-1] == "tags" and len(groups(search)) > 1


def test_esc_in_the_search_field_returns_to_where_the_search_started(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "actors")
    before = w.pages.actors.current_address()
    press(qtbot, w, "Ctrl+Shift+F")
    qtbot.keyClicks(w.chrome.search_field, "liaison")
    assert w.current_section() == "search"
    qtbot.keyClick(w.chrome.search_field, Qt.Key.Key_Escape)
    assert w.current_section() == "actors" and w.pages.actors.current_address() == before
    assert w.chrome.search_field.text() == ""


def test_esc_after_opening_a_match_clears_its_outline_and_esc_on_the_results_goes_back(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "actors")
    press(qtbot, w, "Ctrl+Shift+F")
    field = w.chrome.search_field
    qtbot.keyClicks(field, "liaison")
    search = w.pages.search
    model = search.model
    group = model.index(groups(search).index("sources"), 0)
    hit_index = next(model.index(r, 0, group) for r in range(model.rowCount(group))
                     if model.hit(model.index(r, 0, group)).entry.field == "text")
    search.view.setCurrentIndex(hit_index)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    text = w.pages.sources.text
    assert w.current_section() == "sources" and text.highlight_layer("mark")
    press(qtbot, w, "Ctrl+Shift+F")  # the results again, for another look
    assert w.current_section() == "search"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert w.current_section() == "sources"
    assert text.highlight_layer("mark") == []
    assert field.text() == ""
    # the results as a step in history (Back from an opened match): Esc on them goes back past them
    qtbot.keyClicks(field, "liaison")
    search.view.setCurrentIndex(hit_index)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "search"
    search.view.setFocus()
    qtbot.keyClick(search.view, Qt.Key.Key_Escape)
    assert w.current_section() == "sources"
    assert field.text() == "" and model.rowCount() == 0
