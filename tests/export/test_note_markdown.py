"""Notes in the PDF come from the same Markdown tree as the preview and the tooltips, and agree with them."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.annotations.text import note_plain_text
from briefing_app.core.markdown import note_html, note_markdown, parse_note
from briefing_app.export.builder import build_brief
from briefing_app.export.fonts import printable
from briefing_app.export.highlights import Highlight
from briefing_app.export.markdown import Block, Inline, parse_markdown, render_inline

from .factory import make_briefing
from .pdftools import body_text, pages_text

#: List markers are not words: plain text writes them, the PDF draws them as bullets, HTML as <li>.
_MARKER = re.compile(r"\u2022|\d+[.)]")


def _words(text: str) -> list[str]:
    return [w for w in text.split() if not _MARKER.fullmatch(w)]


def plain_words(note: str) -> list[str]:
    """The plain text's words, as the PDF can print them (a character no bundled font has is U+FFFD)."""
    return _words(printable(note_plain_text(note)))


def pdf_words(note: str) -> list[str]:
    out: list[str] = []
    for block in parse_markdown(note):
        markup = render_inline(block.inlines).replace("<br/>", " ")
        out += _words(html.unescape(re.sub(r"<[^>]+>", "", markup)))
    return out


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def html_words(note: str) -> list[str]:
    p = _Text()
    p.feed(note_html(note))
    p.close()
    return _words(printable("".join(p.parts)))


PIECES = ["alpha", "beta", "\u65e5\u672c", "\u0645\u0631\u062d\u0628\u0627", "\u00e9t\u00e9", "2", "**", "*", "_", "__",
          "~~", "`", "``", "[", "]", "(", ")", "[a](https://x.org/p)", "[b](javascript:x)", "<https://y.org>",
          "https://z.org/q.", "mailto:a@b.org", "![img](m.png)", "<b>", "</b>", "&amp;", "&", "\\", "\\*", "!",
          "#", "|", " ", "  ", "\t", "\x00", "\x1b", "\u00a0", "\ufffe", "<!--", "-->"]
PREFIXES = ["", "", "", "# ", "### ", "- ", "* ", "+ ", "1. ", "3) ", "> ", "> - ", "    ", "  - ", "    - ",
            "```", "~~~", "---", "***", "Title\n===", "  "]
LINE = st.builds(lambda prefix, pieces: prefix + "".join(pieces),
                 st.sampled_from(PREFIXES), st.lists(st.sampled_from(PIECES), max_size=12))
NOTES = st.lists(st.one_of(LINE, st.just("")), max_size=12).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(NOTES)
def test_plain_pdf_and_preview_show_the_same_words(note):
    words = plain_words(note)
    assert pdf_words(note) == words
    assert html_words(note) == words


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_the_same_words(note):
    assert pdf_words(note) == plain_words(note) == html_words(note)


@settings(max_examples=400, deadline=None)
@given(NOTES, st.integers(0, 5))
def test_layer_export_rewrites_notes_with_the_same_words(note, base):
    again = note_markdown(note, heading_base=base)
    assert plain_words(again) == plain_words(note)
    assert [type(b) for b in parse_note(again)] == [type(b) for b in parse_note(note)]


def test_blocks_for_the_pdf():
    note = ("# Head\n\nPara **b** *i* ~~s~~ `c`  \nnext [l](https://x.org) [u](ftp://x.org)\n\n"
            "- one\n  - two\n1. three\n\n> quoted\n\n```\n  code\nline\n```\n\n---")
    blocks = parse_markdown(note)
    assert [(b.kind, b.depth, b.quoted) for b in blocks] == [
        ("heading", 0, 0), ("para", 0, 0), ("bullet", 1, 0), ("bullet", 2, 0), ("number", 1, 0),
        ("para", 0, 1), ("code", 0, 0), ("rule", 0, 0)]
    assert blocks[0].level == 1 and blocks[0].inlines == [Inline("strong", children=(Inline("text", "Head"),))]
    assert blocks[4].number == 1
    para = render_inline(blocks[1].inlines)
    assert "<b>b</b>" in para and "<i>i</i>" in para and "<strike>s</strike>" in para and "<br/>" in para
    assert '<link href="https://x.org"' in para and "ftp" not in para and para.endswith(" u")
    assert "<br/>" in render_inline(blocks[6].inlines) and "\u00a0\u00a0code" in render_inline(blocks[6].inlines)


def test_an_item_opening_with_a_nested_list_keeps_its_marker():
    blocks = parse_markdown("- - inner\n-\n1. ```\n   x\n   ```")
    assert [(b.kind, b.depth, b.number) for b in blocks] == [
        ("bullet", 1, None), ("bullet", 2, None), ("bullet", 1, None), ("number", 1, 1), ("code", 1, None)]
    assert isinstance(blocks[0], Block) and blocks[0].inlines == []


def test_note_with_every_block_kind_prints(tmp_path):
    b = make_briefing("x")
    note = ("## Heading line\n\nSee **bold** and [the site](https://example.org/a), `code` and ~~gone~~.\n\n"
            "- first item\n  - nested item\n1. numbered item\n\n> a quotation\n\n```\nfenced code\n```\n\n"
            "---\n\nlast <script>alert(1)</script> [bad](javascript:alert(1)) [d](data:text/html,x) \x00end")
    pdf = build_brief(b, [Highlight("n1", "quotes/q1", "text", 0, 6, "pink", "disputed", note_markdown=note)])
    text = body_text(pages_text(pdf, tmp_path), b.classification, b.title)
    for needle in ("Heading line", "See bold and the site, code and gone.", "first item", "nested item",
                   "numbered item", "a quotation", "fenced code", "last <script>alert(1)</script>",
                   "[bad](javascript:alert(1))", "[d](data:text/html,x)", "\ufffdend"):
        assert needle in text, needle
    assert text.index("Heading line") < text.index("first item") < text.index("fenced code") < text.index("last")
    uris = re.findall(rb"/URI \(([^)]*)\)", pdf)
    assert b"https://example.org/a" in uris and not any(u.startswith((b"javascript", b"data")) for u in uris)
