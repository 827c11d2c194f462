"""How the brief words key points (ICD 203) and draws the likelihood scale.

ICD 203 asks a product to tell reported information from assumptions and
judgments, and to state likelihood and confidence separately, in the standard
terms. So only a judgment reads "We assess …" (with its likelihood band, e.g.
"likely (55–80 %)", when it has one), its confidence is a line of its own; a
fact is attributed to its sources and their Admiralty grade; an assumption is
labelled as one. `likelihood_figure` draws the seven bands, in the vocabulary
the briefing uses, with each judgment's number placed in its band.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing_app.core.briefing.kinds import short_excerpt
from briefing_app.core.briefing.model import (
    LIKELIHOOD_TERMS,
    RELIABILITY_LABELS,
    Briefing,
    KeyPoint,
    LikelihoodTerm,
    likelihood_term,
)
from briefing_app.export.fonts import SANS
from briefing_app.export.styles import PALETTE

__all__ = ["KIND_TAGS", "KIND_BARS", "assessed_lead", "attribution", "briefing_vocabulary", "likelihood_figure",
           "source_grade"]

#: The tag printed above each key point, by kind (judgments also get their number).
KIND_TAGS = {"judgment": "KEY JUDGMENT", "fact": "REPORTED FACT", "assumption": "ASSUMPTION"}
#: The rule beside each kind of key point: judgments navy, facts grey, assumptions amber.
KIND_BARS = {"judgment": "#1f3a5f", "fact": "#8a94a3", "assumption": "#b07a10"}
#: First words that are not names: lower-cased after "that" ("that the office…").
_COMMON_FIRST = frozenset("a an the it its this that these those there their they some any most many each every "
                          "both either neither no our such one two".split())


def assessed_lead(kp: KeyPoint) -> tuple[str, str]:
    """(lead-in, text) of a judgment: `We assess it is likely (55–80 %) that ` and its text.

    The text's first letter is lower-cased after "that" only when its first word is a
    common word (a name keeps its capital). A text that already says "we assess" keeps
    its words: no lead-in (the likelihood then goes on the confidence line).
    """
    text = kp.text
    if text.lower().startswith(("we assess", "we judge", "we estimate")):
        return "", text
    first = text.split(maxsplit=1)[0] if text.split() else ""
    if first.lower().strip(",;:") in _COMMON_FIRST and first[:1].isupper() and not first.isupper():
        text = text[:1].lower() + text[1:]
    term = likelihood_term(kp.likelihood)
    if term is None:
        return "We assess that ", text
    said = re.search(rf"\b{re.escape(term.term)}\b", text, re.IGNORECASE)
    if said:  # "China is likely to object": the text says it; give the band there, not twice
        return "We assess that ", f"{text[:said.end()]} ({term.percent}){text[said.end():]}"
    return f"We assess {_PHRASES.get(term.term, 'it is {}').format(term.term)} ({term.percent}) that ", text


#: Terms that do not read after "it is" ("it is almost no chance"): how each is said instead.
_PHRASES = {"almost no chance": "there is {}", "roughly even chance": "there is a {}",
            "roughly even odds": "there are {}", "remote": "the chance is {}"}


def source_grade(reliability: str | None) -> str:
    """`C: fairly reliable` (Admiralty scale), or `not graded`."""
    if not reliability:
        return "not graded"
    meaning = RELIABILITY_LABELS.get(reliability, "unknown code")
    return f"{reliability}: {meaning[:1].lower()}{meaning[1:]}"


def attribution(b: Briefing, kp: KeyPoint) -> str:
    """`Reported by Nikkei Asia (B: usually reliable)`, or `Reported in “title” (…)` for a source with no
    publisher: each cited source once."""
    names: list[str] = []
    for sid in dict.fromkeys(e.source for e in kp.evidence):
        s = b.source_by_id.get(sid)
        if s is None:
            names.append(sid)
            continue
        name = f"by {s.publisher}" if s.publisher else f"in \u201c{short_excerpt(s.title, 70)}\u201d"
        names.append(f"{name} ({source_grade(s.reliability)})")
    if not names:
        return "Reported information; no source cited."
    joined = names[0] if len(names) == 1 else "; ".join(names[:-1]) + " and " + names[-1]
    return f"Reported {joined}"


def briefing_vocabulary(terms: Sequence[LikelihoodTerm]) -> int:
    """The ICD 203 vocabulary (1 or 2) most of the briefing's likelihoods use; 1 on a tie."""
    second = sum(1 for t in terms if t.vocabulary == 2)
    return 2 if second > len(terms) - second else 1


