"""The main window and the parts it owns: chrome, navigation, file handling, loading, layout, lazy pages.

Qt only; the top of the GUI. May import every other `gui` package and `briefing_app.core`;
nothing in `gui` imports it back (type-only imports aside).
"""
