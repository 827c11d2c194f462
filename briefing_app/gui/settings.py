"""Every persistent setting of the reader, declared once.

Each `Setting` names its QSettings key, its type, its default and what it
is for; code reads and writes through `get`/`put` so that values come back
typed. Tests point QSettings at a temporary folder (see `tests/gui/conftest.py`)
and never touch the user's settings.
"""

from __future__ import annotations

from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["Setting", "GEOMETRY", "WINDOW_STATE", "SPLITTERS", "LAST_FILE", "RECENT_FILES",
           "HEADERS", "MAX_RECENT", "ORGANISATION", "APPLICATION", "get", "put", "settings"]

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
RECENT_FILES: Setting[list] = Setting("files/recent", list, [], "recently opened briefings, newest first")


def settings() -> QSettings:
    # INI format everywhere (readable, diffable); `QSettings.setPath(IniFormat, …)` relocates it in tests
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def get(setting: Setting[T], suffix: str = "") -> T:
    key = setting.key + (f"/{suffix}" if suffix else "")
    s = settings()
    if setting.type is list:
        value: Any = s.value(key, setting.default)
        if value is None:
            return list(setting.default)  # type: ignore[return-value]
        if isinstance(value, str):
            return [value]  # type: ignore[return-value]
        return [str(v) for v in value]  # type: ignore[return-value]
    if setting.type is QByteArray:
        value = s.value(key, setting.default)
        return value if isinstance(value, QByteArray) else QByteArray()  # type: ignore[return-value]
    return s.value(key, setting.default, type=setting.type)  # type: ignore[no-any-return]


def put(setting: Setting[T], value: T, suffix: str = "") -> None:
    key = setting.key + (f"/{suffix}" if suffix else "")
    settings().setValue(key, value)
