"""Turn located YAML nodes into a `Briefing`, reporting every problem.

The validator never stops at the first problem: an analyst fixing a file by
hand wants the whole list, each with the line and column of the offending
node, the field path (`timeline/ev-x.date`), what was expected and what was
found. Unknown keys get a did-you-mean, cross-references must resolve, ids
must be unique, and every quote and evidence excerpt is checked verbatim
against its source (NFC, white space collapsed), with the nearest passage
shown when it is not found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from briefing_app.core.briefing.fields import (
    ACTOR_FIELDS,
    EVENT_FIELDS,
    FORMAT_RE,
    INVALID,
    KEY_POINT_FIELDS,
    NEAREST_HINTS,
    QUOTE_FIELDS,
    RELATION_FIELDS,
    SLUG_RE,
    SOURCE_FIELDS,
    SUMMARY_FIELDS,
    SUPPORTED_MAJOR,
    TOP_FIELDS,
    Ctx,
    Fields,
    close_matches,
    convert_fields,
)
from briefing_app.core.briefing.lenient import drop_invalid_optional, make_readable
from briefing_app.core.briefing.model import (
    Actor,
    Briefing,
    Event,
    Evidence,
    KeyPoint,
    Quote,
    Relation,
    Source,
    Summary,
)
from briefing_app.core.briefing.textmatch import NormalisedText, first_difference, nearest_match
from briefing_app.core.io.yamlsafe import Mapping, Node, Scalar, Sequence, describe
from briefing_app.core.problems import BriefingError, LoadError, Problem

__all__ = ["build_briefing", "build_briefing_lenient", "SUPPORTED_MAJOR"]


def _element_path(section: str, index: int, node: Node) -> str:
    if isinstance(node, Mapping):
        ident = node.items.get("id")
        if isinstance(ident, Scalar) and SLUG_RE.fullmatch(ident.value):
            return f"{section}/{ident.value}"
    return f"{section}[{index}]"


def _elements(ctx: Ctx, node: Node | None, section: str, spec: Fields,
              make: Callable[[dict[str, Any]], Any], required: bool = False) -> tuple[Any, ...]:
    """Convert a list of elements; ids must be unique within the list."""
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return ()
    if not isinstance(node, Sequence):
        ctx.expected(node, section, f"a list of {section.rsplit('.', 1)[-1]}")
        return ()
    if required and not node.items:
        ctx.error(node, f"{section}: needs at least one entry")
    seen: dict[str, int] = {}
    ctx.ids[section] = set()
    out = []
    for i, item in enumerate(node.items):
        path = _element_path(section, i, item)
        fields = convert_fields(ctx, item, path, spec)
        if fields is INVALID:
            continue
        assert isinstance(item, Mapping)
        ctx.locations.record(path, item.line, item.col, item.keys)
        ident = fields.get("id")
        if isinstance(ident, str):
            id_node = item.items["id"]
            if ident in seen:
                ctx.error(id_node, f"{path}: duplicate id {ident!r} in {section} (first at line {seen[ident]})")
                if ctx.lenient:
                    continue  # the first element of that id is the one shown
            else:
                seen[ident] = id_node.line
                ctx.ids[section].add(ident)
        if any(v is INVALID for v in fields.values()) and not (ctx.lenient and drop_invalid_optional(fields, spec)):
            continue
        element = _make(ctx, item, path, spec, make, fields)
        if element is not None:
            out.append(element)
    return tuple(out)


def _make(ctx: Ctx, item: Mapping, path: str, spec: Fields, make: Callable[[dict[str, Any]], Any],
          fields: dict[str, Any]) -> Any:
    """`make(fields)`, reporting a rule the model enforces; leniently, without the optional field it faults."""
    try:
        return make(fields)
    except _FieldProblem as exc:  # cross-field rule, located at the field it faults
        ctx.error(item.items.get(exc.field, item), f"{path}.{exc.field}: {exc}")
        if ctx.lenient and not spec[exc.field][0]:
            fields.pop(exc.field, None)
            return _make(ctx, item, path, spec, make, fields)
    except ValueError as exc:  # any other rule a model class enforces
        ctx.error(item, f"{path}: {exc}")
    return None


class _FieldProblem(ValueError):
    """A rule between fields, reported at `field` (e.g. an `end` before its `date`)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _make_event(f: dict[str, Any]) -> Event:
    end, date = f.get("end"), f["date"]
    # A range is wrong only when the last day `end` can mean is before the
    # first day `date` can mean: 2020-12-18 .. 2020-12 ends in December 2020.
    if end is not None and end.latest() < date.earliest():
        raise _FieldProblem("end", f"expected a date that does not end before 'date' ({date.iso()}) begins, "
                                   f"found {end.iso()}")
    return Event(
        id=f["id"], date=f["date"], title=f["title"], end=f.get("end"), approximate=f.get("approximate", False),
        description=f.get("description"), actors=f.get("actors", ()), location=f.get("location"),
        evidence=f.get("evidence", ()),
    )


