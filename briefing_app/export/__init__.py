"""The PDF brief, built with ReportLab's public API (no Qt; imports core only).

`builder.build_brief(briefing, highlights, options) -> bytes` is the entry point;
`richtext` turns styled runs into ReportLab paragraphs (shaping, right-to-left
order, CJK wrapping), `bidi` orders right-to-left words, `grid`, `flowables` and
`document` lay out tables, boxes and pages, `chart` draws the timeline, `judgments`
words key points as ICD 203 asks and draws the likelihood scale, `endnotes` makes
the sources list and one source note per cited passage, `fonts` registers the
bundled faces. This module itself imports nothing heavy: the names
of the sections a brief can print are here for the command line and the GUI.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["SECTIONS", "SECTION_TITLES", "HEADINGS", "check_sections"]

#: The sections a brief can print (FORMAT.md §3, `export --sections`), in the default order.
SECTIONS = ("bluf", "judgments", "actors", "relations", "timeline", "quotes", "notes", "endnotes")
#: Each section's name as an analyst chooses it (the export dialog's check boxes).
SECTION_TITLES = {
    "bluf": "Bottom line up front",
    "judgments": "Key judgments",
    "actors": "Actors",
    "relations": "Relations",
    "timeline": "Timeline",
    "quotes": "Quotations",
    "notes": "Analyst notes",
    "endnotes": "Sources and source notes",
}
#: The headings printed in the brief (endnotes print two: the sources, then the source notes).
HEADINGS = {**SECTION_TITLES, "sources": "Sources", "source_notes": "Source notes"}
del HEADINGS["endnotes"]


def check_sections(sections: Sequence[str]) -> None:
    """Raise ValueError naming the first unknown or repeated section."""
    seen: set[str] = set()
    for name in sections:
        if name not in SECTIONS:
            raise ValueError(f"unknown section {name!r}; the sections are {', '.join(SECTIONS)}")
        if name in seen:
            raise ValueError(f"section {name!r} is named twice")
        seen.add(name)
