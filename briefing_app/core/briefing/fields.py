"""The field converters and field tables the validator reads a briefing with.

Each converter turns one located YAML node into a value, or reports a
problem on the `Ctx` and returns `INVALID`; each table says which fields an
element has, which are required and how each is converted. `Ctx` collects
the problems and the checks deferred until every list is known
(references, excerpts). `validate.py` walks the document with them.
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
    Evidence,
)
from briefing_app.core.io.yamlsafe import Mapping, Node, Scalar, Sequence, describe
from briefing_app.core.problems import Problem

__all__ = ["SUPPORTED_MAJOR", "Ctx", "where_from_message", "INVALID", "Converter", "Fields", "convert_fields", "required_keys", "close_matches",
           "SLUG_RE", "FORMAT_RE", "NEAREST_HINTS", "EVIDENCE_FIELDS", "SOURCE_FIELDS", "KEY_POINT_FIELDS",
           "SUMMARY_FIELDS", "ACTOR_FIELDS", "RELATION_FIELDS", "EVENT_FIELDS", "QUOTE_FIELDS", "TOP_FIELDS"]

SUPPORTED_MAJOR = 1
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORMAT_RE = re.compile(r"briefing/(\d+)(?:\.(\d+))?")
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|[A-Za-z]{4,8}(-[A-Za-z0-9]{1,8})*")
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")
#: How many failed excerpts get a "nearest passage" hint (each costs a fuzzy scan).
NEAREST_HINTS = 25

#: The field path every message starts with: `timeline/ev-x.date`, `quotes/q1.evidence[0].quote`,
#: `timeline[3]` (an element without a readable id), `summary.bluf`, `sources`.
_PATH_RE = re.compile(r"(summary|key_points|actors|relations|timeline|quotes|sources)"
                      r"(?:/([a-z0-9][a-z0-9-]*))?(?:\[\d+\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?[:.\[]")


def where_from_message(message: str) -> tuple[str | None, str | None]:
    """(address, field) a validation message names by its leading field path; (None, None) for the file."""
    m = _PATH_RE.match(message)
    if m is None:
        return None, None
    section, element, field = m.groups()
    return (f"{section}/{element}" if element else section), field


INVALID: Any = object()  # a field whose problem has been reported


class Ctx:
    def __init__(self, filename: str, lenient: bool = False):
        self.filename = filename
        #: build what can be read (see lenient.py) instead of stopping at the end with every problem
        self.lenient = lenient
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
        self.problems.append(Problem(self.filename, ln, cl, message, *where_from_message(message)))
        return INVALID

    def expected(self, node: Node, path: str, what: str) -> Any:
        return self.error(node, f"{path}: expected {what}, found {describe(node)}")


# -- scalar converters: (ctx, node, path) -> value or INVALID ---------------

Converter = Callable[[Ctx, Node, str], Any]


def _text(ctx: Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "text")
    value = node.value
    if not value.strip():
        return ctx.error(node, f"{path}: must not be empty")
    m = _BAD_CONTROL.search(value)
    if m:
        return ctx.error(node, f"{path}: contains the control character U+{ord(m.group()):04X}; remove it")
    return value


def _slug(ctx: Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "an id (lower-case letters, digits and '-')")
    if not SLUG_RE.fullmatch(node.value):
        return ctx.expected(node, path, "an id of lower-case letters, digits and '-', starting with a letter or digit")
    return node.value


def _full_date(ctx: Ctx, node: Node, path: str) -> Any:
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


def _partial_date(ctx: Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Scalar) or node.is_null:
        return ctx.expected(node, path, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return _parse_partial(node.value)
    except ValueError as exc:
        return ctx.error(node, f"{path}: {exc}")


def _bool(ctx: Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and node.tag in (None, "tag:yaml.org,2002:bool"):
        if node.value in _TRUE:
            return True
        if node.value in _FALSE:
            return False
    return ctx.expected(node, path, "true or false")


def close_matches(word: str, possibilities: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's did-you-mean, imported only when a problem needs one (off the loader's import path)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


def _enum(values: tuple[str, ...], what: str) -> Converter:
    def convert(ctx: Ctx, node: Node, path: str) -> Any:
        if isinstance(node, Scalar) and node.value in values:
            return node.value
        hint = ""
        if isinstance(node, Scalar):
            close = close_matches(node.value.lower(), values, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
        return ctx.error(node, f"{path}: expected {what} ({', '.join(values)}), found {describe(node)}{hint}")

    return convert


def _format(ctx: Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and node.value == f"briefing/{SUPPORTED_MAJOR}":
        return node.value
    return ctx.expected(node, path, f"'briefing/{SUPPORTED_MAJOR}'")


def _language(ctx: Ctx, node: Node, path: str) -> Any:
    if isinstance(node, Scalar) and _LANG_RE.fullmatch(node.value):
        return node.value
    return ctx.expected(node, path, "a BCP 47 language tag such as 'en' or 'pt-BR'")


def _url(ctx: Ctx, node: Node, path: str) -> Any:
    value = _text(ctx, node, path)
    if value is INVALID:
        return value
    if not re.match(r"(?i)https?://\S+$", value.strip()):
        return ctx.expected(node, path, "a web address starting with http:// or https://")
    return value.strip()


def _text_list(ctx: Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Sequence):
        return ctx.expected(node, path, "a list of text")
    out = [_text(ctx, item, f"{path}[{i}]") for i, item in enumerate(node.items)]
    return tuple(v for v in out if v is not INVALID)


def _ref(list_name: str) -> Converter:
    def convert(ctx: Ctx, node: Node, path: str) -> Any:
        value = _slug(ctx, node, path)
        if value is not INVALID:
            assert isinstance(node, Scalar)
            ctx.refs.append((node, path, list_name, value))
        return value

    return convert


def _ref_list(list_name: str) -> Converter:
    one = _ref(list_name)

    def convert(ctx: Ctx, node: Node, path: str) -> Any:
        if not isinstance(node, Sequence):
            return ctx.expected(node, path, f"a list of {list_name} ids")
        out = []
        refs = ctx.refs
        for i, item in enumerate(node.items):
            if type(item) is Scalar and SLUG_RE.fullmatch(item.value):  # fast path
                refs.append((item, f"{path}[{i}]", list_name, item.value))
                out.append(item.value)
            else:
                one(ctx, item, f"{path}[{i}]")  # reports the problem
        return tuple(out)

    return convert


def _evidence(ctx: Ctx, node: Node, path: str) -> Any:
    if not isinstance(node, Sequence):
        return ctx.expected(node, path, "a list of evidence ({source, quote} or an excerpt)")
    out: list[Evidence] = []
    for i, item in enumerate(node.items):
        if isinstance(item, Mapping):
            src, quote = item.items.get("source"), item.items.get("quote")
            if (len(item.items) == 2 and type(src) is Scalar and type(quote) is Scalar
                    and SLUG_RE.fullmatch(src.value) and quote.value.strip()
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
            if excerpt is not INVALID:
                # a bare string cites the only source; resolved once sources are known
                ctx.excerpts.append((item, ipath, "", excerpt))
                out.append(Evidence("", excerpt))
            continue
        if not isinstance(item, Mapping):
            ctx.expected(item, ipath, "{source: <source id>, quote: <exact excerpt>} or an excerpt")
            continue
        fields = convert_fields(ctx, item, ipath, EVIDENCE_FIELDS)
        if fields is INVALID or fields["source"] is INVALID or fields["quote"] is INVALID:
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

EVIDENCE_FIELDS: Fields = {"source": (True, _slug), "quote": (True, _text)}
SOURCE_FIELDS: Fields = {
    "id": (True, _slug), "title": (True, _text), "text": (True, _text),
    "publisher": (False, _text), "url": (False, _url), "published": (False, _partial_date),
    "retrieved": (False, _full_date),
    "reliability": (False, _enum(RELIABILITY_CODES, "an Admiralty reliability letter")),
}
KEY_POINT_FIELDS: Fields = {
    "id": (True, _slug), "text": (True, _text),
    "kind": (False, _enum(KEY_POINT_KINDS, "a key point kind")),
    "likelihood": (False, _enum(tuple(LIKELIHOOD_TERMS), "an ICD 203 likelihood term")),
    "confidence": (False, _enum(CONFIDENCE_LEVELS, "a confidence level")), "evidence": (False, _evidence),
}
SUMMARY_FIELDS: Fields = {"bluf": (True, _text), "key_points": (False, lambda c, n, p: n)}
ACTOR_FIELDS: Fields = {
    "id": (True, _slug), "name": (True, _text), "kind": (True, _enum(ACTOR_KINDS, "an actor kind")),
    "role": (False, _text), "affiliation": (False, _ref("actors")), "aliases": (False, _text_list),
    "description": (False, _text), "evidence": (False, _evidence),
}
RELATION_FIELDS: Fields = {
    "id": (True, _slug), "from": (True, _ref("actors")), "to": (True, _ref("actors")),
    "kind": (True, _text), "note": (False, _text), "evidence": (False, _evidence),
}
EVENT_FIELDS: Fields = {
    "id": (True, _slug), "date": (True, _partial_date), "title": (True, _text),
    "end": (False, _partial_date), "approximate": (False, _bool), "description": (False, _text),
    "actors": (False, _ref_list("actors")), "location": (False, _text), "evidence": (False, _evidence),
}
QUOTE_FIELDS: Fields = {
    "id": (True, _slug), "speaker": (True, _ref("actors")), "text": (True, _text),
    "said_on": (False, _partial_date), "context": (False, _text), "evidence": (False, _evidence),
}
TOP_FIELDS: Fields = {
    "format": (True, _format), "id": (True, _slug), "title": (True, _text), "product": (False, _text),
    "subtitle": (False, _text),
    "as_of": (True, _full_date), "classification": (False, _text), "language": (False, _language),
    "authors": (False, _text_list), "tags": (False, _text_list),
    "sources": (True, lambda c, n, p: n), "summary": (True, lambda c, n, p: n),
    "actors": (False, lambda c, n, p: n), "relations": (False, lambda c, n, p: n),
    "timeline": (False, lambda c, n, p: n), "quotes": (False, lambda c, n, p: n),
}


def convert_fields(ctx: Ctx, node: Node, path: str, spec: Fields) -> Any:
    """Convert a mapping's fields; report unknown and missing keys (`x-` keys are extensions, ignored)."""
    if not isinstance(node, Mapping):
        return ctx.expected(node, path, "a mapping")
    out: dict[str, Any] = {}
    items = node.items
    misspelt: set[str] = set()
    for key, value in items.items():
        conv = spec.get(key)
        if conv is None:
            if key.startswith("x-"):
                continue
            keynode = node.keys[key]
            close = close_matches(key, list(spec), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(spec)}"
            if close and close[0] not in items and close[0] in required_keys(spec):
                hint = f"; did you mean {close[0]!r}? (it is required)"
                misspelt.add(close[0])  # one problem, here, not a second 'missing' one
            where = f"{path}: " if path else ""
            ctx.error(keynode, f"{where}unknown field {key!r}{hint}")
            continue
        required, convert = conv
        if not required and type(value) is Scalar and value.is_null:
            continue  # an optional field left empty counts as absent
        out[key] = convert(ctx, value, f"{path}.{key}" if path else key)
    for key in required_keys(spec):
        if key not in items:
            if key not in misspelt:
                where = path or "the briefing"
                ctx.error(node, f"{where}: missing required field {key!r}")
            out[key] = INVALID
    return out


_REQUIRED: dict[int, tuple[str, ...]] = {}


def required_keys(spec: Fields) -> tuple[str, ...]:
    keys = _REQUIRED.get(id(spec))
    if keys is None:
        keys = _REQUIRED[id(spec)] = tuple(k for k, (req, _c) in spec.items() if req)
    return keys
