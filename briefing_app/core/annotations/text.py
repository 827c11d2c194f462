"""Annotation notes as plain text: Markdown reduced to its words, for tooltips and table cells.

A note is Markdown (the one dialect of `core.markdown`). Where it is shown in
a small space (a tooltip, a table cell) it is shown as plain text rendered
from the same tree the preview and the PDF use: emphasis dropped, links and
images as their text, list items as `•`/`1.` lines (indented two spaces per
level), headings and quotes as their words, rules left out; a line break the
analyst typed is kept, and a blank line where they left one. HTML in a note
is not markup (raw HTML is disabled), so it is kept as typed; callers display
the result as plain text, never as rich text.
"""

from __future__ import annotations

import textwrap

from briefing_app.core.markdown import (
    Block,
    CodeBlock,
    Heading,
    ListBlock,
    Para,
    Quote,
    Rule,
    inline_text,
    parse_note,
)

__all__ = ["note_plain_text", "wrap_plain"]


def note_plain_text(markdown: str, one_line: bool = False) -> str:
    """The words of a Markdown note, as plain text (one line when `one_line`)."""
    text = _plain(parse_note(markdown), depth=0)
    if one_line:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _plain(blocks: tuple[Block, ...], depth: int) -> str:
    out: list[str] = []
    last_line = -1
    for b in blocks:
        if isinstance(b, Rule):
            continue
        text = _plain_block(b, depth)
        if out:
            # a blank line only where the analyst left one
            out.append("\n\n" if b.lines[0] > last_line else "\n")
        out.append(text)
        last_line = _end(b)
    return "".join(out)


def _plain_block(b: Block, depth: int) -> str:
    if isinstance(b, Para | Heading):
        return inline_text(b.inlines)
    if isinstance(b, CodeBlock):
        return b.text
    if isinstance(b, Quote):
        return _plain(b.children, depth)
    assert isinstance(b, ListBlock)
    items: list[str] = []
    last_line = -1
    for n, item in enumerate(b.items, start=b.start):
        marker = "  " * depth + (f"{n}. " if b.ordered else "\u2022 ")
        if items:
            items.append("\n\n" if item.lines[0] > last_line and not b.tight else "\n")
        items.append(marker + _plain(item.children, depth + 1))
        last_line = max((_end(c) for c in item.children), default=item.lines[1])
    return "".join(items)


def _end(b: Block) -> int:
    """The line after a block's content (a list's own span includes its trailing blank lines)."""
    if isinstance(b, ListBlock):
        return max((_end(c) for item in b.items for c in item.children), default=b.lines[1])
    return b.lines[1]


def wrap_plain(text: str, width: int = 80, max_lines: int = 12) -> str:
    """Plain text wrapped for a tooltip (plain tooltips do not wrap), at most `max_lines`."""
    lines: list[str] = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, width, break_long_words=True, replace_whitespace=False) or [""])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "\u2026"
    return "\n".join(lines)
