"""The timeline chart read back from the PDF: rows in date order, every label with its year, the cut-off marked."""

from __future__ import annotations

import dataclasses
import re

from briefing_app.core.briefing.dates import MONTH_ABBR, PartialDate
from briefing_app.core.briefing.model import Event
from briefing_app.export.builder import BriefOptions, build_brief

from .factory import make_briefing
from .test_layout import page_words

NAMES = ("Kilo", "Lima", "Mike", "Oscar", "Papa", "Quebec")
# (name, date) in file order, not date order; two share a month (the file order breaks the tie)
EVENTS = (("Papa", PartialDate(2023, 5, 2)), ("Kilo", PartialDate(2022, 11)), ("Oscar", PartialDate(2023, 3)),
          ("Mike", PartialDate(2023, 1, 15)), ("Quebec", PartialDate(2023, 3)), ("Lima", PartialDate(2022, 12, 24)))


def chart_pdf():
    b = make_briefing("zz", events=0)
    timeline = tuple(Event(f"e{i}", d, f"{name} happened") for i, (name, d) in enumerate(EVENTS))
    b = dataclasses.replace(b, timeline=timeline)
    return b, build_brief(b, (), BriefOptions(sections=("timeline",)))


def chart_words(pdf, tmp_path):
    """The words of the chart: on the timeline page, above the caption ("Figure")."""
    page = next(p for p in page_words(pdf, tmp_path) if any(w[4] == "Timeline" for w in p))
    top = next(w[3] for w in page if w[4] == "Timeline")
    bottom = min(w[1] for w in page if w[4] == "Figure")
    return [w for w in page if top < w[1] and w[3] <= bottom]


def test_rows_read_in_date_order(tmp_path):
    _, pdf = chart_pdf()
    words = chart_words(pdf, tmp_path)
    ys = {w[4]: w[1] for w in words if w[4] in NAMES}
    assert sorted(ys, key=ys.get) == ["Kilo", "Lima", "Mike", "Oscar", "Quebec", "Papa"]


def test_every_date_label_has_its_year(tmp_path):
    _, pdf = chart_pdf()
    words = chart_words(pdf, tmp_path)
    lines: dict[float, list[str]] = {}
    for w in sorted(words, key=lambda w: w[0]):
        lines.setdefault(round(w[3]), []).append(w[4])
    months = 0
    for line in lines.values():
        for i, word in enumerate(line):
            if word.split("\u2013")[0] in MONTH_ABBR:  # "Mar" or a period "Nov–Dec"
                months += 1
                assert re.fullmatch(r"\d{4}", (line + [""])[i + 1]), (word, line)  # "Mar 2023", never "Mar"
    assert months >= 6 + 4  # each row's date and each of the axis's periods


def test_the_as_of_date_is_marked(tmp_path):
    b, pdf = chart_pdf()
    text = " ".join(w[4] for w in chart_words(pdf, tmp_path))
    assert "As of 30 Jun 2023" in text
    assert b.as_of.isoformat() == "2023-06-30"
