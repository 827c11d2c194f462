"""Right-to-left text: which paragraphs need shaping, and the order of words on a line.

ReportLab shapes each word with HarfBuzz (`shaping=1`), which joins Arabic
letters and writes each word in its own direction. What it does not do for a
paragraph of several fragments (ReportLab 5 turns its bidi off there, and its
bidi needs `rlbidi`, which is not on PyPI) is put the *words* of a line in
visual order. This module does that with the Unicode bidirectional algorithm
(UAX #9) applied to whole words: a word's type is that of its first strong
character (digits are weak types, punctuation neutral), levels are resolved by
rules W2, W7, N0 (bracket pairs cut from left-to-right words), N1, N2, I1 and
I2, and each line is reordered by rule L2. A superscript mark (a citation
"[1,4]", a note letter) is not a word: it is set whole after the word it
follows, in that word's direction (to its left on a right-to-left run). No
characters are moved: the words come shaped from ReportLab and stay as they are.
Explicit embeddings and isolates (U+202A…U+2069) are not interpreted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["needs_shaping", "base_is_rtl", "word_levels", "reorder", "visual_order"]

# Scripts HarfBuzz must shape: Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic extensions,
# the Indic scripts, Tibetan, Myanmar, Khmer, and Hebrew/Arabic presentation forms.
_SHAPED = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF),
           (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EEFF))


def needs_shaping(text: str) -> bool:
    """Whether `text` has a character of a script that needs shaping (or is right-to-left)."""
    return not text.isascii() and _SHAPED_RE.search(text) is not None


_SHAPED_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _SHAPED) + "]")


def _strong(text: str) -> str | None:
    """'L' or 'R' for the first strong character of `text` (private-use glyphs skipped)."""
    for ch in text:
        c = unicodedata.bidirectional(ch)
        if c == "L":
            if 0xE000 <= ord(ch) <= 0xF8FF:  # a shaped glyph without a code point of its own
                continue
            return "L"
        if c in ("R", "AL"):
            return "R"
    return None


def base_is_rtl(text: str) -> bool:
    """Rules P2 and P3: the paragraph is right-to-left when its first strong character is."""
    return _strong(text) == "R"


def _word_type(text: str) -> str:
    """'L', 'R', 'AL' (Arabic letters), 'EN', 'AN' (Arabic-Indic digits) or 'ON' for a word."""
    weak = None
    for ch in text:
        c = unicodedata.bidirectional(ch)
        if c == "L" and not 0xE000 <= ord(ch) <= 0xF8FF:
            return "L"
        if c in ("R", "AL"):
            return c
        if c in ("EN", "AN") and weak is None:
            weak = c
    return weak or "ON"


def word_levels(types: list[str], rtl: bool, brackets: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Embedding levels for words of the given types in a paragraph of the given direction.

    `brackets`: (opening, closing) positions of paired brackets, resolved together by rule N0
    so that "(Minister)" inside a right-to-left line keeps both its brackets around the word.
    """
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    t = list(types)
    # W2: European digits after Arabic letters are Arabic numbers; W3: AL is R.
    last = sos
    for i, x in enumerate(t):
        if x in ("L", "R", "AL"):
            last = x
        elif x == "EN" and last == "AL":
            t[i] = "AN"
    t = ["R" if x == "AL" else x for x in t]
    # W7: European digits after left-to-right text (or at the start of an LTR paragraph) are L.
    last = sos
    for i, x in enumerate(t):
        if x in ("L", "R"):
            last = x
        elif x == "EN" and last == "L":
            t[i] = "L"
    _pair_brackets(t, brackets, sos)
    # N1, N2: neutral words take the direction of the strong text on both sides, else the paragraph's.
    i = 0
    n = len(t)
    while i < n:
        if t[i] != "ON":
            i += 1
            continue
        j = i
        while j < n and t[j] == "ON":
            j += 1
        before = sos if i == 0 else ("R" if t[i - 1] in ("R", "EN", "AN") else "L")
        after = sos if j == n else ("R" if t[j] in ("R", "EN", "AN") else "L")
        d = before if before == after else sos
        for k in range(i, j):
            t[k] = d
        i = j
    # I1, I2.
    out = []
    for x in t:
        if base == 0:
            out.append(0 if x == "L" else 1 if x == "R" else 2)
        else:
            out.append(1 if x == "R" else 2)
    return out


def _pair_brackets(t: list[str], brackets: Any, sos: str) -> None:
    """Rule N0: a bracket pair takes the direction of the strong text inside it (digits count as R)."""
    def strong(x: str) -> str | None:
        return "R" if x in ("R", "EN", "AN") else "L" if x == "L" else None

    opposite = "L" if sos == "R" else "R"
    for i, j in sorted(brackets):
        inside = {strong(x) for x in t[i + 1:j]}
        if sos in inside:
            d = sos
        elif opposite in inside:
            before = next((s for s in (strong(x) for x in reversed(t[:i])) if s), sos)
            d = opposite if before == opposite else sos
        else:
            continue
        t[i] = t[j] = d


