"""fonts.SubsetMappedTTFont maps text to subset codes in one step; the PDF must not change.

Each brief is built twice in fresh interpreters, once with the fast path and once
with ReportLab's own `TTFont.splitString` put back, and the bytes compared (a brief
is byte-identical for the same input). The second brief uses enough distinct
characters (CJK, Hangul, Greek, Cyrillic, Hebrew, no-break spaces) to fill several
256-glyph subsets, so the slow path, subset switches and later fast hits all occur.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

BUILD = textwrap.dedent("""\
    import hashlib, sys
    from dataclasses import replace
    from briefing_app.core.loader import load_briefing
    from briefing_app.export import fonts
    from briefing_app.export.builder import build_brief
    from briefing_app.resources import sample_briefing
    if sys.argv[1] == "reportlab":
        from reportlab.pdfbase.ttfonts import TTFont
        fonts.SubsetMappedTTFont.splitString = TTFont.splitString
    b = load_briefing(sample_briefing())
    if sys.argv[2] == "many-scripts":
        cjk = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700))
        mixed = ("Ελληνικά Кириллица עברית \\u00a0no\\u00a0break\\u00a0spaces 한국어 대한민국 " + cjk + " 東京 "
                 + "ÆØÅ ß ŁŚŻ ğış ñ – — … “” ‘’ € £ ¥")
        summary = replace(b.summary, bluf=mixed + " " + b.summary.bluf)
        actors = tuple(replace(a, description=(a.description or "") + " " + mixed[i * 40:(i + 3) * 40])
                       for i, a in enumerate(b.actors))
        b = replace(b, summary=summary, actors=actors)
    print(hashlib.sha256(build_brief(b)).hexdigest())
""")


def _digest(split: str, content: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", BUILD, split, content], capture_output=True, text=True,
                         timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.parametrize("content", ["sample", "many-scripts"])
def test_fast_subset_mapping_gives_the_same_pdf_bytes(content):
    fast, reportlab = _digest("fast", content), _digest("reportlab", content)
    assert len(fast) == 64 and fast == reportlab
