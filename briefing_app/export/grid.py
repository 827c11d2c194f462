"""`BriefTable`: the brief's long tables, a `LongTable` with the brief's look and one rule more.

ReportLab's `LongTable` repeats the header row on every page and splits a row
taller than the space left inside its cells (`splitInRow`), so no row can be
"too large". On top of that: no widow row — a lone last row under a repeated
header reads as an afterthought, so two rows go over instead, and a table of
two or three rows moves on whole unless it is already at the top of a page.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.platypus import Flowable, LongTable, TableStyle

from briefing_app.export.fonts import SANS

__all__ = ["BriefTable", "TableLook", "brief_table"]

_ROW_SPLIT_ROOM = 120.0  # a row splits inside at the start of a piece only with this much room (or a page)


class TableLook:
    """Padding, rules and fills of a `BriefTable`."""

    def __init__(self, *, head_fill: Color | None, rule: Color | None, rule_width: float = 0.4,
                 zebra: Color | None = None, pad: tuple[float, float, float, float] = (5, 5, 3.5, 4)):
        self.head_fill, self.rule, self.rule_width, self.zebra = head_fill, rule, rule_width, zebra
        self.left, self.right, self.top, self.bottom = pad

    def style(self) -> TableStyle:
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (0, 0), (-1, -1), SANS, 8.5),  # not the default Helvetica, which would not be embedded
            ("LEFTPADDING", (0, 0), (-1, -1), self.left), ("RIGHTPADDING", (0, 0), (-1, -1), self.right),
            ("TOPPADDING", (0, 0), (-1, -1), self.top), ("BOTTOMPADDING", (0, 0), (-1, -1), self.bottom),
        ]
        if self.head_fill is not None:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), self.head_fill))
        if self.zebra is not None:
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, self.zebra]))
        if self.rule is not None:
            cmds.append(("LINEBELOW", (0, 1), (-1, -1), self.rule_width, self.rule))
        return TableStyle(cmds)


class BriefTable(LongTable):  # type: ignore[misc]
    """A `LongTable` with the header row repeated, rows split inside when they must, no widow row.

    `page_height`: the frame's full height (a piece with that much room is at the top of a page).
    """

    brief_widths: list[float]
    brief_look: TableLook
    splitInRow: int  # noqa: N815 (ReportLab's attribute)

    def __init__(self, data: Any, *args: Any, page_height: float = 0.0, **kw: Any) -> None:
        super().__init__(data, *args, **kw)
        self.row_data = data
        self.page_height = page_height

    @property
    def work(self) -> int:
        """Progress units: the rows in this piece (a 10,000-row table is most of a brief)."""
        return max(1, len(self.row_data) - 1)

    def first_piece_height(self) -> float:
        """The least room this table starts in: its header row and its first row (or 100
        points of a first row taller than that, which always splits)."""
        widths = self.brief_widths
        rows = self.row_data[:2]
        pad = self.brief_look.top + self.brief_look.bottom
        total = 0.0
        for k, row in enumerate(rows):
            h = max(_height(c, w - self.brief_look.left - self.brief_look.right) for c, w in zip(row, widths, strict=False))
            total += (h if k == 0 else min(h, 100.0)) + pad
        return total

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return [self.adopt(p) for p in self.split_rows(availWidth, availHeight)]

    def adopt(self, piece: Any) -> Any:
        """A piece ReportLab made of this table, with this table's look and page height."""
        if isinstance(piece, BriefTable):
            piece.brief_widths, piece.brief_look, piece.page_height = (
                self.brief_widths, self.brief_look, self.page_height)
        return piece

    def split_rows(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        at_top = availHeight >= self.page_height - 0.01
        if (len(parts) == 2 and len(parts[0].row_data) == 2 and not at_top and availHeight < _ROW_SPLIT_ROOM
                and len(parts[0].row_data) + len(parts[1].row_data) > len(self.row_data) + 1):
            return []  # only a sliver of a row would go here, under a header: start on the next page
        if len(parts) != 2 or len(parts[1].row_data) != 2:  # header + one row on the next page
            return parts  # type: ignore[no-any-return]
        body_here = len(parts[0].row_data) - 1
        if body_here >= 3:
            # Give the row before it company: split just above this piece's last row.
            head_h = parts[0].wrap(availWidth, availHeight)[1]
            last = parts[0].row_data[-1]
            widths = self.brief_widths
            last_h = max(_height(c, w - self.brief_look.left - self.brief_look.right)
                         for c, w in zip(last, widths, strict=False)) + self.brief_look.top + self.brief_look.bottom
            in_row, self.splitInRow = self.splitInRow, 0
            try:
                again = super().split(availWidth, head_h - last_h + 0.01)
            finally:
                self.splitInRow = in_row
            return (again or parts)  # type: ignore[no-any-return]
        if at_top:
            return parts  # type: ignore[no-any-return]  # the top of a page: nothing better is possible
        return []


def _height(cell: Any, width: float) -> float:
    if isinstance(cell, Flowable):
        return float(cell.wrap(width, 1e6)[1])
    return 10.0


def brief_table(header: list[Flowable], rows: list[list[Flowable]], widths: list[float], look: TableLook,
                page_height: float) -> BriefTable:
    """A table with `header` repeated on every page, columns of fixed width, cells top-aligned."""
    t = BriefTable([header, *rows], colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT",
                   style=look.style(), page_height=page_height)
    _remember(t, widths, look)
    return t


def _remember(t: BriefTable, widths: list[float], look: TableLook) -> None:
    t.brief_widths, t.brief_look = widths, look
