"""Fixtures for the annotation tests: layers on the bundled sample briefing."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_app.core.anchoring import field_text
from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector

T0 = dt.datetime(2026, 11, 28, 18, 0, tzinfo=dt.UTC)


def make_annotation(briefing, ident, target, field=None, start=None, end=None, **kw) -> Annotation:
    selector = None
    if field is not None and start is not None:
        selector = Selector.from_text(field_text(briefing, target, field), start, end)
    kw.setdefault("created", T0)
    kw.setdefault("modified", T0)
    kw.setdefault("author", "A. Analyst")
    return Annotation(ident, target, field, selector, **kw)


@pytest.fixture
def layer(sample_briefing) -> AnnotationLayer:
    b = sample_briefing
    bluf = b.summary.bluf
    i = bluf.index(" ", 20)
    layer = AnnotationLayer(b.id, briefing_digest="sha256:" + "0" * 64, author="A. Analyst")
    layer.add(make_annotation(b, "a-bluf", "summary", "bluf", 0, i, color="yellow", note="Key *judgment*",
                              tags=("core",), confidence="high"))
    q = b.quotes[0]
    layer.add(make_annotation(b, "b-quote", q.address, "text", 3, 20, color="pink", tags=("follow-up", "core")))
    layer.add(make_annotation(b, "c-actor", b.actors[0].address, color="green", note="whole element"))
    return layer
