"""Exit codes and the one way a command reports failure: one plain sentence on stderr.

Every command raises `CommandError` (or prints located `FILE:LINE:COL:` lines
itself and returns 1); `cli.main` turns the exception into
`briefing-app: <sentence>` and its exit code, so no traceback reaches a user.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

__all__ = ["EXIT_OK", "EXIT_INVALID", "EXIT_USAGE", "CommandError", "say", "print_lines"]

EXIT_OK = 0
#: Bad input, a file that cannot be read or written, a failed build.
EXIT_INVALID = 1
#: The command line itself is wrong (unknown command, contradicting options).
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report as one sentence on stderr (exit code attached)."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"briefing-app: {message}", file=sys.stderr)


def print_lines(lines: Iterable[object]) -> None:
    """Located problems (`FILE:LINE:COL: message`) or orphan lines, one per line on stderr."""
    for line in lines:
        print(line, file=sys.stderr)
