"""Where each element and field of a briefing stands in its file.

The model is plain data, but a finding about it (a tradecraft warning, say)
must still name `FILE:LINE:COL` like a validation problem does. The loader
records, per element address, the element's own position and its key nodes
(which carry their line and column); nothing else of the parse tree is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

__all__ = ["NodeLocations", "Positioned"]


class Positioned(Protocol):
    """Anything with a 1-based line and column (the YAML reader's nodes)."""

    @property
    def line(self) -> int: ...

    @property
    def col(self) -> int: ...


class NodeLocations:
    """(line, col) of an element or of one of its fields, by address (`""` is the top level)."""

    __slots__ = ("_elements",)

    def __init__(self) -> None:
        self._elements: dict[str, tuple[int, int, Mapping[str, Positioned]]] = {}

    def record(self, address: str, line: int, col: int, keys: Mapping[str, Positioned]) -> None:
        self._elements[address] = (line, col, keys)

    def __contains__(self, address: object) -> bool:
        return address in self._elements

    def of(self, address: str, field: str | None = None) -> tuple[int, int]:
        """The field's key if it is written, else the element, else line 1 column 1."""
        found = self._elements.get(address)
        if found is None:
            return (1, 1)
        line, col, keys = found
        node = keys.get(field) if field else None
        return (node.line, node.col) if node is not None else (line, col)
