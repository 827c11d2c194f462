"""Sources and source notes: one note per distinct cited passage, reused whenever a claim cites it again.

A note gives the source and paragraph of its passage ("S1 ¶3") and the passage
itself; its number links back to the first claim citing it, and small letters
after it (a, b, c) to every claim when there are several. Notes are numbered
as the brief first cites them, so the marks read 1, 2, 3 down the pages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from string import ascii_lowercase

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from briefing_app.core.briefing.model import RELIABILITY_LABELS, Briefing, Evidence, Source
from briefing_app.export.bidi import needs_shaping
from briefing_app.export.fonts import SANS
from briefing_app.export.markdown import safe_href
from briefing_app.export.richtext import Rich, rich_paragraph

__all__ = ["Note", "Citations", "paragraph_starts", "cite_anchor"]

_LINK = "#1d4f91"
#: Paragraphs are separated by a blank line (FORMAT.md §1; as `Source.paragraphs` splits them).
_BREAK = re.compile(r"(?:\r?\n){2,}")


def cite_anchor(n: int, k: int) -> str:
    """The destination at the k-th claim citing note n (the first is plain `cite-n`)."""
    return f"cite-{n}" if k == 1 else f"cite-{n}-{k}"


def paragraph_starts(text: str) -> list[int]:
    """Offsets where each paragraph of `text` starts (blank pieces are not paragraphs)."""
    starts: list[int] = []
    pos = 0
    for m in [*_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece.strip():
            starts.append(pos + len(piece) - len(piece.lstrip()))
        if m is None:
            break
        pos = m.end()
    return starts


@dataclass
class Note:
    """One cited passage: its number, where it is, and how many claims cite it."""

    number: int
    source: str
    quote: str
    where: str  # `S1 ¶3`
    citations: int = 0


class Citations:
    """The notes of a brief, made as claims cite passages."""

    def __init__(self, b: Briefing, source_index: dict[str, int]) -> None:
        self.b, self.source_index = b, source_index
        self.notes: list[Note] = []
        self.by_passage: dict[tuple[str, str], Note] = {}
        self.starts: dict[str, list[int]] = {}

    def where(self, e: Evidence) -> str:
        """`S1 ¶3`: the source's number in the list and the paragraph the passage starts in."""
        idx = self.source_index.get(e.source)
        label = f"S{idx}" if idx else e.source
        nt = self.b.normalised_sources.get(e.source)
        span = nt.find(e.quote) if nt is not None else None
        if span is None:
            return label
        if e.source not in self.starts:
            self.starts[e.source] = paragraph_starts(self.b.source_by_id[e.source].text)
        para = max(1, bisect.bisect_right(self.starts[e.source], span[0]))
        return f"{label}\u00a0\u00b6{para}"

    def cite(self, evidence: tuple[Evidence, ...]) -> list[tuple[int, int]]:
        """(note number, which citation of it this is) for each distinct passage of `evidence`."""
        out: list[tuple[int, int]] = []
        for e in dict.fromkeys(evidence):
            key = (e.source, " ".join(e.quote.split()))
            note = self.by_passage.get(key)
            if note is None:
                note = self.by_passage[key] = Note(len(self.notes) + 1, e.source, e.quote, self.where(e))
                self.notes.append(note)
            note.citations += 1
            out.append((note.number, note.citations))
        return out

    def count_for(self, source_id: str) -> int:
        return sum(1 for n in self.notes if n.source == source_id)

    def describe_source(self, s: Source, r: Rich) -> Rich:
        """The rest of a source's entry after its title: publisher, dates, link, grade, notes citing it."""
        if s.publisher:
            r.add(s.publisher, italic=True).add(". ")
        r.add(f"Published {s.published.display(long=True)}. " if s.published else "Publication date not stated. ")
        if s.url:
            href = safe_href(s.url)
            r.add(s.url, href=href, colour=_LINK, underline=True) if href else r.add(s.url)
            r.add(". ")
        if s.retrieved:
            r.add(f"Retrieved {s.retrieved.day} {s.retrieved:%B %Y}. ")
        if s.reliability:
            meaning = RELIABILITY_LABELS.get(s.reliability, "unknown code")
            r.add(f"Reliability {s.reliability}", bold=True).add(f" ({meaning.lower()}, Admiralty scale). ")
        else:
            r.add("Reliability not graded. ")
        cited = self.count_for(s.id)
        if cited:
            r.add(f"Cited in {cited} source note{'s' if cited != 1 else ''}.", colour="#5a6472")
        return r

    @staticmethod
    def mark(pairs: list[tuple[int, int]]) -> Rich:
        """The superscript mark `[1,4]` after a claim: each number links to its note, and each
        note's back link lands here."""
        out = Rich()
        if not pairs:
            return out
        for n, k in pairs:
            out.anchor(cite_anchor(n, k))
        def sup(text: str, href: str | None = None) -> None:
            out.add(text, family=SANS, sup=True, colour=_LINK, href=href)

        sup("[")
        # Three or more notes in a row print as a range, `[4–7]`: each end links to its note.
        runs: list[list[int]] = []
        for n, _ in pairs:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        for i, run in enumerate(runs):
            if i:
                sup(",")
            shown = [run[0], run[-1]] if len(run) >= 3 else run
            for k, n in enumerate(shown):
                if k:
                    sup("\u2013" if len(run) >= 3 else ",")
                sup(str(n), f"#en-{n}")
        sup("]")
        return out

    def paragraphs(self, style: ParagraphStyle, keep_under: float) -> list[Flowable]:
        """One short paragraph per note: `1. S1 ¶3 “passage”`, with its back links."""
        out: list[Flowable] = []
        for note in self.notes:
            n = note.number
            r = Rich().anchor(f"en-{n}").add(f"{n}.", bold=True, colour=_LINK, href=f"#{cite_anchor(n, 1)}")
            r.add("\u2002")
            idx = self.source_index.get(note.source)
            r.add(note.where, family=SANS, bold=True, colour=_LINK, href=f"#src-{idx}" if idx else None)
            # A no-break space would join the passage to what follows into one right-to-left word
            # (set backwards by the shaper): a plain space after right-to-left text.
            r.add(" " if needs_shaping(note.where) else "\u2002")
            r.add(f"\u201c{note.quote}\u201d")
            if note.citations > 1:  # back to each claim citing it: a, b, c…
                r.add(" " if needs_shaping(note.quote) else "\u00a0")
                for k in range(1, note.citations + 1):
                    letter = ascii_lowercase[k - 1] if k <= len(ascii_lowercase) else str(k)
                    r.add(letter, family=SANS, size=6.5, sup=True, colour=_LINK, href=f"#{cite_anchor(n, k)}")
                    if k < note.citations:
                        r.add(" ", family=SANS, size=6.5, sup=True)
            p = rich_paragraph(r, style)
            p.keep_under = keep_under  # a note splits only when it is longer than a column
            out.append(p)
        return out
