"""What the brief needs to know about annotations, and how to mark them in text.

The builder does not read annotation layers: it takes resolved `Highlight`s
(already re-anchored onto the briefing, orphans removed) so it can be built
and tested on its own. `adapter` turns the annotation engine's layers into
these. Options choose which highlights print (by label, tag or layer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing_app.export.richtext import Rich
from briefing_app.export.styles import HIGHLIGHT

__all__ = ["Highlight", "select", "marked_rich", "NoteRef"]


@dataclass(frozen=True)
class Highlight:
    """One annotation placed on the briefing.

    `start`/`end` are code-point offsets into `element.<field>`; both None
    when the annotation marks the element as a whole.
    """

    id: str
    address: str
    field: str | None
    start: int | None
    end: int | None
    colour: str
    label: str
    note_markdown: str | None = None
    tags: tuple[str, ...] = ()
    confidence: str | None = None
    author: str | None = None
    layer: str = ""
    status: str = "exact"  # exact | moved | fuzzy
    passage: str | None = None  # the highlighted text, for the notes section


def select(highlights: Iterable[Highlight], labels: Iterable[str] = (), tags: Iterable[str] = (),
           layers: Iterable[str] = ()) -> list[Highlight]:
    """Keep highlights matching every given filter (an empty filter keeps all)."""
    lab = {x.casefold() for x in labels}
    tg = {x.casefold() for x in tags}
    ly = set(layers)
    out = []
    for h in highlights:
        if lab and h.label.casefold() not in lab and h.colour.casefold() not in lab:
            continue
        if tg and not tg & {t.casefold() for t in h.tags}:
            continue
        if ly and h.layer not in ly:
            continue
        out.append(h)
    return out


@dataclass(frozen=True)
class NoteRef:
    number: int  # A1, A2… in the Analyst notes section
    highlight: Highlight


def marked_rich(text: str, refs: Sequence[NoteRef], link: bool = True, **look: object) -> Rich:
    """`text` as styled runs for `RichText`, each highlighted range shaded in its
    colour and followed by a superscript note mark linking to the analyst note;
    an anchor at the passage lets the note link back."""
    out = Rich()
    if not refs:
        return out.add(text, **look)  # type: ignore[arg-type]
    n = len(text)
    spans = []
    for r in refs:
        h = r.highlight
        s = 0 if h.start is None else max(0, min(n, h.start))
        e = n if h.end is None else max(s, min(n, h.end))
        spans.append((s, e, r))
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    ends_at: dict[int, list[NoteRef]] = {}
    starts_at: dict[int, list[NoteRef]] = {}
    for s, e, r in spans:
        ends_at.setdefault(e, []).append(r)
        starts_at.setdefault(s, []).append(r)
    for i, p in enumerate(cuts):
        for r in ends_at.get(p, ()):
            if r not in starts_at.get(p, ()):
                _rich_mark(out, r, link)
        for r in starts_at.get(p, ()):
            out.anchor(f"hl-{r.number}")
            if ends_at.get(p) and r in ends_at[p]:
                _rich_mark(out, r, link)
        if i + 1 < len(cuts):
            q = cuts[i + 1]
            covering = [r for s, e, r in spans if s <= p and e >= q]
            back = HIGHLIGHT.get(covering[-1].highlight.colour, HIGHLIGHT["yellow"])[0] if covering else None
            out.add(text[p:q], back=back, **look)  # type: ignore[arg-type]
    return out


def _rich_mark(out: Rich, r: NoteRef, link: bool) -> None:
    swatch = HIGHLIGHT.get(r.highlight.colour, HIGHLIGHT["yellow"])[1]
    out.add(f"A{r.number}", family="BriefSans", bold=True, colour=swatch, sup=True,
            href=f"#note-{r.number}" if link else None)
