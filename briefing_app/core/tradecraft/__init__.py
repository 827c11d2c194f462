"""Tradecraft checks (ICD 203 analytic standards, ICD 206 sourcing) over a loaded, valid briefing.

`rules` holds the one table of rules (name, what, why, reference), each a plain
function over the model; `wording` finds estimative language in text; `checks`
runs the rules and locates the findings. Qt-free and ReportLab-free: may import
`briefing_app.core.briefing` only.
"""

from briefing_app.core.tradecraft.checks import Finding, check_briefing
from briefing_app.core.tradecraft.rules import RULES, Issue, Rule, rule_named, rules_markdown

__all__ = ["Finding", "check_briefing", "RULES", "Issue", "Rule", "rule_named", "rules_markdown"]
