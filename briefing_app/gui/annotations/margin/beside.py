"""The controller's part for notes beside the text: margins, the Inspector's notes, the panel in step.

* Reading views (Overview, a source's text) get a margin of note cards
  (`gui/views/margin.py`); every other text view (the Inspector) the note
  glyphs on its highlights; the notes are refreshed with the highlights.
* The Inspector lists the annotations of the element it shows (a section
  after the element's own, through `Inspector.extra_sections`), and is
  written again when those annotations change, keeping its scroll.
* Text and panel in step: a click on a highlight, its note glyph or its card
  selects the annotation in the Annotations panel (without jumping); choosing
  a row in the panel marks the card and glyph as chosen (the panel's own jump
  scrolls the highlight into view and flashes it).
* A right-click on one of the analyst's highlights offers "Highlight Colour ›"
  (`highlight_menu.py`), an undoable edit; every view's selection is watched
  for Alt (an Alt-drag keeps its exact ends when highlighted; others snap to
  whole words: `editing.snap_to_words`).
* A followed element link ("Details" in the Overview) brings the Inspector to
  the front when the Annotations tab hides it, so the click shows something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from briefing_app.gui.annotations.editing import AnnotationEditing
from briefing_app.gui.annotations.highlights import HighlightPainter
from briefing_app.gui.annotations.layers import LayerStore
from briefing_app.gui.annotations.margin.highlight_menu import HighlightMenu
from briefing_app.gui.annotations.margin.notes import ElementNote, element_notes, margin_notes
from briefing_app.gui.annotations.revision import Placement
from briefing_app.gui.annotations.seams import ReaderWindow, widget_of
from briefing_app.gui.views.field_view import FieldView
from briefing_app.gui.views.inspector import Inspector
from briefing_app.gui.views.margin import NoteMargins

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.annotations.panel import AnnotationPanel
    from briefing_app.gui.views.field_writer import FieldWriter

__all__ = ["NotesBesideText", "READING_VIEWS"]

#: The text views that get a margin of notes (by object name); the narrow Inspector lists notes instead.
READING_VIEWS = ("overview_text", "source_text")


class NotesBesideText(QObject):
    """Shows the annotations' notes beside the text and in the Inspector, and keeps the panel in step."""

    def __init__(self, window: ReaderWindow, store: LayerStore, placement: Placement, editing: AnnotationEditing,
                 painter: HighlightPainter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.store, self.placement, self.editing = window, store, placement, editing
        self.highlight_menu = HighlightMenu(window, store, painter)
        self.margins = NoteMargins(self)
        self.margins.note_activated.connect(self.choose)
        self.margins.note_edit_requested.connect(self._edit)
        self.panel: AnnotationPanel | None = None
        self.inspector: Inspector | None = None
        self._inspector_shown: tuple[str, tuple[ElementNote, ...]] | None = None

    # -- wiring ------------------------------------------------------------------------------
    def attach_view(self, view: FieldView) -> None:
        if isinstance(view, Inspector) and self.inspector is not view:
            self.inspector = view
            view.extra_sections.append(self.write_inspector_notes)
        # reading views get the column of cards; the others (the Inspector) the glyphs and clicks only
        self.margins.attach(view, column=view.objectName() in READING_VIEWS)
        view.link_activated.connect(self._link_followed)
        view.local_menu_hooks.append(self.highlight_menu.extend)
        self.editing.selection_mode.watch(view)

    def connect_panel(self, panel: AnnotationPanel) -> None:
        self.panel = panel
        panel.annotation_chosen.connect(self.margins.set_current)

    def refresh(self) -> None:
        """The layers or their placement changed: new notes for the margins, the Inspector if its element's."""
        self.margins.set_notes(margin_notes(self.store, self.placement))
        insp = self.inspector
        if insp is None or insp.briefing is None or insp.address is None:
            return
        now = (insp.address, tuple(element_notes(self.store, self.placement, insp.address)))
        if now != self._inspector_shown:
            bar = insp.verticalScrollBar()
            keep = bar.value()
            insp.show_element(insp.briefing, insp.address)
            bar.setValue(keep)

    # -- what the analyst does ------------------------------------------------------------------
    def choose(self, annotation_id: str) -> None:
        """A highlight, glyph or card was clicked: mark it chosen and select its row in the panel."""
        self.margins.set_current(annotation_id)
        if self.panel is not None:
            self.panel.select_annotation(annotation_id)

    def _edit(self, annotation_id: str) -> None:
        own = self.store.own
        if own is not None and annotation_id in own:
            self.editing.edit(annotation_id)

    def _link_followed(self, target: str) -> None:
        if ":" in target:  # show:…, section:… are not an element's details
            return
        dock = widget_of(self.window).findChild(QDockWidget, "dock_inspector")
        if dock is not None and not dock.isHidden() and dock.visibleRegion().isEmpty():
            dock.raise_()  # behind the Annotations tab: bring the details to the front

    # -- the Inspector's section -----------------------------------------------------------------
    def write_inspector_notes(self, w: FieldWriter, b: Briefing, address: str) -> None:
        notes = element_notes(self.store, self.placement, address)
        self._inspector_shown = (address, tuple(notes))
        if not notes:
            return
        w.heading(f"Annotations ({len(notes)})", 3, top=16)
        for n in notes:
            w.block(top=8, bottom=0, left=4)
            w.text("\u25a0 ", w.fmt(color=n.color))
            w.text(n.title, w.fmt(size=0.88, semibold=True, color=w.colors.secondary))
            if n.excerpt:
                w.block(top=2, bottom=0, left=18)
                w.text("\u201c" + (n.excerpt if len(n.excerpt) < 160 else n.excerpt[:159] + "\u2026") + "\u201d",
                       w.fmt(size=0.92, italic=True))
            if n.note:
                w.block(top=2, bottom=0, left=18)
                w.text(n.note)
            if n.tags:
                w.block(top=2, bottom=0, left=18)
                w.text(" ".join(f"#{t}" for t in n.tags), w.fmt(size=0.88, color=w.colors.secondary))
            if n.orphan_reason:
                w.block(top=2, bottom=0, left=18)
                w.text(f"\u26a0 No longer fits the briefing: {n.orphan_reason}", w.fmt(size=0.88, bold=True))
