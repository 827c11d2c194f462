"""The one merge rule for annotation layers, used by `annotations merge` and the GUI alike."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from briefing_app.core.annotations.layer import Annotation, AnnotationLayer
from briefing_app.core.annotations.writer import annotation_sort_token

__all__ = ["merge_layers", "newer"]


def merge_layers(layers: Iterable[AnnotationLayer], author: str | None = None) -> AnnotationLayer:
    """Union of layers of one briefing; the same id twice keeps the newer `modified`.

    Ties (same `modified`) are broken on the serialised content, so the result
    does not depend on the order the layers are given in.
    """
    layers = list(layers)
    if not layers:
        raise ValueError("nothing to merge")
    ids = {la.briefing for la in layers}
    if len(ids) > 1:
        raise ValueError("the layers annotate different briefings: " + ", ".join(sorted(ids)))
    epoch = _dt.datetime.min.replace(tzinfo=_dt.UTC)
    best: dict[str, Annotation] = {}
    for layer in layers:
        for a in layer:
            cur = best.get(a.id)
            if cur is None:
                best[a.id] = a
                continue
            ka = (a.modified or a.created or epoch, annotation_sort_token(a))
            kc = (cur.modified or cur.created or epoch, annotation_sort_token(cur))
            if ka > kc:
                best[a.id] = a
    first = layers[0]
    return AnnotationLayer(
        first.briefing,
        briefing_digest=first.briefing_digest,
        author=first.author if author is None else author,
        annotations=best.values(),
        extras=first.extras,
    )


def newer(a: Annotation, b: Annotation) -> Annotation:
    """Of two versions of one annotation (same id), the one a merge keeps: the newer `modified`.

    The one tie-break rule, whatever order the two come in: the later
    `modified` (else `created`; neither counts as the oldest) wins, and on a
    tie the later serialised content. `merge_layers` and the reader's "Merge a
    Layer into Mine" both decide with it.
    """
    epoch = _dt.datetime.min.replace(tzinfo=_dt.UTC)
    ka = (a.modified or a.created or epoch, annotation_sort_token(a))
    kb = (b.modified or b.created or epoch, annotation_sort_token(b))
    return a if ka > kb else b
