"""The link chart and the Relations page, driven through real clicks, keys and exports.

Layout: deterministic and overlap-free for the sample and a generated
200-actor / 400-relation briefing. Input: a click selects (and dims all but
the neighbourhood), a double-click follows, zoom keys zoom. Exports: PNG that
QImage loads, SVG that parses and names the actors.
"""

from __future__ import annotations

import datetime as dt
import random
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from briefing_app.core.briefing.model import ACTOR_KINDS, Actor, Briefing, Relation, Source, Summary
from briefing_app.core.link_layout import Box, boxes_overlap, layout_graph
from briefing_app.gui.pages.link_chart import DIMMED_OPACITY, LinkChart
from briefing_app.gui.pages.link_items import EdgeItem, NodeItem, chart_style, contrast_ratio
from briefing_app.gui.pages.relations import RelationsPage

from .prompts import ScriptedPrompts

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

KINDS = ("partner", "member of", "opposes", "funds", "supplies arms to", "in talks with")


def network(n_actors: int = 200, n_relations: int = 400, seed: int = 11) -> Briefing:
    """A generated briefing: hubs and small players, parallel, opposite and self relations."""
    rnd = random.Random(seed)
    actors = tuple(Actor(f"a-{i}", f"Actor number {i} {rnd.choice(('North', 'Free', 'Iron'))}",
                         ACTOR_KINDS[i % 6], affiliation=f"a-{i // 7}" if i % 9 == 8 else None)
                   for i in range(n_actors))
    weights = [1 / (1 + i) ** 0.8 for i in range(n_actors)]
    rels = [Relation(f"r-{k}", f"a-{rnd.randrange(n_actors)}", f"a-{rnd.choices(range(n_actors), weights)[0]}",
                     rnd.choice(KINDS)) for k in range(n_relations - 4)]
    rels += [Relation("r-ab", "a-1", "a-2", "funds"), Relation("r-ba", "a-2", "a-1", "reports to"),
             Relation("r-self", "a-5", "a-5", "split"), Relation("r-self2", "a-5", "a-5", "merged")]
    return Briefing(id="net", title="Net", as_of=dt.date(2024, 1, 1), sources=(Source("s", "S", "Text."),),
                    summary=Summary("Generated."), actors=actors, relations=tuple(rels))


@pytest.fixture
def chart(qtbot, sample_briefing):
    c = LinkChart()
    qtbot.addWidget(c)
    c.resize(1000, 700)
    c.set_briefing(sample_briefing)
    c.show()
    qtbot.waitExposed(c)
    return c


def view_point(chart: LinkChart, address: str) -> QPoint:
    """Where on the screen an element is, after zooming in on it so it is easy to hit."""
    chart.resetTransform()
    point = chart.scene_point(address)
    chart.centerOn(point)
    return chart.mapFromScene(point)


def assert_no_overlaps(chart: LinkChart) -> None:
    nodes = list(chart.nodes.values())
    rects = [n.sceneBoundingRect() for n in nodes]
    for (a, ra), (b, rb) in combinations(zip(nodes, rects, strict=True), 2):
        assert not ra.intersects(rb), (a.name, b.name)
    shapes = [n.mapRectToScene(n.shape().boundingRect()) for n in nodes]
    for e in chart.edges.values():
        if not e.crowded:  # a label is placed where it covers no node (crowded ones show only in focus)
            assert not any(e.label_rect.intersects(s) for s in shapes), e.address


def positions(chart: LinkChart) -> dict[str, tuple[float, float]]:
    return {a: (n.pos().x(), n.pos().y()) for a, n in chart.nodes.items()}


def test_layout_is_deterministic_and_overlap_free_for_the_sample(qtbot, chart, sample_briefing):
    assert len(chart.nodes) == len(sample_briefing.actors)
    assert len(chart.edges) == len(sample_briefing.relations)
    assert_no_overlaps(chart)
    again = LinkChart()
    qtbot.addWidget(again)
    again.set_briefing(sample_briefing)
    assert positions(again) == positions(chart)
    # the same picture, labels included
    assert [e.label_rect for e in again.edges.values()] == [e.label_rect for e in chart.edges.values()]


def test_layout_of_200_actors_and_400_relations(qtbot):
    b = network()
    c = LinkChart()
    qtbot.addWidget(c)
    c.set_briefing(b)
    assert len(c.nodes) == 200 and len(c.edges) == 400
    assert_no_overlaps(c)
    assert sum(e.crowded for e in c.edges.values()) < 40  # most labels find a free place
    again = LinkChart()
    qtbot.addWidget(again)
    again.set_briefing(b)
    assert positions(again) == positions(c)


