"""Source notes: one note per distinct cited passage, with source and paragraph; every claim linked both ways."""

from __future__ import annotations

import dataclasses
import re

from briefing_app.core.briefing.model import Evidence
from briefing_app.export.builder import build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text


def test_claims_citing_the_same_excerpt_share_one_note(tmp_path):
    # In the factory every claim with evidence cites the very same excerpt.
    b = make_briefing("zz", events=4)
    pdf = build_brief(b)
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    notes = text[text.rindex("Source notes"):]
    # One note: where the passage is (source 1, paragraph 1), the passage, a back link per claim.
    assert re.search(r"\b1\. S1 ¶1 \u201cSource says zz\u201d a b c d e f\b", notes), notes
    assert not re.search(r"\b2\. ", notes)  # no second note: all share note 1
    # Links both ways, read from the PDF's link annotations: six claims (key judgment, actor,
    # relation, two events, quote) link to the one note, and the note links back to each of them.
    dests = re.findall(rb"/Dest \[ (\d+) 0 R /XYZ ([\d.]+) ([\d.]+) 0 \]", pdf)
    counts: dict[bytes, int] = {}
    for d in dests:
        counts[b" ".join(d)] = counts.get(b" ".join(d), 0) + 1
    note = [d for d, n in counts.items() if n == 6]
    assert len(note) == 1, counts
    back = {d for d in counts if d != note[0]}
    assert len(back) >= 6  # one destination per citing claim


def test_distinct_excerpts_get_distinct_notes(tmp_path):
    b = make_briefing("zz", events=2)
    other = make_briefing("yy", events=2)  # different excerpt text, same source id
    b = dataclasses.replace(b, relations=other.relations)
    text = flat(" ".join(pages_text(build_brief(b), tmp_path)))
    notes = text[text.rindex("Source notes"):]
    assert re.search(r"\b1\. S1 ¶1 \u201cSource says zz\u201d", notes)
    assert re.search(r"\b2\. S1 \u201cSource says yy\u201d", notes)  # not in the source: no paragraph


def test_a_claim_citing_several_passages_gets_one_mark_with_each_note_and_paragraph(tmp_path):
    b = make_briefing("zz", events=0)
    src = dataclasses.replace(b.sources[0], text="First para.\n\nSecond para.\n\n\n\nThird para here.")
    kp = dataclasses.replace(b.summary.key_points[0], evidence=(
        Evidence("s1", "Third para here."), Evidence("s1", "Second para."), Evidence("s1", "Third para here.")))
    b = dataclasses.replace(b, sources=(src,), actors=(), relations=(), quotes=(),
                            summary=dataclasses.replace(b.summary, key_points=(kp,)))
    text = flat(" ".join(pages_text(build_brief(b), tmp_path)))
    assert "Judgment zz[1,2]" in text, text  # the same passage twice in one claim: one number
    notes = text[text.rindex("Source notes"):]
    assert re.search(r"\b1\. S1 ¶3 \u201cThird para here\.\u201d 2\. S1 ¶2 \u201cSecond para\.\u201d", notes), notes
    assert "[S1]" not in notes  # not a list of notes that all read [S1]


def test_three_notes_in_a_row_print_as_a_range(tmp_path):
    b = make_briefing("zz", events=0)
    src = dataclasses.replace(b.sources[0], text="One.\n\nTwo.\n\nThree.\n\nFour.")
    kp = dataclasses.replace(b.summary.key_points[0], evidence=tuple(
        Evidence("s1", q) for q in ("One.", "Two.", "Three.", "Four.")))
    b = dataclasses.replace(b, sources=(src,), actors=(), relations=(), quotes=(),
                            summary=dataclasses.replace(b.summary, key_points=(kp,)))
    pdf = build_brief(b)
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    assert "Judgment zz[1\u20134]" in text
    notes = text[text.rindex("Source notes"):]
    for n, word in enumerate(("One", "Two", "Three", "Four"), start=1):  # each note is still there
        assert f"{n}. S1 ¶{n} \u201c{word}.\u201d" in notes, notes
    # The two ends of the range are links (the mark's two numbers), to two different notes.
    dests = re.findall(rb"/Dest \[ (\d+) 0 R /XYZ ([\d.]+) ([\d.]+) 0 \]", pdf)
    assert len(set(dests)) >= 2

