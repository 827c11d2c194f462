"""`briefing-app export FILE -o OUT.pdf`: the command-line side of the brief.

Loads the briefing and the annotation layers, builds the PDF in memory and
only then writes it atomically, so a failure leaves no partial file. Every
failure is one plain sentence on stderr (located problems one per line) and
exit status 1; orphaned annotations are listed and the export still succeeds.
Without `--annotations` the layer beside the briefing (`<stem>.annotations.yaml`)
is included, and stderr says so in one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing_app.core.io.atomic import write_atomic
from briefing_app.core.problems import BriefingError
from briefing_app.export.builder import BriefOptions, build_brief

__all__ = ["export_command"]


def _say(message: str) -> None:
    print(f"briefing-app: {message}", file=sys.stderr)


def export_command(ns: argparse.Namespace) -> int:
    from briefing_app.core.briefing.loader import load_briefing

    src = Path(ns.file)
    out = Path(ns.output)
    if out.is_dir():
        _say(f"cannot write {ns.output}: it is a folder")
        return 1
    if not out.parent.is_dir() and str(out.parent) not in ("", "."):
        _say(f"cannot write {ns.output}: folder {out.parent} does not exist")
        return 1
    if ns.no_annotations and ns.annotations:
        _say("--no-annotations and --annotations contradict each other; give one")
        return 2
    try:
        briefing = load_briefing(src, display_name=ns.file)
    except BriefingError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1

    highlights = []
    if not ns.no_annotations:
        from briefing_app.core.annotations import default_layer_path, load_layer
        from briefing_app.export.adapter import highlights_from_layers

        paths = [Path(p) for p in ns.annotations]
        if not paths and default_layer_path(src).is_file():
            # The analyst's own layer goes in by default (the contract's
            # --no-annotations implies it), but never silently: a brief for a
            # decision maker should not carry working notes by surprise.
            paths = [default_layer_path(src)]
            print(f"including annotations from {paths[0]} (--no-annotations leaves them out)",
                  file=sys.stderr)
        layers = []
        for p in paths:
            try:
                layer = load_layer(p, display_name=str(p))
            except BriefingError as exc:
                for problem in exc.problems:
                    print(problem, file=sys.stderr)
                return 1
            if layer.briefing != briefing.id:
                _say(f"{p} annotates briefing {layer.briefing!r}, but {ns.file} is briefing {briefing.id!r}")
                return 1
            layers.append(layer)
        highlights, orphans = highlights_from_layers(briefing, layers)
        for o in orphans:
            print(o.line(), file=sys.stderr)

    options = BriefOptions(page_size=ns.page_size, annotations=not ns.no_annotations,
                           labels=tuple(getattr(ns, "labels", None) or ()),
                           tags=tuple(getattr(ns, "tags", None) or ()))
    try:
        data = build_brief(briefing, highlights, options)
    except Exception as exc:  # noqa: BLE001 — one sentence, never a traceback
        _say(f"could not build the PDF brief from {ns.file}: {type(exc).__name__}: {exc}")
        return 1
    try:
        write_atomic(out, data)
    except OSError as exc:
        _say(f"cannot write {ns.output}: {exc.strerror or exc}")
        return 1
    return 0
