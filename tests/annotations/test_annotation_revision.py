"""A revised briefing: honest fuzzy matches and selectors left as the analyst made them.

Reproduces the reviewer's session on a copy of the sample: two sentences of
the source reworded (and the matching evidence quotes, so the file stays
valid), then restored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest
from annotation_helpers import SAMPLE, T0
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, briefing_digest
from briefing_app.core.annotations.anchoring import (
    FUZZY_THRESHOLD,
    accepted_annotation,
    anchor,
    field_text,
    pending_positions,
    reanchor,
)
from briefing_app.core.briefing.loader import load_briefing

BUILD_UP = "Japan recently announced plans for its biggest military build-up since World War II"
BUILD_UP_NEW = "Japan recently announced its plans for the largest military build-up since World War II"
CHINA = "Japan wants a constructive and stable relationship with China"
CHINA_NEW = "Tokyo wants a constructive relationship with Beijing"


def _revise_file(path):
    text = path.read_text(encoding="utf-8")
    assert BUILD_UP in text and CHINA in text
    text = text.replace("announced plans for its biggest", "announced its plans for the largest")
    text = text.replace(CHINA, CHINA_NEW)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def reviewer(tmp_path):
    """The sample copied to tmp, a layer with the reviewer's two highlights, and the revised briefing."""
    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    original = load_briefing(path)
    src = original.sources[0]
    text = src.text
    i, j = text.index(BUILD_UP), text.index(CHINA)
    a1 = Annotation("a1", src.address, "text", Selector.from_text(text, i, i + len(BUILD_UP)), "yellow",
                    author="A. Analyst", created=T0, modified=T0)
    a2 = Annotation("a2", src.address, "text", Selector.from_text(text, j, j + len(CHINA)), "orange",
                    note="Hedging language", tags=("hedging", "china"), confidence="moderate",
                    author="A. Analyst", created=T0, modified=T0)
    digest = briefing_digest(path.read_bytes())
    layer = AnnotationLayer(original.id, briefing_digest=digest, author="A. Analyst", annotations=[a1, a2])
    _revise_file(path)
    revised = load_briefing(path)  # the edit keeps the briefing valid
    return original, revised, layer, briefing_digest(path.read_bytes())


def test_reworded_sentence_is_a_whole_fuzzy_match_up_to_world_war_ii(reviewer):
    _, revised, layer, _ = reviewer
    x = anchor(revised, layer.get("a1"))
    text = field_text(revised, x.target, x.field)
    assert x.status == "fuzzy" and FUZZY_THRESHOLD <= x.score < 100
    assert text[x.start:x.end] == BUILD_UP_NEW  # "II" kept, no leading space, no full stop


def test_subject_and_object_changed_is_never_a_half_word_span(reviewer):
    _, revised, layer, _ = reviewer
    x = anchor(revised, layer.get("a2"))
    text = field_text(revised, x.target, x.field)
    if x.status == "fuzzy":
        assert text[x.start:x.end] == CHINA_NEW
    else:
        assert x.status == "orphaned"
        # the reason says what was looked for, what is closest and how close
        assert "Japan wants a constructive" in x.reason and "Tokyo wants a constructive" in x.reason
        assert "% similar" in x.reason
    assert not text[x.start or 0:x.end or 0].startswith("hat ")


def test_reanchoring_changes_nothing_stored_and_restoring_gives_exact_again(reviewer, tmp_path):
    original, revised, layer, new_digest = reviewer
    before = list(layer)
    report = reanchor(revised, layer, layer.briefing_digest, new_digest)
    assert report.digest_changed and not report.all_in_place
    assert list(layer) == before  # anchors are computed; the annotations are untouched
    assert report.status_message().startswith("Annotations re-anchored on the changed briefing: 0 exact, 0 moved")
    # back to the original text: the stored selectors still fit exactly
    again = reanchor(original, layer, layer.briefing_digest, layer.briefing_digest)
    assert again.all_in_place
    for a in layer:
        x = again.anchors[a.id]
        assert field_text(original, a.target, a.field)[x.start:x.end] == a.selector.exact


def test_accepting_new_positions_updates_selector_and_modified_only_when_changed(reviewer):
    original, revised, layer, new_digest = reviewer
    report = reanchor(revised, layer, layer.briefing_digest, new_digest)
    when = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    pairs = pending_positions(revised, layer, report, when)
    changed = {old.id: new for old, new in pairs}
    assert "a1" in changed
    new = changed["a1"]
    assert new.selector.exact == BUILD_UP_NEW and new.modified == when and new.created == T0
    assert (new.note, new.tags, new.color) == (layer.get("a1").note, layer.get("a1").tags, "yellow")
    if report.anchors["a2"].status == "orphaned":
        assert "a2" not in changed  # orphans are kept as they were
    # on an accepted annotation the revised briefing is exact, the original fuzzy back
    assert anchor(revised, new).status == "exact"
    # exact annotations come back as the very same object
    assert accepted_annotation(original, layer.get("a1"), anchor(original, layer.get("a1")), when) is layer.get("a1")


