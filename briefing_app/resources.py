"""The one seam through which code reaches files under `resources/`.

In a source checkout (and an editable install) `resources/` sits beside the
package; an installed wheel carries the same tree as `briefing_app._resources`.
Callers ask for a relative path and never build paths themselves.
"""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def resource_root() -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    from importlib.resources import files

    return Path(str(files("briefing_app._resources")))


def resource_path(*parts: str) -> Path:
    """Absolute path of a bundled resource, e.g. `resource_path("fonts", "x.ttf")`."""
    return resource_root().joinpath(*parts)


def sample_briefing() -> Path:
    """The bundled sample briefing opened when there is nothing else to open."""
    return resource_path("briefings", "japan-nato-liaison-office.yaml")


def app_icon_path() -> Path:
    """The application icon (SVG): window icon, About box, desktop entry."""
    return resource_path("icons", "briefing-reader.svg")
