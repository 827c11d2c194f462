"""Every persistent setting of the reader, declared once.

Each `Setting` names its QSettings key, its type, its default and what it
is for; code reads and writes through `get`/`put` so that values come back
typed. Tests point QSettings at a temporary folder (see `tests/gui/conftest.py`)
and never touch the user's settings.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["Setting", "GEOMETRY", "WINDOW_STATE", "SPLITTERS", "LAST_FILE", "RECENT_FILES",
           "HEADERS", "MAX_RECENT", "APPEARANCE", "APPEARANCES", "LAST_EXPORT_PATH", "PAGE_SIZE", "COLOR_LABELS", "AUTHOR", "SHOW_PROBLEMS", "ORGANISATION", "APPLICATION", "get", "put", "settings",
           "TEXT_ZOOM"]

ORGANISATION = "BriefingReader"
APPLICATION = "briefing-app"
MAX_RECENT = 10

T = TypeVar("T")


class Setting(NamedTuple, Generic[T]):
    key: str
    type: type
    default: T
    description: str


GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray(),
                                        "main window position and size")
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray(),
                                            "toolbars and docks")
SPLITTERS: Setting[QByteArray] = Setting("window/splitters", QByteArray, QByteArray(),
                                         "prefix for splitter states (one key per splitter)")
HEADERS: Setting[QByteArray] = Setting("window/headers", QByteArray, QByteArray(),
                                       "prefix for table column states (one key per table)")
LAST_FILE: Setting[str] = Setting("files/last", str, "", "the briefing open when the app last closed")
RECENT_FILES: Setting[list[str]] = Setting("files/recent", list, [], "recently opened briefings, newest first")
APPEARANCE: Setting[str] = Setting("view/appearance", str, "system",
                                   "light or dark: 'system' (follow the desktop), 'light' or 'dark'")

#: The values APPEARANCE takes.
APPEARANCES = ("system", "light", "dark")
LAST_EXPORT_PATH: Setting[str] = Setting("export/last_path", str, "", "where the last PDF brief was written")
PAGE_SIZE: Setting[str] = Setting("export/page_size", str, "a4", "page size of PDF briefs (a4 or letter)")
COLOR_LABELS: Setting[str] = Setting("annotations/labels", str, "",
                                     "prefix for what each highlight colour means (one key per colour; "
                                     "empty: the default meaning)")
AUTHOR: Setting[str] = Setting("annotations/author", str, "", "the analyst's name, written into new annotations")
SHOW_PROBLEMS: Setting[bool] = Setting("view/show_problems", bool, True,
                                       "show the Problems dock when a briefing with problems or tradecraft "
                                       "findings is opened")
TEXT_ZOOM: Setting[int] = Setting("view/text_zoom", int, 100,
                                  "size of the text in the reading views and the Inspector, in percent")


def settings() -> QSettings:
    # INI format everywhere (readable, diffable); `QSettings.setPath(IniFormat, …)` relocates it in tests
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def get(setting: Setting[T], suffix: str = "") -> T:
    """The stored value, of the setting's type (its default when unset or unreadable)."""
    key = setting.key + (f"/{suffix}" if suffix else "")
    s = settings()
    value: Any
    if setting.type is list:
        raw = s.value(key, setting.default)
        # QSettings (INI) hands back one string for a one-item list and None for an empty one
        value = [] if raw is None else [raw] if isinstance(raw, str) else [str(v) for v in cast(list[Any], raw)]
    elif setting.type is QByteArray:
        raw = s.value(key, setting.default)
        value = raw if isinstance(raw, QByteArray) else QByteArray()
    else:
        value = s.value(key, setting.default, type=setting.type)
    return cast(T, value)


def put(setting: Setting[T], value: T, suffix: str = "") -> None:
    key = setting.key + (f"/{suffix}" if suffix else "")
    settings().setValue(key, value)
