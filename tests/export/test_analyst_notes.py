"""Analyst notes are numbered in reading order (A1, A2, A3 down the brief) and listed in that order."""

from __future__ import annotations

import re

from briefing_app.export.builder import BriefOptions, build_brief
from briefing_app.export.highlights import Highlight

from .factory import make_briefing
from .pdftools import flat, pages_text


def hl(i: str, address: str, fld: str | None, start: int | None, end: int | None, colour: str) -> Highlight:
    return Highlight(id=i, address=address, field=fld, start=start, end=end, colour=colour, label=f"{colour} label",
                     note_markdown=f"Note {i}.")


# Ids, colours and positions chosen so that id order, colour order and element order all differ from reading order.
LAYER = [
    hl("a", "quotes/q1", "text", 0, 6, "yellow"),
    hl("b", "actors/a1", "role", 0, 4, "yellow"),
    hl("c", "key_points/k1", "text", 9, 11, "green"),
    hl("d", "actors/a1", "description", 0, 11, "blue"),
    hl("e", "key_points/k1", "text", 0, 8, "yellow"),
    hl("f", "actors/a1", None, None, None, "green"),
    hl("g", "timeline/e0", "title", 0, 5, "blue"),
]


def _marks(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"A(\d+)", text)]  # a mark is extracted glued to its word


def test_marks_read_a1_a2_a3_down_the_brief_and_the_notes_list_follows(tmp_path):
    b = make_briefing("zz", events=2)
    text = flat(" ".join(pages_text(build_brief(b, LAYER), tmp_path)))
    body, notes = text[:text.index("Analyst notes")], text[text.index("Analyst notes"):]
    assert _marks(body) == list(range(1, 8)), body
    listed = _marks(notes[:notes.index("Sources")] if "Sources" in notes else notes)
    assert listed == list(range(1, 8)), notes
    # The notes say which element: kind and name, never an id
    assert "A1 Yellow label · Key point: Judgment zz" in notes
    assert "A3 Green label · Actor: Actor zz" in notes  # on the actor as a whole: before its fields
    assert "A4 Yellow label · Actor: Actor zz (role)" in notes  # the role's cell top is above the description
    assert "A5 Blue label · Actor: Actor zz (description)" in notes
    assert "actors/a1" not in notes and "k1" not in notes.split()


def test_numbering_follows_the_chosen_section_order(tmp_path):
    b = make_briefing("zz", events=2)
    opts = BriefOptions(sections=("quotes", "judgments", "notes"))
    text = flat(" ".join(pages_text(build_brief(b, LAYER, opts), tmp_path)))
    body = text[:text.index("Analyst notes")]
    assert _marks(body) == [1, 2, 3]
    notes = text[text.index("Analyst notes"):]
    assert "A1 Yellow label · Quote: Actor zz" in notes  # the quotes print first here
    assert _marks(notes) == list(range(1, 8))  # notes on what is not printed come after, still in order
