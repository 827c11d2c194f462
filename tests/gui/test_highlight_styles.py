"""Annotation highlights read differently from the built-in evidence and quote marks,
in light and dark palettes, and keep their colour label in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from briefing_app.gui.theme import _dark_palette, colors
from briefing_app.gui.views.field_view import MARKER, FieldHighlight, highlight_format

from .factory import make_briefing

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")

U = QTextCharFormat.UnderlineStyle


def _format_at(view, doc_pos):
    for sel in view.extraSelections():
        if sel.cursor.selectionStart() <= doc_pos < sel.cursor.selectionEnd():
            yield QTextCharFormat(sel.format)  # a copy: the selection list is a temporary


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_annotations_look_unlike_evidence_and_quotes(qtbot, scheme):
    from briefing_app.gui.annotations.prefs import highlight_color
    from briefing_app.gui.pages.sources import SourcesPage

    page = SourcesPage()
    qtbot.addWidget(page)
    if scheme == "dark":
        page.setPalette(_dark_palette())
    b = make_briefing()
    page.set_briefing(b)
    view = page.text
    spans = b.evidence_spans("nikkei")
    ev = next(s for s in spans if s.kind == "evidence")
    q = next(s for s in spans if s.kind == "quote")
    # the analyst's yellow and blue annotations on other words of the same text
    text = b.sources[0].text
    start = text.index("France")
    view.set_extra_highlights([
        FieldHighlight("sources/nikkei", "text", start, start + 6, highlight_color("yellow"), "key judgment (yellow)"),
        FieldHighlight("sources/nikkei", "text", start + 7, start + 14, highlight_color("blue"), "context (blue)")])
    seg = view.segments_for("sources/nikkei", "text")[0]
    f_ev = next(_format_at(view, seg.to_doc(ev.start)))
    quote_tint = colors(view.palette()).quote.rgb()  # a quote may also be cited as evidence: pick its own mark
    f_q = next(f for f in _format_at(view, seg.to_doc(q.start + 1)) if f.background().color().rgb() == quote_tint)
    # annotations are drawn after (over) the evidence marks of the same words
    f_yellow = list(_format_at(view, seg.to_doc(start)))[-1]
    f_blue = list(_format_at(view, seg.to_doc(start + 8)))[-1]
    base = page.palette().color(QPalette.ColorRole.Base)
    for marks in (f_ev, f_q):  # a light wash close to the page, with a dotted / dashed underline
        bg = marks.background().color()
        assert abs(bg.lightnessF() - base.lightnessF()) < 0.2
        assert not marks.hasProperty(QTextCharFormat.Property.ForegroundBrush)
    assert (f_ev.underlineStyle(), f_q.underlineStyle()) == (U.DotLine, U.DashUnderline)
    for ann, hue in ((f_yellow, "yellow"), (f_blue, "blue")):  # a solid marker with dark ink
        assert ann.background().color().alpha() == 255
        assert ann.background().color().rgb() == highlight_color(hue).rgb()
        assert ann.foreground().color().lightnessF() < 0.2
        assert ann.underlineStyle() == U.SingleUnderline
    # in the dark palette the washes stay dark while the markers stay bright: never confusable
    if scheme == "dark":
        assert f_ev.background().color().lightnessF() < 0.35 < f_yellow.background().color().lightnessF()
    assert c_differ(f_ev, f_yellow) and c_differ(f_q, f_blue)


def c_differ(a: QTextCharFormat, b: QTextCharFormat) -> bool:
    ca, cb = a.background().color(), b.background().color()
    return (abs(ca.lightnessF() - cb.lightnessF()) + abs(ca.hsvSaturationF() - cb.hsvSaturationF()) > 0.15
            and a.underlineStyle() != b.underlineStyle())


def test_read_only_layers_are_dashed_and_styles_are_explicit():
    h = FieldHighlight("a", "f", 0, 1, QColor("#90caf9"), "", MARKER, None, "dash")
    fmt = highlight_format(h, MARKER)
    assert fmt.underlineStyle() == U.DashUnderline
    assert colors(_dark_palette()).evidence != colors(_dark_palette()).quote


def test_annotation_tooltip_names_the_colour_label(tmp_path, qtbot):
    from .test_annotation_gui import annotation_window, drag_select, marks

    w, ctl, _prompts = annotation_window(qtbot)
    b = make_briefing()
    with qtbot.waitSignal(ctl.annotations_changed):
        w.set_briefing(b, tmp_path / "brief.yaml")
    view = w.overview.view
    drag_select(qtbot, view, "summary", "bluf", 0, 5)
    qtbot.keyClick(view, "2")  # green
    ((start, end, tip),) = marks(view, "summary", "bluf")
    assert (start, end) == (0, 5) and "(green)" in tip and ctl.own.name in tip
    # drawn as a solid marker in the analyst's own colour
    seg = view.segments_for("summary", "bluf")[0]
    f = list(_format_at(view, seg.to_doc(1)))[-1]
    assert f.background().color().alpha() == 255 and f.underlineStyle() == U.SingleUnderline
    w.close()
