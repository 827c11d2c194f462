"""Reading annotation files (contract §2) with located errors.

Reading goes through `yamlsafe`, the reader briefing files use: no tags
beyond plain data, no alias bombs, no duplicate keys, one document, a size
cap, UTF-8 with the bad byte located. Its light nodes keep the text as
written and its position, so every problem is reported as
`file:line:col: message`, like the briefing validator; what a plain scalar
means (a number, a date, nothing) is decided here, field by field.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefing_app.core.annotations.layer import (
    COLORS,
    CONFIDENCE_LEVELS,
    FORMAT,
    FORMAT_MAJOR,
    Annotation,
    AnnotationLayer,
    Selector,
)
from briefing_app.core.io.yamlsafe import MAX_BYTES, Mapping, Node, Scalar, Sequence, parse_yaml
from briefing_app.core.problems import BriefingError, LoadError, Problem

__all__ = ["MAX_LAYER_BYTES", "parse_layer_bytes", "load_layer"]

MAX_LAYER_BYTES = MAX_BYTES


_ADDRESS_RE = re.compile(
    r"(summary|(key_points|actors|relations|timeline|quotes|sources)/[A-Za-z0-9][A-Za-z0-9_.-]*)\Z"
)
_FORMAT_RE = re.compile(r"annotations/(\d+)(?:\.\d+)?\Z")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# `yamlsafe` keeps scalars as written; what a plain scalar *means* (YAML 1.1,
# as PyYAML reads it) is decided here, and only where it matters. A plain
# scalar whose first character starts none of YAML 1.1's implicit types is
# text, which covers nearly every id, address, colour and confidence.
_RESOLVER = yaml.resolver.Resolver()
#: PyYAML's stubs leave `resolve` untyped; the one call goes through this typed name.
_resolve: Callable[..., Any] = _RESOLVER.resolve
_IMPLICIT_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
#: Matches whatever any implicit type could match (one C-level test before the resolver's loop).
_IMPLICIT_ANY = re.compile("|".join(sorted({
    f"(?:{rx.pattern})" for rules in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for _, rx in rules
})), re.X)


@functools.lru_cache(maxsize=4096)
def _resolve_plain(value: str) -> str:
    return str(_resolve(yaml.ScalarNode, value, (True, False)))


def _tag_of(node: Scalar) -> str:
    """The YAML 1.1 type of a scalar: its explicit tag, or what its plain text resolves to."""
    if node.tag is not None:
        return node.tag
    if not node.plain:
        return _STR
    v = node.value
    if v and (v[0] not in _IMPLICIT_FIRST or not _IMPLICIT_ANY.match(v)):
        return _STR
    return _resolve_plain(v)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar_value(node: Scalar) -> Any:
    """A scalar as the Python value YAML 1.1 gives it (for keys we do not know)."""
    tag = _tag_of(node)
    if tag == _STR:
        return node.value
    construct = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
    if construct is None:
        raise ValueError(f"no reading for {tag}")
    return construct(_CONSTRUCTOR, yaml.ScalarNode(tag, node.value))


# Timestamps: what the writer emits (2026-11-28T18:00:00Z, with microseconds
# when there are any), ISO 8601 with `Z` or an offset, and YAML 1.1's forms
# (space before the time or the zone, one-digit hours); no zone means UTC.
_TIMESTAMP_RE = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"(?:[ \t]*(?:([Zz])|([-+])([0-9]{1,2})(?::?([0-9]{2}))?))?\Z"
)
_UTC = _dt.UTC


_WRITTEN_STAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?Z\Z")


def _parse_timestamp(text: str) -> _dt.datetime | None:
    if _WRITTEN_STAMP_RE.match(text):  # what the writer emits: C-speed parse
        try:
            return _dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=_UTC)
        except ValueError:
            return None
    m = _TIMESTAMP_RE.match(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, frac, _z, sign, tzh, tzm = m.groups()
    tz: _dt.tzinfo = _UTC
    if sign:
        delta = _dt.timedelta(hours=int(tzh), minutes=int(tzm or 0))
        if delta >= _dt.timedelta(hours=24):
            return None
        tz = _dt.timezone(-delta if sign == "-" else delta)
    try:
        return _dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                            int(frac[:6].ljust(6, "0")) if frac else 0, tzinfo=tz)
    except ValueError:
        return None


def _describe(node: Node) -> str:
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Sequence:
        return "a list"
    assert isinstance(node, Scalar)
    tag = _tag_of(node)
    text = node.value
    if len(text) > 40:
        text = text[:37] + "…"
    if tag == _NULL or node.is_null:
        return "nothing"
    if tag == _STR:
        return repr(text)
    return f"{tag.rsplit(':', 1)[-1]} {text}"


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.filename, node.line, node.col, message))

    def value(self, node: Node, what: str) -> Any:
        """Any node as plain Python data, as a YAML 1.1 safe load would give it."""
        if type(node) is Mapping:
            return {k: self.value(v, f"{what}.{k}") for k, v in node.items.items()}
        if type(node) is Sequence:
            return [self.value(v, f"{what}[{i}]") for i, v in enumerate(node.items)]
        assert isinstance(node, Scalar)
        try:
            return _scalar_value(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            self.problem(node, f"{what}: cannot read {_describe(node)}")
            return None

    def mapping(self, node: Node, what: str) -> dict[str, Node] | None:
        if type(node) is not Mapping:
            self.problem(node, f"{what}: expected a mapping, found {_describe(node)}")
            return None
        return node.items

    def unknown_keys(self, node: Mapping, known: tuple[str, ...], what: str) -> list[str]:
        """Keys not in `known`; those that are not names (`1:`, `<<:`) are problems."""
        out = []
        for key, k in node.keys.items():
            if key in known:
                continue
            if _tag_of(k) != _STR:
                self.problem(k, f"{what}: keys must be names, found {_describe(k)}")
                continue
            out.append(key)
        return out

    # The field path in a message is `where.key`; it is only built when there
    # is a problem (a big layer has over a hundred thousand fields).

    def string(self, node: Node, where: str, key: str = "", *, allow_empty: bool = True) -> str | None:
        if type(node) is not Scalar or (node.tag is not None and node.tag != _STR) or (
                node.plain and node.tag is None and _tag_of(node) != _STR):
            self.problem(node, f"{_path(where, key)}: expected text, found {_describe(node)}")
            return None
        text = node.value
        if not allow_empty and not text.strip():
            self.problem(node, f"{_path(where, key)}: must not be empty")
            return None
        return text

    def choice(self, node: Node, where: str, key: str, choices: tuple[str, ...]) -> str | None:
        text = self.string(node, where, key)
        if text is not None and text not in choices:
            self.problem(node, f"{_path(where, key)}: expected one of {', '.join(choices)}, found {text!r}")
            return None
        return text

    def offset(self, node: Node, where: str, key: str) -> int | None:
        if type(node) is Scalar and (node.plain or node.tag == _INT) and node.tag in (None, _INT):
            v = node.value
            if v.isascii() and v.isdigit():
                return int(v)
        self.problem(node, f"{_path(where, key)}: expected a whole number ≥ 0, found {_describe(node)}")
        return None

    def timestamp(self, node: Node, where: str, key: str) -> _dt.datetime | None:
        if type(node) is Scalar and node.tag in (None, _STR, _TIMESTAMP):
            v = _parse_timestamp(node.value if node.plain else node.value.strip())
            if v is not None:
                return v
        self.problem(node, f"{_path(where, key)}: expected a date and time like 2026-11-28T18:00:00Z, "
                     f"found {_describe(node)}")
        return None


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if key else where


_SELECTOR_KEYS = ("exact", "prefix", "suffix", "start", "end")
_ANNOTATION_KEYS = ("id", "target", "field", "selector", "color", "note", "tags", "confidence",
                    "author", "created", "modified")
_SELECTOR_KEY_SET = frozenset(_SELECTOR_KEYS)
_ANNOTATION_KEY_SET = frozenset(_ANNOTATION_KEYS)


def _read_selector(r: _Reader, node: Node, where: str) -> Selector | None:
    where = f"{where}.selector"
    m = r.mapping(node, where)
    if m is None:
        return None
    assert isinstance(node, Mapping)
    if not m.keys() <= _SELECTOR_KEY_SET:
        for key, k in node.keys.items():
            if key not in _SELECTOR_KEY_SET:
                r.problem(k, f"{where}: unknown key {key!r} (expected {', '.join(_SELECTOR_KEYS)})")
    n = m.get("exact")
    if n is None:
        r.problem(node, f"{where}: 'exact' (the selected text) is missing")
        return None
    exact = r.string(n, where, "exact")
    n = m.get("prefix")
    prefix = r.string(n, where, "prefix") if n is not None else ""
    n = m.get("suffix")
    suffix = r.string(n, where, "suffix") if n is not None else ""
    n = m.get("start")
    start = r.offset(n, where, "start") if n is not None else None
    n = m.get("end")
    end = r.offset(n, where, "end") if n is not None else None
    if start is not None and end is not None and end < start:
        r.problem(m["end"], f"{where}.end: {end} is before start {start}")
    if exact is None or prefix is None or suffix is None:
        return None
    return Selector(exact, prefix, suffix, start, end)


def _read_annotation(r: _Reader, node: Node, index: int) -> Annotation | None:  # noqa: C901 - one field after another
    if type(node) is not Mapping:
        r.problem(node, f"annotations[{index}]: expected a mapping, found {_describe(node)}")
        return None
    m = node.items
    get = m.get
    before = len(r.problems)
    if "id" not in m or "target" not in m:
        for key in ("id", "target"):
            if key not in m:
                r.problem(node, f"annotations[{index}]: '{key}' is missing")
    n = get("id")
    ident = r.string(n, f"annotations[{index}]", "id", allow_empty=False) if n is not None else None
    where = f"annotation {ident}" if ident is not None else f"annotations[{index}]"
    target = None
    n = get("target")
    if n is not None:
        target = r.string(n, where, "target", allow_empty=False)
        if target is not None and not _ADDRESS_RE.match(target):
            r.problem(n, f"{where}.target: expected an element address such as "
                      f"'summary' or 'actors/<id>', found {target!r}")
    n = get("field")
    fld = r.string(n, where, "field", allow_empty=False) if n is not None else None
    n = get("selector")
    selector = None
    if n is not None:
        selector = _read_selector(r, n, where)
        if "field" not in m:
            r.problem(node.keys["selector"], f"{where}: a selector needs 'field' (which text it selects in)")
    n = get("color")
    color = r.choice(n, where, "color", COLORS) if n is not None else None
    n = get("note")
    note = (r.string(n, where, "note") or "") if n is not None else ""
    tags: list[str] = []
    n = get("tags")
    if n is not None:
        if type(n) is Sequence:
            for item in n.items:
                t = r.string(item, where, "tags", allow_empty=False)
                if t is not None:
                    tags.append(t)
        else:
            r.problem(n, f"{where}.tags: expected a list like [follow-up], found {_describe(n)}")
    n = get("confidence")
    conf = r.choice(n, where, "confidence", CONFIDENCE_LEVELS) if n is not None else None
    n = get("author")
    author = (r.string(n, where, "author") or "") if n is not None else ""
    n = get("created")
    created = r.timestamp(n, where, "created") if n is not None else None
    n = get("modified")
    modified = r.timestamp(n, where, "modified") if n is not None else None
    extras: tuple[tuple[str, Any], ...] = ()
    if not m.keys() <= _ANNOTATION_KEY_SET:
        extras = tuple((k, r.value(m[k], f"{where}.{k}")) for k in r.unknown_keys(node, _ANNOTATION_KEYS, where))
    if len(r.problems) != before or ident is None or target is None:
        return None
    return Annotation(ident, target, fld, selector, color, note, tuple(tags), conf, author,
                      created, modified, extras)


_HEADER_KEYS = ("format", "briefing", "briefing_digest", "author", "annotations")

# `yamlsafe` speaks of briefing files; these are annotation files, and the
# store has always said "not valid YAML" for a syntax error.
_RETOLD = (
    ("YAML syntax error: ", "not valid YAML: "),
    ("the file is not valid UTF-8", "the file is not UTF-8 text"),
    ("expected a briefing (a YAML mapping)", f"expected 'format: {FORMAT}' and a list of annotations"),
    ("briefing files hold plain data only", "annotation files hold plain data only"),
    ("briefing files must be UTF-8", "annotation files must be UTF-8"),
    ("a briefing is one document", "an annotation file is one document"),
    ("the limit for a briefing file", "the limit for an annotation file"),
)


def _retold(exc: BriefingError) -> BriefingError:
    problems = []
    for p in exc.problems:
        message = p.message
        for old, new in _RETOLD:
            message = message.replace(old, new)
        problems.append(Problem(p.file, p.line, p.col, message))
    return BriefingError(problems)


def parse_layer_bytes(data: bytes, filename: str, use_libyaml: bool | None = None) -> AnnotationLayer:
    """A layer from file content; raises `BriefingError` listing every problem.

    `use_libyaml` picks the parser as in `yamlsafe.parse_yaml` (default: libyaml when present).
    """
    try:
        root = parse_yaml(data, filename, use_libyaml=use_libyaml)
    except BriefingError as exc:
        raise _retold(exc) from None
    return _read_layer(root, filename)


def _read_layer(root: Node, filename: str) -> AnnotationLayer:  # noqa: C901 - one field after another
    r = _Reader(filename)
    m = r.mapping(root, "the file")
    if m is None:
        raise BriefingError(r.problems)
    assert isinstance(root, Mapping)
    # The format first: a newer major is refused before anything else is judged.
    if "format" not in m:
        raise LoadError(filename, root.line, root.col, f"'format' is missing; expected 'format: {FORMAT}'")
    fnode = m["format"]
    fmt = r.string(fnode, "format")
    fm = _FORMAT_RE.match(fmt or "")
    if fmt is None or fm is None:
        if not r.problems:
            r.problem(fnode, f"format: expected {FORMAT!r}, found {fmt!r}")
        raise BriefingError(r.problems)
    if int(fm.group(1)) > FORMAT_MAJOR:
        r.problem(fnode, f"made by a newer version of Briefing Reader ({fmt}); this version reads "
                  f"{FORMAT} — the file was left untouched")
        raise BriefingError(r.problems)
    if int(fm.group(1)) < 1:
        r.problem(fnode, f"format: expected {FORMAT!r}, found {fmt!r}")
    briefing = None
    if "briefing" not in m:
        r.problem(root, "'briefing' (the briefing id) is missing")
    else:
        briefing = r.string(m["briefing"], "briefing", allow_empty=False)
    digest = r.string(m["briefing_digest"], "briefing_digest") if "briefing_digest" in m else None
    if digest is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
        r.problem(m["briefing_digest"], f"briefing_digest: expected 'sha256:' and 64 hex digits, found {digest!r}")
    author = (r.string(m["author"], "author") or "") if "author" in m else ""
    annotations: list[Annotation] = []
    if "annotations" not in m:
        r.problem(root, "'annotations' is missing (write 'annotations: []' for none)")
    else:
        an = m["annotations"]
        if type(an) is Scalar and _tag_of(an) == _NULL:
            pass
        elif type(an) is not Sequence:
            r.problem(an, f"annotations: expected a list, found {_describe(an)}")
        else:
            seen: dict[str, Node] = {}
            for i, item in enumerate(an.items):
                a = _read_annotation(r, item, i)
                if a is None:
                    continue
                first = seen.get(a.id)
                if first is not None:
                    r.problem(item, f"annotation id {a.id!r} is used twice (first at line {first.line})")
                    continue
                seen[a.id] = item
                annotations.append(a)
    extras = tuple((k, r.value(m[k], k)) for k in r.unknown_keys(root, _HEADER_KEYS, "the file"))
    if r.problems or briefing is None:
        raise BriefingError(r.problems)
    return AnnotationLayer(briefing, briefing_digest=digest, author=author,
                           annotations=annotations, extras=extras)


def load_layer(path: Path, display_name: str | None = None) -> AnnotationLayer:
    """Read a layer file; `BriefingError` (located problems) if it cannot be used."""
    name = display_name or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError(name, 1, 1, "no such file") from None
    except OSError as exc:
        raise LoadError(name, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    layer = parse_layer_bytes(data, name)
    layer.path = Path(path)
    return layer
