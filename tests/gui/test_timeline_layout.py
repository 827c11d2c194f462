"""The timeline strip reads: the axis spans the events and the as-of day, labels never overlap and
are never clipped, the as-of line is labelled as such, Fit fits, and zooming in reveals labels."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QPointF, Qt

from briefing_app.core.briefing.dates import PartialDate
from briefing_app.core.briefing.loader import load_briefing
from briefing_app.core.briefing.model import Event
from briefing_app.gui.pages.timeline_strip import MARGIN_DAYS, MAX_LANES, TimelineStrip

from .conftest import SAMPLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
EPOCH = dt.date(1, 1, 1).toordinal()


def day(d: dt.date) -> float:
    return float(d.toordinal() - EPOCH)


def dense_events(n: int = 50) -> tuple[Event, ...]:
    """n events over one year, several on the same days, with long titles."""
    out = []
    for i in range(n):
        d = dt.date(2023, 1, 1) + dt.timedelta(days=(i * 7) % 360)
        date = PartialDate(d.year, d.month) if i % 5 == 0 else PartialDate(d.year, d.month, d.day)
        out.append(Event(f"ev-{i}", date, f"Event number {i}: ministers meet again to discuss the liaison office"))
    return tuple(out)


@pytest.fixture
def make_strip(qtbot):
    def make(events, as_of, width=1100, height=260):
        strip = TimelineStrip()
        qtbot.addWidget(strip)
        strip.resize(width, height)
        strip.show()
        qtbot.waitExposed(strip)
        strip.set_events(events, as_of)
        strip.fit()
        return strip
    return make


@pytest.fixture
def sample_strip(make_strip):
    b = load_briefing(SAMPLE)
    return make_strip(b.chronological if hasattr(b, "chronological") else b.timeline, b.as_of), b


def check_layout(strip: TimelineStrip) -> None:
    """No two labels overlap, no label covers another event's mark, every label is on the axis."""
    item = strip.item
    axis_left, axis_right = item.lo * strip.px_per_day, item.hi * strip.px_per_day
    for p in item.placed:
        assert 0 <= p.lane < MAX_LANES
        r = item.label_rect(p)
        if not r.isEmpty():
            assert axis_left - 0.5 <= r.left() and r.right() <= axis_right + 0.5, p.label
    for a, b in itertools.combinations(item.placed, 2):
        if a.lane != b.lane:
            continue
        ra, rb = item.label_rect(a), item.label_rect(b)
        if not ra.isEmpty() and not rb.isEmpty():
            assert not ra.intersects(rb), (a.label, b.label)
        for label_of, other in ((a, b), (b, a)):
            lr = item.label_rect(label_of)
            m0, m1 = item.mark_extent(other)
            if not lr.isEmpty():
                assert m1 <= lr.left() or m0 >= lr.right(), (label_of.label, "covers", other.label)


def test_the_axis_spans_the_events_and_the_as_of_day_with_a_small_margin(sample_strip):
    strip, b = sample_strip
    item = strip.item
    assert item.lo <= min(p.x0 for p in item.placed)
    last = max(max(p.x1 for p in item.placed), day(b.as_of) + 1)
    assert last <= item.hi <= last + MARGIN_DAYS  # not months of empty axis after the as-of date
    # Fit shows the whole axis: nothing to scroll to
    bar = strip.horizontalScrollBar()
    assert bar.maximum() - bar.minimum() <= 1


def test_sample_labels_do_not_overlap_and_all_read_whole_when_zoomed_in(sample_strip, qtbot):
    strip, _b = sample_strip
    check_layout(strip)
    assert sum(bool(p.label_w) for p in strip.item.placed) >= len(strip.item.placed) - 1
    strip.setFocus()
    for _ in range(3):
        qtbot.keyClick(strip, Qt.Key.Key_Plus)
        check_layout(strip)
    assert all(p.label_w == p.full_w for p in strip.item.placed), [p.label for p in strip.item.placed
                                                                    if p.label_w != p.full_w]


def test_axis_labels_are_never_clipped_or_overlapping(sample_strip, qtbot):
    strip, _b = sample_strip
    for zoom in range(4):
        left = strip.mapToScene(0, 0).x()
        right = strip.mapToScene(strip.viewport().width(), 0).x()
        labels = strip.item.axis_labels(left, right)
        assert labels, zoom
        fm = strip.fontMetrics()
        spans = [(x, x + fm.horizontalAdvance(text) * 1.1) for x, text, _bold in labels]
        assert spans[0][0] >= left  # the first label starts inside the view (no "022")
        assert all(end <= strip.item.hi * strip.px_per_day + 1 for _x, end in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), labels
        strip.zoom_in()


def test_the_as_of_line_has_its_own_tag_below_the_lanes(sample_strip):
    strip, b = sample_strip
    item = strip.item
    tag = item.as_of_tag_rect()
    assert item.as_of_tag() == "As of 30 Apr 2023"
    assert tag.top() >= item.bottom()  # below the lanes: not read as an event's subtitle
    assert item.boundingRect().contains(tag)
    x = (day(b.as_of) + 1) * strip.px_per_day
    assert abs(tag.right() - x) < 0.5 or abs(tag.left() - x) < 0.5  # it stands at the line
    assert all(not item.label_rect(p).intersects(tag) for p in item.placed)


def test_a_dense_timeline_never_overlaps_and_zooming_in_reveals_labels(make_strip, qtbot):
    events = dense_events()
    strip = make_strip(events, dt.date(2023, 12, 31), width=1024)
    check_layout(strip)
    shown_at_fit = sum(bool(p.label_w) for p in strip.item.placed)
    assert shown_at_fit < len(events)  # too many for one screen: some marks are unlabelled
    strip.setFocus()
    for _ in range(4):
        qtbot.keyClick(strip, Qt.Key.Key_Plus)
        check_layout(strip)
    assert sum(bool(p.label_w) for p in strip.item.placed) > shown_at_fit
    qtbot.keyClick(strip, Qt.Key.Key_0)  # Fit
    assert strip.px_per_day == pytest.approx(strip.fit_scale())
    check_layout(strip)


def test_an_unlabelled_mark_tells_what_it_is_on_hover(make_strip, qtbot):
    strip = make_strip(dense_events(), dt.date(2023, 12, 31), width=1024)
    hidden = next(p for p in strip.item.placed if not p.label_w)
    m0, m1 = strip.item.mark_extent(hidden)
    centre = QPointF((m0 + m1) / 2, strip.item.rect_of(hidden).center().y())
    qtbot.mouseMove(strip.viewport(), strip.mapFromScene(centre))
    qtbot.waitUntil(lambda: hidden.event.title in strip.viewport().toolTip())
