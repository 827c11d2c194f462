"""Embedded fonts for the brief, and per-run font fallback.

ReportLab embeds (and subsets) TrueType fonts only, so every face we use is a
`.ttf` shipped under `resources/fonts/` and reached through
`briefing_app.resources`. Body text is Noto Serif, headings and tables Noto
Sans (both cover Latin, Greek and Cyrillic); characters those faces lack are
set in DejaVu Sans (Hebrew, Arabic, many symbols) or Droid Sans Fallback
(Chinese, Japanese) or Nanum Gothic (Korean), run by run, so names in any script print with
real glyphs and stay extractable as text. A word with right-to-left letters is set
in one face as a whole (its punctuation and digits too): ReportLab shapes a word with
the face of its first character, so a word must not change face midway.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing_app.resources import resource_path

__all__ = ["SERIF", "SANS", "FALLBACKS", "register_fonts", "markup_runs", "split_runs", "clean_text", "FontSet", "printable"]

SERIF = "BriefSerif"
SANS = "BriefSans"
#: Fallback faces, in the order they are tried for a character the main face lacks.
FALLBACKS = ("BriefFallbackDejaVu", "BriefFallbackCJK", "BriefFallbackHangul")

_FILES: dict[str, str] = {
    SERIF: "NotoSerif-Regular.ttf",
    SERIF + "-Bold": "NotoSerif-Bold.ttf",
    SERIF + "-Italic": "NotoSerif-Italic.ttf",
    SERIF + "-BoldItalic": "NotoSerif-BoldItalic.ttf",
    SANS: "NotoSans-Regular.ttf",
    SANS + "-Bold": "NotoSans-Bold.ttf",
    SANS + "-Italic": "NotoSans-Italic.ttf",
    "BriefFallbackDejaVu": "DejaVuSans.ttf",
    "BriefFallbackDejaVu-Bold": "DejaVuSans-Bold.ttf",
    "BriefFallbackCJK": "DroidSansFallbackFull.ttf",
    # Droid Sans Fallback's cmap, as ReportLab reads it, has almost no Hangul syllables.
    "BriefFallbackHangul": "NanumGothic.ttf",
}

_lock = threading.Lock()


@dataclass(frozen=True)
class FontSet:
    """The character coverage of the main faces and of each fallback."""

    main: frozenset[int]
    fallbacks: tuple[tuple[str, frozenset[int]], ...]


_fontset: FontSet | None = None


def register_fonts() -> FontSet:
    """Register every face with ReportLab once per process (thread-safe)."""
    global _fontset
    if _fontset is not None:  # registered already: no lock needed to read it
        return _fontset
    with _lock:
        if _fontset is not None:
            return _fontset
        faces: dict[str, TTFont] = {}
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            if not path.is_file():
                raise FileNotFoundError(2, "a bundled font is missing", str(path))
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            faces[name] = font
        # Families, so <b>/<i> inside a paragraph pick the right face.
        pdfmetrics.registerFontFamily(
            SERIF, normal=SERIF, bold=SERIF + "-Bold", italic=SERIF + "-Italic",
            boldItalic=SERIF + "-BoldItalic",
        )
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS + "-Bold", italic=SANS + "-Italic", boldItalic=SANS + "-Bold",
        )
        pdfmetrics.registerFontFamily(
            "BriefFallbackDejaVu", normal="BriefFallbackDejaVu", bold="BriefFallbackDejaVu-Bold",
            italic="BriefFallbackDejaVu", boldItalic="BriefFallbackDejaVu-Bold",
        )
        # The CJK face has no bold or italic: use the regular face for all four.
        for face in ("BriefFallbackCJK", "BriefFallbackHangul"):
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(face, bold, italic, face)

        def cmap(name: str) -> frozenset[int]:
            return frozenset(faces[name].face.charToGlyph)

        # Sans and serif Noto cover the same scripts; a character counts as
        # covered only if both have it, so a run never switches mid-table.
        main = cmap(SERIF) & cmap(SANS) & cmap(SERIF + "-Bold") & cmap(SANS + "-Bold")
        _fontset = FontSet(main, tuple((f, cmap(f)) for f in FALLBACKS))
        return _fontset


# White space and controls: never worth switching fonts for.
_NEUTRAL = frozenset(range(0, 0x21)) | {0xA0, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F}


_covered: frozenset[str] | None = None


def _covered_chars(fs: FontSet) -> frozenset[str]:
    """Characters the main faces draw (or need no face), as strings for a C-speed subset test."""
    global _covered
    if _covered is None:
        _covered = frozenset(map(chr, fs.main | _NEUTRAL))
    return _covered


def _face_for(cp: int, fs: FontSet) -> str | None:
    if cp in fs.main or cp in _NEUTRAL:
        return None
    for name, cov in fs.fallbacks:
        if cp in cov:
            return name
    return None  # nobody has it: leave it to the main face (prints as .notdef)


def _has_face(cp: int, fs: FontSet) -> bool:
    return cp in fs.main or cp in _NEUTRAL or any(cp in cov for _, cov in fs.fallbacks)


def printable(text: str) -> str:
    """`text` as the brief prints it: a character no bundled face has becomes U+FFFD."""
    fs = register_fonts()
    return "".join(ch if _has_face(ord(ch), fs) else "\ufffd" for ch in text)


def split_runs(text: str) -> list[tuple[str | None, str]]:
    """Cut cleaned text into runs of (fallback face or None for the main face, text)."""
    fs = register_fonts()
    text = clean_text(text)
    if not text:
        return []
    # Fast paths (set operations run in C): printable ASCII is covered by the main faces.
    if text.isascii() or _covered_chars(fs).issuperset(text):
        return [(None, text)]
    # A character no face has would print as .notdef, and a shaped paragraph (Arabic, Hebrew…)
    # cannot embed .notdef at all: it becomes the replacement character, as control codes do.
    missing = [ch for ch in set(text) if not _has_face(ord(ch), fs)]
    if missing:
        text = text.translate({ord(ch): "\ufffd" for ch in missing})
    faces: list[str | None] = []
    face: str | None = None
    for ch in text:
        f = _face_for(ord(ch), fs)
        if ord(ch) in _NEUTRAL and face is not None:
            f = face  # keep spaces inside a fallback run
        faces.append(f)
        face = f
    if any(_is_rtl_letter(ch) for ch in text) or _SHAPED.search(text):
        _whole_words(text, faces, fs)
    out: list[tuple[str | None, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or faces[i] != faces[start]:
            out.append((faces[start], text[start:i]))
            start = i
    return out


def _is_rtl_letter(ch: str) -> bool:
    o = ord(ch)
    return 0x0590 <= o <= 0x08FF or 0xFB1D <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


def _whole_words(text: str, faces: list[str | None], fs: FontSet) -> None:
    """Set each word in one face throughout where one face has all of its characters: the
    right-to-left letters' face first, then any fallback the word uses, then the main face.

    ReportLab shapes a word with its first character's face and cannot shape a word that
    changes face (shaped text is every word of a paragraph with Arabic, Hebrew…)."""
    cover: dict[str | None, frozenset[int]] = dict(fs.fallbacks)
    cover[None] = fs.main | _NEUTRAL
    for m in _WORD.finditer(text):
        a, b = m.span()
        used = {faces[i] for i in range(a, b)}
        if len(used) < 2:
            continue
        rtl = [faces[i] for i in range(a, b) if _is_rtl_letter(text[i])]
        candidates = rtl[:1] + sorted((f for f in used if f is not None), key=str) + [None]
        for face in candidates:
            if all(ord(text[i]) in cover[face] for i in range(a, b)):
                for i in range(a, b):
                    faces[i] = face
                break


_WORD = re.compile(r"[^ \t\n\r]+")
#: Scripts ReportLab shapes (as `bidi.needs_shaping`; fonts must not import the text modules).
_SHAPED = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff]")  # ReportLab breaks words at spaces, not at no-break spaces


def markup_runs(text: str) -> str:
    """Escape `text` for a ReportLab paragraph, switching faces where needed.

    Every character of briefing or note text goes through here: `<`, `>` and
    `&` are escaped, so nothing a user wrote is ever read as markup, and runs
    the main face cannot draw are wrapped in `<font face=…>` for a fallback.
    Characters ReportLab's paragraph parser chokes on (C0 controls other than
    tab/newline, lone surrogates, noncharacters) are replaced by U+FFFD.
    """
    return "".join(_wrap(s, f) for f, s in split_runs(text))


def _wrap(s: str, face: str | None) -> str:
    return escape(s) if face is None else f'<font face="{face}">{escape(s)}</font>'


_BREAKS = str.maketrans("\t\n\r", "   ")
#: C0 and C1 controls (but tab, newline, return), lone surrogates and the 66 noncharacters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17)) + "]")


def clean_text(text: str) -> str:
    """Text with controls, lone surrogates and noncharacters replaced (safe for PDF strings):
    tab, newline and return become spaces, the rest U+FFFD."""
    if text.isprintable():
        return text
    return _UNSAFE.sub("\ufffd", text.translate(_BREAKS))
