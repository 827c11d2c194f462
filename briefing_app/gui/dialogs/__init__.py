"""Dialogs of the reader: the problems list, Export PDF, Keyboard Shortcuts.

Qt only; each dialog builds on `briefing_app.core` (and `briefing_app.export` for the PDF)
and may use `gui.views`; none imports the main window.
"""
