"""The tradecraft rules (ICD 203 analytic standards, ICD 206 sourcing), each a plain function over the model.

A rule yields `Issue`s — the element address, the field at fault (None: the
element itself) and a message that says what to change; `checks.py` locates
and names them. `RULES` is the one table the CLI, the app's panel and the
documentation read: name, what it checks, why, and the reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from briefing_app.core.briefing.model import (
    LIKELIHOOD_TERMS,
    Briefing,
    KeyPoint,
    LikelihoodTerm,
    likelihood_term,
)
from briefing_app.core.tradecraft.wording import confidence_phrases, scale_terms, sentences, vague_words

__all__ = ["Issue", "Rule", "RULES", "rule_named", "preferred_vocabulary", "rules_markdown"]

#: Admiralty grades that do not carry a judgment of high confidence on their own.
WEAK_GRADES = frozenset({"D", "E", "F", None})


class Issue(NamedTuple):
    """What a rule found: where (address, field or None for the element) and what to change."""

    address: str
    field: str | None
    message: str


def _term(term: LikelihoodTerm) -> str:
    return f"{term.term!r} ({term.percent})"


def preferred_vocabulary(b: Briefing) -> int:
    """The ICD 203 vocabulary (1 or 2) most of the briefing's likelihoods use; 1 when there are none."""
    used = Counter(t.vocabulary for kp in b.summary.key_points if (t := likelihood_term(kp.likelihood)))
    if not used:
        return 1
    first = next(t.vocabulary for kp in b.summary.key_points if (t := likelihood_term(kp.likelihood)))
    return max(used, key=lambda v: (used[v], v == first))


def _judgments(b: Briefing) -> Iterator[KeyPoint]:
    return (kp for kp in b.summary.key_points if kp.kind == "judgment")


# -- the rules ------------------------------------------------------------------


def estimative_words(b: Briefing) -> Iterator[Issue]:
    vocabulary = preferred_vocabulary(b)
    band_term = {t.band: t for t in LIKELIHOOD_TERMS.values() if t.vocabulary == vocabulary}
    for kp in _judgments(b):
        own = likelihood_term(kp.likelihood)
        for hit, band in vague_words(kp.text):
            if own is not None:
                fix = f"write {_term(own)}, the term of its `likelihood`"
            elif band is not None:
                fix = f"write the scale term that fits, {_term(band_term[band])}, and set `likelihood` to match"
            else:
                fix = (f"write 'we assess' with a scale term such as {_term(band_term[5])}, and set `likelihood` "
                       "to match")
            yield Issue(kp.address, "text", f"{hit.text!r} is not ICD 203 estimative language; {fix}")


def confidence_with_likelihood(b: Briefing) -> Iterator[Issue]:
    texts = [("summary", "bluf", b.summary.bluf)] + [(kp.address, "text", kp.text) for kp in b.summary.key_points]
    for address, field, text in texts:
        for sentence in sentences(text):
            stated = confidence_phrases(sentence)
            if not stated:
                continue
            likelihood = [h.text for h, _t in scale_terms(sentence)] + [h.text for h, _b in vague_words(sentence)]
            if likelihood:
                where = "the `confidence` field" if field == "text" else "a sentence of its own"
                yield Issue(address, field, f"states confidence ({stated[0].text!r}) and likelihood "
                                            f"({likelihood[0]!r}) in one sentence; keep the likelihood in the "
                                            f"text and move the confidence to {where}")


def likelihood_contradicts_text(b: Briefing) -> Iterator[Issue]:
    for kp in b.summary.key_points:
        own = likelihood_term(kp.likelihood)
        if own is None:
            continue
        for hit, term in scale_terms(kp.text):
            if term.band != own.band:
                yield Issue(kp.address, "text", f"says {hit.text!r} ({term.percent}) but `likelihood` is "
                                                f"{_term(own)}; make the text and the field agree")
                break


_ORDINAL = {1: "first", 2: "second"}


def mixed_vocabularies(b: Briefing) -> Iterator[Issue]:
    vocabulary = preferred_vocabulary(b)
    kept = sorted({t.term for kp in b.summary.key_points
                   if (t := likelihood_term(kp.likelihood)) and t.vocabulary == vocabulary})
    for kp in b.summary.key_points:
        term = likelihood_term(kp.likelihood)
        if term is not None and term.vocabulary != vocabulary:
            yield Issue(kp.address, "likelihood",
                        f"{term.term!r} belongs to ICD 203's {_ORDINAL[term.vocabulary]} vocabulary, the rest of "
                        f"the briefing to the {_ORDINAL[vocabulary]} ({', '.join(repr(t) for t in kept)}); write "
                        f"{_term(term.in_vocabulary(vocabulary))}")


def high_confidence_single_source(b: Briefing) -> Iterator[Issue]:
    for kp in b.summary.key_points:
        if kp.confidence != "high" or kp.kind == "fact" or not kp.evidence:
            continue
        cited = {e.source for e in kp.evidence}
        if len(cited) == 1:
            yield Issue(kp.address, "confidence", f"high confidence rests on a single source ({next(iter(cited))!r}); "
                                                  "cite corroborating sources or lower it to moderate")


