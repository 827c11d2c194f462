"""`briefing-app validate FILE…`: silent and exit 0 when every file is valid.

Otherwise exit 1 and every problem of every file, one `FILE:LINE:COL: message`
line each on stderr. Imports only the core loader: no Qt, no ReportLab.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing_app.cli.errors import EXIT_INVALID, EXIT_OK, print_lines

__all__ = ["validate_command"]


def validate_command(files: Sequence[str]) -> int:
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.core.problems import BriefingError

    status = EXIT_OK
    for name in files:
        try:
            load_briefing(Path(name), display_name=name)
        except BriefingError as exc:
            status = EXIT_INVALID
            print_lines(exc.problems)
    return status
