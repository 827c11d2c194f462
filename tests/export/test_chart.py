"""The timeline chart: axis fitted to the events, broken around an outlier, legible marks."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Group, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.core.dates import PartialDate
from briefing_app.core.model import Event
from briefing_app.export.chart import _segments, _span, legend_drawing, timeline_drawing
from briefing_app.export.fonts import register_fonts

WIDTH = 480.0


def _ev(i: int, y: int, m: int, d: int | None = None, approx: bool = False, title: str | None = None) -> Event:
    return Event(f"e{i}", PartialDate(y, m, d), title or f"Event number {i}", approximate=approx)


def _walk(node):
    for child in getattr(node, "contents", ()):
        if isinstance(child, Group):
            yield from _walk(child)
        else:
            yield child


def _strings(d):
    return [n for n in _walk(d) if isinstance(n, String)]


def _outlier_and_cluster():
    return [_ev(0, 2022, 2, approx=True, title="Russia invades Ukraine"),
            *(_ev(i, 2023, 3) for i in range(1, 5)), _ev(5, 2023, 4)]


def test_outlier_breaks_the_axis_and_the_cluster_gets_most_of_the_width():
    events = _outlier_and_cluster()
    segs = _segments([_span(e) for e in events], 6, WIDTH - 6, allow_breaks=True)
    assert len(segs) == 2
    assert segs[1].x1 - segs[1].x0 > 0.6 * (WIDTH - 12)
    # Every event is inside its segment, with some room at both ends.
    for s, e in (_span(ev) for ev in events):
        seg = segs[0] if s < segs[0].hi else segs[1]
        assert seg.lo < s and e < seg.hi
    # The break is drawn: two slanted strokes in the gap between the segments.
    d = timeline_drawing(events, WIDTH)
    gap = (segs[0].x1, segs[1].x0)
    slants = [n for n in _walk(d) if isinstance(n, Line) and n.x1 != n.x2 and n.y1 != n.y2
              and gap[0] <= min(n.x1, n.x2) and max(n.x1, n.x2) <= gap[1]]
    assert len(slants) == 2


def test_contiguous_events_keep_one_padded_axis():
    events = [_ev(i, 2023, 1 + i, 10) for i in range(6)]
    segs = _segments([_span(e) for e in events], 6, WIDTH - 6, allow_breaks=True)
    assert len(segs) == 1
    s0, _ = _span(events[0])
    _, e1 = _span(events[-1])
    assert segs[0].lo < s0 and e1 < segs[0].hi
    # Padding, not whole empty years: the events fill most of the axis.
    assert (e1 - s0) / (segs[0].hi - segs[0].lo) > 0.8


def test_labels_do_not_overlap_and_stay_inside():
    for events in (_outlier_and_cluster(), [_ev(i, 2023, 1 + i % 12, 1 + i) for i in range(20)]):
        d = timeline_drawing(events, WIDTH)
        register_fonts()
        boxes = [(s.x, s.y, s.x + stringWidth(s.text, s.fontName, s.fontSize), s.y + s.fontSize)
                 for s in _strings(d)]
        for a in boxes:
            assert -0.5 <= a[0] and a[2] <= WIDTH + 0.5, a
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
                assert not overlap, (a, b)
        texts = {s.text for s in _strings(d)}
        assert all(e.title in texts for e in events)


def test_axis_names_the_months_shown_not_the_padding():
    d = timeline_drawing(_outlier_and_cluster(), WIDTH)
    texts = [s.text for s in _strings(d)]
    assert "Feb 2022" in texts and "Mar 2023" in texts
    assert "Jan 2022" not in texts and "Feb 2023" not in texts and "May" not in texts


def test_approximate_marks_are_dashed_and_light_and_the_legend_matches():
    events = _outlier_and_cluster()
    d = timeline_drawing(events, WIDTH)
    rects = [n for n in _walk(d) if isinstance(n, Rect)]
    approx = [r for r in rects if r.strokeDashArray]
    assert len(approx) == 1 and approx[0].strokeWidth >= 0.9 and approx[0].height >= 5
    legend = legend_drawing(WIDTH, events)
    lrects = [n for n in _walk(legend) if isinstance(n, Rect)]
    la = [r for r in lrects if r.strokeDashArray]
    assert len(la) == 1
    assert (la[0].fillColor, la[0].strokeColor, la[0].strokeDashArray) == (
        approx[0].fillColor, approx[0].strokeColor, approx[0].strokeDashArray)
    ring = timeline_drawing([_ev(0, 2023, 3, 5, approx=True), _ev(1, 2023, 3, 9)], WIDTH)
    circles = [n for n in _walk(ring) if isinstance(n, Circle)]
    assert sum(1 for c in circles if c.strokeDashArray) == 1


def test_many_events_count_without_breaks():
    events = [_ev(0, 2010, 1, 1), *(_ev(i, 2023, 1 + i % 12, 1 + i % 28) for i in range(1, 200))]
    d = timeline_drawing(events, WIDTH)
    assert any("events — bars count" in s.text for s in _strings(d))
    assert not [n for n in _walk(d) if isinstance(n, Line) and n.x1 != n.x2 and n.y1 != n.y2]