def reorder(items: list[Any], levels: list[int]) -> list[Any]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run at that level or above."""
    if not levels:
        return list(items)
    order = list(range(len(items)))
    lv = list(levels)
    lowest_odd = min(x for x in lv) | 1
    for level in range(max(lv), lowest_odd - 1, -1):
        i = 0
        while i < len(lv):
            if lv[i] < level:
                i += 1
                continue
            j = i
            while j < len(lv) and lv[j] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            lv[i:j] = lv[i:j][::-1]
            i = j
    return [items[k] for k in order]


_STRONG_OR_NUMBER = frozenset(("L", "R", "AL", "EN", "AN", "NSM"))
_MIRROR = dict(zip("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039", strict=True))


def _neutral(ch: str) -> bool:
    return unicodedata.bidirectional(ch) not in _STRONG_OR_NUMBER and not 0xE000 <= ord(ch) <= 0xF8FF


def _mirrored(text: str) -> str:
    return "".join(_MIRROR.get(c, c) for c in reversed(text))


class _Item:
    """A word, a run of punctuation cut from a word's edge, or a space, on one line (logical order)."""

    __slots__ = ("kind", "pieces", "other", "type", "marks", "logical")

    def __init__(self, kind: str, pieces: list[Any], type_: str, other: list[Any] | None = None) -> None:
        self.kind, self.pieces, self.type, self.other = kind, pieces, type_, other
        #: a citation mark ("[1,4]", superscript) set right after this item in reading order
        self.marks: list[Any] = []
        #: the punctuation as written, when it was cut from a left-to-right word (for bracket pairs)
        self.logical = ""


def _cut_edges(word: list[Any]) -> list[_Item]:
    """A word as [leading punctuation], core, [trailing punctuation] (logical order).

    HarfBuzz sets a right-to-left word's punctuation inside the word; where the bidi
    algorithm puts it elsewhere (a full stop after an Arabic name in an English
    sentence), it has to be its own item. Each cut piece keeps two renderings: as
    drawn inside the word, and the other way round (reversed, brackets mirrored).
    """
    word = _reading_order(word)
    text = "".join(getattr(p, "text", "") for p in word)
    kind = _word_type(text)
    if kind == "L" and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        # HarfBuzz set a word that starts with a right-to-left letter (ו-NATO) right to left as one
        # run: it moves as a right-to-left word (its drawn order starts at its logical end)
        kind = "R"
    if kind == "ON":
        return [_Item("word", word, kind)]
    rtl = kind in ("R", "AL")
    glyphs: list[tuple[int, int]] = []  # (piece index, character index) in drawing order
    for pi, p in enumerate(word):
        t = getattr(p, "text", "")
        if t and not hasattr(p, "cbDefn"):
            glyphs.extend((pi, ci) for ci in range(len(t)))
    if not glyphs:
        return [_Item("word", word, kind)]

    def ch(g: tuple[int, int]) -> str:
        return str(word[g[0]].text[g[1]])

    if not rtl:
        return _cut_runs(word, glyphs, ch, cut_pieces=lambda a, b: _cut(word, glyphs, a, b))
    left = 0
    while left < len(glyphs) and _neutral(ch(glyphs[left])):
        left += 1
    right = len(glyphs)
    while right > left and _neutral(ch(glyphs[right - 1])):
        right -= 1
    if left == right or (left == 0 and right == len(glyphs)):
        return [_Item("word", word, kind)]

    def cut(a: int, b: int) -> list[Any]:
        return _cut(word, glyphs, a, b)

    def punctuation(a: int, b: int) -> _Item:
        return _punctuation(cut(a, b), rtl)

    anchors = [p for p in word if hasattr(p, "cbDefn")]
    core = anchors + cut(left, right)
    drawn_left = [punctuation(0, left)] if left else []
    drawn_right = [punctuation(right, len(glyphs))] if right < len(glyphs) else []
    # drawing order is visual: for a right-to-left word, its left edge is its logical end
    before, after = (drawn_right, drawn_left) if rtl else (drawn_left, drawn_right)
    return [*before, _Item("word", core, kind), *after]


def _is_rtl_script(ch: str) -> bool:
    o = ord(ch)
    return 0x0590 <= o <= 0x08FF or 0xFB1D <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


