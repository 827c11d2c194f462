"""Every script the PDF prints also shows on screen, from the bundled fonts alone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication

from briefing_app.gui.fonts import register_bundled_fonts

SAMPLES = {
    "Latin": "Liaison office",
    "Cyrillic": "Министр иностранных дел",
    "Greek": "Υπουργός Εξωτερικών",
    "CJK": "北大西洋公約機構",
    "Kana": "リエゾンオフィス",
    "Hangul": "북대서양 조약 기구",
    "Arabic": "حلف شمال الأطلسي",
    "Hebrew": "ברית נאט״ו",
}


def missing_glyphs(text: str) -> int:
    """Glyphs drawn as the empty box (.notdef, index 0) when `text` is laid out in the app's font."""
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for g in run.glyphIndexes() if g == 0)


@pytest.fixture(scope="module")
def registered(qapp):
    return register_bundled_fonts()


def test_the_bundled_families_are_registered(registered):
    assert {"DejaVu Sans", "NanumGothic", "Droid Sans Fallback", "Noto Sans"} <= set(registered)


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_script_shows_without_empty_boxes(registered, script):
    assert missing_glyphs(SAMPLES[script]) == 0, script


def test_the_check_sees_an_empty_box(registered):
    assert missing_glyphs("\ue000") == 1  # a private-use code point no font has: the check can fail
