"""`briefing-app annotations export|merge` (contract §3).

Every failure is printed as one plain sentence (or `FILE:LINE:COL: message`
lines for a bad file) on stderr with a non-zero exit; outputs are written
atomically, so bad input never leaves a partial file. Orphaned annotations
are listed as `orphaned: <id> (<target>): <reason>` and do not fail the
command.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from briefing_app.cli.errors import EXIT_INVALID, EXIT_OK
from briefing_app.cli.errors import say as _say
from briefing_app.core.annotations import AnnotationLayer, briefing_path_for_layer, merge_layers
from briefing_app.core.annotations.anchoring import AnchorReport, orphan_line, reanchor
from briefing_app.core.annotations.export import to_markdown, w3c_bytes
from briefing_app.core.annotations.merge import summarise_merge
from briefing_app.core.annotations.store import layer_to_bytes, load_layer
from briefing_app.core.annotations.writer import annotation_sort_token
from briefing_app.core.briefing.model import Briefing
from briefing_app.core.io.atomic import write_atomic
from briefing_app.core.problems import BriefingError

__all__ = ["export_command", "merge_command", "find_briefing", "print_orphans", "conflict_lines"]

EXIT_FAILED = EXIT_INVALID


class _Failed(Exception):
    """Already reported on stderr; the command ends with exit status 1."""


def _load_layer(name: str) -> AnnotationLayer:
    try:
        return load_layer(Path(name), display_name=name)
    except BriefingError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        raise _Failed from None


def find_briefing(layer_path: Path, explicit: str | None) -> Path:
    """The briefing a layer belongs to: `--briefing`, else `<stem>.yaml` beside it."""
    if explicit:
        return Path(explicit)
    found = briefing_path_for_layer(layer_path)
    if found is None:
        name = layer_path.name
        if name.endswith(".annotations.yaml"):
            expected = layer_path.with_name(name[: -len(".annotations.yaml")] + ".yaml")
            _say(f"cannot find the briefing for {layer_path}: expected {expected} beside it; "
                 "name it with --briefing FILE")
        else:
            _say(f"cannot find the briefing for {layer_path}; name it with --briefing FILE")
        raise _Failed
    return found


def _load_briefing(path: Path) -> tuple[Briefing, str]:
    from briefing_app.core.briefing.loader import digest_of, parse_briefing_bytes, read_briefing_bytes

    try:
        data = read_briefing_bytes(path, str(path))
        return parse_briefing_bytes(data, str(path)), digest_of(data)
    except BriefingError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        raise _Failed from None


def print_orphans(report: AnchorReport, file: TextIO | None = None) -> None:
    out = file or sys.stderr
    for x in report.orphans:
        print(orphan_line(x.annotation_id, x.target, x.reason), file=out)


def _anchor(layer: AnnotationLayer, layer_name: str, briefing_path: Path) -> tuple[Briefing, AnchorReport]:
    briefing, digest = _load_briefing(briefing_path)
    if briefing.id != layer.briefing:
        _say(f"{layer_name} annotates briefing {layer.briefing!r}, but {briefing_path} is briefing {briefing.id!r}")
        raise _Failed
    report = reanchor(briefing, layer, layer.briefing_digest, digest)
    print_orphans(report)
    return briefing, report


def _write(path: str, data: bytes) -> None:
    out = Path(path)
    if out.is_dir():
        _say(f"cannot write {path}: it is a folder")
        raise _Failed
    write_atomic(out, data)


def export_command(file: str, fmt: str, output: str, briefing: str | None = None) -> int:
    """`annotations export FILE --format w3c|markdown -o OUT`."""
    try:
        layer = _load_layer(file)
        if fmt == "w3c" and briefing is None and briefing_path_for_layer(Path(file)) is None:
            # W3C annotations stand on their own (targets, selectors, bodies): a layer kept in a
            # shared folder without its briefing still exports; orphans are listed when it is found
            data = w3c_bytes(layer)
        else:
            briefing_path = find_briefing(Path(file), briefing)
            found, report = _anchor(layer, file, briefing_path)
            data = w3c_bytes(layer, report=report) if fmt == "w3c" else to_markdown(layer, found, report).encode("utf-8")
        _write(output, data)
    except _Failed:
        return EXIT_FAILED
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _utc(when: _dt.datetime) -> _dt.datetime:
    return when.replace(tzinfo=_dt.UTC) if when.tzinfo is None else when.astimezone(_dt.UTC)


def conflict_lines(layers: Sequence[AnnotationLayer], merged: AnnotationLayer) -> list[str]:
    """`conflict: <id>: kept the version modified <timestamp> by <author>` for each id whose newest
    versions differ but carry the same time (the merge broke the tie on content), by id."""
    newest: dict[str, tuple[_dt.datetime | None, dict[str, list[str]]]] = {}
    for layer in layers:
        for a in layer:
            when = a.modified or a.created
            key = _utc(when) if when is not None else None
            token = annotation_sort_token(a)
            seen = newest.get(a.id)
            if seen is None or (key is not None and (seen[0] is None or key > seen[0])):
                newest[a.id] = (key, {token: [layer.author or a.author]})
            elif key == seen[0]:
                seen[1].setdefault(token, []).append(layer.author or a.author)
    out = []
    for ident in sorted(newest):
        when, versions = newest[ident]
        kept = merged.get(ident)
        if len(versions) < 2 or kept is None:
            continue
        authors = sorted({x for x in versions.get(annotation_sort_token(kept), ()) if x}) or [kept.author or "?"]
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when is not None else "never"
        out.append(f"conflict: {ident}: kept the version modified {stamp} by {' and '.join(authors)}")
    return out


def merge_command(files: Sequence[str], output: str, briefing: str | None = None) -> int:
    """`annotations merge A B… -o OUT`: the merged layer, the same bytes whatever the order of A B….

    When OUT is one of the inputs (merging into one's own layer), its author
    and header extras stay; stderr ends with one summary line relative to it.
    """
    try:
        layers = [_load_layer(name) for name in files]
        ids = {la.briefing for la in layers}
        if len(ids) > 1:
            _say("cannot merge layers of different briefings: " + ", ".join(
                f"{name} ({la.briefing})" for name, la in zip(files, layers, strict=True)))
            return EXIT_FAILED
        out = Path(output)
        base = next((la for name, la in zip(files, layers, strict=True) if _same_file(Path(name), out)), None)
        merged = merge_layers(layers, author=base.author if base is not None else None)
        if base is not None:
            merged.extras = base.extras
        # Orphans are listed when the briefing can be found (given with --briefing, or beside
        # a layer: the first, in sorted order, that has one); merging itself does not need it.
        briefing_path = Path(briefing) if briefing else next(
            (p for p in (briefing_path_for_layer(Path(n)) for n in sorted(files)) if p is not None), None)
        if briefing_path is not None:
            _anchor(merged, output, briefing_path)
        _write(output, layer_to_bytes(merged))
        summary = summarise_merge(layers, merged, base)
        layers_word = "layer" if len(files) == 1 else "layers"
        print(f"merged {len(files)} {layers_word} into {output}: {summary.line()}", file=sys.stderr)
        for line in conflict_lines(layers, merged):
            print(line, file=sys.stderr)
    except _Failed:
        return EXIT_FAILED
    return EXIT_OK
