"""The Relations section in the window: navigator, link chart → inspector, following, links, search, --goto."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.gui.actions import ActionName
from briefing_app.gui.pages.sections_model import Role

from .conftest import click_section, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def chart_point(chart, address):
    """Where on the screen an element of the chart is, centred so it is easy to hit."""
    chart.resetTransform()
    point = chart.scene_point(address)
    chart.centerOn(point)
    return chart.mapFromScene(point)


def test_relations_in_the_navigator_after_actors_with_its_count(loaded, qtbot):
    w = loaded
    model = w.pages.navigator.model()
    sections = [model.index(r, 0).data(Role.SECTION) for r in range(model.rowCount())]
    assert sections.index("relations") == sections.index("actors") + 1
    row = sections.index("relations")
    assert model.index(row, 0).data(Role.COUNT) == len(w.briefing.relations) > 0
    assert model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) == "Relations"
    click_section(qtbot, w, "relations")
    assert w.current_section() == "relations"
    page = w.pages.page("relations")
    assert page.isVisible() and page.prompts is w.prompts
    assert page.model.rowCount() == len(w.briefing.relations)
    press(qtbot, w, "Ctrl+1")
    press(qtbot, w, w.actions[ActionName.GO_RELATIONS].shortcut().toString())
    assert w.current_section() == "relations"


def test_a_click_on_the_chart_shows_the_element_in_the_inspector_and_a_double_click_follows(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "relations")
    chart = w.pages.page("relations").chart
    relation = w.briefing.relations[0]
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart_point(chart, relation.address))
    assert w.inspector.address == relation.address
    assert relation.kind in w.inspector.toPlainText()
    actor = f"actors/{relation.from_actor}"
    pos = chart_point(chart, actor)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert w.inspector.address == actor
    qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert w.current_section() == "actors"
    assert w.pages.actors.current_address() == actor
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "relations"


def test_a_relation_link_and_a_search_hit_land_on_the_relations_page(loaded, qtbot):
    w = loaded
    relation = w.briefing.relations[1]
    w.navigation.follow_link(relation.address)
    assert w.current_section() == "relations"
    page = w.pages.page("relations")
    assert page.current_address() == relation.address
    assert page.view.currentIndex().data(Role.ADDRESS) == relation.address
    assert w.inspector.address == relation.address
    press(qtbot, w, "Ctrl+1")
    w.navigation.search_for(relation.kind)
    search = w.pages.search
    model = search.model
    groups = [model.index(r, 0).data(Role.SECTION) for r in range(model.rowCount())]
    assert "relations" in groups
    group = model.index(groups.index("relations"), 0)
    hit_index = model.index(0, 0, group)
    search.view.scrollTo(hit_index)
    qtbot.mouseClick(search.view.viewport(), Qt.MouseButton.LeftButton, pos=search.view.visualRect(hit_index).center())
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    assert w.current_section() == "relations"
    assert w.inspector.address == model.hit(hit_index).entry.address


def test_goto_opens_the_relations_section_and_a_relation(qtbot, prompts):
    from briefing_app.gui.app import start_window

    from .conftest import SAMPLE

    for goto, address in (("relations", None), ("relations/rel-japan-nato-partner", "relations/rel-japan-nato-partner")):
        w = start_window(SAMPLE, goto=goto, prompts=prompts)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda w=w: w.briefing is not None and w.current_section() == "relations", timeout=10_000)
        if address:
            assert w.pages.page("relations").current_address() == address
            assert w.inspector.address == address
        w.close()
