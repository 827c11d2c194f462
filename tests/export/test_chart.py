"""The timeline chart: axis fitted to the events, broken around an outlier, legible marks."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Group, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.core.briefing.dates import PartialDate
from briefing_app.core.briefing.model import Event
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
    slants = [n for n in _walk(d) if isinstance(n, Line) and n.x1 != n.x2 and n.y1 != n.y2]
    assert len(slants) == 2
    # between the outlier's mark and the cluster's marks
    marks = sorted(m[0] for m in _mark_boxes(d))
    assert marks[0] < min(min(n.x1, n.x2) for n in slants) and max(max(n.x1, n.x2) for n in slants) < marks[1]


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


def _label_boxes(d):
    """(x0, y0, x1, y1, label id) of every event label string (above the axis); the runs
    of one label share the group that holds them."""
    boxes = []

    def walk(node):
        for child in getattr(node, "contents", ()):
            if isinstance(child, Group):
                walk(child)
            elif isinstance(child, String) and child.y > 22:
                w = stringWidth(child.text, child.fontName, child.fontSize)
                boxes.append((child.x, child.y - 0.22 * child.fontSize, child.x + w,
                              child.y + 0.75 * child.fontSize, id(node)))

    walk(d)
    return boxes


def _mark_boxes(d):
    out = []
    for n in _walk(d):
        if (isinstance(n, Rect) and n.y > 22 and n.fillColor is not None and n.fillColor.hexval() != "0xffffff"
                and n.width < 0.9 * WIDTH):  # not a row's background band
            out.append((n.x, n.y, n.x + n.width, n.y + n.height))
        elif isinstance(n, Circle) and n.cy > 22:
            out.append((n.cx - n.r, n.cy - n.r, n.cx + n.r, n.cy + n.r))
    return out


def _breaks(d):
    xs = sorted((n.x1 + n.x2) / 2 for n in _walk(d) if isinstance(n, Line) and n.strokeWidth == 0.9)
    return [(xs[i] + xs[i + 1]) / 2 for i in range(0, len(xs) - 1, 2)]


def _overlap(a, b, eps=0.05):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def _event_sets():
    yield _outlier_and_cluster()
    long = "A very long event title that goes on and on about a summit in a faraway capital city"
    yield [_ev(0, 2019, 6, title=long), *(_ev(i, 2023, 1 + i % 3, 1 + i) for i in range(1, 9)),
           _ev(9, 2023, 3, title=long)]
    yield [_ev(i, 2023, 1 + i % 12, 1 + (i * 7) % 28, approx=i % 3 == 0, title=f"{long[: 10 + 5 * i]}")
           for i in range(12)]
    yield [_ev(0, 2010, 1, title=long), _ev(1, 2016, 5, title=long), _ev(2, 2023, 3, 3, title=long),
           _ev(3, 2023, 3, 4, title="Short")]


def test_labels_stay_in_their_segment_and_never_cover_marks_or_each_other():
    register_fonts()
    for events in _event_sets():
        d = timeline_drawing(events, WIDTH)
        labels, marks, breaks = _label_boxes(d), _mark_boxes(d), _breaks(d)
        assert len({b[4] for b in labels}) == len(events)
        for lab in labels:
            assert 0 <= lab[0] and lab[2] <= WIDTH, lab
            for bx in breaks:  # never across an axis break
                assert not (lab[0] - 2 < bx < lab[2] + 2), (lab, bx)
            for m in marks:
                assert not _overlap(lab, m), (lab, m)
            for other in labels:
                if other[4] != lab[4]:
                    assert not _overlap(lab, other), (lab, other)


def test_sample_chart_label_for_the_outlier_stays_before_the_break(sample_briefing):
    register_fonts()
    d = timeline_drawing(sample_briefing.chronological, WIDTH)
    breaks = _breaks(d)
    assert breaks, "the sample's 2022 outlier breaks the axis"
    texts = {"".join(s.text for s in _strings(g)): g for g in _walk_groups(d)}
    first = sample_briefing.chronological[0]
    hit = [t for t in texts if t == first.when + first.title]  # its row's label: date, then title
    assert hit
    xs = [s.x for s in _strings(texts[hit[0]])]
    assert max(xs) < breaks[0]


def _walk_groups(node):
    for child in getattr(node, "contents", ()):
        if isinstance(child, Group):
            yield child
            yield from _walk_groups(child)
