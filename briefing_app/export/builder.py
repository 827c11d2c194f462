"""`build_brief(briefing, highlights, options) -> bytes`: the PDF brief.

Pure (no Qt, no files written): the CLI and the GUI call it and save the
bytes atomically. After the title block, the sections of FORMAT.md §3 print
in the order `BriefOptions.sections` gives (default: BLUF, key judgments,
actors, relations, timeline with chart and table, quotes, analyst notes,
endnotes = sources and source notes). Briefing text is set as `richtext.Rich`
runs turned into ReportLab fragments, never parsed; the few markup
`Paragraph`s (captions, legend, analyst notes) get briefing or note text only
through `fonts.markup_runs` (escaped, with font fallback) or the Markdown
renderer.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Spacer, TableStyle
from reportlab.platypus.flowables import BalancedColumns, HRFlowable, KeepTogether

from briefing_app import __version__ as _app_version
from briefing_app.core.briefing.address import section_of
from briefing_app.core.briefing.model import Briefing, Evidence, likelihood_term
from briefing_app.export.chart import Overlay, legend_drawing, timeline_drawing
from briefing_app.export.document import BriefCanvas, BriefDocTemplate
from briefing_app.export.endnotes import Citations
from briefing_app.export.flowables import Boxed, Heading
from briefing_app.export.fonts import SANS, clean_text, markup_runs, register_fonts
from briefing_app.export.grid import TableLook, brief_table
from briefing_app.export.highlights import Highlight, NoteRef, marked_rich, select
from briefing_app.export.judgments import KIND_BARS, KIND_TAGS, assessed_lead, attribution, likelihood_figure
from briefing_app.export.markdown import parse_markdown, render_inline
from briefing_app.export.richtext import LabelledChart, Rich, italic_reads, markup_paragraph, rich_paragraph
from briefing_app.export.sections import (
    CONFIDENCE_MEANING,
    HEADINGS,
    SECTION_TITLES,
    SECTIONS,
    check_sections,
    colour_rank,
    describe,
    keep_leads_with_next,
    kind_label,
)
from briefing_app.export.styles import CONFIDENCE_COLOURS, HIGHLIGHT, PALETTE, build_styles

__all__ = ["BriefOptions", "SECTIONS", "SECTION_TITLES", "HEADINGS", "build_brief", "build_story",
           "check_sections"]

_LINK = "#1d4f91"
_GREY = "#5a6472"
_BALANCED_MAX = 300  # source notes set in two balanced columns up to this many
_SWATCH = "\u25a0"  # the colour square in each analyst note's heading line
_QUOTE_KEEP = 120.0
#: The brief's section (FORMAT.md §3) that prints each kind of element.
_PRINTED_IN = {"key_points": "judgments", "actors": "actors", "relations": "relations", "timeline": "timeline",
               "quotes": "quotes", "sources": "endnotes"}  # a block quote (with its attribution) up to this tall never splits


@dataclass(frozen=True)
class BriefOptions:
    page_size: str = "a4"
    sections: tuple[str, ...] = SECTIONS
    annotations: bool = True
    labels: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    progress: Callable[[float], None] | None = field(default=None, compare=False)
    cancelled: Callable[[], bool] | None = field(default=None, compare=False)


#: What a reader is told about a note placed on text the briefing has changed around (status
#: "exact" says nothing: the note is where it was written).
_PLACED_BY_TEXT = {"moved": "placed by its text; the briefing changed",
                   "fuzzy": "placed on the closest wording; the briefing changed"}


def _unbroken(name: str) -> str:
    return " ".join(name.split()).replace(" ", "\u00a0")


class _Story:
    """Builds the flowables; keeps endnote and note numbering."""

    def __init__(self, b: Briefing, highlights: Sequence[Highlight], opts: BriefOptions, width: float,
                 height: float = 700.0):
        self.b, self.opts, self.width, self.height = b, opts, width, height
        self.st = build_styles()
        self.flow: list[Flowable] = []
        self.lead_ids: set[int] = set()  # flowables that lead into the next (kept alive by self.flow)
        self.source_index = {s.id: i for i, s in enumerate(b.sources, start=1)}
        # One source note per distinct passage, shared by every claim that cites it.
        self.citations = Citations(b, self.source_index)
        self.anchor_ids: dict[str, str] = {}
        self.refs = select(highlights, opts.labels, opts.tags, opts.layers) if opts.annotations else []
        # Analyst notes are numbered as their marks are set (reading order); `numbered` keeps them.
        self.pending: dict[tuple[str, str | None], list[Highlight]] = {}
        for h in self.refs:
            self.pending.setdefault((h.address, h.field), []).append(h)
        self.numbered: list[NoteRef] = []
        self.printed_fields: set[tuple[str, str | None]] = set()
        # Element anchors only where an analyst note links to them: a named
        # destination per row of a 10,000-row table costs time and bytes.
        self.linked = {h.address for h in self.refs}
        self.figures = 0  # figures numbered in print order

    # -- numbering ----------------------------------------------------------
    def number(self, hs: list[Highlight]) -> list[NoteRef]:
        """Give `hs` the next note numbers, in the order their marks read (by position)."""
        out = []
        for h in sorted(hs, key=lambda h: (h.start or 0, h.end or 0, h.id)):
            out.append(NoteRef(len(self.numbered) + 1, h))
            self.numbered.append(out[-1])
        return out

    def number_the_rest(self) -> None:
        """Notes on fields the brief does not print, numbered after the rest, in element order."""
        b = self.b
        order = {"summary": 0}
        for seq in (b.summary.key_points, b.actors, b.relations, b.chronological, b.quotes, b.sources):
            for el in seq:
                order.setdefault(el.address, len(order))
        for key in sorted(self.pending, key=lambda k: (order.get(k[0], len(order)), k[1] or "")):
            self.number(self.pending[key])
        self.pending.clear()

    # -- text helpers -------------------------------------------------------
    def anchor(self, address: str) -> str | None:
        if address not in self.linked:
            return None
        if address not in self.anchor_ids:
            self.anchor_ids[address] = f"el{len(self.anchor_ids) + 1}"
        return self.anchor_ids[address]

    def text(self, address: str, fld: str | None, value: str, **look: object) -> Rich:
        """Runs of a briefing field, with analyst highlights when there are any."""
        self.printed_fields.add((address, fld))
        # A note on the element as a whole shades the first field printed, and reads first.
        whole = self.pending.pop((address, None), [])
        if whole:
            self.printed_fields.add((address, None))
        refs = self.number(whole) + self.number(self.pending.pop((address, fld), []))
        if not refs:
            return Rich().add(value, **look)  # type: ignore[arg-type]
        return marked_rich(value, refs, "notes" in self.opts.sections, **look)

    def will_print(self, address: str) -> bool:
        """Whether the element gets an anchor somewhere in the brief."""
        section = _PRINTED_IN.get(section_of(address))
        return section is not None and section in self.opts.sections and self.b.element(address) is not None

    def cite(self, address: str, evidence: tuple[Evidence, ...]) -> Rich:
        """The note mark after a claim (`address`) resting on `evidence`; nothing without endnotes."""
        if not evidence or "endnotes" not in self.opts.sections:
            return Rich()
        return self.citations.mark(self.citations.cite(evidence))

    def para(self, markup: str, style: str) -> Flowable:
        return markup_paragraph(markup, self.st[style])

    def rt(self, rich: Rich | str, style: str) -> Flowable:
        return rich_paragraph(rich, self.st[style])

    def heading_flowable(self, key: str, title: str, style: str, level: int) -> Flowable:
        h = rich_paragraph(Rich().anchor(key).add(title), self.st[style], cls=Heading)
        h.outline = (key, clean_text(title), level)
        return h

    def heading(self, key: str, title: str | None = None, level: int = 0) -> None:
        title = title or HEADINGS[key]
        if level == 0:
            self.flow.append(CondPageBreak(90))
        self.flow.append(self.lead(self.heading_flowable(f"sec-{key}", title, "h1" if level == 0 else "h2", level)))

    def table(self, header: list[str], rows: list[list[Flowable]], widths: list[float],
              zebra: bool = True) -> None:
        look = TableLook(head_fill=PALETTE["navy"], rule=PALETTE["rule"], rule_width=0.4,
                         zebra=PALETTE["zebra"] if zebra else None)
        head: list[Flowable] = [self.rt(h, "cell_head") for h in header]
        self.flow.append(brief_table(head, rows, [w * self.width for w in widths], look, self.height))
        self.flow.append(Spacer(1, 6))

    # -- sections -----------------------------------------------------------
    def build(self) -> list[Flowable]:
        b = self.b
        makers: dict[str, tuple[bool, Callable[[], None]]] = {
            "bluf": (True, self.bluf),
            "judgments": (bool(b.summary.key_points), self.key_judgments),
            "actors": (bool(b.actors), self.actors),
            "relations": (bool(b.relations), self.relations),
            "timeline": (bool(b.timeline), self.timeline),
            "quotes": (bool(b.quotes), self.quotes),
            "notes": (bool(self.refs), self.analyst_notes),
            "endnotes": (True, self.endnote_sections),
        }
        self.title_block()
        top, self.flow = self.flow, []
        # Source notes are numbered as the claims cite them, and analyst notes link to passages
        # already set (numbered as their marks read): those two are made last, wherever they print.
        made: dict[str, list[Flowable]] = {}
        order = [k for k in self.opts.sections if k not in ("notes", "endnotes")]
        order += [k for k in ("endnotes", "notes") if k in self.opts.sections]
        for key in order:
            wanted, make = makers[key]
            if wanted:
                make()
            made[key], self.flow = self.flow, []
        self.flow = top + [f for key in self.opts.sections for f in made[key]]
        return keep_leads_with_next(self.flow, self.height, self.lead_ids)

    def lead(self, f: Flowable) -> Flowable:
        """Mark `f` as leading into what follows (a heading, a caption, a figure)."""
        self.lead_ids.add(id(f))
        return f

    def endnote_sections(self) -> None:
        self.sources()
        if self.citations.notes:
            self.source_notes()

    def title_block(self) -> None:
        b = self.b
        if b.product:  # the product line, as the briefing names it (nothing when it names none)
            self.flow.append(self.para(markup_runs(b.product.upper()), "kicker"))
        self.flow.append(self.heading_flowable("sec-title", b.title, "title", 0))
        if b.subtitle:
            self.flow.append(self.para(markup_runs(b.subtitle), "subtitle"))
        meta = [("As of", f"{b.as_of.day} {b.as_of:%B %Y}"),
                ("Classification", b.classification)]
        if b.authors:
            meta.append(("Prepared by", "; ".join(b.authors)))
        if b.tags:
            meta.append(("Topics", " · ".join(b.tags)))
        meta.append(("Sources", f"{len(b.sources)} source{'s' if len(b.sources) != 1 else ''}"))
        rows = [[self.para(f"<b>{escape(k)}</b>", "meta"), self.para(markup_runs(v), "meta")]
                for k, v in meta]
        t = LongTable(rows, colWidths=[0.18 * self.width, 0.82 * self.width], hAlign="LEFT",
                      splitInRow=1, style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                          ("LINEABOVE", (0, 0), (-1, 0), 1.2, PALETTE["navy"]),
                          ("LINEBELOW", (0, -1), (-1, -1), 0.5, PALETTE["rule"]),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
        self.flow.append(t)
        if self.refs:
            self.flow.append(Spacer(1, 6))
            self.flow.append(self.para(self.legend_markup("Analyst highlights: "), "legend"))
        self.flow.append(Spacer(1, 10))

    def legend_markup(self, lead: str) -> str:
        seen: dict[tuple[str, str], int] = {}
        for h in self.refs:
            seen[(h.colour, h.label)] = seen.get((h.colour, h.label), 0) + 1
        parts = [f"<b>{escape(lead)}</b>"]
        for colour, label in sorted(seen, key=lambda k: (colour_rank(k[0]), k[1])):
            fill = HIGHLIGHT.get(colour, HIGHLIGHT["yellow"])[0]
            parts.append(f'<span backColor="{fill}">\u00a0{markup_runs(label)}\u00a0</span>\u00a0'
                         f'<font color="#5a6472">({seen[(colour, label)]})</font>\u2003')
        return "".join(parts)

    def bluf(self) -> None:
        # after another section (--sections timeline,bluf) it is spaced as any heading; the title block spaces it
        first = self.opts.sections[:1] == ("bluf",)
        label = self.heading_flowable("sec-bluf", "BOTTOM LINE UP FRONT", "bluf_label" if first else "bluf_label_after", 0)
        label.outline = ("sec-bluf", SECTION_TITLES["bluf"], 0)
        self.flow.append(self.lead(label))
        content: list[Flowable] = [self.rt(self.text("summary", "bluf", self.b.summary.bluf), "bluf")]
        self.flow.append(Boxed(content, bar=PALETTE["bluf_edge"], bar_width=3, fill=PALETTE["bluf_fill"],
                               pad=10, vpad=9, space_after=6))

    def key_judgments(self) -> None:
        kps = self.b.summary.key_points
        # ICD 203: a fact is not a judgment; the heading says so when the list holds both.
        self.heading("judgments", None if all(k.kind == "judgment" for k in kps) else "Key points")
        placed: list[tuple[int, str]] = []
        unplaced: list[int] = []
        number = 0
        for kp in kps:
            kind = kp.kind if kp.kind in KIND_TAGS else "judgment"
            bar = KIND_BARS[kind]
            tag = Rich().anchor(self.anchor(kp.address))
            body, meta = Rich(), Rich()
            text = kp.text
            lead = ""
            if kind == "judgment":
                number += 1
                tag.add(f"{KIND_TAGS[kind]} {number}", colour=bar)
                if kp.likelihood:
                    placed.append((number, kp.likelihood))
                else:
                    unplaced.append(number)
                lead, text = assessed_lead(kp)
                body.add(lead)
            else:
                tag.add(KIND_TAGS[kind], colour=bar)
            body.extend(self.text(kp.address, "text", text, italic=kind == "assumption"))
            body.extend(self.cite(kp.address, kp.evidence))
            if kind == "fact":
                meta.add(attribution(self.b, kp), colour=_GREY)
            term = likelihood_term(kp.likelihood)
            if term is not None and not lead:
                meta.add("\u2002·\u2002" if meta else "").add(f"Likelihood: {term.term} ({term.percent})", bold=True)
            if kp.confidence in CONFIDENCE_COLOURS:
                meta.add("\u2002·\u2002" if meta else "")
                meta.add(f"Confidence: {kp.confidence}", bold=True, colour=CONFIDENCE_COLOURS[kp.confidence or ""])
            elif kind == "judgment":
                meta.add("\u2002·\u2002" if meta else "").add("Confidence: not stated", bold=True, colour=_GREY)
            text_para = self.rt(body, "body")  # set from the right when right to left: its bar goes there
            content = [text_para] + ([self.rt(meta, "kp_meta")] if meta else [])
            box = Boxed(content, bar=colors.HexColor(bar), bar_width=1.5 if kind == "judgment" else 3,
                        pad=8, vpad=1, space_after=9, bar_right=getattr(text_para, "rtl", None) is True)
            head = self.rt(tag, "confidence_tag")
            together = KeepTogether([head, box])
            together.brief_content, together.brief_kind = [head, box], "together"
            self.flow.append(together)
        if placed:
            self.likelihood_scale(placed, unplaced)
        else:
            lines = "".join(f"<b>{c.capitalize()}:</b> {escape(m)} " for c, m in CONFIDENCE_MEANING)
            self.flow.append(self.para(f"<i>Confidence levels (ICD 203).</i> {lines}", "caption"))

    def likelihood_scale(self, placed: list[tuple[int, str]], unplaced: list[int]) -> None:
        """The ICD 203 scale with each judgment's number in its band (replaces the prose legend)."""
        self.figures += 1
        self.flow.append(Spacer(1, 4))
        self.flow.append(self.lead(likelihood_figure(placed, self.width)))
        which = "the number of the key judgment" if len(placed) == 1 else "the numbers of the key judgments"
        caption = (f"Figure {self.figures}. How likely each key judgment is, on the ICD 203 scale; the circles "
                   f"give {which}. Likelihood is not confidence: confidence, stated with each judgment, "
                   "says how well the evidence supports it.")
        if unplaced:
            nums = ", ".join(str(n) for n in unplaced)
            many = len(unplaced) > 1
            caption += f" Key judgment{'s' if many else ''} {nums} state{'' if many else 's'} no likelihood."
        self.flow.append(self.para(markup_runs(caption), "caption"))

    def actors(self) -> None:
        self.heading("actors")
        b = self.b
        # Role and affiliation share one column (most actors have neither); the
        # column goes when no actor has either, rather than a column of dashes.
        with_role = any(a.role or a.affiliation for a in b.actors)
        rows: list[list[Flowable]] = []
        for a in b.actors:
            name = Rich().anchor(self.anchor(a.address)).extend(self.text(a.address, "name", a.name, bold=True))
            name.extend(self.cite(a.address, a.evidence))
            # The role, at the top of its cell, reads before the description under the name:
            # its analyst-note mark is numbered first.
            role = self.text(a.address, "role", a.role) if a.role and with_role else Rich()
            if a.aliases:
                name.br().add("also " + "; ".join(a.aliases), size=7.5, colour=_GREY)
            if a.description:
                name.br().extend(self.text(a.address, "description", a.description, size=7.8))
            row = [self.rt(name, "cell"), self.rt(kind_label(a.kind), "cell")]
            if with_role:
                if a.affiliation:
                    if role:
                        role.br()
                    role.add(b.display_name(a.affiliation), colour=_GREY if a.role else None)
                row.append(self.rt(role or Rich().add("—", colour=_GREY), "cell"))
            rows.append(row)
        if with_role:
            self.table(["Name", "Kind", "Role / affiliation"], rows, [0.52, 0.15, 0.33])
        else:
            self.table(["Name", "Kind"], rows, [0.80, 0.20])

    def relations(self) -> None:
        self.heading("relations")
        b = self.b
        rows: list[list[Flowable]] = []
        for r in b.relations:
            note = self.text(r.address, "note", r.note) if r.note else Rich().add("—")
            # The mark goes with the relation itself: that is the claim the evidence supports.
            kind = self.text(r.address, "kind", r.kind, italic=True).extend(self.cite(r.address, r.evidence))
            rows.append([
                self.rt(Rich().anchor(self.anchor(r.address)).add(b.display_name(r.from_actor), bold=True), "cell"),
                self.rt(kind, "cell"),
                self.rt(Rich().add(b.display_name(r.to_actor), bold=True), "cell"),
                self.rt(note, "cell"),
            ])
        self.table(["From", "Relation", "To", "Note"], rows, [0.20, 0.20, 0.20, 0.40])

    def timeline(self) -> None:
        self.heading("timeline")
        b = self.b
        events = b.chronological
        overlays: list[Overlay] = []
        drawing = timeline_drawing(events, self.width, overlays, as_of=b.as_of)
        if drawing is not None:
            self.figures += 1
            # The figure, its key and its caption stay together, and with the table's start.
            self.flow.append(self.lead(LabelledChart(drawing, overlays, SANS) if overlays else drawing))
            legend = legend_drawing(self.width, events)
            if legend is not None:
                self.flow.append(self.lead(legend))
            first, last = events[0], max(events, key=lambda e: (e.end or e.date).sort_key)
            self.flow.append(self.lead(self.para(
                markup_runs(f"Figure {self.figures}. {len(events):,} event{'s' if len(events) != 1 else ''}, "
                            f"{first.when} to {(last.end or last.date).display()}, one row each, earliest first. Dates "
                            "are shown at the precision the sources give; the dashed line is the information "
                            f"cut-off, {b.as_of.day} {b.as_of:%B %Y}."), "caption")))
        rows: list[list[Flowable]] = []
        for ev in events:
            cell = Rich().anchor(self.anchor(ev.address)).extend(self.text(ev.address, "title", ev.title, bold=True))
            cell.extend(self.cite(ev.address, ev.evidence))
            if ev.description:
                cell.br().extend(self.text(ev.address, "description", ev.description))
            if ev.location:
                cell.br().extend(self.text(ev.address, "location", ev.location, italic=True, colour=_GREY))
            actors = ", ".join(b.display_name(a) for a in ev.actors) or "—"
            when = Rich().add(ev.when, bold=True, colour="#b5651d" if ev.approximate else None)
            rows.append([self.rt(when, "cell"), self.rt(cell, "cell"), self.rt(actors, "cell")])
        self.table(["Date", "Event", "Actors"], rows, [0.17, 0.58, 0.25])

    def quotes(self) -> None:
        self.heading("quotes")
        b = self.b
        for q in b.quotes:
            speaker = b.actor_by_id.get(q.speaker)
            who = b.display_name(q.speaker)
            if speaker and speaker.role:
                who += f", {speaker.role}"
            by = Rich().add("\u2014\u2002").add(who, bold=True)
            if q.said_on:
                by.add("\u2002·\u2002" + q.said_on.display(long=True))
            if q.context:
                by.add("\u2002·\u2002").extend(self.text(q.address, "context", q.context))
            by.extend(self.cite(q.address, q.evidence or self.quote_source(q)))
            body = Rich().anchor(self.anchor(q.address)).add("\u201c")
            body.extend(self.text(q.address, "text", q.text)).add("\u201d")
            # A short quote never splits; a long one keeps at least its last two lines
            # with the attribution, which never starts a page alone.
            # a quote in a script with no italic (Arabic, CJK…) is upright: its Latin and digits too
            style = "quote" if italic_reads(q.text) else "quote_upright"
            self.flow.append(Boxed([self.rt(body, style), self.rt(by, "quote_by")],
                                   bar=PALETTE["quote_rule"], bar_width=2, pad=0, vpad=2, space_after=8,
                                   keep_under=_QUOTE_KEEP, keep_last=True))

    def quote_source(self, q: object) -> tuple[Evidence, ...]:
        text = getattr(q, "text", "")
        loc = self.b.locate(getattr(q, "address", ""), text)
        return (Evidence(loc[0], text),) if loc else ()

    def analyst_notes(self) -> None:
        self.number_the_rest()
        self.heading("notes")
        self.flow.append(self.lead(self.para(self.legend_markup("Colours: "), "legend")))
        self.flow.append(Spacer(1, 6))
        # In number order, as the marks read; each note names its colour's meaning.
        for r in self.numbered:
            # A note shorter than a page stays on one page; its heading line stays with it.
            fill, swatch = HIGHLIGHT.get(r.highlight.colour, HIGHLIGHT["yellow"])
            entry = self.note_entry(r, fill, swatch)
            self.flow.extend(self.lead(f) for f in entry[:-1])
            self.flow.append(entry[-1])

    def note_entry(self, r: NoteRef, fill: str, swatch: str) -> list[Flowable]:
        h = r.highlight
        b = self.b
        el = b.element(h.address)
        printed = (h.address, h.field) in self.printed_fields
        where = describe(b, h.address, h.field)
        target = f"#hl-{r.number}" if printed else (
            f"#{self.anchor(h.address)}" if self.will_print(h.address) else None)
        label = h.label[:1].upper() + h.label[1:]
        head = (f'<a name="note-{r.number}"/><font face="{SANS}-Bold" color="{swatch}">A{r.number}\u2002{_SWATCH}'
                f"</font>\u00a0<b>{markup_runs(label)}</b>\u2002·\u2002")
        loc = markup_runs(where)
        head += f'<a href="{target}" color="#1d4f91">{loc}</a>' if target else loc
        meta = []
        if h.confidence:
            meta.append(f"{escape(h.confidence)} confidence")
        # a name never wraps in its middle ("A. Analyst"), nor away from the word "layer"
        if h.author:
            meta.append(markup_runs(_unbroken(h.author)))
        if h.layer and h.layer != h.author:
            meta.append("layer\u00a0" + markup_runs(_unbroken(h.layer)))
        if h.status in _PLACED_BY_TEXT:
            meta.append(_PLACED_BY_TEXT[h.status])
        if meta:
            sep = "\u2002·\u2002"
            head += f'\u2002<font color="#5a6472" size="7.8">{sep.join(meta)}</font>'
        out: list[Flowable] = [self.para(head, "note")]
        passage = h.passage
        if passage is None and el is not None and h.field and isinstance(getattr(el, h.field, None), str):
            value = getattr(el, h.field)
            passage = value[h.start or 0:h.end if h.end is not None else len(value)]
        inner: list[Flowable] = []
        if passage:
            short = passage if len(passage) <= 600 else passage[:600].rstrip() + "…"
            inner.append(self.para(f'\u201c<span backColor="{fill}">{markup_runs(short)}</span>\u201d', "note"))
        if h.note_markdown:
            inner.extend(self.markdown(h.note_markdown))
        if h.tags:
            tags = "\u2002".join(f'<font color="#1f3a5f">#{markup_runs(t)}</font>' for t in h.tags)
            inner.append(self.para(f'<font size="7.8">{tags}</font>', "note"))
        if inner:
            out.append(Boxed(inner, bar=colors.HexColor(swatch), bar_width=1.5, pad=7, indent=4,
                             space_after=8, keep_under=self.height - 40))
        return out

    def markdown(self, text: str) -> list[Flowable]:
        """A note's blocks: list items with their markers, nested lists and quotations indented
        (`depth`, `quoted`), a rule as a hairline; the rest as paragraphs of the note style."""
        out: list[Flowable] = []
        for block in parse_markdown(text):
            depth, quoted = getattr(block, "depth", 0), getattr(block, "quoted", 0)
            if block.kind == "rule":
                out.append(HRFlowable(width="100%", thickness=0.4, color=PALETTE["rule"], spaceBefore=2,
                                      spaceAfter=4))
                continue
            listed = block.kind in ("bullet", "number")
            style = self.note_style("note_list" if listed else "note", max(depth - 1, 0) if listed else depth, quoted)
            bullet = "\u2022" if block.kind == "bullet" else f"{block.number}." if block.kind == "number" else None
            out.append(markup_paragraph(render_inline(block.inlines), style, bullet=bullet))
        return out

    def note_style(self, base: str, depth: int, quoted: int) -> ParagraphStyle:
        """The note style indented for list nesting and block quotations (made once each)."""
        if not depth and not quoted:
            return self.st[base]
        key = f"{base}-{depth}-{quoted}"
        if key not in self.st:
            parent = self.st[base]
            self.st[key] = ParagraphStyle(key, parent=parent, leftIndent=parent.leftIndent + 14 * depth + 12 * quoted,
                                          textColor=PALETTE["slate"] if quoted else parent.textColor)
        return self.st[key]

    def sources(self) -> None:
        self.heading("sources")
        for i, src in enumerate(self.b.sources, start=1):
            r = Rich().anchor(f"src-{i}").anchor(self.anchor(src.address))
            r.add(f"[S{i}]", family=SANS, bold=True, colour="#1f3a5f").add("\u2002")
            r.extend(self.text(src.address, "title", src.title, bold=True)).add(". ")
            self.flow.append(self.rt(self.citations.describe_source(src, r), "source"))

    def source_notes(self) -> None:
        self.heading("source_notes")
        self.flow.append(self.para(
            "Each numbered mark in the text points here: a note gives the source and paragraph (S1 \u00b66 is "
            "source S1, paragraph 6) and the exact passage that supports the claim. A passage cited by several "
            "claims has one note; its number links back to the first claim, the letters after it to each.",
            "caption"))
        self.lead(self.flow[-1])
        notes = self.citations.paragraphs(self.st["endnote"], self.height - 24)
        # Two balanced columns of small type: the notes are for tracing, not for reading through.
        # BalancedColumns re-measures everything it holds at each page break, so thousands of
        # notes go in one column (still small type) rather than cost seconds.
        if len(notes) <= _BALANCED_MAX:
            cols = BalancedColumns(notes, nCols=2, innerPadding=14, spaceBefore=0, spaceAfter=0)
            cols.brief_content, cols.brief_kind = notes, "columns"
            self.flow.append(cols)
        else:
            self.flow.extend(notes)


