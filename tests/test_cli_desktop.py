"""`briefing-app desktop install|uninstall` (issue 11): checked with the desktop's own tools.

Everything happens in a scratch `XDG_DATA_HOME`. The checks that need
desktop-file-utils, shared-mime-info, xdg-utils or GLib's `gio` skip with a
reason when the tool is absent. `xdg-mime query filetype` asks `gio` under
GNOME, Xfce, MATE, LXDE and Cinnamon (set through `XDG_CURRENT_DESKTOP`) and
`kmimetypefinder` (Qt's `QMimeDatabase`, checked directly) under KDE; with no
desktop at all it falls back to `file`, which knows no shared-mime-info types.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_app.cli.desktop import MIME_TYPE, installed_paths, quote_exec_arg

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (desktop-file-utils, shared-mime-info, xdg-utils, "
                    "libglib2.0-bin)")


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k not in ("DISPLAY",
                                                                                         "WAYLAND_DISPLAY")}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                "QT_QPA_PLATFORM": "offscreen", **extra})
    return env


def _app(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_app.cli", *args], capture_output=True, text=True,
                          timeout=120, env=_env(home, **extra))


def _tool(home: Path, *cmd: str) -> str:
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=_env(home, XDG_CURRENT_DESKTOP="GNOME"))
    return res.stdout.strip()


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_install_writes_the_entry_the_type_and_the_icon_and_uninstall_removes_them(home):
    res = _app(home, "desktop", "install")
    assert res.returncode == 0, res.stderr
    assert res.stderr == (f"installed Briefing Reader for this user under {home / 'data'}: briefing-app.desktop, "
                          f"the MIME type {MIME_TYPE} and the icon\n")
    paths = installed_paths(home / "data")
    assert all(p.is_file() for p in paths.values())
    assert paths["icon"].read_bytes() == (REPO / "resources" / "icons" / "briefing-reader.svg").read_bytes()
    entry = paths["desktop"].read_text()
    for line in ("Type=Application", "Name=Briefing Reader", "Icon=briefing-app", "Terminal=false",
                 f"MimeType={MIME_TYPE};"):
        assert line in entry.splitlines()
    assert [ln for ln in entry.splitlines() if ln.startswith(("GenericName=", "Comment=", "Categories="))]
    exec_line = next(ln for ln in entry.splitlines() if ln.startswith("Exec="))
    assert exec_line.endswith("briefing-app %f") or exec_line.endswith("-m briefing_app %f")

    res = _app(home, "desktop", "uninstall")
    assert res.returncode == 0 and res.stderr.startswith("removed Briefing Reader's desktop entry")
    assert not any(p.exists() for p in paths.values())
    assert not (home / "data" / "icons").exists()
    # What stays is the caches the tools keep, and they no longer mention the app.
    for name in _files(home / "data"):
        assert b"briefing" not in (home / "data" / name).read_bytes(), name
    res = _app(home, "desktop", "uninstall")
    assert (res.returncode, res.stderr) == (0, f"nothing to remove: Briefing Reader is not installed under "
                                               f"{home / 'data'}\n")


def test_a_relative_xdg_data_home_is_ignored(home):
    res = _app(home, "desktop", "install", XDG_DATA_HOME="relative/data")
    assert res.returncode == 0, res.stderr
    assert (home / ".local" / "share" / "applications" / "briefing-app.desktop").is_file()


def test_the_desktop_entry_validates(home):
    _need("desktop-file-validate")
    assert _app(home, "desktop", "install").returncode == 0
    res = subprocess.run(["desktop-file-validate", str(installed_paths(home / "data")["desktop"])],
                         capture_output=True, text=True)
    assert (res.returncode, res.stdout + res.stderr) == (0, "")


def test_briefings_get_the_type_and_ordinary_yaml_stays_yaml(home):
    _need("update-mime-database", "xdg-mime", "gio")
    plain = home / "settings.yaml"
    plain.write_text("name: not a briefing\nformat: plain\n")
    renamed = home / "no-suffix"
    shutil.copy(SAMPLE, renamed)
    before = _tool(home, "xdg-mime", "query", "filetype", str(SAMPLE))
    assert before == "application/x-yaml"  # the test does see the scratch data home only
    assert _app(home, "desktop", "install").returncode == 0
    assert _tool(home, "xdg-mime", "query", "filetype", str(SAMPLE)) == MIME_TYPE
    assert _tool(home, "xdg-mime", "query", "filetype", str(renamed)) == MIME_TYPE
    assert _tool(home, "xdg-mime", "query", "filetype", str(plain)) == "application/x-yaml"
    assert _tool(home, "xdg-mime", "query", "default", MIME_TYPE) == "briefing-app.desktop"
    assert _tool(home, "xdg-mime", "query", "default", "application/x-yaml") != "briefing-app.desktop"
    assert _app(home, "desktop", "uninstall").returncode == 0
    assert _tool(home, "xdg-mime", "query", "filetype", str(SAMPLE)) == "application/x-yaml"


QT_MIME = ("import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
           "print(' '.join(db.mimeTypeForFile(f).name() for f in sys.argv[1:])); "
           "print(db.mimeTypeForName('application/x-briefing+yaml').allAncestors())")


def test_qt_sees_the_same_types(home):
    """Qt's QMimeDatabase (KDE's kmimetypefinder) reads the same package."""
    _need("update-mime-database")
    plain = home / "settings.yml"
    plain.write_text("a: 1\n")
    assert _app(home, "desktop", "install").returncode == 0
    res = subprocess.run([sys.executable, "-c", QT_MIME, str(SAMPLE), str(plain)], capture_output=True, text=True,
                         env=_env(home), timeout=60)
    names, ancestors = res.stdout.splitlines()
    assert names == f"{MIME_TYPE} application/x-yaml"
    assert "application/x-yaml" in ancestors and "text/plain" in ancestors


def test_xdg_open_starts_the_app_on_the_briefing(home):
    """Opening a briefing as a file manager does starts the app on it (it then holds the file's lock)."""
    _need("update-mime-database", "update-desktop-database", "xdg-open", "gio")
    brief = home / "brief.yaml"
    shutil.copy(SAMPLE, brief)
    lock = home / "brief.annotations.yaml.lock"
    assert _app(home, "desktop", "install").returncode == 0
    # The app inherits xdg-open's output streams: not pipes, or xdg-open's run would last as long as the app.
    subprocess.run(["xdg-open", str(brief)], env=_env(home, XDG_CURRENT_DESKTOP="GNOME"), timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip()):
        assert time.monotonic() < deadline, "the app did not open the briefing"
        time.sleep(0.05)
    pid = int(lock.read_text().split()[0])  # QLockFile writes the holder's process id first
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if Path("/proc").is_dir() else []
        assert not cmdline or cmdline[-2] == str(brief).encode()
    finally:
        os.kill(pid, signal.SIGTERM)  # the app this test started, by its id
    deadline = time.monotonic() + 60
    while lock.exists():
        assert time.monotonic() < deadline, "the app did not end on SIGTERM"
        time.sleep(0.05)


def test_exec_arguments_are_quoted_as_the_spec_asks():
    assert quote_exec_arg("/opt/briefing/bin/briefing-app") == "/opt/briefing/bin/briefing-app"
    assert quote_exec_arg("/home/a b/venv/bin/briefing-app") == '"/home/a b/venv/bin/briefing-app"'
    # `$` and `\` are escaped inside the quotes, then every backslash once more for the key's string value.
    assert quote_exec_arg("/x/$y\\z") == '"/x/\\\\$y\\\\\\\\z"'
    assert quote_exec_arg("/100%/app") == "/100%%/app"
