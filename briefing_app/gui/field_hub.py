"""FieldViewHub: one window's annotation highlights, pushed to every FieldView in it.

Kept apart from `field_view` (whose text widgets are costly to import) so the
main window can own a hub before its first paint and build its views later.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .field_view import FieldHighlight, FieldView

__all__ = ["FieldViewHub"]


class FieldViewHub:
    """Keeps the extra (annotation) highlights of one window and pushes them to every FieldView."""

    def __init__(self) -> None:
        self.highlights: list[FieldHighlight] = []
        self._views: weakref.WeakSet[FieldView] = weakref.WeakSet()

    def register(self, view: FieldView) -> FieldView:
        view.hub = self
        self._views.add(view)
        view.set_extra_highlights(self.highlights)
        return view

    def views(self) -> list[FieldView]:
        return list(self._views)

    def set_extra_highlights(self, highlights: Iterable[FieldHighlight | tuple]) -> None:
        from .field_view import FieldHighlight

        self.highlights = [h if isinstance(h, FieldHighlight) else FieldHighlight(*h) for h in highlights]
        for v in self._views:
            v.set_extra_highlights(self.highlights)
