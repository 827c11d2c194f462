"""The notes' one Markdown dialect: the tree, its plain text and its safe HTML (no Qt needed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from briefing_app.core.annotations.text import note_plain_text, wrap_plain
from briefing_app.core.markdown import (
    MAX_NESTING,
    Break,
    CodeBlock,
    Heading,
    ListBlock,
    Para,
    Quote,
    Rule,
    Run,
    note_html,
    parse_note,
    safe_href,
)

NOTE = """\
## Assessment

**Tokyo** keeps *options* open; see [MOFA](https://www.mofa.go.jp/) and ~~old~~ `code`.

- first
  - nested **bold**
2. not a new list

> quoted
> text

```
fenced  code
```

---
after"""


def test_tree_has_every_block_kind():
    blocks = parse_note(NOTE)
    kinds = [type(b) for b in blocks]
    assert kinds == [Heading, Para, ListBlock, ListBlock, Quote, CodeBlock, Rule, Para]
    heading, para, bullets, numbered, quote, code = blocks[:6]
    assert heading.level == 2 and heading.inlines == (Run("Assessment"),)
    assert Run("Tokyo", bold=True) in para.inlines and Run("options", italic=True) in para.inlines
    assert Run("MOFA", href="https://www.mofa.go.jp/") in para.inlines
    assert Run("old", strike=True) in para.inlines and Run("code", code=True) in para.inlines
    assert not bullets.ordered and bullets.tight
    nested = bullets.items[0].children[1]
    assert isinstance(nested, ListBlock) and Run("bold", bold=True) in nested.items[0].children[0].inlines
    assert numbered.ordered and numbered.start == 2
    assert quote.children[0].inlines == (Run("quoted"), Break(), Run("text"))
    assert code.text == "fenced  code"


def test_plain_text():
    assert note_plain_text(NOTE) == (
        "Assessment\n\nTokyo keeps options open; see MOFA and old code.\n\n"
        "\u2022 first\n  \u2022 nested bold\n2. not a new list\n\nquoted\ntext\n\nfenced  code\n\nafter")
    assert note_plain_text(NOTE, one_line=True).startswith("Assessment Tokyo keeps options open; see MOFA")
    # line breaks as typed, one blank line where the analyst left several
    assert note_plain_text("a\nb\n\n\n\nc  \n") == "a\nb\n\nc"
    assert note_plain_text("1. x\n\n1. y") == "1. x\n\n2. y"
    assert note_plain_text("") == "" and note_plain_text("   \n\n") == ""


@pytest.mark.parametrize(("note", "plain"), [
    # CommonMark: intraword `*` is emphasis, intraword `_` is not (was literal in tooltips before)
    ("2*3*4 snake_case_name", "234 snake_case_name"),
    ("_u_ and __strong__", "u and strong"),
    # raw HTML is text everywhere
    ("a <b>b</b> <!-- c -->", "a <b>b</b> <!-- c -->"),
    # references, autolinks, bare links, entities, escapes
    ("[text][r]\n\n[r]: https://x.org", "text"),
    ("<https://x.org/a> and http://y.org.", "https://x.org/a and http://y.org."),
    ("&amp; &copy; \\*x\\* \\<b>", "& \u00a9 *x* <b>"),
    # unterminated markup stays as typed
    ("**bold *em `code [link](http", "**bold *em `code [link](http"),
    # images are their alt text; setext headings and rules
    ("![a map](https://x.org/m.png)", "a map"),
    ("Title\n=====\n\n***\n\nbody", "Title\n\nbody"),
])
def test_dialect(note, plain):
    assert note_plain_text(note) == plain


def test_wrap_plain_unchanged():
    assert wrap_plain("word " * 40, width=20, max_lines=3).splitlines()[-1].endswith("\u2026")
    assert wrap_plain("a\n\nb") == "a\n\nb"


class _Html(HTMLParser):
    """Collects tags, attributes and text of the preview's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr",
                "br", "strong", "em", "s", "a"}


def html_of(note: str) -> _Html:
    p = _Html()
    p.feed(note_html(note))
    p.close()
    return p


def assert_safe_html(note: str) -> _Html:
    p = html_of(note)
    for tag, attrs in p.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert (tag, name) in (("a", "href"), ("ol", "start")), (tag, name)
            if name == "href":
                assert value is not None and safe_href(value) == value
                assert re.match(r"(https?://|mailto:)", value, re.I)
    return p


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1)) [c2](JAVASCRIPT:alert(1)) [c3](vbscript:x) [c4](file:///etc/passwd)",
    "[d](data:text/html;base64,PHNjcmlwdD4=) ![i](data:image/png;base64,iVBORw0KGgo=)",
    "[rel](../../etc/passwd) [ftp](ftp://x.org) <javascript:alert(1)>",
    '[q](https://x.org/"onmouseover="alert(1)) [sp](<https://x.org/a b>)',
    "\x00\x01\x07\x1b[31mred\x7f\x85\ud800\ufffe end",
    "**unterminated *emphasis `code [link](https://x.org",
    "<style>body{}</style><iframe src=https://x.org></iframe><svg onload=alert(1)>",
]