def _reading_order(word: list[Any]) -> list[Any]:
    """A word HarfBuzz shaped right to left, with its left-to-right runs turned back to reading order.

    HarfBuzz lays a whole word out in one direction, guessed from its script: in
    `ב-2023`, `١٢` or `۱۴۰۳` (Arabic-Indic digits are Arabic script) it writes the
    digits right to left too, so they read backwards. Digits and Latin letters do
    not join, so each such run (with a separator between two of its characters,
    as in `1,000` or `3.5`) is put back in reading order glyph by glyph.
    """
    pieces = [(pi, p) for pi, p in enumerate(word) if getattr(p, "text", "") and not hasattr(p, "cbDefn")]
    text = "".join(str(p.text) for _, p in pieces)
    if not any(_is_rtl_script(c) for c in text):
        return word  # shaped left to right: nothing reads backwards
    glyphs = [(pi, ci) for pi, p in pieces for ci in range(len(p.text))]
    chars = [str(word[pi].text[ci]) for pi, ci in glyphs]

    def ltr(c: str) -> bool:
        k = unicodedata.bidirectional(c)
        return k in ("EN", "AN") or (k == "L" and not _is_rtl_script(c) and not 0xE000 <= ord(c) <= 0xF8FF)

    inside = [ltr(c) for c in chars]
    for i in range(1, len(chars) - 1):  # 1,000  3.5  NATO-EU
        if not inside[i] and unicodedata.bidirectional(chars[i]) in ("CS", "ES", "ET") \
                and inside[i - 1] and inside[i + 1]:
            inside[i] = True
    if not any(inside):
        return word
    out: list[Any] = [p for p in word if hasattr(p, "cbDefn")]
    i = 0
    while i < len(glyphs):
        j = i + 1
        while j < len(glyphs) and inside[j] == inside[i]:
            j += 1
        if inside[i] and j - i > 1:
            for k in range(j - 1, i - 1, -1):
                out.extend(_cut(word, glyphs, k, k + 1))
        else:
            out.extend(_cut(word, glyphs, i, j))
        i = j
    return out


def _cut(word: list[Any], glyphs: list[tuple[int, int]], a: int, b: int) -> list[Any]:
    """The drawn pieces for glyphs[a:b] (a slice of each piece's text, shaping kept)."""
    out: list[Any] = []
    for pi in sorted({glyphs[k][0] for k in range(a, b)}):
        idx = [glyphs[k][1] for k in range(a, b) if glyphs[k][0] == pi]
        out.append(word[pi].clone(text=word[pi].text[idx[0]:idx[-1] + 1]))
    return out


def _punctuation(drawn: list[Any], drawn_rtl: bool) -> _Item:
    """Punctuation cut from a word: `pieces` as drawn at an even (left-to-right) level, `other` at an odd one."""
    flipped = [p.clone(text=_mirrored(str(p.text))) for p in reversed(drawn)]
    return _Item("punct", flipped if drawn_rtl else drawn, "ON", drawn if drawn_rtl else flipped)


def _cut_runs(word: list[Any], glyphs: list[tuple[int, int]], ch: Any, cut_pieces: Any) -> list[_Item]:
    """A word drawn left to right (Latin, digits) as runs of letters, digits and punctuation.

    "2024.[2]" (a year, a full stop and a citation mark, no space between) is four
    runs to the bidi algorithm; in a Hebrew sentence they do not stay in this order.
    """
    def group(g: tuple[int, int]) -> str:
        c = ch(g)
        if _neutral(c):
            return "ON"
        k = unicodedata.bidirectional(c)
        return k if k in ("EN", "AN") else "L"

    kinds = [group(g) for g in glyphs]
    for i in range(1, len(glyphs) - 1):  # rule W4: 1,000 and 3.5 are one number
        sep = unicodedata.bidirectional(ch(glyphs[i]))
        if kinds[i] == "ON" and kinds[i - 1] == kinds[i + 1] and (
                (kinds[i - 1] == "EN" and sep in ("CS", "ES")) or (kinds[i - 1] == "AN" and sep == "CS")):
            kinds[i] = kinds[i - 1]
    runs: list[tuple[int, int, str]] = []
    for i, k in enumerate(kinds):
        if runs and runs[-1][2] == k:
            runs[-1] = (runs[-1][0], i + 1, k)
        else:
            runs.append((i, i + 1, k))
    text = "".join(ch(g) for g in glyphs)
    if len(runs) < 2:
        return [_Item("word", word, _word_type(text))]
    items = [_punctuation(cut_pieces(a, b), False) if k == "ON" else _Item("word", cut_pieces(a, b), k)
             for a, b, k in runs]
    for it, (a, b, k) in zip(items, runs, strict=True):
        if k == "ON":
            it.logical = "".join(ch(glyphs[i]) for i in range(a, b))
    anchors = [p for p in word if hasattr(p, "cbDefn")]
    if anchors:
        items[0].pieces[:0] = anchors
        if items[0].other is not None:
            items[0].other[:0] = anchors
    return items


