"""FieldViewHub: one window's annotation highlights, pushed to every FieldView in it.

Kept apart from `field_view` so that the hub depends on the highlights alone,
and a window can own one before it builds any view.

Views that are not FieldViews but show element fields too (the Quotes
section's cards) read the highlights with `highlights_for(address)` and
subscribe to changes with `on_change(fn)`. Their context menus have no text
view to hand to `FieldView.context_menu_hooks`, so they run
`element_menu_hooks` instead: each is called as `fn(address, field, menu)`
and may add whole-element actions (e.g. "Annotate Quote…") to the `QMenu`.

A layer every text view draws alike (the problems marks, gui/problems/marks.py)
is also kept here by name (`set_layer`), so the cards can draw it too
(`layer_for(name, address)`); setting one calls the same listeners.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from briefing_app.gui.views.highlights import FieldHighlight

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from briefing_app.gui.views.field_view import FieldView

__all__ = ["FieldViewHub", "ElementMenuHook"]

ElementMenuHook = Callable[[str, "str | None", "QMenu"], None]


class FieldViewHub:
    """Keeps the extra (annotation) highlights of one window and pushes them to every FieldView."""

    def __init__(self) -> None:
        self.highlights: list[FieldHighlight] = []
        self._by_address: dict[str, list[FieldHighlight]] = {}
        self._views: weakref.WeakSet[FieldView] = weakref.WeakSet()
        self._listeners: list[Callable[[], None]] = []
        #: whole-element context-menu hooks for views without a FieldView (see the module docstring)
        self.element_menu_hooks: list[ElementMenuHook] = []
        self._layers: dict[str, dict[str, list[FieldHighlight]]] = {}

    def register(self, view: FieldView) -> FieldView:
        view.hub = self
        self._views.add(view)
        view.set_extra_highlights(self.highlights)
        return view

    def views(self) -> list[FieldView]:
        return list(self._views)

    def set_extra_highlights(self, highlights: Iterable[FieldHighlight | tuple[Any, ...]]) -> None:
        self.highlights = [h if isinstance(h, FieldHighlight) else FieldHighlight(*h) for h in highlights]
        self._by_address = {}
        for h in self.highlights:
            self._by_address.setdefault(h.address, []).append(h)
        for v in self._views:
            v.set_extra_highlights(self.highlights)
        for fn in list(self._listeners):
            fn()

    def highlights_for(self, address: str) -> list[FieldHighlight]:
        """The extra highlights on any field of one element."""
        return self._by_address.get(address, [])

    def set_layer(self, name: str, highlights: Iterable[FieldHighlight]) -> None:
        """A named layer (e.g. "problems") for the views that are not FieldViews; listeners are called."""
        by_address: dict[str, list[FieldHighlight]] = {}
        for h in highlights:
            by_address.setdefault(h.address, []).append(h)
        if by_address == self._layers.get(name, {}):
            return
        self._layers[name] = by_address
        for fn in list(self._listeners):
            fn()

    def layer_for(self, name: str, address: str) -> list[FieldHighlight]:
        """The highlights of a named layer on any field of one element."""
        return self._layers.get(name, {}).get(address, [])

    def on_change(self, fn: Callable[[], None]) -> None:
        """Call `fn()` after every `set_extra_highlights`."""
        self._listeners.append(fn)

    def run_element_menu_hooks(self, address: str, field: str | None, menu: QMenu) -> None:
        for hook in list(self.element_menu_hooks):
            hook(address, field, menu)
