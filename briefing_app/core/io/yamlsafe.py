"""A safe YAML reader for untrusted briefing files, built on parser events.

Briefing files arrive from colleagues, other tools and the internet, so the
reader treats them as hostile:

* it never constructs objects: it reads PyYAML's *events* and builds plain
  nodes that remember their line and column, so `!!python/...` tags are a
  located error, never code;
* scalars keep the text as written (`NO` stays "NO", `2023` stays "2023");
  the validator decides what a field means, not YAML 1.1's resolver;
* duplicate keys, several documents, anchors expanding past a budget (alias
  bombs), nesting deeper than `MAX_DEPTH` and files over `MAX_BYTES` are
  refused with one clear sentence;
* bytes must be UTF-8; the position of the first bad byte is reported.

Working from events is also much faster and leaner than `yaml.load`, which
spends nearly all its time building nodes and objects we would throw away.
The C parser (libyaml) is used when present; the pure-Python parser gives the
same results, and the tests run both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml import events as _ev

from briefing_app.core.problems import LoadError

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "Scalar", "Mapping", "Sequence", "Node",
    "parse_yaml", "HAVE_LIBYAML", "describe",
]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
#: An alias re-uses a node; this many nodes may be reached through aliases
#: in total (plus ten times the file's own node count) before we call it a bomb.
ALIAS_BUDGET = 100_000
#: PyYAML's public flag: built with libyaml, so `yaml.CSafeLoader` (its C parser) exists.
HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

# Explicit tags that mean no more than plain data; anything else is refused.
_DATA_TAGS = {
    None, "!",
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class Scalar:
    """A scalar as written. `plain` is False for quoted and block scalars."""

    __slots__ = ("value", "line", "col", "plain", "tag", "is_null")
    kind = "scalar"

    def __init__(self, value: str, line: int, col: int, plain: bool, tag: str | None):
        self.value = value
        self.line = line
        self.col = col
        self.plain = plain
        self.tag = tag
        #: a YAML null (`~`, `null`, nothing at all, or tagged `!!null`)
        self.is_null = (plain and tag is None and value in _NULLS) or tag == "tag:yaml.org,2002:null"

    def __repr__(self) -> str:
        return f"Scalar({self.value!r} @{self.line}:{self.col})"


class Mapping:
    """A mapping; keys are plain strings, `keys` keeps the key nodes for positions."""

    __slots__ = ("items", "keys", "line", "col")
    kind = "mapping"

    def __init__(self, line: int, col: int):
        self.items: dict[str, Node] = {}
        self.keys: dict[str, Scalar] = {}
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Mapping({list(self.items)} @{self.line}:{self.col})"


class Sequence:
    __slots__ = ("items", "line", "col")
    kind = "sequence"

    def __init__(self, line: int, col: int):
        self.items: list[Node] = []
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)} @{self.line}:{self.col})"


Node = Scalar | Mapping | Sequence


def describe(node: Node) -> str:
    """What a node is, for 'expected X, found Y' messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node.is_null:
        return "nothing (null)"
    text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{text!r}"


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(filename, 1, 1, "the file is UTF-16; briefing files must be UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise LoadError(
            filename, line, col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        ) from None


_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_printable(text: str, filename: str) -> None:
    """Both parsers refuse these; we say where, and the same way for both."""
    m = _NOT_PRINTABLE.search(text)
    if m is None:
        return
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    raise LoadError(
        filename, line, col,
        f"the file contains the control character U+{ord(m.group()):04X}, which YAML does not allow "
        "as is; remove it, or write it as an escape in a double-quoted string",
    )


