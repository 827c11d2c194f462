"""Option switches: sections, annotations all/none/by label, tag or layer."""

from __future__ import annotations

from briefing_app.export.builder import SECTIONS, BriefOptions, build_brief
from briefing_app.export.highlights import Highlight

from .factory import make_briefing
from .pdftools import flat, pages_text

HS = [
    Highlight("h1", "quotes/q1", "text", 0, 6, "yellow", "key judgment", "note one", ("alpha",), "high",
              "Ann", "layer-a"),
    Highlight("h2", "summary", "bluf", 0, 4, "pink", "disputed", "note two", ("beta",), "low", "Bob", "layer-b"),
    Highlight("h3", "actors/a1", None, None, None, "blue", "context", "note three", (), None, "Ann", "layer-a"),
]


def _text(tmp_path, **kw) -> str:
    return flat(" ".join(pages_text(build_brief(make_briefing("zz"), HS, BriefOptions(**kw)), tmp_path)))


def test_sections_can_be_left_out(tmp_path):
    full = _text(tmp_path)
    assert "Quotations" in full and "Relations" in full
    text = _text(tmp_path, sections=tuple(k for k in SECTIONS if k not in ("quotes", "relations", "endnotes")))
    assert "Quotations" not in text and "Relations" not in text and "Source notes" not in text
    assert "Key judgments" in text


def test_annotations_all_none_and_filtered(tmp_path):
    assert all(n in _text(tmp_path) for n in ("note one", "note two", "note three"))
    none = _text(tmp_path, annotations=False)
    assert "Analyst notes" not in none and "note one" not in none
    by_label = _text(tmp_path, labels=("disputed",))
    assert "note two" in by_label and "note one" not in by_label
    by_tag = _text(tmp_path, tags=("alpha",))
    assert "note one" in by_tag and "note two" not in by_tag
    by_layer = _text(tmp_path, layers=("layer-a",))
    assert "note one" in by_layer and "note three" in by_layer and "note two" not in by_layer


def test_notes_without_their_section_still_export(tmp_path):
    text = _text(tmp_path, sections=("bluf", "quotes"))
    assert "note one" not in text and "says zz" in text and "Context zz" in text


def test_highlight_colour_in_content():
    pdf = build_brief(make_briefing("zz"), HS)
    plain = build_brief(make_briefing("zz"), HS, BriefOptions(annotations=False))
    assert pdf != plain


def test_sections_print_in_the_order_given(tmp_path):
    text = _text(tmp_path, sections=("quotes", "endnotes", "bluf", "judgments"))
    pos = text.index("Subtitle zz")  # after the title block (its "Sources" line)
    for heading in ("Quotations", "Sources", "Source notes", "BOTTOM LINE UP FRONT", "Key judgments"):
        found = text.find(heading, pos)
        assert found >= 0, f"{heading!r} missing or out of order"
        pos = found + len(heading)
    assert "Actors" not in text and "Timeline" not in text


def test_section_names_are_those_of_the_command_line():
    assert SECTIONS == ("bluf", "judgments", "actors", "relations", "timeline", "quotes", "notes", "endnotes")
    assert BriefOptions().sections == SECTIONS
    import pytest

    with pytest.raises(ValueError, match="unknown section 'key_judgments'"):
        build_brief(make_briefing("zz"), (), BriefOptions(sections=("key_judgments",)))
    with pytest.raises(ValueError, match="named twice"):
        build_brief(make_briefing("zz"), (), BriefOptions(sections=("bluf", "bluf")))


def _space_above(pdf: bytes, word: str, tmp_path) -> tuple[float, float]:
    """(space between `word`'s box and the nearest text above it, the title block's bottom to it)."""
    from .test_layout import page_words

    for ws in page_words(pdf, tmp_path):
        hit = [w for w in ws if w[4] == word]
        if hit:
            top = hit[0][1]
            return top - max(w[3] for w in ws if w[3] < top - 0.5 and w[1] > 40), top
    raise AssertionError(word)


def test_the_bluf_label_after_another_section_is_spaced_like_every_section_heading(tmp_path):
    """--sections timeline,bluf: the label does not sit tight under the timeline table."""
    b = make_briefing("zz")
    after_table, _ = _space_above(build_brief(b, (), BriefOptions(sections=("timeline", "bluf"))), "BOTTOM", tmp_path)
    heading, _ = _space_above(build_brief(b, (), BriefOptions(sections=("timeline", "quotes"))), "Quotations",
                              tmp_path)
    assert abs(after_table - heading) < 2.0, (after_table, heading)
    # right under the title block, where it prints by default, it stays where it was
    _, first = _space_above(build_brief(b, (), BriefOptions(sections=("bluf", "timeline"))), "BOTTOM", tmp_path)
    _, actors_first = _space_above(build_brief(b, (), BriefOptions(sections=("actors",))), "Actors", tmp_path)
    assert first < actors_first - 10, (first, actors_first)
