"""The layers shown in a window: the analyst's own (locked, autosaved), colleagues' (read-only), merging.

The own layer lives beside the briefing (`<stem>.annotations.yaml`, see
`own_layer_path`) and is held with a `QLockFile`, so a second Briefing Reader
window opens it read-only and says so. Every change to it is saved atomically
(`save_layer`: temp file, fsync, rename) `AUTOSAVE_MS` after the change, so a
crash loses at most that second, and once more when the window closes.
Colleagues' layers open read-only with their names; "Merge a Layer into
Mine" copies theirs into the own layer as one undoable command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing_app.core.annotations import (
    AnnotationLayer,
    default_layer_path,
    load_layer,
    open_layer,
    save_layer,
)
from briefing_app.core.problems import BriefingError
from briefing_app.gui.annotations.base import AnnotationControllerBase
from briefing_app.gui.annotations.prefs import author_name
from briefing_app.gui.annotations.undo import MergeAnnotations

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

__all__ = ["AUTOSAVE_MS", "AnnotationLayers", "own_layer_path"]

#: Delay between a change and its autosave (the contract asks for ≤ 2 s).
AUTOSAVE_MS = 700


def own_layer_path(briefing_path: Path) -> Path:
    """`<stem>.annotations.yaml` beside the briefing, except for the bundled sample,
    whose folder belongs to the installation: its layer lives in the app's data folder."""
    from briefing_app.resources import resource_root

    try:
        Path(briefing_path).resolve().relative_to(resource_root().resolve())
    except ValueError:
        return default_layer_path(Path(briefing_path))
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "annotations"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / default_layer_path(Path(briefing_path)).name


class AnnotationLayers(AnnotationControllerBase):
    """Opens, locks, saves and closes the layers; adds colleagues' layers and merges them in."""

    layer_saved: SignalInstance  # declared on the controller (a QObject)

    # -- which layers ----------------------------------------------------------------
    def layers(self) -> list[AnnotationLayer]:
        return ([self.own] if self.own is not None else []) + self.colleagues

    def layer_paths(self) -> list[Path]:
        return [la.path for la in self.layers() if la.path is not None and la.path.exists()]

    def default_path(self) -> Path | None:
        return own_layer_path(self.window.path) if self.window.path else None

    def briefing_shown(self, briefing) -> None:
        path: Path | None = self.window.path
        same = self.own is not None and path is not None and self.own.path == own_layer_path(path)
        if same and self.own is not None and self.own.briefing == briefing.id:
            self._reanchor_all(announce=True)  # a reload of the same file
            return
        self.close_layers()
        self.offer_path = None
        digest = self._digest()
        if path is None:
            self.own = AnnotationLayer(briefing.id, briefing_digest=digest, author=author_name())
            self.own.read_only_reason = "the briefing is not a file, so annotations cannot be saved"
        else:
            self.open_own(own_layer_path(path))
        self._reanchor_all(announce=True)

    def _digest(self) -> str | None:
        path = self.window.path
        if path is None:
            return None
        from briefing_app.core.briefing.loader import digest_of

        try:
            return digest_of(Path(path).read_bytes())
        except OSError:
            return None

    # -- the analyst's own layer ------------------------------------------------------
    def open_own(self, layer_path: Path) -> None:
        b = self.window.briefing
        result = open_layer(layer_path, b.id, author_name(), self._digest())
        layer = result.layer
        if not layer.read_only:
            lock = QLockFile(str(layer_path) + ".lock")
            lock.setStaleLockTime(0)  # a live instance may hold it for days; dead PIDs are still detected
            if lock.tryLock(0):
                self.lock = lock
            else:
                layer.read_only_reason = (f"{layer_path.name} is open in another Briefing Reader window; "
                                          "it opens read-only here so neither overwrites the other")
        if result.suggested_path is not None:
            self.offer_path = result.suggested_path
        self.own = layer
        layer.listeners.append(self._layer_changed)
        if layer.read_only_reason:
            self._tell(f"Annotations read-only: {layer.read_only_reason}.")
            if result.suggested_path is not None and not QApplication.instance().property("annotations_no_dialogs"):
                QTimer.singleShot(0, self._offer_new_layer)

    def _offer_new_layer(self) -> None:
        if self.offer_path is None or self.own is None:
            return
        answer = QMessageBox.question(
            self.window, "Annotations cannot be saved",
            f"{self.own.read_only_reason}.\n\nStart a new annotation layer in {self.offer_path.name}?")
        if answer == QMessageBox.StandardButton.Yes:
            self.start_new_layer(self.offer_path)

    def start_new_layer(self, path: Path) -> None:
        """Switch the own layer to a fresh file (the unreadable one stays as it was)."""
        self.close_own()
        self.open_own(path)
        self._reanchor_all()

    def close_own(self) -> None:
        self.save_now()
        if self.own is not None and self._layer_changed in self.own.listeners:
            self.own.listeners.remove(self._layer_changed)
        self.own = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        self.window.undo_stack.clear()

    def close_layers(self) -> None:
        self.close_own()
        self.colleagues.clear()
        self.reports.clear()

    # -- colleagues' layers -------------------------------------------------------------
    def add_colleague_layer(self, path: Path) -> AnnotationLayer | None:
        b = self.window.briefing
        try:
            layer = load_layer(path)
        except BriefingError as exc:
            self._warn("Cannot open the layer", "\n".join(str(p) for p in exc.problems[:20]))
            return None
        if b is not None and layer.briefing != b.id:
            self._warn("Another briefing", f"{path.name} annotates briefing {layer.briefing!r}, not {b.id!r}.")
            return None
        layer.read_only_reason = f"{layer.name}'s layer (read-only)"
        self.colleagues.append(layer)
        self._reanchor(layer)
        self._refresh()
        self._tell(f"Opened {layer.name}'s annotations ({len(layer)}) read-only.")
        return layer

    def merge_from(self, path: Path) -> int:
        layer = self._writable()
        if layer is None:
            return 0
        try:
            other = load_layer(path)
        except BriefingError as exc:
            self._warn("Cannot merge the layer", "\n".join(str(p) for p in exc.problems[:20]))
            return 0
        if other.briefing != layer.briefing:
            self._warn("Another briefing", f"{path.name} annotates briefing {other.briefing!r}, not {layer.briefing!r}.")
            return 0
        cmd = MergeAnnotations(layer, list(other), other.name)
        if cmd.count:
            self.window.undo_stack.push(cmd)
        self._tell(f"Merged {cmd.count} annotation{'s' if cmd.count != 1 else ''} from {other.name}.")
        return cmd.count

    # -- saving ---------------------------------------------------------------------------
    def _layer_changed(self) -> None:
        if self.own is not None:
            self._reanchor(self.own)
        self._refresh()
        self._save_timer.start()

    def save_now(self, force: bool = False) -> bool:
        self._save_timer.stop()
        layer = self.own
        if layer is None or layer.read_only or layer.path is None:
            return True
        if not force and self.window.undo_stack.isClean():
            return True
        try:
            save_layer(layer)
        except OSError as exc:
            self._tell(f"Could not save annotations to {layer.path}: {exc.strerror or exc}. Retrying on the next change.")
            return False
        self.window.undo_stack.setClean()
        self.layer_saved.emit(str(layer.path))
        return True

    def _before_close(self) -> bool:
        if self.save_now():
            self.close_layers()
            return True
        answer = QMessageBox.warning(self.window, "Annotations not saved",
                                     "Your latest annotations could not be saved. Close anyway?",
                                     QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Close
