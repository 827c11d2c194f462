"""Shared test set-up: headless Qt, the sample briefing, and `../shared/`.

`../shared/` (the public contract and conformance suites) sits beside the
clone in CI but not in a user's clone; tests that need it skip with a reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ (contract and conformance suites) is only beside CI's clone")
    return path


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_briefing():
    from briefing_app.core.briefing.loader import load_briefing

    return load_briefing(SAMPLE)
