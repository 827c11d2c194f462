"""Located problems and the errors that carry them.

Every complaint about an input file names the file, the line and column of the
offending node, and says what was expected and what was found, so that the
CLI can print `FILE:LINE:COL: message` and the GUI can list them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

__all__ = ["Problem", "BriefingError", "LoadError"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int  # 1-based
    col: int  # 1-based
    message: str
    #: the element at fault (`timeline/ev-x`; a bare section such as `timeline` when the element has
    #: no readable id; None for the file as a whole) and the field, when the validator knows them
    address: str | None = dataclasses.field(default=None, compare=False)
    field: str | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"

    def short(self) -> str:
        """`line:col: message`, for a dialog that already names the file."""
        return f"{self.line}:{self.col}: {self.message}"


class BriefingError(Exception):
    """A briefing (or annotation) file could not be used; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LoadError(BriefingError):
    """The file could not be read or parsed at all (one problem)."""

    def __init__(self, file: str, line: int, col: int, message: str):
        super().__init__([Problem(file, line, col, message)])

    @property
    def problem(self) -> Problem:
        return self.problems[0]
