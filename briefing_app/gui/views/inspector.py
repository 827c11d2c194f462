"""The inspector: every field of the selected element, its evidence and its links.

Rendered into a `FieldView`, so text fields carry their addresses (annotation
highlights show here too). Links use element addresses; evidence links are
`show:<address>#<n>` and mean "Show in source" for the n-th excerpt
(`#q` is a quote's own text). Other parts add sections after an element's
own through `extra_sections` (the annotations list the element's notes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from briefing_app.core.briefing.address import Address
from briefing_app.core.briefing.kinds import element_title, kind_for_section, short_excerpt

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Actor, Briefing, Event, Source

from briefing_app.gui.views.field_view import FieldView, FieldWriter
from briefing_app.gui.views.field_writer import key_point_badges

__all__ = ["Inspector", "write_element", "short_label", "label_of", "kind_label"]

#: Long link lists (a source cited 2,000 times) show this many, then a count.
LINK_LIST_MAX = 60



def kind_label(address: str) -> str:
    """What kind of element an address names, in words ("Key point"), from the one table of kinds."""
    return kind_for_section(Address.parse(address).section).singular


def _meta(w: FieldWriter, label: str, value: str | None = None) -> None:
    w.block(top=2, bottom=2)
    w.text(f"{label}  ", w.fmt(size=0.9, color=w.colors.secondary))
    if value is not None:
        w.text(value)


def _evidence(w: FieldWriter, b: Briefing, address: str, evidence) -> None:
    if not evidence:
        return
    w.heading("Evidence", 3, top=16)
    for i, ev in enumerate(evidence):
        src = b.source_by_id.get(ev.source)
        w.block(top=4, bottom=0, left=10, background=w.colors.block)
        w.text("\u201c" + " ".join(ev.quote.split()) + "\u201d", w.fmt(italic=True))
        # the source's title is itself a sentence: label it, mute it and keep it to one short line,
        # so it does not read as a second excerpt; the jump is its own link below it
        title = src.title if src else ev.source
        muted = w.fmt(size=0.85, color=w.colors.secondary)
        w.block(top=2, bottom=0, left=10, background=w.colors.block)
        w.text("Source: ", w.fmt(size=0.85, semibold=True, color=w.colors.secondary))
        w.link(short_label(title, 64), str(Address("sources", ev.source)), muted, color=w.colors.secondary,
               tooltip=f"Open the source: {title}")
        w.block(top=2, bottom=6, left=10, background=w.colors.block)
        w.link("Show in source \u203a", f"show:{address}#{i}", w.fmt(size=0.9, semibold=True))


def _actor_link(w: FieldWriter, b: Briefing, actor_id: str) -> None:
    w.link(b.display_name(actor_id), str(Address("actors", actor_id)))


def _link_list(w: FieldWriter, title: str, items: list[tuple[str, str, str]]) -> None:
    """items: (prefix shown in grey, link text, target)."""
    if not items:
        return
    w.heading(title, 3, top=16)
    for prefix, text, target in items[:LINK_LIST_MAX]:
        w.block(top=1, bottom=1)
        if prefix:
            w.text(prefix + "  ", w.fmt(size=0.9, color=w.colors.secondary))
        w.link(text, target)
    if len(items) > LINK_LIST_MAX:
        w.block(top=2)
        w.text(f"\u2026 and {len(items) - LINK_LIST_MAX:,} more", w.fmt(size=0.9, color=w.colors.secondary))


def write_element(w: FieldWriter, b: Briefing, address: str) -> None:
    from briefing_app.core.briefing.model import (  # loaded by then
        Actor,
        Event,
        KeyPoint,
        Quote,
        Relation,
        Source,
        Summary,
    )

    el = b.element(address)
    w.heading(kind_label(address), 3, top=0)
    if isinstance(el, Summary):
        w.block(top=4, bottom=6)
        w.field(address, "bluf", el.bluf.strip(), w.fmt(size=1.05))
        _link_list(w, "Key points", [(f"{i}.", short_label(kp.text, 90), kp.address)
                                     for i, kp in enumerate(el.key_points, 1)])
    elif isinstance(el, KeyPoint):
        w.block(top=4, bottom=6)
        key_point_badges(w, el)
        w.field(address, "text", el.text.strip(), w.fmt(size=1.08))
        _evidence(w, b, address, el.evidence)
    elif isinstance(el, Actor):
        _write_actor(w, b, el)
    elif isinstance(el, Relation):
        w.block(top=4, bottom=4)
        _actor_link(w, b, el.from_actor)
        w.text(f"  {el.kind}  ", w.fmt(italic=True, color=w.colors.secondary))
        _actor_link(w, b, el.to_actor)
        w.block(top=2)
        w.field(address, "kind", el.kind, w.fmt(size=0.9, color=w.colors.secondary))
        if el.note:
            w.heading("Note", 3)
            w.block()
            w.field(address, "note", el.note.strip())
        _evidence(w, b, address, el.evidence)
    elif isinstance(el, Event):
        _write_event(w, b, el)
    elif isinstance(el, Quote):
        w.block(top=6, bottom=6, left=10, background=w.colors.block)
        w.field(address, "text", el.text.strip(), w.fmt(size=1.12, italic=True))
        w.block(top=2, bottom=4)
        w.text("\u2014 ", w.fmt(color=w.colors.secondary))
        _actor_link(w, b, el.speaker)
        if el.said_on:
            w.text(f", {el.said_on.display(long=True)}", w.fmt(color=w.colors.secondary))
        if el.context:
            w.heading("Context", 3)
            w.block()
            w.field(address, "context", el.context.strip())
        w.block(top=8)
        w.link("Show quote in source \u203a", f"show:{address}#q", w.fmt(semibold=True))
        _evidence(w, b, address, el.evidence)
    elif isinstance(el, Source):
        _write_source_meta(w, b, el)
    else:
        w.block()
        w.text("Nothing selected.", w.fmt(color=w.colors.secondary))


def _write_actor(w: FieldWriter, b: Briefing, a: Actor) -> None:
    w.heading(a.name, 1, top=2)
    w.block(top=0, bottom=6)
    bits = [a.kind.capitalize()] + ([a.role] if a.role else [])
    w.text(" \u00b7 ".join(bits), w.fmt(color=w.colors.secondary))
    if a.affiliation:
        w.text("  \u00b7  part of ", w.fmt(color=w.colors.secondary))
        _actor_link(w, b, a.affiliation)
    if a.aliases:
        _meta(w, "Also known as", ", ".join(a.aliases))
    if a.description:
        w.block(top=8, bottom=4)
        w.field(a.address, "description", a.description.strip())
    rels = []
    for r in b.relations_for(a.id):
        if r.from_actor == a.id:
            rels.append((r.kind, b.display_name(r.to_actor), str(Address("actors", r.to_actor))))
        else:
            rels.append((f"\u2190 {r.kind}", b.display_name(r.from_actor), str(Address("actors", r.from_actor))))
    _link_list(w, "Relations", [(p, t, tgt) for p, t, tgt in rels])
    _link_list(w, "Members", [("", m.name, m.address) for m in b.members_of(a.id)])
    _link_list(w, f"Events ({len(b.events_for(a.id))})", [(e.when, e.title, e.address) for e in b.events_for(a.id)])
    quotes = b.quotes_for(a.id)
    _link_list(w, f"Quotes ({len(quotes)})",
               [(q.said_on.display() if q.said_on else "", "\u201c" + short_label(q.text) + "\u201d", q.address)
                for q in quotes])
    _evidence(w, b, a.address, a.evidence)


def _write_event(w: FieldWriter, b: Briefing, e: Event) -> None:
    w.block(top=4, bottom=2)
    w.field(e.address, "title", e.title, w.fmt(size=1.3, bold=True))
    w.block(top=0, bottom=6)
    w.text(e.when, w.fmt(semibold=True, italic=e.approximate))
    notes = []
    if e.approximate:
        notes.append("approximate")
    if e.date.precision < 3:
        notes.append(f"known to the {e.date.precision.name.lower()}")
    if notes:
        w.text("  (" + ", ".join(notes) + ")", w.fmt(size=0.9, color=w.colors.secondary))
    if e.location:
        _meta(w, "Where")
        w.field(e.address, "location", e.location)
    if e.description:
        w.block(top=8, bottom=4)
        w.field(e.address, "description", e.description.strip())
    _link_list(w, "Actors", [(b.actor_by_id[a].kind.capitalize() if a in b.actor_by_id else "",
                              b.display_name(a), str(Address("actors", a))) for a in e.actors])
    _evidence(w, b, e.address, e.evidence)


def _write_source_meta(w: FieldWriter, b: Briefing, s: Source) -> None:
    from briefing_app.core.briefing.model import RELIABILITY_LABELS

    w.block(top=4, bottom=6)
    w.field(s.address, "title", s.title.strip(), w.fmt(size=1.2, bold=True))
    if s.publisher:
        _meta(w, "Publisher", s.publisher)
    if s.published:
        _meta(w, "Published", s.published.display(long=True))
    if s.retrieved:
        _meta(w, "Retrieved", s.retrieved.isoformat())
    if s.reliability:
        _meta(w, "Reliability", f"{s.reliability} \u2014 {RELIABILITY_LABELS.get(s.reliability, '')}")
    if s.url:
        _meta(w, "URL", s.url)
    citing = list(dict.fromkeys(sp.address for sp in b.evidence_spans(s.id)))
    n = len(b.evidence_spans(s.id))
    _link_list(w, f"Cited by {len(citing)} element{'s' if len(citing) != 1 else ''} "
                  f"({n} citation{'s' if n != 1 else ''})", [(kind_label(a), label_of(b, a), a) for a in citing])


def short_label(text: str, n: int = 70) -> str:
    """`text` on one line, cut at a word boundary with an ellipsis when longer than `n`."""
    return short_excerpt(text, n)


def label_of(b: Briefing, address: str) -> str:
    """A short human name for an element, for links and tooltips (its title in the one table of kinds)."""
    return element_title(b, address)


class Inspector(FieldView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, name="inspector")
        self.setAccessibleName("Inspector")
        self.address: str | None = None
        self.briefing: Briefing | None = None
        #: callables writing more sections after an element's own (the element's annotations), each
        #: given the writer, the briefing and the element's address
        self.extra_sections: list[Callable[[FieldWriter, Briefing, str], None]] = []

    def show_element(self, briefing: Briefing | None, address: str | None) -> None:
        self.briefing, self.address = briefing, address
        w = self.writer()
        if briefing is None:
            w.block()
            w.text("No briefing open.", w.fmt(color=w.colors.secondary))
        elif address is None or briefing.element(address) is None:
            w.heading("Details", 3, top=0)
            w.block(top=4)
            w.text("Select a key point, actor, event, quote or source to see every field, its evidence "
                   "and its links here.", w.fmt(color=w.colors.secondary))
        else:
            write_element(w, briefing, address)
            for section in list(self.extra_sections):
                section(w, briefing, address)
        w.finish()

    def put_caret_at(self, address: str, field: str) -> None:
        """Put the caret at the start of an element's field (else of its first field shown), so that
        keyboard selection starts there."""
        segs = self.segments_for(address, field) or [s for s in self.segments() if s.address == address]
        if segs:
            cur = QTextCursor(self.document())
            cur.setPosition(segs[0].doc_start)
            self.setTextCursor(cur)
            self.ensureCursorVisible()
