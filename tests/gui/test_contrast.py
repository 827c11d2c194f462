"""WCAG AA contrast (≥ 4.5:1) for every text colour the theme gives, on its background, light and dark.

Issue 10: small grey text (#808080 on #F2F2F2, about 3.5:1) was below AA. The pairs below are the
theme's: palette roles the widgets draw text with, the semantic colours of `theme.colors` (secondary
text, links, the tints text is read on, confidence badges), the ink on each annotation marker colour,
and the classification banners.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from briefing_app.core.annotations import COLORS
from briefing_app.gui.annotations.prefs import highlight_color, ink_for
from briefing_app.gui.theme import (
    AA,
    apply_appearance,
    banner_colors,
    colors,
    contrast_ratio,
    dark_palette,
    readable_palette,
)

R = QPalette.ColorRole


def _palettes() -> dict[str, QPalette]:
    fusion = QStyleFactory.create("Fusion")
    return {"light": readable_palette(fusion.standardPalette()), "dark": dark_palette()}


def text_pairs(pal: QPalette) -> dict[str, tuple[QColor, QColor]]:
    c = colors(pal)
    window = pal.color(R.Window)
    pairs = {
        "text on base": (c.text, c.base),
        "window text on window": (pal.color(R.WindowText), window),
        "secondary on base": (c.secondary, c.base),
        "secondary on block": (c.secondary, c.block),
        "secondary on window": (c.secondary, window),
        "link on base": (c.link, c.base),
        "link on block": (c.link, c.block),
        "placeholder on base": (pal.color(R.PlaceholderText), c.base),
        "placeholder on window": (pal.color(R.PlaceholderText), window),
        "button text": (pal.color(R.ButtonText), pal.color(R.Button)),
        "selected text": (pal.color(R.HighlightedText), pal.color(R.Highlight)),
        "tooltip": (pal.color(R.ToolTipText), pal.color(R.ToolTipBase)),
        "text on evidence": (c.text, c.evidence),
        "text on quote": (c.text, c.quote),
        "text on search match": (c.text, c.search),
        "text on current find match": (c.text, c.search_current),
        "text on block": (c.text, c.block),
    }
    for level, (bg, fg) in c.confidence.items():
        pairs[f"{level} confidence badge"] = (fg, bg)
    for name in COLORS:
        fill = highlight_color(name, 255)
        pairs[f"ink on {name} marker"] = (QColor(ink_for(fill)), fill)
    return pairs


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#808080"), QColor("#f2f2f2")) == pytest.approx(3.5, abs=0.05)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_of_the_theme_meets_aa(scheme):
    pal = _palettes()[scheme]
    low = {name: round(contrast_ratio(fg, bg), 2) for name, (fg, bg) in text_pairs(pal).items()
           if contrast_ratio(fg, bg) < AA}
    assert low == {}


def test_banners_meet_aa():
    for marking in ("TOP SECRET", "SECRET", "CONFIDENTIAL", "RESTRICTED", "UNCLASSIFIED", "OFFICIAL"):
        bg, fg = banner_colors(marking)
        assert contrast_ratio(fg, bg) >= AA, marking


def test_the_app_palette_is_made_readable_when_an_appearance_is_applied(qapp):
    before = QApplication.palette()
    try:
        for scheme in ("light", "dark"):
            apply_appearance(qapp, scheme)
            pal = QApplication.palette()
            assert contrast_ratio(pal.color(R.PlaceholderText), pal.color(R.Base)) >= AA
            assert contrast_ratio(pal.color(R.HighlightedText), pal.color(R.Highlight)) >= AA
    finally:
        apply_appearance(qapp, "system")
        QApplication.setPalette(before)
