"""Exporting the analyst's own layer from the GUI, as W3C Web Annotations (JSON-LD) or Markdown.

The Annotations menu's two export entries ask (through the prompts service)
for a file name beside the layer and write it atomically (`write_atomic`).
The exporters live in Qt-free `core.annotations.export` and are imported on
first use, so start-up never pays for them.
"""

from __future__ import annotations

from pathlib import Path

from briefing_app.core.io.atomic import write_atomic
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.prefs import color_labels
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.annotations.seams import ReaderWindow, widget_of

__all__ = ["AnnotationExports", "EXPORT_FORMATS"]

#: format -> (suffix, file chooser filter)
EXPORT_FORMATS = {"w3c": (".json", "JSON-LD (*.json *.jsonld)"), "markdown": (".md", "Markdown (*.md)")}


class AnnotationExports:
    """Writes the own layer to a file the analyst picks, in the format asked for."""

    def __init__(self, window: ReaderWindow, store: LayerStore, placement: Placement, feedback: Feedback) -> None:
        self.window = window
        self.store = store
        self.placement = placement
        self.feedback = feedback

    def ask_and_export(self, fmt: str) -> None:
        own = self.store.own
        if own is None or self.window.briefing is None:
            return
        base = own.path.with_suffix("") if own.path else Path("annotations")
        suffix, file_filter = EXPORT_FORMATS[fmt]
        path = self.feedback.prompts.save_file(widget_of(self.window), "Export annotations", str(base) + suffix,
                                               file_filter)
        if path is not None:
            self.export(path, fmt)

    def export(self, path: Path, fmt: str) -> None:
        layer, b = self.store.own, self.window.briefing
        if layer is None or b is None:
            return
        from briefing_app.core.annotations.export import to_markdown, w3c_bytes

        labels = color_labels()
        report = self.placement.report(layer)  # where each annotation stands now, as the CLI exports it
        if fmt == "w3c":
            data = w3c_bytes(layer, labels, report)
        else:
            data = to_markdown(layer, b, report, labels).encode()
        write_atomic(path, data)
        self.feedback.tell(f"Exported {len(layer)} annotations to {path.name}.")
