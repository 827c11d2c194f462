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

import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from briefing_app.core.briefing.dates import PartialDate
from briefing_app.core.briefing.locations import NodeLocations
from briefing_app.core.briefing.model import (
    ACTOR_KINDS,
    CONFIDENCE_LEVELS,
    KEY_POINT_KINDS,
    LIKELIHOOD_TERMS,
    RELIABILITY_CODES,
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

__all__ = ["build_briefing", "SUPPORTED_MAJOR"]

SUPPORTED_MAJOR = 1
_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMAT_RE = re.compile(r"briefing/(\d+)(?:\.(\d+))?")
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|[A-Za-z]{4,8}(-[A-Za-z0-9]{1,8})*")
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
#: How many failed excerpts get a "nearest passage" hint (each costs a fuzzy scan).
_NEAREST_HINTS = 25

_INVALID: Any = object()  # a field whose problem has been reported


class _Ctx:
    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        # deferred checks, run once every list is known
        self.refs: list[tuple[Scalar, str, str, str]] = []  # node, path, list name, id
        self.excerpts: list[tuple[Scalar, str, str, str]] = []  # node, path, source id, text
        self.quote_texts: list[tuple[Scalar, str, tuple[str, ...], str]] = []
        # every id written in each list, valid element or not, so that a
        # reference to an element with some other problem is not also reported
        self.ids: dict[str, set[str]] = {}
        self.hints = 0  # "nearest passage" hints given (each costs a fuzzy scan)
        self.locations = NodeLocations()

    def error(self, node: Node | None, message: str, line: int | None = None, col: int | None = None) -> Any:
        ln = line if line is not None else (node.line if node is not None else 1)
        cl = col if col is not None else (node.col if node is not None else 1)
        self.problems.append(Problem(self.filename, ln, cl, message))
        return _INVALID

    def expected(self, node: Node, path: str, what: str) -> Any:
        return self.error(node, f"{path}: expected {what}, found {describe(node)}")


# -- scalar converters: (ctx, node, path) -> value or _INVALID ---------------

Converter = Callable[[_Ctx, Node, str], Any]


def _text(ctx: _Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "text")
    value = node.value
    if not value.strip():
        return ctx.error(node, f"{path}: must not be empty")
    m = _BAD_CONTROL.search(value)
    if m:
        return ctx.error(node, f"{path}: contains the control character U+{ord(m.group()):04X}; remove it")
    return value


def _slug(ctx: _Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "an id (lower-case letters, digits and '-')")
    if not _SLUG_RE.fullmatch(node.value):
        return ctx.expected(node, path, "an id of lower-case letters, digits and '-', starting with a letter or digit")
    return node.value


def _full_date(ctx: _Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and not node.is_null and _DATE_RE.fullmatch(node.value):
        try:
            return _dt.date.fromisoformat(node.value)
        except ValueError:
            return ctx.error(node, f"{path}: {node.value!r} is not a real date")
    return ctx.expected(node, path, "a date as YYYY-MM-DD")


@functools.lru_cache(maxsize=4096)
def _parse_partial(text: str) -> PartialDate:
    """Dates repeat a lot in a timeline, and PartialDate is immutable."""
    return PartialDate.parse(text)


def _partial_date(ctx: _Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return _parse_partial(node.value)
    except ValueError as exc:
        return ctx.error(node, f"{path}: {exc}")


def _bool(ctx: _Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and node.tag in (None, "tag:yaml.org,2002:bool"):
        if node.value in _TRUE:
            return True
        if node.value in _FALSE:
            return False
    return ctx.expected(node, path, "true or false")


def _close_matches(word: str, possibilities: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's did-you-mean, imported only when a problem needs one (off the loader's import path)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


def _enum(values: tuple[str, ...], what: str) -> Converter:
    def convert(ctx: _Ctx, node: Node, path: str) -> Any:
        if isinstance(node, Scalar) and node.value in values:
            return node.value
        hint = ""
        if isinstance(node, Scalar):
            close = _close_matches(node.value.lower(), values, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
        return ctx.error(node, f"{path}: expected {what} ({', '.join(values)}), found {describe(node)}{hint}")

    return convert


def _format(ctx: _Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and node.value == f"briefing/{SUPPORTED_MAJOR}":
        return node.value
    return ctx.expected(node, path, f"'briefing/{SUPPORTED_MAJOR}'")


def _language(ctx: _Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and _LANG_RE.fullmatch(node.value):
        return node.value
    return ctx.expected(node, path, "a BCP 47 language tag such as 'en' or 'pt-BR'")


def _url(ctx: _Ctx, node: Node, path: str) -> Any:
    value = _text(ctx, node, path)
    if value is _INVALID:
        return value
    if not re.match(r"(?i)https?://\S+$", value.strip()):
        return ctx.expected(node, path, "a web address starting with http:// or https://")
    return value.strip()


def _text_list(ctx: _Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Sequence):
        return ctx.expected(node, path, "a list of text")
    out = [_text(ctx, item, f"{path}[{i}]") for i, item in enumerate(node.items)]
    return tuple(v for v in out if v is not _INVALID)


def _ref(list_name: str) -> Converter:
    def convert(ctx: _Ctx, node: Node, path: str) -> Any:
        value = _slug(ctx, node, path)
        if value is not _INVALID:
            assert isinstance(node, Scalar)
            ctx.refs.append((node, path, list_name, value))
        return value

    return convert


def _ref_list(list_name: str) -> Converter:
    one = _ref(list_name)

    def convert(ctx: _Ctx, node: Node, path: str) -> Any:
        if not isinstance(node, Sequence):
            return ctx.expected(node, path, f"a list of {list_name} ids")
        out = []
        refs = ctx.refs
        for i, item in enumerate(node.items):
            if type(item) is Scalar and _SLUG_RE.fullmatch(item.value):  # fast path
                refs.append((item, f"{path}[{i}]", list_name, item.value))
                out.append(item.value)
            else:
                one(ctx, item, f"{path}[{i}]")  # reports the problem
        return tuple(out)

    return convert


def _evidence(ctx: _Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Sequence):
        return ctx.expected(node, path, "a list of evidence ({source, quote} or an excerpt)")
    out: list[Evidence] = []
    for i, item in enumerate(node.items):
        if isinstance(item, Mapping):
            src, quote = item.items.get("source"), item.items.get("quote")
            if (len(item.items) == 2 and type(src) is Scalar and type(quote) is Scalar
                    and _SLUG_RE.fullmatch(src.value) and quote.value.strip()
                    and not _BAD_CONTROL.search(quote.value)):
                # the common case, checked inline: a large file has tens of thousands
                ipath = f"{path}[{i}]"
                ctx.refs.append((src, f"{ipath}.source", "sources", src.value))
                ctx.excerpts.append((quote, f"{ipath}.quote", src.value, quote.value))
                out.append(Evidence(src.value, quote.value))
                continue
        ipath = f"{path}[{i}]"
        if isinstance(item, Scalar):
            excerpt = _text(ctx, item, ipath)
            if excerpt is not _INVALID:
                # a bare string cites the only source; resolved once sources are known
                ctx.excerpts.append((item, ipath, "", excerpt))
                out.append(Evidence("", excerpt))
            continue
        if not isinstance(item, Mapping):
            ctx.expected(item, ipath, "{source: <source id>, quote: <exact excerpt>} or an excerpt")
            continue
        fields = _fields(ctx, item, ipath, _EVIDENCE_FIELDS)
        if fields is _INVALID or fields["source"] is _INVALID or fields["quote"] is _INVALID:
            continue
        src_node = item.items["source"]
        assert isinstance(src_node, Scalar)
        ctx.refs.append((src_node, f"{ipath}.source", "sources", fields["source"]))
        quote_node = item.items["quote"]
        assert isinstance(quote_node, Scalar)
        ctx.excerpts.append((quote_node, f"{ipath}.quote", fields["source"], fields["quote"]))
        out.append(Evidence(fields["source"], fields["quote"]))
    return tuple(out)


# -- field tables: name -> (required, converter) -----------------------------

Fields = dict[str, tuple[bool, Converter]]

_EVIDENCE_FIELDS: Fields = {"source": (True, _slug), "quote": (True, _text)}
_SOURCE_FIELDS: Fields = {
    "id": (True, _slug), "title": (True, _text), "text": (True, _text),
    "publisher": (False, _text), "url": (False, _url), "published": (False, _partial_date),
    "retrieved": (False, _full_date),
    "reliability": (False, _enum(RELIABILITY_CODES, "an Admiralty reliability letter")),
}
_KEY_POINT_FIELDS: Fields = {
    "id": (True, _slug), "text": (True, _text),
    "kind": (False, _enum(KEY_POINT_KINDS, "a key point kind")),
    "likelihood": (False, _enum(tuple(LIKELIHOOD_TERMS), "an ICD 203 likelihood term")),
    "confidence": (False, _enum(CONFIDENCE_LEVELS, "a confidence level")), "evidence": (False, _evidence),
}
_SUMMARY_FIELDS: Fields = {"bluf": (True, _text), "key_points": (False, lambda c, n, p: n)}
_ACTOR_FIELDS: Fields = {
    "id": (True, _slug), "name": (True, _text), "kind": (True, _enum(ACTOR_KINDS, "an actor kind")),
    "role": (False, _text), "affiliation": (False, _ref("actors")), "aliases": (False, _text_list),
    "description": (False, _text), "evidence": (False, _evidence),
}
_RELATION_FIELDS: Fields = {
    "id": (True, _slug), "from": (True, _ref("actors")), "to": (True, _ref("actors")),
    "kind": (True, _text), "note": (False, _text), "evidence": (False, _evidence),
}
_EVENT_FIELDS: Fields = {
    "id": (True, _slug), "date": (True, _partial_date), "title": (True, _text),
    "end": (False, _partial_date), "approximate": (False, _bool), "description": (False, _text),
    "actors": (False, _ref_list("actors")), "location": (False, _text), "evidence": (False, _evidence),
}
_QUOTE_FIELDS: Fields = {
    "id": (True, _slug), "speaker": (True, _ref("actors")), "text": (True, _text),
    "said_on": (False, _partial_date), "context": (False, _text), "evidence": (False, _evidence),
}
_TOP_FIELDS: Fields = {
    "format": (True, _format), "id": (True, _slug), "title": (True, _text), "product": (False, _text),
    "subtitle": (False, _text),
    "as_of": (True, _full_date), "classification": (False, _text), "language": (False, _language),
    "authors": (False, _text_list), "tags": (False, _text_list),
    "sources": (True, lambda c, n, p: n), "summary": (True, lambda c, n, p: n),
    "actors": (False, lambda c, n, p: n), "relations": (False, lambda c, n, p: n),
    "timeline": (False, lambda c, n, p: n), "quotes": (False, lambda c, n, p: n),
}


def _fields(ctx: _Ctx, node: Node, path: str, spec: Fields) -> Any:
    """Convert a mapping's fields; report unknown and missing keys (`x-` keys are extensions, ignored)."""
    if not isinstance(node, Mapping):
        return ctx.expected(node, path, "a mapping")
    out: dict[str, Any] = {}
    items = node.items
    for key, value in items.items():
        conv = spec.get(key)
        if conv is None:
            if key.startswith("x-"):
                continue
            keynode = node.keys[key]
            close = _close_matches(key, list(spec), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(spec)}"
            where = f"{path}: " if path else ""
            ctx.error(keynode, f"{where}unknown field {key!r}{hint}")
            continue
        required, convert = conv
        if not required and type(value) is Scalar and value.is_null:
            continue  # an optional field left empty counts as absent
        out[key] = convert(ctx, value, f"{path}.{key}" if path else key)
    for key in _required(spec):
        if key not in items:
            where = path or "the briefing"
            ctx.error(node, f"{where}: missing required field {key!r}")
            out[key] = _INVALID
    return out


_REQUIRED: dict[int, tuple[str, ...]] = {}


def _required(spec: Fields) -> tuple[str, ...]:
    keys = _REQUIRED.get(id(spec))
    if keys is None:
        keys = _REQUIRED[id(spec)] = tuple(k for k, (req, _c) in spec.items() if req)
    return keys


def _element_path(section: str, index: int, node: Node) -> str:
    if isinstance(node, Mapping):
        ident = node.items.get("id")
        if isinstance(ident, Scalar) and _SLUG_RE.fullmatch(ident.value):
            return f"{section}/{ident.value}"
    return f"{section}[{index}]"


def _elements(ctx: _Ctx, node: Node | None, section: str, spec: Fields,
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
        fields = _fields(ctx, item, path, spec)
        if fields is _INVALID:
            continue
        assert isinstance(item, Mapping)
        ctx.locations.record(path, item.line, item.col, item.keys)
        ident = fields.get("id")
        if isinstance(ident, str):
            id_node = item.items["id"]
            if ident in seen:
                ctx.error(id_node, f"{path}: duplicate id {ident!r} in {section} (first at line {seen[ident]})")
            else:
                seen[ident] = id_node.line
                ctx.ids[section].add(ident)
        if any(v is _INVALID for v in fields.values()):
            continue
        try:
            out.append(make(fields))
        except _FieldProblem as exc:  # cross-field rule, located at the field it faults
            ctx.error(item.items.get(exc.field, item), f"{path}.{exc.field}: {exc}")
        except ValueError as exc:  # any other rule a model class enforces
            ctx.error(item, f"{path}: {exc}")
    return tuple(out)


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


def _check_format(ctx: _Ctx, root: Mapping) -> None:
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
        m = _FORMAT_RE.fullmatch(node.value)
        if m and int(m.group(1)) > SUPPORTED_MAJOR:
            raise LoadError(
                ctx.filename, node.line, node.col,
                f"this briefing was made by a newer version of Briefing Reader (format {node.value}); "
                f"this version reads briefing/{SUPPORTED_MAJOR}. Update Briefing Reader to open it",
            )


def build_briefing(root: Node, filename: str) -> Briefing:
    """Validate `root` and build the model, or raise `BriefingError` with every problem."""
    ctx = _Ctx(filename)
    if isinstance(root, Scalar) and root.is_null:
        raise LoadError(filename, root.line, root.col,
                        "the file holds an empty document; expected a briefing (a YAML mapping)")
    if not isinstance(root, Mapping):
        raise LoadError(filename, root.line, root.col,
                        f"expected a briefing (a mapping of fields such as 'title' and 'sources'), "
                        f"found {describe(root)}")
    _check_format(ctx, root)
    top = _fields(ctx, root, "", _TOP_FIELDS)
    ctx.locations.record("", root.line, root.col, root.keys)
    items = root.items

    sources = _elements(ctx, items.get("sources"), "sources", _SOURCE_FIELDS,
                        lambda f: Source(**f), required=True)
    summary_node = items.get("summary")
    summary: Summary | None = None
    if summary_node is not None:
        sf = _fields(ctx, summary_node, "summary", _SUMMARY_FIELDS)
        if sf is not _INVALID:
            assert isinstance(summary_node, Mapping)
            ctx.locations.record("summary", summary_node.line, summary_node.col, summary_node.keys)
            kps = _elements(ctx, sf.get("key_points"), "key_points", _KEY_POINT_FIELDS, _make_key_point)
            if sf.get("bluf") not in (None, _INVALID):
                summary = Summary(bluf=sf["bluf"], key_points=kps)
    actors = _elements(ctx, items.get("actors"), "actors", _ACTOR_FIELDS, lambda f: Actor(**f))
    relations = _elements(ctx, items.get("relations"), "relations", _RELATION_FIELDS, _make_relation)
    timeline = _elements(ctx, items.get("timeline"), "timeline", _EVENT_FIELDS, _make_event)
    quotes = _elements(ctx, items.get("quotes"), "quotes", _QUOTE_FIELDS, lambda f: Quote(**f))
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

    if ctx.problems or summary is None or any(v is _INVALID for v in top.values()):
        if not ctx.problems:  # pragma: no cover - every invalid path reports
            ctx.error(root, "the briefing is not valid")
        raise BriefingError(sorted(ctx.problems, key=lambda p: (p.line, p.col)))

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
    return briefing


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


def _check_references(ctx: _Ctx) -> None:
    known = {"actors": ctx.ids.get("actors", set()), "sources": ctx.ids.get("sources", set())}
    for node, path, list_name, ident in ctx.refs:
        if ident in known[list_name]:
            continue
        close = _close_matches(ident, sorted(known[list_name]), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        what = "actor" if list_name == "actors" else "source"
        ctx.error(node, f"{path}: no {what} has the id {ident!r}{hint}")


def _excerpt_failure(ctx: _Ctx, node: Scalar, path: str, text: str,
                     sources: list[Source], kind: str) -> None:
    """Report a quote or excerpt not found; show the nearest passage and the first difference."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    names = " or ".join(repr(s.id) for s in sources)
    message = f"{path}: {kind} {shown!r} is not found verbatim in source {names}"
    if ctx.hints < _NEAREST_HINTS:
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


def _check_excerpts(ctx: _Ctx, sources: dict[str, Source], norm: dict[str, NormalisedText]) -> None:
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
