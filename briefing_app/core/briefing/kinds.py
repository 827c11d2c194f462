"""The one table of element kinds: section, model class and the words a user sees.

Every view that names an element (the inspector, the annotation panel, the
Markdown and PDF exports, tradecraft findings) reads this table, so an actor
is "Actor" everywhere and an element is titled by what it says — an actor by
its name, an event by its date and title, a key point by the start of its
text — never by its id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing_app.core.briefing.address import Address, AddressError
from briefing_app.core.briefing.model import (
    Actor,
    Briefing,
    Element,
    Event,
    KeyPoint,
    Quote,
    Relation,
    Source,
    Summary,
)

__all__ = ["ElementKind", "ELEMENT_KINDS", "kind_for_section", "kind_of", "element_title", "element_label",
           "short_excerpt"]


def short_excerpt(text: str, limit: int = 60) -> str:
    """The start of a text on one line, cut at a word and marked with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "\u2026"


@dataclass(frozen=True, slots=True)
class ElementKind:
    """One kind of element and how it is named to a user."""

    section: str  # the address section: `actors`
    singular: str  # "Actor"
    plural: str  # "Actors"
    model: type  # the model class
    title: Callable[[Briefing, Any], str]  # the element's name for a user, e.g. the actor's name

    def label(self, briefing: Briefing, element: Any) -> str:
        """`Actor: Yoshimasa Hayashi`; the summary is just "Bottom line up front"."""
        name = self.title(briefing, element)
        return name if self.model is Summary else f"{self.singular}: {name}"


def _relation_title(b: Briefing, r: Relation) -> str:
    return f"{b.display_name(r.from_actor)} \u2014 {r.kind} \u2014 {b.display_name(r.to_actor)}"


def _quote_title(b: Briefing, q: Quote) -> str:
    return f"{b.display_name(q.speaker)}, \u201c{short_excerpt(q.text, 50)}\u201d"


#: Every kind of element, in reading order.
ELEMENT_KINDS: tuple[ElementKind, ...] = (
    ElementKind("summary", "Summary", "Summary", Summary, lambda b, s: "Bottom line up front"),
    ElementKind("key_points", "Key point", "Key points", KeyPoint, lambda b, k: short_excerpt(k.text)),
    ElementKind("actors", "Actor", "Actors", Actor, lambda b, a: a.name),
    ElementKind("relations", "Relation", "Relations", Relation, _relation_title),
    ElementKind("timeline", "Event", "Timeline", Event, lambda b, e: f"{e.when} {e.title}"),
    ElementKind("quotes", "Quote", "Quotes", Quote, _quote_title),
    ElementKind("sources", "Source", "Sources", Source, lambda b, s: s.title),
)
_BY_SECTION = {k.section: k for k in ELEMENT_KINDS}
_BY_MODEL: dict[type, ElementKind] = {k.model: k for k in ELEMENT_KINDS}


def kind_for_section(section: str) -> ElementKind:
    """The kind whose address section is `section` (KeyError for anything else)."""
    return _BY_SECTION[section]


def kind_of(element: Element) -> ElementKind:
    return _BY_MODEL[type(element)]


def element_title(briefing: Briefing, address: str | Address) -> str:
    """What a user calls the element at `address` (`Yoshimasa Hayashi`); the address itself if it is gone."""
    el = briefing.element(str(address))
    return str(address) if el is None else kind_of(el).title(briefing, el)


def element_label(briefing: Briefing, address: str | Address) -> str:
    """Kind and title (`Actor: Yoshimasa Hayashi`); a section's plural name for a section address."""
    el = briefing.element(str(address))
    if el is not None:
        return kind_of(el).label(briefing, el)
    try:
        parsed = address if isinstance(address, Address) else Address.parse(address)
    except AddressError:
        return str(address)
    return kind_for_section(parsed.section).plural if not parsed.is_element else str(address)
