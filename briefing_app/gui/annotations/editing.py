"""Making and changing the analyst's annotations: highlight keys, the editor, edit, delete, the author's name.

Every change is a `QUndoCommand` (`AddAnnotation`, `EditAnnotation`,
`DeleteAnnotation`) pushed on the window's undo stack, and only ever on the
analyst's own layer when it is writable (`LayerStore.writable` says why not
in the status bar). The analyst's name is asked once, the first time an
annotation needs it and preferences have none (`ensure_author`). The editor
and the name question go through the prompts service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from briefing_app.core.annotations import Annotation, Selector, new_annotation_id, utc_now
from briefing_app.gui.annotations.editor import AnnotationEditor
from briefing_app.gui.annotations.feedback import Feedback
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.lazy_anchoring import element_label, field_text
from briefing_app.gui.annotations.prefs import account_full_name, author_name, color_labels, set_author_name
from briefing_app.gui.annotations.seams import ReaderWindow, widget_of
from briefing_app.gui.annotations.undo import AddAnnotation, DeleteAnnotation, EditAnnotation
from briefing_app.gui.views.field_view import FieldView

__all__ = ["AnnotationEditing", "AUTHOR_TITLE", "AUTHOR_QUESTION", "snap_to_words", "SelectionMode"]

#: The dynamic property a text view carries while its selection was made with Alt held (kept exact).
EXACT_SELECTION = "exact_selection"

AUTHOR_TITLE = "Your name on annotations"
AUTHOR_QUESTION = ("Annotations record who made them (it appears in exported briefs).\n"
                   "Your name, as colleagues should see it:")


def _field_view_of(widget: QWidget | None) -> FieldView | None:
    while widget is not None and not isinstance(widget, FieldView):
        widget = widget.parentWidget()
    return widget


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "_\u2019'-"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words: a drag that starts or stops inside a word takes all of it."""
    while start > 0 and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while end < len(text) and _in_word(text[end]) and end > 0 and _in_word(text[end - 1]):
        end += 1
    return start, end


class SelectionMode(QObject):
    """Remembers, per text view, whether its selection is to be kept exact: dragged with Alt held, or
    made with the keyboard (Shift+arrows pick characters on purpose); a plain drag snaps to words."""

    def watch(self, view: FieldView) -> None:
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if isinstance(event, QMouseEvent) and event.type() in (QEvent.Type.MouseButtonPress,
                                                               QEvent.Type.MouseButtonRelease):
            view = obj.parent()
            if isinstance(view, FieldView):
                view.setProperty(EXACT_SELECTION, bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))
        elif isinstance(obj, FieldView) and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            obj.setProperty(EXACT_SELECTION, True)
        return False


