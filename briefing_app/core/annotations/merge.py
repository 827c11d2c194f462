"""The one merge rule for annotation layers, used by `annotations merge` and the GUI alike.

The merged layer is the same whatever the order of its inputs, so `merge A B`
and `merge B A` write the same bytes:

* annotations: the same id twice keeps the newer `modified` (else `created`);
  on a tie the version whose serialised block sorts last wins — a rule about
  the content, never about which file came first (`newer`);
* `author`: the one given by the caller (the CLI passes the author of the
  file it merges into), else the author most layers name, a tie going to
  the alphabetically first;
* `briefing_digest`: kept when every layer that records one agrees; layers
  made on different versions of the briefing leave it unset, so the merged
  annotations are placed by their text rather than trusted to one version;
* header extras (keys this version does not know): every key of every layer,
  sorted, each with the value most layers hold (a tie: the smallest written).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing_app.core.annotations.layer import Annotation, AnnotationLayer
from briefing_app.core.annotations.writer import annotation_sort_token

__all__ = ["merge_layers", "newer", "MergeSummary", "summarise_merge"]

_EPOCH = _dt.datetime.min.replace(tzinfo=_dt.UTC)


def _when(a: Annotation) -> _dt.datetime:
    when = a.modified or a.created
    if when is None:
        return _EPOCH
    return when.replace(tzinfo=_dt.UTC) if when.tzinfo is None else when


def _rank(a: Annotation) -> tuple[_dt.datetime, str]:
    return _when(a), annotation_sort_token(a)


def newer(a: Annotation, b: Annotation) -> Annotation:
    """Of two versions of one annotation (same id), the one a merge keeps, whatever order they come in.

    The later `modified` (else `created`; neither counts as the oldest) wins, and on a tie the later
    serialised content. `merge_layers` and the reader's "Merge a Layer into Mine" both decide with it.
    """
    return b if _rank(b) > _rank(a) else a


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    if not counts:
        return None
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


def _merged_extras(layers: Sequence[AnnotationLayer]) -> tuple[tuple[str, Any], ...]:
    by_key: dict[str, dict[str, Any]] = {}
    votes: dict[str, Counter[str]] = {}
    for layer in layers:
        for key, value in layer.extras:
            written = repr(value)
            by_key.setdefault(key, {})[written] = value
            votes.setdefault(key, Counter())[written] += 1
    out = []
    for key in sorted(by_key):
        chosen = _most_common(votes[key].elements())
        assert chosen is not None
        out.append((key, by_key[key][chosen]))
    return tuple(out)


def merge_layers(layers: Iterable[AnnotationLayer], author: str | None = None) -> AnnotationLayer:
    """Union of layers of one briefing, the same whatever their order (rules in the module docstring)."""
    layers = list(layers)
    if not layers:
        raise ValueError("nothing to merge")
    ids = {la.briefing for la in layers}
    if len(ids) > 1:
        raise ValueError("the layers annotate different briefings: " + ", ".join(sorted(ids)))
    best: dict[str, Annotation] = {}
    for layer in layers:
        for a in layer:
            cur = best.get(a.id)
            best[a.id] = a if cur is None else newer(cur, a)
    digests = {la.briefing_digest for la in layers if la.briefing_digest is not None}
    if author is None:
        author = _most_common(la.author for la in layers if la.author) or ""
    return AnnotationLayer(
        layers[0].briefing,
        briefing_digest=digests.pop() if len(digests) == 1 else None,
        author=author,
        annotations=best.values(),
        extras=_merged_extras(layers),
    )


@dataclass(frozen=True)
class MergeSummary:
    """What a merge did to the layer it writes over (`base`; none when writing a new file).

    `conflicts` counts ids whose newest versions differ but carry the same
    `modified`: the tie was broken on content, and an analyst may want to look.
    """

    kept: int
    replaced: int
    added: int
    conflicts: int

    def line(self) -> str:
        s = "" if self.conflicts == 1 else "s"
        return (f"{self.kept} kept, {self.replaced} replaced, {self.added} added, "
                f"{self.conflicts} conflict{s}")


def summarise_merge(layers: Sequence[AnnotationLayer], merged: AnnotationLayer,
                    base: AnnotationLayer | None = None) -> MergeSummary:
    """Count what `merged` keeps, replaces and adds relative to `base`, and the ties among `layers`."""
    kept = replaced = added = 0
    for a in merged:
        old = base.get(a.id) if base is not None else None
        if old is None:
            added += 1
        elif old == a:
            kept += 1
        else:
            replaced += 1
    newest: dict[str, tuple[_dt.datetime, set[str]]] = {}
    for layer in layers:
        for a in layer:
            when, token = _rank(a)
            seen = newest.get(a.id)
            if seen is None or when > seen[0]:
                newest[a.id] = (when, {token})
            elif when == seen[0]:
                seen[1].add(token)
    conflicts = sum(1 for _, tokens in newest.values() if len(tokens) > 1)
    return MergeSummary(kept, replaced, added, conflicts)