def test_only_moved_changes_no_text(sample_briefing):
    """Text inserted before a quote: `moved`, and accepting changes the offsets and context only."""
    b = sample_briefing
    bluf = b.summary.bluf
    a = Annotation("m", "summary", "bluf", Selector.from_text(bluf, 10, 40), "blue", created=T0, modified=T0)
    revised = dataclasses.replace(b, summary=dataclasses.replace(b.summary, bluf="New words first. " + bluf))
    x = anchor(revised, a)
    assert x.status == "moved" and (x.start, x.end) == (27, 57)
    new = accepted_annotation(revised, a, x, dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    assert new.selector.exact == a.selector.exact and new.selector.start == 27


@pytest.mark.parametrize("old, new, expect", [
    # a word changed: whole words, same extent
    ("the office would open in Tokyo next year", "the office would open in Osaka next year",
     "the office would open in Osaka next year"),
    # a word inserted at the end of the quoted range must not be cut in half
    ("since World War II", "since the Second World War", None),
    # trailing punctuation the quote did not have is left out
    ("relations remain stable and constructive", "relations remained stable and constructive, officials said.",
     "relations remained stable and constructive"),
])
def test_fuzzy_spans_are_whole_words_without_stray_edges(sample_briefing, old, new, expect):
    b = sample_briefing
    lead = "Intro sentence here. Some context: "
    bluf = lead + old + ". Tail sentence follows."
    a = Annotation("f", "summary", "bluf", Selector.from_text(bluf, len(lead), len(lead) + len(old)))
    revised_bluf = lead + new + " Tail sentence follows."
    revised = dataclasses.replace(b, summary=dataclasses.replace(b.summary, bluf=revised_bluf))
    x = anchor(revised, a)
    if expect is None:
        assert x.status in ("fuzzy", "orphaned")
    else:
        assert x.status == "fuzzy"
        assert revised_bluf[x.start:x.end] == expect
    if x.status == "fuzzy":
        span = revised_bluf[x.start:x.end]
        assert span == span.strip()
        assert x.start == 0 or not (revised_bluf[x.start - 1].isalnum() and span[0].isalnum())
        assert x.end == len(revised_bluf) or not (revised_bluf[x.end].isalnum() and span[-1].isalnum())


def test_offsets_fallback_is_snapped_and_scored(sample_briefing):
    b = sample_briefing
    bluf = "Alpha beta gamma delta epsilon zeta eta theta."
    # a selector whose quote is nowhere near the field any more but whose offsets still point into it
    # (offsets that cut words in half: 12 is inside "gamma", 29 inside "epsilon")
    a = Annotation("o", "summary", "bluf", Selector("gamma delta epsilon", "beta ", " zeta", 12, 29))
    revised = dataclasses.replace(b, summary=dataclasses.replace(b.summary, bluf=bluf.replace("delta", "dalta")))
    x = anchor(revised, a)
    assert x.status == "fuzzy" and revised.summary.bluf[x.start:x.end] == "gamma dalta epsilon"
    unrelated = dataclasses.replace(b, summary=dataclasses.replace(b.summary, bluf="Qqqq wwww rrrr tttt yyyy uuuu"))
    x = anchor(unrelated, a)
    assert x.status == "orphaned" and "similar" in x.reason


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_any_fuzzy_placement_is_whole_words_and_above_threshold(sample_briefing, data):
    """On a source with one word changed, a fuzzy anchor never starts or ends inside a word."""
    b = sample_briefing
    src = b.sources[0]
    text = src.text
    words = [i for i in range(1, len(text)) if text[i].isalnum() and not text[i - 1].isalnum()]
    i = data.draw(st.sampled_from(words[:-20]))
    j = data.draw(st.sampled_from([w - 1 for w in words if i + 20 < w < i + 200] or [i + 10]))
    a = Annotation("p", src.address, "text", Selector.from_text(text, i, j))
    k = data.draw(st.integers(i, j - 1))
    revised_text = text[:k] + "Zq" + text[k + 1:]
    revised = dataclasses.replace(b, sources=(dataclasses.replace(src, text=revised_text),) + b.sources[1:])
    x = anchor(revised, a)
    if x.status == "fuzzy":
        assert x.score >= FUZZY_THRESHOLD
        assert not (x.start > 0 and revised_text[x.start - 1].isalnum() and revised_text[x.start].isalnum())
        assert not (x.end < len(revised_text) and revised_text[x.end].isalnum() and revised_text[x.end - 1].isalnum())
        assert revised_text[x.start:x.end] == revised_text[x.start:x.end].strip()
