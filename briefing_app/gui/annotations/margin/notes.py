"""The open layers' annotations as the margin and the Inspector show them: placed notes, and an element's notes.

Kept apart from the widgets so that what a card says (label, author, layer,
note as plain text, tags) is decided once for the margin and the Inspector.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor

from briefing_app.core.annotations import Annotation, AnnotationLayer
from briefing_app.core.annotations.text import note_plain_text
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.prefs import color_labels, highlight_color
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.views.margin import MarginNote

__all__ = ["margin_notes", "ElementNote", "element_notes", "card_title", "NO_COLOUR"]

#: The stripe of a note with no highlight colour (a whole-element note).
NO_COLOUR = QColor("#9aa0a6")


def card_title(a: Annotation, layer: AnnotationLayer, own: bool, labels: dict[str, str]) -> str:
    """"key judgment · T. Tester" (and the layer's name for a colleague's)."""
    parts = [labels.get(a.color, a.color) if a.color else "note"]
    author = a.author or layer.author
    if author:
        parts.append(author)
    if not own:
        parts.append(layer.name)
    return " \u00b7 ".join(parts)


def margin_notes(store: LayerStore, placement: Placement) -> list[MarginNote]:
    """Every placed annotation of every open layer (notes and bare highlights: a click on either selects it)."""
    labels = color_labels()
    out: list[MarginNote] = []
    for layer in store.layers():
        own = layer is store.own
        for a in layer:
            x = placement.anchor_of(layer, a.id)
            if x is None or not x.placed:
                continue
            color = highlight_color(a.color, 255) if a.color else NO_COLOUR
            out.append(MarginNote(a.id, a.target, x.field, x.start, x.end, color, card_title(a, layer, own, labels),
                                  note_plain_text(a.note), tuple(a.tags), a.confidence or ""))
    return out


class ElementNote(NamedTuple):
    """One annotation on an element, as the Inspector lists it."""

    annotation_id: str
    color: QColor
    title: str
    excerpt: str
    note: str
    tags: tuple[str, ...]
    orphan_reason: str  # "" when placed


def element_notes(store: LayerStore, placement: Placement, address: str) -> list[ElementNote]:
    """The annotations of every open layer on one element, placed or orphaned, in the layers' order."""
    labels = color_labels()
    out: list[ElementNote] = []
    for layer in store.layers():
        own = layer is store.own
        for a in layer.for_target(address):
            x = placement.anchor_of(layer, a.id)
            reason = x.reason if x is not None and not x.placed else ""
            color = highlight_color(a.color, 255) if a.color else NO_COLOUR
            out.append(ElementNote(a.id, color, card_title(a, layer, own, labels), " ".join(a.excerpt.split()),
                                   note_plain_text(a.note), tuple(a.tags), reason))
    return out
