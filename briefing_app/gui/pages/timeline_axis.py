"""The timeline strip's time axis: which months or years get a tick and a label at a given zoom.

Qt is used only to measure label widths; the rule itself is plain date arithmetic.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFont, QFontMetricsF

__all__ = ["MONTHS", "axis_ticks"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def axis_ticks(first: dt.date, last: dt.date, ppd: float, font: QFont) -> list[tuple[dt.date, str, bool, str]]:
    """`(date, label or "", major, label for the sticky left edge)` for the axis between two dates.

    Months are labelled every `step` months counted from January (1, 2, 3 or 6: the smallest whose
    widest label fits), years every `step` years (1, 2, 5, 10, ...); unlabelled months keep a tick.
    """
    plain = QFontMetricsF(font)
    bold_font = type(font)(font)
    bold_font.setBold(True)
    bold = QFontMetricsF(bold_font)
    room = max(max(plain.horizontalAdvance(m) for m in MONTHS), bold.horizontalAdvance("0000")) + 10
    month_px = ppd * 30.44
    ticks: list[tuple[dt.date, str, bool, str]] = []
    step = next((s for s in (1, 2, 3, 6) if month_px * s >= room), None)
    if step is not None:
        y, m = first.year, first.month
        while dt.date(y, m, 1) <= last:
            d = dt.date(y, m, 1)
            labelled = (m - 1) % step == 0
            label = (str(y) if m == 1 else MONTHS[m - 1]) if labelled else ""
            ticks.append((d, label, m == 1, f"{MONTHS[m - 1]} {y}" if m != 1 else str(y)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return ticks
    year_step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if ppd * 365.25 * s >= room), 1000)
    y = first.year - first.year % year_step
    while y <= last.year:
        if y >= 1:
            ticks.append((dt.date(y, 1, 1), str(y), True, str(y)))
        y += year_step
    return ticks
