"""Rich runs as ReportLab paragraphs, and the brief's long tables: read back from the PDF."""

from __future__ import annotations

import io
import subprocess

import pytest
from reportlab.platypus import SimpleDocTemplate

from briefing_app.export.fonts import register_fonts
from briefing_app.export.grid import TableLook, brief_table
from briefing_app.export.highlights import Highlight, NoteRef, marked_rich
from briefing_app.export.richtext import Rich, rich_paragraph
from briefing_app.export.styles import PALETTE, build_styles

from .pdftools import flat, need, pages_text
from .test_layout import page_words


@pytest.fixture(scope="module")
def st():
    register_fonts()
    return build_styles()


def _pdf(story, width: float = 300) -> bytes:
    buf = io.BytesIO()
    margin = (595 - width) / 2
    SimpleDocTemplate(buf, invariant=1, leftMargin=margin, rightMargin=margin).build(story)
    return buf.getvalue()


def test_lines_fit_and_every_word_is_kept(st, tmp_path):
    text = " ".join(f"word{i}" for i in range(300))
    pdf = _pdf([rich_paragraph(text, st["body"])])
    assert flat(" ".join(pages_text(pdf, tmp_path))) == text
    words = [w for page in page_words(pdf, tmp_path) for w in page]
    left, right = min(w[0] for w in words), max(w[2] for w in words)
    assert right - left <= 300 + 1e-6 and len({round(w[1]) for w in words}) > 10


def test_over_long_word_breaks_by_character(st, tmp_path):
    word = "x" * 3000
    pdf = _pdf([rich_paragraph(word, st["cell"])], 150)
    assert "".join("".join(p.split()) for p in pages_text(pdf, tmp_path)) == word


def test_forced_breaks(st, tmp_path):
    pdf = _pdf([rich_paragraph(Rich().add("one").br().add("two").br().add("three"), st["endnote"])])
    assert [ln.strip() for ln in pages_text(pdf, tmp_path)[0].splitlines() if ln.strip()] == ["one", "two", "three"]


def test_split_has_no_widow_or_orphan_and_keeps_all_lines(st):
    p = rich_paragraph(" ".join(["text"] * 400), st["body"])
    _, h = p.wrap(300, 1e6)
    leading = st["body"].leading
    n = round(h / leading)
    assert p.split(300, leading * 1.5) == []  # one line would be an orphan
    head, tail = p.split(300, leading * (n - 1) + 1)  # would leave one line: a widow
    assert round(head.wrap(300, 1e6)[1] / leading) == n - 2 and round(tail.wrap(300, 1e6)[1] / leading) == 2


def test_fallback_faces_for_other_scripts(st, tmp_path):
    pdf = _pdf([rich_paragraph("Hayashi 林芳正 서울 Ελληνικά", st["cell"])])
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run([need("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    assert "DroidSansFallback" in fonts and "NanumGothic" in fonts and "NotoSans" in fonts
    assert "Hayashi 林芳正 서울 Ελληνικά" in flat(" ".join(pages_text(pdf, tmp_path)))


def test_markup_characters_are_plain_text(st, tmp_path):
    hostile = '<b>x</b> &amp; <a href="http://evil.invalid">y</a> <br/>'
    pdf = _pdf([rich_paragraph(hostile, st["body"])])
    assert flat(hostile) in flat(" ".join(pages_text(pdf, tmp_path)))
    assert b"evil.invalid" not in pdf


def test_marked_rich_shades_and_marks(st):
    h = Highlight("h", "summary", "bluf", 4, 9, "pink", "disputed")
    r = marked_rich("The quick fox", [NoteRef(3, h)], link=True)
    kinds = [(it[0], it[1]) for it in r.items]
    assert ("a", "hl-3") in kinds
    texts = [it for it in r.items if it[0] == "t"]
    assert [t[1] for t in texts] == ["The ", "quick", "A3", " fox"]
    assert texts[1][8] is not None and texts[0][8] is None  # back colour on the passage only
    assert texts[2][7] == "#note-3" and texts[2][9]  # the mark links to the note, superscript


def _table(st, heights: list[int], page_height: float = 700):
    rows = [[rich_paragraph(f"row {i}", st["cell"]), rich_paragraph(" ".join(["w"] * (n * 12)), st["cell"])]
            for i, n in enumerate(heights)]
    head = [rich_paragraph("A", st["cell_head"]), rich_paragraph("B", st["cell_head"])]
    look = TableLook(head_fill=PALETTE["navy"], rule=PALETTE["rule"], zebra=PALETTE["zebra"])
    return brief_table(head, rows, [80, 120], look, page_height)


def test_table_repeats_its_header_on_every_page_and_keeps_every_row(st, tmp_path):
    pdf = _pdf([_table(st, [1] * 300)], 200)
    pages = pages_text(pdf, tmp_path)
    assert len(pages) > 3
    for page in pages:
        assert [ln.strip() for ln in page.splitlines() if ln.strip()][:2] == ["A", "B"] or flat(page).startswith("A B")
    text = flat(" ".join(pages))
    assert all(f"row {i} " in text + " " for i in range(300))


def test_row_taller_than_a_page_splits_inside_the_row(st, tmp_path):
    pdf = _pdf([_table(st, [1, 400, 1])], 200)
    pages = pages_text(pdf, tmp_path)
    assert len(pages) >= 2 and "row 2" in pages[-1]


def test_no_widow_row(st):
    t = _table(st, [1] * 10)
    _, h = t.wrap(200, 1e6)
    head, tail = t.split(200, h - 5)  # all but the last row would fit
    assert len(tail.row_data) == 3  # header and two rows go over together