def build_story(briefing: Briefing, highlights: Sequence[Highlight], options: BriefOptions,
                width: float, height: float = 700.0) -> list[Flowable]:
    register_fonts()
    return _Story(briefing, highlights, options, width, height).build()


def build_brief(briefing: Briefing, highlights: Sequence[Highlight] = (),
                options: BriefOptions | None = None) -> bytes:
    """The PDF brief as bytes; the same inputs give the same bytes."""
    opts = options or BriefOptions()
    check_sections(opts.sections)
    if opts.page_size not in ("a4", "letter"):
        raise ValueError(f"page size must be 'a4' or 'letter', not {opts.page_size!r}")
    register_fonts()
    b = briefing
    buf = io.BytesIO()
    subject = clean_text(b.subtitle or b.summary.bluf)
    doc = BriefDocTemplate(
        buf, page_size=opts.page_size, title=clean_text(b.title), classification=clean_text(b.classification),
        as_of=b.as_of,
        header_note=clean_text(f"{b.title} · information as of {b.as_of.day} {b.as_of:%B %Y}"),
        progress=opts.progress, cancelled=opts.cancelled,
        author=clean_text("; ".join(b.authors)), subject=subject[:300], keywords=[clean_text(t) for t in b.tags],
        creator=f"Briefing Reader {_app_version}", lang=b.language, displayDocTitle=1,
    )
    story = _Story(b, highlights, opts, doc.width, doc.height).build()
    doc.total_work = max(1, sum(getattr(f, "work", 1) for f in story))
    stamp = f"D:{b.as_of:%Y%m%d}000000+00'00'"

    class StampedCanvas(BriefCanvas):
        def __init__(self, *a: object, **k: object) -> None:
            super().__init__(*a, **k)  # type: ignore[arg-type]
            self.setDateFormatter(lambda *_: stamp)

    doc.build(story, canvasmaker=StampedCanvas)
    if opts.progress is not None:
        opts.progress(1.0)
    return buf.getvalue()
