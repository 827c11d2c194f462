"""What a brief is made of, apart from how it is laid out: its sections, and the names it gives things.

The sections and their titles (FORMAT.md §3 names, for `export --sections` and the
export dialog), a check of a chosen list, the short human names of elements used
in the notes, and the rule that keeps a heading with what follows it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing_app.core.annotations import COLORS
from briefing_app.core.briefing.kinds import element_label
from briefing_app.core.briefing.model import Briefing
from briefing_app.export import HEADINGS, SECTION_TITLES, SECTIONS, check_sections
from briefing_app.export.flowables import KeepRoom

__all__ = ["CONFIDENCE_MEANING", "SECTIONS", "SECTION_TITLES", "HEADINGS", "check_sections", "keep_leads_with_next",
           "kind_label", "colour_rank", "describe"]

#: What each confidence level means (ICD 203), for the legend of a brief without likelihoods.
CONFIDENCE_MEANING = (
    ("high", "judgments based on high-quality information from multiple sources, or where the "
             "nature of the issue makes a solid judgment possible; not a certainty."),
    ("moderate", "information is credibly sourced and plausible but not corroborated enough "
                 "for higher confidence."),
    ("low", "information is scant, questionable or fragmented, or sources are of doubtful reliability."),
)


def keep_leads_with_next(flow: list[Flowable], page_height: float, leads: set[int]) -> list[Flowable]:
    """Put a `KeepRoom` before each run of leads (spacers between them included), so a
    heading and its lead-ins never end a page without the start of what they lead to."""
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for f in flow:
        if id(f) in leads or (pending and type(f) is Spacer):
            pending.append(f)
            continue
        if pending:
            out.append(KeepRoom(pending, f, page_height))
            out.extend(pending)
            pending = []
        out.append(f)
    out.extend(pending)
    return out


def kind_label(kind: str) -> str:
    """An actor kind as the reader shows it: "organisation" → "Organisation"."""
    return kind[:1].upper() + kind[1:]


def colour_rank(colour: str) -> int:
    return COLORS.index(colour) if colour in COLORS else len(COLORS)


#: A field's name as the notes print it after the element ("Actor: Yoshimasa Hayashi (role)").
_FIELD_WORDS = {"description": "description", "role": "role", "location": "location", "note": "note",
                "context": "context", "kind": "relation", "title": "title", "name": "name"}


def describe(b: Briefing, address: str, fld: str | None) -> str:
    """What a user calls an element (and field), from `ELEMENT_KINDS`: `Actor: Yoshimasa Hayashi (role)`."""
    text = element_label(b, address)
    if len(text) > 110:
        text = text[:110].rstrip() + "…"
    if fld and fld not in ("text", "bluf", "name", "title"):
        text += f" ({_FIELD_WORDS.get(fld, fld)})"
    return text
