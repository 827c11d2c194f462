"""The marks a FieldView draws over text: highlight styles, `FieldHighlight`, and their formats.

Styles keep kinds of marks apart at a glance, in light and dark palettes
alike: `tint` (a light wash of `color` with a dotted or dashed underline in
`accent`; the built-in evidence and quote marks), `marker` (a solid fill of
`color` in dark ink with a solid, or for read-only layers dashed, underline
in a darker shade; annotations), `fill` (plain background; search matches)
(the find bar's matches in the `find` layer also get a box; see FieldView)
and `outline` (no fill: a rounded box in the palette's selection colour
drawn over the text; the "shown from a link" mark). A highlight with no
style takes its layer's: `evidence` -> tint, `extra` -> marker, others -> fill.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QTextCharFormat

__all__ = ["FieldHighlight", "highlight_format", "LAYER_STYLE", "TINT", "MARKER", "FILL", "OUTLINE", "CURRENT_MATCH"]

#: The tooltip of the find bar's current match (gui/views/find_bar.py): text views box it more strongly.
CURRENT_MATCH = "Current match"

TINT, MARKER, FILL, OUTLINE = "tint", "marker", "fill", "outline"
LAYER_STYLE = {"evidence": TINT, "extra": MARKER}
PATTERNS = {"solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
             "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
             "dot": QTextCharFormat.UnderlineStyle.DotLine}


class FieldHighlight(NamedTuple):
    address: str
    field: str
    start: int  # code points into the field's raw text
    end: int
    color: QColor
    tooltip: str = ""
    style: str = ""  # TINT, MARKER or FILL; "" takes the layer's
    accent: QColor | None = None  # underline colour (default: a darker shade of `color`)
    pattern: str = ""  # underline: "solid", "dash" or "dot" ("" : the style's)
    target: str = ""  # the element a click on it selects (sources: the one citing the span)


def highlight_format(h: FieldHighlight, style: str) -> QTextCharFormat:
    """The character format drawing one highlight in a style (see the module docstring)."""
    fmt = QTextCharFormat()
    if style == MARKER:
        fill = QColor(h.color)
        fill.setAlpha(255)
        fmt.setBackground(fill)
        # dark ink on the light marker colours, so the mark reads the same on a dark palette
        fmt.setForeground(QColor("#1b1c1f") if fill.lightnessF() > 0.5 else QColor("#ffffff"))
        fmt.setUnderlineColor(h.accent or fill.darker(185))
        fmt.setUnderlineStyle(PATTERNS[h.pattern or "solid"])
    elif style == TINT:
        fmt.setBackground(h.color)
        fmt.setUnderlineColor(h.accent or h.color.darker(160))
        fmt.setUnderlineStyle(PATTERNS[h.pattern or "dot"])
    else:
        fmt.setBackground(h.color)
    return fmt
