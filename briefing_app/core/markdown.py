"""Analysts' notes as Markdown: one dialect, parsed once into a small tree, rendered as safe HTML.

A note is user text. It is read by markdown-it-py, configured once here:
CommonMark with raw HTML disabled (`<b>` in a note is text and shows as
typed), plus `~~strikethrough~~` and bare `http(s)://` links — the union of
what the PDF, the editor preview and the tooltips understood before they
shared this module. Tables are not part of the dialect (the PDF never printed
them); their lines read as ordinary text.

The parse becomes a tree of our own (`Para`, `Heading`, `ListBlock` of
`ListItem`s, `Quote`, `CodeBlock`, `Rule`; inline content as flat `Run`s
carrying bold/italic/code/strike/link flags, and `Break`s) that every view
renders: `note_html` here for the Qt preview, `core.annotations.text` for
plain text, `export.markdown` for PDF runs. One policy holds for all of them:
control characters, lone surrogates and noncharacters become U+FFFD before
parsing; a link is a link only when `safe_href` accepts its target (http,
https, mailto), otherwise its label is plain text; images are their alt text
(nothing is ever fetched). Block nesting is capped by markdown-it's
`maxNesting`, so hostile input stays bounded; inline styles are flags, so
deep emphasis costs no recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "Run", "Break", "Inline", "Para", "Heading", "CodeBlock", "Rule", "Quote", "ListItem", "ListBlock",
    "Block", "parse_note", "safe_href", "inline_text", "note_html", "note_markdown",
]

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: C0 and C1 controls (but tab, newline, return), lone surrogates and the 66 noncharacters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17)) + "]")
#: A bare web address in running text; trailing punctuation stays outside the link.
_BARE_URL = re.compile(r"(?<![\w/])https?://[^\s<>()\"]+[^\s<>()\".,;:!?']")
#: Deeper block nesting is not parsed (markdown-it drops it), which bounds every renderer's recursion.
MAX_NESTING = 20


def safe_href(url: str) -> str | None:
    """The URL if it may be a link target (http, https, mailto), else None."""
    u = url.strip()
    if u.lower().startswith(_SAFE_SCHEMES) and not any(c.isspace() or ord(c) < 0x20 for c in u):
        return u
    return None


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one style; `href` is set only for a safe link."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Break:
    """A line break inside a paragraph: soft (a newline as typed) or hard (forced)."""

    hard: bool = False


Inline = Run | Break


@dataclass(frozen=True, slots=True)
class Para:
    inlines: tuple[Inline, ...]
    lines: tuple[int, int]  # source lines [first, last + 1): where the analyst left blank lines


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    inlines: tuple[Inline, ...]
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Rule:
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Quote:
    children: tuple[Block, ...]
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ListItem:
    children: tuple[Block, ...]
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    start: int
    tight: bool
    items: tuple[ListItem, ...]
    lines: tuple[int, int]


Block = Para | Heading | CodeBlock | Rule | Quote | ListBlock


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "maxNesting": MAX_NESTING})
    return md.enable("strikethrough")


_MD = _parser()


@lru_cache(maxsize=512)
def parse_note(markdown: str) -> tuple[Block, ...]:
    """The note's blocks (cached: tooltips and table cells ask for the same notes again and again)."""
    text = _UNSAFE.sub("\ufffd", markdown)
    return _Builder(_MD.parse(text)).blocks()


def inline_text(inlines: tuple[Inline, ...], soft: str = "\n", hard: str = "\n") -> str:
    """The words of inline content as plain text, breaks as `soft`/`hard`."""
    return "".join(i.text if isinstance(i, Run) else (hard if i.hard else soft) for i in inlines)


