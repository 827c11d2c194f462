"""`briefing-app check FILE… [--strict]`: validation plus the tradecraft checks (contract §3).

One line per finding on stdout — the report itself, as a linter prints it, so
`check FILE > report.txt` keeps it:
`FILE:LINE:COL: error: message` for a validation problem (the file is then
not checked further) and `FILE:LINE:COL: warning: message [rule]` for a
tradecraft finding. Exit 1 on any error — with `strict`, on any warning too —
else 0; a tidy briefing prints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = ["check_command"]

EXIT_OK = 0
EXIT_FAILED = 1


def check_command(files: Sequence[str], strict: bool) -> int:
    """Check each file; return the exit status."""
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.core.problems import BriefingError
    from briefing_app.core.tradecraft import check_briefing

    errors = warnings = 0
    for name in files:
        try:
            briefing = load_briefing(Path(name), display_name=name)
        except BriefingError as exc:
            for p in exc.problems:
                print(f"{p.file}:{p.line}:{p.col}: error: {p.message}")
            errors += len(exc.problems)
            continue
        for finding in check_briefing(briefing):
            print(finding.located(name))
            if finding.severity == "error":
                errors += 1
            else:
                warnings += 1
    return EXIT_FAILED if errors or (strict and warnings) else EXIT_OK
