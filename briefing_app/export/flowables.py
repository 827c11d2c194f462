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
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from briefing_app.export.richtext import RichParagraph

__all__ = ["Boxed", "Heading", "KeepRoom", "min_start", "content_of"]


class Heading(RichParagraph):
    """A paragraph with `outline = (key, text, level)` for the bookmarks."""

    outline: tuple[str, str, int] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if parts:  # the bookmark goes with the first piece only
            parts[0].outline = self.outline
            for p in parts[1:]:
                p.outline = None
        return parts


def content_of(f: Flowable) -> list[Flowable]:
    """What a container made by the brief holds (`brief_content`, set when it is made)."""
    return list(getattr(f, "brief_content", None) or [])


class Boxed(Flowable):
    def __init__(self, content: list[Flowable], *, bar: colors.Color, bar_width: float = 2.0,
                 fill: colors.Color | None = None, pad: float = 8.0, indent: float = 0.0,
                 vpad: float = 0.0, space_before: float = 0.0, space_after: float = 0.0,
                 first: bool = True, last: bool = True, keep_under: float = 0.0,
                 keep_last: bool = False, bar_right: bool = False) -> None:
        super().__init__()
        # bar_right: the bar on the right, for a right-to-left paragraph (it starts at the right)
        self.bar_right = bar_right
        # keep_under: a box no taller than this is never split (it moves on whole);
        # keep_last: the last item (a quote's attribution) never starts a page alone —
        # at least two lines of the item before it go with it.
        self.keep_under, self.keep_last = keep_under, keep_last
        self.content = content
        self.bar, self.bar_width, self.fill = bar, bar_width, fill
        self.pad, self.indent, self.vpad = pad, indent, vpad
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.first, self.last = first, last
        self.sizes: list[tuple[float, float]] = []

    def inner_width(self, aw: float) -> float:
        return max(10.0, aw - self.indent - self.bar_width - 2 * self.pad)

    def vpads(self) -> float:
        return (self.vpad if self.first else 0) + (self.vpad if self.last else 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        iw = self.inner_width(aw)
        self.sizes = []
        h = self.vpads()
        for i, f in enumerate(self.content):
            w, fh = f.wrap(iw, max(ah, 1))
            self.sizes.append((w, fh))
            h += fh + (f.getSpaceAfter() if i < len(self.content) - 1 else 0)
        self.width, self.height = aw, h
        return aw, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        iw = self.inner_width(aw)
        if self.keep_under and self.wrap(aw, ah)[1] <= self.keep_under:
            return []
        # Conservative: keep room for both paddings, so a head that fits really fits.
        room = ah - self.vpads()
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
                  indent=self.indent, vpad=self.vpad, keep_under=self.keep_under, keep_last=self.keep_last,
                  bar_right=self.bar_right)
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
        bar_x = self.width - self.bar_width if self.bar_right else x0
        c.rect(bar_x, 0, self.bar_width, self.height, stroke=0, fill=1)
        y = self.height - (self.vpad if self.first else 0)
        x = x0 + self.pad + (0 if self.bar_right else self.bar_width)
        for i, f in enumerate(self.content):
            _, fh = self.sizes[i] if i < len(self.sizes) else f.wrap(self.inner_width(self.width), self.height)
            y -= fh
            f.drawOn(c, x, y)
            y -= f.getSpaceAfter() if i < len(self.content) - 1 else 0


def min_start(f: Flowable, aw: float) -> float:
    """The least height `f` needs at a page foot to start there rather than move on."""
    from briefing_app.export.grid import BriefTable

    if isinstance(f, BriefTable):
        return float(f.first_piece_height())
    if isinstance(f, Boxed):
        _, h = f.wrap(aw, 1e6)
        if (f.keep_under and h <= f.keep_under) or not f.content:
            return float(h)
        return f.vpad + min_start(f.content[0], f.inner_width(aw))
    if isinstance(f, Paragraph):
        _, h = f.wrap(aw, 1e6)
        keep = getattr(f, "keep_under", 0.0)
        if keep and h <= keep:
            return float(h)
        return float(min(h, 2 * f.style.leading))
    kind = getattr(f, "brief_kind", "")
    inner = content_of(f)
    if kind == "columns":
        first = inner[0] if inner else None
        return max(72.0, min_start(first, (aw - 14) / 2) if first is not None else 0.0)
    if kind == "together":
        h = sum(c.wrap(aw, 1e6)[1] + c.getSpaceAfter() for c in inner)
        return float(min(h, 300.0))
    _, h = f.wrap(aw, 1e6)
    return float(h)


class KeepRoom(CondPageBreak):  # type: ignore[misc]
    """A page break unless `leads` (a heading and its lead-ins) and the start of
    `follower` fit in the space left; measured when placed, so it is always right.
    Never at the top of a page (`page_height` of room): it could only get worse there."""

    def __init__(self, leads: list[Flowable], follower: Flowable, page_height: float) -> None:
        super().__init__(0)
        self.leads, self.follower, self.page_height = leads, follower, page_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        need = 0.0
        for i, f in enumerate(self.leads):
            if i:
                need += f.getSpaceBefore()
            if isinstance(f, Spacer):
                need += f.height
            else:
                need += f.wrap(availWidth, 1e6)[1]
            need += f.getSpaceAfter()
        need += self.follower.getSpaceBefore() + min_start(self.follower, availWidth)
        at_top = availHeight >= self.page_height - 0.01
        self.height = 0 if at_top else need
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
