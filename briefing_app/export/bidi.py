"""Right-to-left text: which paragraphs need shaping, and the order of words on a line.

ReportLab shapes each word with HarfBuzz (`shaping=1`), which joins Arabic
letters and writes each word in its own direction. What it does not do for a
paragraph of several fragments (ReportLab 5 turns its bidi off there, and its
bidi needs `rlbidi`, which is not on PyPI) is put the *words* of a line in
visual order. This module does that with the Unicode bidirectional algorithm
(UAX #9) applied to whole words: a word's type is that of its first strong
character (digits are weak types, punctuation neutral), levels are resolved by
rules W2, W7, N1, N2, I1 and I2, and each line is reordered by rule L2. No
characters are moved: the words come shaped from ReportLab and stay as they are.
Explicit embeddings and isolates (U+202A…U+2069) are not interpreted.
"""

from __future__ import annotations

import unicodedata
from typing import Any

__all__ = ["needs_shaping", "base_is_rtl", "word_levels", "reorder", "visual_order"]

# Scripts HarfBuzz must shape: Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic extensions,
# the Indic scripts, Tibetan, Myanmar, Khmer, and Hebrew/Arabic presentation forms.
_SHAPED = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF),
           (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EEFF))
_LOW = 0x0590


def needs_shaping(text: str) -> bool:
    """Whether `text` has a character of a script that needs shaping (or is right-to-left)."""
    if text.isascii():
        return False
    for ch in text:
        o = ord(ch)
        if o < _LOW:
            continue
        for lo, hi in _SHAPED:
            if lo <= o <= hi:
                return True
    return False


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


def word_levels(types: list[str], rtl: bool) -> list[int]:
    """Embedding levels for words of the given types in a paragraph of the given direction."""
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


def visual_order(frags: list[Any], rtl: bool) -> list[Any]:
    """The fragments of one line (ReportLab's `FragLine.words`) with their words in visual order.

    Each fragment's text is cut at spaces into words (a word can span fragments:
    a highlighted part of a word, a quotation mark); words keep their fragments
    and their shaped text, only their places on the line change.
    """
    words: list[list[Any]] = []
    current: list[Any] = []
    tail: list[Any] = []
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
            k = text.find(" ", start)
            end = len(text) if k < 0 else k
            if end > start:
                current.append(f.clone(text=text[start:end]))
            if k < 0:
                break
            if any(getattr(p, "text", "") for p in current):
                words.append(current)
                current = []
            start = k + 1
    if current:
        if words and not any(getattr(p, "text", "") for p in current):
            words[-1].extend(current)  # anchors at the end of the line stay with the last word
        else:
            words.append(current)
    if len(words) < 2:
        return [p for w in words for p in w] + tail if words else list(frags)
    types = [_word_type("".join(getattr(p, "text", "") for p in w)) for w in words]
    placed = reorder(words, word_levels(types, rtl))
    out: list[Any] = []
    for n, w in enumerate(placed):
        pieces = list(w)
        if n < len(placed) - 1:
            for i in range(len(pieces) - 1, -1, -1):
                if getattr(pieces[i], "text", "") and not hasattr(pieces[i], "cbDefn"):
                    pieces[i] = pieces[i].clone(text=pieces[i].text + " ")
                    break
        out.extend(pieces)
    return out + tail
