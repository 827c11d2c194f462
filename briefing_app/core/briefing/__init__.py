"""The briefing itself (contract §1): the frozen model, partial dates, verbatim matching, validation and loading.

Qt-free and ReportLab-free. May import `briefing_app.core.io` and `briefing_app.core.problems`;
nothing outside `core` may be imported from here.
"""
