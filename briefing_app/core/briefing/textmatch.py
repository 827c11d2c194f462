"""Verbatim matching of quotes and excerpts against source texts.

The contract compares after Unicode NFC normalisation and collapsing runs of
white space, so a quote copied across a line break still counts as verbatim.
The GUI and the PDF need the span in the *original* text to highlight it, so
`NormalisedText` keeps a map from each normalised character back to the raw
offset it came from.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "NormalisedText", "nearest_match"]

_WS_RE = re.compile(r"\s+")


_ODD_WS_RE = re.compile(r"\s\s|[^\S ]")


def normalise(text: str) -> str:
    """NFC, runs of white space collapsed to one space, ends stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if _ODD_WS_RE.search(text) is None:  # the common case: nothing to collapse
        return text.strip()
    return _WS_RE.sub(" ", text).strip()


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


class NormalisedText:
    """A text in normalised form, with a lazy map back to raw offsets.

    `text` is computed with one regular expression (fast, so validating a
    megabyte of sources stays cheap); the per-character map to raw offsets,
    needed only to highlight a span, is built on first use. Many look-ups in
    one long text go through an index of word starts, so checking thousands of
    excerpts does not scan the whole text thousands of times.
    """

    _KEY = 32  # characters from an excerpt's first word start used as index key

    def __init__(self, raw: str):
        self.raw = raw
        self.text = normalise(raw)
        self._to_raw: list[int] | None = None
        self._index: dict[int, int] | None = None
        self._lookups = 0

    def __repr__(self) -> str:
        return f"NormalisedText({self.text[:30]!r}...)"

    def _build_map(self) -> list[int]:
        chars: list[str] = []
        to_raw: list[int] = []
        raw = self.raw
        pieces = [(i, ch) for i, ch in enumerate(raw)] if unicodedata.is_normalized("NFC", raw) else _segments(raw)
        in_space = True  # leading white space is dropped
        for start, piece in pieces:
            if piece.isspace():
                if not in_space:
                    chars.append(" ")
                    to_raw.append(start)
                    in_space = True
                continue
            in_space = False
            # a single character may change too (singletons: U+F900 becomes U+8C48)
            for ch in piece if piece.isascii() else unicodedata.normalize("NFC", piece):
                chars.append(" " if ch.isspace() else ch)
                to_raw.append(start)
        if chars and chars[-1] == " ":
            chars.pop()
            to_raw.pop()
        mapped = "".join(chars)
        if mapped != self.text:  # a composition across starters (rare): trust the mapped form
            self.text = mapped
            self._index = None
        return to_raw

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) for the normalised span [start, end)."""
        if self._to_raw is None:
            self._to_raw = self._build_map()
        to_raw = self._to_raw
        if start >= end:
            pos = to_raw[start] if start < len(to_raw) else len(self.raw)
            return pos, pos
        raw_start = to_raw[start]
        raw_end = to_raw[end - 1] + 1
        # extend over combining marks that belong to the last character
        while raw_end < len(self.raw) and unicodedata.combining(self.raw[raw_end]):
            raw_end += 1
        return raw_start, raw_end

    def _find_normalised(self, n: str) -> int:
        """Position of normalised needle `n` in `text`, or -1."""
        self._lookups += 1
        cut = n.find(" ") + 1
        if self._lookups < 16 or cut == 0 or len(n) - cut < self._KEY:
            return self.text.find(n)
        if self._index is None:
            self._index = self._build_index()
        # Any occurrence of `n` puts n[cut:cut+KEY] right after a space in
        # `text`, i.e. at an indexed word start: no entry means no occurrence.
        p = self._index.get(hash(n[cut : cut + self._KEY]))
        if p is None:
            return -1
        if self.text.startswith(n, p - cut):
            return p - cut
        return self.text.find(n)  # the same key stands at several places: search in full

    def _build_index(self) -> dict[int, int]:
        """First word start for each KEY-character run that follows a space."""
        text, k = self.text, self._KEY
        starts = [m.end() for m in re.finditer(" ", text)]
        return {hash(text[p : p + k]): p for p in reversed(starts)}

    def find(self, needle: str) -> tuple[int, int] | None:
        """Raw span of the first verbatim occurrence of `needle`, or None."""
        n = normalise(needle)
        if not n:
            return None
        pos = self._find_normalised(n)
        if pos < 0:
            return None
        if self._to_raw is None:
            self._to_raw = self._build_map()
            pos = self.text.find(n)  # the map may have refined `text`
            if pos < 0:
                return None
        return self.raw_span(pos, pos + len(n))

    def contains(self, needle: str) -> bool:
        n = normalise(needle)
        return bool(n) and self._find_normalised(n) >= 0


def nearest_match(haystack: str, needle: str, limit: int = 200_000) -> tuple[str, float]:
    """The passage of `haystack` most like `needle` (whole words), with its similarity 0–1.

    Used only to explain a failed verbatim check, so a simple windowed
    difflib comparison is enough; very long haystacks are sampled at word
    starts to keep it fast.
    """
    import difflib  # only to explain a failure: kept off the loader's import path

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
    end = s + width
    # finish the last word, so the passage never stops mid-word
    while end < len(h) and end < s + width + 24 and not h[end].isspace():
        end += 1
    aligned = _align(h, n, s, end)
    if aligned is not None:
        a, z = aligned
        matcher.set_seq1(h[a:z])
        aligned_score = matcher.ratio()
        if aligned_score >= score:
            return h[a:z], aligned_score
    return h[s:end], score


def _align(h: str, n: str, s: int, end: int) -> tuple[int, int] | None:
    """The stretch of `h` around h[s:end] that lines up with `n`, in whole words.

    A window as long as the needle starts at a word boundary of its own choosing:
    for 'We are now in discussions' against '... “We are already in discussions ...'
    the best one starts at 'are', and the difference would be reported as the
    missing 'We'. Matching the needle against a wider stretch and keeping what lies
    between its first and last sizeable matching blocks starts the passage at 'We'.
    """
    import difflib

    margin = len(n) // 2 + 8
    lo, hi = max(0, s - margin), min(len(h), end + margin)
    region = h[lo:hi]
    blocks = [b for b in difflib.SequenceMatcher(None, n, region, autojunk=False).get_matching_blocks()
              if b.size >= 3]
    if not blocks:
        return None
    a, z = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
    while a > lo and not h[a - 1].isspace():
        a -= 1
    while z < hi and not h[z].isspace():
        z += 1
    return (a, z) if a < z else None


def _clip(text: str, keep: int, left: bool) -> str:
    if len(text) <= keep:
        return text
    return "\u2026" + text[-keep:] if left else text[:keep] + "\u2026"


def first_difference(needle: str, passage: str) -> str | None:
    """Say where `needle` first departs from `passage`, e.g. for a misquote:
    `after 'no details': the source has '(have been)' where this has 'have been'`.

    Text of the passage outside what the needle matches (an opening quotation
    mark, the rest of a word) is not a difference worth reporting.
    """
    import difflib

    n, p = normalise(needle), normalise(passage)
    ops = difflib.SequenceMatcher(None, n, p, autojunk=False).get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or (tag == "insert" and (k == 0 or k == len(ops) - 1)):
            continue
        # widen the changed run to whole words, on each side independently
        while i1 > 0 and not n[i1 - 1].isspace():
            i1 -= 1
        while j1 > 0 and not p[j1 - 1].isspace():
            j1 -= 1
        while i2 < len(n) and not n[i2].isspace():
            i2 += 1
        while j2 < len(p) and not p[j2].isspace():
            j2 += 1
        ours, theirs = _clip(n[i1:i2], 40, False), _clip(p[j1:j2], 40, False)
        before = n[:i1].rstrip()
        where = f"after {_clip(before, 30, True)!r}: " if before else "at the start: "
        if not theirs:
            return f"{where}the source does not have {ours!r}"
        if not ours:
            return f"{where}the source has {theirs!r}, missing here"
        return f"{where}the source has {theirs!r} where this has {ours!r}"
    return None
