"""Find-in-page matches look like no highlight: a teal wash in a box, the current one boxed more strongly."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from briefing_app.core.annotations import COLORS
from briefing_app.gui.annotations.prefs import highlight_color
from briefing_app.gui.theme import colors

from .conftest import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _hue_gap(a: QColor, b: QColor) -> int:
    d = abs(a.hslHue() - b.hslHue()) % 360
    return min(d, 360 - d)


def _near(a: QColor, b: QColor, tol: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


def test_find_matches_are_boxed_and_share_no_highlight_colour(loaded, qtbot):
    w = loaded
    view = w.overview.view
    press(qtbot, w, "Ctrl+F")
    qtbot.keyClicks(w.find_bar.field, "liaison")
    marks = view.highlight_layer("find")
    assert len(marks) > 1
    c = colors(view.palette())
    for h in marks:  # neither the pink nor any other highlight colour, nor the link mark's orange
        for name in COLORS:
            assert _hue_gap(h.color, highlight_color(name, 255)) >= 25, name
        assert _hue_gap(h.color, c.mark) >= 25 and _hue_gap(h.color, c.evidence) >= 25
    boxes = view.find_boxes()
    assert len(boxes) >= len(marks) and sum(1 for _r, cur in boxes if cur) >= 1
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    drawn = {True: 0, False: 0}
    for rect, current in boxes:
        if not view.viewport().rect().contains(rect.toRect()):
            continue
        x, y = int(rect.left() * ratio), int(rect.center().y() * ratio)
        edge = [image.pixelColor(x + dx, y) for dx in (-2, -1, 0)]
        want = c.text if current else c.search_edge
        drawn[current] += any(_near(p, want) for p in edge)
    assert drawn[True] == 1 and drawn[False] >= 1, drawn
    press(qtbot, w, "F3")  # the next match becomes current: still one strong box
    assert sum(1 for _r, cur in view.find_boxes() if cur) == 1
