"""Estimative wording in a text: ICD 203 scale terms, vague words outside the scale, confidence phrases.

The rules ask three questions of a sentence: which likelihood terms of the
ICD 203 scale does it use, which estimative words outside the scale
("probably", "might", "we believe"), and does it state a confidence level.
Matching is by whole words, case-insensitive, longest phrase first (so "very
unlikely" is one term, not "unlikely" inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_app.core.briefing.model import LIKELIHOOD_TERMS, LikelihoodTerm

__all__ = ["WordHit", "scale_terms", "vague_words", "confidence_phrases", "sentences", "VAGUE_WORDS"]

#: Estimative words outside the ICD 203 scale, with the band (1–7) of the scale term that fits
#: them; None where the words carry no probability at all ("we believe": an assertion of belief).
VAGUE_WORDS: dict[str, int | None] = {
    "probably": 5,
    "presumably": 5,
    "chances are": 5,
    "could well": 5,
    "may well": 5,
    "in all likelihood": 6,
    "perhaps": 4,
    "possibly": 4,
    "it is possible": 4,
    "might": 4,
    "conceivably": 3,
    "doubtful": 3,
    "certainly": 7,
    "undoubtedly": 7,
    "definitely": 7,
    "we believe": None,
    "we think": None,
    "we suspect": None,
}


def _alternation(phrases: list[str]) -> str:
    longest_first = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in longest_first)


# "remote" counts as the scale term only in "remote chance/possibility" ("remote islands" is no estimate).
_SCALE_RE = re.compile(
    r"\b(?:(" + _alternation([t for t in LIKELIHOOD_TERMS if t != "remote"]) + r")|(remote)(?=\s+(?:chance|possibility|prospect)))\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(" + _alternation(list(VAGUE_WORDS)) + r")\b", re.IGNORECASE)
_CONFIDENCE_RE = re.compile(
    r"\b(?:(?:high|moderate|medium|low)(?:ly)?[\s-]+confidence|confident(?:ly)?|with\s+confidence)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class WordHit:
    """A phrase found in a text: as written, and where (code-point offsets)."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """Lower case with single spaces: the form the tables use."""
        return " ".join(self.text.lower().split())


def scale_terms(text: str) -> list[tuple[WordHit, LikelihoodTerm]]:
    """The ICD 203 likelihood terms a text uses."""
    out = []
    for m in _SCALE_RE.finditer(text):
        hit = WordHit(m.group(0), m.start(), m.end())
        out.append((hit, LIKELIHOOD_TERMS[hit.key]))
    return out


def vague_words(text: str) -> list[tuple[WordHit, int | None]]:
    """Estimative words outside the scale, with the band of the term that fits (None: no band)."""
    out = []
    for m in _VAGUE_RE.finditer(text):
        hit = WordHit(m.group(0), m.start(), m.end())
        out.append((hit, VAGUE_WORDS[hit.key]))
    return out


def confidence_phrases(text: str) -> list[WordHit]:
    """Statements of analytic confidence in a text: "high confidence", "we are confident"."""
    return [WordHit(m.group(0), m.start(), m.end()) for m in _CONFIDENCE_RE.finditer(text)]


def sentences(text: str) -> list[str]:
    """A text cut into sentences, white space collapsed."""
    flat = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(flat) if s]
