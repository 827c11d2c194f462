"""`python -m briefing_app` is `briefing-app`."""

from briefing_app.cli import entry

entry()
