"""Fast styled text for the bulk of the brief: runs in, lines out, no markup.

ReportLab's `Paragraph` parses an XML-ish markup string with the standard
library's HTML parser and breaks lines fragment by fragment in Python; on a
2,000-page brief that is most of the export time. The brief never needs
markup for briefing text — we know each run's face, colour, link and
highlight when we build it — so `Rich` collects styled runs directly and
`RichText` breaks them into lines with ReportLab's C-accelerated string
widths (cached per word) and draws each line with one text object.

What it keeps from `Paragraph`: font fallback per run (`fonts.split_runs`,
so every script gets real glyphs and stays extractable), bold/italic through
the registered families, superscript, colour, highlight background,
underline, internal links and named destinations, external links (only the
hrefs the caller vetted), forced line breaks, left/right/first-line indents,
over-long words broken by character, splitting across pages without widows
or orphans, and the same first-baseline and leading rules.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.colors import Color, toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from briefing_app.export.fonts import split_runs

__all__ = ["Rich", "RichText"]

_SPACE = re.compile(r"[ \t\r\n]+")
_SUP_RISE = 0.5  # as ReportLab's <super>: raised by half the size…
_SUP_SHRINK = 2.0  # …and smaller by 2 pt (at most a fifth)


class _Run:
    """A resolved run: concrete font, size, colour and decorations."""

    __slots__ = ("text", "font", "size", "colour", "rise", "href", "back", "underline", "widths", "space",
                 "cache", "plain")

    def __init__(self, text: str, font: str, size: float, colour: Color, rise: float, href: str | None,
                 back: Color | None, underline: bool) -> None:
        self.text, self.font, self.size, self.colour, self.rise = text, font, size, colour, rise
        self.href, self.back, self.underline = href, back, underline
        self.widths = _width_table(font, size)
        self.cache: dict[str, float] = self.widths.cache
        self.space = self.widths(" ")
        #: what `_TextOperators` draws: a TrueType face (subset by ReportLab) and an RGB `Color`
        self.plain = bool(getattr(getFont(font), "_dynamicFont", False)) and type(colour) is Color

    def same_look(self, other: _Run) -> bool:
        # colours are memoised objects (`_colour`): identity settles nearly every comparison
        # before ReportLab's Python-level Color.__eq__ is needed
        return (self.font == other.font and self.size == other.size
                and (self.colour is other.colour or self.colour == other.colour)
                and self.rise == other.rise and self.href == other.href
                and (self.back is other.back or self.back == other.back)
                and self.underline == other.underline)


_WIDTHS: dict[tuple[str, float], Any] = {}


def _width_table(font: str, size: float) -> Any:
    """A memoised `width(word)` for one face and size (words repeat a lot)."""
    key = (font, size)
    fn = _WIDTHS.get(key)
    if fn is None:
        face = getFont(font)
        cache: dict[str, float] = {}
        measure = face.stringWidth

        def fn(word: str, _c: dict[str, float] = cache, _m: Any = measure, _s: float = size) -> float:
            w = _c.get(word)
            if w is None:
                w = _m(word, _s)
                if len(_c) < 200_000:
                    _c[word] = w
            return w

        fn.cache = cache  # type: ignore[attr-defined]
        _WIDTHS[key] = fn
    return fn


_COLOURS: dict[str, Color] = {}
_PROTOS: dict[tuple[Any, ...], _Run] = {}


def _colour(spec: str) -> Color:
    c = _COLOURS.get(spec)
    if c is None:
        c = _COLOURS[spec] = toColor(spec)
    return c


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
                    if n == "href" and vals[i] is not None:
                        continue  # an inner link wins
                    if n == "back" and vals[i] is not None:
                        continue  # an inner highlight wins
                    vals[i] = overrides[n]
            self.items.append(("t", it[1], *vals))
        return self

    def plain(self) -> str:
        return "".join(it[1] for it in self.items if it[0] == "t")

    def __bool__(self) -> bool:
        return bool(self.items)


# A word: (frags, width); a frag: (run, text, width) or (None, anchor name, 0.0).
_Word = tuple[list[tuple[Any, str, float]], float]
_NEWLINE: _Word = ([], -1.0)


def _resolve(rich: Rich, style: ParagraphStyle) -> list[tuple[Any, ...]]:
    """Runs with concrete faces (font fallback applied) and anchors, in order."""
    out: list[tuple[Any, ...]] = []
    try:
        base_family, base_bold, base_italic = ps2tt(style.fontName)
    except ValueError:
        base_family, base_bold, base_italic = style.fontName, 0, 0
    base_colour = style.textColor
    base_size = style.fontSize
    runs = _PROTOS
    for it in rich.items:
        kind = it[0]
        if kind != "t":
            out.append(it)
            continue
        _, text, bold, italic, family, size, colour, href, back, sup, underline = it
        size = base_size if size is None else size
        rise = 0.0
        if sup:
            rise = size * _SUP_RISE
            size = size - min(_SUP_SHRINK, 0.2 * size)
        colour = base_colour if colour is None else (_colour(colour) if isinstance(colour, str) else colour)
        if isinstance(back, str):
            back = _colour(back)
        fam = family or base_family
        if family is None:
            bold, italic = bold or bool(base_bold), italic or bool(base_italic)
        for fb, chunk in split_runs(text):
            font = _face(fb or fam, bold, italic)
            key = (font, size, colour, rise, href, back, underline)
            proto = runs.get(key)
            if proto is None:
                proto = runs[key] = _Run("", font, size, colour, rise, href, back, underline)
            out.append(("t", chunk, proto))
    return out


def _words(resolved: list[tuple[Any, ...]]) -> list[_Word]:
    words: list[_Word] = []
    cur: list[tuple[Any, str, float]] | None = None
    cur_w = 0.0
    for it in resolved:
        kind = it[0]
        if kind == "n":
            if cur is not None:
                words.append((cur, cur_w))
            words.append(_NEWLINE)
            cur = None
            continue
        if kind == "a":
            if cur is None:
                cur, cur_w = [], 0.0
            cur.append((None, it[1], 0.0))
            continue
        text, run = it[1], it[2]
        parts = _SPACE.split(text)
        cache = run.cache
        ws = list(map(cache.get, parts))
        if None in ws:
            ws = [run.widths(t) if w is None else w for t, w in zip(parts, ws, strict=True)]
        first, w0 = parts[0], ws[0]
        if first:
            if cur is None:
                cur, cur_w = [(run, first, w0)], w0
            else:
                cur.append((run, first, w0))
                cur_w += w0
        if len(parts) == 1:
            continue
        if cur is not None:  # a space ends the word
            words.append((cur, cur_w))
        # Whole words between spaces (the split never leaves empty ones inside).
        words.extend([([(run, t, w)], w) for t, w in zip(parts[1:-1], ws[1:-1], strict=True)])
        last = parts[-1]
        cur, cur_w = ([(run, last, ws[-1])], ws[-1]) if last else (None, 0.0)
    if cur is not None:
        words.append((cur, cur_w))
    return words


def _break_long(word: _Word, avail: float, first_avail: float) -> list[_Word]:
    """Cut a word wider than the line into pieces that fit, character by character."""
    pieces: list[_Word] = []
    frags: list[tuple[Any, str, float]] = []
    used = 0.0
    limit = first_avail
    for run, text, w in word[0]:
        if run is None:
            frags.append((run, text, w))
            continue
        if used + w <= limit:
            frags.append((run, text, w))
            used += w
            continue
        measure = run.widths
        start = 0
        acc = 0.0
        for j, ch in enumerate(text):
            cw = measure(ch)
            if used + acc + cw > limit and (used + acc > 0):
                if j > start:
                    frags.append((run, text[start:j], acc))
                pieces.append((frags, used + acc))
                frags, used, acc, start = [], 0.0, 0.0, j
                limit = avail
            acc += cw
        if start < len(text):
            frags.append((run, text[start:], acc))
            used += acc
    if frags:
        pieces.append((frags, used))
    return pieces


class RichText(Flowable):
    """A paragraph of `Rich` runs in a `ParagraphStyle` (only its plain attributes are used)."""

    def __init__(self, rich: Rich | list[_Word], style: ParagraphStyle, *, first: bool = True) -> None:
        super().__init__()
        self.style = style
        if isinstance(rich, list):  # the pieces of a split paragraph
            self._words = rich
            self._plain = all(run is None or run.plain for frags, _w in rich for run, _t, _fw in frags)
        else:
            resolved = _resolve(rich, style)
            self._words = _words(resolved)
            self._plain = all(it[0] != "t" or it[2].plain for it in resolved)
        self._first = first  # the first piece of a paragraph gets the first-line indent
        self._cache_w: float | None = None
        self._lines: list[list[_Word]] = []
        self.spaceBefore = style.spaceBefore if first else 0
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.keep_under = 0.0  # no taller than this: never split, move on whole (a source note)
        self.width = self.height = 0.0

    # -- layout -----------------------------------------------------------
    def _break(self, aw: float) -> list[list[_Word]]:
        if self._cache_w == aw:
            return self._lines
        st = self.style
        avail = max(1.0, aw - st.leftIndent - st.rightIndent)
        first_avail = max(1.0, avail - (st.firstLineIndent if self._first else 0))
        lines: list[list[_Word]] = []
        line: list[_Word] = []
        used = 0.0
        limit = first_avail
        for word in self._words:
            ww = word[1]
            if ww < 0:  # forced break
                lines.append(line)
                line, used, limit = [], 0.0, avail
                continue
            space = _lead_space(word) if line else 0.0
            if used + space + ww <= limit or (not line and ww <= limit):
                line.append(word)
                used += space + ww
                continue
            if line:
                lines.append(line)
                line, used, limit = [], 0.0, avail
            if ww <= limit:
                line, used = [word], ww
                continue
            pieces = _break_long(word, avail, limit)
            for p in pieces[:-1]:
                lines.append([p])
            limit = avail
            line, used = [pieces[-1]], pieces[-1][1]
        if line or not lines:
            lines.append(line)
        self._cache_w, self._lines = aw, lines
        return lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        lines = self._break(aw)
        self.width = aw
        self.height = len(lines) * self.style.leading
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        lines = self._break(aw)
        n = len(lines)
        fit = int((ah + 1e-6) // self.style.leading)
        if fit >= n:
            return [self]
        if self.keep_under and n * self.style.leading <= self.keep_under:
            return []
        # No orphan (a lone first line) at the foot, no widow (a lone last line) at the head.
        if n - fit < 2:
            fit = n - 2
        if fit < 2:
            return []
        head = RichText._from_lines(lines[:fit], self.style, self._first, aw)
        head.spaceAfter = 0
        tail = RichText._from_lines(lines[fit:], self.style, False, None)
        return [head, tail]

    @classmethod
    def _from_lines(cls, lines: list[list[_Word]], style: ParagraphStyle, first: bool,
                    aw: float | None) -> RichText:
        words: list[_Word] = []
        for i, line in enumerate(lines):
            words.extend(line)
            if i < len(lines) - 1:
                words.append(_NEWLINE)  # keep the breaks already chosen
        obj = cls(words, style, first=first)
        if aw is not None:
            obj._cache_w, obj._lines = aw, lines
        return obj

    # -- drawing ----------------------------------------------------------
    def draw(self) -> None:
        self.paint_at(self.canv, 0.0, 0.0)

    def paint_at(self, c: Any, ox: float, oy: float) -> None:
        """Draw with the bottom-left corner at (ox, oy) of the current user space, after `wrap`.

        Table cells call this directly: no saveState/translate/restoreState per cell.
        """
        st = self.style
        lines = self._break(self.width)
        leading = st.leading
        y = oy + self.height - st.fontSize  # ReportLab's paraFontSizeHeightOffset rule
        # ReportLab's own text object for anything `_TextOperators` does not write
        direct = self._plain and c.bottomup and getattr(c, "_enforceColorSpace", None) is None
        tx = _TextOperators(c) if direct else c.beginText()
        font = size = colour = None
        links: list[tuple[str, tuple[float, float, float, float]]] = []
        marks: list[tuple[str, float, float]] = []
        for li, line in enumerate(lines):
            x = ox + st.leftIndent + (st.firstLineIndent if (li == 0 and self._first) else 0)
            segs = _segments(line, x)
            for run, text, sx, sw in segs:
                if run is None:
                    marks.append((text, sx, y + leading))
                    continue
                if run.back is not None:
                    c.setFillColor(run.back)
                    c.rect(sx, y - 0.25 * run.size, sw, run.size * 1.2 + run.rise, stroke=0, fill=1)
            for run, text, sx, sw in segs:
                if run is None:
                    continue
                tx.setTextOrigin(sx, y + run.rise)
                if run.font != font or run.size != size:
                    font, size = run.font, run.size
                    tx.setFont(font, size, leading)
                if run.colour is not colour and run.colour != colour:
                    colour = run.colour
                    tx.setFillColor(colour)
                # `_textOut`: `textOut` also measures the text to move ReportLab's cursor, which
                # nothing here uses (every segment sets its own origin, at a width already known)
                tx._textOut(text)
                if run.underline:
                    c.setStrokeColor(run.colour)
                    c.setLineWidth(0.5)
                    c.line(sx, y - 0.125 * run.size, sx + sw, y - 0.125 * run.size)
                if run.href:
                    links.append((run.href, (sx, y - 0.2 * run.size + run.rise, sx + sw,
                                             y + 0.8 * run.size + run.rise)))
            y -= leading
        c.drawText(tx)
        for name, mx, my in marks:
            c.bookmarkHorizontal(name, mx, my)
        for href, rect in links:
            if href.startswith("#"):
                _link(c, href[1:], rect)
            else:
                c.linkURL(href, rect, relative=1)


class _InternalLink(PDFObject):
    """A link annotation to a named destination, written straight to bytes.

    The same dictionary `Canvas.linkRect(..., relative=1)` writes (border
    0 0 0, empty contents), without building a `PDFDictionary` of
    `PDFArray`s for each of tens of thousands of note links.
    """

    __slots__ = ("dest", "rect")

    def __init__(self, dest: Any, rect: tuple[float, float, float, float]) -> None:
        self.dest, self.rect = dest, rect

    def format(self, document: Any) -> bytes:
        return (b"<<\n/Border [ 0 0 0 ] /Contents () /Dest " + self.dest.format(document)
                + b" /Rect [ " + fp_str(*self.rect).encode("ascii") + b" ] /Subtype /Link /Type /Annot\n>>")


def _link(c: Any, name: str, rect: tuple[float, float, float, float]) -> None:
    # Canvas.linkRect's own steps (reportlab.pdfgen.canvas), with the light annotation above.
    c._addAnnotation(_InternalLink(c._bookmarkReference(name), c._absRect(rect, 1)))


class _TextOperators:
    """The operators `PDFTextObject` writes for what `RichText.paint_at` draws, made directly.

    `paint_at` sets an origin, a face, a colour and a string for each stretch of
    same-looking text, some 230,000 of them in the 1,830-page benchmark brief;
    ReportLab's text object spends a font lookup, a state save and restore and a
    list on each string. This writes the same operators, byte for byte (tests/export
    build briefs both ways and compare), for what the brief draws: TrueType faces,
    RGB colours (opacity included), a bottom-up canvas without an enforced colour
    space; a paragraph with anything else gets ReportLab's text object. It offers
    the four text-object methods `paint_at` uses and `getCode`, so `Canvas.drawText`
    takes it like a text object.
    """

    __slots__ = ("_canvas", "_doc", "_code", "_escape", "_font", "_tf", "_subset", "_transparency")

    def __init__(self, canvas: Any) -> None:
        self._canvas, self._doc, self._escape = canvas, canvas._doc, canvas._escape
        self._code = ["BT", f"1 0 0 1 {fp_str(0, 0)} Tm"]  # as beginText() at (0, 0)
        self._font: Any = None
        self._tf = ""
        self._subset = -1
        self._transparency = False  # ensureMinPdfVersion("transparency") called

    def setTextOrigin(self, x: float, y: float) -> None:  # noqa: N802 (ReportLab's names)
        self._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")

    def setFont(self, name: str, size: float, leading: float) -> None:  # noqa: N802
        font = getFont(name)
        if not font._dynamicFont:
            raise TypeError(f"{name} is not a TrueType face; the brief embeds TrueType only")
        self._font, self._tf, self._subset = font, f"{fp_str(size)} Tf {fp_str(leading)} TL", -1

    def setFillColor(self, colour: Color) -> None:  # noqa: N802
        # PDFTextObject.setFillColor for an RGB Color, opacity included (setFillAlpha)
        self._code.append(f"{fp_str((colour.red, colour.green, colour.blue))} rg")
        alpha = colour.alpha
        if alpha is None:
            return
        if not 0 <= alpha <= 1:
            raise ValueError(f"setFillAlpha invalid value {alpha!r}")
        state = self._canvas._extgstate
        # ExtGState.set writes an operator only when the opacity changes; the version needs
        # raising once: skip both calls when neither would do anything
        if not self._transparency or alpha != state._d.get("ca", 1):
            self._doc.ensureMinPdfVersion("transparency")
            state.set(self, "ca", alpha)
            self._transparency = True

    def _textOut(self, text: str) -> None:  # noqa: N802
        font, doc, parts = self._font, self._doc, []
        for subset, chunk in font.splitString(text, doc):
            if subset != self._subset:
                parts.append(f"{font.getSubsetInternalName(subset, doc)} {self._tf}")
                self._subset = subset
            parts.append(f"({self._escape(chunk)}) Tj")
        self._code.append(" ".join(parts))

    def getCode(self) -> str:  # noqa: N802
        self._code.append("ET")
        return " ".join(self._code)


def _lead_space(word: _Word) -> float:
    for run, _t, _w in word[0]:
        if run is not None:
            return run.space
    return 0.0


def _segments(line: list[_Word], x: float) -> list[tuple[Any, str, float, float]]:
    """One (run, text, x, width) per stretch of same-looking text; anchors as (None, name, x, 0)."""
    segs: list[tuple[Any, str, float, float]] = []
    cur_run: _Run | None = None
    parts: list[str] = []
    cur_x = x
    cur_w = 0.0
    for wi, (frags, _w) in enumerate(line):
        pending = wi > 0  # the space before this word
        for run, text, w in frags:
            if run is None:
                segs.append((None, text, x, 0.0))
                continue
            gap = run.space if pending else 0.0
            pending = False
            if cur_run is not None and (cur_run is run or cur_run.same_look(run)):
                if gap:
                    parts.append(" ")
                    cur_w += gap
                parts.append(text)
                cur_w += w
                x += gap + w
                continue
            if cur_run is not None:
                segs.append((cur_run, "".join(parts), cur_x, cur_w))
            x += gap
            cur_run, parts, cur_x, cur_w = run, [text], x, w
            x += w
    if cur_run is not None:
        segs.append((cur_run, "".join(parts), cur_x, cur_w))
    return segs
