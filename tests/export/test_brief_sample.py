"""The sample's brief, read back: content, banners, page numbers, structure."""

from __future__ import annotations

import re
import subprocess

import pytest

from briefing_app.export.builder import BriefOptions, build_brief

from .pdftools import body_text, flat, need, pages_text


@pytest.fixture(scope="module")
def sample_pdf(sample_briefing) -> bytes:
    return build_brief(sample_briefing, (), BriefOptions())


@pytest.fixture(scope="module")
def sample_pages(sample_pdf, tmp_path_factory) -> list[str]:
    return pages_text(sample_pdf, tmp_path_factory.mktemp("pdf"))


def test_every_quote_verbatim(sample_briefing, sample_pages):
    text = body_text(sample_pages, sample_briefing.classification, sample_briefing.title)
    assert sample_briefing.quotes
    for q in sample_briefing.quotes:
        assert flat(q.text) in text, q.id


def test_every_actor_name_and_key_judgment(sample_briefing, sample_pages):
    text = body_text(sample_pages, sample_briefing.classification, sample_briefing.title)
    for a in sample_briefing.actors:
        assert flat(a.name) in text, a.id
    without_bands = re.sub(r" \(\d+\u2013\d+\s%\)", "", text)  # a judgment's likelihood band may stand inside it
    for kp in sample_briefing.summary.key_points:
        assert flat(kp.text) in without_bands, kp.id
    assert flat(sample_briefing.summary.bluf) in text


def test_banner_top_and_bottom_and_page_x_of_y_on_every_page(sample_briefing, sample_pages):
    n = len(sample_pages)
    assert n >= 3
    for i, page in enumerate(sample_pages, start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines[0] == sample_briefing.classification.upper(), i
        # bottom banner: among the last lines (the footer's text order varies)
        assert sample_briefing.classification.upper() in lines[-3:], i
        assert lines.count(sample_briefing.classification.upper()) >= 2, i
        assert f"Page {i} of {n}" in flat(page), i
        assert flat(sample_briefing.title)[:40] in flat(page)  # running header


def test_sections_in_order(sample_pages):
    text = flat(" ".join(sample_pages))
    heads = ["BOTTOM LINE UP FRONT", "Key points", "Actors", "Relations", "Timeline", "Quotations",
             "Sources", "Source notes"]
    pos = 0
    for h in heads:  # each heading found after the previous one
        found = text.find(h, pos)
        assert found >= 0, f"{h!r} missing or out of order"
        pos = found + len(h)


def test_judgments_assessed_facts_reported(sample_briefing, sample_pages):
    text = flat(" ".join(sample_pages))
    # the text says "likely" itself: the band goes there, not "it is likely that China is likely"
    assert "We assess that China is likely (55–80 %) to criticise the office" in text
    assert "likely that China is likely" not in text
    assert "We assess that Japan is hedging rather than breaking with Beijing" in text
    assert text.count("Confidence: moderate") == 2
    assert text.count("REPORTED FACT") == 4
    assert text.count("Reported in \u201c") == 4 and "(C: fairly reliable)" in text  # a source with no publisher
    assert text.count("We assess") == 2  # only the two judgments
    assert "Reliability C (fairly reliable, Admiralty scale)" in text


def test_product_line_and_footer_title(sample_briefing, sample_pages):
    first = flat(sample_pages[0])
    assert "OPEN-SOURCE INTELLIGENCE ASSESSMENT" in first
    assert "INTELLIGENCE BRIEF" not in flat(" ".join(sample_pages))
    for page in sample_pages:
        assert "information as of 30 April 2023" in flat(page)
        assert sample_briefing.id not in page  # named by its title, never its id


def test_qpdf_check_fonts_embedded_and_metadata(sample_pdf, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(sample_pdf)
    qpdf = need("qpdf")
    subprocess.run([qpdf, "--check", str(path)], check=True, capture_output=True)
    fonts = subprocess.run([need("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # emb column
    info = subprocess.run([need("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+Japan in talks with NATO", info, re.M)
    assert re.search(r"^Author:\s+\S", info, re.M)
    assert re.search(r"^Subject:\s+\S", info, re.M)
    assert re.search(r"^Keywords:\s+.*nato", info, re.M)
    assert re.search(r"^Creator:\s+Briefing Reader", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)", info, re.M)


def test_outline_and_internal_links(sample_pdf):
    assert b"/Outlines" in sample_pdf
    for title in (b"Key points", b"Timeline", b"Source notes"):
        assert b"(" + title + b")" in sample_pdf or title in sample_pdf
    # Endnote marks link to the notes and back (named destinations).
    assert b"/Dest" in sample_pdf or b"/GoTo" in sample_pdf


def test_reproducible(sample_briefing, sample_pdf):
    assert build_brief(sample_briefing, (), BriefOptions()) == sample_pdf


def test_letter_size(sample_briefing, tmp_path):
    data = build_brief(sample_briefing, (), BriefOptions(page_size="letter"))
    path = tmp_path / "l.pdf"
    path.write_bytes(data)
    info = subprocess.run([need("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    assert "612 x 792" in info


def test_no_empty_last_page(sample_briefing, tmp_path):
    for size in ("a4", "letter"):
        pages = pages_text(build_brief(sample_briefing, (), BriefOptions(page_size=size)), tmp_path)
        last = body_text(pages[-1:], sample_briefing.classification, sample_briefing.title)
        assert re.search(r"\d+\. S1 ¶\d+ \u201c", last), (size, last)  # the last page holds source notes
