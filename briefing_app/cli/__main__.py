"""`python -m briefing_app.cli` is `briefing-app`."""

from briefing_app.cli import entry

entry()
