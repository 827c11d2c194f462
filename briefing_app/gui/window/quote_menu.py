"""The context menu of a quote card (Quotes section), and a quote as one would cite it.

Quote cards are not text views, so they get the entries a quote's text gets
in any text view from here: select its text in the inspector, open the
speaker, show it in its source, copy the quote or a citation, and whatever
whole-element entries the field hub's `element_menu_hooks` add (annotations).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing, Quote
    from briefing_app.gui.views.field_hub import FieldViewHub

__all__ = ["quote_citation", "build_quote_card_menu"]


def quote_citation(b: Briefing, q: Quote) -> str:
    """A quote as one would cite it: the words, the speaker and date, then its source."""
    out = f"\u201c{' '.join(q.text.split())}\u201d \u2014 {b.display_name(q.speaker)}"
    if q.said_on:
        out += f", {q.said_on.display(long=True)}"
    for ev in q.evidence[:1]:
        src = b.source_by_id.get(ev.source)
        if src is not None:
            bits = [" ".join(src.title.split())] + [x for x in (src.publisher,) if x]
            if src.published:
                bits.append(src.published.display(long=True))
            out += ". Source: " + ", ".join(bits)
            if src.url:
                out += f" <{src.url}>"
    return out + "."


def _copy(text: str) -> None:
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


def build_quote_card_menu(parent: QWidget, b: Briefing | None, address: str, hub: FieldViewHub, *,
                          inspect: Callable[[str], None], go_to: Callable[[str], None],
                          show_in_source: Callable[[str, str], object]) -> QMenu:
    """The menu for the card of the quote at `address`; `inspect`, `go_to` and `show_in_source`
    are the window's jumps."""
    from briefing_app.core.briefing.model import Quote

    menu = QMenu(parent)
    menu.setObjectName("quote_card_menu")
    q = b.element(address) if b else None
    if b is None or not isinstance(q, Quote):
        return menu
    act = menu.addAction("Select Text in &Inspector")
    act.setObjectName("card_inspect")
    act.triggered.connect(lambda: inspect(address))
    speaker = b.actor_by_id.get(q.speaker)
    if speaker is not None:
        act = menu.addAction(f"Open &Speaker \u2014 {speaker.name}")
        act.setObjectName("card_speaker")
        act.triggered.connect(lambda: go_to(speaker.address))
    act = menu.addAction("Show in Sou&rce")
    act.setObjectName("card_show_in_source")
    act.triggered.connect(lambda: show_in_source(address, "q"))
    menu.addSeparator()
    act = menu.addAction("&Copy Quote")
    act.setObjectName("card_copy_quote")
    act.triggered.connect(lambda: _copy(" ".join(q.text.split())))
    act = menu.addAction("Copy C&itation")
    act.setObjectName("card_copy_citation")
    act.triggered.connect(lambda: _copy(quote_citation(b, q)))
    menu.addSeparator()
    before = len(menu.actions())
    hub.run_element_menu_hooks(address, "text", menu)
    if len(menu.actions()) == before:
        # no whole-element hook: reach the annotation code's "Annotate Whole Element" through
        # the inspector, which then shows this quote (the element that action annotates)
        annotate = parent.findChild(QAction, "action_annotate_element")
        if annotate is not None:
            act = menu.addAction("&Annotate Quote\u2026")
            act.setObjectName("card_annotate")

            def run() -> None:
                inspect(address)
                annotate.trigger()
            act.triggered.connect(run)
    return menu
