"""The core and the CLI's validate path import neither Qt nor ReportLab."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, pkgutil, importlib
import briefing_app.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, 'briefing_app.core.')]
assert len(names) > 15, names  # the walk really reached the sub-packages
for name in names:
    importlib.import_module(name)
bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'reportlab')]
print(bad)
sys.exit(1 if bad else 0)
"""


def test_core_imports_no_qt_or_reportlab():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validate_imports_no_qt_or_reportlab(sample_path):
    code = ("import sys; from briefing_app.cli import main; rc = main(['validate', sys.argv[1]]); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab')]; "
            "print(bad); sys.exit(rc or (1 if bad else 0))")
    result = subprocess.run([sys.executable, "-c", code, str(sample_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
