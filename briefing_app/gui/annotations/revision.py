"""Annotations on the briefing shown: placing them, the "briefing has changed" notice, accepting new positions.

Each layer's annotations are placed on the briefing now shown
(`core.annotations.anchoring.reanchor`), giving an `AnchorReport` per layer.
Nothing stored changes when the briefing was revised: the anchors say where
the annotations stand now, the file keeps what they were made on, and the
Annotations panel shows a notice until the analyst accepts the new positions
(an undoable `AcceptPositions` on the window's undo stack).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_app.core.annotations import Annotation, AnnotationLayer, utc_now
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.layers import LayerStore, briefing_file_digest
from briefing_app.gui.annotations.lazy_anchoring import anchoring
from briefing_app.gui.annotations.seams import ReaderWindow
from briefing_app.gui.annotations.undo import AcceptPositions

if TYPE_CHECKING:
    from briefing_app.core.annotations.anchoring import Anchor, AnchorReport

__all__ = ["Placement"]


class Placement:
    """Where every open layer's annotations stand on the briefing shown, and settling them on a revised one."""

    def __init__(self, window: ReaderWindow, store: LayerStore, feedback: Feedback) -> None:
        self.window = window
        self.store = store
        self.feedback = feedback
        self.reports: dict[int, AnchorReport | None] = {}  # by id(layer); None: an empty layer, nothing to place

    def report(self, layer: AnnotationLayer) -> AnchorReport:
        return self.reports.get(id(layer)) or anchoring().AnchorReport({})

    def anchor_of(self, layer: AnnotationLayer, annotation_id: str) -> Anchor | None:
        report = self.reports.get(id(layer))
        return report.anchors.get(annotation_id) if report is not None else None

    def digest(self) -> str | None:
        return briefing_file_digest(self.window.path)

    def reanchor(self, layer: AnnotationLayer) -> AnchorReport | None:
        """Place a layer's annotations; None for an empty layer (no anchoring import needed)."""
        b = self.window.briefing
        if b is None or not len(layer):
            self.reports[id(layer)] = None
            return None
        report: AnchorReport = anchoring().reanchor(b, layer, layer.briefing_digest, self.digest())
        self.reports[id(layer)] = report
        return report

    def reanchor_all(self, announce: bool = False) -> None:
        """Place every layer's annotations on the briefing now shown.

        Nothing stored changes here: on a revised briefing the anchors say where
        annotations stand now (for the views, the panel and exports) while the
        file keeps the selectors and digest they were made on, until the
        analyst accepts the new positions (`accept_new_positions`).
        """
        b = self.window.briefing
        own = self.store.own
        self.reports = {}
        for layer in self.store.layers():
            report = self.reanchor(layer)
            if layer is not own or not announce or b is None:
                continue
            if report is None:
                # an empty layer: nothing to misplace, so it simply records this version of the briefing
                digest = self.digest()
                if not layer.read_only and layer.briefing_digest != digest:
                    self.store.adopt_digest(digest)
                continue
            if report.digest_changed or not report.all_in_place:
                self.feedback.tell_after_window(report.status_message())

    def change_notice(self) -> tuple[str, bool] | None:
        """The Annotations panel's notice on a changed briefing: (text, can accept), or None.

        Shown while the own layer was made on another version of the briefing
        and not every annotation is still exactly in place.
        """
        layer = self.store.own
        report = self.reports.get(id(layer)) if layer is not None else None
        if layer is None or report is None or not report.digest_changed or report.all_in_place:
            return None
        c = report.counts()
        text = (f"The briefing has changed since these annotations were made: {c['exact']} in place, "
                f"{c['moved']} moved, {c['fuzzy']} fuzzy, {c['orphaned']} orphaned.")
        can_accept = not layer.read_only and bool(self._pending())
        return text, can_accept

    def _pending(self) -> list[tuple[Annotation, Annotation]]:
        layer, b = self.store.own, self.window.briefing
        report = self.reports.get(id(layer)) if layer is not None else None
        if layer is None or b is None or report is None:
            return []
        pairs: list[tuple[Annotation, Annotation]] = anchoring().pending_positions(b, layer, report, utc_now())
        return pairs

    def accept_new_positions(self) -> int:
        """Store where moved and fuzzy annotations now stand, and this briefing's digest (undoable).

        Orphans stay as they are. Returns how many annotations changed.
        """
        layer = self.store.writable()
        if layer is None:
            return 0
        pairs = self._pending()
        self.window.undo_stack.push(AcceptPositions(layer, pairs, self.digest()))
        n = len(pairs)
        self.feedback.tell(f"Accepted the new positions of {n} annotation{'s' if n != 1 else ''} "
                           "on this version of the briefing. Press Ctrl+Z to undo.")
        return n