#: From pale (remote) to stronger (certain); navy text stays legible on all of them.
_BAND_FILLS = ("#eef2f7", "#e1e8f1", "#d3dded", "#c5d2e6", "#b5c6de", "#a4b8d4", "#93aaca")
_TERM_SIZE = 7.8
_PCT_SIZE = 7.2
_MARK_R = 7.0


def _lines(text: str, size: float, width: float) -> list[str]:
    """Words of `text` wrapped to `width` (at most two lines)."""
    out: list[str] = []
    for word in text.split():
        if out and stringWidth(out[-1] + " " + word, SANS, size) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > 2:
        out = [out[0], " ".join(out[1:])]
    return out


def likelihood_figure(placed: Sequence[tuple[int, str]], width: float) -> Drawing:
    """The seven ICD 203 bands, left (remote) to right (certain), each judgment's number above its band.

    `placed`: (judgment number, likelihood term) pairs. The bands are named in the
    vocabulary the terms use; the figure is `width` points wide.
    """
    terms = [t for _, name in placed if (t := likelihood_term(name)) is not None]
    vocabulary = briefing_vocabulary(terms)
    bands = [t for t in LIKELIHOOD_TERMS.values() if t.vocabulary == vocabulary]
    by_band: dict[int, list[int]] = {}
    for number, name in placed:
        t = likelihood_term(name)
        if t is not None:
            by_band.setdefault(t.band, []).append(number)
    bw = width / len(bands)
    per_row = max(1, int((bw - 4) // (2 * _MARK_R + 3)))
    mark_rows = max(1, max((-(-len(v) // per_row) for v in by_band.values()), default=1))
    band_h, pct_h = 26.0, 12.0
    height = pct_h + band_h + 6 + mark_rows * (2 * _MARK_R + 3) + 2
    d = Drawing(width, height, initialFontName=SANS, initialFontSize=_TERM_SIZE)
    y_band = pct_h
    for i, t in enumerate(bands):
        x = i * bw
        d.add(Rect(x + 0.5, y_band, bw - 1, band_h, fillColor=colors.HexColor(_BAND_FILLS[i]), strokeColor=None))
        lines = _lines(t.term, _TERM_SIZE, bw - 6)
        lead = _TERM_SIZE + 1.6
        top = y_band + band_h / 2 + (len(lines) - 1) * lead / 2 - _TERM_SIZE / 2 + 1.5
        for k, line in enumerate(lines):
            d.add(String(x + bw / 2, top - k * lead, line, fontName=SANS + "-Bold", fontSize=_TERM_SIZE,
                         textAnchor="middle", fillColor=PALETTE["navy"]))
        d.add(String(x + bw / 2, 2.5, t.percent.replace("\u00a0", " "), fontName=SANS, fontSize=_PCT_SIZE,
                     textAnchor="middle", fillColor=PALETTE["slate"]))
        numbers = by_band.get(t.band, [])
        for k, number in enumerate(numbers):
            row, col = divmod(k, per_row)
            in_row = min(per_row, len(numbers) - row * per_row)
            cx = x + bw / 2 + (col - (in_row - 1) / 2) * (2 * _MARK_R + 3)
            cy = y_band + band_h + 4 + _MARK_R + row * (2 * _MARK_R + 3)
            d.add(Circle(cx, cy, _MARK_R, fillColor=PALETTE["navy"], strokeColor=colors.white, strokeWidth=0.8))
            d.add(String(cx, cy - 2.9, str(number), fontName=SANS + "-Bold", fontSize=8, textAnchor="middle",
                         fillColor=colors.white))
    return d
