"""The timeline strip: fitted to the events, one order with the list, labels clickable, zoom
anchored under the mouse, month labels skipped only by rule, visible approximate marks in dark."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from briefing_app.gui.pages.models import Role

from .conftest import click_section

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def timeline(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "timeline")
    qtbot.waitUntil(lambda: w.pages.timeline.strip.viewport().width() > 200)
    return w.pages.timeline


def test_initial_view_fits_every_event_and_its_label(timeline):
    strip = timeline.strip
    item = strip.item
    left = strip.mapToScene(0, 0).x()
    right = strip.mapToScene(strip.viewport().width(), 0).x()
    for p in item.placed:
        label = item.label_rect(p)
        assert left <= item.rect_of(p).left() and label.right() <= right + 1, p.label
    # the padding is a fraction of the events' range, not the rest of the year
    first = min(p.x0 for p in item.placed)
    assert first - item.lo <= 20


def test_chart_and_list_share_one_order(timeline):
    list_order = [timeline.proxy.index(r, 0).data(Role.ADDRESS) for r in range(timeline.proxy.rowCount())]
    chart_order = [p.event.address for p in timeline.strip.item.placed]
    assert chart_order == list_order
    # same-month events sit in lanes in that order, top to bottom
    same = [p for p in timeline.strip.item.placed if p.event.date.iso() == "2023-03"]
    assert len(same) >= 3
    lanes = [p.lane for p in same]
    assert lanes == sorted(lanes)


def test_clicking_a_label_selects_its_event(timeline, qtbot):
    strip = timeline.strip
    item = strip.item
    p = item.placed[-1]
    label = item.label_rect(p)
    point = strip.mapFromScene(QPointF(label.left() + label.width() * 0.7, label.center().y()))
    assert not item.rect_of(p).adjusted(-7, 0, 7, 0).contains(strip.mapToScene(point))  # on the text, not the bar
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert timeline.current_address() == p.event.address


def test_ctrl_wheel_keeps_the_day_under_the_mouse(timeline):
    strip = timeline.strip
    x = strip.viewport().width() * 0.8
    ppd = strip.px_per_day
    day_before = strip.mapToScene(QPoint(int(x), 40)).x() / strip.px_per_day
    for _ in range(3):
        ev = QWheelEvent(QPointF(x, 40), strip.viewport().mapToGlobal(QPointF(x, 40)), QPoint(0, 0), QPoint(0, 120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                         False)
        QApplication.sendEvent(strip.viewport(), ev)
    day_after = strip.mapToScene(QPoint(int(x), 40)).x() / strip.px_per_day
    assert strip.px_per_day > 1.5 * ppd
    assert abs(day_after - day_before) < 2.0, (day_before, day_after)


def test_month_labels_skip_only_by_rule(qtbot):
    from PySide6.QtGui import QFont

    from briefing_app.gui.pages.timeline_strip import axis_ticks

    font = QFont()
    for ppd in (0.6, 1.0, 1.6, 3.0, 8.0):
        ticks = axis_ticks(dt.date(2022, 6, 1), dt.date(2024, 2, 1), ppd, font)
        labelled = [d for d, label, _m, _s in ticks if label]
        if ticks and ticks[0][0].day == 1 and len(ticks) > 12:  # monthly axis
            months = {d.month for d in labelled}
            step = min((b.year * 12 + b.month) - (a.year * 12 + a.month) for a, b in zip(labelled, labelled[1:], strict=False))
            assert all((m - 1) % step == 0 for m in months), (ppd, months)
            if step == 1:
                assert 10 in months  # October, which went missing
            assert all(((b.year * 12 + b.month) - (a.year * 12 + a.month)) == step
                       for a, b in zip(labelled, labelled[1:], strict=False)), ppd


def test_dark_approximate_marks_have_contrast(loaded, qtbot):
    from briefing_app.gui.theme import dark_palette

    w = loaded
    w.setPalette(dark_palette())
    click_section(qtbot, w, "timeline")
    strip = w.pages.timeline.strip
    strip.select(None)
    p = next(p for p in strip.item.placed if p.event.approximate)
    r = strip.mapFromScene(strip.item.rect_of(p).center())
    strip.viewport().repaint()
    img = strip.viewport().grab().toImage()
    base = strip.palette().color(strip.palette().ColorRole.Base)
    lum = [img.pixelColor(r.x() + dx, r.y()).lightnessF() for dx in range(-4, 5)]
    assert max(lum) - base.lightnessF() > 0.12, lum


def test_the_as_of_date_is_marked_on_the_strip(timeline, qtbot):
    """The time after the briefing's as-of date is shaded, so it does not read as covered, and the
    axis ends a small margin after it (not months later)."""
    from PySide6.QtGui import QColor

    strip = timeline.strip
    b = timeline.window().briefing
    assert strip.item.as_of == b.as_of
    x = strip.mapFromScene(QPointF((strip.item.as_of.toordinal() - dt.date(1, 1, 1).toordinal() + 1)
                                   * strip.px_per_day, 0)).x()
    image = strip.viewport().grab().toImage()
    assert 30 < x < image.width()
    assert image.width() - x < 60  # the axis ends soon after the as-of day
    base = strip.palette().color(strip.palette().ColorRole.Base).rgb()
    rows = range(int(image.height() * 0.3), int(image.height() * 0.6))

    def plain(col: int) -> int:  # pixels of the bare background in a column
        return sum(QColor(image.pixel(col, y)).rgb() == base for y in rows)

    assert plain(x - 30) > len(rows) // 3  # before the as-of day: mostly background
    after = x + (image.width() - x) // 2
    assert plain(after) == 0  # after it: shaded throughout
