"""One row of the Problems dock: a validation problem or a tradecraft finding, located.

Both kinds name a line and column of the file and, when the validator or the
rule knows it, the element (`timeline/ev-x`) and field at fault, so a click
can jump there and the navigator can count them per section.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing_app.core.search import section_of

if TYPE_CHECKING:
    from briefing_app.core.problems import Problem
    from briefing_app.core.tradecraft import Finding

__all__ = ["Entry", "PROBLEM", "FINDING", "from_problems", "from_findings", "counts_by_section"]

PROBLEM, FINDING = "problem", "finding"


@dataclass(frozen=True, slots=True)
class Entry:
    """A problem (the file is not valid there) or a finding (a tradecraft rule's warning)."""

    kind: str  # PROBLEM or FINDING
    file: str
    line: int
    col: int
    message: str
    address: str | None = None  # an element, a bare section, or None (the file as a whole)
    field: str | None = None
    rule: str = ""  # a finding's rule name

    @property
    def where(self) -> str:
        """`FILE:LINE:COL`, as `briefing-app validate` and `check` print it."""
        return f"{self.file}:{self.line}:{self.col}"

    @property
    def section(self) -> str:
        """The app's page the entry is shown on (the Overview for the file as a whole)."""
        return section_of(self.address) if self.address else "overview"

    def line_text(self) -> str:
        """The entry as the command line prints it."""
        if self.kind == PROBLEM:
            return f"{self.where}: {self.message}"
        return f"{self.where}: warning: {self.message} [{self.rule}]"

    def why(self) -> str:
        """For a finding: why its rule matters, and the reference (the rule table's words)."""
        if self.kind != FINDING:
            return ""
        from briefing_app.core.tradecraft import rule_named  # loaded by then: the worker ran the rules

        rule = rule_named(self.rule)
        return f"{rule.what}\n\nWhy: {rule.why}\n\nReference: {rule.reference}"


def from_problems(problems: Iterable[Problem]) -> list[Entry]:
    return [Entry(PROBLEM, p.file, p.line, p.col, p.message, p.address, p.field) for p in problems]


def from_findings(findings: Iterable[Finding], file: str) -> list[Entry]:
    return [Entry(FINDING, file, f.line, f.col, f.message, f.address, f.field, f.rule) for f in findings]


def counts_by_section(entries: Iterable[Entry]) -> dict[str, tuple[int, int]]:
    """(problems, findings) per page section."""
    out: dict[str, tuple[int, int]] = {}
    for e in entries:
        p, f = out.get(e.section, (0, 0))
        out[e.section] = (p + 1, f) if e.kind == PROBLEM else (p, f + 1)
    return out
