"""Problems and tradecraft findings drawn over the text fields they fault, in every text view.

A problem tints its field red with a dashed red underline, a finding orange;
hovering the mark names it ("Problem: …", "Tradecraft [rule]: …"). An entry
about a field that is not text (a date, a confidence) or about the whole
element marks the element's main text field (an event's title, a key
point's text …), so the element still carries a visible mark wherever its
text is shown: the Overview, the Sources page, the Inspector.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette

from briefing_app.core.briefing.address import section_of
from briefing_app.core.briefing.model import Briefing
from briefing_app.gui.problems.entries import PROBLEM, Entry
from briefing_app.gui.theme import colors, mix
from briefing_app.gui.views.highlights import TINT, FieldHighlight

__all__ = ["LAYER", "problem_highlights", "MAIN_FIELD"]

#: The FieldView highlight layer the marks are drawn in.
LAYER = "problems"
#: The text field that carries the mark of an entry about a non-text field or the whole element.
MAIN_FIELD = {"summary": "bluf", "key_points": "text", "actors": "description", "relations": "kind",
              "timeline": "title", "quotes": "text", "sources": "title"}
#: The fields the text views show as text (the others — dates, confidence, likelihood, ids — are not).
TEXT_FIELDS = frozenset({"bluf", "text", "title", "description", "note", "context", "location", "kind"})
_HUES = {PROBLEM: "#d64545", "finding": "#e07000"}


def problem_highlights(briefing: Briefing, entries: Iterable[Entry], palette: QPalette) -> list[FieldHighlight]:
    """One highlight per entry whose element is shown, over its field (or the element's main text)."""
    c = colors(palette)
    dark = c.base.lightnessF() < 0.5
    out: list[FieldHighlight] = []
    for e in entries:
        el = briefing.element(e.address) if e.address else None
        if el is None or e.address is None:
            continue
        section = section_of(e.address)
        field = e.field if e.field in TEXT_FIELDS and (section, e.field) != ("actors", "kind") else None
        field = field or MAIN_FIELD.get(section, "")
        value = getattr(el, field, None)
        if not isinstance(value, str) or not value.strip():
            continue
        hue = QColor(_HUES.get(e.kind, _HUES[PROBLEM]))
        what = "Problem" if e.kind == PROBLEM else f"Tradecraft [{e.rule}]"
        out.append(FieldHighlight(e.address, field, 0, len(value), mix(c.base, hue, 0.26 if dark else 0.16),
                                  f"{what}: {e.message}", TINT, hue.lighter(130) if dark else hue, "dash"))
    return out
