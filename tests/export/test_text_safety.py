"""No briefing or note text is ever read as markup or fetched; any script prints."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_app.core.briefing.dates import PartialDate
from briefing_app.core.briefing.model import Event
from briefing_app.export.builder import BriefOptions, build_brief
from briefing_app.export.highlights import Highlight

from .factory import make_briefing
from .pdftools import body_text, flat, pages_text

HOSTILE = [
    "<b>bold?</b>",
    "Tom & Jerry &amp; co",
    '<img src="http://example.invalid/x.png"/>',
    "<para>para</para>",
    '<a href="http://evil.invalid">click</a>',
    "<font name=\"Courier\">x</font> <br/> <super>2</super>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_prints_literally(hostile, tmp_path):
    b = make_briefing(hostile)
    pdf = build_brief(b)
    pages = pages_text(pdf, tmp_path)
    assert flat(f"Title {hostile}") in flat(" ".join(pages))
    text = body_text(pages, b.classification, b.title)
    for needle in (f"BLUF {hostile}", f"Judgment {hostile}", f"Actor {hostile}",
                   f"Event 0 {hostile}", f"Source says {hostile}", f"Context {hostile}", f"Note {hostile}"):
        assert flat(needle) in text, needle
    # nothing became an image or an external link
    assert b"/Subtype /Image" not in pdf
    assert b"evil.invalid" not in pdf or b"/URI (http://evil.invalid)" not in pdf


def test_note_markdown_is_rendered_from_structure(tmp_path):
    b = make_briefing("x")
    note = ("Watch **this** and *that*.\n\n- first <b>item</b>\n- second [site](https://example.org/a)"
            "\n- bad [link](javascript:alert(1))\n\n<img src=\"http://example.invalid/p.png\">")
    h = Highlight("n1", "quotes/q1", "text", 0, 6, "pink", "disputed", note_markdown=note, tags=("t&<x>",))
    pdf = build_brief(b, [h])
    text = body_text(pages_text(pdf, tmp_path), b.classification, b.title)
    assert "Watch this and that." in text
    assert "first <b>item</b>" in text
    assert "[link](javascript:alert(1))" in text
    assert '<img src="http://example.invalid/p.png">' in text
    assert "#t&<x>" in text
    assert b"https://example.org/a" in pdf  # a real link annotation
    assert b"javascript" not in pdf.split(b"/URI")[-1][:40]
    assert b"/Subtype /Image" not in pdf


def test_source_url_link_only_for_http(tmp_path):
    pdf = build_brief(make_briefing("x", url="javascript:alert(1)"))
    assert b"/URI (javascript" not in pdf
    pdf = build_brief(make_briefing("x", url="https://example.org/r?a=1&b=<2>"))
    assert b"/URI" in pdf


def test_scripts_render_with_real_glyphs_and_extract(tmp_path):
    names = "林芳正 東京 서울 Ελληνικά Кириллица"
    b = make_briefing(names)
    pdf = build_brief(b)
    text = body_text(pages_text(pdf, tmp_path), b.classification, b.title)
    assert flat(f"Actor {names}") in text
    assert b"DroidSansFallback" in pdf  # the CJK face is embedded


def test_rtl_does_not_crash(tmp_path):
    b = make_briefing("שלום עולם مرحبا بالعالم")
    pdf = build_brief(b)
    assert pdf.startswith(b"%PDF")


def test_five_thousand_character_word_wraps(tmp_path):
    word = "x" * 5000
    b = make_briefing(word)
    pdf = build_brief(b)
    pages = pages_text(pdf, tmp_path)
    joined = "".join("".join(p.split()) for p in pages)
    assert word in joined


def test_control_characters_and_surrogates_do_not_crash():
    build_brief(make_briefing("a\x00b\x07c\ud800d\ufffee\u202eRTL override"))


@pytest.mark.slow
def test_ten_thousand_row_timeline_splits_with_header(tmp_path):
    b = make_briefing("x", events=0)
    events = tuple(Event(f"e{i}", PartialDate(2000 + i // 365, 1 + (i // 28) % 12, 1 + i % 28),
                         f"Event number {i}", description="d" * (i % 60)) for i in range(10_000))
    from dataclasses import replace

    b = replace(b, timeline=events, as_of=dt.date(2030, 1, 1))
    pdf = build_brief(b, (), BriefOptions(sections=("timeline",)))
    pages = pages_text(pdf, tmp_path)
    assert len(pages) > 100
    with_header = [p for p in pages if "Date" in p.split() and "Event" in p.split()]
    assert len(with_header) >= len(pages) - 3  # the header row repeats on every page of the table
    text = flat(" ".join(pages))
    assert "Event number 0 " in text and "Event number 9999" in text


def test_clean_text_replaces_exactly_the_unsafe_code_points():
    """Over every code point: tab, newline and return become spaces; C0 and C1 controls, lone
    surrogates and noncharacters become U+FFFD; everything else is kept."""
    from briefing_app.export.fonts import clean_text

    def expected(cp: int) -> str:
        if cp in (0x09, 0x0A, 0x0D):
            return " "
        if (cp < 0x20 or 0x7F <= cp < 0xA0 or 0xD800 <= cp <= 0xDFFF or (cp & 0xFFFE) == 0xFFFE
                or 0xFDD0 <= cp <= 0xFDEF):
            return "\ufffd"
        return chr(cp)

    everything = "".join(map(chr, range(0x110000)))
    assert clean_text(everything) == "".join(map(expected, range(0x110000)))
    assert clean_text("plain text, no controls") == "plain text, no controls"


@pytest.mark.parametrize(("text", "digits"), [("lorem لا بسم الله ipsum 你好1234你好", "1234"),
                                              ("محمد(林芳正)2023 שלום-서울", "2023")])
def test_words_mixing_scripts_next_to_arabic_print(text, digits, tmp_path):
    """A word needing two faces in a shaped paragraph: one face for the word where one has it all,
    else (Hebrew joined to Hangul: no face has both) that paragraph prints unshaped; never a failure."""
    b = make_briefing(text)
    pdf = build_brief(b)
    assert pdf.startswith(b"%PDF")
    assert digits in flat(" ".join(pages_text(pdf, tmp_path)))