def _make_key_point(f: dict[str, Any]) -> KeyPoint:
    if f.get("kind") == "fact" and f.get("likelihood") is not None:
        raise _FieldProblem("likelihood", f"expected no likelihood on a fact (reported information is attributed, "
                                          f"not estimated), found {f['likelihood']!r}; remove it, or make the "
                                          "key point a judgment (kind: judgment)")
    return KeyPoint(**f)


def _make_relation(f: dict[str, Any]) -> Relation:
    return Relation(id=f["id"], from_actor=f["from"], to_actor=f["to"], kind=f["kind"],
                    note=f.get("note"), evidence=f.get("evidence", ()))


def _check_format(ctx: Ctx, root: Mapping) -> None:
    """Refuse a newer major version before anything else is judged."""
    node = root.items.get("format")
    if isinstance(node, Scalar) and node.value.startswith("annotations/"):
        target = root.items.get("briefing")
        which = f" ({target.value!r})" if isinstance(target, Scalar) and not target.is_null else ""
        raise LoadError(
            ctx.filename, node.line, node.col,
            f"this is an annotation file ({node.value}), not a briefing; open the briefing it "
            f"annotates{which} and its annotations are shown with it",
        )
    if isinstance(node, Scalar):
        m = FORMAT_RE.fullmatch(node.value)
        if m and int(m.group(1)) > SUPPORTED_MAJOR:
            raise LoadError(
                ctx.filename, node.line, node.col,
                f"this briefing was made by a newer version of Briefing Reader (format {node.value}); "
                f"this version reads briefing/{SUPPORTED_MAJOR}. Update Briefing Reader to open it",
            )


def build_briefing(root: Node, filename: str) -> Briefing:
    """Validate `root` and build the model, or raise `BriefingError` with every problem."""
    briefing, problems = _build(root, Ctx(filename))
    if problems:
        raise BriefingError(problems)
    return briefing


def build_briefing_lenient(root: Node, filename: str) -> tuple[Briefing, list[Problem]]:
    """The model of whatever can be read (lenient.py says what is left out), and every problem.

    Raises `LoadError` only when nothing can be read: the document is not a
    briefing at all (not a mapping, an annotation file, a newer format).
    """
    return _build(root, Ctx(filename, lenient=True))


def _build(root: Node, ctx: Ctx) -> tuple[Briefing, list[Problem]]:
    filename = ctx.filename
    if isinstance(root, Scalar) and root.is_null:
        raise LoadError(filename, root.line, root.col,
                        "the file holds an empty document; expected a briefing (a YAML mapping)")
    if not isinstance(root, Mapping):
        raise LoadError(filename, root.line, root.col,
                        f"expected a briefing (a mapping of fields such as 'title' and 'sources'), "
                        f"found {describe(root)}")
    _check_format(ctx, root)
    top = convert_fields(ctx, root, "", TOP_FIELDS)
    ctx.locations.record("", root.line, root.col, root.keys)
    items = root.items

    sources = _elements(ctx, items.get("sources"), "sources", SOURCE_FIELDS,
                        lambda f: Source(**f), required=True)
    summary_node = items.get("summary")
    summary: Summary | None = None
    if summary_node is not None:
        sf = convert_fields(ctx, summary_node, "summary", SUMMARY_FIELDS)
        if sf is not INVALID:
            assert isinstance(summary_node, Mapping)
            ctx.locations.record("summary", summary_node.line, summary_node.col, summary_node.keys)
            kps = _elements(ctx, sf.get("key_points"), "key_points", KEY_POINT_FIELDS, _make_key_point)
            if sf.get("bluf") not in (None, INVALID):
                summary = Summary(bluf=sf["bluf"], key_points=kps)
            elif ctx.lenient:
                summary = Summary(bluf="", key_points=kps)
    actors = _elements(ctx, items.get("actors"), "actors", ACTOR_FIELDS, lambda f: Actor(**f))
    relations = _elements(ctx, items.get("relations"), "relations", RELATION_FIELDS, _make_relation)
    timeline = _elements(ctx, items.get("timeline"), "timeline", EVENT_FIELDS, _make_event)
    quotes = _elements(ctx, items.get("quotes"), "quotes", QUOTE_FIELDS, lambda f: Quote(**f))
    for q_node, q in _quote_nodes(items.get("quotes"), quotes):
        ctx.quote_texts.append((q_node, f"{q.address}.text", tuple(e.source for e in q.evidence), q.text))

    _check_references(ctx)
    sources_by_id = {s.id: s for s in sources}
    norm = {s.id: NormalisedText(s.text) for s in sources}
    _check_excerpts(ctx, sources_by_id, norm)
    actors = tuple(_fix_bare_evidence(el, sources) for el in actors)
    relations = tuple(_fix_bare_evidence(el, sources) for el in relations)
    timeline = tuple(_fix_bare_evidence(el, sources) for el in timeline)
    quotes = tuple(_fix_bare_evidence(el, sources) for el in quotes)
    if summary is not None:
        summary = Summary(summary.bluf, tuple(_fix_bare_evidence(k, sources) for k in summary.key_points))

    if ctx.lenient and ctx.problems:  # a valid file reads the same either way
        summary, parts = make_readable(top, summary, dict(actors=actors, relations=relations, timeline=timeline,
                                                          quotes=quotes), sources, filename)
        actors, relations, timeline, quotes = (parts["actors"], parts["relations"], parts["timeline"],
                                               parts["quotes"])
    elif ctx.problems or summary is None or any(v is INVALID for v in top.values()):
        if not ctx.problems:  # pragma: no cover - every invalid path reports
            ctx.error(root, "the briefing is not valid")
        return cast(Briefing, None), sorted(ctx.problems, key=lambda p: (p.line, p.col))
    assert summary is not None

    extensions = {k: _plain(v) for k, v in items.items() if k.startswith("x-")}
    briefing = Briefing(
        format=top["format"], id=top["id"], title=top["title"], product=top.get("product"),
        subtitle=top.get("subtitle"),
        as_of=top["as_of"], classification=top.get("classification") or "UNCLASSIFIED",
        language=top.get("language") or "en", authors=top.get("authors", ()), tags=top.get("tags", ()),
        sources=sources, summary=summary, actors=actors, relations=relations, timeline=timeline,
        quotes=quotes, extensions=extensions, locations=ctx.locations,
    )
    briefing.__dict__["normalised_sources"] = norm  # reuse the work done for the checks
    return briefing, sorted(ctx.problems, key=lambda p: (p.line, p.col))


