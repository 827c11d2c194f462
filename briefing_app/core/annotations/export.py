"""Annotation layers out of the app: W3C Web Annotation JSON-LD and Markdown.

W3C: an `AnnotationCollection` whose first page embeds every annotation.
Each target is a `SpecificResource` whose `source` is a URN naming the
briefing, the element and (after `#`) the text field, e.g.
`urn:briefing:japan-nato-liaison-office:quotes/q-hayashi#text`; selections
carry a `TextQuoteSelector` and a `TextPositionSelector` (code-point offsets
into that field). Notes are `TextualBody`s with purpose `commenting`
(Markdown), tags with purpose `tagging`, confidence with `assessing`; the
colour is the target's `styleClass`, defined in the annotation's stylesheet.
Orphaned annotations are exported as recorded (their selector unchanged).
Given the anchoring report of the briefing (the CLI passes it when it finds
the briefing), the position is where the text stands now: a moved
annotation gets its current offsets, and one placed on changed wording (fuzzy)
keeps only its quote, since the recorded offsets no longer select it.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote as _pct

from briefing_app.core.annotations.anchoring import AnchorReport, element_label, reanchor
from briefing_app.core.annotations.layer import COLORS, DEFAULT_COLOR_LABELS, Annotation, AnnotationLayer
from briefing_app.core.briefing.address import section_of as address_section
from briefing_app.core.briefing.model import SECTIONS, Briefing
from briefing_app.core.markdown import note_markdown

__all__ = ["W3C_CONTEXT", "to_w3c", "w3c_bytes", "to_markdown", "target_urn", "COLOR_CSS"]

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Highlight colours as CSS, for the exported stylesheet (same tints as the reader).
COLOR_CSS = {
    "yellow": "#fff176", "green": "#a5d6a7", "blue": "#90caf9",
    "pink": "#f48fb1", "orange": "#ffcc80", "purple": "#ce93d8",
}
_SAFE = "-._~!$&'()*+,;=:@/"


def target_urn(briefing_id: str, address: str, field: str | None = None) -> str:
    urn = f"urn:briefing:{_pct(briefing_id, safe=_SAFE)}:{_pct(address, safe=_SAFE)}"
    return urn + (f"#{_pct(field, safe=_SAFE)}" if field else "")


def _annotation_iri(briefing_id: str, ident: str) -> str:
    try:
        return f"urn:uuid:{uuid.UUID(ident)}"
    except ValueError:
        return f"urn:briefing:{_pct(briefing_id, safe=_SAFE)}:annotation:{_pct(ident, safe=_SAFE)}"


def _ts(value: Any) -> str:
    from briefing_app.core.annotations.writer import _timestamp

    return _timestamp(value)


def _position(a: Annotation, report: AnchorReport | None) -> tuple[int, int] | None:
    """The offsets to export: as recorded without a report (or for an orphan), else where anchoring placed it."""
    s = a.selector
    recorded = (s.start, s.end) if s is not None and s.start is not None and s.end is not None else None
    where = report.anchors.get(a.id) if report is not None else None
    if where is None or where.status == "orphaned":
        return recorded
    if where.status not in ("exact", "moved") or where.field != a.field or where.start is None or where.end is None:
        return None  # placed on other wording: the quote selector describes it, stale offsets would not
    return where.start, where.end


def _annotation_json(layer: AnnotationLayer, a: Annotation, labels: Mapping[str, str],
                     report: AnchorReport | None = None) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if a.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": a.note,
                       "format": "text/markdown"})
    for tag in a.tags:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    if a.confidence:
        bodies.append({"type": "TextualBody", "purpose": "assessing",
                       "value": f"confidence: {a.confidence}", "format": "text/plain"})
    if a.color:
        bodies.append({"type": "TextualBody", "purpose": "classifying",
                       "value": labels.get(a.color, a.color), "format": "text/plain"})
    target: dict[str, Any] = {"type": "SpecificResource",
                              "source": target_urn(layer.briefing, a.target, a.field)}
    s = a.selector
    if s is not None:
        quote_sel: dict[str, Any] = {"type": "TextQuoteSelector", "exact": s.exact}
        if s.prefix:
            quote_sel["prefix"] = s.prefix
        if s.suffix:
            quote_sel["suffix"] = s.suffix
        selectors: list[dict[str, Any]] = [quote_sel]
        position = _position(a, report)
        if position is not None:
            selectors.append({"type": "TextPositionSelector", "start": position[0], "end": position[1]})
        target["selector"] = selectors if len(selectors) > 1 else selectors[0]
    if a.color:
        target["styleClass"] = a.color
    out: dict[str, Any] = {
        "id": _annotation_iri(layer.briefing, a.id),
        "type": "Annotation",
        "motivation": "commenting" if a.note else ("tagging" if a.tags and not a.color else "highlighting"),
    }
    author = a.author or layer.author
    if author:
        out["creator"] = {"type": "Person", "name": author}
    if a.created:
        out["created"] = _ts(a.created)
    if a.modified:
        out["modified"] = _ts(a.modified)
    if a.color:
        out["stylesheet"] = {"type": "CssStylesheet",
                             "value": f".{a.color} {{ background-color: {COLOR_CSS.get(a.color, '#ffff00')} }}"}
    if bodies:
        out["body"] = bodies if len(bodies) > 1 else bodies[0]
    out["target"] = target
    return out


def to_w3c(layer: AnnotationLayer, labels: Mapping[str, str] | None = None,
           report: AnchorReport | None = None) -> dict[str, Any]:
    """The layer as a W3C `AnnotationCollection` (JSON-LD, compacted); positions from `report` when given."""
    labels = {**DEFAULT_COLOR_LABELS, **(labels or {})}
    coll_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, target_urn(layer.briefing, 'annotations') + '/' + layer.author)}"
    items = [_annotation_json(layer, a, labels, report) for a in layer]
    coll: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": coll_id,
        "type": "AnnotationCollection",
        "label": f"Annotations on briefing {layer.briefing}" + (f" by {layer.author}" if layer.author else ""),
        "total": len(items),
    }
    if layer.author:
        coll["creator"] = {"type": "Person", "name": layer.author}
    if items:
        coll["first"] = {"id": coll_id + "/page/1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    return coll


def w3c_bytes(layer: AnnotationLayer, labels: Mapping[str, str] | None = None,
              report: AnchorReport | None = None) -> bytes:
    return (json.dumps(to_w3c(layer, labels, report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_SECTION_TITLES = {
    "summary": "Summary", "key_points": "Key points", "actors": "Actors", "relations": "Relations",
    "timeline": "Timeline", "quotes": "Quotes", "sources": "Sources",
}


def _md_escape_line(text: str) -> str:
    return " ".join(text.split())


def to_markdown(layer: AnnotationLayer, briefing: Briefing, report: AnchorReport | None = None,
                labels: Mapping[str, str] | None = None) -> str:
    """Notes grouped by briefing section, with counts per label, tag and confidence."""
    labels = {**DEFAULT_COLOR_LABELS, **(labels or {})}
    report = report or reanchor(briefing, layer)
    items = list(layer)
    order = {addr: i for i, addr in enumerate(briefing.addresses())}
    out = [f"# Annotations: {briefing.title}", ""]
    meta = [f"Briefing `{briefing.id}`"]
    if layer.author:
        meta.append(f"layer by {layer.author}")
    meta.append(f"{len(items)} annotation{'s' if len(items) != 1 else ''}")
    out += [", ".join(meta) + ".", ""]

    def table(title: str, counter: Counter[str], head: str) -> None:
        out.extend([f"### {title}", "", f"| {head} | count |", "|---|---:|"])
        for key, n in counter.items():
            out.append(f"| {key} | {n} |")
        out.append("")

    label_counts: Counter[str] = Counter()
    for c in COLORS:
        n = sum(1 for a in items if a.color == c)
        if n:
            label_counts[f"{labels.get(c, c)} ({c})"] = n
    none = sum(1 for a in items if a.color is None)
    if none:
        label_counts["no colour"] = none
    tag_counts = Counter(t for a in items for t in a.tags)
    conf_counts: Counter[str] = Counter()
    for lvl in ("high", "moderate", "low"):
        n = sum(1 for a in items if a.confidence == lvl)
        if n:
            conf_counts[lvl] = n
    out += ["## Counts", ""]
    table("By label", label_counts, "label")
    table("By tag", Counter(dict(sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))), "tag")
    table("By confidence", conf_counts, "confidence")

    def section_of(a: Annotation) -> str:
        return address_section(a.target)

    orphans = {x.annotation_id for x in report.orphans}
    for section in ("summary", *SECTIONS):
        group = [a for a in items if section_of(a) == section and a.id not in orphans]
        if not group:
            continue
        group.sort(key=lambda a: (order.get(a.target, 1 << 30), report.anchors[a.id].start or 0, a.id))
        out += [f"## {_SECTION_TITLES[section]} ({len(group)})", ""]
        for a in group:
            _md_item(out, a, element_label(briefing, a.target), labels, report.anchors[a.id].describe())
    if orphans:
        out += [f"## Orphaned ({len(orphans)})", "",
                "These no longer fit the briefing; they are kept unchanged in the layer.", ""]
        for x in report.orphans:
            orphan = layer.get(x.annotation_id)
            if orphan is not None:
                # named by its element while that is still in the briefing (only its text moved)
                where = element_label(briefing, orphan.target) if briefing.element(orphan.target) else orphan.target
                _md_item(out, orphan, where, labels, f"orphaned: {x.reason}")
    return "\n".join(out).rstrip("\n") + "\n"


#: A field named in words in a heading; an element's main text (a BLUF, a key point's or quote's or
#: source's text) needs no naming, and no field name (an id of the format) reaches the reader.
FIELD_WORDS = {"bluf": "", "text": "", "title": "title", "description": "description", "location": "place",
               "context": "context", "note": "note", "kind": "relation"}


def _md_item(out: list[str], a: Annotation, where: str, labels: Mapping[str, str], status: str) -> None:
    words = FIELD_WORDS.get(a.field, a.field.replace("_", " ")) if a.field else ""
    head = f"### {where}" + (f" — {words}" if words else "")
    out += [head, ""]
    if a.selector is not None:
        out += [f"> {_md_escape_line(a.selector.exact)}", ""]
    facts = []
    if a.color:
        facts.append(f"**{labels.get(a.color, a.color)}** ({a.color})")
    if a.tags:
        facts.append("tags: " + ", ".join(f"`{t}`" for t in a.tags))
    if a.confidence:
        facts.append(f"confidence: {a.confidence}")
    if a.author:
        facts.append(f"by {a.author}")
    if status not in ("exact",):
        facts.append(status)
    if facts:
        out += ["; ".join(facts), ""]
    note = note_markdown(a.note, heading_base=3) if a.note else ""
    if note:
        # re-written from the notes' one tree: HTML shows as typed, headings sit below this item's ###
        out += [note, ""]
