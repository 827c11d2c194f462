"""From the annotation engine's layers to the brief's `Highlight`s.

Re-anchors every annotation of every layer on the briefing being exported
(`core.anchoring`); placed ones become highlights at their resolved offsets,
orphans are returned separately for the caller to report (contract §3: left
out of the brief, listed on stderr or in the dialog).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing_app.core.annotations import DEFAULT_COLOR_LABELS, AnnotationLayer
from briefing_app.core.annotations.anchoring import Anchor, anchor, field_text, orphan_line
from briefing_app.core.briefing.model import Briefing
from briefing_app.export.highlights import Highlight

__all__ = ["Orphan", "highlights_from_layers"]


@dataclass(frozen=True)
class Orphan:
    annotation_id: str
    target: str
    reason: str
    layer: str

    def line(self) -> str:
        """The contract's stderr line."""
        return orphan_line(self.annotation_id, self.target, self.reason)


def highlights_from_layers(
    briefing: Briefing, layers: Iterable[AnnotationLayer],
    labels: Mapping[str, str] | None = None,
) -> tuple[list[Highlight], list[Orphan]]:
    """Placed annotations as highlights, and the orphans, in a stable order."""
    names = dict(DEFAULT_COLOR_LABELS)
    names.update(labels or {})
    placed: list[Highlight] = []
    orphans: list[Orphan] = []
    for layer in layers:
        for a in sorted(layer, key=lambda x: x.id):
            where: Anchor = anchor(briefing, a)
            if not where.placed:
                orphans.append(Orphan(a.id, a.target, where.reason, layer.name))
                continue
            colour = a.color or "yellow"
            passage = None
            if where.field and where.start is not None and where.end is not None:
                text = field_text(briefing, a.target, where.field) or ""
                passage = text[where.start:where.end]
            placed.append(Highlight(
                id=a.id, address=a.target, field=where.field, start=where.start, end=where.end,
                colour=colour, label=names.get(colour, colour), note_markdown=a.note or None,
                tags=tuple(a.tags), confidence=a.confidence, author=a.author or layer.author or None,
                layer=layer.name, status=where.status, passage=passage,
            ))
    return placed, orphans