def _quote_nodes(node: Node | None, quotes: tuple[Quote, ...]) -> list[tuple[Scalar, Quote]]:
    if not isinstance(node, Sequence):
        return []
    by_id = {q.id: q for q in quotes}
    out = []
    for item in node.items:
        if isinstance(item, Mapping):
            ident, text = item.items.get("id"), item.items.get("text")
            if isinstance(ident, Scalar) and isinstance(text, Scalar) and ident.value in by_id:
                out.append((text, by_id[ident.value]))
    return out


def _fix_bare_evidence(el: Any, sources: tuple[Source, ...]) -> Any:
    """A bare-string excerpt cites the only source: fill in its id."""
    if not el.evidence or all(e.source for e in el.evidence) or len(sources) != 1:
        return el
    from dataclasses import replace

    fixed = tuple(Evidence(e.source or sources[0].id, e.quote) for e in el.evidence)
    return replace(el, evidence=fixed)


def _check_references(ctx: Ctx) -> None:
    known = {"actors": ctx.ids.get("actors", set()), "sources": ctx.ids.get("sources", set())}
    for node, path, list_name, ident in ctx.refs:
        if ident in known[list_name]:
            continue
        close = close_matches(ident, sorted(known[list_name]), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        what = "actor" if list_name == "actors" else "source"
        ctx.error(node, f"{path}: no {what} has the id {ident!r}{hint}")


def _excerpt_failure(ctx: Ctx, node: Scalar, path: str, text: str,
                     sources: list[Source], kind: str) -> None:
    """Report a quote or excerpt not found; show the nearest passage and the first difference."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    names = " or ".join(repr(s.id) for s in sources)
    message = f"{path}: {kind} {shown!r} is not found verbatim in source {names}"
    if ctx.hints < NEAREST_HINTS:
        ctx.hints += 1
        score, near, source = max(((sc, nr, src) for src in sources for nr, sc in [nearest_match(src.text, text)]),
                                  key=lambda t: t[0])
        if near and score >= 0.5:
            where = f" in {source.id!r}" if len(sources) > 1 else ""
            message += f"; nearest passage{where} ({score:.0%} alike): {_clip(near, 100)!r}"
            diff = first_difference(text, near)
            if diff:
                message += f"; {diff}"
    ctx.error(node, message)


def _clip(text: str, keep: int) -> str:
    return text if len(text) <= keep else text[: keep - 1] + "\u2026"


def _check_excerpts(ctx: Ctx, sources: dict[str, Source], norm: dict[str, NormalisedText]) -> None:
    written = ctx.ids.get("sources", set())  # ids of every source, valid or not
    only = next(iter(written)) if len(written) == 1 else None
    for node, path, source_id, text in ctx.excerpts:
        if not source_id:
            if only is None:
                ctx.error(node, f"{path}: a bare excerpt needs exactly one source; with {len(written)} "
                                "sources write {source: <id>, quote: <excerpt>}")
                continue
            source_id = only
        if source_id not in sources:
            continue  # a broken reference, or a source with its own problem: reported already
        if not norm[source_id].contains(text):
            _excerpt_failure(ctx, node, path, text, [sources[source_id]], "excerpt")
    for node, path, cited, text in ctx.quote_texts:
        candidates = [s for s in cited if s in sources] or (list(sources) if not cited else [])
        if not candidates:
            continue
        if not any(norm[s].contains(text) for s in candidates):
            _excerpt_failure(ctx, node, path, text, [sources[s] for s in candidates], "quote")


def _plain(node: Node) -> Any:
    """An extension's value as plain Python data (kept, never interpreted)."""
    if isinstance(node, Mapping):
        return {k: _plain(v) for k, v in node.items.items()}
    if isinstance(node, Sequence):
        return [_plain(v) for v in node.items]
    return None if node.is_null else node.value
