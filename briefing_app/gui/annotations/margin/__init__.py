"""Notes beside the text: the annotation side of the margin, the Inspector's notes and the panel kept in sync.

`notes.py` turns the open layers into the `MarginNote`s the view-side margin
(`gui/views/margin.py`) draws; `beside.py` is the controller's part that owns
the window's `NoteMargins`, gives reading views their margin, writes an
element's annotations into the Inspector, and keeps the Annotations panel and
the text in step both ways; `highlight_menu.py` adds "Highlight Colour ›" to
the context menu of the analyst's own highlight. Modules here may import core, `gui/views` and the
other annotation modules; nothing outside `gui/annotations` imports them.
"""
