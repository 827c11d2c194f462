"""RichText (runs, not markup) and RowTable (linear long tables): layout rules."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from briefing_app.export.fonts import register_fonts
from briefing_app.export.grid import RowTable, TableLook
from briefing_app.export.highlights import Highlight, NoteRef, marked_rich
from briefing_app.export.richtext import Rich, RichText, _segments
from briefing_app.export.styles import PALETTE, build_styles

from .pdftools import flat, pages_text


@pytest.fixture(scope="module")
def st():
    register_fonts()
    return build_styles()


def _line_widths(rt: RichText, aw: float) -> list[float]:
    out = []
    for line in rt._break(aw):
        segs = [s for s in _segments(line, 0.0) if s[0] is not None]
        out.append(segs[-1][2] + segs[-1][3] if segs else 0.0)
    return out


def test_lines_fit_and_every_word_is_kept(st):
    text = " ".join(f"word{i}" for i in range(300))
    rt = RichText(Rich().add(text), st["body"])
    _, h = rt.wrap(200, 1e6)
    widths = _line_widths(rt, 200)
    assert len(widths) > 10 and h == pytest.approx(len(widths) * st["body"].leading)
    assert max(widths) <= 200 + 1e-6
    words = [t for line in rt._break(200) for frags, _ in line for _, t, _ in frags]
    assert " ".join(words) == text


def test_over_long_word_breaks_by_character(st):
    word = "x" * 3000
    rt = RichText(Rich().add(word), st["cell"])
    rt.wrap(150, 1e6)
    assert max(_line_widths(rt, 150)) <= 150 + 1e-6
    assert "".join(t for line in rt._break(150) for frags, _ in line for _, t, _ in frags) == word


def test_forced_breaks_and_hanging_indent(st):
    rt = RichText(Rich().add("one").br().add("two").br().add("three"), st["endnote"])
    rt.wrap(400, 1e6)
    assert len(rt._break(400)) == 3
    # endnote: leftIndent 14, firstLineIndent -14: the first line has 400 pt, the others 386
    rt = RichText(Rich().add(" ".join(["abc"] * 300)), st["endnote"])
    rt.wrap(400, 1e6)
    widths = _line_widths(rt, 400)
    assert 386 < widths[0] <= 400
    assert max(widths[1:]) <= 386 + 1e-6


def test_split_has_no_widow_or_orphan_and_keeps_all_lines(st):
    rt = RichText(Rich().add(" ".join(["text"] * 400)), st["body"])
    _, h = rt.wrap(300, 1e6)
    n = len(rt._break(300))
    leading = st["body"].leading
    assert rt.split(300, leading * 1.5) == []  # one line would be an orphan
    head, tail = rt.split(300, leading * (n - 1) + 1)  # would leave one line: a widow
    assert len(head._break(300)) == n - 2 and len(tail._break(300)) == 2
    head, tail = rt.split(300, leading * 5 + 1)
    assert len(head._break(300)) + len(tail._break(300)) == n
    assert head.getSpaceAfter() == 0


def test_fallback_faces_for_other_scripts(st):
    rt = RichText(Rich().add("Hayashi 林芳正 서울 Ελληνικά"), st["cell"])
    fonts = {f[0].font for w in rt._words for f in w[0] if f[0] is not None}
    assert "BriefFallbackCJK" in fonts and "BriefFallbackHangul" in fonts and "BriefSans" in fonts


def test_markup_characters_are_plain_text(st, tmp_path):
    hostile = '<b>x</b> &amp; <a href="http://evil.invalid">y</a> <br/>'
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    rt = RichText(Rich().add(hostile), st["body"])
    rt.wrap(400, 800)
    rt.drawOn(c, 50, 500)
    c.showPage()
    c.save()
    assert flat(hostile) in flat(" ".join(pages_text(buf.getvalue(), tmp_path)))
    assert b"evil.invalid" not in buf.getvalue()


def test_marked_rich_shades_and_marks(st):
    h = Highlight("h", "summary", "bluf", 4, 9, "pink", "disputed")
    r = marked_rich("The quick fox", [NoteRef(3, h)], link=True)
    kinds = [(it[0], it[1]) for it in r.items]
    assert ("a", "hl-3") in kinds
    texts = [it for it in r.items if it[0] == "t"]
    assert [t[1] for t in texts] == ["The ", "quick", "A3", " fox"]
    assert texts[1][8] is not None and texts[0][8] is None  # back colour on the passage only
    assert texts[2][7] == "#note-3" and texts[2][9]  # the mark links to the note, superscript


def _table(st, heights: list[int]) -> RowTable:
    rows = [[RichText(Rich().add(f"row {i}"), st["cell"]),
             RichText(Rich().add(" ".join(["w"] * (n * 12))), st["cell"])] for i, n in enumerate(heights)]
    head = [RichText(Rich().add("A"), st["cell_head"]), RichText(Rich().add("B"), st["cell_head"])]
    look = TableLook(head_fill=PALETTE["navy"], rule=PALETTE["rule"], zebra=PALETTE["zebra"])
    return RowTable(head, rows, [80, 120], look)


def test_table_splits_between_rows_with_header_each_part(st):
    t = _table(st, [1] * 500)
    _, total = t.wrap(200, 700)
    parts, rest = [], t
    while True:
        _, h = rest.wrap(200, 700)
        if h <= 700:
            parts.append(rest)
            break
        head, rest = rest.split(200, 700)
        assert head.wrap(200, 700)[1] <= 700
        parts.append(head)
    assert sum(p.end - p.start for p in parts) == 500
    assert all(p.header for p in parts)
    head_h = t._header_height()
    assert sum(p.wrap(200, 700)[1] - head_h for p in parts) == pytest.approx(total - head_h)


def test_row_taller_than_a_page_splits_inside_the_row(st):
    t = _table(st, [1, 400, 1])
    t.wrap(200, 500)
    parts = t.split(200, 500)
    assert len(parts) == 2
    assert parts[0].wrap(200, 500)[1] <= 500
    # the tall row continues on the next piece, followed by the last row
    assert parts[1].end - parts[1].start == 2


def test_table_draws_into_a_pdf(st, tmp_path):
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    t = _table(st, [1, 2, 3])
    _, h = t.wrap(200, 800)
    t.drawOn(c, 40, 800 - h)
    c.showPage()
    c.save()
    text = flat(" ".join(pages_text(buf.getvalue(), tmp_path)))
    assert "row 0" in text and "row 2" in text and text.startswith("A B")
