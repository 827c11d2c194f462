"""A small briefing built directly from the model, for GUI tests that need
exact control over content (the sample file is used where the loader is)."""

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

SOURCE_TEXT = (
    "Tokyo, 10 May 2023. Japan and NATO are discussing a liaison office in Tokyo.\n\n"
    "Foreign Minister Hayashi said \"no details have been finalized yet\" when asked.\n\n"
    "France opposed the plan, saying NATO should stay in the North Atlantic. \U0001F30F"
    " The summit in Vilnius followed in July 2023."
)


def make_briefing(n_events: int = 0, title: str = "Japan–NATO liaison office") -> Briefing:
    src = Source("nikkei", "Nikkei report", SOURCE_TEXT, publisher="Nikkei Asia",
                 published=PartialDate(2023, 5, 10), reliability="B", url="https://example.org/n")
    src2 = Source("memo", "Analyst memo", "Paris was the main objector.\n\nVilnius came next.")
    actors = (
        Actor("japan", "Japan", "state", role="Host country", description="An island state in East Asia."),
        Actor("nato", "NATO", "alliance", role="Alliance", aliases=("North Atlantic Treaty Organization",),
              description="The North Atlantic alliance.", evidence=(Evidence("nikkei", "Japan and NATO"),)),
        Actor("hayashi", "Yoshimasa Hayashi", "person", role="Foreign Minister", affiliation="japan",
              description="Japan's foreign minister in 2023."),
        Actor("france", "France", "state", description="Opposed the office."),
    )
    events = [
        Event("ev-talks", PartialDate(2023, 5, 10), "Liaison office talks reported", actors=("japan", "nato"),
              description="Reports of talks on a Tokyo office.", location="Tokyo",
              evidence=(Evidence("nikkei", "discussing a liaison office in Tokyo"),)),
        Event("ev-vilnius", PartialDate(2023, 7, 11), "Vilnius summit", end=PartialDate(2023, 7, 12),
              actors=("nato",), location="Vilnius"),
        Event("ev-objection", PartialDate(2023, 6), "France objects", approximate=True, actors=("france",),
              evidence=(Evidence("nikkei", "France opposed the plan"),)),
        Event("ev-year", PartialDate(2022), "Year of outreach", actors=("japan",)),
    ]
    for i in range(n_events):
        events.append(Event(f"ev-{i}", PartialDate(1990 + i % 35, 1 + i % 12, 1 + i % 28),
                            f"Generated event number {i}", actors=("nato",) if i % 2 else ("japan",),
                            description=f"Description of event {i} with some words."))
    quotes = (
        Quote("q-hayashi", "hayashi", "no details have been finalized yet", said_on=PartialDate(2023, 5, 10),
              context="Asked about the office at a press conference.",
              evidence=(Evidence("nikkei", "no details have been finalized yet"),)),
        Quote("q-france", "france", "NATO should stay in the North Atlantic", said_on=PartialDate(2023, 6)),
    )
    return Briefing(
        id="japan-nato", title=title, subtitle="A test briefing", as_of=dt.date(2023, 7, 31),
        classification="UNCLASSIFIED", authors=("A. Analyst",), tags=("nato",),
        sources=(src, src2),
        summary=Summary("Japan and NATO are discussing a liaison office; France objects.", (
            KeyPoint("kp-office", "A NATO office in Tokyo is under discussion.", "moderate",
                     (Evidence("nikkei", "Japan and NATO are discussing a liaison office"),)),
            KeyPoint("kp-france", "France opposes the plan.", "high", (Evidence("memo", "Paris was the main objector."),)),
        )),
        actors=actors,
        relations=(Relation("r-member", "hayashi", "japan", "member of"),
                   Relation("r-opp", "france", "nato", "opposes", note="On the Tokyo office only.")),
        timeline=tuple(events), quotes=quotes,
    )
