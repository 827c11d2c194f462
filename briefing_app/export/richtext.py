"""Styled runs in, ReportLab `Paragraph`s out: no markup is ever parsed.

The builder knows each run's face, colour, link and highlight when it makes
it, so `Rich` collects runs and `rich_paragraph` turns them into ReportLab's
own fragments (`ParaFrag`), handed to `Paragraph(None, style, frags=…)`.
User text therefore never reaches the markup parser, and ReportLab does the
line breaking, links, anchors, underlines, backgrounds and page splitting.

Per paragraph, from its text:
- Arabic, Hebrew and the other scripts that need it are shaped by ReportLab
  (HarfBuzz through `uharfbuzz`, the style's `shaping=1`): joined letter forms,
  each word in its own direction.
- The order of the words on each line follows the Unicode bidirectional
  algorithm (`bidi`): ReportLab 5 leaves multi-fragment paragraphs in logical
  order (its own bidi needs `rlbidi`, which is not on PyPI), so
  `RichParagraph.breakLines` places the shaped words of each line, after
  ReportLab broke the lines. Characters are never reordered by us.
  A paragraph whose first strong character is right-to-left is right-aligned.
- Chinese and Japanese wrap between characters (`wordWrap='CJK'`).
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import unescape

from reportlab.lib.abag import ABag
from reportlab.lib.colors import Color, black, toColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paraparser import ParaFrag

from briefing_app.export.bidi import base_is_rtl, needs_shaping, visual_order
from briefing_app.export.fonts import split_runs

__all__ = ["Rich", "RichParagraph", "rich_paragraph", "markup_paragraph", "is_cjk", "italic_reads", "draw_line",
           "LabelledChart"]

#: Spaces other than U+0020 that ReportLab breaks lines at: as plain spaces (ReportLab joins a word
#: to the next fragment's when they meet at one of them), same length so offsets hold.
_SPACES = str.maketrans({c: " " for c in "\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                         "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"})
_SUP_RISE = 0.5  # as ReportLab's <super>: raised by half the size…
_SUP_SHRINK = 2.0  # …and smaller by 2 pt (at most a fifth)


class Rich:
    """Styled runs of plain text, built by the caller; nothing is ever parsed.

    Sizes and colours default to the paragraph style's; `family` to its face.
    """

    __slots__ = ("items",)

    def __init__(self) -> None:
        # ("t", text, bold, italic, family, size, colour, href, back, sup, underline) | ("a", name) | ("n",)
        self.items: list[tuple[Any, ...]] = []

    def add(self, text: str, *, bold: bool = False, italic: bool = False, family: str | None = None,
            size: float | None = None, colour: Any = None, href: str | None = None, back: Any = None,
            sup: bool = False, underline: bool = False) -> Rich:
        if text:
            self.items.append(("t", text, bold, italic, family, size, colour, href, back, sup, underline))
        return self

    def anchor(self, name: str | None) -> Rich:
        """A named destination at this point (links with `href="#name"` jump here)."""
        if name:
            self.items.append(("a", name))
        return self

    def br(self) -> Rich:
        self.items.append(("n",))
        return self

    def extend(self, other: Rich, **overrides: Any) -> Rich:
        """Append `other`'s runs; `overrides` (e.g. bold=True, size=7.8) apply to each text run."""
        if not overrides:
            self.items.extend(other.items)
            return self
        names = ("bold", "italic", "family", "size", "colour", "href", "back", "sup", "underline")
        for it in other.items:
            if it[0] != "t":
                self.items.append(it)
                continue
            vals = list(it[2:])
            for i, n in enumerate(names):
                if n in overrides and (n not in ("bold", "italic", "sup", "underline") or overrides[n]):
                    if n in ("href", "back") and vals[i] is not None:
                        continue  # an inner link or highlight wins
                    vals[i] = overrides[n]
            self.items.append(("t", it[1], *vals))
        return self

    def plain(self) -> str:
        return "".join(it[1] for it in self.items if it[0] == "t")

    def __bool__(self) -> bool:
        return bool(self.items)


