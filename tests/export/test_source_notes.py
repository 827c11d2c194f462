"""Source notes: one note per distinct set of excerpts, every claim linked both ways."""

from __future__ import annotations

import dataclasses
import re

from briefing_app.export.builder import build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text


def test_claims_citing_the_same_excerpt_share_one_note(tmp_path):
    # In the factory every claim with evidence cites the very same excerpt.
    b = make_briefing("zz", events=4)
    pdf = build_brief(b)
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    notes = text[text.rindex("Source notes"):]
    assert re.search(r"\b1\. Key judgment 1; Actor Actor zz; Relation ", notes)
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
    assert "\u201cSource says yy\u201d" in notes and "\u201cSource says zz\u201d" in notes
    assert re.search(r"\b2\. Relation ", notes)

