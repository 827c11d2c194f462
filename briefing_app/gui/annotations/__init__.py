"""Annotations in the reader window: the controller and its parts, the editor, the panel, undo commands, preferences.

Qt only. Builds on `briefing_app.core.annotations`; may import `gui.views` (text views)
and `gui.dialogs`, never `gui.window` (the window hands itself to the controller).
"""
