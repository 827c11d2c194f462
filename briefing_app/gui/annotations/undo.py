"""Undoable annotation edits: each `QUndoCommand` calls the core layer's methods.

The controller refreshes highlights and the panel from the layer's change
notifications, so commands only change data.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QUndoCommand

from briefing_app.core.annotations import Annotation, AnnotationLayer, newer

__all__ = ["AddAnnotation", "EditAnnotation", "DeleteAnnotation", "MergeAnnotations", "AcceptPositions"]


def _short(text: str, n: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


class AddAnnotation(QUndoCommand):
    def __init__(self, layer: AnnotationLayer, annotation: Annotation, element: str = "") -> None:
        # the undo entry names what was annotated in words: the excerpt, else the element's label
        what = f"\u201c{_short(annotation.excerpt)}\u201d" if annotation.excerpt else (element or "element")
        super().__init__(f"Annotate {what}")
        self.layer, self.annotation = layer, annotation

    def redo(self) -> None:
        self.layer.add(self.annotation)

    def undo(self) -> None:
        self.layer.remove(self.annotation.id)


class EditAnnotation(QUndoCommand):
    def __init__(self, layer: AnnotationLayer, new: Annotation, text: str = "Edit annotation") -> None:
        super().__init__(text)
        self.layer, self.new = layer, new
        old = layer.get(new.id)
        if old is None:
            raise KeyError(new.id)
        self.old = old

    def redo(self) -> None:
        self.layer.replace(self.new)

    def undo(self) -> None:
        self.layer.replace(self.old)


class DeleteAnnotation(QUndoCommand):
    def __init__(self, layer: AnnotationLayer, annotation_id: str) -> None:
        super().__init__("Delete annotation")
        self.layer = layer
        old = layer.get(annotation_id)
        if old is None:
            raise KeyError(annotation_id)
        self.old = old

    def redo(self) -> None:
        self.layer.remove(self.old.id)

    def undo(self) -> None:
        self.layer.add(self.old)


class MergeAnnotations(QUndoCommand):
    """Bring annotations from another layer into the own layer, by core's one merge rule.

    For each incoming annotation: a new id is added; for an id the layer
    already has, `newer` (the rule `merge_layers` and `briefing-app
    annotations merge` follow) decides whether the incoming version replaces
    the own one or the own one is kept.
    """

    def __init__(self, layer: AnnotationLayer, incoming: Iterable[Annotation], source_name: str) -> None:
        super().__init__(f"Merge annotations from {source_name}")
        self.layer = layer
        self.added: list[Annotation] = []
        self.replaced: list[tuple[Annotation, Annotation]] = []
        for a in incoming:
            cur = layer.get(a.id)
            if cur is None:
                self.added.append(a)
            elif newer(cur, a) is not cur:
                self.replaced.append((cur, a))

    @property
    def count(self) -> int:
        return len(self.added) + len(self.replaced)

    def redo(self) -> None:
        for a in self.added:
            self.layer.add(a)
        for _, new in self.replaced:
            self.layer.replace(new)

    def undo(self) -> None:
        for old, _ in self.replaced:
            self.layer.replace(old)
        for a in self.added:
            self.layer.remove(a.id)


class AcceptPositions(QUndoCommand):
    """The analyst accepts where annotations stand on a revised briefing.

    Replaces each changed annotation (new selector, `modified`) and records
    the briefing's new digest; undo puts back the selectors and digest the
    annotations were made on.
    """

    def __init__(self, layer: AnnotationLayer, pairs: Iterable[tuple[Annotation, Annotation]],
                 new_digest: str | None) -> None:
        self.pairs = list(pairs)
        n = len(self.pairs)
        super().__init__(f"Accept new positions of {n} annotation{'s' if n != 1 else ''}")
        self.layer = layer
        self.old_digest = layer.briefing_digest
        self.new_digest = new_digest

    def redo(self) -> None:
        for _, new in self.pairs:
            self.layer.replace(new)
        self.layer.set_digest(self.new_digest)

    def undo(self) -> None:
        for old, _ in self.pairs:
            self.layer.replace(old)
        self.layer.set_digest(self.old_digest)
