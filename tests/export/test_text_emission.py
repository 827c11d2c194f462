"""The brief's two shortcuts past ReportLab's text path must not change one byte of the PDF.

`fonts.SubsetMappedTTFont` maps text to font-subset codes in one step, and
`richtext._TextOperators` writes the text operators ReportLab's `PDFTextObject`
would. Each brief is built in fresh interpreters three ways: with both shortcuts,
with ReportLab's `TTFont.splitString` put back, and with ReportLab's text object
put back; a brief is byte-identical for the same input, so the digests must agree.
The briefs cover analyst notes (highlight backgrounds, links, note marks), and
enough distinct characters (CJK, Hangul, Greek, Cyrillic, Hebrew, no-break spaces)
to fill several 256-glyph subsets, so subset switches and first-seen characters occur.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from briefing_app.export.fonts import SERIF, register_fonts
from briefing_app.export.richtext import _TextOperators

REPO = Path(__file__).resolve().parents[2]

BUILD = textwrap.dedent("""\
    import hashlib, sys
    from dataclasses import replace
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.export import fonts, richtext
    from briefing_app.export.builder import build_brief
    from briefing_app.export.highlights import Highlight
    from briefing_app.resources import sample_briefing
    if sys.argv[1] == "reportlab-subsets":
        from reportlab.pdfbase.ttfonts import TTFont
        fonts.SubsetMappedTTFont.splitString = TTFont.splitString
    elif sys.argv[1] == "reportlab-text-object":
        richtext._TextOperators = lambda canvas: canvas.beginText()
    b = load_briefing(sample_briefing())
    highlights = []
    if sys.argv[2] == "many-scripts":
        cjk = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700))
        mixed = ("Ελληνικά Кириллица עברית \\u00a0no\\u00a0break\\u00a0spaces 한국어 대한민국 " + cjk + " 東京 "
                 + "ÆØÅ ß ŁŚŻ ğış ñ – — … “” ‘’ € £ ¥")
        summary = replace(b.summary, bluf=mixed + " " + b.summary.bluf)
        actors = tuple(replace(a, description=(a.description or "") + " " + mixed[i * 40:(i + 3) * 40])
                       for i, a in enumerate(b.actors))
        b = replace(b, summary=summary, actors=actors)
        for i, (address, value) in enumerate([("summary", b.summary.bluf)]
                                             + [(q.address, q.text) for q in b.quotes]):
            field = "bluf" if address == "summary" else "text"
            highlights.append(Highlight(f"h{i}", address, field, 2, min(len(value), 40),
                                        ("yellow", "green", "blue")[i % 3], "note", "A *note*: see "
                                        "[the source](https://example.org/x).", ("tag",), "high", "A. Analyst",
                                        "A. Analyst", "exact", value[2:40]))
    print(hashlib.sha256(build_brief(b, highlights)).hexdigest())
""")


def _digest(mode: str, content: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", BUILD, mode, content], capture_output=True, text=True,
                         timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.parametrize("content", ["sample", "many-scripts"])
def test_shortcuts_give_the_same_pdf_bytes_as_reportlabs_own_path(content):
    fast = _digest("fast", content)
    assert len(fast) == 64
    assert _digest("reportlab-subsets", content) == fast
    assert _digest("reportlab-text-object", content) == fast


def test_text_operators_match_the_text_object_call_for_call():
    """Colours with and without opacity, a face change, subsets beyond the first: the same code."""
    register_fonts()
    text = "Plain, then 東京 and " + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 300)) + " again plain"

    def draw(tx) -> str:
        tx.setTextOrigin(72, 700)
        tx.setFont(SERIF, 10, 12)
        tx.setFillColor(Color(0.1, 0.2, 0.3))
        tx._textOut("Plain text")
        tx.setFillColor(Color(0.5, 0.1, 0.1, alpha=0.5))
        tx.setTextOrigin(72, 688)
        tx._textOut(text)
        tx.setFillColor(Color(0, 0, 0, alpha=1))  # back to opaque: the opacity is reset too
        tx.setFont("BriefFallbackCJK", 9, 11)
        tx._textOut("東京")
        return tx.getCode()

    theirs_canvas, ours_canvas = Canvas(os.devnull), Canvas(os.devnull)
    theirs = draw(theirs_canvas.beginText())
    ours = draw(_TextOperators(ours_canvas))
    assert ours == theirs and " gs " in ours  # an ExtGState for 0.5, another for 1 again
    assert theirs_canvas._extgstate._d == ours_canvas._extgstate._d  # the same opacity state left behind


@pytest.mark.parametrize("case", ["faded-then-solid", "translucent-highlight", "helvetica", "cmyk"])
def test_rich_text_draws_the_same_as_with_reportlabs_text_object(case, monkeypatch):
    """Whole paragraphs, drawn as the brief draws them and with ReportLab's text object:
    the same page code, for opacity changes and for faces and colours the direct writer
    leaves to ReportLab (a built-in Type 1 face, a CMYK colour)."""
    from reportlab.lib.styles import ParagraphStyle

    from briefing_app.export import richtext
    from briefing_app.export.richtext import Rich, RichText

    register_fonts()
    rich = Rich()
    style = ParagraphStyle("t", fontName=SERIF, fontSize=10, leading=13)
    if case == "faded-then-solid":
        rich.add("faded words", colour=Color(0.2, 0.2, 0.2, alpha=0.4)).add(" then solid words")
    elif case == "translucent-highlight":
        rich.add("marked", back=Color(1, 0.9, 0.2, alpha=0.3)).add(" and plain text after it")
    elif case == "helvetica":
        style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=13)
        rich.add("A built-in face, Helvetica")
    else:
        rich.add("Printed in ").add("process black", colour=CMYKColor(0, 0, 0, 1)).add(" ink")

    def page_code() -> str:
        c = Canvas(os.devnull)
        para = RichText(rich, style)
        para.wrap(300, 100)
        para.paint_at(c, 72, 700)
        return "\n".join(c._code)

    ours = page_code()
    if case in ("faded-then-solid", "translucent-highlight"):
        text_block = ours[ours.index("BT"):]
        assert text_block.count(" gs") == (2 if case == "faded-then-solid" else 1)  # opacity set back to 1
    monkeypatch.setattr(richtext, "_TextOperators", lambda canvas: canvas.beginText())
    assert ours == page_code()
