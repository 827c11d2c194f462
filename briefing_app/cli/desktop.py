"""`briefing-app desktop install|uninstall`: register the app with the desktop for this user.

Writes three files under `$XDG_DATA_HOME` (default `~/.local/share`), from
the templates in `resources/desktop/` and the app icon:

* `applications/briefing-app.desktop` — a freedesktop Desktop Entry that opens
  a briefing (`Exec=… %f`); its name matches the app's `desktopFileName`;
* `mime/packages/briefing-app.xml` — the MIME type `application/x-briefing+yaml`,
  a subclass of YAML recognised by its `format: briefing/` line (how an
  ordinary YAML file stays YAML is explained in the package file);
* `icons/hicolor/scalable/apps/briefing-app.svg` — the icon, in the hicolor theme;

then runs `update-mime-database` and `update-desktop-database` when they are
installed. `uninstall` removes exactly those three files (and the icon
folders left empty), then runs the same tools so that their caches — which
stay, as the tools made them — forget the app. The Desktop Entry's `Exec` names the `briefing-app`
script by its absolute path: a desktop session's `PATH` rarely includes the
virtual environment the app was installed into.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from briefing_app.cli.errors import EXIT_OK, CommandError
from briefing_app.core.io.atomic import write_atomic
from briefing_app.resources import app_icon_path, resource_path

__all__ = ["MIME_TYPE", "DESKTOP_FILE", "data_home", "installed_paths", "quote_exec_arg", "exec_command",
           "desktop_command"]

MIME_TYPE = "application/x-briefing+yaml"
DESKTOP_FILE = "briefing-app.desktop"
#: Characters that make an `Exec` argument need double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset, empty or relative (XDG Base Directory spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_paths(base: Path) -> dict[str, Path]:
    """Where install writes each file, under `base` (the data home)."""
    return {
        "desktop": base / "applications" / DESKTOP_FILE,
        "mime": base / "mime" / "packages" / "briefing-app.xml",
        "icon": base / "icons" / "hicolor" / "scalable" / "apps" / "briefing-app.svg",
    }


def quote_exec_arg(arg: str) -> str:
    """One `Exec` argument, quoted as the spec asks, then escaped for a desktop-file string value."""
    if any(c in _RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg.replace("%", "%%").replace("\\", "\\\\")


def exec_command() -> str:
    """The command line that starts this installation of the app (without the `%f`)."""
    beside = Path(sys.executable).parent / "briefing-app"
    found = str(beside) if beside.is_file() and os.access(beside, os.X_OK) else shutil.which("briefing-app")
    args = [os.path.abspath(found)] if found else [sys.executable, "-m", "briefing_app"]
    return " ".join(quote_exec_arg(a) for a in args)


def _run_tool(tool: str, folder: Path) -> None:
    """Refresh a cache with its tool, when the tool is installed; a failure is one sentence."""
    exe = shutil.which(tool)
    if exe is None or not folder.is_dir():
        return
    res = subprocess.run([exe, str(folder)], capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        detail = next((line.strip() for line in res.stderr.splitlines() if line.strip()), f"status {res.returncode}")
        raise CommandError(f"{tool} {folder} failed: {detail}")


def install(base: Path) -> list[Path]:
    paths = installed_paths(base)
    entry = resource_path("desktop", "briefing-app.desktop.in").read_text(encoding="utf-8")
    contents = {
        "desktop": entry.replace("@EXEC@", exec_command()).encode("utf-8"),
        "mime": resource_path("desktop", "briefing-app.xml").read_bytes(),
        "icon": app_icon_path().read_bytes(),
    }
    for key, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, contents[key])
    _run_tool("update-mime-database", base / "mime")
    _run_tool("update-desktop-database", base / "applications")
    return list(paths.values())


def uninstall(base: Path) -> list[Path]:
    removed = []
    for path in installed_paths(base).values():
        if path.is_file():
            path.unlink()
            removed.append(path)
    # The icon folders install made, if nothing else lives in them now. `applications` and
    # `mime/packages` stay: the tools below (and any later install) expect them.
    folder = installed_paths(base)["icon"].parent
    while folder != base and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    if (base / "mime" / "packages").is_dir():  # the database is built from there; none, nothing to rebuild
        _run_tool("update-mime-database", base / "mime")
    _run_tool("update-desktop-database", base / "applications")
    return removed


def desktop_command(action: str) -> int:
    base = data_home()
    if action == "install":
        install(base)
        print(f"installed Briefing Reader for this user under {base}: {DESKTOP_FILE}, the MIME type "
              f"{MIME_TYPE} and the icon", file=sys.stderr)
    else:
        removed = uninstall(base)
        if removed:
            print(f"removed Briefing Reader's desktop entry, MIME type and icon from {base}", file=sys.stderr)
        else:
            print(f"nothing to remove: Briefing Reader is not installed under {base}", file=sys.stderr)
    return EXIT_OK