class RichParagraph(Paragraph):
    """A `Paragraph` of pre-built fragments that places right-to-left words.

    `keep_under`: a paragraph no taller than this never splits (it moves on
    whole), e.g. a source note. `rtl`: the paragraph's base direction, or None
    when it has no right-to-left text (then lines are left as ReportLab made them).
    """

    style: ParagraphStyle
    keep_under = 0.0
    rtl: bool | None = None
    #: Named destinations set at the paragraph's top rather than inside its text: ReportLab
    #: cannot shape a word that holds an anchor fragment, nor wrap CJK text at one.
    anchors: tuple[str, ...] = ()
    #: The style without shaping, should ReportLab fail to shape this paragraph.
    unshaped: ParagraphStyle | None = None

    def draw(self) -> None:
        for name in self.anchors:
            self.canv.bookmarkHorizontal(name, 0, self.height)
        super().draw()

    #: (widths, lines) of the last line breaking: platypus wraps a paragraph again and again at
    #: the same width (balanced columns search for their split, tables measure then draw).
    broken: tuple[tuple[float, ...], Any] | None = None

    def breakLines(self, width: Any) -> Any:  # noqa: N802 (ReportLab's name)
        return self.lines_for(width, super().breakLines)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (ReportLab's name)
        return self.lines_for(maxWidths, super().breakLinesCJK)

    def lines_for(self, width: Any, breaker: Any) -> Any:
        key = tuple(width) if isinstance(width, (list, tuple)) else (width,)
        if self.broken is not None and self.broken[0] == key:
            return self.broken[1]
        try:
            lines = self.place_words(breaker(width))
        except (AttributeError, KeyError):
            if not self.style.shaping or self.unshaped is None:
                raise
            # ReportLab 5.1 cannot shape a word whose characters need two faces (its shaper
            # looks glyphs up in the wrong face); print this paragraph unshaped rather than fail.
            self.style, self.rtl, self.unshaped = self.unshaped, None, None
            lines = breaker(width)
        self.broken = (key, lines)
        return lines

    def place_words(self, para: Any) -> Any:
        if self.rtl is None or getattr(para, "kind", 0) != 1:
            return para
        for line in para.lines:
            line.words = visual_order(line.words, self.rtl)
        return para

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        if self.keep_under:
            _, h = self.wrap(availWidth, 1e9)
            if h <= self.keep_under and h > availHeight:
                return []
        parts = super().split(availWidth, availHeight)
        for i, p in enumerate(parts):
            p.rtl = self.rtl
            p.anchors = self.anchors if i == 0 else ()
        return parts


_STYLE_VARIANTS: dict[tuple[int, bool, bool, bool], ParagraphStyle] = {}
_COLOURS: dict[str, Color] = {}


def _colour(spec: Any) -> Any:
    if not isinstance(spec, str):
        return spec
    c = _COLOURS.get(spec)
    if c is None:
        c = _COLOURS[spec] = toColor(spec)
    return c


def _variant(style: ParagraphStyle, shaping: bool, cjk: bool, right: bool) -> ParagraphStyle:
    """The style with shaping, CJK wrapping or right alignment switched on, made once."""
    if not (shaping or cjk or right):
        return style
    key = (id(style), shaping, cjk, right)
    v = _STYLE_VARIANTS.get(key)
    if v is None:
        kw: dict[str, Any] = {"shaping": 1 if shaping else 0}
        if cjk:
            kw["wordWrap"] = "CJK"
        if right and style.alignment == TA_LEFT:
            kw["alignment"] = TA_RIGHT
        v = ParagraphStyle(f"{style.name}-{int(shaping)}{int(cjk)}{int(right)}", parent=style, **kw)
        _STYLE_VARIANTS[key] = v
        # the key holds the style's id: keep the style alive as long as the variant
        v.brief_base = style  # type: ignore[attr-defined]
    return v


_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def is_cjk(text: str) -> bool:
    """Whether `text` has Chinese or Japanese characters (lines wrap between characters)."""
    return not text.isascii() and _CJK.search(text) is not None


def italic_reads(text: str) -> bool:
    """Whether `text` is mostly in a script that has italics (Latin, Greek, Cyrillic): not when
    most of its letters are Arabic, Hebrew, Indic or CJK, whose faces are upright only."""
    if text.isascii():
        return True
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if needs_shaping(ch) or is_cjk(ch):
                other += 1
            else:
                latin += 1
    return latin >= other


def rich_paragraph(rich: Rich | str, style: ParagraphStyle, *, bullet: str | None = None,
                   cls: type[RichParagraph] = RichParagraph) -> Any:
    """A paragraph of `rich`'s runs in `style` (only the style's plain attributes are read)."""
    if isinstance(rich, str):
        rich = Rich().add(rich)
    text = rich.plain()
    shaping = needs_shaping(text)
    rtl = base_is_rtl(text) if shaping else None
    cjk = is_cjk(text)
    st = _variant(style, shaping, cjk, bool(rtl))
    anchors: list[str] = []
    p = cls(None, st, bulletText=bullet, frags=_frags(rich, st, anchors if shaping or cjk else None))
    p.rtl = rtl
    p.anchors = tuple(anchors)
    if shaping:
        p.unshaped = _variant(style, False, cjk, False)
    return p


_TAG = re.compile(r"<[^>]*>")
_ANCHOR = re.compile(r'<a name="([^"<>]*)"/>')


def markup_paragraph(markup: str, style: ParagraphStyle, *, bullet: str | None = None) -> RichParagraph:
    """A paragraph of ReportLab markup that this package built (user text in it escaped by
    `fonts.markup_runs`), with the same shaping, direction and wrapping choices as `rich_paragraph`."""
    text = unescape(_TAG.sub("", markup))
    shaping = needs_shaping(text)
    rtl = base_is_rtl(text) if shaping else None
    cjk = is_cjk(text)
    markup = markup.translate(_SPACES)
    anchors: list[str] = []
    if shaping or cjk:
        anchors = _ANCHOR.findall(markup)
        markup = _ANCHOR.sub("", markup)
    p = RichParagraph(markup, _variant(style, shaping, cjk, bool(rtl)), bulletText=bullet)
    p.rtl = rtl
    p.anchors = tuple(anchors)
    if shaping:
        p.unshaped = _variant(style, False, cjk, False)
    return p


def _frags(rich: Rich, style: ParagraphStyle, hoisted: list[str] | None = None) -> list[Any]:
    """ReportLab fragments for the runs: concrete faces (font fallback applied), links, anchors
    (or, with `hoisted`, anchors collected there instead, for the paragraph's top)."""
    out: list[Any] = []
    try:
        base_family, base_bold, base_italic = ps2tt(style.fontName)
    except ValueError:
        base_family, base_bold, base_italic = style.fontName, 0, 0
    n_links = 0
    # Faces are chosen over the whole paragraph, so a word made of several runs (an opening
    # quotation mark and a name, a highlighted part of a word) gets one face throughout.
    faces = _FaceCursor(split_runs(rich.plain().translate(_SPACES)))
    last_look: tuple[Any, ...] | None = None  # the look of out[-1], when it is a text fragment
    for it in rich.items:
        kind = it[0]
        if kind == "a" and hoisted is not None:
            hoisted.append(it[1])
            continue
        if kind == "a":
            f = _frag(style, style.fontName, style.fontSize, style.textColor, "")
            f.cbDefn = ABag(kind="anchor", label="anchor", name=it[1])
            out.append(f)
            last_look = None
            continue
        if kind == "n":
            f = _frag(style, style.fontName, style.fontSize, style.textColor, "")
            f.lineBreak = True
            out.append(f)
            last_look = None
            continue
        _, text, bold, italic, family, size, colour, href, back, sup, underline = it
        if sup and out and _ends_right_to_left(str(out[-1].text)):
            # A mark glued to a right-to-left word would be shaped inside it, its digits
            # right to left ("[12]" as "[21]"): a space makes it a word of its own.
            out[-1].text += " "
            last_look = None
        size = style.fontSize if size is None else size
        rise = 0.0
        if sup:
            rise = size * _SUP_RISE
            size = size - min(_SUP_SHRINK, 0.2 * size)
        colour = style.textColor if colour is None else _colour(colour)
        fam = family or base_family
        if family is None:
            bold, italic = bold or bool(base_bold), italic or bool(base_italic)
        link: list[tuple[int, str]] = []
        if href:
            link = [(n_links, href)]
            n_links += 1
        us = [(n_links, "underline", colour, "", "", rise, 1, "")] if underline else []
        if underline:
            n_links += 1
        back = _colour(back) if back is not None else None
        for fb, chunk in faces.take(len(text)):
            font = _face(fb or fam, bold, italic)
            look = (font, size, colour, rise, tuple(link), tuple(us), back)
            if out and last_look == look:  # the same look as the run before: one fragment
                out[-1].text += chunk
                continue
            f = _frag(style, font, size, colour, chunk)
            f.rise = rise
            f.link = link
            f.us_lines = us
            f.bold, f.italic = int(bold), int(italic)
            if back is not None:
                f.backColor = back
            out.append(f)
            last_look = look
    if not out:
        out.append(_frag(style, style.fontName, style.fontSize, style.textColor, ""))
    return out


def _ends_right_to_left(text: str) -> bool:
    word = text.rsplit(" ", 1)[-1]
    return bool(word) and base_is_rtl(word)


class _FaceCursor:
    """Walks the paragraph's (face, text) runs, handing out the next n characters' pieces."""

    def __init__(self, runs: list[tuple[str | None, str]]) -> None:
        self.runs, self.i, self.offset = runs, 0, 0

    def take(self, n: int) -> list[tuple[str | None, str]]:
        out: list[tuple[str | None, str]] = []
        while n > 0 and self.i < len(self.runs):
            face, text = self.runs[self.i]
            piece = text[self.offset:self.offset + n]
            out.append((face, piece))
            n -= len(piece)
            self.offset += len(piece)
            if self.offset >= len(text):
                self.i, self.offset = self.i + 1, 0
        return out


def _frag(style: ParagraphStyle, font: str, size: float, colour: Any, text: str) -> Any:
    f = ParaFrag()
    f.text = text
    f.fontName = font
    f.fontSize = size
    f.textColor = colour
    f.rise = 0
    f.greek = 0
    f.link = []
    f.us_lines = []
    f.bold = f.italic = 0
    return f


_FACES: dict[tuple[str, bool, bool], str] = {}


def _face(family: str, bold: bool, italic: bool) -> str:
    key = (family, bold, italic)
    name = _FACES.get(key)
    if name is None:
        try:
            name = tt2ps(family, int(bold), int(italic))
        except (KeyError, ValueError):
            name = family
        _FACES[key] = name
    return name


def draw_line(c: Any, x: float, y: float, text: str, size: float, face: str,
               align: str = "left", colour: Any = None) -> None:
    """One line of page furniture (banner, header, footer) with its baseline at y.

    Text with right-to-left or other shaped scripts is drawn as a one-line paragraph,
    so shaping and order are the same as in the body (the canvas's own shaping needs
    `rlbidi`); other text as runs of `drawString`, with the body's fallback faces.
    """
    colour = colour if colour is not None else black
    if not needs_shaping(text):
        runs = [(fb or face, s) for fb, s in split_runs(text)]
        width = sum(c.stringWidth(s, f, size) for f, s in runs)
        x -= width / 2 if align == "center" else width if align == "right" else 0.0
        c.setFillColor(colour)
        for f, s in runs:
            c.setFont(f, size)
            c.drawString(x, y, s)
            x += c.stringWidth(s, f, size)
        return
    style = _LINE_STYLES.get((face, size, colour))
    if style is None:
        style = _LINE_STYLES[(face, size, colour)] = ParagraphStyle(
            f"furniture-{len(_LINE_STYLES)}", fontName=face, fontSize=size, leading=size * 1.2, textColor=colour)
    para = rich_paragraph(text, style)
    para.wrapOn(c, 10_000, 100)
    width = max(para.getActualLineWidths0() or [0.0])
    para = rich_paragraph(text, style)  # again at its own width: a right-to-left line is right-aligned
    para.wrapOn(c, width + 0.5, 100)
    x -= 0.5
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    para.drawOn(c, x, y - (style.leading - size))


_LINE_STYLES: dict[tuple[str, float, Any], ParagraphStyle] = {}


class LabelledChart(Flowable):
    """A chart `Drawing` with labels set over it as one-line paragraphs (shaped, in order)."""

    def __init__(self, drawing: Any, overlays: list[tuple[float, float, str, float, Any]], face: str) -> None:
        super().__init__()
        self.drawing, self.overlays, self.face = drawing, overlays, face

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.drawing.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.drawing.drawOn(self.canv, 0, 0)
        for x, y, text, size, colour in self.overlays:
            draw_line(self.canv, x, y, text, size, self.face, "left", colour)
