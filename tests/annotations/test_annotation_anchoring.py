"""Anchoring on the sample and on a revised sample: exact, moved, fuzzy, orphaned."""

from __future__ import annotations

import dataclasses

from annotation_helpers import make_annotation
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations import Annotation, Selector
from briefing_app.core.annotations.anchoring import (
    FIELDS,
    anchor,
    field_text,
    reanchor,
    reanchored_annotation,
)


def test_field_text_covers_every_text_field(sample_briefing):
    b = sample_briefing
    assert field_text(b, "summary", "bluf") == b.summary.bluf
    assert field_text(b, b.quotes[0].address, "text") == b.quotes[0].text
    assert field_text(b, b.sources[0].address, "text") == b.sources[0].text
    assert field_text(b, b.actors[0].address, "name") == b.actors[0].name
    assert field_text(b, b.timeline[0].address, "title") == b.timeline[0].title
    assert field_text(b, b.relations[0].address, "kind") == b.relations[0].kind
    assert field_text(b, "summary", "text") is None  # not a field of the summary
    assert field_text(b, "actors/nobody", "name") is None
    assert field_text(b, b.quotes[0].address, "speaker") is None  # an id, not text
    assert set(FIELDS[type(b.summary)]) == {"bluf"}


def test_unchanged_briefing_everything_exact(sample_briefing, layer):
    report = reanchor(sample_briefing, layer, layer.briefing_digest, layer.briefing_digest)
    assert {x.status for x in report.anchors.values()} == {"exact"}
    assert not report.digest_changed
    a = layer.get("b-quote")
    x = report.anchors["b-quote"]
    assert (x.start, x.end) == (a.selector.start, a.selector.end)


def _revise(b, **changes):
    return dataclasses.replace(b, **changes)


def test_revised_briefing_moved_fuzzy_orphaned(sample_briefing):
    b = sample_briefing
    q = b.quotes[0]
    src = b.sources[0]
    text = src.text
    # annotations on the original
    i = text.index(q.text[:30])
    moved = make_annotation(b, "m", src.address, "text", i, i + 30)
    j = text.index(" ", 200)
    k = text.index(" ", j + 60)
    fuzzy = make_annotation(b, "f", src.address, "text", j + 1, k)
    bluf = make_annotation(b, "o", "summary", "bluf", 0, 40)
    gone = make_annotation(b, "g", b.actors[-1].address)
    whole = make_annotation(b, "w", b.actors[0].address)
    # the revision: a paragraph inserted at the top of the source, one word
    # changed inside the fuzzy passage, the BLUF rewritten, the last actor removed
    passage = text[j + 1:k]
    words = passage.split(" ")
    words[len(words) // 2] = words[len(words) // 2].upper() + "x"
    new_text = "A new opening paragraph.\n\n" + text.replace(passage, " ".join(words), 1)
    revised = _revise(
        b,
        sources=(dataclasses.replace(src, text=new_text),) + b.sources[1:],
        summary=dataclasses.replace(b.summary, bluf="Entirely different bottom line about something else."),
        actors=b.actors[:-1],
    )
    report = reanchor(revised, [moved, fuzzy, bluf, gone, whole], "sha256:old", "sha256:new")
    r = report.anchors
    assert r["m"].status == "moved"
    assert new_text[r["m"].start:r["m"].end] == moved.selector.exact
    assert r["f"].status == "fuzzy" and 80 <= r["f"].score < 100
    placed = new_text[r["f"].start:r["f"].end]
    assert placed.lower().replace("x", "") [:10] == passage.lower()[:10]
    assert r["o"].status == "orphaned" and "no longer in bluf of summary" in r["o"].reason
    assert r["g"].status == "orphaned" and "no longer in the briefing" in r["g"].reason
    assert r["w"].status == "exact"
    assert report.digest_changed
    assert report.counts() == {"exact": 1, "moved": 1, "fuzzy": 1, "orphaned": 2}
    assert "1 moved, 1 fuzzy, 2 orphaned" in report.summary()
    assert [x.annotation_id for x in report.orphans] == ["g", "o"]
    # moving the selector to the new place; orphans stay as they were
    updated = reanchored_annotation(revised, moved, r["m"])
    assert updated.selector.start == r["m"].start and updated.selector.exact == moved.selector.exact
    assert anchor(revised, updated).status == "exact"
    assert reanchored_annotation(revised, bluf, r["o"]) is bluf


def test_prefix_and_suffix_choose_between_repeated_text(sample_briefing):
    b = sample_briefing
    bluf = "the office. Tokyo wants the office; Brussels wants the office too."
    revised = _revise(b, summary=dataclasses.replace(b.summary, bluf=bluf))
    start = bluf.index("the office", 30)  # the second "the office" (after "Brussels wants ")
    a = Annotation("r", "summary", "bluf", Selector.from_text(bluf, start, start + 10))
    # shift the text: the recorded offset no longer points at it
    shifted = "Note: " + bluf
    revised2 = _revise(b, summary=dataclasses.replace(b.summary, bluf=shifted))
    x = anchor(revised2, a)
    assert x.status == "moved" and x.start == start + 6
    assert anchor(revised, a).status == "exact"


def test_offsets_are_the_last_resort(sample_briefing):
    b = sample_briefing
    bluf = "abcdefghij klmnopqrst uvwxyz"
    revised = _revise(b, summary=dataclasses.replace(b.summary, bluf=bluf))
    # offsets-only selector
    assert anchor(revised, Annotation("o", "summary", "bluf", Selector("", start=2, end=5))).status == "exact"
    assert anchor(revised, Annotation("o", "summary", "bluf", Selector("", start=2, end=500))).status == "orphaned"
    # field that does not exist for this element
    assert anchor(revised, Annotation("o", "summary", "title", Selector("x", start=0, end=1))).status == "orphaned"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_selection_on_an_unchanged_briefing_is_exact(sample_briefing, data):
    b = sample_briefing
    address = data.draw(st.sampled_from([a for a in b.addresses()]))
    fields = [f for f in FIELDS[type(b.element(address))] if field_text(b, address, f)]
    if not fields:
        return
    f = data.draw(st.sampled_from(fields))
    text = field_text(b, address, f)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    a = Annotation("p", address, f, Selector.from_text(text, start, end))
    x = anchor(b, a)
    assert x.status == "exact"
    assert text[x.start:x.end] == text[start:end]


def test_an_exact_selector_without_offsets_is_exact_not_moved():
    """A hand-written layer often gives only `exact` (no start/end): found where it is, nothing moved."""
    from annotation_helpers import SAMPLE

    from briefing_app.core.annotations import Annotation, Selector
    from briefing_app.core.annotations.anchoring import anchor
    from briefing_app.core.briefing.loader import load_briefing

    b = load_briefing(SAMPLE)
    a = Annotation("x", "summary", "bluf", Selector(exact="negotiating with NATO"), "yellow")
    placed = anchor(b, a)
    assert placed.status == "exact" and b.summary.bluf[placed.start:placed.end] == "negotiating with NATO"
