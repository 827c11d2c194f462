"""Key points as ICD 203 asks: judgments assessed, facts attributed, assumptions labelled; the likelihood scale."""

from __future__ import annotations

import dataclasses

from briefing_app.core.briefing.model import Evidence, KeyPoint
from briefing_app.export.builder import build_brief

from .factory import make_briefing
from .pdftools import flat, pages_text
from .test_layout import page_words

EV = (Evidence("s1", "Source says zz"),)


def briefing(*points: KeyPoint, publisher: str | None = "Nikkei Asia"):
    b = make_briefing("zz", events=2)
    src = dataclasses.replace(b.sources[0], publisher=publisher)
    return dataclasses.replace(b, sources=(src,), summary=dataclasses.replace(b.summary, key_points=points))


def text_of(b, tmp_path) -> str:
    return flat(" ".join(pages_text(build_brief(b), tmp_path)))


def test_each_kind_reads_differently(tmp_path):
    b = briefing(
        KeyPoint("f1", "Talks are under way.", kind="fact", evidence=EV),
        KeyPoint("j1", "The office will open in 2024.", likelihood="likely", confidence="moderate", evidence=EV),
        KeyPoint("j2", "Beijing protests.", confidence="high", evidence=EV),
        KeyPoint("j3", "Tokyo waits.", likelihood="roughly even chance", evidence=EV),
        KeyPoint("a1", "Tokyo keeps its current government.", kind="assumption"),
    )
    text = text_of(b, tmp_path)
    assert "REPORTED FACT Talks are under way." in text
    assert "Reported by Nikkei Asia (B: usually reliable)" in text
    assert "KEY JUDGMENT 1 We assess it is likely (55–80 %) that the office will open in 2024." in text
    assert "Confidence: moderate" in text
    assert "KEY JUDGMENT 2 We assess that Beijing protests." in text and "Confidence: high" in text
    assert "KEY JUDGMENT 3 We assess there is a roughly even chance (45–55 %) that Tokyo waits." in text
    assert "ASSUMPTION Tokyo keeps its current government." in text
    assert text.count("We assess") == 3  # never a fact or an assumption
    assert "Key points" in text  # not "Key judgments" over a list holding facts


def test_a_judgment_that_says_its_likelihood_gets_the_band_there_not_twice(tmp_path):
    b = briefing(KeyPoint("j1", "China is likely to object.", "moderate", EV, likelihood="likely"))
    text = text_of(b, tmp_path)
    assert "KEY JUDGMENT 1 We assess that China is likely (55–80 %) to object." in text
    assert "Confidence: moderate" in text


def test_a_fact_without_a_publisher_is_attributed_by_its_source_title(tmp_path):
    b = briefing(KeyPoint("f1", "Talks are under way.", kind="fact", evidence=EV), publisher=None)
    text = text_of(b, tmp_path)
    assert "Reported in \u201cSource zz\u201d (B: usually reliable)" in text
    assert "We assess" not in text


def test_likelihood_scale_in_the_briefings_vocabulary_with_judgments_placed(tmp_path):
    b = briefing(
        KeyPoint("j1", "Alpha happens.", likelihood="probable", confidence="low", evidence=EV),
        KeyPoint("j2", "Beta happens.", likelihood="remote", confidence="low", evidence=EV),
        KeyPoint("j3", "Gamma happens.", confidence="low", evidence=EV),
    )
    pdf = build_brief(b)
    text = flat(" ".join(pages_text(pdf, tmp_path)))
    assert "Confidence levels (ICD 203)" not in text  # the figure replaces the prose legend
    assert "Key judgment 3 states no likelihood" in text
    words = next(page for page in page_words(pdf, tmp_path) if any(w[4] == "nearly" for w in page))
    by_text = {w[4]: w for w in words}
    row = [w for w in words if abs(w[1] - by_text["nearly"][1]) < 15]  # the words in the bands
    band = {w[4] for w in row}
    for term in ("remote", "improbable", "probable", "roughly", "odds", "nearly", "certain"):
        assert term in band, term  # the second vocabulary, as the briefing uses
    assert "unlikely" not in band and "chance" not in band  # not the first vocabulary's terms
    probable = min((w for w in row if w[4] == "probable"), key=lambda w: w[0])  # not "highly probable"
    remote = next(w for w in row if w[4] == "remote")
    # the judgment numbers sit just above their bands: same column, above the term
    marks = [w for w in words if w[4] in ("1", "2") and probable[1] - 40 < w[1] < probable[1]]
    one = next(w for w in marks if w[4] == "1")
    two = next(w for w in marks if w[4] == "2")
    assert probable[0] - 10 < one[0] < probable[2] + 10
    assert remote[0] - 10 < two[0] < remote[2] + 10
    assert one[3] - one[1] >= 5  # legible: the numbers are at least 5 pt tall


def test_no_likelihoods_keep_the_confidence_legend(tmp_path):
    b = briefing(KeyPoint("j1", "Alpha happens.", confidence="low", evidence=EV))
    text = text_of(b, tmp_path)
    assert "Confidence levels (ICD 203)" in text
    assert "almost certain" not in text


def test_no_product_prints_no_product_line(tmp_path):
    b = briefing(KeyPoint("j1", "Alpha happens.", confidence="low", evidence=EV))
    first = pages_text(build_brief(b), tmp_path)[0]
    lines = [ln.strip() for ln in first.splitlines() if ln.strip()]
    # banner, running header (title, as of), then the title itself: nothing above it
    assert lines[:4] == ["UNCLASSIFIED", "Title zz", "As of 30 June 2023", "Title zz"], lines[:5]
    product = dataclasses.replace(b, product="Situation report")
    assert "SITUATION REPORT Title zz" in text_of(product, tmp_path)
