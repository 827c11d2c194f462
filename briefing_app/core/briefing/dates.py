"""Partial dates: a year, a month or a day, kept at the precision written.

Reporting often says "in March 2023" or "in 2022"; turning that into
2023-03-01 would invent precision the source never gave. A `PartialDate`
remembers what was known, sorts sensibly (2023 before 2023-03 before
2023-03-05) and prints the way an analyst writes dates ("Mar 2023",
"c. 2022", "10–12 Apr 2023").
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import IntEnum

__all__ = ["Precision", "PartialDate", "format_span", "parse_partial_date"]

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_PARTIAL_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EN_DASH = "\u2013"


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            _dt.date(self.year, self.month or 1, self.day)  # raises ValueError if impossible

    # -- construction -----------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError says what is wrong."""
        m = _PARTIAL_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}")
        y, mo, d = m.groups()
        try:
            return cls(int(y), int(mo) if mo else None, int(d) if d else None)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date: {exc}") from None

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    # -- properties -------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological key: a coarser date sorts before the finer ones inside it."""
        return (self.year, self.month or 0, self.day or 0, int(self.precision))

    def earliest(self) -> _dt.date:
        """First day the date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """Last day the date can mean."""
        if self.day is not None:
            return self.earliest()
        if self.month is not None:
            nxt = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)

    # -- ordering ---------------------------------------------------------
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key >= other.sort_key

    # -- text -------------------------------------------------------------
    def iso(self) -> str:
        """The form it is written in files: `2023`, `2023-03`, `2023-03-05`."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def display(self, long: bool = False) -> str:
        """Human form: `2023`, `Mar 2023`, `5 Mar 2023` (or `March 2023` with long)."""
        names = MONTH_NAMES if long else MONTH_ABBR
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{names[self.month - 1]} {self.year}"
        return f"{self.day} {names[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.display()


def parse_partial_date(value: object) -> PartialDate:
    """Accept a string or a `datetime.date` (YAML may hand either)."""
    if isinstance(value, _dt.datetime):
        raise ValueError("expected a date, found a date and time")
    if isinstance(value, _dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {value!r}")


def format_span(
    start: PartialDate,
    end: PartialDate | None = None,
    approximate: bool = False,
    long: bool = False,
) -> str:
    """Format a date or a range compactly: `10–12 Apr 2023`, `Mar–May 2023`, `c. 2022`.

    Shared parts are written once when both ends have the same precision;
    otherwise both ends are written in full.
    """
    prefix = "c.\u00a0" if approximate else ""
    if end is None or end == start:
        return prefix + start.display(long)
    names = MONTH_NAMES if long else MONTH_ABBR
    p = start.precision
    if p == end.precision and start.year == end.year and start.month and end.month:
        m1, m2 = names[start.month - 1], names[end.month - 1]
        if p is Precision.DAY and start.month == end.month:
            return f"{prefix}{start.day}{EN_DASH}{end.day} {m2} {end.year}"
        if p is Precision.DAY:
            return f"{prefix}{start.day} {m1} {EN_DASH} {end.day} {m2} {end.year}"
        return f"{prefix}{m1}{EN_DASH}{m2} {end.year}"
    if p is Precision.YEAR and end.precision is Precision.YEAR:
        return f"{prefix}{start.year}{EN_DASH}{end.year}"
    return f"{prefix}{start.display(long)} {EN_DASH} {end.display(long)}"
