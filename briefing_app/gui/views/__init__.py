"""Widgets that show briefing text and elements anywhere in the window: the field view, its highlight hub, the inspector.

Qt only; builds on `briefing_app.core`. Imported by pages, dialogs, annotations and the
window; imports none of them.
"""