@pytest.mark.parametrize("note", HOSTILE)
def test_hostile_notes_render_safely(note):
    p = assert_safe_html(note)
    text = "".join(p.text)
    plain = note_plain_text(note)
    # whatever HTML was written is shown, as text
    for needle in ("<script>", "<img", "<iframe", "<svg", 'href="javascript'):
        if needle in note:
            assert needle in text and needle in plain
    # controls never reach a view
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", text + plain)


def test_only_safe_links_are_links():
    p = assert_safe_html("[a](https://x.org) [b](mailto:a@x.org) [c](ftp://x.org) [d](rel/path) "
                         "https://bare.org/p.")
    hrefs = [dict(attrs)["href"] for tag, attrs in p.tags if tag == "a"]
    assert hrefs == ["https://x.org", "mailto:a@x.org", "https://bare.org/p"]
    # a link that is not safe keeps its label, as plain text
    assert note_plain_text("[c](ftp://x.org) [d](rel/path)") == "c d"


@pytest.mark.parametrize("note", [
    ">" * 10_000 + " deep",
    "".join("  " * i + "- x\n" for i in range(500)),
    "*" * 20_000 + "a" + "*" * 20_000,
    "[" * 50_000 + "]" * 50_000,
    "`" * 30_000,
    "<" * 50_000,
    "a\n" * 50_000,
])
def test_huge_nesting_and_long_runs_are_bounded(note):
    assert_safe_html(note)
    note_plain_text(note)


def test_nesting_beyond_the_cap_is_not_parsed():
    # documented limit: deeper block nesting is left out rather than recursing without bound
    deep = ">" * (MAX_NESTING + 5) + " deep"
    assert "deep" not in note_plain_text(deep)
    assert note_plain_text(">" * (MAX_NESTING - 2) + " shallow") == "shallow"


def test_one_megabyte_note():
    note = ("Para with **bold**, `code`, [a link](https://x.org) and http://bare.org.\n\n- item\n" * 20_000)[:1_000_000]
    plain = note_plain_text(note)
    assert plain.count("\u2022 item") >= 10_000 and "**" not in plain
    assert_safe_html(note)


def test_html_keeps_structure():
    html = note_html(NOTE)
    assert "<h2>Assessment</h2>" in html and '<ol start="2">' in html
    assert "<pre><code>fenced  code</code></pre>" in html and "<blockquote>" in html and "<hr>" in html
    assert '<a href="https://www.mofa.go.jp/">MOFA</a>' in html and "<s>old</s>" in html
    assert note_html("a <b>&</b>") == "<p>a &lt;b&gt;&amp;&lt;/b&gt;</p>\n"


def test_parse_is_cached_and_immutable():
    assert parse_note(NOTE) is parse_note(NOTE)
    with pytest.raises(AttributeError):
        parse_note(NOTE)[0].level = 1  # type: ignore[misc]


def test_note_markdown_for_the_layer_export():
    from briefing_app.core.markdown import note_markdown

    note = ("# Head\n\nSee **Tokyo** and *x* <script>alert(1)</script> [MOFA](https://www.mofa.go.jp/) "
            "[bad](javascript:alert(1)) https://bare.org.\n\n- one\n  - two\n\n> q\n\n---\n\n1) a\n")
    assert note_markdown(note, heading_base=3) == (
        "#### Head\n\n"
        "See **Tokyo** and *x* \\<script\\>alert(1)\\</script\\> [MOFA](<https://www.mofa.go.jp/>) "
        "\\[bad\\](javascript:alert(1)) <https://bare.org>.\n\n"
        "- one\n  - two\n\n> q\n\n___\n\n1. a")
    assert note_markdown("###### deep", heading_base=3) == "###### deep"
    assert note_markdown("\\- not a list\n1\\. nor this\n\\# nor this") == "\\- not a list\n1\\. nor this\n\\# nor this"
    assert note_markdown("") == "" and note_markdown("\n \n") == ""


def test_layer_export_writes_notes_from_the_tree(sample_briefing):
    from briefing_app.core.annotations import Annotation, AnnotationLayer
    from briefing_app.core.annotations.export import to_markdown

    layer = AnnotationLayer(briefing=sample_briefing.id, author="A. Analyst")
    layer.add(Annotation("n1", "summary", color="yellow", note="# Mine\n\nKey *judgment* <b>raw</b>"))
    md = to_markdown(layer, sample_briefing)
    assert "\n#### Mine\n\nKey *judgment* \\<b\\>raw\\</b\\>\n" in md
    assert "\n# Mine" not in md
