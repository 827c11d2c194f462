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


def test_a_note_says_in_plain_words_how_it_was_placed_and_keeps_names_whole(tmp_path):
    """No "re-anchored (moved)": a reader is told the note was placed by its text; names such as
    "A. Analyst" never wrap in the middle (whatever the length of the line before them)."""
    from .test_layout import page_words

    statuses = ("exact", "moved", "fuzzy")
    layer = [Highlight(id=f"n{k:02d}", address="quotes/q1", field="text", start=0, end=6, colour="yellow",
                       label="key " + "x" * k, note_markdown="A note.", author="A. Analyst",
                       layer="B. Colleague Smith", confidence="moderate", status=statuses[k % 3])
             for k in range(40)]
    pdf = build_brief(make_briefing("zz", events=1), layer, BriefOptions(sections=("quotes", "notes")))
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    assert "re-anchored" not in text and "(moved)" not in text and "(fuzzy)" not in text
    assert text.count("placed by its text; the briefing changed") == 13, text  # k = 1, 4, … 37
    assert text.count("placed on the closest wording; the briefing changed") == 13
    for words in page_words(pdf, tmp_path):
        for i, w in enumerate(words[:-1]):
            if w[4] in ("A.", "B.", "Colleague", "layer"):
                nxt = words[i + 1]
                assert abs(nxt[1] - w[1]) < 1.0, (w, nxt)  # the next word is on the same line


def test_an_annotation_without_offsets_is_not_called_moved(sample_path, tmp_path):
    """Core places an annotation that has only its quote (no offsets) as exact: the notes say nothing of moving."""
    from briefing_app.cli import main

    from .test_cli_export import LAYER as TEXT_ONLY

    layer = tmp_path / "a.annotations.yaml"
    layer.write_text(TEXT_ONLY, encoding="utf-8")
    out = tmp_path / "brief.pdf"
    assert main(["export", str(sample_path), "-o", str(out), "--annotations", str(layer)]) == 0
    text = flat(" ".join(pages_text(out, tmp_path)))
    assert "Analyst notes" in text and "placed by" not in text and "moved" not in text
