"""Partial dates keep their precision, sort sensibly and print as analysts write."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.core.briefing.dates import PartialDate, Precision, format_span, parse_partial_date


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [("2023", Precision.YEAR, "2023"), ("2023-03", Precision.MONTH, "Mar 2023"),
     ("2023-03-05", Precision.DAY, "5 Mar 2023")],
)
def test_parse_keeps_precision(text, precision, shown):
    d = PartialDate.parse(text)
    assert d.precision is precision
    assert d.iso() == text
    assert str(d) == shown


def test_march_is_not_first_of_march():
    assert PartialDate.parse("2023-03") != PartialDate.parse("2023-03-01")
    assert PartialDate.parse("2023-03").display(long=True) == "March 2023"


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "23", "2023-3", "2023/03", "March 2023", "", "2023-00"])
def test_parse_rejects_with_reason(bad):
    with pytest.raises(ValueError) as info:
        PartialDate.parse(bad)
    assert str(info.value)


def test_parse_accepts_yaml_dates_and_refuses_datetimes():
    assert parse_partial_date(dt.date(2023, 4, 1)) == PartialDate(2023, 4, 1)
    with pytest.raises(ValueError):
        parse_partial_date(dt.datetime(2023, 4, 1, 12, 0))
    with pytest.raises(ValueError):
        parse_partial_date(2023)


def test_coarser_sorts_before_finer_within_it():
    dates = [PartialDate.parse(t) for t in ["2023-03-05", "2023", "2022-12-31", "2023-03", "2023-04"]]
    assert [d.iso() for d in sorted(dates)] == ["2022-12-31", "2023", "2023-03", "2023-03-05", "2023-04"]


def test_earliest_and_latest_days():
    assert PartialDate.parse("2024-02").latest() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2023-12").latest() == dt.date(2023, 12, 31)
    assert PartialDate.parse("2023").earliest() == dt.date(2023, 1, 1)


@pytest.mark.parametrize(
    ("start", "end", "approx", "expected"),
    [
        ("2023-04-10", "2023-04-12", False, "10\u201312 Apr 2023"),
        ("2023-03", "2023-05", False, "Mar\u2013May 2023"),
        ("2022", None, True, "c.\u00a02022"),
        ("2021", "2023", False, "2021\u20132023"),
        ("2023-03-30", "2023-04-02", False, "30 Mar \u2013 2 Apr 2023"),
        ("2022-12", "2023-01-15", False, "Dec 2022 \u2013 15 Jan 2023"),
        ("2023-03", "2023-03", False, "Mar 2023"),
    ],
)
def test_format_span(start, end, approx, expected):
    e = PartialDate.parse(end) if end else None
    assert format_span(PartialDate.parse(start), e, approx) == expected


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from([1, 2, 3]))
def test_iso_round_trip(day, precision):
    d = PartialDate(day.year, day.month if precision > 1 else None, day.day if precision > 2 else None)
    assert PartialDate.parse(d.iso()) == d
    assert d.earliest() <= d.latest()
