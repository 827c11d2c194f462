"""Quote cards: annotation highlights drawn on them, and a context menu like a text field's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from briefing_app.gui.pages.models import Role
from briefing_app.gui.views.field_view import FieldHighlight

from .conftest import click_section

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

MARK = QColor("#ffcc80")  # an annotation's marker colour


def _count(img, color: QColor) -> int:
    rgb = color.rgb()
    return sum(1 for y in range(0, img.height(), 2) for x in range(0, img.width(), 2) if img.pixel(x, y) == rgb)


def test_highlight_on_a_quote_is_drawn_on_its_card(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    q = page.proxy.index(0, 0).data(Role.ELEMENT)
    vp = page.view.viewport()
    vp.repaint()
    before = _count(vp.grab().toImage(), MARK)
    w.field_hub.set_extra_highlights([FieldHighlight(q.address, "text", 3, 20, MARK, "verify (orange)")])
    vp.repaint()
    after = _count(vp.grab().toImage(), MARK)
    assert after > before + 30
    ranges = page.cards.field_ranges(page.proxy.index(0, 0), "text", page.proxy.index(0, 0).data())
    shown = page.proxy.index(0, 0).data()
    (r,) = ranges
    assert q.text == q.text.lstrip()  # the sample's quotes start with their first word
    assert shown[r.start:r.start + r.length] == q.text[3:20]  # the card's text starts with an opening quote mark
    # highlights go away from the card when the hub drops them
    w.field_hub.set_extra_highlights([])
    vp.repaint()
    assert _count(vp.grab().toImage(), MARK) == before


def test_card_context_menu_has_the_field_entries_and_runs_element_hooks(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    q = page.proxy.index(0, 0).data(Role.ELEMENT)
    seen = []
    w.field_hub.element_menu_hooks.append(lambda address, field, menu: (seen.append((address, field)),
                                                                        menu.addAction("Annotate Quote\u2026")))
    menu = w.build_quote_card_menu(q.address)
    qtbot.addWidget(menu)
    names = {a.objectName() for a in menu.actions()}
    assert {"card_inspect", "card_show_in_source", "card_copy_quote", "card_copy_citation"} <= names
    assert seen == [(q.address, "text")] and any(a.text() == "Annotate Quote\u2026" for a in menu.actions())
    next(a for a in menu.actions() if a.objectName() == "card_copy_quote").trigger()
    assert QApplication.clipboard().text() == " ".join(q.text.split())
    next(a for a in menu.actions() if a.objectName() == "card_copy_citation").trigger()
    cite = QApplication.clipboard().text()
    assert cite.startswith("\u201c") and w.briefing.display_name(q.speaker) in cite
    next(a for a in menu.actions() if a.objectName() == "card_show_in_source").trigger()
    assert w.current_section() == "sources" and w.pages.sources.text.highlight_layer("mark")


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_right_click_on_a_card_emits_the_element_signal(loaded, qtbot):
    from PySide6.QtWidgets import QMenu

    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    rect = page.view.visualRect(page.proxy.index(1, 0))
    from PySide6.QtGui import QContextMenuEvent

    vp = page.view.viewport()
    pos = rect.center() + QPoint(0, 4)
    with qtbot.waitSignal(w.element_context_menu_requested) as sig:  # a right-click on the card
        QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos)))
    assert sig.args[0] == page.proxy.index(1, 0).data(Role.ADDRESS) and sig.args[1] == "text"
    assert page.current_address() == sig.args[0]
    menu = w.findChild(QMenu, "quote_card_menu")
    assert menu is not None and menu.isVisible()
    menu.close()


def test_annotate_quote_falls_back_to_the_annotation_action(loaded, qtbot):
    from briefing_app.gui.annotations.controller import install_annotations

    w = loaded
    install_annotations(w)
    click_section(qtbot, w, "quotes")
    address = w.pages.quotes.proxy.index(0, 0).data(Role.ADDRESS)
    menu = w.build_quote_card_menu(address)
    qtbot.addWidget(menu)
    if w.field_hub.element_menu_hooks:
        pytest.skip("the annotation code registers its own whole-element entry")
    assert any(a.objectName() == "card_annotate" for a in menu.actions())


def test_source_search_results_lead_with_their_paragraph(loaded, qtbot):
    from briefing_app.gui.pages.search import hit_label

    w = loaded
    w.chrome.search_field.setText("liaison")
    model = w.pages.search.model
    group = next(model.index(r, 0) for r in range(model.rowCount())
                 if model.index(r, 0).data(Role.SECTION) == "sources")
    labels = [hit_label(model.hit(model.index(r, 0, group))) for r in range(model.rowCount(group))]
    text_labels = [lab for lab in labels if lab.startswith("\u00b6")]
    # hits in different paragraphs are told apart by the start of the label, before any elision
    assert len(text_labels) >= 2 and len({lab.split()[0] for lab in text_labels}) >= 2
