"""The core and the CLI's validate path import neither Qt nor ReportLab."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, pkgutil, importlib
import briefing_app.core as core
for m in pkgutil.iter_modules(core.__path__):
    importlib.import_module('briefing_app.core.' + m.name)
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
