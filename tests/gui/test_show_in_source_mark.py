"""The "shown from a link" mark is an outline box in the selection colour, unlike any annotation colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from briefing_app.gui.theme import dark_palette
from briefing_app.gui.views.field_view import OUTLINE

from .conftest import click_link

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_show_in_source_draws_an_outline_not_an_annotation_colour(loaded, qtbot, scheme):
    from briefing_app.core.annotations import COLORS
    from briefing_app.gui.annotations.prefs import highlight_color

    w = loaded
    if scheme == "dark":
        w.setPalette(dark_palette())
    quote = w.briefing.quotes[0]
    view = w.pages.sources.text
    view.mark_hold_ms, view.mark_fade_ms = 1500, 10  # (shorter than an analyst's, same course)
    w.go_to(quote.address)
    click_link(qtbot, w.inspector, f"show:{quote.address}#q")
    assert w.current_section() == "sources"
    (mark,) = view.highlight_layer("mark")
    assert mark.style == OUTLINE and mark.tooltip == "Shown from a link"
    # no fill at all: nothing of the mark is in the text's extra selections (annotation marks are fills)
    seg = view.segments_for(mark.address, mark.field)[0]
    inside = seg.to_doc((mark.start + mark.end) // 2)
    for sel in view.extraSelections():
        if sel.cursor.selectionStart() <= inside < sel.cursor.selectionEnd():
            assert sel.format.background().color() != mark.color
    outline = view.mark_color()
    assert outline.rgb() == view.palette().color(QPalette.ColorRole.Highlight).rgb()
    for name in COLORS:
        ann = highlight_color(name)
        assert _distance(outline, ann) > 60, name
    rects = view.mark_rects()
    assert rects and all(view.viewport().rect().intersects(r.toRect()) for r in rects[:1])
    # the box is painted: its left edge has the outline colour
    view.viewport().repaint()
    img = view.viewport().grab().toImage()
    r = rects[0].adjusted(-3, -1, 3, 1)
    edge = [QColor(img.pixel(int(r.left()) + dx, int(r.center().y()))) for dx in (-1, 0, 1)]
    assert any(_distance(c, outline) < 80 for c in edge), [c.name() for c in edge]
    # it fades (but stays findable) after a few seconds
    qtbot.waitUntil(lambda: view.mark_strength <= view.MARK_REST + 1e-6, timeout=2000)
    assert view.highlight_layer("mark")


def _distance(a: QColor, b: QColor) -> float:
    return ((a.red() - b.red()) ** 2 + (a.green() - b.green()) ** 2 + (a.blue() - b.blue()) ** 2) ** 0.5
