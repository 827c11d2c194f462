"""The bundled sample is complete and valid, and the model's indexes serve the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.core.briefing.model import Actor, Event, Quote
from briefing_app.core.briefing.textmatch import normalise

SOURCE_TXT = Path(__file__).resolve().parents[3] / "shared" / "source" / "japan-nato-liaison-office.txt"


def test_sample_validates_with_every_section(sample_briefing):
    b = sample_briefing
    assert b.id == "japan-nato-liaison-office"
    assert 4 <= len(b.summary.key_points) <= 6
    assert all(k.evidence for k in b.summary.key_points)
    # ICD 203: reported facts carry no confidence; judgments carry one
    facts = [k for k in b.summary.key_points if k.kind == "fact"]
    judgments = [k for k in b.summary.key_points if k.kind == "judgment"]
    assert facts and judgments and len(facts) + len(judgments) == len(b.summary.key_points)
    assert all(k.confidence is None and k.likelihood is None for k in facts)
    assert all(k.confidence for k in judgments)
    assert any(k.likelihood == "likely" for k in judgments)
    assert b.product
    assert {a.kind for a in b.actors} >= {"person", "state", "alliance", "organisation"}
    assert b.relations and b.timeline and b.quotes


def test_sample_source_is_the_article_verbatim(sample_briefing):
    if not SOURCE_TXT.exists():
        pytest.skip(f"{SOURCE_TXT} is absent: ../shared/ is only beside CI's clone")
    article = SOURCE_TXT.read_text(encoding="utf-8")
    body = normalise(article.split("\n", 1)[1])
    assert normalise(sample_briefing.sources[0].text) == body


def test_sample_names_the_people_and_dates_of_the_article(sample_briefing):
    names = {a.name for a in sample_briefing.actors}
    assert {"Yoshimasa Hayashi", "Fumio Kishida"} <= names
    march = [e for e in sample_briefing.timeline if e.date.iso() == "2023-03"]
    assert len(march) >= 3  # missiles, Kishida's visit, the accusation (month precision, as written)
    assert any(e.date.iso() == "2023-04" for e in sample_briefing.timeline)


def test_element_by_address(sample_briefing):
    b = sample_briefing
    assert b.element("summary") is b.summary
    hayashi = b.element("actors/yoshimasa-hayashi")
    assert isinstance(hayashi, Actor) and hayashi.name == "Yoshimasa Hayashi"
    assert isinstance(b.element("quotes/q-hayashi-discussions"), Quote)
    assert b.element("actors/nobody") is None
    assert len(list(b.addresses())) == 1 + sum(len(x) for x in (
        b.summary.key_points, b.actors, b.relations, b.timeline, b.quotes, b.sources))


def test_events_and_quotes_by_actor(sample_briefing):
    b = sample_briefing
    quotes = b.quotes_for("yoshimasa-hayashi")
    assert {q.id for q in quotes} == {"q-hayashi-discussions", "q-hayashi-east-europe-pacific"}
    events = b.events_for("fumio-kishida")
    assert events and all(isinstance(e, Event) and "fumio-kishida" in e.actors for e in events)
    assert list(b.chronological) == sorted(b.timeline, key=lambda e: e.date.sort_key)
    assert b.relations_for("nato")


def test_evidence_spans_point_at_the_exact_text(sample_briefing):
    b = sample_briefing
    source = b.sources[0]
    spans = b.evidence_spans(source.id)
    assert spans
    cited = {s.address for s in spans}
    assert "quotes/q-hayashi-discussions" in cited
    for span in spans:
        el = b.element(span.address)
        excerpt = source.text[span.start:span.end]
        if span.kind == "quote":
            assert normalise(excerpt) == normalise(el.text)
        else:
            assert normalise(excerpt) in {normalise(e.quote) for e in el.evidence}


def test_locate_for_show_in_source(sample_briefing):
    b = sample_briefing
    q = b.element("quotes/q-hayashi-discussions")
    sid, start, end = b.locate(q.address, q.text)
    assert normalise(b.source_by_id[sid].text[start:end]) == normalise(q.text)
    assert b.locate("x", "no such words anywhere at all") is None


def test_event_when_is_precision_aware(sample_briefing):
    ev = sample_briefing.element("timeline/ev-2023-04-asw-exercise")
    assert ev.when == "Apr 2023"
