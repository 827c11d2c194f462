"""Page layout, read back from the PDF with word positions: the sample's brief and
variants of it shifted down the page line by line (a longer BLUF), so every block
lands at many different points of a page. No heading or lead-in ends a page, no
table header row is alone at a page foot, a quotation's attribution is on the page
where its quote ends, and no source note is split across columns or pages."""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess

import pytest

from briefing_app.export.builder import HEADINGS, BriefOptions, build_brief
from briefing_app.export.highlights import Highlight

from .pdftools import flat, need

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_FILLER = "More context for the reader, set here only to move the rest of the brief down the page."
_HEADS = {*HEADINGS.values(), "BOTTOM LINE UP FRONT", "Name Kind Role / affiliation", "Name Kind",
          "From Relation To Note", "Date Event Actors"}

Word = tuple[float, float, float, float, str]


def page_words(pdf: bytes, tmp) -> list[list[Word]]:
    need("pdftotext")
    path = tmp / "w.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("<page ")[1:]
    return [[(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(p)]
            for p in pages]


def body_lines(words: list[Word]) -> list[tuple[float, list[Word]]]:
    """The page's lines between the running header and the footer, top to bottom."""
    head_bottom = max((w[3] for w in words if w[1] < 40), default=0.0)
    foot = [w[1] for i, w in enumerate(words[:-2]) if w[4] == "Page" and words[i + 2][4] == "of"]
    foot_top = foot[-1] if foot else 1e9
    body = sorted((w for w in words if w[1] > head_bottom + 2 and w[3] < foot_top - 1), key=lambda w: (w[1], w[0]))
    lines: list[tuple[float, list[Word]]] = []
    for w in body:
        if lines and abs(lines[-1][0] - w[1]) < 1.5:
            lines[-1][1].append(w)
        else:
            lines.append((w[1], [w]))
    return [(y, sorted(ws)) for y, ws in lines]


def _text(ws: list[Word]) -> str:
    return " ".join(w[4] for w in ws)


def _shifted(b, lines: int):
    if not lines:
        return b
    bluf = b.summary.bluf + " " + " ".join([_FILLER] * lines)
    return dataclasses.replace(b, summary=dataclasses.replace(b.summary, bluf=bluf))


def _layer(b) -> list[Highlight]:
    """A few analyst notes, two in each of four colours."""
    out = []
    picks = [("summary", "bluf", b.summary.bluf), *((q.address, "text", q.text) for q in b.quotes),
             *((k.address, "text", k.text) for k in b.summary.key_points[:4])]
    colours = ("yellow", "green", "blue", "pink")
    for i, (address, fld, value) in enumerate(picks):
        out.append(Highlight(id=f"h{i}", address=address, field=fld, start=0, end=min(len(value), 30),
                             colour=colours[i % 4], label=colours[i % 4], note_markdown="A note *with* emphasis.\n\n"
                             + "- one point\n- another point\n" * (1 + i % 3), tags=("tag",), confidence="moderate",
                             author="A. Analyst", layer="A. Analyst", status="exact", passage=value[:30]))
    return out


# 0-11: one line at a time; 36 and 40 put the Timeline heading where the chart no longer fits
# below it (the old layout left the heading alone at the foot of page 4).
VARIANTS = [(k, False) for k in (*range(0, 12), 24, 36, 40, 48)] + [(k, True) for k in (0, 3, 5, 8, 33)]


@pytest.fixture(scope="module", params=VARIANTS, ids=[f"down{k}{'-notes' if a else ''}" for k, a in VARIANTS])
def variant(request, sample_briefing, tmp_path_factory):
    k, annotated = request.param
    b = _shifted(sample_briefing, k)
    pdf = build_brief(b, _layer(b) if annotated else (), BriefOptions())
    return b, page_words(pdf, tmp_path_factory.mktemp("layout"))


def test_no_heading_or_table_header_ends_a_page(variant):
    b, pages = variant
    for n, words in enumerate(pages[:-1], start=1):
        lines = body_lines(words)
        last = _text(lines[-1][1])
        assert last not in _HEADS, (n, last)
        assert not last.startswith("\u25a0"), (n, last)  # an analyst-notes group heading
        assert not re.fullmatch(r"KEY JUDGMENT \d+ · .*", last), (n, last)
        assert not re.match(r"A\d+ ", last), (n, last)  # an analyst note's heading line


def test_quote_attribution_on_the_page_where_its_quote_ends(variant):
    b, pages = variant
    texts = [flat(_text([w for _, ws in body_lines(p) for w in ws])) for p in pages]
    for q in b.quotes:
        tail = flat(q.text)[-30:]
        where = [i for i, t in enumerate(texts) if tail in t]
        assert where, q.id
        page = texts[where[-1]]
        after = page[page.index(tail) + len(tail):]
        assert b.display_name(q.speaker) in after, (q.id, where[-1] + 1)
        if q.context:
            assert flat(q.context)[:20] in after, (q.id, where[-1] + 1)


def test_source_notes_never_split_across_columns_or_pages(variant):
    b, pages = variant
    start = next(i for i, p in enumerate(pages) if "Source notes" in {_text(ws) for _, ws in body_lines(p)})
    numbers_seen: list[int] = []
    for n, words in enumerate(pages[start:], start=start + 1):
        lines = body_lines(words)
        if n == start + 1:  # below the heading and its caption: from the first note on
            top = next(y for y, ws in lines if ws[0][4] == "1.")
            lines = [(y, ws) for y, ws in lines if y >= top - 0.5]
        mid = 595.2756 / 2 if pages else 0
        for col in (0, 1):
            ws = [w for _, line in lines for w in line if (w[0] < mid) == (col == 0)]
            if not ws:
                continue
            left = min(w[0] for w in ws)
            first = min(ws, key=lambda w: (w[1], w[0]))
            # A column begins with a note's number, never with the rest of a note.
            assert re.fullmatch(r"\d+\.", first[4]) and abs(first[0] - left) < 1, (n, col, first)
            numbers_seen += [int(w[4][:-1]) for w in ws if re.fullmatch(r"\d+\.", w[4]) and abs(w[0] - left) < 1]
    assert numbers_seen == list(range(1, len(numbers_seen) + 1))


def test_a_quote_longer_than_a_page_keeps_its_last_two_lines_with_the_attribution(tmp_path):
    from .factory import make_briefing

    base = make_briefing()
    q = base.quotes[0]
    checked = 0
    for n in range(1000, 2600, 37):  # words: the quote's end falls at every point of a page
        text = " ".join(f"w{i}" for i in range(n))
        b = dataclasses.replace(base, quotes=(dataclasses.replace(q, text=text),))
        pages = page_words(build_brief(b, (), BriefOptions(sections=("quotes",))), tmp_path)
        for words in pages:
            lines = body_lines(words)
            at = [i for i, (_, ws) in enumerate(lines) if ws[0][4] == "\u2014"]
            if at:
                i = at[0]
                assert i >= 2, (n, _text(lines[0][1]))
                assert all(re.fullmatch(r"\u201c?w\d+\u201d?", lines[j][1][-1][4]) for j in (i - 1, i - 2)), n
                checked += 1
        assert len(pages) >= 2
    assert checked == len(range(1000, 2600, 37))


def test_a_table_header_repeats_only_at_the_top_of_a_page_and_no_row_goes_over_alone(sample_briefing, tmp_path):
    # Letter and A4, shifted: the timeline table breaks at many points.
    base = sample_briefing
    heads = ("Date Event Actors", "From Relation To Note", "Name Kind Role / affiliation")
    for size in ("a4", "letter"):
        for k in range(0, 40, 3):
            b = _shifted(base, k)
            pages = page_words(build_brief(b, (), BriefOptions(page_size=size)), tmp_path)
            for n, words in enumerate(pages, start=1):
                lines = [_text(ws) for _, ws in body_lines(words)]
                for h in heads:
                    at = [i for i, t in enumerate(lines) if t == h]
                    assert len(at) <= 1, (size, k, n, h)
                    if at and at[0] == 0 and h == heads[0]:  # the timeline table, continued here
                        rows = [t for t in lines[1:] if re.match(r"(c\. )?[A-Z][a-z]{2} \d{4} ", t)]
                        ends_here = flat(b.chronological[-1].title)[:25] in flat(" ".join(lines))
                        assert not ends_here or len(rows) >= 2, (size, k, n, rows)
