"""The bundled fonts, registered with Qt so every script the PDF prints also shows on screen.

A bare machine may have no Korean or Chinese font at all; the PDF embeds the
ones under `resources/fonts/`, and Qt is given the same files at start-up.
Registering is cheap (Qt maps the files; a few milliseconds for all of them),
and each family is also named as a substitute for the application's default
family, so text in any widget falls back to it for the glyphs it lacks.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from briefing_app.resources import resource_path

__all__ = ["FALLBACK_FAMILIES", "register_bundled_fonts"]

#: Tried in this order for glyphs the default family lacks: Latin, Greek, Cyrillic, Arabic and Hebrew
#: (DejaVu Sans), CJK ideographs and kana (Droid Sans Fallback), Hangul (NanumGothic).
FALLBACK_FAMILIES = ("DejaVu Sans", "Noto Sans", "Droid Sans Fallback", "NanumGothic")


def register_bundled_fonts() -> list[str]:
    """Add every bundled font to Qt's database; returns the families added (empty if none could be)."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    default = QApplication.font().family()
    substitutes = [f for f in FALLBACK_FAMILIES if f in families and f != default]
    if substitutes:
        QFont.insertSubstitutions(default, substitutes)
    return families
