"""Annotation notes as plain text: Markdown reduced to its words, for tooltips and table cells.

A note is Markdown. Where it is shown in a small space (a tooltip, a table
cell) it is shown as plain text: emphasis markers dropped, links as their
text, list items as bullets, line breaks kept. HTML in a note is *not*
markup here (the PDF prints it literally too), so it is kept as typed;
callers display the result as plain text, never as rich text.
"""

from __future__ import annotations

import re
import textwrap

__all__ = ["note_plain_text", "wrap_plain"]

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~>])")
_PARKED = re.compile("[\U000F0000-\U000F00FF]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")


def _inline(line: str) -> str:
    # backslash escapes first, parked in the private use area so no rule below sees them
    line = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), line)
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis (***both***)
        line = _STRONG.sub(r"\2", line)
        line = _EM_STAR.sub(r"\1", line)
        line = _EM_UNDERSCORE.sub(r"\1", line)
    line = _STRIKE.sub(r"\1", line)
    return _PARKED.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), line)


def note_plain_text(markdown: str, one_line: bool = False) -> str:
    """The words of a Markdown note, as plain text (one line when `one_line`)."""
    out: list[str] = []
    for raw in markdown.splitlines():
        if _RULE.match(raw) or _REF_DEF.match(raw):
            continue
        line = _QUOTE.sub("", raw)
        m = _HEADING.match(line)
        if m:
            line = m.group(1)
        line = _BULLET.sub(lambda m: m.group(1) + "\u2022 ", line)
        out.append(_inline(line).rstrip())
    if one_line:
        return " ".join(" ".join(out).split())
    # at most one blank line in a row, none at either end
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out))
    return text.strip("\n")


def wrap_plain(text: str, width: int = 80, max_lines: int = 12) -> str:
    """Plain text wrapped for a tooltip (plain tooltips do not wrap), at most `max_lines`."""
    lines: list[str] = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, width, break_long_words=True, replace_whitespace=False) or [""])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "\u2026"
    return "\n".join(lines)
