"""Hypothesis: arbitrary Unicode in every field never makes the export raise."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations import COLORS
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
from briefing_app.export.builder import build_brief
from briefing_app.export.highlights import Highlight

text = st.text(st.characters(), min_size=1, max_size=60)
opt_text = st.none() | text


@st.composite
def briefings(draw) -> tuple[Briefing, list[Highlight]]:
    t = [draw(text) for _ in range(12)]
    src = Source("s", t[0], t[1] + " " + t[2], publisher=draw(opt_text), url=draw(opt_text),
                 published=PartialDate(2023, 3), reliability=draw(st.sampled_from([None, "A", "F"])))
    ev = (Evidence("s", t[2]),)
    actors = (Actor("a", t[3], "person", role=draw(opt_text), aliases=(t[4],), description=draw(opt_text),
                    evidence=ev, affiliation="b"),
              Actor("b", t[5], "state"))
    events = (Event("e1", PartialDate(2023, 3, 2), t[6], description=draw(opt_text), location=draw(opt_text),
                    actors=("a",), evidence=ev),
              Event("e2", PartialDate(2022), t[7], end=PartialDate(2023, 1), approximate=True))
    b = Briefing(
        id="p", title=t[8], as_of=dt.date(2023, 4, 1), sources=(src,), subtitle=draw(opt_text),
        classification=t[9], authors=(t[10],), tags=(t[11],),
        summary=Summary(draw(text), (KeyPoint("k", draw(text), draw(st.sampled_from([None, "high", "low"])), ev),)),
        actors=actors, relations=(Relation("r", "a", "b", draw(text), note=draw(opt_text), evidence=ev),),
        timeline=events, quotes=(Quote("q", "a", t[2], context=draw(opt_text), evidence=ev),),
    )
    hs = []
    for i in range(draw(st.integers(0, 3))):
        field = draw(st.sampled_from(["text", None]))
        start = draw(st.integers(0, 8))
        hs.append(Highlight(f"h{i}", draw(st.sampled_from(["quotes/q", "key_points/k", "sources/s", "summary"])),
                            field if field else None, start if field else None,
                            start + draw(st.integers(0, 8)) if field else None,
                            draw(st.sampled_from(COLORS)), draw(text), note_markdown=draw(opt_text),
                            tags=(draw(text),), author=draw(opt_text)))
    return b, hs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefings())
def test_any_unicode_exports(case):
    b, hs = case
    pdf = build_brief(b, hs)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
