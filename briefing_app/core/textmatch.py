"""Verbatim matching of quotes and excerpts against source texts.

The contract compares after Unicode NFC normalisation and collapsing runs of
white space, so a quote copied across a line break still counts as verbatim.
The GUI and the PDF need the span in the *original* text to highlight it, so
`NormalisedText` keeps a map from each normalised character back to the raw
offset it came from.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["normalise", "NormalisedText", "nearest_match"]

_WS_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, runs of white space collapsed to one space, ends stripped."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _segments(text: str) -> list[tuple[int, str]]:
    """Split text at starters (combining class 0) so each piece NFCs alone."""
    out: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text)):
        if unicodedata.combining(text[i]) == 0:
            out.append((start, text[start:i]))
            start = i
    if text:
        out.append((start, text[start:]))
    return out


@dataclass
class NormalisedText:
    """A text in normalised form, with a map back to raw offsets."""

    raw: str
    text: str = field(init=False)
    _to_raw: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        chars: list[str] = []
        to_raw: list[int] = []
        raw = self.raw
        if unicodedata.is_normalized("NFC", raw):
            pieces: list[tuple[int, str]] | None = None
        else:
            pieces = _segments(raw)
        in_space = True  # leading white space is dropped
        if pieces is None:
            for i, ch in enumerate(raw):
                if ch.isspace():
                    if not in_space:
                        chars.append(" ")
                        to_raw.append(i)
                        in_space = True
                    continue
                in_space = False
                chars.append(ch)
                to_raw.append(i)
        else:
            for start, piece in pieces:
                if piece.isspace():
                    if not in_space:
                        chars.append(" ")
                        to_raw.append(start)
                        in_space = True
                    continue
                in_space = False
                for ch in unicodedata.normalize("NFC", piece):
                    if ch.isspace():
                        ch = " "
                    chars.append(ch)
                    to_raw.append(start)
        if chars and chars[-1] == " ":
            chars.pop()
            to_raw.pop()
        self.text = "".join(chars)
        self._to_raw = to_raw

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) for the normalised span [start, end)."""
        if start >= end:
            pos = self._to_raw[start] if start < len(self._to_raw) else len(self.raw)
            return pos, pos
        raw_start = self._to_raw[start]
        last = self._to_raw[end - 1]
        # extend over the rest of the last raw character's segment (combining marks)
        raw_end = last + 1
        while raw_end < len(self.raw) and unicodedata.combining(self.raw[raw_end]):
            raw_end += 1
        return raw_start, raw_end

    def find(self, needle: str, start: int = 0) -> tuple[int, int] | None:
        """Raw span of the first verbatim occurrence of `needle`, or None."""
        n = normalise(needle)
        if not n:
            return None
        pos = self.text.find(n, start)
        if pos < 0:
            return None
        return self.raw_span(pos, pos + len(n))

    def contains(self, needle: str) -> bool:
        n = normalise(needle)
        return bool(n) and n in self.text


def nearest_match(haystack: str, needle: str, limit: int = 200_000) -> tuple[str, float]:
    """The passage of `haystack` most like `needle`, with its similarity 0–1.

    Used only to explain a failed verbatim check, so a simple windowed
    difflib comparison is enough; very long haystacks are sampled at word
    starts to keep it fast.
    """
    n = normalise(needle)
    h = normalise(haystack)[:limit]
    if not n or not h:
        return "", 0.0
    width = len(n)
    best = (0.0, 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(n)
    starts = [0] + [m.end() for m in re.finditer(r"\s", h)]
    step = max(1, len(starts) // 4000)
    for s in starts[::step]:
        window = h[s : s + width]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
            continue
        r = matcher.ratio()
        if r > best[0]:
            best = (r, s)
    score, s = best
    return h[s : s + width], score
