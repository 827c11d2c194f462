"""`briefing-app annotations export|merge` (contract §3), called by `cli.py`.

Every failure is printed as one plain sentence (or `FILE:LINE:COL: message`
lines for a bad file) on stderr with a non-zero exit; outputs are written
atomically, so bad input never leaves a partial file. Orphaned annotations
are listed as `orphaned: <id> (<target>): <reason>` and do not fail the
command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from briefing_app.core.annotations import AnnotationLayer, briefing_path_for_layer, merge_layers
from briefing_app.core.annotations.anchoring import AnchorReport, orphan_line, reanchor
from briefing_app.core.annotations.export import to_markdown, w3c_bytes
from briefing_app.core.annotations.store import layer_to_bytes, load_layer
from briefing_app.core.briefing.model import Briefing
from briefing_app.core.io.atomic import write_atomic
from briefing_app.core.problems import BriefingError

__all__ = ["export_command", "merge_command", "find_briefing", "print_orphans"]

EXIT_OK = 0
EXIT_FAILED = 1


class _Failed(Exception):
    pass


def _say(message: str) -> None:
    print(f"briefing-app: {message}", file=sys.stderr)


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
        stem = name[: -len(".annotations.yaml")] if name.endswith(".annotations.yaml") else layer_path.stem
        _say(f"cannot find the briefing for {layer_path}: expected {layer_path.with_name(stem + '.yaml')} "
             "beside it; name it with --briefing FILE")
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


def export_command(ns: argparse.Namespace) -> int:
    try:
        layer = _load_layer(ns.file)
        briefing_path = find_briefing(Path(ns.file), getattr(ns, "briefing", None))
        briefing, report = _anchor(layer, ns.file, briefing_path)
        if ns.format == "w3c":
            data = w3c_bytes(layer)
        else:
            data = to_markdown(layer, briefing, report).encode("utf-8")
        _write(ns.output, data)
    except _Failed:
        return EXIT_FAILED
    return EXIT_OK


def merge_command(ns: argparse.Namespace) -> int:
    try:
        layers = [_load_layer(name) for name in ns.files]
        ids = {la.briefing for la in layers}
        if len(ids) > 1:
            _say("cannot merge layers of different briefings: " + ", ".join(
                f"{name} ({la.briefing})" for name, la in zip(ns.files, layers, strict=True)))
            return EXIT_FAILED
        merged = merge_layers(layers)
        # Orphans are listed when the briefing can be found (beside the first
        # layer or given with --briefing); merging itself does not need it.
        explicit = getattr(ns, "briefing", None)
        briefing_path = Path(explicit) if explicit else briefing_path_for_layer(Path(ns.files[0]))
        if briefing_path is not None:
            _anchor(merged, ns.files[0], briefing_path)
        _write(ns.output, layer_to_bytes(merged))
    except _Failed:
        return EXIT_FAILED
    return EXIT_OK
