"""SearchIndex.search gives exactly what the obvious loop over every entry gives.

The index walks per-section joined strings with str.find/str.count (see its
comments); this reference is the plain loop it replaced.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.briefing.loader import load_briefing
from briefing_app.core.search import SECTION_TITLES, SearchIndex

from .conftest import SAMPLE

INDEX = SearchIndex(load_briefing(SAMPLE))


def reference(index: SearchIndex, query: str) -> tuple[dict[str, list[tuple[str, str, int, int]]], dict[str, int]]:
    q = query.strip().lower().replace("\0", "")
    out: dict[str, list[tuple[str, str, int, int]]] = {}
    totals: dict[str, int] = {}
    if not q:
        return out, totals
    for e in index.entries:
        pos = e.lower.find(q)
        if pos < 0:
            continue
        totals[e.section] = totals.get(e.section, 0) + e.lower.count(q, pos)
        hits = out.setdefault(e.section, [])
        per = index.MAX_PER_ENTRY.get(e.section, 1)
        while pos >= 0 and per > 0 and len(hits) < index.MAX_PER_SECTION:
            hits.append((e.address, e.field, pos, pos + len(q)))
            per -= 1
            pos = e.lower.find(q, pos + len(q))
    return {s: out[s] for s in SECTION_TITLES if s in out}, totals


def check(query: str, index: SearchIndex = INDEX) -> None:
    got = index.search(query)
    flat = {s: [(h.entry.address, h.entry.field, h.start, h.end) for h in hits] for s, hits in got.items()}
    want, totals = reference(index, query)
    assert flat == want and list(flat) == list(want)
    assert index.totals == totals
    assert index.count(query) == sum(totals.values())
    for hits in got.values():
        for h in hits:
            assert h.entry.lower[h.start:h.end] == query.strip().lower().replace("\0", "")


def test_common_and_rare_queries_match_the_plain_loop():
    for query in ("a", "e", " ", "n", "nato", "NATO", "liaison", "  Japan ", "hayashi", ", ", "zzzq", "",
                  "\0", "na\0to", "“", "the world (has)"):
        check(query)


def test_caps_hold_when_everything_matches():
    INDEX.search("e")
    got = INDEX.search("e")
    assert all(len(h) <= SearchIndex.MAX_PER_SECTION for h in got.values())
    per_source: dict[str, int] = {}
    for h in got["sources"]:
        per_source[h.entry.address + h.entry.field] = per_source.get(h.entry.address + h.entry.field, 0) + 1
    assert max(per_source.values()) <= SearchIndex.MAX_PER_ENTRY["sources"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_substring_or_text_matches_the_plain_loop(data):
    e = data.draw(st.sampled_from(INDEX.entries))
    i = data.draw(st.integers(0, max(0, len(e.text) - 1)))
    j = data.draw(st.integers(i, min(len(e.text), i + 12)))
    check(e.text[i:j])
    check(data.draw(st.text(max_size=4)))


def test_repeated_letters_count_without_overlap_and_offsets_survive_long_lowercase():
    """'aa' in 'aaaaa' is two matches (at 0 and 2), as str.count says; a capital I with a dot,
    which lowers to two characters, leaves every offset on the raw text."""
    from dataclasses import replace

    b = load_briefing(SAMPLE)
    text = "aaaaa b aaa\n\nİstanbul: İİ aa\0aa"
    index = SearchIndex(replace(b, sources=(replace(b.sources[0], text=text),)))
    got = index.search("aa")["sources"]
    assert [(h.start, h.end) for h in got if h.entry.field == "text"] == [(0, 2), (2, 4), (8, 10), (26, 28), (29, 31)]
    for query in ("aa", "a", "aaa", "i̇", "stanbul", "İstanbul", ": i", "\0", "a\0a", "aa aa"):
        check(query, index)
    hit = index.search("stanbul")["sources"][0]
    assert text[hit.start:hit.end] == "stanbul"
