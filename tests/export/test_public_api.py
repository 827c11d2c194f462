"""The brief uses ReportLab's public API only: no `_name` of ReportLab anywhere in the package.

Read from the source (AST): no attribute access `x._name` at all (ReportLab
objects flow everywhere in this package, so the rule is simplest as "none"),
no `_name` imported from ReportLab, no `getattr`/`setattr` with a `_name`
string, and no switching of the garbage collector.
"""

from __future__ import annotations

import ast
from pathlib import Path

import briefing_app.export

PACKAGE = Path(briefing_app.export.__file__).parent
#: Rewritten by another engineer (markdown-it-py); it never touches ReportLab.
NOT_REPORTLAB = {"markdown.py"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str) -> list[str]:
    """Every `._name`, `from reportlab… import _name`, `getattr(x, "_name")` and `gc.` switch in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("reportlab", "_rl_accel")):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names
                      if any(_private(part) for part in a.name.split(".")) or a.name == "gc"]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value)):
            found.append(f"line {node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
    return found


def test_no_private_reportlab_names_in_the_export_package():
    offences = {}
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name in NOT_REPORTLAB:
            continue
        uses = private_uses(path.read_text(encoding="utf-8"))
        if uses:
            offences[path.name] = uses
    assert not offences, offences


def test_the_check_finds_what_the_old_engine_did():
    """The shapes of private use the old text engine had are all caught."""
    old = (
        "import gc\n"
        "from reportlab.pdfbase.pdfdoc import _escape\n"
        "tx._textOut(text)\n"
        "c._addAnnotation(a)\n"
        "state = self._canvas._extgstate\n"
        "frame = getattr(self, '_frame', None)\n"
        "font._dynamicFont\n"
    )
    uses = private_uses(old)
    assert len(uses) == 8, uses
    assert private_uses("x.__class__\nx.public\n") == []
