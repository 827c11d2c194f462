"""The brief's look, as data: paragraph styles with inheritance, colours, sizes.

Like rst2pdf's style sheets, each style names a parent and overrides only what
differs, so changing the body face or the heading colour is a one-line edit.
Nothing here draws; `builder` and `document` read these values.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing_app.export.fonts import SANS, SERIF

__all__ = ["STYLE_DEFS", "build_styles", "PALETTE", "HIGHLIGHT", "BANNER_COLOURS", "NEUTRAL_BANNER", "banner_level", "banner_colours", "CONFIDENCE_COLOURS"]

PALETTE = {
    "ink": colors.HexColor("#1a1a1a"),
    "navy": colors.HexColor("#1f3a5f"),
    "slate": colors.HexColor("#5a6472"),
    "rule": colors.HexColor("#b8c2cf"),
    "shade": colors.HexColor("#eef2f7"),
    "bluf_fill": colors.HexColor("#f3f6fa"),
    "bluf_edge": colors.HexColor("#1f3a5f"),
    "link": colors.HexColor("#1d4f91"),
    "quote_rule": colors.HexColor("#8da2bd"),
    "zebra": colors.HexColor("#f7f9fb"),
}

#: Annotation colours of FORMAT §2: (highlight fill, darker swatch for marks).
HIGHLIGHT = {
    "yellow": ("#fff1a8", "#c9a400"),
    "green": ("#cdeec6", "#3c8f32"),
    "blue": ("#cfe3fb", "#2f6fbf"),
    "pink": ("#fbd3e4", "#c2417a"),
    "orange": ("#fddcb5", "#d9741c"),
    "purple": ("#e3d6f5", "#7a4fb5"),
}

CONFIDENCE_COLOURS = {"high": "#1f5f3a", "moderate": "#7a5a00", "low": "#8a2b2b"}

#: Banner colours (fill, text) by marking. US classification levels in their standard colours
#: (32 CFR 2001 / CAPCO: UNCLASSIFIED green, CUI purple, CONFIDENTIAL blue, SECRET red, TOP SECRET
#: orange, with dark text for contrast) and TLP 2.0 labels in FIRST's colours on black.
BANNER_COLOURS: dict[str, tuple[str, str]] = {
    "UNCLASSIFIED": ("#007a33", "#ffffff"),
    "CUI": ("#502b85", "#ffffff"),
    "CONTROLLED": ("#502b85", "#ffffff"),  # CUI's other banner word
    "CONFIDENTIAL": ("#0033a0", "#ffffff"),
    "SECRET": ("#c8102e", "#ffffff"),
    "TOP SECRET": ("#ff8c00", "#000000"),
    "TLP:RED": ("#000000", "#ff2b2b"),
    "TLP:AMBER": ("#000000", "#ffc000"),
    "TLP:AMBER+STRICT": ("#000000", "#ffc000"),
    "TLP:GREEN": ("#000000", "#33ff00"),
    "TLP:CLEAR": ("#000000", "#ffffff"),
}
#: Any other marking: neutral grey.
NEUTRAL_BANNER = ("#4a4f57", "#ffffff")


def banner_level(marking: str) -> str:
    """The level a marking states: the part before any caveats (`SECRET//NOFORN` → `SECRET`),
    upper case, spaces collapsed (`tlp: amber` → `TLP:AMBER`)."""
    level = " ".join(marking.split("//", 1)[0].upper().split())
    return re.sub(r"\s*:\s*", ":", level)


def banner_colours(marking: str) -> tuple[colors.Color, colors.Color]:
    """(fill, text) of the banner for a marking; neutral grey for one the table does not know."""
    fill, text = BANNER_COLOURS.get(banner_level(marking), NEUTRAL_BANNER)
    return colors.HexColor(fill), colors.HexColor(text)


# name -> {"parent": name | None, **ParagraphStyle attributes}
STYLE_DEFS: dict[str, dict[str, Any]] = {
    "base": {"parent": None, "fontName": SERIF, "fontSize": 10, "leading": 14.2,
             "textColor": PALETTE["ink"], "alignment": TA_LEFT, "splitLongWords": 1,
             "allowWidows": 0, "allowOrphans": 0, "spaceAfter": 0, "bulletFontName": SERIF},
    "body": {"parent": "base", "spaceAfter": 6},
    "body_small": {"parent": "body", "fontSize": 8.8, "leading": 12},
    "sans": {"parent": "base", "fontName": SANS, "fontSize": 9, "leading": 12},
    "title": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 22, "leading": 27,
              "textColor": PALETTE["navy"], "spaceAfter": 6},
    "subtitle": {"parent": "base", "fontName": SERIF + "-Italic", "fontSize": 12.5, "leading": 17,
                 "textColor": PALETTE["slate"], "spaceAfter": 10},
    "kicker": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 8, "leading": 10,
               "textColor": PALETTE["slate"], "spaceAfter": 4},
    "meta": {"parent": "sans", "fontSize": 8.5, "leading": 11.5, "textColor": PALETTE["slate"]},
    "h1": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 14, "leading": 18,
           "textColor": PALETTE["navy"], "spaceBefore": 16, "spaceAfter": 7},
    "h2": {"parent": "h1", "fontSize": 11, "leading": 14, "spaceBefore": 10, "spaceAfter": 4},
    "h3": {"parent": "h2", "fontSize": 9.5, "leading": 12, "spaceBefore": 8, "spaceAfter": 3,
           "textColor": PALETTE["slate"]},
    "bluf_label": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 8.5, "leading": 11,
                   "textColor": PALETTE["navy"], "spaceAfter": 3},
    # the label after another section: the same space before it as before any section heading (h1)
    "bluf_label_after": {"parent": "bluf_label", "spaceBefore": 16},
    "bluf": {"parent": "base", "fontSize": 11, "leading": 15.5},
    "judgment": {"parent": "body", "leftIndent": 16, "firstLineIndent": 0, "spaceAfter": 8},
    "confidence_tag": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 7.5, "leading": 9.5,
                       "keepWithNext": 1},
    "kp_meta": {"parent": "sans", "fontSize": 7.8, "leading": 10, "textColor": PALETTE["slate"], "spaceBefore": 3},
    "cell": {"parent": "sans", "fontSize": 8.5, "leading": 11},
    "cell_bold": {"parent": "cell", "fontName": SANS + "-Bold"},
    "cell_head": {"parent": "cell", "fontName": SANS + "-Bold", "textColor": colors.white},
    "cell_right": {"parent": "cell", "alignment": TA_RIGHT},
    "quote": {"parent": "base", "fontName": SERIF + "-Italic", "fontSize": 10.5, "leading": 15,
              "leftIndent": 18, "rightIndent": 12, "spaceBefore": 4, "spaceAfter": 2},
    "quote_upright": {"parent": "quote", "fontName": SERIF},
    "quote_by": {"parent": "sans", "fontSize": 8.5, "leading": 11.5, "leftIndent": 18,
                 "textColor": PALETTE["slate"], "spaceAfter": 10},
    "note": {"parent": "body_small", "spaceAfter": 4},
    "note_list": {"parent": "note", "leftIndent": 14, "spaceAfter": 2, "bulletFontSize": 8.8},
    "endnote": {"parent": "body_small", "fontSize": 7.8, "leading": 9.8, "leftIndent": 14,
                "firstLineIndent": -14, "spaceAfter": 2.5},
    "source": {"parent": "body_small", "leftIndent": 20, "firstLineIndent": -20, "spaceAfter": 7},
    "caption": {"parent": "sans", "fontSize": 7.8, "leading": 10, "textColor": PALETTE["slate"],
                "spaceBefore": 2, "spaceAfter": 8},
    "legend": {"parent": "sans", "fontSize": 8, "leading": 11},
    "banner": {"parent": "sans", "fontName": SANS + "-Bold", "fontSize": 8, "alignment": TA_CENTER,
               "textColor": colors.white},
}


def build_styles(defs: dict[str, dict[str, Any]] | None = None) -> dict[str, ParagraphStyle]:
    """Resolve inheritance and return ReportLab styles by name."""
    defs = STYLE_DEFS if defs is None else defs
    built: dict[str, ParagraphStyle] = {}

    def make(name: str, trail: tuple[str, ...] = ()) -> ParagraphStyle:
        if name in built:
            return built[name]
        if name in trail:
            raise ValueError(f"style {name!r} inherits from itself")
        spec = dict(defs[name])
        parent_name = spec.pop("parent")
        parent = make(parent_name, trail + (name,)) if parent_name else None
        style = ParagraphStyle(name, parent=parent, **spec) if parent else ParagraphStyle(name, **spec)
        built[name] = style
        return style

    for n in defs:
        make(n)
    return built
