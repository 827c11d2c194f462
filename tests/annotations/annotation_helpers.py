"""Helpers shared by the annotation tests (imported as `annotation_helpers`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing_app.core.annotations import Annotation, Selector
from briefing_app.core.annotations.anchoring import field_text

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"
T0 = dt.datetime(2026, 11, 28, 18, 0, tzinfo=dt.UTC)


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ (contract and conformance suites) is only beside CI's clone")
    return path


def make_annotation(briefing, ident, target, field=None, start=None, end=None, **kw) -> Annotation:
    selector = None
    if field is not None and start is not None:
        selector = Selector.from_text(field_text(briefing, target, field), start, end)
    kw.setdefault("created", T0)
    kw.setdefault("modified", T0)
    kw.setdefault("author", "A. Analyst")
    return Annotation(ident, target, field, selector, **kw)