def test_layout_function_alone_is_pure_and_keeps_boxes_apart():
    ids = [f"n{i}" for i in range(60)]
    edges = [(ids[i], ids[(i * 7 + 3) % 60]) for i in range(60)] + [("n1", "n1"), ("n1", "ghost")]
    boxes = {i: Box(-30, -20, 30 + (i == "n3") * 100, 40) for i in ids}
    pos = layout_graph(reversed(ids), edges, boxes, gap=10)
    assert pos == layout_graph(ids, edges, boxes, gap=10)  # input order does not matter
    assert set(pos) == set(ids)
    for a, b in combinations(ids, 2):
        assert not boxes_overlap(pos[a], boxes[a], pos[b], boxes[b], 10), (a, b)
    assert layout_graph([], [], {}) == {}


def test_parallel_opposite_and_self_relations_do_not_overlap(qtbot):
    c = LinkChart()
    qtbot.addWidget(c)
    c.set_briefing(network(20, 30))
    ab, ba = c.edges["relations/r-ab"], c.edges["relations/r-ba"]
    assert ab.path.pointAtPercent(0.5) != ba.path.pointAtPercent(0.5)
    assert not ab.label_rect.intersects(ba.label_rect)
    loop, loop2 = c.edges["relations/r-self"], c.edges["relations/r-self2"]
    node = c.nodes["actors/a-5"]
    assert loop.path.boundingRect().bottom() <= node.pos().y()  # drawn above its actor
    assert loop2.path.boundingRect().height() > loop.path.boundingRect().height()
    assert not loop.label_rect.intersects(loop2.label_rect)


def test_click_selects_and_dims_all_but_the_neighbourhood(qtbot, chart):
    with qtbot.waitSignal(chart.element_selected, timeout=2000) as sig:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=view_point(chart, "actors/nato"))
    assert sig.args == ["actors/nato"]
    assert chart.current_address() == "actors/nato"
    assert chart.item_for("actors/nato").opacity() == 1.0
    assert chart.item_for("actors/australia").opacity() == 1.0  # a neighbour
    assert chart.item_for("actors/north-korea").opacity() == pytest.approx(DIMMED_OPACITY)
    assert chart.item_for("relations/rel-australia-nato-partner").opacity() == 1.0
    assert chart.item_for("relations/rel-russia-ukraine-invasion").opacity() == pytest.approx(DIMMED_OPACITY)
    # a relation keeps its two ends
    with qtbot.waitSignal(chart.element_selected, timeout=2000) as sig:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                         pos=view_point(chart, "relations/rel-russia-ukraine-invasion"))
    assert sig.args == ["relations/rel-russia-ukraine-invasion"]
    assert chart.item_for("actors/russia").opacity() == 1.0
    assert chart.item_for("actors/nato").opacity() == pytest.approx(DIMMED_OPACITY)
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert chart.current_address() is None
    assert all(item.opacity() == 1.0 for item in chart.all_items())


def test_double_click_and_enter_follow(qtbot, chart):
    with qtbot.waitSignal(chart.element_activated, timeout=2000) as sig:
        qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=view_point(chart, "actors/japan"))
    assert sig.args == ["actors/japan"]
    with qtbot.waitSignal(chart.element_activated, timeout=2000) as sig:
        qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton,
                          pos=view_point(chart, "relations/rel-china-nato-opposes"))
    assert sig.args == ["relations/rel-china-nato-opposes"]
    with qtbot.waitSignal(chart.element_activated, timeout=2000) as sig:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert sig.args == ["relations/rel-china-nato-opposes"]


