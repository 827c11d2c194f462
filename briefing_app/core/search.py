"""The search index: every text field and source of a briefing, lower-cased once.

Built once per loaded briefing (off the GUI thread when the briefing is
large), so each keystroke only runs `str.find` over prepared strings. It is
plain Python with no Qt so it can be tested and timed on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from briefing_app.core.briefing.address import section_of as _address_section
from briefing_app.core.briefing.kinds import element_label

if TYPE_CHECKING:
    from briefing_app.core.annotations import AnnotationLayer
    from briefing_app.core.briefing.model import Briefing


__all__ = ["SearchEntry", "SearchHit", "SearchIndex", "SECTION_TITLES", "ANNOTATION_GROUPS", "GROUP_TITLES",
           "annotation_entries", "search_entries"]

SECTION_TITLES = {
    "overview": "Overview",
    "actors": "Actors",
    "relations": "Relations",
    "timeline": "Timeline",
    "quotes": "Quotes",
    "sources": "Sources",
}
#: The result groups for the analyst's own words: annotation notes and tags (after the briefing's sections).
ANNOTATION_GROUPS = {"notes": "Notes", "tags": "Tags"}
#: Every result group's title.
GROUP_TITLES = {**SECTION_TITLES, **ANNOTATION_GROUPS}
_SECTION_OF = {"summary": "overview", "key_points": "overview", "actors": "actors", "relations": "relations",
               "timeline": "timeline", "quotes": "quotes", "sources": "sources"}


def section_of(address: str) -> str:
    """The app page an element address is shown on (`relations/r1` → `relations`, `key_points/kp-1` → `overview`)."""
    return _SECTION_OF.get(_address_section(address), "overview")


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters (e.g. "İ") lower to two; keep offsets aligned with the raw text
    return "".join(c.lower()[:1] or c for c in text)


def _normal(query: str) -> str:
    """A query as searched: trimmed, lower case, without NUL (it separates entries)."""
    return query.strip().lower().replace("\0", "")


class SearchEntry(NamedTuple):
    section: str
    address: str
    field: str
    label: str  # what the result list shows as the element's name
    text: str
    lower: str
    annotation: str = ""  # Notes and Tags groups: the annotation's id ...
    layer: int = -1  # ... and its layer's place in the list of layers searched


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
        # Per section, its entries' lowercased texts joined by NUL (which no query holds) and where
        # each starts: a keystroke counts matches with one str.count and finds hits by walking
        # str.find, both in C, instead of looping over tens of thousands of entries in Python.
        self._sections: list[tuple[str, str, list[int], list[SearchEntry]]] = []
        for section in SECTION_TITLES:
            members = [e for e in entries if e.section == section]
            if members:
                starts, pos = [], 0
                for member in members:
                    starts.append(pos)
                    pos += len(member.lower) + 1
                self._sections.append((section, "\0".join(m.lower for m in members), starts, members))

    def search(self, query: str) -> dict[str, list[SearchHit]]:
        """Hits grouped by section (in section order), at most MAX_PER_SECTION each.

        `self.totals` then holds, per section, how many matches there are in all. NUL
        characters are dropped from the query (they separate the entries; the loader
        refuses them in a briefing, so no text holds one).
        """
        q = _normal(query)
        out: dict[str, list[SearchHit]] = {}
        self.totals: dict[str, int] = {}
        if not q:
            return out
        n, cap = len(q), self.MAX_PER_SECTION
        for section, text, starts, members in self._sections:
            total = text.count(q)
            if not total:
                continue
            self.totals[section] = total
            per_entry = self.MAX_PER_ENTRY.get(section, 1)
            hits: list[SearchHit] = []
            entry, used = -1, 0
            pos = text.find(q)
            while pos >= 0 and len(hits) < cap:
                i = bisect_right(starts, pos) - 1
                if i != entry:
                    entry, used = i, 0
                if used < per_entry:
                    start = pos - starts[i]
                    hits.append(SearchHit(members[i], start, start + n))
                    used += 1
                    pos = text.find(q, pos + n)
                else:  # enough from this entry: on to the next one
                    pos = text.find(q, starts[i + 1]) if i + 1 < len(starts) else -1
            out[section] = hits
        return out

    def count(self, query: str) -> int:
        q = _normal(query)
        return sum(text.count(q) for _s, text, _st, _m in self._sections) if q else 0


def annotation_entries(layers: Sequence[AnnotationLayer], briefing: Briefing) -> list[SearchEntry]:
    """The notes and tags of annotation layers as search entries, labelled with the element they are on.

    Made afresh for each search (notes change as the analyst writes); a layer holds hundreds, not
    the tens of thousands of a briefing's fields, so no index is kept.
    """
    entries: list[SearchEntry] = []
    for n, layer in enumerate(layers):
        for a in layer:
            where = element_label(briefing, a.target)
            if a.note.strip():
                entries.append(SearchEntry("notes", a.target, "note", where, a.note, _lower_same_length(a.note),
                                           a.id, n))
            for tag in a.tags:
                entries.append(SearchEntry("tags", a.target, "tags", where, tag, _lower_same_length(tag), a.id, n))
    return entries


def search_entries(entries: Iterable[SearchEntry], query: str,
                   cap: int = SearchIndex.MAX_PER_SECTION) -> tuple[dict[str, list[SearchHit]], dict[str, int]]:
    """Hits in loose entries (annotation notes and tags), grouped by their `section`: the first match
    of each entry, at most `cap` per group; and per group the number of matches in all."""
    q = _normal(query)
    out: dict[str, list[SearchHit]] = {}
    totals: dict[str, int] = {}
    if not q:
        return out, totals
    for e in entries:
        pos = e.lower.find(q)
        if pos < 0:
            continue
        totals[e.section] = totals.get(e.section, 0) + e.lower.count(q)
        hits = out.setdefault(e.section, [])
        if len(hits) < cap:
            hits.append(SearchHit(e, pos, pos + len(q)))
    return out, totals
