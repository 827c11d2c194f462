"""The Problems dock: a briefing's validation problems and tradecraft findings, in the app.

`entries` turns core problems and findings into one kind of row (Qt-free);
`model` lists them for a view (a `QAbstractTableModel`); `dock` is the dock
with its Problems and Tradecraft tabs (click or Enter jumps); `file_text`
shows a file's text around a problem when nothing of it could be read;
`marks` draws problems and findings over the text fields they fault;
`controller` is the one object the main window owns and calls. Modules here
may import `briefing_app.core` and `briefing_app.gui.{theme,settings,actions,
views,pages}`, never `briefing_app.gui.window` (the window imports them).
"""
