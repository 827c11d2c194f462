"""Placing annotations on a briefing, including a revised one (contract §2).

An annotation names an element address, optionally a text field and a
selector (the quoted text with up to 32 characters of context either side,
plus code-point offsets as a hint). Re-anchoring tries, in order:

1. the element address (gone → orphaned);
2. the exact text at the recorded offsets (`exact`), else elsewhere in the
   field, choosing the occurrence whose prefix/suffix agree best (`moved`);
3. an approximate match inside the field (`fuzzy`, with a 0–100 score) —
   rapidfuzz's partial-ratio alignment, not a home-made edit distance;
4. the recorded offsets, if the text there still resembles the quote.

What cannot be placed is `orphaned` with a reason; the annotation itself is
never changed or dropped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from .annotations import Annotation, Selector
from .model import Actor, Briefing, Event, KeyPoint, Quote, Relation, Source, Summary

__all__ = [
    "FIELDS", "field_text", "fields_of", "Anchor", "AnchorReport", "anchor", "reanchor",
    "FUZZY_THRESHOLD", "OFFSET_THRESHOLD", "reanchored_annotation", "element_label",
]

Status = Literal["exact", "moved", "fuzzy", "orphaned"]

#: Text fields an annotation may select in, per element kind (in display order).
FIELDS: dict[type, tuple[str, ...]] = {
    Summary: ("bluf",),
    KeyPoint: ("text",),
    Actor: ("name", "role", "description"),
    Relation: ("kind", "note"),
    Event: ("title", "description", "location"),
    Quote: ("text", "context"),
    Source: ("title", "text"),
}
#: Minimum partial-ratio score (0–100) for a fuzzy placement.
FUZZY_THRESHOLD = 80.0
#: Minimum similarity of the text now at the recorded offsets to use them.
OFFSET_THRESHOLD = 60.0


def fields_of(element: object) -> tuple[str, ...]:
    return FIELDS.get(type(element), ())


def field_text(briefing: Briefing, address: str, field: str) -> str | None:
    """The text of `field` of the element at `address`, or None if there is none."""
    el = briefing.element(address)
    if el is None or field not in FIELDS.get(type(el), ()):
        return None
    value = getattr(el, field, None)
    return value if isinstance(value, str) else None


def element_label(briefing: Briefing, address: str) -> str:
    """A short human name for an element: `Actor: Hayashi Yoshimasa`."""
    el = briefing.element(address)
    if el is None:
        return address
    if isinstance(el, Summary):
        return "Bottom line up front"
    if isinstance(el, KeyPoint):
        return f"Key point {el.id}"
    if isinstance(el, Actor):
        return f"Actor: {el.name}"
    if isinstance(el, Relation):
        return f"Relation: {briefing.display_name(el.from_actor)} — {el.kind} — {briefing.display_name(el.to_actor)}"
    if isinstance(el, Event):
        return f"Event: {el.when} {el.title}"
    if isinstance(el, Quote):
        return f"Quote: {briefing.display_name(el.speaker)}"
    return f"Source: {el.title}"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation stands on a briefing now."""

    annotation_id: str
    target: str
    status: Status
    field: str | None = None
    start: int | None = None
    end: int | None = None
    score: float = 100.0
    reason: str = ""

    @property
    def placed(self) -> bool:
        return self.status != "orphaned"

    def describe(self) -> str:
        if self.status == "fuzzy":
            return f"fuzzy ({self.score:.0f}%)"
        return self.status


def _context_score(text: str, start: int, end: int, sel: Selector) -> int:
    """How many characters of prefix and suffix agree around text[start:end]."""
    n = 0
    p = sel.prefix
    i = start - 1
    j = len(p) - 1
    while i >= 0 and j >= 0 and text[i] == p[j]:
        n += 1
        i -= 1
        j -= 1
    s = sel.suffix
    i = end
    j = 0
    while i < len(text) and j < len(s) and text[i] == s[j]:
        n += 1
        i += 1
        j += 1
    return n


