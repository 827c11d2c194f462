"""Element addresses (contract §1): `summary`, `actors/japan`, `key_points/kp-x`, or a bare section.

Annotation files, `--goto`, links in the app and the tradecraft findings all
name elements this way. `Address` is the one place that knows the form, so
nobody splits strings on "/" by hand: parse once, read `section` and
`element`, format with `str()`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Address", "AddressError", "ADDRESS_SECTIONS", "section_of"]

#: The sections an address can name, in reading order (FORMAT.md §1).
ADDRESS_SECTIONS = ("summary", "key_points", "actors", "relations", "timeline", "quotes", "sources")
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


class AddressError(ValueError):
    """Text that is not an element address; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class Address:
    """A section (`actors`) or one element of it (`actors/japan`); `summary` has no elements."""

    section: str
    element: str | None = None

    def __post_init__(self) -> None:
        if self.section not in ADDRESS_SECTIONS:
            raise AddressError(f"{self.section!r} is not a section; expected one of {', '.join(ADDRESS_SECTIONS)}")
        if self.element is not None:
            if self.section == "summary":
                raise AddressError("the summary is one element: its address is 'summary', with no id after it")
            if not _ID_RE.fullmatch(self.element):
                raise AddressError(f"{self.element!r} is not an id (lower-case letters, digits and '-', "
                                   "starting with a letter or digit)")

    @classmethod
    def parse(cls, text: str) -> Address:
        """`actors/japan` → Address("actors", "japan"); AddressError says what is wrong."""
        return _parse(text)

    @property
    def is_element(self) -> bool:
        """True for `summary` and `section/id`; False for a bare list section such as `actors`."""
        return self.element is not None or self.section == "summary"

    def __str__(self) -> str:
        return self.section if self.element is None else f"{self.section}/{self.element}"


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> Address:
    section, slash, element = text.partition("/")
    if section not in ADDRESS_SECTIONS:
        import difflib  # only when there is a mistake to explain

        close = difflib.get_close_matches(section, ADDRESS_SECTIONS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise AddressError(f"{text!r} is not an element address: {section!r} is not a section{hint}; expected "
                           "'summary', a section such as 'actors', or an element such as 'actors/<id>'")
    if slash and not element:
        raise AddressError(f"{text!r} is not an element address: an id must follow '{section}/'")
    try:
        return Address(section, element if slash else None)
    except AddressError as exc:
        raise AddressError(f"{text!r} is not an element address: {exc}") from None


def section_of(address: str) -> str:
    """The section an address string names (its first part, even when the rest is malformed).

    For hot loops over every element (search indexes, exports) that need only the section:
    no `Address` is built.
    """
    return address.partition("/")[0]
