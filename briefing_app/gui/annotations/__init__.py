"""Annotations in the reader window: the controller and the parts it owns, the editor, the panel, undo commands.

Qt only. Builds on `briefing_app.core.annotations`; may import `gui.views` (text views)
and `gui.dialogs` (the prompts service), never `gui.window`: the window hands itself to
`controller.install_annotations`, and the parts reach it only through `seams.ReaderWindow`.
"""
