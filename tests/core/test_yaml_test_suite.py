"""Every case of the public YAML test suite: data or our own error, never anything else.

The suite lives in ../shared/conformance/yaml-test-suite/ (beside CI's clone);
without it these tests skip. Each case runs under a time limit and a memory
check, with libyaml and with the pure-Python parser.
"""

from __future__ import annotations

import signal
import tracemalloc
from pathlib import Path

import pytest

from briefing_app.core.briefing.loader import parse_briefing_bytes
from briefing_app.core.io import yamlsafe
from briefing_app.core.problems import BriefingError

SHARED = Path(__file__).resolve().parents[3] / "shared"

CASES_DIR = SHARED / "conformance" / "yaml-test-suite" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []
TIME_LIMIT_S = 5
MEMORY_LIMIT = 8 * 2**20


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Timeout


def _run_case(data: bytes, libyaml: bool) -> str:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT_S)
    try:
        parse_briefing_bytes(data, "in.yaml", use_libyaml=libyaml)
        return "data"
    except BriefingError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 and p.message for p in exc.problems)
        return "error"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not CASES, reason=f"{CASES_DIR} is absent: the YAML test suite is only beside CI's clone")
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("case", CASES or ["none"])
def test_case_gives_data_or_our_error(case, libyaml):
    if libyaml and not yamlsafe.HAVE_LIBYAML:
        pytest.skip("PyYAML built without libyaml")
    data = (CASES_DIR / case / "in.yaml").read_bytes()
    tracemalloc.start()
    try:
        outcome = _run_case(data, libyaml)  # anything but BriefingError fails the test
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"{case}: {peak / 2**20:.1f} MB"
    assert outcome in ("data", "error")


@pytest.mark.skipif(not CASES, reason=f"{CASES_DIR} is absent: the YAML test suite is only beside CI's clone")
def test_invalid_yaml_cases_are_mostly_rejected():
    """Cases the suite marks invalid: the parsers reject most; none may crash us."""
    error_cases = [c for c in CASES if (CASES_DIR / c / "error").exists()]
    rejected = sum(_run_case((CASES_DIR / c / "in.yaml").read_bytes(), yamlsafe.HAVE_LIBYAML) == "error"
                   for c in error_cases)
    assert error_cases
    assert rejected / len(error_cases) > 0.8, f"only {rejected} of {len(error_cases)} invalid cases rejected"
