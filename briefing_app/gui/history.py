"""Back/Forward navigation history of places in a briefing."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Place", "History"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where the analyst is: a section, the selected element, an optional marked source span."""

    section: str
    address: str | None = None
    span: tuple[str, int, int] | None = None  # (source id, start, end) marked in the source text
    field_range: tuple[str, int, int] | None = None  # (field, start, end) marked in the inspector


class History:
    def __init__(self, limit: int = 200):
        self.places: list[Place] = []
        self.index = -1
        self.limit = limit

    @property
    def current(self) -> Place | None:
        return self.places[self.index] if self.index >= 0 else None

    def visit(self, place: Place) -> None:
        if self.current == place:
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

    def clear(self) -> None:
        self.places.clear()
        self.index = -1
