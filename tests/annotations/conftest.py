"""Fixtures for the annotation tests: layers on the bundled sample briefing."""

from __future__ import annotations

import pytest
from annotation_helpers import make_annotation

from briefing_app.core.annotations import AnnotationLayer


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