def _syntax_error(exc: Exception, filename: str) -> LoadError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc).strip()
    line = getattr(mark, "line", 0) + 1 if mark is not None else 1
    col = getattr(mark, "column", 0) + 1 if mark is not None else 1
    if isinstance(exc, yaml.reader.ReaderError):
        return LoadError(filename, 1, 1, f"the file contains a character YAML does not allow: {exc.reason}")
    problem = " ".join(str(problem).split())
    if "maximum nesting depth" in problem:
        # newer libyaml stops runaway nesting in its scanner, ahead of our own
        # depth check: say it the same way, whichever parser noticed first
        return LoadError(filename, line, col, f"the file nests deeper than {MAX_DEPTH} levels")
    context = getattr(exc, "context", None)
    start = getattr(exc, "context_mark", None)
    if context and start is not None and "end of stream" in problem:
        # an unclosed quote or bracket: the parser only notices at the end of the file; the fix
        # goes where the unfinished thing begins, so that is where the problem is located
        what = " ".join(str(context).split()).removeprefix("while scanning ").removeprefix("while parsing ")
        return LoadError(filename, start.line + 1, start.column + 1,
                         f"YAML syntax error: {what} starts here and is never closed (the file ends first)")
    if context and mark is not None and getattr(exc, "problem_mark", None) is not None:
        context = " ".join(str(context).split())
        if start is not None and start.line + 1 != line:
            # e.g. an unclosed quote: the parser notices lines later; say where the thing began
            context += f" that starts at line {start.line + 1}, column {start.column + 1}"
        problem = f"{problem} ({context})"
    return LoadError(filename, line, col, f"YAML syntax error: {problem}")


def parse_yaml(data: bytes, filename: str, use_libyaml: bool | None = None) -> Node:
    """Parse one YAML document from bytes into located nodes, or raise LoadError."""
    if len(data) > MAX_BYTES:
        raise LoadError(
            filename, 1, 1,
            f"the file is {len(data) / 1e6:.1f} MB; the limit for a briefing file is {MAX_BYTES // 2**20} MB",
        )
    text = _decode(data, filename)
    if not text.strip():
        raise LoadError(filename, 1, 1, "the file is empty; expected a briefing (a YAML mapping)")
    _check_printable(text, filename)
    if use_libyaml is None:
        use_libyaml = HAVE_LIBYAML
    parser: yaml.SafeLoader | yaml.CSafeLoader | None = None
    try:
        # only the parser's events are used; the loaders' constructors never run
        parser = yaml.CSafeLoader(text) if use_libyaml and HAVE_LIBYAML else yaml.SafeLoader(text)
        return _build(parser, filename)
    except LoadError:
        raise
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, filename) from None
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as exc:
        # The parsers have corner cases that surface as plain exceptions;
        # none of them must reach the user as a traceback.
        raise LoadError(filename, 1, 1, f"YAML syntax error: {exc}") from None
    finally:
        if parser is not None:
            parser.dispose()


def _err(filename: str, mark: object, message: str) -> LoadError:
    return LoadError(filename, getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1, message)


