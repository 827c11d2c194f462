"""The annotation store: open, load and save an analyst's layer safely.

Reading (`annotation_reader`) and writing (`annotation_writer`) live in their
own modules; this one decides what opening a layer means for the analyst: a
missing file is a new layer, and a file that cannot be used is left untouched
while the layer opens read-only with the reason and a fresh name to use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.core.annotations.layer import AnnotationLayer, next_free_layer_path
from briefing_app.core.annotations.reader import MAX_LAYER_BYTES, load_layer, parse_layer_bytes
from briefing_app.core.annotations.writer import annotation_sort_token, layer_to_bytes, quote, save_layer
from briefing_app.core.problems import BriefingError, Problem

__all__ = [
    "MAX_LAYER_BYTES", "layer_to_bytes", "annotation_sort_token", "parse_layer_bytes",
    "load_layer", "save_layer", "open_layer", "LayerOpenResult", "quote",
]


@dataclass
class LayerOpenResult:
    """What opening the analyst's own layer gave, and what to tell them."""

    layer: AnnotationLayer
    created: bool = False  # no file yet: a new, empty layer
    problems: list[Problem] = field(default_factory=list)
    #: When the layer could not be used: a fresh file name to offer instead.
    suggested_path: Path | None = None

    @property
    def message(self) -> str | None:
        return self.layer.read_only_reason


def open_layer(path: Path, briefing_id: str, author: str = "", briefing_digest: str | None = None) -> LayerOpenResult:
    """Open (or start) the analyst's layer at `path`, never damaging what is there.

    A missing file gives a new empty layer (written on the first change). A
    corrupt file, one made by a newer version, or one for another briefing is
    left untouched: the layer opens read-only with the reason, and a fresh
    file name is suggested for a new layer.
    """
    path = Path(path)
    if not path.exists():
        layer = AnnotationLayer(briefing_id, briefing_digest=briefing_digest, author=author, path=path)
        return LayerOpenResult(layer, created=True)
    try:
        layer = load_layer(path)
    except BriefingError as exc:
        layer = AnnotationLayer(briefing_id, briefing_digest=briefing_digest, author=author, path=path)
        first = exc.problems[0] if exc.problems else None
        newer = any("newer version" in p.message for p in exc.problems)
        why = "it was made by a newer version of Briefing Reader" if newer else "it cannot be read"
        detail = f" ({first.short()})" if first else ""
        layer.read_only_reason = f"{path.name}: {why}{detail}; it was left untouched"
        return LayerOpenResult(layer, problems=exc.problems, suggested_path=next_free_layer_path(path))
    if layer.briefing != briefing_id:
        layer.read_only_reason = (f"{path.name} annotates briefing {layer.briefing!r}, not {briefing_id!r}; "
                                  "it was left untouched")
        return LayerOpenResult(layer, suggested_path=next_free_layer_path(path))
    if not layer.author and author:
        layer.author = author
    return LayerOpenResult(layer)
