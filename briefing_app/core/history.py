"""Back/Forward navigation history of places in a briefing."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

__all__ = ["Place", "History"]


class Place(NamedTuple):
    """Where the analyst is: a section, the selected element, an optional marked source span."""

    section: str
    address: str | None = None
    span: tuple[str, int, int] | None = None  # (source id, start, end) marked in the source text
    field_range: tuple[str, int, int] | None = None  # (field, start, end) marked in the inspector
    #: where the section's scroll areas stood when the analyst left (vertical, horizontal) each, so
    #: Back returns to the same view, as a browser does; not part of what makes two places the same
    scroll: tuple[tuple[int, int], ...] | None = None

    def same_as(self, other: Place | None) -> bool:
        return other is not None and self._replace(scroll=None) == other._replace(scroll=None)


class History:
    def __init__(self, limit: int = 200):
        self.places: list[Place] = []
        self.index = -1
        self.limit = limit

    @property
    def current(self) -> Place | None:
        return self.places[self.index] if self.index >= 0 else None

    def visit(self, place: Place) -> None:
        if place.same_as(self.current):
            return
        del self.places[self.index + 1:]
        self.places.append(place)
        if len(self.places) > self.limit:
            del self.places[0]
        self.index = len(self.places) - 1

    def replace(self, place: Place) -> None:
        """Update the current place in place (selection moved without a jump)."""
        if self.index < 0:
            self.visit(place)
        else:
            self.places[self.index] = place

    def can_back(self) -> bool:
        return self.index > 0

    def can_forward(self) -> bool:
        return self.index < len(self.places) - 1

    def back(self) -> Place | None:
        if not self.can_back():
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> Place | None:
        if not self.can_forward():
            return None
        self.index += 1
        return self.places[self.index]

    def prune(self, keep: Callable[[Place], Place | None]) -> None:
        """Map every place through `keep` (None drops it), e.g. after the briefing was reloaded.

        The current place stays current (or the nearest earlier one that is kept), and steps
        that became the same as the one before them are merged.
        """
        places: list[Place] = []
        index = -1
        for i, p in enumerate(self.places):
            q = keep(p)
            if q is not None and (not places or not places[-1].same_as(q)):
                places.append(q)
            if i == self.index:
                index = len(places) - 1
        self.places = places
        self.index = index if places else -1
        if self.places and self.index < 0:
            self.index = 0

    def clear(self) -> None:
        self.places.clear()
        self.index = -1
