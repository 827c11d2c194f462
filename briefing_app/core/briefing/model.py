"""The briefing model: immutable dataclasses mirroring contract §1.

Everything above core (GUI, PDF, annotations) reads these objects and never
the YAML. They are frozen so that a loaded briefing can be shared between
threads and views without copies; the indexes an app needs (element by
address, events and quotes by actor, evidence spans per source) are computed
once on first use.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from briefing_app.core.briefing.address import ADDRESS_SECTIONS
from briefing_app.core.briefing.dates import PartialDate, format_span
from briefing_app.core.briefing.locations import NodeLocations
from briefing_app.core.briefing.textmatch import NormalisedText

__all__ = [
    "ACTOR_KINDS", "CONFIDENCE_LEVELS", "RELIABILITY_CODES", "SECTIONS", "KEY_POINT_KINDS",
    "LIKELIHOOD_TERMS", "LikelihoodTerm", "likelihood_term",
    "Evidence", "Source", "KeyPoint", "Summary", "Actor", "Relation", "Event",
    "Quote", "Briefing", "Element", "EvidenceSpan",
]

ACTOR_KINDS = ("person", "state", "organisation", "alliance", "group", "other")
CONFIDENCE_LEVELS = ("high", "moderate", "low")
RELIABILITY_CODES = ("A", "B", "C", "D", "E", "F")
RELIABILITY_LABELS = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
#: What a key point states (ICD 203: information apart from assumptions and judgments); the first is the default.
KEY_POINT_KINDS = ("judgment", "fact", "assumption")


@dataclass(frozen=True, slots=True)
class LikelihoodTerm:
    """One term of the ICD 203 estimative-language scale."""

    term: str
    band: int  # 1 (almost no chance) … 7 (almost certain)
    low: int  # percent
    high: int  # percent
    vocabulary: int  # 1 or 2: ICD 203 gives each band a term in two vocabularies

    @property
    def percent(self) -> str:
        """`55–80 %`, as ICD 203 prints the band."""
        return f"{self.low}\u2013{self.high}\u00a0%"

    def in_vocabulary(self, vocabulary: int) -> LikelihoodTerm:
        """The term of the same band in the other (or the same) vocabulary."""
        return next(t for t in LIKELIHOOD_TERMS.values() if t.band == self.band and t.vocabulary == vocabulary)


def _likelihood_scale() -> dict[str, LikelihoodTerm]:
    bands = (  # (vocabulary 1, vocabulary 2, low %, high %), from "almost no chance" up: FORMAT.md §1
        ("almost no chance", "remote", 1, 5),
        ("very unlikely", "highly improbable", 5, 20),
        ("unlikely", "improbable", 20, 45),
        ("roughly even chance", "roughly even odds", 45, 55),
        ("likely", "probable", 55, 80),
        ("very likely", "highly probable", 80, 95),
        ("almost certain", "nearly certain", 95, 99),
    )
    out: dict[str, LikelihoodTerm] = {}
    for band, (first, second, low, high) in enumerate(bands, 1):
        out[first] = LikelihoodTerm(first, band, low, high, 1)
        out[second] = LikelihoodTerm(second, band, low, high, 2)
    return out


#: The fourteen terms a key point's `likelihood` may take: term -> band, percent range, vocabulary.
LIKELIHOOD_TERMS: dict[str, LikelihoodTerm] = _likelihood_scale()


def likelihood_term(term: str | None) -> LikelihoodTerm | None:
    return LIKELIHOOD_TERMS.get(term) if term else None


#: List sections of a briefing, in reading order, with their element address prefix.
SECTIONS = ADDRESS_SECTIONS[1:]

Confidence = Literal["high", "moderate", "low"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """An exact excerpt of one source that supports a claim."""

    source: str
    quote: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    retrieved: _dt.date | None = None
    reliability: str | None = None

    @property
    def address(self) -> str:
        return f"sources/{self.id}"

    @property
    def paragraphs(self) -> list[str]:
        """Paragraphs are separated by a blank line (contract §1)."""
        paras = [p.strip() for p in self.text.replace("\r\n", "\n").split("\n\n")]
        return [p for p in paras if p]


@dataclass(frozen=True, slots=True)
class KeyPoint:
    id: str
    text: str
    confidence: str | None = None
    evidence: tuple[Evidence, ...] = ()
    # added by the contract revision of 2026-12-05; last, so positional construction keeps its meaning
    kind: str = "judgment"  # one of KEY_POINT_KINDS
    likelihood: str | None = None  # one of LIKELIHOOD_TERMS; never on a fact

    @property
    def address(self) -> str:
        return f"key_points/{self.id}"


@dataclass(frozen=True, slots=True)
class Summary:
    bluf: str
    key_points: tuple[KeyPoint, ...] = ()

    @property
    def address(self) -> str:
        return "summary"


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def address(self) -> str:
        return f"actors/{self.id}"


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    from_actor: str
    to_actor: str
    kind: str
    note: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def address(self) -> str:
        return f"relations/{self.id}"


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    title: str
    end: PartialDate | None = None
    approximate: bool = False
    description: str | None = None
    actors: tuple[str, ...] = ()
    location: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def address(self) -> str:
        return f"timeline/{self.id}"

    @property
    def when(self) -> str:
        """Precision-aware date or range, e.g. `10–12 Apr 2023`, `c. 2022`."""
        return format_span(self.date, self.end, self.approximate)

    @property
    def sort_key(self) -> tuple[tuple[int, int, int, int], str]:
        return (self.date.sort_key, self.id)


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    speaker: str
    text: str
    said_on: PartialDate | None = None
    context: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def address(self) -> str:
        return f"quotes/{self.id}"


Element = Summary | KeyPoint | Actor | Relation | Event | Quote | Source


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Where in a source's raw text an element's excerpt (or quote) stands."""

    source: str
    start: int
    end: int
    address: str  # the element citing it
    kind: Literal["evidence", "quote"]


