"""Every item model passes Qt's model tester; FieldView maps selections to field offsets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from briefing_app.core.search import SearchIndex
from briefing_app.gui.pages.models import (
    ActorsModel,
    ActorsProxy,
    QuotesModel,
    QuotesProxy,
    Role,
    SearchResultsModel,
    SectionsModel,
    SourcesModel,
    TimelineModel,
    TimelineProxy,
)
from briefing_app.gui.views.field_view import FieldHighlight, FieldView, FieldViewHub

from .factory import SOURCE_TEXT, make_briefing

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("model_cls", [ActorsModel, TimelineModel, QuotesModel, SourcesModel, SectionsModel])
def test_models_pass_modeltester(qtmodeltester, model_cls, sample_briefing):
    m = model_cls()
    m.set_briefing(sample_briefing)
    qtmodeltester.check(m, force_py=True)
    m.set_briefing(make_briefing(30))
    qtmodeltester.check(m, force_py=True)


@pytest.mark.parametrize("proxy_cls,model_cls", [(ActorsProxy, ActorsModel), (TimelineProxy, TimelineModel),
                                                 (QuotesProxy, QuotesModel)])
def test_proxies_pass_modeltester(qtmodeltester, proxy_cls, model_cls):
    m = model_cls()
    m.set_briefing(make_briefing(20))
    p = proxy_cls()
    p.setSourceModel(m)
    p.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(p, force_py=True)


def test_search_results_model(qtmodeltester):
    b = make_briefing(50)
    index = SearchIndex(b)
    m = SearchResultsModel()
    m.set_results(index.search("nato"), index.totals)
    assert m.rowCount() >= 3
    qtmodeltester.check(m, force_py=True)
    m.set_results(index.search("event"), index.totals)
    qtmodeltester.check(m, force_py=True)
    group = m.index(0, 0)
    hit = m.hit(m.index(0, 0, group))
    assert hit.entry.lower[hit.start:hit.end] == "event"


def test_timeline_proxy_filters_by_actor_and_text():
    m = TimelineModel()
    m.set_briefing(make_briefing())
    p = TimelineProxy()
    p.setSourceModel(m)
    p.set_actor("france")
    assert [p.index(r, 0).data(Role.ADDRESS) for r in range(p.rowCount())] == ["timeline/ev-objection"]
    p.set_actor("")
    p.set_text("VILNIUS")
    assert p.rowCount() == 1
    # precision-aware dates: a range, an approximate month, a year
    m2 = {m.index(r, 0).data(Role.ADDRESS): m.index(r, 0).data() for r in range(m.rowCount())}
    assert m2["timeline/ev-vilnius"] == "11\u201312 Jul 2023"
    assert m2["timeline/ev-objection"] == "c.\u00a0Jun 2023"
    assert m2["timeline/ev-year"] == "2022"


def test_field_view_maps_selection_to_code_points(qtbot):
    view = FieldView()
    qtbot.addWidget(view)
    w = view.writer()
    w.heading("Label before the field", 2)
    w.block()
    w.field("sources/nikkei", "text", SOURCE_TEXT)
    w.finish()
    target = "The summit in Vilnius"
    start = SOURCE_TEXT.index(target)  # after an astral-plane character (two UTF-16 units)
    seg = view.segments()[0]
    cur = QTextCursor(view.document())
    cur.setPosition(seg.to_doc(start))
    cur.setPosition(seg.to_doc(start + len(target)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cur)
    assert cur.selectedText() == target
    assert view.selected_field_range() == ("sources/nikkei", "text", start, start + len(target))
    # a drag that takes the spaces around the words highlights the words alone
    cur.setPosition(seg.to_doc(start - 1))
    cur.setPosition(seg.to_doc(start + len(target) + 1), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cur)
    assert SOURCE_TEXT[start - 1].isspace() and SOURCE_TEXT[start + len(target)].isspace()
    assert view.selected_field_range() == ("sources/nikkei", "text", start, start + len(target))
    cur.setPosition(seg.to_doc(start - 1))
    cur.setPosition(seg.to_doc(start), QTextCursor.MoveMode.KeepAnchor)  # nothing but a space
    view.setTextCursor(cur)
    assert view.selected_field_range() is None


def test_hub_highlights_reach_every_view_and_survive_rebuild(qtbot):
    hub = FieldViewHub()
    views = [hub.register(FieldView()) for _ in range(2)]
    for v in views:
        qtbot.addWidget(v)
        w = v.writer()
        w.block()
        w.field("quotes/q-hayashi", "text", "no details have been finalized yet")
        w.finish()
    hub.set_extra_highlights([("quotes/q-hayashi", "text", 3, 10, QColor("yellow"), "a note")])
    for v in views:
        seg = v.segments()[0]
        assert [h.tooltip for h in v.highlights_at(seg.to_doc(5))] == ["a note"]
        assert v.highlights_at(seg.to_doc(12)) == []
        assert len(v.extraSelections()) == 1
    w = views[0].writer()  # a rebuild keeps the hub's highlights
    w.block()
    w.field("quotes/q-hayashi", "text", "no details have been finalized yet")
    w.finish()
    assert isinstance(views[0].highlights_at(views[0].segments()[0].to_doc(4))[0], FieldHighlight)


def test_sources_page_highlights_every_span_with_citing_tooltips(qtbot):
    from briefing_app.gui.pages.sources import SourcesPage

    page = SourcesPage()
    qtbot.addWidget(page)
    b = make_briefing()
    page.set_briefing(b)
    layer = page.text.highlight_layer("evidence")
    spans = b.evidence_spans("nikkei")
    assert [(h.start, h.end) for h in layer] == [(s.start, s.end) for s in spans]
    seg = page.text.segments_for("sources/nikkei", "text")[0]
    tips = [h.tooltip for h in page.text.highlights_at(seg.to_doc(spans[0].start + 1))]
    assert any("NATO" in t for t in tips) and any("Key point" in t for t in tips)
    assert page.show_span("nikkei", spans[-1].start, spans[-1].end)
    assert page.text.textCursor().position() == seg.to_doc(spans[-1].end)


def test_clicking_source_text_selects_the_citing_element_or_the_source(qtbot):
    """A click on a cited span selects the (innermost) element citing it; a click on text
    that only an annotation marks selects the source itself."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from briefing_app.gui.pages.sources import SourcesPage

    page = SourcesPage()
    qtbot.addWidget(page)
    page.resize(900, 700)
    b = make_briefing()
    page.set_briefing(b)
    page.show()
    qtbot.waitExposed(page)
    spans = b.evidence_spans("nikkei")
    seg = page.text.segments_for("sources/nikkei", "text")[0]
    free = next(i for i in range(len(SOURCE_TEXT) - 10)
                if SOURCE_TEXT[i] != " " and all(not (s.start <= i + k < s.end) for s in spans for k in range(4)))
    page.text.set_highlight_layer("extra", [FieldHighlight("sources/nikkei", "text", free, free + 4,
                                                           QColor("yellow"), "an analyst's note")])

    def click_at(offset: int) -> list[str]:
        cur = QTextCursor(page.text.document())
        cur.setPosition(seg.to_doc(offset))
        rect = page.text.cursorRect(cur)
        selected: list[str] = []
        page.element_selected.connect(selected.append)
        QTest.mouseClick(page.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
        page.element_selected.disconnect(selected.append)
        return selected

    innermost = min(spans, key=lambda s: s.end - s.start)
    assert click_at(innermost.start + 1) == [innermost.address]
    assert click_at(free + 1) == ["sources/nikkei"]


def test_the_context_menu_on_a_cited_passage_offers_every_citing_element(qtbot):
    """A click takes the innermost element citing a passage; the context menu lists them all."""
    from PySide6.QtWidgets import QMenu

    from briefing_app.gui.pages.sources import SourcesPage

    page = SourcesPage()
    qtbot.addWidget(page)
    b = make_briefing()
    page.set_briefing(b)
    spans = b.evidence_spans("nikkei")
    seg = page.text.segments_for("sources/nikkei", "text")[0]
    # the point of the text cited by the most elements
    best = max(range(len(SOURCE_TEXT)), key=lambda i: len({s.address for s in spans if s.start <= i < s.end}))
    citing = {s.address for s in spans if s.start <= best < s.end}
    assert len(citing) >= 2, "the factory briefing cites some passage twice"
    page.text.context_position = seg.to_doc(best)
    menu = QMenu()
    for hook in page.text.local_menu_hooks:  # what the view runs as its context menu opens
        hook(page.text, None, None, menu)
    inspect = [a for a in menu.actions() if a.text().startswith("Inspect ")]
    assert len(inspect) == len(citing)
    selected: list[str] = []
    page.element_selected.connect(selected.append)
    for act in inspect:
        act.trigger()
    assert set(selected) == citing
    empty = QMenu()
    page.text.context_position = seg.to_doc(next(i for i in range(len(SOURCE_TEXT))
                                                 if not any(s.start <= i < s.end for s in spans)))
    for hook in page.text.local_menu_hooks:
        hook(page.text, None, None, empty)
    assert empty.actions() == []
