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
from typing import Union

import yaml
from yaml import events as _ev

from .problems import LoadError

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "Scalar", "Mapping", "Sequence", "Node",
    "parse_yaml", "HAVE_LIBYAML", "describe",
]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
#: An alias re-uses a node; this many nodes may be reached through aliases
#: in total (plus ten times the file's own node count) before we call it a bomb.
ALIAS_BUDGET = 100_000
try:
    from yaml._yaml import CParser as _CParser

    HAVE_LIBYAML = True
except ImportError:  # PyYAML built without libyaml
    _CParser = None
    HAVE_LIBYAML = False

# Explicit tags that mean no more than plain data; anything else is refused.
_DATA_TAGS = {
    None, "!",
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class Scalar:
    """A scalar as written. `plain` is False for quoted and block scalars."""

    __slots__ = ("value", "line", "col", "plain", "tag")
    kind = "scalar"

    def __init__(self, value: str, line: int, col: int, plain: bool, tag: str | None):
        self.value = value
        self.line = line
        self.col = col
        self.plain = plain
        self.tag = tag

    @property
    def is_null(self) -> bool:
        if self.tag == "tag:yaml.org,2002:null":
            return True
        return self.plain and self.tag is None and self.value in ("", "~", "null", "Null", "NULL")

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


Node = Union[Scalar, Mapping, Sequence]


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
    context = getattr(exc, "context", None)
    if context and mark is not None and getattr(exc, "problem_mark", None) is not None:
        problem = f"{problem} ({' '.join(str(context).split())})"
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
    parser = None
    try:
        parser = _CParser(text) if use_libyaml and _CParser is not None else yaml.SafeLoader(text)
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


def _build(parser: yaml.SafeLoader, filename: str) -> Node:  # noqa: C901 - one tight loop
    get = parser.get_event
    ScalarEvent, MappingStartEvent, SequenceStartEvent = _ev.ScalarEvent, _ev.MappingStartEvent, _ev.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent, AliasEvent = _ev.MappingEndEvent, _ev.SequenceEndEvent, _ev.AliasEvent
    DocumentStartEvent, DocumentEndEvent, StreamEndEvent = _ev.DocumentStartEvent, _ev.DocumentEndEvent, _ev.StreamEndEvent

    anchors: dict[str, Node] = {}
    sizes: dict[int, int] = {}  # id(node) -> nodes below it, only for anchored nodes
    stack: list[Mapping | Sequence] = []
    # For mappings on the stack: the pending key (None when a key is expected).
    pending: list[Scalar | None] = []
    counts: list[int] = []  # nodes below each open collection
    anchor_of: list[str | None] = []
    root: Node | None = None
    documents = 0
    nodes = 0
    alias_nodes = 0

    def attach(node: Node, line: int, col: int) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = pending[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise LoadError(filename, line, col, "a mapping key must be a plain string, found "
                                + describe(node))
            if node.value in parent.items or node.value in parent.keys:
                first = parent.keys[node.value]
                raise LoadError(filename, line, col,
                                f"duplicate key {node.value!r} (first given at line {first.line})")
            pending[-1] = node
            parent.keys[node.value] = node
        else:
            parent.items[key.value] = node
            pending[-1] = None

    while True:
        ev = get()
        t = type(ev)
        if t is ScalarEvent:
            tag = ev.tag
            mark = ev.start_mark
            if tag not in _DATA_TAGS:
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                f"the tag {tag} is not allowed: briefing files hold plain data only")
            value = ev.value
            if not value.isascii() and _SURROGATE.search(value):
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                "YAML syntax error: an escape gives a lone surrogate, which is not a character")
            node: Node = Scalar(value, mark.line + 1, mark.column + 1,
                                ev.style is None or ev.style == "", tag if tag != "!" else None)
            nodes += 1
            if ev.anchor is not None:
                anchors[ev.anchor] = node
                sizes[id(node)] = 1
            attach(node, node.line, node.col)
            if counts:
                counts[-1] += 1
        elif t is MappingStartEvent or t is SequenceStartEvent:
            mark = ev.start_mark
            if ev.tag not in _DATA_TAGS:
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                f"the tag {ev.tag} is not allowed: briefing files hold plain data only")
            if len(stack) >= MAX_DEPTH:
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                f"the file nests deeper than {MAX_DEPTH} levels")
            coll: Mapping | Sequence = (Mapping if t is MappingStartEvent else Sequence)(mark.line + 1, mark.column + 1)
            nodes += 1
            attach(coll, coll.line, coll.col)
            stack.append(coll)
            pending.append(None)
            counts.append(0)
            anchor_of.append(ev.anchor)
            if ev.anchor is not None:
                anchors[ev.anchor] = coll
        elif t is MappingEndEvent or t is SequenceEndEvent:
            coll = stack.pop()
            pending.pop()
            below = counts.pop()
            anchor = anchor_of.pop()
            if anchor is not None:
                sizes[id(coll)] = below + 1
            if counts:
                counts[-1] += below + 1
        elif t is AliasEvent:
            mark = ev.start_mark
            target = anchors.get(ev.anchor)
            if target is None:
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                f"the alias *{ev.anchor} names no anchor defined before it")
            if any(target is open_ for open_ in stack):
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                f"the alias *{ev.anchor} refers to a node that contains it")
            size = sizes.get(id(target), 1)
            alias_nodes += size
            if counts:
                counts[-1] += size
            if alias_nodes > ALIAS_BUDGET + 10 * nodes:
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                "aliases expand to too many nodes (an alias bomb?); "
                                "write the data out instead of repeating it through aliases")
            attach(target, mark.line + 1, mark.column + 1)
        elif t is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = ev.start_mark
                raise LoadError(filename, mark.line + 1, mark.column + 1,
                                "the file holds more than one YAML document; a briefing is one document")
        elif t is DocumentEndEvent:
            pass
        elif t is StreamEndEvent:
            break
    if root is None:
        raise LoadError(filename, 1, 1, "the file is empty; expected a briefing (a YAML mapping)")
    return root
