"""Run the tradecraft rules over a briefing and locate what they find.

A `Finding` is what the CLI prints (`FILE:LINE:COL: warning: message [rule]`)
and the app lists: the rule, its severity, the element address and field,
the message with the field path first (as validation problems have it), and
the line and column of the offending node, taken from the location map the
loader keeps in the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing_app.core.briefing.model import Briefing
from briefing_app.core.tradecraft.rules import RULES, Rule

__all__ = ["Finding", "check_briefing"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One tradecraft finding, located in the briefing file."""

    line: int  # 1-based
    col: int  # 1-based
    rule: str
    address: str
    field: str | None
    message: str  # `key_points/kp-x.text: … what to change`
    severity: str = "warning"

    def located(self, file: str) -> str:
        """The CLI's line: `FILE:LINE:COL: warning: message [rule]`."""
        return f"{file}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"


def check_briefing(briefing: Briefing, rules: Iterable[Rule] = RULES) -> list[Finding]:
    """Every finding of `rules` on a (valid) briefing, in file order."""
    where = briefing.locations.of
    out = []
    for rule in rules:
        for address, field, message in rule.check(briefing):
            line, col = where(address, field)
            path = f"{address}.{field}" if field else address
            out.append(Finding(line, col, rule.name, address, field, f"{path}: {message}", rule.severity))
    out.sort(key=lambda f: (f.line, f.col, f.rule, f.message))
    return out