def _orphan(a: Annotation, reason: str) -> Anchor:
    return Anchor(a.id, a.target, "orphaned", a.field, None, None, 0.0, reason)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def anchor(briefing: Briefing, a: Annotation) -> Anchor:
    """Place one annotation on `briefing`."""
    el = briefing.element(a.target)
    if el is None:
        return _orphan(a, f"element {a.target} is no longer in the briefing")
    sel = a.selector
    if a.field is None or sel is None:
        if a.field is not None and a.field not in fields_of(el):
            return _orphan(a, f"{a.target} has no text field {a.field!r}")
        return Anchor(a.id, a.target, "exact", a.field)
    text = field_text(briefing, a.target, a.field)
    if text is None:
        return _orphan(a, f"{a.target} has no {a.field} any more")
    exact = sel.exact
    if not exact:
        # An offsets-only selector: usable while it fits the field.
        if sel.start is not None and sel.end is not None and sel.end <= len(text):
            return Anchor(a.id, a.target, "exact", a.field, sel.start, sel.end)
        return _orphan(a, f"the recorded range is outside {a.field} of {a.target}")
    # 2. exact text: at the recorded offsets, else the best other occurrence.
    s0 = sel.start
    if s0 is not None and text.startswith(exact, s0):
        if _context_score(text, s0, s0 + len(exact), sel) == len(sel.prefix) + len(sel.suffix) or text.count(exact) == 1:
            return Anchor(a.id, a.target, "exact", a.field, s0, s0 + len(exact))
    pos = text.find(exact)
    if pos >= 0:
        best, best_key = pos, None
        n = len(exact)
        while pos >= 0:
            key = (_context_score(text, pos, pos + n, sel), -abs(pos - (s0 or 0)))
            if best_key is None or key > best_key:
                best, best_key = pos, key
            pos = text.find(exact, pos + 1)
        status: Status = "exact" if best == s0 else "moved"
        return Anchor(a.id, a.target, status, a.field, best, best + n)
    # 3. approximate match inside the field.
    al = fuzz.partial_ratio_alignment(exact, text, score_cutoff=FUZZY_THRESHOLD)
    if al is not None and al.dest_end > al.dest_start:
        start, end = _snap_to_words(text, al.dest_start, al.dest_end)
        return Anchor(a.id, a.target, "fuzzy", a.field, start, end, round(al.score, 1))
    # 4. the recorded offsets, if the text there still resembles the quote.
    if s0 is not None and sel.end is not None and sel.end <= len(text) and sel.end > s0:
        score = fuzz.ratio(exact, text[s0:sel.end])
        if score >= OFFSET_THRESHOLD:
            return Anchor(a.id, a.target, "fuzzy", a.field, s0, sel.end, round(score, 1))
    closest = fuzz.partial_ratio(exact, text)
    return _orphan(a, f"“{_short(exact)}” is no longer in {a.field} of {a.target} (best match {closest:.0f}%)")


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words (an alignment may cut one in half)."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


@dataclass
class AnchorReport:
    """Anchors of a layer on a briefing, and a summary of what changed."""

    anchors: dict[str, Anchor]
    digest_changed: bool = False

    def by_status(self, status: Status) -> list[Anchor]:
        return [x for x in self.anchors.values() if x.status == status]

    @property
    def orphans(self) -> list[Anchor]:
        return sorted(self.by_status("orphaned"), key=lambda x: x.annotation_id)

    def counts(self) -> dict[str, int]:
        out = {"exact": 0, "moved": 0, "fuzzy": 0, "orphaned": 0}
        for x in self.anchors.values():
            out[x.status] += 1
        return out

    def summary(self) -> str:
        """One sentence for the analyst, e.g. after opening a revised briefing."""
        c = self.counts()
        parts = [f"{c[k]} {k}" for k in ("moved", "fuzzy", "orphaned") if c[k]]
        head = "The briefing has changed since these annotations were made" if self.digest_changed else "Annotations placed"
        if not parts:
            return f"{head}: all {c['exact']} still in place." if self.anchors else f"{head}."
        return f"{head}: {c['exact']} in place, " + ", ".join(parts) + "."


def reanchor(briefing: Briefing, annotations: Iterable[Annotation], digest: str | None = None,
             current_digest: str | None = None) -> AnchorReport:
    """Anchor every annotation; `digest_changed` when the layer's digest differs."""
    anchors = {a.id: anchor(briefing, a) for a in annotations}
    changed = digest is not None and current_digest is not None and digest != current_digest
    return AnchorReport(anchors, changed)


def reanchored_annotation(briefing: Briefing, a: Annotation, where: Anchor) -> Annotation:
    """`a` with its selector moved to where it now stands (orphans unchanged)."""
    if where.status in ("orphaned", "exact") and (a.selector is None or where.start == a.selector.start):
        return a
    if a.selector is None or a.field is None or where.start is None or where.end is None:
        return a
    text = field_text(briefing, a.target, a.field)
    if text is None:
        return a
    from dataclasses import replace

    return replace(a, selector=Selector.from_text(text, where.start, where.end))
