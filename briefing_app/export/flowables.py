"""Small flowables the brief needs that platypus lacks.

`Boxed` draws a left rule (and optionally a tinted background) beside its
content and, unlike a one-cell table, splits across pages, so a 5,000-word
BLUF or quote can never raise "flowable too large". `Heading` is a paragraph
that becomes a PDF bookmark. `KeepRoom` goes before a heading (and whatever
introduces the next block): when the heading, its lead-ins and the first
piece of what follows would not fit at the foot of the page, it breaks the
page first, so no heading is ever the last thing on a page.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import BalancedColumns

__all__ = ["Boxed", "Heading", "KeepRoom", "min_start"]


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
                 first: bool = True, last: bool = True, keep_under: float = 0.0,
                 keep_last: bool = False) -> None:
        super().__init__()
        # keep_under: a box no taller than this is never split (it moves on whole);
        # keep_last: the last item (a quote's attribution) never starts a page alone —
        # at least two lines of the item before it go with it.
        self.keep_under, self.keep_last = keep_under, keep_last
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
        if self.keep_under and self.wrap(aw, ah)[1] <= self.keep_under:
            return []
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
        if self.keep_last and used and rest == [self.content[-1]] and len(self.content) > 1:
            prev = used.pop()  # it fitted whole; give its last lines to the attribution
            _, ph = prev.wrap(iw, max(ah, 1))
            parts = prev.split(iw, ph - 1e-3)
            if len(parts) >= 2:
                used.append(parts[0])
                rest = list(parts[1:]) + rest
            else:
                rest = [prev] + rest
        if not used or not rest:
            return []  # nothing sensible fits here: move on to the next frame
        kw = dict(bar=self.bar, bar_width=self.bar_width, fill=self.fill, pad=self.pad,
                  indent=self.indent, vpad=self.vpad, keep_under=self.keep_under, keep_last=self.keep_last)
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


def min_start(f: Flowable, aw: float) -> float:
    """The least height `f` needs at a page foot to start there rather than move on."""
    from briefing_app.export.grid import RowTable
    from briefing_app.export.richtext import RichText

    if isinstance(f, RichText):
        _, h = f.wrap(aw, 1e6)
        if f.keep_under and h <= f.keep_under:
            return float(h)
        return float(min(h, 2 * f.style.leading))
    if isinstance(f, RowTable):
        return float(f.first_piece_height(aw))
    if isinstance(f, Boxed):
        _, h = f.wrap(aw, 1e6)
        if (f.keep_under and h <= f.keep_under) or not f.content:
            return float(h)
        return f.vpad + min_start(f.content[0], f._inner(aw))
    if isinstance(f, Paragraph):
        _, h = f.wrap(aw, 1e6)
        return float(min(h, 2 * f.style.leading))
    if isinstance(f, BalancedColumns):
        first = f._content[0] if f._content else None
        inner = (aw - 14) / 2
        return max(72.0, min_start(first, inner) if first is not None else 0.0)
    if isinstance(f, KeepTogether):
        h = sum(c.wrap(aw, 1e6)[1] + c.getSpaceAfter() for c in f._content)
        return float(min(h, 300.0))
    _, h = f.wrap(aw, 1e6)
    return float(h)


class KeepRoom(CondPageBreak):  # type: ignore[misc]
    """A page break unless `leads` (a heading and its lead-ins) and the start of
    `follower` fit in the space left; measured when placed, so it is always right."""

    def __init__(self, leads: list[Flowable], follower: Flowable) -> None:
        super().__init__(0)
        self.leads, self.follower = leads, follower

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        need = 0.0
        for i, f in enumerate(self.leads):
            if i:
                need += f.getSpaceBefore()
            if isinstance(f, Spacer):
                need += f.height
            else:
                need += f.wrap(aw, 1e6)[1]
            need += f.getSpaceAfter()
        need += self.follower.getSpaceBefore() + min_start(self.follower, aw)
        self.height = need
        frame = self._doctemplateAttr("frame")
        # At the top of a page it can only get worse: never break there (no endless breaks).
        if ah < need and frame is not None and not getattr(frame, "_atTop", 0):
            from reportlab.platypus.doctemplate import FrameBreak

            frame.add_generated_content(FrameBreak)
        return 0, 0
