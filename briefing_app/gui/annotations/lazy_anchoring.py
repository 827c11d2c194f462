"""The door to `briefing_app.core.annotations.anchoring`, opened on first use.

Anchoring pulls in rapidfuzz (fuzzy matches); start-up must not wait for it
(tests/gui/test_startup.py), so the reader imports it only when a layer has
annotations to place, or the analyst annotates.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

__all__ = ["anchoring", "element_label", "field_text"]


def anchoring() -> ModuleType:
    from briefing_app.core.annotations import anchoring as module

    return module


def element_label(briefing: Briefing, address: str) -> str:
    """`Actor: Yoshimasa Hayashi`: from the one table of element kinds (no need to open anchoring for it)."""
    from briefing_app.core.briefing.kinds import element_label as label

    return label(briefing, address)


def field_text(briefing: Briefing, address: str, field: str) -> str | None:
    text: str | None = anchoring().field_text(briefing, address, field)
    return text
