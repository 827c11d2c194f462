"""The Qt desktop application, built on `briefing_app.core`.

Importing this package applies `_pin_none()` before any Qt code runs: with
PySide6 6.12 on CPython < 3.12 every call of a C++ method returning `void`
hands back `None` without taking a reference (shiboken assumes the immortal
`None` of CPython 3.12+, PEP 683). Each call then lowers `None`'s reference
count by one, and after a few thousand calls the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None". Giving `None` a huge
reference count is what CPython 3.12 does itself, so it is safe; it is a no-op
on 3.12 and later.
"""

from __future__ import annotations

import sys


def _pin_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcnt.value < (1 << 40):
        refcnt.value += 1 << 48


_pin_none()
