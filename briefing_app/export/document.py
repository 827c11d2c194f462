"""The page: one `BaseDocTemplate` subclass and the canvas that numbers pages.

Every page carries the classification banner top and bottom, a running
header with the title and as-of date, and "Page X of Y". The total is known
only at the end, so footers show a form XObject that `BriefCanvas` fills in
when the document is saved (one layout pass, not two). Headings carry an
`outline` attribute; `afterFlowable` turns them into PDF bookmarks and link
destinations.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefing_app.export.fonts import SANS
from briefing_app.export.richtext import draw_line
from briefing_app.export.styles import PALETTE, banner_colours

__all__ = ["BriefDocTemplate", "BriefCanvas", "PAGE_SIZES", "BriefCancelled"]

PAGE_SIZES = {"a4": A4, "letter": LETTER}
BANNER_H = 13.0


class BriefCancelled(Exception):
    """The caller asked to stop (the GUI's Cancel button)."""


def _fit(c: Canvas, text: str, face: str, size: float, limit: float) -> str:
    text = " ".join(text.split())
    if c.stringWidth(text, face, size) <= limit:
        return text
    while text and c.stringWidth(text + "…", face, size) > limit:
        text = text[: max(0, len(text) - max(1, len(text) // 8))]
    return text.rstrip() + "…"


class BriefCanvas(Canvas):
    """Writes the page total into a form XObject that every footer shows.

    Footers are drawn as pages are laid out, when the total is not yet known;
    each draws the form "pagetotal", defined here once the last page is done.
    One layout pass, and bookmarks and links keep their right pages (deferring
    whole pages, the usual recipe, would point them all at page 1).
    """

    total_style: tuple[str, float, colors.Color] = (SANS, 7.5, PALETTE["ink"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The default initial font is Helvetica, which would appear (unembedded) on every page.
        kwargs.setdefault("initialFontName", SANS)
        kwargs.setdefault("initialFontSize", 9)
        super().__init__(*args, **kwargs)

    def save(self) -> None:
        # The document template ends every page (showPage) before it saves: the page
        # number has moved on to the page after the last one.
        total = self.getPageNumber() - 1
        face, size, colour = self.total_style
        self.beginForm("pagetotal")
        self.setFont(face, size)
        self.setFillColor(colour)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


class BriefDocTemplate(BaseDocTemplate):
    """A4 or Letter pages with banner, running header and numbered footer."""

    def __init__(self, filename: Any, *, page_size: str, title: str, classification: str,
                 as_of: _dt.date, header_note: str = "", progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, total_flowables: int = 1,
                 **kw: Any) -> None:
        size = PAGE_SIZES[page_size]
        margin_x = 20 * mm
        super().__init__(
            filename, pagesize=size, leftMargin=margin_x, rightMargin=margin_x,
            topMargin=24 * mm, bottomMargin=22 * mm, title=title, invariant=1,
            initialFontName=SANS, initialFontSize=9, **kw,
        )
        self.brief_title = title
        self.classification = classification
        self.as_of = as_of
        self.header_note = header_note
        self.progress_callback = progress
        self.cancelled_callback = cancelled
        self.total_work = max(1, total_flowables)
        self.done_work = 0  # work units placed (a table piece counts its rows)
        self.placed = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="brief", frames=[frame], onPage=self.decorate)])

    # -- bookmarks, links and progress -----------------------------------
    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (ReportLab API)
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            key, text, level = outline
            c = self.canv
            c.bookmarkPage(key)
            c.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.placed += 1
        self.done_work += getattr(flowable, "work", 1)
        if self.cancelled_callback is not None and self.placed % 20 == 0 and self.cancelled_callback():
            raise BriefCancelled()
        if self.progress_callback is not None and self.placed % 20 == 0:
            self.progress_callback(min(0.99, self.done_work / self.total_work))

    # -- page decoration (called from the canvas at save time) ------------
    def decorate(self, c: Canvas, doc: Any = None) -> None:
        w, h = self.pagesize
        c.saveState()
        band, ink = banner_colours(self.classification)
        label = _fit(c, self.classification.upper(), SANS + "-Bold", 8, w - 40)
        for y in (h - BANNER_H, 0):
            c.setFillColor(band)
            c.rect(0, y, w, BANNER_H, stroke=0, fill=1)
            draw_line(c, w / 2, y + 4, label, 8, SANS + "-Bold", "center", ink)
        # Running header: title left, as-of right, a hairline below.
        top = h - BANNER_H - 16
        c.setFillColor(PALETTE["slate"])
        right_text = f"As of {self.as_of.day} {self.as_of:%B %Y}"
        rw = c.stringWidth(right_text, SANS, 7.5)
        draw_line(c, self.leftMargin, top, _fit(c, self.brief_title, SANS, 7.5, self.width - rw - 24),
                   7.5, SANS, colour=PALETTE["slate"])
        draw_line(c, self.leftMargin + self.width, top, right_text, 7.5, SANS, "right", PALETTE["slate"])
        c.setStrokeColor(PALETTE["rule"])
        c.setLineWidth(0.5)
        c.line(self.leftMargin, top - 4, self.leftMargin + self.width, top - 4)
        # Footer: note left, "Page X of Y" right (Y is the form filled in at save).
        foot = BANNER_H + 14
        c.line(self.leftMargin, foot + 10, self.leftMargin + self.width, foot + 10)
        if self.header_note:
            draw_line(c, self.leftMargin, foot, _fit(c, self.header_note, SANS, 7.5, self.width - 110),
                       7.5, SANS, colour=PALETTE["slate"])
        c.setFillColor(PALETTE["ink"])
        total_x = self.leftMargin + self.width - 22  # room for a five-digit total
        draw_line(c, total_x - 2, foot, f"Page {c.getPageNumber()} of", 7.5, SANS, "right")
        c.saveState()
        c.translate(total_x, foot)
        c.doForm("pagetotal")
        c.restoreState()
        c.restoreState()