def _build(parser: yaml.SafeLoader | yaml.CSafeLoader, filename: str) -> Node:  # noqa: C901 - one tight loop, kept inline for speed
    get: Callable[[], Any] = parser.get_event  # dispatched on type(event) below, which mypy cannot narrow
    ScalarEvent, MappingStartEvent, SequenceStartEvent = _ev.ScalarEvent, _ev.MappingStartEvent, _ev.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent, AliasEvent = _ev.MappingEndEvent, _ev.SequenceEndEvent, _ev.AliasEvent
    DocumentStartEvent, StreamEndEvent = _ev.DocumentStartEvent, _ev.StreamEndEvent
    data_tags = _DATA_TAGS

    anchors: dict[str, Node] = {}
    sizes: dict[int, int] = {}  # id(anchored node) -> nodes it stands for, aliases expanded
    # The open collections: (collection, pending key, expanded count at start, anchor).
    stack: list[tuple[Mapping | Sequence, Scalar | None, int, str | None]] = []
    cur: Mapping | Sequence | None = None
    cur_seq = False
    key: Scalar | None = None  # pending key of the current mapping
    cur_start = 0
    cur_anchor: str | None = None
    root: Node | None = None
    documents = 0
    nodes = 0  # nodes in the file
    expanded = 0  # nodes counting every alias expanded

    while True:
        ev = get()
        t = type(ev)
        if t is ScalarEvent:
            mark = ev.start_mark
            tag = ev.tag
            if tag is not None and tag not in data_tags:
                raise _err(filename, mark, f"the tag {tag} is not allowed: briefing files hold plain data only")
            value = ev.value
            if not value.isascii() and _SURROGATE.search(value):
                raise _err(filename, mark, "YAML syntax error: an escape gives a lone surrogate, "
                                           "which is not a character")
            style = ev.style
            node: Node = Scalar(value, mark.line + 1, mark.column + 1, not style,
                                None if tag == "!" else tag)
            nodes += 1
            expanded += 1
            if ev.anchor is not None:
                anchors[ev.anchor] = node
                sizes[id(node)] = 1
        elif t is MappingStartEvent or t is SequenceStartEvent:
            mark = ev.start_mark
            if ev.tag is not None and ev.tag not in data_tags:
                raise _err(filename, mark, f"the tag {ev.tag} is not allowed: briefing files hold plain data only")
            if len(stack) >= MAX_DEPTH:
                raise _err(filename, mark, f"the file nests deeper than {MAX_DEPTH} levels")
            coll: Mapping | Sequence = (Mapping if t is MappingStartEvent else Sequence)(
                mark.line + 1, mark.column + 1)
            nodes += 1
            expanded += 1
            if ev.anchor is not None:
                anchors[ev.anchor] = coll
            node = coll
        elif t is MappingEndEvent or t is SequenceEndEvent:
            done = cur
            if cur_anchor is not None:
                sizes[id(done)] = expanded - cur_start
            cur, key, cur_start, cur_anchor = stack.pop()
            cur_seq = type(cur) is Sequence
            continue
        elif t is AliasEvent:
            mark = ev.start_mark
            target = anchors.get(ev.anchor)
            if target is None:
                raise _err(filename, mark, f"the alias *{ev.anchor} names no anchor defined before it")
            if target is cur or any(target is entry[0] for entry in stack):
                raise _err(filename, mark, f"the alias *{ev.anchor} refers to a node that contains it")
            expanded += sizes.get(id(target), 1)
            if expanded - nodes > ALIAS_BUDGET + 10 * nodes:
                raise _err(filename, mark, "aliases expand to too many nodes (an alias bomb?); "
                                           "write the data out instead of repeating it through aliases")
            node = target
        elif t is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _err(filename, ev.start_mark,
                           "the file holds more than one YAML document; a briefing is one document")
            continue
        elif t is StreamEndEvent:
            break
        else:  # StreamStart, DocumentEnd
            continue

        # attach `node` to the open collection
        if cur is None:
            root = node
        elif cur_seq:
            cur.items.append(node)  # type: ignore[union-attr]
        elif key is None:
            if type(node) is not Scalar:
                raise LoadError(filename, node.line, node.col,
                                "a mapping key must be a plain string, found " + describe(node))
            keys = cur.keys  # type: ignore[union-attr]
            if node.value in keys:
                raise LoadError(filename, node.line, node.col,
                                f"duplicate key {node.value!r} (first given at line {keys[node.value].line})")
            keys[node.value] = node
            key = node
        else:
            cur.items[key.value] = node  # type: ignore[call-overload]
            key = None
        if t is MappingStartEvent or t is SequenceStartEvent:
            stack.append((cur, key, cur_start, cur_anchor))  # type: ignore[arg-type]
            cur, key, cur_start, cur_anchor = coll, None, expanded - 1, ev.anchor
            cur_seq = t is SequenceStartEvent
    if root is None:
        raise LoadError(filename, 1, 1, "the file is empty; expected a briefing (a YAML mapping)")
    return root
