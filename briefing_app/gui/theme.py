"""Colours and fonts for the reader, derived from the palette in use.

Nothing in the GUI hard-codes a colour that only works on a light
background: highlights, badges and secondary text are blends of a hue with
the palette's `Base`/`Text`, so they read well in light and dark palettes
alike. The only fixed colours are the classification banners, whose
meaning *is* their colour (and which carry their own text colour).

The Appearance setting (gui/settings.py: system, light or dark; View ›
Appearance, or `run_gui(appearance=...)` for one run) picks the colour
scheme: `system` follows the desktop, the others force one, which is also
what a desktop that reports none needs.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["apply_appearance", "Colors", "colors", "mix", "banner_colors", "is_dark", "dark_palette",
           "contrast_ratio", "readable", "readable_palette", "AA"]

#: WCAG 2 level AA: the least contrast for normal-size text.
AA = 4.5


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(fg: QColor, toward: QColor, *backgrounds: QColor, minimum: float = AA) -> QColor:
    """`fg`, moved towards `toward` only as far as needed to reach `minimum` contrast on every background."""
    c, t = QColor(fg), 0.0
    while t < 1.0 and min(contrast_ratio(c, bg) for bg in backgrounds) < minimum:
        t = min(1.0, t + 0.04)
        c = mix(fg, toward, t)
    return c


def readable_palette(palette: QPalette) -> QPalette:
    """The palette with its dim roles made readable (WCAG AA): placeholder text on the text and window
    backgrounds (Fusion's light one is #808080-ish, 3.5:1 on #F2F2F2), selected text on the selection."""
    p = QPalette(palette)
    r = QPalette.ColorRole
    base, window, text = p.color(r.Base), p.color(r.Window), p.color(r.Text)
    ph = p.color(r.PlaceholderText)
    if ph.alphaF() < 1.0:  # Qt's default: the text colour half transparent; judge it as drawn on the base
        ph = mix(base, QColor(ph.red(), ph.green(), ph.blue()), ph.alphaF())
    p.setColor(r.PlaceholderText, readable(ph, text, base, window, mix(base, text, 0.05)))
    selected = p.color(r.HighlightedText)
    away = QColor("#000000") if _luminance(selected) > 0.5 else QColor("#ffffff")
    p.setColor(r.Highlight, readable(p.color(r.Highlight), away, selected))
    return p


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, used when the platform gives none."""
    p = QPalette()
    window, base, text = QColor(45, 46, 50), QColor(30, 31, 34), QColor(225, 226, 230)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(38, 39, 43),
        QPalette.ColorRole.ToolTipBase: QColor(60, 62, 68),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 142, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(55, 56, 61),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(120, 170, 255),
        QPalette.ColorRole.LinkVisited: QColor(180, 150, 255),
        QPalette.ColorRole.Highlight: QColor(55, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Light: QColor(75, 76, 82),
        QPalette.ColorRole.Midlight: QColor(62, 63, 69),
        QPalette.ColorRole.Mid: QColor(40, 41, 45),
        QPalette.ColorRole.Dark: QColor(22, 23, 25),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    disabled = QColor(120, 121, 128)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return readable_palette(p)


_dark_palette = dark_palette  # the name tests of other areas still use


def apply_appearance(app: QGuiApplication, appearance: str = "system") -> None:
    """Use Fusion and a colour scheme: `system` (the desktop's), `light` or `dark`.

    Called again when the analyst changes View › Appearance: the palette is
    replaced at once and every widget repaints with it.
    """
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication) and app.style().name().lower() not in ("fusion", "breeze", "kvantum"):
        # Fusion renders palettes faithfully in both schemes; the platform
        # styles on some systems ignore a dark palette.
        if not os.environ.get("QT_STYLE_OVERRIDE"):
            app.setStyle("Fusion")
    hints = app.styleHints()
    scheme = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}.get(appearance, Qt.ColorScheme.Unknown)
    hints.setColorScheme(scheme)  # Unknown: back to the desktop's
    if appearance == "dark" or (appearance == "system" and hints.colorScheme() == Qt.ColorScheme.Dark):
        # forced, or the platform theme reported dark but may give a light palette (or none)
        app.setPalette(dark_palette())
    elif isinstance(app, QApplication) and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())  # was dark: the style's own light palette
    app.setPalette(readable_palette(app.palette()))


#: Find and search matches: teal, a hue none of the annotation colours, the evidence and quote washes,
#: the problem and finding marks or the link mark (orange) use; each match is also boxed (search_edge).
_FIND_HUE = "#00a8a8"


class Colors(NamedTuple):
    """Semantic colours for the current palette."""

    text: QColor
    secondary: QColor
    base: QColor
    link: QColor
    evidence: QColor  # a light wash: cited passages in a source (annotations get solid marker colours)
    quote: QColor
    evidence_accent: QColor  # their dotted / dashed underlines
    quote_accent: QColor
    mark: QColor
    search: QColor  # find and search matches: a teal wash in a box, a look no highlight colour has
    block: QColor
    rule: QColor
    confidence: dict[str, tuple[QColor, QColor]]
    timeline_mark: QColor
    timeline_range: QColor
    search_current: QColor  # the current find match: a stronger wash (and a thicker box)
    search_edge: QColor  # the box around each match


def colors(palette: QPalette | None = None) -> Colors:
    pal = palette or QGuiApplication.palette()
    base = pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    dark = base.lightnessF() < 0.5
    strength = 0.38 if dark else 0.30

    def tint(hue: str, t: float = strength) -> QColor:
        return mix(base, QColor(hue), t)

    block = mix(base, text, 0.05)
    window = pal.color(QPalette.ColorRole.Window)

    def badge(hue: str) -> tuple[QColor, QColor]:
        bg = tint(hue, 0.40 if dark else 0.22)
        return bg, readable(mix(QColor(hue), text, 0.35 if dark else 0.45), text, bg)

    return Colors(
        text=text,
        # secondary text stays readable (WCAG AA) on the base, the block shading and the window
        secondary=readable(mix(text, base, 0.42), text, base, block, window),
        base=base,
        link=pal.color(QPalette.ColorRole.Link),
        evidence=tint("#f2c200", 0.22 if dark else 0.16),
        quote=tint("#3d8bfd", 0.26 if dark else 0.13),
        evidence_accent=QColor("#f2c200") if dark else QColor("#b07d00"),
        quote_accent=QColor("#7fb0ff") if dark else QColor("#2462c9"),
        mark=tint("#ff7a00", 0.65 if dark else 0.55),
        search=tint(_FIND_HUE, 0.34 if dark else 0.20),
        search_current=tint(_FIND_HUE, 0.58 if dark else 0.42),
        search_edge=mix(QColor(_FIND_HUE), text, 0.25 if dark else 0.45),
        block=block,
        rule=mix(base, text, 0.18),
        confidence={
            "high": badge("#1f9d55"),
            "moderate": badge("#d98e04"),
            "low": badge("#d64545"),
        },
        timeline_mark=pal.color(QPalette.ColorRole.Highlight),
        timeline_range=mix(base, pal.color(QPalette.ColorRole.Highlight), 0.55),
    )


#: Banner colours follow the usual US/NATO marking conventions.
_BANNERS = (
    ("TOP SECRET", "#ff8c00", "#000000"),
    ("SECRET", "#c8102e", "#ffffff"),
    ("CONFIDENTIAL", "#0033a0", "#ffffff"),
    ("RESTRICTED", "#0033a0", "#ffffff"),
    ("UNCLASSIFIED", "#007a33", "#ffffff"),
)


def banner_colors(marking: str) -> tuple[QColor, QColor]:
    """(background, text) for a classification marking."""
    upper = marking.upper()
    if "UNCLASSIFIED" in upper:
        return QColor("#007a33"), QColor("#ffffff")
    for word, bg, fg in _BANNERS:
        if word in upper:
            return QColor(bg), QColor(fg)
    return QColor("#5a5f66"), QColor("#ffffff")
