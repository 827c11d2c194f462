"""Making and changing the analyst's annotations: highlight keys, the editor, edit, delete, the author's name.

Every change is a `QUndoCommand` (`AddAnnotation`, `EditAnnotation`,
`DeleteAnnotation`) pushed on the window's undo stack, and only ever on the
analyst's own layer when it is writable (`_writable` says why not in the
status bar). The analyst's name is asked once, the first time an annotation
needs it and preferences have none (`ensure_author`).
"""

from __future__ import annotations

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from briefing_app.core.annotations import (
    Annotation,
    AnnotationLayer,
    Selector,
    new_annotation_id,
    utc_now,
)
from briefing_app.gui.annotations.base import AnnotationControllerBase, element_label, field_text
from briefing_app.gui.annotations.editor import AnnotationEditor
from briefing_app.gui.annotations.prefs import (
    account_full_name,
    ask_author_name,
    author_name,
    color_labels,
    set_author_name,
)
from briefing_app.gui.annotations.undo import AddAnnotation, DeleteAnnotation, EditAnnotation
from briefing_app.gui.views.field_view import FieldView


class AnnotationEditing(AnnotationControllerBase):
    """Adds, edits and deletes annotations on the own layer, each change undoable."""

    # -- where and on what ------------------------------------------------------------
    def _writable(self) -> AnnotationLayer | None:
        if self.own is None or self.window.briefing is None:
            return None
        if self.own.read_only:
            self._tell(f"Annotations are read-only: {self.own.read_only_reason}.")
            return None
        return self.own

    def current_view(self) -> FieldView | None:
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, FieldView):
            w = w.parentWidget()
        return w if isinstance(w, FieldView) else self._last_view

    def _element_under(self, view: FieldView | None) -> str | None:
        if view is not None:
            hit = view.field_at_point(view.viewport().mapFromGlobal(QCursor.pos()))
            if hit and view.underMouse():
                return hit[0].address
            c = view.textCursor()
            seg = view.segment_at(c.position())
            if seg is not None:
                return seg.address
        return getattr(self.window.inspector, "address", None)

    # -- adding -----------------------------------------------------------------------
    def highlight_selection(self, color: str, view: FieldView | None = None, note: str = "") -> Annotation | None:
        layer = self._writable()
        view = view or self.current_view()
        sel = view.selected_field_range() if view is not None else None
        if layer is None or sel is None:
            if layer is not None:
                self._tell("Select some text first, then press 1\u20136 to highlight it.")
            return None
        address, fld, start, end = sel
        text = field_text(self.window.briefing, address, fld)
        if text is None:
            self._tell(f"The {fld} of this element cannot be annotated.")
            return None
        now = utc_now()
        a = Annotation(new_annotation_id(), address, fld, Selector.from_text(text, start, end), color, note,
                       author=self.ensure_author(), created=now, modified=now)
        self.window.undo_stack.push(AddAnnotation(layer, a))
        label = color_labels()[color]
        self._tell(f"Highlighted as \u201c{label}\u201d. Press Ctrl+Z to undo.")
        return a

    def annotate(self, view: FieldView | None = None, whole_element: bool = False) -> Annotation | None:
        """Open the editor on the selection (or, without one, on the whole element)."""
        layer = self._writable()
        if layer is None:
            return None
        view = view or self.current_view()
        sel = None if whole_element or view is None else view.selected_field_range()
        b = self.window.briefing
        if sel is not None:
            address, fld, start, end = sel
            text = field_text(b, address, fld)
            if text is None:
                return None
            selector: Selector | None = Selector.from_text(text, start, end)
            field_: str | None = fld
        else:
            address = self._element_under(view)
            if address is None:
                self._tell("Select an element or some text to annotate.")
                return None
            selector, field_ = None, None
        author = self.ensure_author()
        editor = AnnotationEditor(self.window, title=f"Annotate {element_label(b, address)}",
                                  excerpt=selector.exact if selector else "", color="yellow" if selector else None,
                                  tags_in_use=self.tags_in_use())
        if editor.exec() != AnnotationEditor.DialogCode.Accepted:
            return None
        v = editor.values()
        now = utc_now()
        a = Annotation(new_annotation_id(), address, field_, selector, v["color"], v["note"], v["tags"],
                       v["confidence"], author, now, now)
        self.window.undo_stack.push(AddAnnotation(layer, a))
        return a

    def ensure_author(self) -> str:
        """The analyst's name for a new annotation, asked once when preferences have none.

        The question is prefilled with the OS account's full name (never the
        login); the answer is kept in preferences and becomes the layer's author.
        """
        name = author_name()
        if name or self._asked_author:
            return name
        self._asked_author = True
        if QApplication.instance().property("annotations_no_dialogs") and self.ask_author is ask_author_name:
            return ""
        answer = (self.ask_author(self.window, account_full_name()) or "").strip()
        if answer:
            set_author_name(answer)
            if self.own is not None and not self.own.read_only and not self.own.author:
                self.own.author = answer
        return answer

    # -- changing ---------------------------------------------------------------------
    def edit(self, annotation_id: str) -> bool:
        layer = self._writable()
        a = layer.get(annotation_id) if layer else None
        if layer is None or a is None:
            return False
        b = self.window.briefing
        editor = AnnotationEditor(self.window, title=f"Edit annotation on {element_label(b, a.target)}",
                                  excerpt=a.excerpt, note=a.note, tags=a.tags, color=a.color,
                                  confidence=a.confidence, tags_in_use=self.tags_in_use())
        if editor.exec() != AnnotationEditor.DialogCode.Accepted:
            return False
        return self.update(annotation_id, **editor.values())

    def update(self, annotation_id: str, **changes) -> bool:
        layer = self._writable()
        a = layer.get(annotation_id) if layer else None
        if layer is None or a is None:
            return False
        new = a.edited(**changes)
        if new == a.edited(when=new.modified):
            return False
        self.window.undo_stack.push(EditAnnotation(layer, new))
        return True

    def delete(self, annotation_id: str) -> bool:
        layer = self._writable()
        if layer is None or annotation_id not in layer:
            return False
        self.window.undo_stack.push(DeleteAnnotation(layer, annotation_id))
        return True

    def tags_in_use(self) -> list[str]:
        return sorted({t for la in self.layers() for a in la for t in a.tags}, key=str.casefold)
