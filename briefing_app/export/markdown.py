"""Analysts' notes for the PDF: the shared Markdown tree as blocks of inline runs.

Notes are user text: we never hand them to ReportLab as markup. The note is
parsed once by `core.markdown` (the dialect the editor preview and the
tooltips use too) and flattened here into `Block`s — one per paragraph,
heading, list item, code block or rule — each holding a small `Inline` tree;
`render_inline` turns that into paragraph markup in which every piece of the
user's text goes through `markup_runs` (escaped, fonts per script). Links are
clickable only for http, https and mailto (`safe_href`); nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from briefing_app.core.markdown import Block as NoteBlock
from briefing_app.core.markdown import (
    Break,
    CodeBlock,
    Heading,
    ListBlock,
    Para,
    Quote,
    Rule,
    Run,
    parse_note,
    safe_href,
)
from briefing_app.core.markdown import Inline as NoteInline
from briefing_app.export.fonts import markup_runs

__all__ = ["Inline", "Block", "parse_markdown", "render_inline", "safe_href"]


@dataclass(frozen=True)
class Inline:
    kind: str  # "text", "em", "strong", "strike", "code", "link", "break" (a hard line break)
    text: str = ""
    children: tuple[Inline, ...] = ()
    href: str | None = None


@dataclass
class Block:
    """One printed paragraph of a note.

    `kind` is "para", "heading" (its inlines already wrapped in "strong"),
    "bullet", "number" (`number` is the item's number), "code" (one "code"
    inline, newlines as typed) or "rule" (no inlines). `depth` is the list
    nesting (0 outside lists, 1 for a top-level item and the paragraphs that
    continue it); `quoted` the block-quote nesting; `level` a heading's level.
    """

    kind: str
    inlines: list[Inline] = field(default_factory=list)
    number: int | None = None
    depth: int = 0
    quoted: int = 0
    level: int = 0


def parse_markdown(text: str) -> list[Block]:
    """The note's printed blocks, in reading order (nested lists and quotes flattened)."""
    out: list[Block] = []
    _flatten(out, parse_note(text), depth=0, quoted=0)
    return out


def _flatten(out: list[Block], blocks: tuple[NoteBlock, ...], depth: int, quoted: int) -> None:
    for b in blocks:
        if isinstance(b, Para):
            out.append(Block("para", _inlines(b.inlines), depth=depth, quoted=quoted))
        elif isinstance(b, Heading):
            out.append(Block("heading", [Inline("strong", children=tuple(_inlines(b.inlines)))],
                             depth=depth, quoted=quoted, level=b.level))
        elif isinstance(b, CodeBlock):
            out.append(Block("code", [Inline("code", b.text)], depth=depth, quoted=quoted))
        elif isinstance(b, Rule):
            out.append(Block("rule", depth=depth, quoted=quoted))
        elif isinstance(b, Quote):
            _flatten(out, b.children, depth, quoted + 1)
        else:
            _flatten_list(out, b, depth + 1, quoted)


def _flatten_list(out: list[Block], b: ListBlock, depth: int, quoted: int) -> None:
    for n, item in enumerate(b.items, start=b.start):
        first = len(out)
        _flatten(out, item.children, depth, quoted)
        marker = Block("number", number=n) if b.ordered else Block("bullet")
        if len(out) > first and out[first].kind == "para":
            out[first].kind, out[first].number = marker.kind, marker.number
        else:  # an empty item, or one that opens with a heading, code or a nested list
            out.insert(first, Block(marker.kind, number=marker.number, depth=depth, quoted=quoted))


def _inlines(runs: tuple[NoteInline, ...]) -> list[Inline]:
    out: list[Inline] = []
    for r in runs:
        if isinstance(r, Break):
            out.append(Inline("break") if r.hard else Inline("text", " "))
            continue
        if r.href and out and out[-1].kind == "link" and out[-1].href == r.href:
            out[-1] = Inline("link", out[-1].text + r.text, href=r.href)  # one link, several styles
            continue
        node = _styled(r)
        out.append(node)
    return out


def _styled(r: Run) -> Inline:
    if r.href:
        return Inline("link", r.text, href=r.href)
    node = Inline("code", r.text) if r.code else Inline("text", r.text)
    if r.strike:
        node = Inline("strike", children=(node,))
    if r.italic:
        node = Inline("em", children=(node,))
    if r.bold:
        node = Inline("strong", children=(node,))
    return node


def render_inline(inlines: list[Inline] | tuple[Inline, ...]) -> str:
    """Paragraph markup; every user character goes through `markup_runs`."""
    parts: list[str] = []
    for node in inlines:
        if node.kind == "text":
            parts.append(markup_runs(node.text))
        elif node.kind == "code":
            # Code in the sans face, tinted: no unembedded Courier in the PDF.
            # newlines and indentation as typed (a paragraph collapses runs of spaces)
            lines = (markup_runs(ln.replace(" ", "\u00a0")) for ln in node.text.split("\n"))
            code = "<br/>".join(lines)
            parts.append(f'<font face="BriefSans" color="#6b4a00">{code}</font>')
        elif node.kind == "strong":
            parts.append(f"<b>{render_inline(node.children)}</b>")
        elif node.kind == "em":
            parts.append(f"<i>{render_inline(node.children)}</i>")
        elif node.kind == "strike":
            parts.append(f"<strike>{render_inline(node.children)}</strike>")
        elif node.kind == "break":
            parts.append("<br/>")
        elif node.kind == "link":
            href = safe_href(node.href or "")
            label = markup_runs(node.text)
            if href:
                parts.append(f'<link href="{escape(href, {chr(34): "&quot;"})}" color="#1d4f91">'
                             f"<u>{label}</u></link>")
            else:
                parts.append(label)
    return "".join(parts)
