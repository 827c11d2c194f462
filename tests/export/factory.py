"""Briefings built directly from the model, so export tests control every field."""

from __future__ import annotations

import datetime as dt

from briefing_app.core.briefing.dates import PartialDate
from briefing_app.core.briefing.model import (
    Actor,
    Briefing,
    Event,
    Evidence,
    KeyPoint,
    Quote,
    Relation,
    Source,
    Summary,
)


def make_briefing(text: str = "Plain text", *, events: int = 3, title: str | None = None,
                  classification: str = "UNCLASSIFIED", url: str = "https://example.org/report") -> Briefing:
    """Every text field holds `text` (plus a marker so fields stay distinguishable)."""
    src_text = f"Source says {text}. Second paragraph.\n\nThird paragraph about {text}."
    src = Source("s1", f"Source {text}", src_text, publisher=f"Publisher {text}", url=url,
                 published=PartialDate(2023, 5), retrieved=dt.date(2023, 6, 1), reliability="B")
    ev = (Evidence("s1", f"Source says {text}"),)
    actors = (
        Actor("a1", f"Actor {text}", "person", role=f"Role {text}", affiliation="a2",
              aliases=(f"Alias {text}",), description=f"Description {text}", evidence=ev),
        Actor("a2", f"State {text}", "state"),
    )
    tl = tuple(
        Event(f"e{i}", PartialDate(2023, 1 + i % 12, 1 + i % 28), f"Event {i} {text}",
              end=PartialDate(2023, 1 + i % 12, 2 + i % 27) if i % 5 == 1 else None,
              approximate=i % 4 == 2, description=f"What happened {text}", actors=("a1", "a2"),
              location=f"Place {text}", evidence=ev if i % 2 == 0 else ())
        for i in range(events)
    )
    return Briefing(
        id="test-brief", title=title if title is not None else f"Title {text}", as_of=dt.date(2023, 6, 30),
        sources=(src,), classification=classification, subtitle=f"Subtitle {text}", authors=(f"Author {text}",),
        tags=(f"tag {text}",),
        summary=Summary(f"BLUF {text}", (KeyPoint("k1", f"Judgment {text}", confidence="moderate", evidence=ev),
                                         KeyPoint("k2", f"Second judgment {text}"))),
        actors=actors,
        relations=(Relation("r1", "a1", "a2", f"kind {text}", note=f"Note {text}", evidence=ev),),
        timeline=tl,
        quotes=(Quote("q1", "a1", f"Source says {text}", said_on=PartialDate(2023, 5, 2),
                      context=f"Context {text}", evidence=ev),),
    )