class _Builder:
    """Turns markdown-it's flat token stream into our tree."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def blocks(self, until: str | None = None) -> tuple[Block, ...]:
        out: list[Block] = []
        while self.pos < len(self.tokens):
            t = self.tokens[self.pos]
            self.pos += 1
            if t.type == until:
                break
            lines = (t.map[0], t.map[1]) if t.map else (0, 0)
            if t.type == "paragraph_open":
                inlines = self.inline()
                if inlines:  # a line of Unicode spaces is a paragraph with no content
                    out.append(Para(inlines, lines))
            elif t.type == "heading_open":
                out.append(Heading(int(t.tag[1:]), self.inline(), lines))
            elif t.type in ("code_block", "fence"):
                out.append(CodeBlock(t.content.removesuffix("\n"), lines))
            elif t.type == "hr":
                out.append(Rule(lines))
            elif t.type == "blockquote_open":
                out.append(Quote(self.blocks("blockquote_close"), lines))
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                out.append(self.list_block(t, lines))
        return tuple(out)

    def inline(self) -> tuple[Inline, ...]:
        """The inline token after a paragraph/heading opener; skips to after its closer."""
        t = self.tokens[self.pos]
        self.pos += 2  # the inline token and the closer
        return _inlines(t.children or [])

    def list_block(self, opener: Token, lines: tuple[int, int]) -> ListBlock:
        ordered = opener.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = opener.attrGet("start")
        items: list[ListItem] = []
        tight = True
        while self.pos < len(self.tokens):
            t = self.tokens[self.pos]
            self.pos += 1
            if t.type == close:
                break
            if t.type == "list_item_open":
                first = self.pos
                children = self.blocks("list_item_close")
                tight = tight and not any(x.type == "paragraph_open" and not x.hidden and x.level == t.level + 1
                                          for x in self.tokens[first:self.pos])
                items.append(ListItem(children, (t.map[0], t.map[1]) if t.map else lines))
        return ListBlock(ordered, int(start) if start is not None else 1, tight, tuple(items), lines)


def _inlines(tokens: list[Token]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    bold = italic = strike = 0
    href: str | None = None
    in_link = 0
    stack: list[list[Token]] = [tokens]
    index = [0]
    while stack:  # iterative: an image's alt text is a nested token list
        if index[-1] >= len(stack[-1]):
            stack.pop()
            index.pop()
            continue
        t = stack[-1][index[-1]]
        index[-1] += 1
        kind = t.type
        if kind == "text":
            _add_text(out, t.content, bold, italic, strike, href, linkify=not in_link)
        elif kind == "code_inline":
            out.append(Run(t.content, bold > 0, italic > 0, True, strike > 0, href))
        elif kind in ("softbreak", "hardbreak"):
            out.append(Break(kind == "hardbreak"))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind in ("s_open", "s_close"):
            strike += 1 if kind == "s_open" else -1
        elif kind == "link_open":
            in_link += 1
            href = safe_href(str(t.attrGet("href") or ""))
        elif kind == "link_close":
            in_link -= 1
            href = None
        elif kind == "image":
            stack.append(t.children or [])
            index.append(0)
    return tuple(out)


def _add_text(out: list[Inline], text: str, bold: int, italic: int, strike: int, href: str | None,
              *, linkify: bool) -> None:
    pos = 0
    if linkify:
        for m in _BARE_URL.finditer(text):
            if m.start() > pos:
                out.append(Run(text[pos:m.start()], bold > 0, italic > 0, False, strike > 0))
            out.append(Run(m.group(0), bold > 0, italic > 0, False, strike > 0, safe_href(m.group(0))))
            pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:], bold > 0, italic > 0, False, strike > 0, href))


# --- safe HTML, for the editor's preview (Qt rich text) ---------------------------------------


def note_html(markdown: str) -> str:
    """The note as HTML for a Qt rich-text view: every character of the note escaped, no raw HTML,
    no images, links only to http, https and mailto targets."""
    out: list[str] = []
    _html_blocks(out, parse_note(markdown), tight=False)
    return "".join(out)


def _html_blocks(out: list[str], blocks: tuple[Block, ...], *, tight: bool) -> None:
    for b in blocks:
        if isinstance(b, Para):
            out.append(_html_inlines(b.inlines) + "\n" if tight else f"<p>{_html_inlines(b.inlines)}</p>\n")
        elif isinstance(b, Heading):
            out.append(f"<h{b.level}>{_html_inlines(b.inlines)}</h{b.level}>\n")
        elif isinstance(b, CodeBlock):
            out.append(f"<pre><code>{escape(b.text)}</code></pre>\n")
        elif isinstance(b, Rule):
            out.append("<hr>\n")
        elif isinstance(b, Quote):
            out.append("<blockquote>\n")
            _html_blocks(out, b.children, tight=False)
            out.append("</blockquote>\n")
        else:
            tag = "ol" if b.ordered else "ul"
            out.append(f'<ol start="{b.start}">\n' if b.ordered and b.start != 1 else f"<{tag}>\n")
            for item in b.items:
                out.append("<li>")
                _html_blocks(out, item.children, tight=b.tight)
                out.append("</li>\n")
            out.append(f"</{tag}>\n")


def _html_inlines(inlines: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for i in inlines:
        if isinstance(i, Break):
            parts.append("<br>\n" if i.hard else "\n")
            continue
        s = escape(i.text)
        if i.code:
            s = f"<code>{s}</code>"
        if i.strike:
            s = f"<s>{s}</s>"
        if i.italic:
            s = f"<em>{s}</em>"
        if i.bold:
            s = f"<strong>{s}</strong>"
        if i.href:
            s = f'<a href="{escape(i.href)}">{s}</a>'
        parts.append(s)
    return "".join(parts)


# --- CommonMark again, for the layer's Markdown export -----------------------------------------

#: Characters that could start markup anywhere in a line (tables included, for GitHub's viewer).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])|&(?=#?\w+;)")
#: What could start a block at the beginning of a line: headings, quotes, list markers, rules, setext.
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])")


def note_markdown(markdown: str, heading_base: int = 0) -> str:
    """The note re-written from the tree as plain CommonMark, to embed in another Markdown document.

    Any CommonMark viewer then shows what the app shows: HTML the analyst
    typed is escaped (it is text in our dialect), links are kept only when
    safe, images are their alt text, and headings move `heading_base` levels
    down (at most `######`) so a note's `#` does not outrank the document's.
    """
    return _md_blocks(parse_note(markdown), heading_base, "\n\n")


def _md_blocks(blocks: tuple[Block, ...], base: int, sep: str) -> str:
    out: list[str] = []
    alternate = False
    for k, b in enumerate(blocks):
        # two lists in a row would read back as one unless the second uses the other marker
        prev = blocks[k - 1] if k else None
        same = isinstance(b, ListBlock) and isinstance(prev, ListBlock) and prev.ordered == b.ordered
        alternate = same and not alternate
        out.append(_md_block(b, base, alternate))
    return sep.join(out)


def _md_block(b: Block, base: int, alternate: bool = False) -> str:
    if isinstance(b, Para):
        return _md_inlines(b.inlines)
    if isinstance(b, Heading):
        one_line = tuple(Run(" ") if isinstance(i, Break) else i for i in b.inlines)  # an ATX heading is one line
        text = re.sub(r"(?<!\\)#+$", lambda m: "\\" + m.group(0), _md_inlines(one_line).rstrip())  # not a closing ###
        return "#" * min(6, b.level + base) + " " + text
    if isinstance(b, CodeBlock):
        fence = "`" * max(3, 1 + max((len(m) for m in re.findall("`+", b.text)), default=0))
        return f"{fence}\n{b.text}\n{fence}"
    if isinstance(b, Rule):
        return "___"  # not `***` or `---`, which a list marker before it would join
    if isinstance(b, Quote):
        inner = _md_blocks(b.children, base, "\n\n")
        return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
    items: list[str] = []
    for n, item in enumerate(b.items, start=b.start):
        marker = (f"{n})" if alternate else f"{n}.") if b.ordered else ("*" if alternate else "-")
        marker += " "
        body = _md_blocks(item.children, base, "\n" if b.tight else "\n\n")
        pad = " " * len(marker)
        lines = body.split("\n")
        if item.children and isinstance(item.children[0], ListBlock):
            lines.insert(0, "")  # `- - -` on one line would be a rule: the nested list starts below
        items.append("\n".join([(marker + lines[0]).rstrip(), *((pad + ln).rstrip() for ln in lines[1:])]))
    return ("\n" if b.tight else "\n\n").join(items)


def _md_inlines(inlines: tuple[Inline, ...]) -> str:
    styled = _md_styled(inlines)
    if not any(isinstance(i, Run) and (i.bold or i.italic or i.strike) for i in inlines):
        return styled  # escaped words, code and links: nothing that could fail to pair
    # Emphasis delimiters next to punctuation can fail to pair; if the styled text would not read back
    # as the same words, fall back to the words alone (escaped), never to stray asterisks.
    if inline_text(_reparse(styled), " ", " ") == inline_text(inlines, " ", " "):
        return styled
    return _md_styled(tuple(Run(i.text, code=i.code, href=i.href) if isinstance(i, Run) else i for i in inlines))


def _reparse(text: str) -> tuple[Inline, ...]:
    blocks = _Builder(_MD.parse(text)).blocks()
    return blocks[0].inlines if len(blocks) == 1 and isinstance(blocks[0], Para) else (Run(text),)


def _md_styled(inlines: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    line_start = True
    n = 0
    while n < len(inlines):
        i = inlines[n]
        if isinstance(i, Break):
            parts.append("\\\n" if i.hard else "\n")
            line_start = True
            n += 1
            continue
        if i.href is None:
            parts.append(_md_run(i, line_start))
            n += 1
        else:  # one link, however many styles its label has
            group = [i]
            while n + len(group) < len(inlines):
                nxt = inlines[n + len(group)]
                if not isinstance(nxt, Run) or nxt.href != i.href:
                    break
                group.append(nxt)
            n += len(group)
            if len(group) == 1 and i.text == i.href and not (i.bold or i.italic or i.strike or i.code):
                parts.append(f"<{i.href}>")
            else:
                parts.append(f"[{''.join(_md_run(r, line_start and k == 0) for k, r in enumerate(group))}](<{i.href}>)")
        line_start = False
    return "".join(parts)


def _md_run(r: Run, line_start: bool) -> str:
    if r.code:
        ticks = "`" * (1 + max((len(m) for m in re.findall("`+", r.text)), default=0))
        # a reader strips one space from each end of a code span unless it is all spaces
        pad = " " if r.text.strip(" ") and (r.text.startswith(("`", " ")) or r.text.endswith(("`", " "))) else ""
        body = f"{ticks}{pad}{r.text}{pad}{ticks}"
    else:
        body = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), r.text)
        if body.endswith("!"):  # a link may follow: `![` would make it an image
            body = body[:-1] + "\\!"
        if line_start:
            body = _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), body.lstrip(" \t"), count=1)
    core = body.strip()
    marks = ("**" if r.bold else "") + ("*" if r.italic else "") + ("~~" if r.strike else "")
    if not core or not marks:
        return body
    # delimiters hug the words: `** a **` would not be emphasis
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()):]
    return f"{lead}{marks}{core}{marks[::-1]}{trail}"