def high_confidence_weak_sources(b: Briefing) -> Iterator[Issue]:
    for kp in b.summary.key_points:
        if kp.confidence != "high" or kp.kind == "fact" or not kp.evidence:
            continue
        grades = {e.source: (s.reliability if (s := b.source_by_id.get(e.source)) else None) for e in kp.evidence}
        if all(g in WEAK_GRADES for g in grades.values()):
            shown = ", ".join(f"{sid!r} {g or 'not graded'}" for sid, g in grades.items())
            yield Issue(kp.address, "confidence", f"high confidence rests only on sources graded D\u2013F or not "
                                                  f"graded ({shown}); grade them (`reliability`), cite a better "
                                                  "source, or lower the confidence")


def fact_with_confidence(b: Briefing) -> Iterator[Issue]:
    for kp in b.summary.key_points:
        if kp.kind == "fact" and kp.confidence is not None:
            yield Issue(kp.address, "confidence", "a fact is attributed to its sources, not assessed: remove "
                                                  "`confidence`, or make the key point a judgment")


def fact_without_evidence(b: Briefing) -> Iterator[Issue]:
    for kp in b.summary.key_points:
        if kp.kind == "fact" and not kp.evidence:
            yield Issue(kp.address, None, "a fact without evidence: cite the excerpts it is reported in "
                                          "(`evidence`), or mark it an assumption")


def judgment_without_evidence(b: Briefing) -> Iterator[Issue]:
    for kp in _judgments(b):
        if not kp.evidence:
            yield Issue(kp.address, None, "a judgment without evidence: cite the excerpts it rests on "
                                          "(`evidence`), or mark it an assumption")


def source_without_retrieved(b: Briefing) -> Iterator[Issue]:
    for s in b.sources:
        if s.url is not None and s.retrieved is None:
            yield Issue(s.address, "url", "an online source needs the day it was retrieved: add "
                                          "`retrieved: YYYY-MM-DD`")


# -- the table --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One tradecraft check: its `[name]`, what it looks for, why, and the standard it comes from."""

    name: str
    what: str
    why: str
    reference: str
    check: Callable[[Briefing], Iterator[Issue]]
    severity: str = "warning"


RULES: tuple[Rule, ...] = (
    Rule("estimative-words", "A judgment uses estimative words outside the ICD 203 scale (\u201cprobably\u201d, "
         "\u201cmight\u201d, \u201cpossibly\u201d, \u201cwe believe\u201d \u2026).",
         "Vague words mean different odds to different readers; the scale terms carry fixed ranges.",
         "ICD 203 \u00a7D.6.e(2)(a) (expressions of likelihood)", estimative_words),
    Rule("confidence-with-likelihood", "One sentence states both a confidence level and a likelihood.",
         "Likelihood (how probable) and confidence (how sound the basis) are different statements; "
         "mixed in one sentence, readers take one for the other.",
         "ICD 203 \u00a7D.6.e(2)", confidence_with_likelihood),
    Rule("likelihood-contradicts-text", "A likelihood term in the text disagrees with the `likelihood` field.",
         "The app and the brief print the field; a text that says otherwise leaves the reader two answers.",
         "ICD 203 \u00a7D.6.e(2)(a)", likelihood_contradicts_text),
    Rule("mixed-vocabularies", "The briefing's likelihoods mix the two ICD 203 vocabularies "
         "(\u201clikely\u201d with \u201cprobable\u201d).",
         "One scale per product keeps the terms comparable from judgment to judgment.",
         "ICD 203 \u00a7D.6.e(2)(a)", mixed_vocabularies),
    Rule("high-confidence-single-source", "A key point with high confidence cites a single source.",
         "High confidence needs corroborated information from several sources.",
         "ICD 203 \u00a7D.6.e(1), \u00a7D.6.e(2)", high_confidence_single_source),
    Rule("high-confidence-weak-sources", "A key point with high confidence cites only sources graded D\u2013F "
         "or not graded (Admiralty `reliability`).",
         "Confidence rests on the quality of the sources; unreliable or unassessed ones cannot carry it.",
         "ICD 203 \u00a7D.6.e(1); ICD 206 (source descriptors)", high_confidence_weak_sources),
    Rule("fact-with-confidence", "A key point of kind `fact` has a `confidence`.",
         "Reported information is attributed to its sources, not assessed; confidence belongs to judgments.",
         "ICD 203 \u00a7D.6.e(3)", fact_with_confidence),
    Rule("fact-without-evidence", "A key point of kind `fact` cites no evidence.",
         "A fact is only as good as the source that reports it; the reader must be able to see it.",
         "ICD 203 \u00a7D.6.e(1); ICD 206", fact_without_evidence),
    Rule("judgment-without-evidence", "A judgment cites no evidence.",
         "A judgment must show the information it rests on, or be stated as an assumption.",
         "ICD 203 \u00a7D.6.e(1), \u00a7D.6.e(3)", judgment_without_evidence),
    Rule("source-without-retrieved", "An online source (`url`) has no `retrieved` date.",
         "Web pages change; a citation of an online source records the day it was accessed.",
         "ICD 206; ICS 206-01 (citing publicly available information)", source_without_retrieved),
)
_BY_NAME = {r.name: r for r in RULES}


def rule_named(name: str) -> Rule:
    return _BY_NAME[name]


def rules_markdown() -> str:
    """The table as Markdown, for documentation."""
    rows = ["| rule | checks | why | reference |", "|---|---|---|---|"]
    rows += [f"| `{r.name}` | {r.what} | {r.why} | {r.reference} |" for r in RULES]
    return "\n".join(rows) + "\n"
