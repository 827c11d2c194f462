"""A small Markdown reader for analysts' notes, rendered by our own code.

Notes are user text: we never hand them to ReportLab as markup. This module
parses the little Markdown an analyst writes in a note — paragraphs, `-`/`*`
and `1.` lists, `*emphasis*`, `**strong**`, `` `code` ``, `[text](url)` and
bare `http(s)://` links — into a structure, and renders that structure to
paragraph markup in which every piece of the user's text is escaped. Links
become clickable only for http, https and mailto; nothing is ever fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from briefing_app.export.fonts import markup_runs

__all__ = ["Inline", "Block", "parse_markdown", "render_inline", "safe_href"]


@dataclass(frozen=True)
class Inline:
    kind: str  # "text", "em", "strong", "code", "link"
    text: str = ""
    children: tuple[Inline, ...] = ()
    href: str | None = None


@dataclass
class Block:
    kind: str  # "para", "bullet", "number"
    inlines: list[Inline] = field(default_factory=list)
    number: int | None = None


_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s{0,3}(\d{1,9})[.)]\s+(.*)$")
_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<strong>\*\*(?=\S)(?:.+?)(?<=\S)\*\*|__(?=\S)(?:.+?)(?<=\S)__)"
    r"|(?P<em>\*(?=\S)(?:[^*]+?)(?<=\S)\*|(?<![\w])_(?=\S)(?:[^_]+?)(?<=\S)_(?![\w]))"
    r"|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<lhref>[^)\s]+)\))"
    r"|(?P<url>https?://[^\s<>()\"]+[^\s<>()\".,;:!?'])",
    re.S,
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_href(url: str) -> str | None:
    """The URL if it may be a link target (http, https, mailto), else None."""
    u = url.strip()
    if u.lower().startswith(_SAFE_SCHEMES) and not any(c.isspace() or ord(c) < 0x20 for c in u):
        return u
    return None


def parse_inline(text: str, depth: int = 0) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Inline("text", text[pos:m.start()]))
        kind = m.lastgroup if m.lastgroup in ("code", "strong", "em", "url") else "link"
        whole = m.group(0)
        if kind == "code":
            out.append(Inline("code", whole[1:-1]))
        elif kind == "strong":
            inner = whole[2:-2]
            out.append(Inline("strong", children=tuple(parse_inline(inner, depth + 1)) if depth < 4
                              else (Inline("text", inner),)))
        elif kind == "em":
            inner = whole[1:-1]
            out.append(Inline("em", children=tuple(parse_inline(inner, depth + 1)) if depth < 4
                              else (Inline("text", inner),)))
        elif kind == "url":
            out.append(Inline("link", whole, href=whole))
        else:
            out.append(Inline("link", m.group("ltext"), href=m.group("lhref")))
        pos = m.end()
    if pos < len(text):
        out.append(Inline("text", text[pos:]))
    return out


def parse_markdown(text: str) -> list[Block]:
    """Paragraphs (blank-line separated) and list items, each with inlines."""
    blocks: list[Block] = []
    current: Block | None = None
    lines: list[str] = []

    def flush() -> None:
        nonlocal current, lines
        if current is not None and lines:
            current.inlines = parse_inline(" ".join(s.strip() for s in lines))
            blocks.append(current)
        current, lines = None, []

    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            flush()
            continue
        b = _BULLET.match(line)
        n = _NUMBER.match(line)
        if b:
            flush()
            current, lines = Block("bullet"), [b.group(1)]
        elif n:
            flush()
            current, lines = Block("number", number=int(n.group(1))), [n.group(2)]
        else:
            if current is None:
                current = Block("para")
            lines.append(line)
    flush()
    return blocks


def render_inline(inlines: list[Inline] | tuple[Inline, ...]) -> str:
    """Paragraph markup; every user character goes through `markup_runs`."""
    parts: list[str] = []
    for node in inlines:
        if node.kind == "text":
            parts.append(markup_runs(node.text))
        elif node.kind == "code":
            # Code spans in the sans face, tinted: no unembedded Courier in the PDF.
            parts.append(f'<font face="BriefSans" color="#6b4a00">{markup_runs(node.text)}</font>')
        elif node.kind == "strong":
            parts.append(f"<b>{render_inline(node.children)}</b>")
        elif node.kind == "em":
            parts.append(f"<i>{render_inline(node.children)}</i>")
        elif node.kind == "link":
            href = safe_href(node.href or "")
            label = markup_runs(node.text)
            if href:
                parts.append(f'<link href="{escape(href, {chr(34): "&quot;"})}" color="#1d4f91">'
                             f"<u>{label}</u></link>")
            else:
                # Not a link we trust: print what was written, literally.
                parts.append(markup_runs(f"[{node.text}]({node.href})"))
    return "".join(parts)
