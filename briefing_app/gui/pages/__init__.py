"""The section pages of the reader (Overview, Actors, Timeline, Quotes, Sources, Search) and their item models.

Qt only. Pages are built on first visit by `gui.window.lazy_pages`; they may import
`gui.views` and `briefing_app.core`, never `gui.window`.
"""
