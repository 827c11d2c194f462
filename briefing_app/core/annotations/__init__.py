"""Annotation layers (contract §2): the model, reading and writing, merging, anchoring, export.

Qt-free. `layer` holds the model; `reader`/`writer`/`store` the file format;
`merge` the one merge rule; `anchoring` places annotations on a (revised)
briefing; `export` writes W3C JSON-LD and Markdown. Code outside this package
imports the names below from `briefing_app.core.annotations`; modules inside
it import each other directly, never through this file.
"""

from briefing_app.core.annotations.layer import (
    COLORS,
    CONFIDENCE_LEVELS,
    DEFAULT_COLOR_LABELS,
    FORMAT,
    Annotation,
    AnnotationLayer,
    Selector,
    briefing_digest,
    briefing_path_for_layer,
    default_layer_path,
    new_annotation_id,
    next_free_layer_path,
    utc_now,
)
from briefing_app.core.annotations.merge import merge_layers, newer
from briefing_app.core.annotations.store import (
    LayerOpenResult,
    layer_to_bytes,
    load_layer,
    open_layer,
    parse_layer_bytes,
    save_layer,
)

__all__ = [
    "COLORS", "CONFIDENCE_LEVELS", "DEFAULT_COLOR_LABELS", "FORMAT", "Annotation", "AnnotationLayer",
    "Selector", "briefing_digest", "briefing_path_for_layer", "default_layer_path", "new_annotation_id",
    "next_free_layer_path", "utc_now", "merge_layers", "newer", "LayerOpenResult", "layer_to_bytes", "load_layer",
    "open_layer", "parse_layer_bytes", "save_layer",
]
