"""Banners: US classification levels and TLP 2.0 labels in their standard colours, read off the rendered page."""

from __future__ import annotations

import subprocess

import pytest

from briefing_app.export.builder import build_brief
from briefing_app.export.styles import BANNER_COLOURS, NEUTRAL_BANNER, banner_colours, banner_level

from .factory import make_briefing
from .pdftools import need, pages_text


@pytest.mark.parametrize(("marking", "level"), [
    ("SECRET//NOFORN", "SECRET"),
    ("Top Secret//SI//NOFORN", "TOP SECRET"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "UNCLASSIFIED"),
    ("tlp: amber+strict", "TLP:AMBER+STRICT"),
    ("CUI//SP-PRVCY", "CUI"),
    ("NOT SECRET AT ALL", "NOT SECRET AT ALL"),  # a level is the whole part before the caveats
])
def test_the_level_is_the_part_before_the_caveats(marking, level):
    assert banner_level(marking) == level


def test_the_table_holds_every_standard_marking():
    assert set(BANNER_COLOURS) >= {"UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET", "TLP:RED",
                                   "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:GREEN", "TLP:CLEAR"}
    for name, (fill, _) in BANNER_COLOURS.items():
        assert (fill == "#000000") == name.startswith("TLP:")  # TLP labels are set on black
    assert banner_colours("RESTRICTED")[0].hexval() == "0x" + NEUTRAL_BANNER[0][1:]
    assert banner_colours("NOT SECRET AT ALL")[0].hexval() == "0x" + NEUTRAL_BANNER[0][1:]


def _pixels(pdf: bytes, tmp_path, x: int, y: int, w: int, h: int) -> list[tuple[int, int, int]]:
    """RGB pixels of a region of page 1 rendered at 72 dpi (1 pixel = 1 point)."""
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([need("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", "-x", str(x), "-y", str(y),
                          "-W", str(w), "-H", str(h), str(path)], check=True, capture_output=True).stdout
    # P6 header: magic, width, height, maxval, each followed by white space
    parts = out.split(maxsplit=4)
    data = parts[4]
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data) - 2, 3)]


def _near(a: tuple[int, int, int], hexcode: str, tol: int = 24) -> bool:
    b = tuple(int(hexcode[i:i + 2], 16) for i in (1, 3, 5))
    return all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


@pytest.mark.parametrize(("marking", "fill", "ink"), [
    ("SECRET//NOFORN", "#c8102e", "#ffffff"),
    ("TOP SECRET", "#ff8c00", "#000000"),
    ("CONFIDENTIAL", "#0033a0", "#ffffff"),
    ("CUI", "#502b85", "#ffffff"),
    ("UNCLASSIFIED", "#007a33", "#ffffff"),
    ("TLP:AMBER", "#000000", "#ffc000"),
    ("TLP:AMBER+STRICT", "#000000", "#ffc000"),
    ("TLP:RED", "#000000", "#ff2b2b"),
    ("TLP:GREEN", "#000000", "#33ff00"),
    ("TLP:CLEAR", "#000000", "#ffffff"),
    ("COMPANY CONFIDENTIAL", "#4a4f57", "#ffffff"),  # not a US level: neutral grey
])
def test_banner_colours_on_the_page(marking, fill, ink, tmp_path):
    pdf = build_brief(make_briefing("zz", events=1, classification=marking))
    assert pages_text(pdf, tmp_path)[0].splitlines()[0].strip() == marking.upper()  # caveats kept
    for y in (2, 842 - 11):  # top and bottom banner (A4 is 842 pt tall)
        band = _pixels(pdf, tmp_path, 0, y, 595, 9)
        assert _near(band[0], fill), (marking, band[0])  # the band's own colour at its left end
        text = [p for p in band if not _near(p, fill, 40)]
        assert text and any(_near(p, ink, 60) for p in text), (marking, set(text))  # the label's colour
