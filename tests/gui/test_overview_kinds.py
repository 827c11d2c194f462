"""The Overview tells reported facts, assumptions and judgments apart (ICD 203): likelihood and
confidence are shown as two separate statements, and a fact is never shown as assessed."""

from __future__ import annotations

import dataclasses

from briefing_app.core.briefing.model import Evidence, KeyPoint
from briefing_app.gui.pages.overview import OverviewPage

from .factory import make_briefing


def test_key_points_say_what_they_are(qtbot):
    b = make_briefing()
    ev = (Evidence("nikkei", "Japan and NATO are discussing a liaison office"),)
    points = (
        KeyPoint("kp-fact", "Japan and NATO are discussing an office.", evidence=ev, kind="fact"),
        KeyPoint("kp-judge", "China is likely to object.", "moderate", ev, kind="judgment", likelihood="likely"),
        KeyPoint("kp-assume", "Talks continue through the summer.", kind="assumption"),
    )
    b = dataclasses.replace(b, summary=dataclasses.replace(b.summary, key_points=points))
    page = OverviewPage()
    qtbot.addWidget(page)
    page.set_briefing(b)
    text = page.view.toPlainText()
    fact_line = next(line for line in text.splitlines() if "discussing an office" in line)
    judge_line = next(line for line in text.splitlines() if "likely to object" in line)
    assume_line = next(line for line in text.splitlines() if "Talks continue" in line)
    assert "REPORTED" in fact_line and "CONFIDENCE" not in fact_line and "LIKELY" not in fact_line
    assert "JUDGMENT \u00b7 LIKELY 55\u201380" in judge_line and "MODERATE CONFIDENCE" in judge_line
    assert judge_line.index("LIKELY") < judge_line.index("MODERATE CONFIDENCE")  # two statements, in order
    assert "ASSUMPTION" in assume_line


def test_a_judgment_without_likelihood_still_says_judgment(qtbot):
    b = make_briefing()
    kp = KeyPoint("kp-j", "Beijing protests.", "high", kind="judgment")
    b = dataclasses.replace(b, summary=dataclasses.replace(b.summary, key_points=(kp,)))
    page = OverviewPage()
    qtbot.addWidget(page)
    page.set_briefing(b)
    line = next(t for t in page.view.toPlainText().splitlines() if "Beijing protests" in t)
    assert "JUDGMENT" in line and "HIGH CONFIDENCE" in line and "REPORTED" not in line
