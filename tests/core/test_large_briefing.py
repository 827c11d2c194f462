"""The benchmark generator's 10,000-event briefing, with month-precision range ends, validates.

Before partial-date ranges were compared by the days they can mean, a range
such as `2003-04-12` .. `2003-04` was refused as "end before date".
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from briefing_app.core.briefing.dates import Precision
from briefing_app.core.briefing.loader import parse_briefing_bytes

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_large_briefing.py"


def _make(**sizes: int) -> str:
    spec = importlib.util.spec_from_file_location("make_large_briefing", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.make(**sizes)
    return text


def test_ten_thousand_events_with_month_precision_ends_validate():
    text = _make(events=10_000, actors=200, quotes=100, source_kb=100)
    b = parse_briefing_bytes(text.encode("utf-8"), "large.yaml")
    assert len(b.timeline) == 10_000
    ranges = [e for e in b.timeline if e.end is not None]
    month_ends = [e for e in ranges if e.end.precision is Precision.MONTH]
    assert len(month_ends) == len(ranges) > 500
    # the case that used to be refused: a day-precision start, ending in the same month
    assert any(e.date.precision is Precision.DAY and (e.date.year, e.date.month) == (e.end.year, e.end.month)
               for e in month_ends)
