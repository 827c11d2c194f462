"""Lint and typing hold: ruff over the code, mypy over the whole package (strict flags on the Qt-free core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def test_ruff_is_clean():
    pytest.importorskip("ruff", reason="ruff is in the 'test' extra")
    result = _run("ruff", "check", "briefing_app", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_package_type_checks():
    pytest.importorskip("mypy", reason="mypy is in the 'test' extra")
    result = _run("mypy", "briefing_app")
    assert result.returncode == 0, result.stdout + result.stderr