class AnnotationEditing:
    """Adds, edits and deletes annotations on the own layer, each change undoable."""

    def __init__(self, window: ReaderWindow, store: LayerStore, feedback: Feedback) -> None:
        self.window = window
        self.store = store
        self.feedback = feedback
        self.last_view: FieldView | None = None  # the text view that last had the keyboard
        self._asked_author = False
        self.selection_mode = SelectionMode()

    def selected_range(self, view: FieldView) -> tuple[str, str, int, int] | None:
        """The view's selection as (address, field, start, end), widened to whole words when it was
        dragged with the mouse; exact when dragged with Alt held, made with the keyboard, or Alt is held now."""
        sel = view.selected_field_range()
        b = self.window.briefing
        if sel is None or b is None:
            return sel
        alt = QApplication.queryKeyboardModifiers() & Qt.KeyboardModifier.AltModifier
        if view.property(EXACT_SELECTION) or alt:
            return sel
        address, fld, start, end = sel
        text = field_text(b, address, fld)
        if text is None:
            return sel
        start, end = snap_to_words(text, start, end)
        return address, fld, start, end

    # -- where and on what ------------------------------------------------------------
    def note_focus(self, widget: QWidget | None) -> None:
        """Remember the last text view of this window that had the keyboard."""
        view = _field_view_of(widget)
        if view is not None and self.window.isAncestorOf(view):
            self.last_view = view

    def current_view(self) -> FieldView | None:
        return _field_view_of(QApplication.focusWidget()) or self.last_view

    def element_looked_at(self) -> str | None:
        """The element the analyst is looking at: the one the Inspector names, else the visible
        page's selection — never the last text view that had the keyboard.

        The Inspector follows every selection on the page in front (navigation's `element_selected`),
        and in Sources after "Show in source" it keeps the element that cites the passage — the rule
        navigation's `here()` follows; the page's own selection is the fallback when it shows nothing.
        """
        inspector = getattr(self.window, "inspector", None)
        address: str | None = getattr(inspector, "address", None)
        b = self.window.briefing
        if address is not None and b is not None and b.element(address) is not None:
            return address
        pages = getattr(self.window, "pages", None)
        if pages is None or not hasattr(self.window, "current_section"):
            return None
        shown: str | None = pages.current_address(self.window.current_section())
        return shown if shown is not None and b is not None and b.element(shown) is not None else None

    # -- adding -----------------------------------------------------------------------
    def highlight_selection(self, color: str, view: FieldView | None = None, note: str = "") -> Annotation | None:
        layer = self.store.writable()
        view = view or self.current_view()
        sel = self.selected_range(view) if view is not None else None
        b = self.window.briefing
        if layer is None or sel is None or b is None:
            if layer is not None:
                self.feedback.tell("Select some text first, then press 1\u20136 to highlight it.")
            return None
        address, fld, start, end = sel
        text = field_text(b, address, fld)
        if text is None:
            self.feedback.tell(f"The {fld} of this element cannot be annotated.")
            return None
        now = utc_now()
        a = Annotation(new_annotation_id(), address, fld, Selector.from_text(text, start, end), color, note,
                       author=self.ensure_author(), created=now, modified=now)
        self.window.undo_stack.push(AddAnnotation(layer, a))
        self.feedback.tell(f"Highlighted as \u201c{color_labels()[color]}\u201d. Press Ctrl+Z to undo.")
        return a

    def annotate(self, view: FieldView | None = None, whole_element: bool = False,
                 address: str | None = None) -> Annotation | None:
        """Open the editor on the selection, or on a whole element: `address`, else the one the analyst
        is looking at (`element_looked_at`). The editor names its target in words."""
        layer = self.store.writable()
        b = self.window.briefing
        if layer is None or b is None:
            return None
        view = view or self.current_view()
        sel = None if whole_element or address is not None or view is None else self.selected_range(view)
        selector: Selector | None = None
        field_: str | None = None
        if sel is not None:
            address, fld, start, end = sel
            text = field_text(b, address, fld)
            if text is None:
                return None
            selector, field_ = Selector.from_text(text, start, end), fld
        else:
            address = address or self.element_looked_at()
            if address is None:
                self.feedback.tell("Select an element or some text to annotate.")
                return None
        author = self.ensure_author()
        target = element_label(b, address)
        editor = AnnotationEditor(widget_of(self.window), title=f"Annotate {target}", target=target,
                                  excerpt=selector.exact if selector else "", color="yellow" if selector else None,
                                  tags_in_use=self.tags_in_use())
        if not self.feedback.prompts.run(editor):
            return None
        v = editor.values()
        now = utc_now()
        a = Annotation(new_annotation_id(), address, field_, selector, v["color"], v["note"], v["tags"],
                       v["confidence"], author, now, now)
        self.window.undo_stack.push(AddAnnotation(layer, a, target))
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
        answer = (self.feedback.prompts.text(widget_of(self.window), AUTHOR_TITLE, AUTHOR_QUESTION,
                                             account_full_name()) or "").strip()
        if answer:
            set_author_name(answer)
            own = self.store.own
            if own is not None and not own.read_only and not own.author:
                own.author = answer
        return answer

    # -- changing ---------------------------------------------------------------------
    def edit(self, annotation_id: str) -> bool:
        """Open the editor on one of the own layer's annotations; True when it changed."""
        layer = self.store.writable()
        a = layer.get(annotation_id) if layer else None
        b = self.window.briefing
        if layer is None or a is None or b is None:
            return False
        target = element_label(b, a.target)
        editor = AnnotationEditor(widget_of(self.window), title=f"Edit annotation on {target}", target=target,
                                  excerpt=a.excerpt, note=a.note, tags=a.tags, color=a.color,
                                  confidence=a.confidence, tags_in_use=self.tags_in_use())
        if not self.feedback.prompts.run(editor):
            return False
        return self.update(annotation_id, **editor.values())

    def update(self, annotation_id: str, **changes: Any) -> bool:
        layer = self.store.writable()
        a = layer.get(annotation_id) if layer else None
        if layer is None or a is None:
            return False
        new = a.edited(**changes)
        if new == a.edited(when=new.modified):
            return False
        self.window.undo_stack.push(EditAnnotation(layer, new))
        return True

    def delete(self, annotation_id: str) -> bool:
        layer = self.store.writable()
        if layer is None or annotation_id not in layer:
            return False
        self.window.undo_stack.push(DeleteAnnotation(layer, annotation_id))
        return True

    def tags_in_use(self) -> list[str]:
        return sorted({t for la in self.store.layers() for a in la for t in a.tags}, key=str.casefold)
