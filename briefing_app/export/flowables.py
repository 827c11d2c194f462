"""Small flowables the brief needs that platypus lacks.

`Boxed` draws a left rule (and optionally a tinted background) beside its
content and, unlike a one-cell table, splits across pages, so a 5,000-word
BLUF or quote can never raise "flowable too large". `Heading` is a paragraph
that becomes a PDF bookmark.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

__all__ = ["Boxed", "Heading"]


class Heading(Paragraph):
    """A paragraph with `outline = (key, text, level)` for the bookmarks."""

    def __init__(self, text: Any, style: Any, outline: tuple[str, str, int] | None = None,
                 **kw: Any) -> None:
        super().__init__(text, style, **kw)
        self.outline = outline

    def split(self, aw: float, ah: float) -> list[Any]:
        parts = super().split(aw, ah)
        if parts:  # the bookmark goes with the first piece only
            parts[0].outline = self.outline
            for p in parts[1:]:
                p.outline = None
        return parts


class Boxed(Flowable):
    def __init__(self, content: list[Flowable], *, bar: colors.Color, bar_width: float = 2.0,
                 fill: colors.Color | None = None, pad: float = 8.0, indent: float = 0.0,
                 vpad: float = 0.0, space_before: float = 0.0, space_after: float = 0.0,
                 first: bool = True, last: bool = True) -> None:
        super().__init__()
        self.content = content
        self.bar, self.bar_width, self.fill = bar, bar_width, fill
        self.pad, self.indent, self.vpad = pad, indent, vpad
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.first, self.last = first, last
        self._sizes: list[tuple[float, float]] = []

    def _inner(self, aw: float) -> float:
        return max(10.0, aw - self.indent - self.bar_width - 2 * self.pad)

    def _vpads(self) -> float:
        return (self.vpad if self.first else 0) + (self.vpad if self.last else 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        iw = self._inner(aw)
        self._sizes = []
        h = self._vpads()
        for i, f in enumerate(self.content):
            w, fh = f.wrap(iw, max(ah, 1))
            self._sizes.append((w, fh))
            h += fh + (f.getSpaceAfter() if i < len(self.content) - 1 else 0)
        self.width, self.height = aw, h
        return aw, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        iw = self._inner(aw)
        # Conservative: keep room for both paddings, so a head that fits really fits.
        room = ah - self._vpads()
        used: list[Flowable] = []
        rest: list[Flowable] = []
        for i, f in enumerate(self.content):
            _, fh = f.wrap(iw, max(room, 1))
            if fh <= room:
                used.append(f)
                room -= fh + f.getSpaceAfter()
                continue
            parts = f.split(iw, room) if room > 0 else []
            rest = list(self.content[i + 1:])
            if len(parts) >= 2:
                used.append(parts[0])
                rest = list(parts[1:]) + rest
            else:
                rest = [f] + rest
            break
        if not used or not rest:
            return []  # nothing sensible fits here: move on to the next frame
        kw = dict(bar=self.bar, bar_width=self.bar_width, fill=self.fill, pad=self.pad,
                  indent=self.indent, vpad=self.vpad)
        head = Boxed(used, **kw, space_before=self.spaceBefore, first=self.first, last=False)
        tail = Boxed(rest, **kw, space_after=self.spaceAfter, first=False, last=self.last)
        return [head, tail]

    def draw(self) -> None:
        c = self.canv
        x0 = self.indent
        if self.fill is not None:
            c.setFillColor(self.fill)
            c.rect(x0, 0, self.width - x0, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        c.rect(x0, 0, self.bar_width, self.height, stroke=0, fill=1)
        y = self.height - (self.vpad if self.first else 0)
        x = x0 + self.bar_width + self.pad
        for i, f in enumerate(self.content):
            _, fh = self._sizes[i] if i < len(self._sizes) else f.wrap(self._inner(self.width), self.height)
            y -= fh
            f.drawOn(c, x, y)
            y -= f.getSpaceAfter() if i < len(self.content) - 1 else 0
