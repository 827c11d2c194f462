"""Load a briefing file: read bytes, parse safely, validate, build the model.

This is the one entry point the GUI, the exporter and the CLI use; it raises
`BriefingError` (every problem, located) and nothing else for bad input.
`load_briefing_lenient` is the app's way in: whatever can be read, and every
problem (lenient.py says what a problem leaves out).
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing_app.core.briefing.model import Briefing
from briefing_app.core.briefing.validate import build_briefing, build_briefing_lenient
from briefing_app.core.io.yamlsafe import MAX_BYTES, parse_yaml
from briefing_app.core.problems import BriefingError, LoadError, Problem

__all__ = ["load_briefing", "load_briefing_lenient", "parse_briefing_bytes_lenient", "parse_briefing_bytes", "read_briefing_bytes", "digest_of", "BriefingError"]


def digest_of(data: bytes) -> str:
    """The `briefing_digest` annotation layers record: `sha256:<hex>` of the file's bytes."""
    import hashlib  # here, not at the top: OpenSSL's start-up is no part of opening a briefing

    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_briefing_bytes(path: Path, display_name: str | None = None) -> bytes:
    """Read a file's bytes, turning OS errors and oversize into a located LoadError."""
    name = display_name or str(path)
    try:
        if path.is_dir():
            raise LoadError(name, 1, 1, "this is a folder, not a briefing file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(name, 1, 1, f"the file is {size / 1e6:.1f} MB; the limit for a briefing "
                                        f"file is {MAX_BYTES // 2**20} MB")
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(name, 1, 1, "no such file") from None
    except PermissionError:
        raise LoadError(name, 1, 1, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise LoadError(name, 1, 1, f"the file cannot be read: {exc.strerror or exc}") from None


def parse_briefing_bytes(data: bytes, filename: str, use_libyaml: bool | None = None) -> Briefing:
    """Parse and validate a briefing held in memory."""
    root = parse_yaml(data, filename, use_libyaml=use_libyaml)
    return build_briefing(root, filename)


def load_briefing(path: str | os.PathLike[str], display_name: str | None = None,
                  use_libyaml: bool | None = None) -> Briefing:
    """Load and validate the briefing at `path`; problems name `display_name` (default: the path)."""
    p = Path(path)
    name = display_name or str(path)
    data = read_briefing_bytes(p, name)
    return parse_briefing_bytes(data, name, use_libyaml=use_libyaml)


def parse_briefing_bytes_lenient(data: bytes, filename: str,
                                 use_libyaml: bool | None = None) -> tuple[Briefing | None, list[Problem]]:
    """What can be read of a briefing held in memory, and every problem; None when nothing can be."""
    try:
        root = parse_yaml(data, filename, use_libyaml=use_libyaml)
        return build_briefing_lenient(root, filename)
    except LoadError as exc:
        return None, list(exc.problems)


def load_briefing_lenient(path: str | os.PathLike[str], display_name: str | None = None,
                          use_libyaml: bool | None = None) -> tuple[Briefing | None, list[Problem]]:
    """The app's load: the briefing built from whatever is valid (None if nothing is) and every problem.

    Never raises for bad input: a file that cannot be read or parsed gives (None, [its problem]).
    """
    name = display_name or str(path)
    try:
        data = read_briefing_bytes(Path(path), name)
    except LoadError as exc:
        return None, list(exc.problems)
    return parse_briefing_bytes_lenient(data, name, use_libyaml=use_libyaml)
