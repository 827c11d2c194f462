"""The search index: every text field and source of a briefing, lower-cased once.

Built once per loaded briefing (off the GUI thread when the briefing is
large), so each keystroke only runs `str.find` over prepared strings. It is
plain Python with no Qt so it can be tested and timed on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from briefing_app.core.model import Briefing


__all__ = ["SearchEntry", "SearchHit", "SearchIndex", "SECTION_TITLES"]

SECTION_TITLES = {
    "overview": "Overview",
    "actors": "Actors",
    "timeline": "Timeline",
    "quotes": "Quotes",
    "sources": "Sources",
}
_SECTION_OF = {"summary": "overview", "key_points": "overview", "actors": "actors", "relations": "actors",
               "timeline": "timeline", "quotes": "quotes", "sources": "sources"}


def section_of(address: str) -> str:
    return _SECTION_OF.get(address.split("/", 1)[0], "overview")


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters (e.g. "İ") lower to two; keep offsets aligned with the raw text
    return "".join(c.lower()[:1] or c for c in text)


class SearchEntry(NamedTuple):
    section: str
    address: str
    field: str
    label: str  # what the result list shows as the element's name
    text: str
    lower: str


class SearchHit(NamedTuple):
    entry: SearchEntry
    start: int
    end: int

    @property
    def snippet(self) -> tuple[str, str, str]:
        """(before, match, after), trimmed around the match, on one line."""
        t = self.entry.text
        before = t[max(0, self.start - 48):self.start]
        after = t[self.end:self.end + 120]
        cut = before.find(" ") if self.start > 48 else -1
        if cut >= 0:
            before = "…" + before[cut + 1:]
        return (" ".join(before.split()) + (" " if before[-1:].isspace() else ""),
                t[self.start:self.end],
                (" " if after[:1].isspace() else "") + " ".join(after.split()))


class SearchIndex:
    #: Hits per entry: sources are long, so they list several occurrences.
    MAX_PER_ENTRY = {"sources": 50}
    MAX_PER_SECTION = 200

    def __init__(self, briefing: Briefing):
        entries: list[SearchEntry] = []

        def add(address: str, field: str, label: str, text: str | None) -> None:
            if text:
                entries.append(SearchEntry(section_of(address), address, field, label, text,
                                           _lower_same_length(text)))

        b = briefing
        add("summary", "bluf", "Bottom line up front", b.summary.bluf)
        for i, kp in enumerate(b.summary.key_points, 1):
            add(kp.address, "text", f"Key point {i}", kp.text)
        for a in b.actors:
            add(a.address, "name", a.name, a.name)
            for alias in a.aliases:
                add(a.address, "aliases", a.name, alias)
            add(a.address, "role", a.name, a.role)
            add(a.address, "description", a.name, a.description)
        for r in b.relations:
            label = f"{b.display_name(r.from_actor)} — {r.kind} — {b.display_name(r.to_actor)}"
            add(r.address, "kind", label, r.kind)
            add(r.address, "note", label, r.note)
        for e in b.chronological:
            label = f"{e.when}: {e.title}"
            add(e.address, "title", label, e.title)
            add(e.address, "description", label, e.description)
            add(e.address, "location", label, e.location)
        for q in b.quotes:
            label = b.display_name(q.speaker)
            add(q.address, "text", label, q.text)
            add(q.address, "context", label, q.context)
        for s in b.sources:
            add(s.address, "title", s.title, s.title)
            add(s.address, "text", s.title, s.text)
        self.entries = entries

    def search(self, query: str) -> dict[str, list[SearchHit]]:
        """Hits grouped by section (in section order), at most MAX_PER_SECTION each.

        `self.totals` then holds, per section, how many matches there are in all.
        """
        q = query.strip().lower()
        out: dict[str, list[SearchHit]] = {}
        self.totals: dict[str, int] = {}
        if not q:
            return out
        n = len(q)
        cap = self.MAX_PER_SECTION
        totals = self.totals
        for e in self.entries:
            pos = e.lower.find(q)
            if pos < 0:
                continue
            totals[e.section] = totals.get(e.section, 0) + e.lower.count(q, pos)
            hits = out.setdefault(e.section, [])
            if len(hits) >= cap:
                continue
            per = self.MAX_PER_ENTRY.get(e.section, 1)
            while pos >= 0 and per > 0 and len(hits) < cap:
                hits.append(SearchHit(e, pos, pos + n))
                per -= 1
                pos = e.lower.find(q, pos + n)
        return {s: out[s] for s in SECTION_TITLES if s in out}

    def count(self, query: str) -> int:
        q = query.strip().lower()
        return sum(e.lower.count(q) for e in self.entries) if q else 0
