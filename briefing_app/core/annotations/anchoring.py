"""Placing annotations on a briefing, including a revised one (contract §2).

An annotation names an element address, optionally a text field and a
selector (the quoted text with up to 32 characters of context either side,
plus code-point offsets as a hint). Re-anchoring tries, in order:

1. the element address (gone → orphaned);
2. the exact text at the recorded offsets (`exact`), else elsewhere in the
   field, choosing the occurrence whose prefix/suffix agree best (`moved`);
3. an approximate match inside the field (`fuzzy`, with a 0–100 score):
   rapidfuzz's partial-ratio alignment proposes a region, which is fitted to
   whole words (no half words, no stray space or punctuation the quote does
   not have) and must score at least `FUZZY_THRESHOLD` with `fuzz.ratio`
   against the quote as a whole;
4. the recorded offsets, fitted and scored the same way.

What cannot be placed is `orphaned` with a reason. Nothing here changes an
annotation: anchors say where annotations stand *now*; the stored selectors
change only when the analyst accepts new positions (`accepted_annotation`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from briefing_app.core.annotations.layer import Annotation, Selector
from briefing_app.core.briefing import kinds
from briefing_app.core.briefing.model import (
    Actor,
    Briefing,
    Event,
    KeyPoint,
    Quote,
    Relation,
    Source,
    Summary,
)

__all__ = [
    "FIELDS", "field_text", "fields_of", "Anchor", "AnchorReport", "anchor", "reanchor",
    "FUZZY_THRESHOLD", "OFFSET_THRESHOLD", "reanchored_annotation", "element_label",
    "accepted_annotation", "pending_positions",
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
#: Minimum similarity (rapidfuzz `ratio`, 0–100) between the quote and the
#: whole-word span that replaces it for a fuzzy placement. 75 keeps a sentence
#: with a word or two reworded, and rejects one whose subject and object both
#: changed ("Japan … China" → "Tokyo … Beijing" scores 74).
FUZZY_THRESHOLD = 75.0
#: Partial-ratio cut-off for the alignment that proposes where to look.
ALIGN_CUTOFF = 60.0
#: Word boundaries tried either side of each end of a proposed span.
SPAN_CANDIDATES = 6
#: Characters of the recorded prefix/suffix compared around a fuzzy candidate.
CONTEXT_PROBE = 16
#: Weight of that context agreement (0–100) when ranking candidates.
CONTEXT_WEIGHT = 0.25
#: Kept for callers of the previous API: the offsets now use FUZZY_THRESHOLD too.
OFFSET_THRESHOLD = FUZZY_THRESHOLD


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
    """A short human name for an element: `Actor: Yoshimasa Hayashi` (from the one table of element kinds)."""
    return kinds.element_label(briefing, address)


def orphan_line(annotation_id: str, target: str, reason: str) -> str:
    """The contract's stderr line for an annotation that cannot be placed (§3)."""
    return f"orphaned: {annotation_id} ({target}): {reason}"


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
        """`exact`, `moved`, `≈ fuzzy 82%` or `orphaned` (the panel's and tooltips' wording)."""
        if self.status == "fuzzy":
            return f"\u2248 fuzzy {self.score:.0f}%"
        return self.status

    def explain(self) -> str:
        """One sentence on where the annotation stands now, for tooltips."""
        if self.status == "exact":
            return "In place: the text is where it was annotated."
        if self.status == "moved":
            return "Moved: the same text, now at another place in the field."
        if self.status == "fuzzy":
            return (f"\u2248 Fuzzy match ({self.score:.0f}% similar): the annotated text was reworded; "
                    "shown on the closest passage until you accept or review it.")
        return f"Orphaned: {self.reason}."


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
        # with no offsets recorded there is nothing it could have moved from: found is exact
        status: Status = "exact" if s0 is None or best == s0 else "moved"
        return Anchor(a.id, a.target, status, a.field, best, best + n)
    # 3. approximate match inside the field: rapidfuzz's partial-ratio alignment
    #    finds the region, then the span is fitted to whole words and scored
    #    against the quote as a whole (`fuzz.ratio`), so a window that merely
    #    overlaps the quote (a word cut in half, the next sentence) cannot pass.
    al = fuzz.partial_ratio_alignment(exact, text, score_cutoff=ALIGN_CUTOFF)
    found: tuple[float, int, int] | None = None
    if al is not None and al.dest_end > al.dest_start:
        found = _best_span(text, sel, al.dest_start, al.dest_end)
    # 4. the recorded offsets, fitted and scored the same way.
    if s0 is not None and sel.end is not None and s0 < sel.end <= len(text):
        at_offsets = _best_span(text, sel, s0, sel.end)
        if at_offsets is not None and (found is None or at_offsets[0] > found[0]):
            found = at_offsets
    if found is not None and found[0] >= FUZZY_THRESHOLD:
        score, start, end = found
        return Anchor(a.id, a.target, "fuzzy", a.field, start, end, round(score, 1))
    where = f"{a.field} of {a.target}"
    if found is None:
        return _orphan(a, f"\u201c{_short(exact)}\u201d is no longer in {where} (nothing similar found)")
    score, start, end = found
    return _orphan(a, f"\u201c{_short(exact)}\u201d is no longer in {where}; the closest text, "
                      f"\u201c{_short(text[start:end], 60)}\u201d, is only {score:.0f}% similar "
                      f"(at least {FUZZY_THRESHOLD:.0f}% needed)")


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _trim_edges(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Drop white space and punctuation at either end that the quote does not have there."""
    lead = exact[:1]
    trail = exact[-1:]
    while start < end and not _is_word(text[start]) and (text[start].isspace() or text[start] != lead):
        start += 1
    while end > start and not _is_word(text[end - 1]) and (text[end - 1].isspace() or text[end - 1] != trail):
        end -= 1
    return start, end


def _word_starts(text: str, lo: int, hi: int, exact: str) -> list[int]:
    """Positions in [lo, hi] where a span may begin: never inside a word, never on white space."""
    lo, hi = max(0, lo), min(len(text) - 1, hi)
    out = []
    for i in range(lo, hi + 1):
        ch = text[i]
        if ch.isspace():
            continue
        if _is_word(ch):
            if i == 0 or not _is_word(text[i - 1]):
                out.append(i)
        elif ch == exact[:1]:  # the quote itself begins with this mark
            out.append(i)
    return out


def _word_ends(text: str, lo: int, hi: int, exact: str) -> list[int]:
    """Positions in [lo, hi] where a span may end (exclusive), mirroring `_word_starts`."""
    lo, hi = max(1, lo), min(len(text), hi)
    out = []
    for j in range(lo, hi + 1):
        ch = text[j - 1]
        if ch.isspace():
            continue
        if _is_word(ch):
            if j == len(text) or not _is_word(text[j]):
                out.append(j)
        elif ch == exact[-1:]:
            out.append(j)
    return out


def _nearest(points: list[int], target: int, k: int) -> list[int]:
    return sorted(points, key=lambda p: abs(p - target))[:k]


def _context_agreement(text: str, s: int, e: int, sel: Selector) -> float:
    """0–100: how well the text either side of text[s:e] matches the recorded prefix/suffix."""
    k = min(CONTEXT_PROBE, len(sel.prefix))
    before = fuzz.ratio(sel.prefix[-k:], text[max(0, s - k):s]) if k else (100.0 if s == 0 else 50.0)
    k = min(CONTEXT_PROBE, len(sel.suffix))
    after = fuzz.ratio(sel.suffix[:k], text[e:e + k]) if k else (100.0 if e == len(text) else 50.0)
    return (before + after) / 2


def _best_span(text: str, sel: Selector, start: int, end: int) -> tuple[float, int, int] | None:
    """The whole-word span near text[start:end] that best replaces the quote: (score, start, end).

    Tries word boundaries a few words either side of each end (an alignment
    as long as the quote cannot cover a revision that grew, and may cut a
    word in half). Candidates are ranked by their similarity to the quote
    (`fuzz.ratio`, white space normalised) plus a smaller weight for the
    recorded prefix/suffix agreeing around them, so a reworded sentence is
    taken whole rather than the few middle words that happen to match best;
    the score reported is the similarity alone.
    """
    exact = sel.exact
    start, end = _trim_edges(text, start, end, exact)
    slack = max(12, len(exact) // 4)
    starts = _nearest(_word_starts(text, start - slack, start + slack, exact), start, SPAN_CANDIDATES)
    ends = _nearest(_word_ends(text, end - slack, end + slack, exact), end, SPAN_CANDIDATES)
    want = " ".join(exact.split())
    best: tuple[float, int, int] | None = None
    best_key: tuple[float, int] | None = None
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            score = fuzz.ratio(want, " ".join(text[s:e].split()))
            key = (score + CONTEXT_WEIGHT * _context_agreement(text, s, e, sel), -(abs(s - start) + abs(e - end)))
            if best_key is None or key > best_key:
                best, best_key = (score, s, e), key
    return best


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

    @property
    def all_in_place(self) -> bool:
        return all(x.status == "exact" for x in self.anchors.values())

    def counts_text(self) -> str:
        """`3 exact, 1 moved, 1 fuzzy, 0 orphaned`."""
        c = self.counts()
        return ", ".join(f"{c[k]} {k}" for k in ("exact", "moved", "fuzzy", "orphaned"))

    def status_message(self) -> str:
        """The status bar's line after (re)loading a briefing."""
        if self.digest_changed:
            return f"Annotations re-anchored on the changed briefing: {self.counts_text()}."
        return f"Annotations placed: {self.counts_text()}."

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


def accepted_annotation(briefing: Briefing, a: Annotation, where: Anchor,
                        when: _dt.datetime | None = None) -> Annotation:
    """`a` with its selector set to where it now stands (what "Accept new positions" stores).

    Orphans, whole-element annotations and ones already in place come back
    unchanged (the same object). A moved or fuzzy one gets a fresh selector
    (quote, context, offsets) on the current text and `modified` = `when`.
    """
    if where.status in ("orphaned", "exact") or a.selector is None or a.field is None:
        return a
    if where.start is None or where.end is None:
        return a
    text = field_text(briefing, a.target, a.field)
    if text is None:
        return a
    sel = Selector.from_text(text, where.start, where.end)
    if sel == a.selector:
        return a
    return a.edited(when, selector=sel)


def reanchored_annotation(briefing: Briefing, a: Annotation, where: Anchor) -> Annotation:
    """`a` with its selector moved to where it now stands, `modified` kept (orphans unchanged)."""
    new = accepted_annotation(briefing, a, where)
    return new if new is a else dataclasses.replace(new, modified=a.modified)


def pending_positions(briefing: Briefing, annotations: Iterable[Annotation], report: AnchorReport,
                      when: _dt.datetime | None = None) -> list[tuple[Annotation, Annotation]]:
    """(stored, accepted) pairs for every annotation whose selector would change on accepting."""
    out = []
    for a in annotations:
        x = report.anchors.get(a.id)
        if x is None:
            continue
        new = accepted_annotation(briefing, a, x, when)
        if new is not a:
            out.append((a, new))
    return out
