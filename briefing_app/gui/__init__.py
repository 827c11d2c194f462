"""The Qt desktop application, built on `briefing_app.core`.

Importing this package first checks for a reference-count bug seen with
PySide6-Essentials 6.12.0 on CPython 3.11: each call of a C++ method that
returns `void` hands back `None` without taking a reference (shiboken there
assumes the immortal `None` of CPython 3.12+, PEP 683), so after a few
thousand calls the interpreter aborts with "Fatal Python error: none_dealloc:
deallocating None". pyproject.toml excludes that release on Python < 3.12;
should another affected build be installed anyway, `_guard_none()` sees the
count fall and gives `None` the huge count CPython 3.12 gives it itself.
"""

from __future__ import annotations

import sys


def _none_leaks() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")  # returns void
    return sys.getrefcount(None) < before


def _guard_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not _none_leaks():
        return
    import ctypes

    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcnt.value < (1 << 40):
        refcnt.value += 1 << 48


_guard_none()