def test_zoom_keys_and_pan_drag(qtbot, chart):
    chart.setFocus()
    fitted = chart.zoom_level()
    qtbot.keyClick(chart, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert chart.zoom_level() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(chart, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(chart, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert chart.zoom_level() < fitted
    qtbot.keyClick(chart, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert chart.zoom_level() == pytest.approx(fitted)
    chart.zoom_by(4)
    before = chart.horizontalScrollBar().value()
    start = QPoint(5, 5)  # the background, clear of any actor at this zoom
    assert chart.itemAt(start) is None
    qtbot.mousePress(chart.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(chart.viewport(), QPoint(205, 5))
    qtbot.mouseRelease(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(205, 5))
    assert chart.horizontalScrollBar().value() < before


def test_png_and_svg_export(qtbot, chart, sample_briefing, tmp_path):
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    chart.export_png(str(png))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 500 and image.height() > 300
    chart.export_svg(str(svg))
    root = ET.parse(svg).getroot()
    text = " ".join(" ".join(el.itertext()) for el in root.iter())
    for actor in sample_briefing.actors:
        for word in actor.name.split():  # a long name wraps onto two lines
            assert word in text, actor.name
    assert "territorial dispute with" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.png", "chart.svg"]  # no temporary files left


@pytest.mark.parametrize("base,text", [("#ffffff", "#000000"), ("#1e1f22", "#e1e2e6")])
def test_labels_meet_wcag_aa_in_light_and_dark(qapp, base, text):
    pal = QPalette(qapp.palette())
    pal.setColor(QPalette.ColorRole.Base, QColor(base))
    pal.setColor(QPalette.ColorRole.Text, QColor(text))
    style = chart_style(pal, qapp.font())
    assert contrast_ratio(style.label, style.background) >= 4.5
    assert contrast_ratio(style.edge_label, style.background) >= 4.5
    assert contrast_ratio(style.selected_text, style.selected_plate) >= 4.5


def test_relations_page_syncs_table_and_chart(qtbot, sample_briefing, tmp_path):
    prompts = ScriptedPrompts()
    page = RelationsPage(prompts=prompts)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.set_briefing(sample_briefing)
    page.show()
    qtbot.waitExposed(page)
    # a row selects its arrow
    idx = page.proxy.index(2, 0)
    with qtbot.waitSignal(page.element_selected, timeout=2000) as sig:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(idx).center())
    assert sig.args == ["relations/rel-south-korea-nato-partner"]
    assert page.chart.item_for("relations/rel-south-korea-nato-partner").isSelected()
    # an arrow selects its row
    chart = page.chart
    with qtbot.waitSignal(page.element_selected, timeout=2000) as sig:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                         pos=view_point(chart, "relations/rel-japan-russia-tension"))
    assert sig.args == ["relations/rel-japan-russia-tension"]
    assert page.current_address() == "relations/rel-japan-russia-tension"
    assert page.view.currentIndex().data() == "Japan"
    # double-click follows, as the other pages' links do
    with qtbot.waitSignal(page.link_activated, timeout=2000) as sig:
        qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=view_point(chart, "actors/ukraine"))
    assert sig.args == ["actors/ukraine"]
    # the actor filter narrows the table
    page.actor.setCurrentIndex(page.actor.findData("ukraine"))
    assert page.count.text() == "2 of 14 relations"
    assert page.select("relations/rel-japan-nato-partner")  # hidden by the filter: the filter clears
    assert page.count.text() == "14 relations"
    assert page.select("actors/japan") and page.current_address() == "actors/japan"
    assert not page.select("actors/nobody")


def test_export_button_writes_png_or_svg_and_warns_on_failure(qtbot, sample_briefing, tmp_path):
    prompts = ScriptedPrompts()
    page = RelationsPage(prompts=prompts)
    qtbot.addWidget(page)
    page.set_briefing(sample_briefing)
    prompts.answer("save_file", tmp_path / "chart.svg")
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    prompts.answer("save_file", tmp_path / "chart")  # no suffix: a PNG
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    assert not QImage(str(tmp_path / "chart.png")).isNull()
    prompts.answer("save_file", tmp_path / "missing" / "chart.png")
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    assert prompts.warnings and "could not be saved" in prompts.warnings[0][1]
    assert not (tmp_path / "missing").exists()
    prompts.answer("save_file", None)  # cancelled: nothing happens
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    assert len(prompts.warnings) == 1


def test_empty_and_no_briefing(qtbot):
    page = RelationsPage(prompts=ScriptedPrompts())
    qtbot.addWidget(page)
    page.set_briefing(None)
    assert page.count.text() == "0 relations" and not page.export.isEnabled()
    assert page.chart.nodes == {} and page.current_address() is None


def test_items_are_nodes_and_edges(chart):
    assert all(isinstance(n, NodeItem) for n in chart.nodes.values())
    assert all(isinstance(e, EdgeItem) for e in chart.edges.values())
    # affiliations are drawn (dashed) when no relation links the two
    assert {e.source for e in chart.affiliations} == {"yoshimasa-hayashi", "fumio-kishida", "russian-armed-forces",
                                                     "chinese-foreign-ministry"}
