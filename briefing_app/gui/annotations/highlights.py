"""Annotations seen in the reader: highlights drawn through the window's `field_hub`, and jumping to one.

Every placed annotation of every open layer becomes a `FieldHighlight` in
every `FieldView` (through `FieldViewHub.set_extra_highlights`): a solid
marker fill for the analyst's own layer, dashed for colleagues', dotted where
the placement is fuzzy, with a plain-text tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_app.core.annotations import Annotation, AnnotationLayer
from briefing_app.core.briefing.address import Address
from briefing_app.core.history import Place
from briefing_app.core.search import section_of
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.prefs import color_labels, highlight_color
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.annotations.seams import ReaderWindow
from briefing_app.gui.views.field_view import MARKER, FieldHighlight

if TYPE_CHECKING:
    from briefing_app.core.annotations.anchoring import Anchor

__all__ = ["HighlightPainter", "highlight_tooltip"]


def highlight_tooltip(a: Annotation, layer_name: str, labels: dict[str, str], where: Anchor | None) -> str:
    """A highlight's tooltip as plain text: label and layer, the note's words, tags on their own line.

    Kept free of anything Qt would take for rich text on its first line, so a
    note's `<b>` or `<font>` shows as typed (as in the PDF) instead of being
    rendered or swallowed.
    """
    from briefing_app.core.annotations.text import note_plain_text, wrap_plain

    head = f"Annotation \u00b7 {labels.get(a.color or '', a.color or 'note')} ({a.color or 'no colour'}) \u2014 {layer_name}"
    if where is not None and where.status != "exact":
        head += f" \u00b7 {where.describe()}"
    lines = [head.replace("<", "\u2039").replace("&", "+")]
    note = note_plain_text(a.note)
    if note:
        lines.append(wrap_plain(note))
    if a.tags:
        lines.append("Tags: " + ", ".join(a.tags))
    if a.confidence:
        lines.append(f"Confidence: {a.confidence}")
    if where is not None and where.status == "fuzzy":
        lines.append(wrap_plain(where.explain()))
    return "\n".join(lines)


class HighlightPainter:
    """Draws the layers' annotations in the views and takes the reader to one of them."""

    def __init__(self, window: ReaderWindow, store: LayerStore, placement: Placement, feedback: Feedback) -> None:
        self.window = window
        self.store = store
        self.placement = placement
        self.feedback = feedback

    def refresh(self) -> None:
        labels = color_labels()
        items: list[FieldHighlight] = []
        for layer in self.store.layers():
            # a solid marker fill (distinct from the light evidence/quote washes); others' layers dashed,
            # fuzzy placements dotted (and marked ≈ in the tooltip)
            pattern = "solid" if layer is self.store.own else "dash"
            for a in layer:
                x = self.placement.anchor_of(layer, a.id)
                if x is None or not x.placed or x.start is None or x.end is None or x.field is None or a.color is None:
                    continue
                tip = highlight_tooltip(a, layer.name, labels, x)
                items.append(FieldHighlight(a.target, x.field, x.start, x.end, highlight_color(a.color, 255), tip,
                                            MARKER, None, "dot" if x.status == "fuzzy" else pattern))
        self.window.field_hub.set_extra_highlights(items)

    def own_annotation_at(self, h: FieldHighlight) -> Annotation | None:
        """The analyst's own annotation drawn as highlight `h`, if it is one."""
        own = self.store.own
        if own is None:
            return None
        for a in own.for_target(h.address):
            x = self.placement.anchor_of(own, a.id)
            if x is not None and x.field == h.field and x.start == h.start and x.end == h.end:
                return a
        return None

    def jump_to(self, layer: AnnotationLayer, annotation_id: str) -> None:
        """Show an annotation where it stands now (a step in Back/Forward history)."""
        a = layer.get(annotation_id)
        if a is None:
            return
        x = self.placement.anchor_of(layer, annotation_id)
        if self.window.briefing is None or x is None or not x.placed:
            self.feedback.tell(f"Orphaned: {x.reason if x else 'not placed'}")
            return
        if x.field is not None and x.start is not None and x.end is not None:
            target = Address.parse(a.target)
            if target.section == "sources" and target.element and x.field == "text":
                self.window.go(Place("sources", a.target, span=(target.element, x.start, x.end)))
                return
            self.window.go(Place(section_of(a.target), a.target, field_range=(x.field, x.start, x.end)))
            return
        self.window.go(Place(section_of(a.target), a.target))
