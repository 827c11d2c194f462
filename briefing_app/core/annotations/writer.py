"""Writing annotation files (contract §2) with our own deterministic emitter.

Not `yaml.dump`: PyYAML's dumper folds long lines and writes NEL, LINE/PARAGRAPH
SEPARATOR and some control characters raw, which a reader then normalises
away. Here every free-text value is a double-quoted scalar on one line with
explicit escapes, keys come in a fixed order, annotations are sorted by id and
separated by a blank line, so the same layer always gives the same bytes and
two analysts' edits to different annotations merge in git without conflicts.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from briefing_app.core.annotations.layer import FORMAT, Annotation, AnnotationLayer
from briefing_app.core.io.atomic import write_atomic

__all__ = ["quote", "layer_to_bytes", "annotation_sort_token", "save_layer"]


_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t",
    "\n": "\\n", "\x0b": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e",
    "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}
# Anything a YAML reader might normalise, reject or that is invisible in a diff:
# C0/C1 controls, DEL, NBSP, zero-width and bidi controls, LS/PS, BOM,
# non-characters U+FFFE/U+FFFF and lone surrogates.
_RISKY = re.compile(
    "[\\\\\"\x00-\x1f\x7f-\xa0\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    esc = _ESCAPES.get(ch)
    if esc is not None:
        return esc
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Surrogate pairs joined into the character they encode, lone ones as U+FFFD.

    A Python string can hold surrogates (from a broken paste or a JSON escape),
    but they are not characters: UTF-8 cannot encode them and YAML readers
    refuse a `\\ud800` escape, so writing one would make the layer unreadable.
    """
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def quote(text: str) -> str:
    """`text` as a one-line YAML double-quoted scalar that reads back identically.

    (Surrogates, which are not characters, come back as `_without_surrogates` gives them.)
    """
    if not text.isascii() and _SURROGATE.search(text):
        text = _without_surrogates(text)
    return '"' + _RISKY.sub(_escape_char, text) + '"'


# Plain (unquoted) only for identifier-like values YAML 1.1 and 1.2 both read
# as strings: must contain a letter, no number/bool/null look-alikes.
_PLAIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]*\Z")
_NOT_PLAIN_RE = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null|nan|inf)\Z|[0-9._+\-eE]*\Z|0[xob]|[0-9]+[_:]"
)


def _plain_or_quoted(text: str) -> str:
    if _PLAIN_RE.match(text) and not _NOT_PLAIN_RE.match(text):
        return text
    return quote(text)


def _timestamp(value: _dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.UTC)
    value = value.astimezone(_dt.UTC)
    frac = f".{value.microsecond:06d}" if value.microsecond else ""
    return value.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def _flow(value: Any) -> str:
    """Any YAML-safe value as one line of flow YAML (for keys we do not know)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        # YAML 1.1 reads `1e+20` as text: its floats need a dot.
        return text.replace("e", ".0e") if "." not in text else text
    if isinstance(value, _dt.datetime):
        return _timestamp(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bytes):
        import base64

        return "!!binary " + quote(base64.b64encode(value).decode("ascii"))
    return quote(str(value))


def _annotation_lines(a: Annotation, out: list[str]) -> None:
    out.append(f"  - id: {_plain_or_quoted(a.id)}")
    out.append(f"    target: {_plain_or_quoted(a.target)}")
    if a.field is not None:
        out.append(f"    field: {_plain_or_quoted(a.field)}")
    s = a.selector
    if s is not None:
        out.append("    selector:")
        out.append(f"      exact: {quote(s.exact)}")
        out.append(f"      prefix: {quote(s.prefix)}")
        out.append(f"      suffix: {quote(s.suffix)}")
        if s.start is not None:
            out.append(f"      start: {s.start}")
        if s.end is not None:
            out.append(f"      end: {s.end}")
    if a.color is not None:
        out.append(f"    color: {_plain_or_quoted(a.color)}")
    if a.note:
        out.append(f"    note: {quote(a.note)}")
    if a.tags:
        out.append("    tags: [" + ", ".join(quote(t) for t in a.tags) + "]")
    if a.confidence is not None:
        out.append(f"    confidence: {_plain_or_quoted(a.confidence)}")
    if a.author:
        out.append(f"    author: {quote(a.author)}")
    if a.created is not None:
        out.append(f"    created: {_timestamp(a.created)}")
    for key, value in a.extras:
        out.append(f"    {_plain_or_quoted(key)}: {_flow(value)}")
    # `modified` last: it changes on every edit, and a change on the block's
    # last line stays clear of the neighbouring block (see the git tests).
    if a.modified is not None:
        out.append(f"    modified: {_timestamp(a.modified)}")


def layer_to_bytes(layer: AnnotationLayer) -> bytes:
    """The file content for a layer: deterministic, sorted, one block per annotation."""
    out = [f"format: {FORMAT}", f"briefing: {_plain_or_quoted(layer.briefing)}"]
    if layer.briefing_digest is not None:
        out.append(f"briefing_digest: {quote(layer.briefing_digest)}")
    if layer.author:
        out.append(f"author: {quote(layer.author)}")
    for key, value in layer.extras:
        out.append(f"{_plain_or_quoted(key)}: {_flow(value)}")
    items = list(layer)
    if not items:
        out.append("annotations: []")
    else:
        out.append("annotations:")
        for a in items:
            out.append("")
            _annotation_lines(a, out)
    out.append("")
    return "\n".join(out).encode("utf-8")


def annotation_sort_token(a: Annotation) -> str:
    """A total order on annotations with the same id (merge tie-break)."""
    lines: list[str] = []
    _annotation_lines(a, lines)
    return "\n".join(lines)


def save_layer(layer: AnnotationLayer, path: Path | None = None) -> Path:
    """Write the layer atomically (old or new file on disk, never a mix)."""
    if layer.read_only_reason is not None:
        raise PermissionError(f"the layer {layer.name!r} is read-only: {layer.read_only_reason}")
    target = path or layer.path
    if target is None:
        raise ValueError("the layer has no file yet")
    write_atomic(target, layer_to_bytes(layer))
    layer.path = Path(target)
    return Path(target)