def _word_break(text: str, start: int) -> int:
    """The next space in `text` from `start` that separates words, or -1.

    A default-ignorable character (the zero-width non-joiner of Persian `می‌کنیم`,
    a zero-width joiner or space) comes back from shaping as the font's space glyph
    with no advance: it is inside the word, not between two. Shaped text carries
    each glyph's shaping data (`ShapeData`, as passed to `ShapedStr(s, shapeData=…)`).
    """
    data = getattr(text, "__shapeData__", None)
    k = text.find(" ", start)
    while k >= 0 and data is not None and k < len(data) and data[k].x_advance == 0 and data[k].width != 0:
        k = text.find(" ", k + 1)
    return k


def visual_order(frags: list[Any], rtl: bool) -> list[Any]:
    """The fragments of one line (ReportLab's `FragLine.words`) in visual order.

    Each fragment's text is cut at spaces into words (a word can span fragments:
    a highlighted part of a word, a quotation mark); words keep their fragments
    and their shaped text; only their places on the line change, and punctuation
    at a word's edge moves where the bidi algorithm puts it.
    """
    items: list[_Item] = []
    current: list[Any] = []
    tail: list[Any] = []

    def end_word() -> None:
        nonlocal current
        if not any(getattr(p, "text", "") for p in current):
            return
        k = len(current)
        while k > 0 and (_is_mark(current[k - 1]) or not getattr(current[k - 1], "text", "")):
            k -= 1
        while k < len(current) and not _is_mark(current[k]):
            k += 1  # anchors before the mark stay with the word
        word, mark = current[:k], current[k:]
        if any(getattr(p, "text", "") for p in word):
            items.extend(_cut_edges(word))
        if mark:
            _glue(items, mark)
        current = []

    for f in frags:
        if getattr(f, "lineBreak", False) and not hasattr(f, "cbDefn"):
            tail.append(f)
            continue
        text = getattr(f, "text", "")
        if hasattr(f, "cbDefn") or not text:
            current.append(f)
            continue
        start = 0
        while True:
            k = _word_break(text, start)
            end = len(text) if k < 0 else k
            if end > start:
                current.append(f.clone(text=text[start:end]))
            if k < 0:
                break
            if any(getattr(p, "text", "") for p in current):
                end_word()
                items.append(_Item("space", [], "ON"))
            start = k + 1
    end_word()
    if current:  # anchors at the end of the line stay with the last word
        words = [it for it in items if it.kind == "word"]
        if words:
            words[-1].pieces.extend(current)
        else:
            items.append(_Item("word", current, "ON"))
    while items and items[-1].kind == "space":
        items.pop()
    levels = word_levels([it.type for it in items], rtl, _bracket_pairs(items))
    placed = reorder(list(zip(items, levels, strict=True)), levels)
    out: list[Any] = []
    for it, level in placed:
        if it.kind == "space":
            for i in range(len(out) - 1, -1, -1):
                if getattr(out[i], "text", "") and not hasattr(out[i], "cbDefn"):
                    out[i] = out[i].clone(text=out[i].text + " ")
                    break
            continue
        drawn = it.other if it.kind == "punct" and level % 2 and it.other is not None else it.pieces
        # a mark follows its word in reading order: to its left on a right-to-left run
        out.extend([*it.marks, *drawn] if level % 2 else [*drawn, *it.marks])
    return out + tail


def _is_mark(frag: Any) -> bool:
    """A superscript fragment (a citation or note mark): it is set whole, after its word."""
    return bool(getattr(frag, "text", "")) and not hasattr(frag, "cbDefn") and (getattr(frag, "rise", 0) or 0) > 0


def _glue(items: list[_Item], mark: list[Any]) -> None:
    """Attach a mark to the item before it (the space ReportLab needed between them goes)."""
    while items and items[-1].kind == "space":
        items.pop()
    if items:
        items[-1].marks.extend(mark)
    else:
        items.append(_Item("word", mark, "ON"))


_OPENING = "([{"
_CLOSING = ")]}"


def _bracket_pairs(items: list[_Item]) -> list[tuple[int, int]]:
    """Positions of punctuation items that open and close the same bracket (BD16, simplified)."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for i, it in enumerate(items):
        text = it.logical or ("".join(str(getattr(p, "text", "")) for p in it.pieces) if it.type == "ON" else "")
        if not text:
            continue
        if text[0] in _CLOSING:
            want = _OPENING[_CLOSING.index(text[0])]
            for d in range(len(stack) - 1, -1, -1):
                if stack[d][1] == want:
                    pairs.append((stack[d][0], i))
                    del stack[d:]
                    break
        if text[-1] in _OPENING and (len(text) > 1 or text[0] not in _CLOSING):
            stack.append((i, text[-1]))
    return pairs