@dataclass(frozen=True)
class Briefing:
    """One briefing file, validated. Construct through `core.loader`."""

    id: str
    title: str
    as_of: _dt.date
    sources: tuple[Source, ...]
    summary: Summary
    format: str = "briefing/1"
    product: str | None = None
    subtitle: str | None = None
    classification: str = "UNCLASSIFIED"
    language: str = "en"
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    timeline: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    extensions: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    #: where each element and field stands in the file, for located findings (empty when built in code)
    locations: NodeLocations = field(default_factory=NodeLocations, compare=False, hash=False, repr=False)

    # -- indexes (computed once) -------------------------------------------
    @cached_property
    def _by_address(self) -> dict[str, Element]:
        out: dict[str, Element] = {"summary": self.summary}
        for seq in (self.summary.key_points, self.actors, self.relations,
                    self.timeline, self.quotes, self.sources):
            for el in seq:
                out[el.address] = el
        return out

    def element(self, address: str) -> Element | None:
        """The element at an address such as `actors/hayashi`, or None."""
        return self._by_address.get(address)

    def addresses(self) -> Iterator[str]:
        return iter(self._by_address)

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def chronological(self) -> tuple[Event, ...]:
        """Timeline sorted by date (stable for equal dates: file order)."""
        return tuple(sorted(self.timeline, key=lambda e: e.date.sort_key))

    @cached_property
    def _events_by_actor(self) -> dict[str, tuple[Event, ...]]:
        acc: dict[str, list[Event]] = {}
        for ev in self.chronological:
            for a in ev.actors:
                acc.setdefault(a, []).append(ev)
        return {k: tuple(v) for k, v in acc.items()}

    def events_for(self, actor_id: str) -> tuple[Event, ...]:
        return self._events_by_actor.get(actor_id, ())

    @cached_property
    def _quotes_by_actor(self) -> dict[str, tuple[Quote, ...]]:
        acc: dict[str, list[Quote]] = {}
        for q in self.quotes:
            acc.setdefault(q.speaker, []).append(q)
        return {k: tuple(v) for k, v in acc.items()}

    def quotes_for(self, actor_id: str) -> tuple[Quote, ...]:
        return self._quotes_by_actor.get(actor_id, ())

    def relations_for(self, actor_id: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if actor_id in (r.from_actor, r.to_actor))

    def members_of(self, actor_id: str) -> tuple[Actor, ...]:
        """Actors whose `affiliation` is this actor."""
        return tuple(a for a in self.actors if a.affiliation == actor_id)

    @cached_property
    def normalised_sources(self) -> dict[str, NormalisedText]:
        return {s.id: NormalisedText(s.text) for s in self.sources}

    def cited_elements(self) -> Iterator[tuple[str, tuple[Evidence, ...]]]:
        """(address, evidence) for every element that carries evidence."""
        for seq in (self.summary.key_points, self.actors, self.relations, self.timeline, self.quotes):
            for el in seq:
                if el.evidence:
                    yield el.address, el.evidence

    @cached_property
    def _spans(self) -> dict[str, tuple[EvidenceSpan, ...]]:
        acc: dict[str, list[EvidenceSpan]] = {s.id: [] for s in self.sources}
        norm = self.normalised_sources
        for address, evidence in self.cited_elements():
            for ev in evidence:
                nt = norm.get(ev.source)
                span = nt.find(ev.quote) if nt else None
                if span:
                    acc[ev.source].append(EvidenceSpan(ev.source, span[0], span[1], address, "evidence"))
        for q in self.quotes:
            candidates = [e.source for e in q.evidence] or [s.id for s in self.sources]
            for sid in dict.fromkeys(candidates):
                nt = norm.get(sid)
                span = nt.find(q.text) if nt else None
                if span:
                    acc[sid].append(EvidenceSpan(sid, span[0], span[1], q.address, "quote"))
                    break
        return {k: tuple(sorted(v, key=lambda s: (s.start, s.end))) for k, v in acc.items()}

    def evidence_spans(self, source_id: str) -> tuple[EvidenceSpan, ...]:
        """Every excerpt and quote located in a source's raw text, by position."""
        return self._spans.get(source_id, ())

    def locate(self, address: str, excerpt: str, source_id: str | None = None) -> tuple[str, int, int] | None:
        """(source id, start, end) of an excerpt, for "Show in source"."""
        ids = [source_id] if source_id else [s.id for s in self.sources]
        for sid in ids:
            nt = self.normalised_sources.get(sid)
            span = nt.find(excerpt) if nt else None
            if span:
                return sid, span[0], span[1]
        return None

    def display_name(self, actor_id: str) -> str:
        a = self.actor_by_id.get(actor_id)
        return a.name if a else actor_id
