"""The Quotes section: speaker links (mouse and Enter, with history) and full-text cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from briefing_app.gui.pages.models import Role
from briefing_app.gui.pages.quote_cards import WRAP

from .conftest import click_section, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _card(page, row):
    idx = page.proxy.index(row, 0)
    opt = QStyleOptionViewItem()
    opt.initFrom(page.view)
    opt.rect = page.view.visualRect(idx)
    return idx, page.cards.card_layout(opt, idx)


def test_clicking_the_speaker_opens_the_profile_and_back_returns(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    qtbot.waitUntil(lambda: page.view.visualRect(page.proxy.index(1, 0)).height() > 0)
    idx, lay = _card(page, 1)
    quote = idx.data(Role.ELEMENT)
    # a click on the quote text selects the card (inspector follows); nothing is followed
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=lay.quote.center())
    assert w.current_section() == "quotes" and w.inspector.address == quote.address
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=lay.speaker.center())
    assert w.current_section() == "actors" and w.pages.actors.current_address() == f"actors/{quote.speaker}"
    assert w.inspector.address == f"actors/{quote.speaker}"
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "quotes" and w.pages.quotes.current_address() == quote.address
    press(qtbot, w, "Alt+Right")
    assert w.current_section() == "actors"


def test_enter_on_a_card_selects_its_text_in_the_inspector(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    address = page.proxy.index(0, 0).data(Role.ADDRESS)
    page.select(address)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    insp = w.inspector
    assert w.current_section() == "quotes" and insp.address == address
    assert insp.hasFocus() and insp.cursorWidth() == 1  # the caret shows where keyboard selection starts
    seg = insp.segments_for(address, "text")[0]
    assert insp.textCursor().position() == seg.doc_start
    # select a word with the keyboard: it maps to the quote's own text
    for _ in range(5):
        qtbot.keyClick(insp, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    a, f, start, end = insp.selected_field_range()
    assert (a, f, start, end) == (address, "text", 0, 5)


def test_the_speaker_is_one_menu_entry_away(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    address = page.proxy.index(0, 0).data(Role.ADDRESS)
    speaker = page.proxy.index(0, 0).data(Role.ELEMENT).speaker
    menu = w.build_quote_card_menu(address)
    qtbot.addWidget(menu)
    next(a for a in menu.actions() if a.objectName() == "card_speaker").trigger()
    assert w.current_section() == "actors" and w.pages.actors.current_address() == f"actors/{speaker}"
    assert w.history.can_back()


def test_cards_show_the_whole_quote_and_context(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "quotes")
    page = w.pages.quotes
    for width in (1000, 420):
        page.view.setFixedWidth(width)
        qtbot.waitUntil(lambda: page.view.visualRect(page.proxy.index(0, 0)).height() > 0)
        for row in range(page.proxy.rowCount()):
            idx, lay = _card(page, row)
            _, quote_font, small = page.cards.fonts(page.view.font())
            need = QFontMetrics(quote_font).boundingRect(QRect(0, 0, lay.quote.width(), 1 << 20), WRAP,
                                                         idx.data()).height()
            assert lay.quote.height() >= need > QFontMetrics(quote_font).lineSpacing() * 2 - 1 or width == 1000
            assert idx.data().strip("\u201c\u201d") == idx.data(Role.ELEMENT).text.strip()  # nothing cut
            assert lay.context.height() > 0 and idx.data(Role.CONTEXT)
            assert page.view.visualRect(idx).height() >= lay.height - 1  # the card is as tall as its text
            assert lay.date.width() > 0  # "undated" when the quote gives no date
    assert page.view.visualRect(page.proxy.index(0, 0)).contains(QPoint(5, 5))
