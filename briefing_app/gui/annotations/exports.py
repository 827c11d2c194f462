"""Exporting the analyst's own layer from the GUI, as W3C Web Annotations (JSON-LD) or Markdown.

The Annotations menu's two export entries ask for a file name beside the
layer and write it atomically (`write_atomic`). The exporters live in Qt-free
`core.annotation_export` and are imported on first use, so start-up never
pays for them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from briefing_app.core.io.atomic import write_atomic
from briefing_app.gui.annotations.base import AnnotationControllerBase
from briefing_app.gui.annotations.prefs import color_labels


class AnnotationExports(AnnotationControllerBase):
    """Writes the own layer to a file the analyst picks, in the format asked for."""

    def _export_dialog(self, fmt: str) -> None:
        if self.own is None or self.window.briefing is None:
            return
        base = self.own.path.with_suffix("") if self.own.path else Path("annotations")
        suffix, filt = (".json", "JSON-LD (*.json *.jsonld)") if fmt == "w3c" else (".md", "Markdown (*.md)")
        name, _ = QFileDialog.getSaveFileName(self.window, "Export annotations", str(base) + suffix, filt)
        if name:
            self.export(Path(name), fmt)

    def export(self, path: Path, fmt: str) -> None:
        layer, b = self.own, self.window.briefing
        if layer is None or b is None:
            return
        from briefing_app.core.annotations.export import to_markdown, w3c_bytes

        labels = color_labels()
        data = w3c_bytes(layer, labels) if fmt == "w3c" else to_markdown(layer, b, self.report(layer), labels).encode()
        write_atomic(path, data)
        self._tell(f"Exported {len(layer)} annotations to {path.name}.")
