"""Source notes: one note per distinct set of excerpts, every claim linked both ways."""

from __future__ import annotations

import dataclasses
import re

from briefing_app.export.builder import BriefOptions, build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text


def test_claims_citing_the_same_excerpt_share_one_note(tmp_path):
    # In the factory every claim with evidence cites the very same excerpt.
    b = make_briefing("zz", events=4)
    pdf = build_brief(b)
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    notes = text[text.rindex("Source notes"):]
    assert re.search(r"\b1\. Key judgment 1; Actor Actor zz; Relation ", notes)
    assert not re.search(r"\b2\. ", notes)  # no second note: all share note 1
    # Links both ways: each claim to the note, the note to each claim.
    anchors, hrefs = _links(b)
    assert hrefs.count("#en-1") == 6  # key judgment, actor, relation, two events, quote
    for k in range(2, 7):
        assert f"cite-1-{k}" in anchors and f"#cite-1-{k}" in hrefs
    assert "cite-1" in anchors and "#cite-1" in hrefs and "en-1" in anchors


def _links(b) -> tuple[list[str], list[str]]:
    """Every named destination and internal link in the brief's story."""
    from briefing_app.export.builder import _Story
    from briefing_app.export.fonts import register_fonts
    from briefing_app.export.richtext import RichText

    register_fonts()
    anchors: list[str] = []
    hrefs: list[str] = []

    def walk(x) -> None:
        if isinstance(x, RichText):
            last = None  # a link's run spans words: count it once per run
            for frags, _ in x._words:
                for run, text, _w in frags:
                    if run is None:
                        anchors.append(text)
                    elif run.href and run.href.startswith("#") and run is not last:
                        hrefs.append(run.href)
                    last = run
            return
        if isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
            return
        for attr in ("content", "_content", "header"):
            if hasattr(x, attr):
                walk(getattr(x, attr))
        if hasattr(x, "shared"):
            walk(x.shared.rows)

    walk(_Story(b, [], BriefOptions(), 480).build())
    return anchors, hrefs

def test_distinct_excerpts_get_distinct_notes(tmp_path):
    b = make_briefing("zz", events=2)
    other = make_briefing("yy", events=2)  # different excerpt text, same source id
    b = dataclasses.replace(b, relations=other.relations)
    text = flat(" ".join(pages_text(build_brief(b), tmp_path)))
    notes = text[text.rindex("Source notes"):]
    assert "\u201cSource says yy\u201d" in notes and "\u201cSource says zz\u201d" in notes
    assert re.search(r"\b2\. Relation ", notes)

