"""`RowTable`: the brief's long tables, measured once and split in linear time.

ReportLab's `LongTable` re-measures the remaining rows and copies their cell
styles at every page break, which is quadratic in the number of rows (a
10,000-event timeline spent most of its time there). Here every row is
measured once (cells cache their line breaks), prefix sums give any slice's
height, and a page break makes a view onto the same rows, not a copy. The
header row repeats on every page; a row taller than the space left is split
inside its cells (like `splitInRow`), so no row can be "too large".
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

__all__ = ["RowTable", "TableLook"]


class TableLook:
    """Padding, rules and fills of a `RowTable`."""

    def __init__(self, *, head_fill: Color | None, rule: Color | None, rule_width: float = 0.4,
                 zebra: Color | None = None, pad: tuple[float, float, float, float] = (5, 5, 3.5, 4)):
        self.head_fill, self.rule, self.rule_width, self.zebra = head_fill, rule, rule_width, zebra
        self.left, self.right, self.top, self.bottom = pad


class _Rows:
    """Rows shared by every piece of one table, with cached heights."""

    def __init__(self, rows: list[list[Flowable]], widths: list[float], look: TableLook) -> None:
        self.rows = rows
        self.widths = widths
        self.look = look
        self.heights: list[float] | None = None
        self.prefix: list[float] = []

    def inner(self, col: int) -> float:
        return self.widths[col] - self.look.left - self.look.right

    def row_height(self, cells: list[Flowable]) -> float:
        lk = self.look
        return max(c.wrap(self.inner(i), 1e6)[1] for i, c in enumerate(cells)) + lk.top + lk.bottom

    def measure(self) -> None:
        if self.heights is None:
            self.heights = [self.row_height(r) for r in self.rows]
            self.prefix = [0.0, *accumulate(self.heights)]

    def height(self, start: int, end: int) -> float:
        self.measure()
        return self.prefix[end] - self.prefix[start]


class RowTable(Flowable):
    """Header row plus body rows of flowables (top-aligned), columns of fixed width."""

    def __init__(self, header: list[Flowable], rows: list[list[Flowable]], widths: list[float],
                 look: TableLook, *, _shared: _Rows | None = None, _start: int = 0, _end: int | None = None,
                 _zebra_offset: int = 0, space_after: float = 0.0) -> None:
        super().__init__()
        self.header = header
        self.shared = _shared or _Rows(rows, widths, look)
        self.start = _start
        self.end = len(self.shared.rows) if _end is None else _end
        self.zebra_offset = _zebra_offset
        self.hAlign = "LEFT"
        self.spaceAfter = space_after
        self._head_h: float | None = None

    @property
    def work(self) -> int:
        """Progress units: the rows in this piece (a 10,000-row table is most of a brief)."""
        return max(1, self.end - self.start)

    def first_piece_height(self, aw: float) -> float:
        """The least room this table starts in: header and its first row (or a split of
        a first row taller than 100 points, 100 points of it, which always splits)."""
        sh = self.shared
        if self.start >= self.end:
            return self._header_height()
        first = sh.row_height(sh.rows[self.start]) if sh.heights is None else sh.heights[self.start]
        return self._header_height() + min(first, 100.0)

    def _header_height(self) -> float:
        if self._head_h is None:
            self._head_h = self.shared.row_height(self.header) if self.header else 0.0
        return self._head_h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.shared.widths)
        self.height = self._header_height() + self.shared.height(self.start, self.end)
        return self.width, self.height

    def _piece(self, start: int, end: int, shared: _Rows | None = None, zebra_offset: int | None = None,
               space_after: float = 0.0) -> RowTable:
        return RowTable(self.header, [], self.shared.widths, self.shared.look, _shared=shared or self.shared,
                        _start=start, _end=end, space_after=space_after,
                        _zebra_offset=self.zebra_offset if zebra_offset is None else zebra_offset)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        sh = self.shared
        sh.measure()
        assert sh.heights is not None
        room = ah - self._header_height()
        k = self.start
        used = 0.0
        while k < self.end and used + sh.heights[k] <= room:
            used += sh.heights[k]
            k += 1
        if k >= self.end:
            return [self]
        left = room - used
        # Split inside row k when it is the first row here, or when it is tall and much room is left.
        if k == self.start or (sh.heights[k] > 200 and left > 80):
            cut = self._split_row(k, left)
            if cut is not None:
                head_cells, tail_cells = cut
                head_rows = sh.rows[self.start:k] + [head_cells]
                tail_rows = [tail_cells] + sh.rows[k + 1:self.end]
                off = self.zebra_offset + self.start
                head = self._piece(0, len(head_rows), _Rows(head_rows, sh.widths, sh.look), off)
                tail = self._piece(0, len(tail_rows), _Rows(tail_rows, sh.widths, sh.look), off + k - self.start,
                                   self.spaceAfter)
                return [head, tail]
        if k == self.start:
            return []
        if self.end - k == 1:
            # No widow row: a lone last row under a repeated header reads as an afterthought.
            # Two rows go over instead; a table of two or three rows moves on whole (unless
            # this is the top of a page, where nothing better is possible).
            if k - self.start >= 3:
                k -= 1
            elif not getattr(getattr(self, "_frame", None), "_atTop", False):
                return []
        return [self._piece(self.start, k), self._piece(k, self.end, space_after=self.spaceAfter)]

    def _split_row(self, k: int, room: float) -> tuple[list[Flowable], list[Flowable]] | None:
        sh = self.shared
        lk = sh.look
        inner_h = room - lk.top - lk.bottom
        if inner_h < 24:
            return None
        heads: list[Flowable] = []
        tails: list[Flowable] = []
        moved = False
        for i, cell in enumerate(sh.rows[k]):
            w = sh.inner(i)
            _, h = cell.wrap(w, inner_h)
            if h <= inner_h:
                heads.append(cell)
                tails.append(_Blank())
                continue
            parts = cell.split(w, inner_h)
            if len(parts) < 2:
                return None
            heads.append(parts[0])
            tails.append(parts[1] if len(parts) == 2 else _Stack(parts[1:]))
            moved = True
        return (heads, tails) if moved else None

    def draw(self) -> None:
        c = self.canv
        sh = self.shared
        lk = sh.look
        widths = sh.widths
        total_w = sum(widths)
        y = self.height
        if self.header:
            hh = self._header_height()
            if lk.head_fill is not None:
                c.setFillColor(lk.head_fill)
                c.rect(0, y - hh, total_w, hh, stroke=0, fill=1)
            self._draw_cells(self.header, y, hh)
            y -= hh
        assert sh.heights is not None
        if lk.zebra is not None:
            c.setFillColor(lk.zebra)
            yy = y
            for k in range(self.start, self.end):
                h = sh.heights[k]
                if (k + self.zebra_offset) % 2:
                    c.rect(0, yy - h, total_w, h, stroke=0, fill=1)
                yy -= h
        if lk.rule is not None:
            c.setStrokeColor(lk.rule)
            c.setLineWidth(lk.rule_width)
            yy = y
            for k in range(self.start, self.end):
                yy -= sh.heights[k]
                c.line(0, yy, total_w, yy)
        for k in range(self.start, self.end):
            h = sh.heights[k]
            self._draw_cells(sh.rows[k], y, h)
            y -= h

    def _draw_cells(self, cells: list[Flowable], top: float, h: float) -> None:
        sh = self.shared
        lk = sh.look
        x = 0.0
        for i, cell in enumerate(cells):
            w = sh.inner(i)
            _, ch = cell.wrap(w, h)
            paint = getattr(cell, "paint_at", None)
            if paint is not None:
                paint(self.canv, x + lk.left, top - lk.top - ch)
            else:
                cell.drawOn(self.canv, x + lk.left, top - lk.top - ch)
            x += sh.widths[i]


class _Blank(Flowable):
    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 0.0

    def draw(self) -> None:
        pass


class _Stack(Flowable):
    """Several pieces of one cell, one under another."""

    def __init__(self, parts: list[Any]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = sum(p.wrap(aw, ah)[1] for p in self.parts)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.height
        for p in self.parts:
            _, h = p.wrap(self.width, self.height)
            y -= h
            p.drawOn(self.canv, 0, y)
