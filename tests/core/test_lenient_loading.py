"""Lenient loading (core/briefing/lenient.py): every valid part kept, only the faulty one left out.

The app opens a briefing with problems this way; `validate`, `check` and
`export` stay strict (the strict path is unchanged: tested here too).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.briefing.lenient import UNKNOWN_CLASSIFICATION
from briefing_app.core.briefing.loader import (
    load_briefing_lenient,
    parse_briefing_bytes,
    parse_briefing_bytes_lenient,
)
from briefing_app.core.problems import BriefingError

from .helpers import MINIMAL, with_lines


def lenient(text: str):
    return parse_briefing_bytes_lenient(text.encode(), "f.yaml")


def strict_problems(text: str):
    with pytest.raises(BriefingError) as info:
        parse_briefing_bytes(text.encode(), "f.yaml")
    return info.value.problems


def test_a_valid_briefing_reads_the_same_with_no_problems():
    b, problems = lenient(MINIMAL)
    assert problems == []
    assert b == parse_briefing_bytes(MINIMAL.encode(), "f.yaml")


def test_the_same_problems_as_validate_in_the_same_order():
    text = with_lines(("date: 2023-03", "date: 2023-13"), ("kind: state}", "knd: state, kind: state}"),
                      ("text: We are already", "text: We were already"))
    b, problems = lenient(text)
    assert b is not None
    assert [str(p) for p in problems] == [str(p) for p in strict_problems(text)]
    assert len(problems) == 3


def test_problems_name_their_element_and_field():
    text = with_lines(("date: 2023-03", "date: 2023-13"), ("text: We are already", "text: We were already"))
    _b, problems = lenient(text)
    assert [(p.address, p.field) for p in problems] == [("timeline/e1", "date"), ("quotes/q1", "text")]
    top = lenient(with_lines(("as_of: 2023-05-01", "as_of: soon")))[1]
    assert [(p.address, p.field) for p in top] == [(None, None)]


def test_an_unknown_field_is_not_read_and_its_element_is_kept():
    b, problems = lenient(with_lines(("kind: state}", "kind: state, colour: red}")))
    assert len(problems) == 1 and "unknown field 'colour'" in problems[0].message
    assert b is not None and b.element("actors/japan") is not None


def test_a_required_field_that_is_not_valid_leaves_out_its_element_only():
    b, problems = lenient(with_lines(("date: 2023-03", "date: 2023-13")))
    assert b is not None and len(problems) == 1
    assert b.element("timeline/e1") is None
    assert [a.id for a in b.actors] == ["hayashi", "japan"] and len(b.quotes) == 1


def test_an_optional_field_that_is_not_valid_is_left_out_and_its_element_kept():
    b, problems = lenient(with_lines(("confidence: moderate", "confidence: sure")))
    assert len(problems) == 1
    kp = b.element("key_points/kp1")
    assert kp is not None and kp.confidence is None and kp.text == "It jumps."


def test_an_end_before_the_date_is_left_out():
    b, problems = lenient(with_lines(("date: 2023-03\n", "date: 2023-03\n    end: 2022\n")))
    assert len(problems) == 1 and problems[0].field == "end"
    ev = b.element("timeline/e1")
    assert ev is not None and ev.end is None


def test_a_misquote_is_kept_as_written():
    b, problems = lenient(with_lines(("text: We are already", "text: We were already")))
    assert len(problems) == 1 and "not found verbatim" in problems[0].message
    assert b.element("quotes/q1").text == "We were already in discussions."


def test_a_duplicate_id_keeps_the_first_element():
    text = with_lines(("  - {id: japan, name: Japan, kind: state}",
                       "  - {id: japan, name: Japan, kind: state}\n  - {id: japan, name: Nippon, kind: state}"))
    b, problems = lenient(text)
    assert len(problems) == 1 and "duplicate id" in problems[0].message
    assert [a.name for a in b.actors] == ["Yoshimasa Hayashi", "Japan"]


def test_references_that_lead_nowhere_are_dropped():
    text = with_lines(("affiliation: japan", "affiliation: nippon"), ("to: japan", "to: nippon"),
                      ("actors: [hayashi]", "actors: [hayashi, kishida]"),
                      ("{source: src, quote: jumps", "{source: nowhere, quote: jumps"))
    b, problems = lenient(text)
    assert len(problems) == 4
    assert b.element("actors/hayashi").affiliation is None
    assert b.relations == ()
    ev = b.element("timeline/e1")
    assert ev.actors == ("hayashi",) and ev.evidence == ()


def test_the_top_level_falls_back_without_inventing_a_lower_classification():
    text = with_lines(("title: Test briefing\n", ""), ("as_of: 2023-05-01", "as_of: 2023-02-30"),
                      ("id: test-briefing", "id: Test Briefing"))
    text = text.replace("format: briefing/1\n", "format: briefing/1\nclassification: [SECRET]\n")
    b, problems = parse_briefing_bytes_lenient(text.encode(), "Weekly Brief.yaml")
    assert len(problems) == 4
    assert b.title == "Weekly Brief" and b.id == "weekly-brief"
    assert b.classification == UNKNOWN_CLASSIFICATION
    assert b.as_of == dt.date(2023, 3, 31)  # the last day the timeline reaches


def test_a_summary_without_a_readable_bluf_reads_as_an_empty_bottom_line():
    b, problems = lenient(with_lines(("bluf: Foxes jump.", "bluf: ''")))
    assert len(problems) == 1 and b.summary.bluf == "" and len(b.summary.key_points) == 1


@pytest.mark.parametrize("text, words", [
    ("title: [unclosed\n", "YAML syntax error"),
    ("- a list\n", "expected a briefing"),
    ("format: annotations/1\nbriefing: x\n", "annotation file"),
    ("format: briefing/2\n", "newer version"),
])
def test_a_file_that_is_not_a_briefing_gives_nothing_to_read(text, words):
    b, problems = lenient(text)
    assert b is None and len(problems) == 1 and words in problems[0].message


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    b, problems = load_briefing_lenient(tmp_path / "gone.yaml", display_name="gone.yaml")
    assert b is None and str(problems[0]) == "gone.yaml:1:1: no such file"


def test_the_strict_load_still_refuses_a_briefing_with_problems():
    assert len(strict_problems(with_lines(("date: 2023-03", "date: 2023-13")))) == 1


# -- on any edit of a valid briefing: lenient loading never raises, and agrees with validate -----------

_LINES = MINIMAL.splitlines()


@st.composite
def edited(draw) -> str:
    """MINIMAL with a few lines deleted, duplicated or changed (a value replaced, a key misspelt)."""
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "value", "key"]))
        key, colon, _value = lines[i].partition(":")
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "value" and colon:
            lines[i] = key + ": " + draw(st.sampled_from(["", "2023-13", "[x]", "{a: 1}", "nope", "~", "true"]))
        elif how == "key" and colon:
            lines[i] = key + "x" + colon + _value
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_any_edit_reads_leniently_with_the_problems_validate_reports(text):
    b, problems = lenient(text)
    try:
        strict = parse_briefing_bytes(text.encode(), "f.yaml")
    except BriefingError as exc:
        assert [str(p) for p in problems] == [str(p) for p in exc.problems]
        if b is None:  # nothing readable: only a file that is not a briefing at all
            assert len(problems) == 1
            return
    else:
        assert problems == [] and b == strict
        return
    # what was read is a consistent model: every reference resolves, every address is unique
    actor_ids = {a.id for a in b.actors}
    assert all(a.affiliation in (None, *actor_ids) for a in b.actors)
    assert all(r.from_actor in actor_ids and r.to_actor in actor_ids for r in b.relations)
    assert all(set(e.actors) <= actor_ids for e in b.timeline)
    source_ids = {s.id for s in b.sources}
    for _address, evidence in b.cited_elements():
        assert all(ev.source in source_ids for ev in evidence)
    for seq in (b.sources, b.summary.key_points, b.actors, b.relations, b.timeline, b.quotes):
        assert len({el.id for el in seq}) == len(seq)
    assert b.title and b.id and b.as_of and b.classification
