"""Benchmark the reader from outside: start-up against a bare PySide6 window, and the large briefing.

    python benchmarks/bench_gui.py [--runs 5] [--large PATH]

1. Start-up, measured as a user sees it: the seconds from spawning
   `python -m briefing_app SAMPLE` (what `briefing-app SAMPLE` runs) to the
   moment the X server has a visible top-level window whose title shows the
   sample's title (the window title is set when the briefing is shown),
   against a bare PySide6 script that shows one window titled
   "Bare PySide6 window", measured the same way in the same run. The probe
   is `xdotool search --onlyvisible --name TITLE`, run every few
   milliseconds under an X server: Xvfb, started for the run unless DISPLAY
   names one (the offscreen platform has no windows to see). Both clocks
   therefore include the same probe latency and the window manager-free
   mapping of Xvfb (run with -noreset: it must not restart between runs). Target, printed as a ratio: <= 2.2x the bare window.
   The app and the bare script run with compiled bytecode cached, as an
   installed app and PySide6 have it: if PYTHONDONTWRITEBYTECODE is set the
   subprocesses get it unset and a temporary PYTHONPYCACHEPREFIX, filled by
   the warm-up run.
2. Large briefing (10,000 events, from benchmarks/make_large_briefing.py),
   from outside too: spawn the app on it and time the window appearing
   (titled "Briefing Reader" while the file is read on the worker thread,
   with progress) and the title showing the briefing (its content shown);
   the difference is "read to content shown". Target <= 1.5 s.
3. Fluidity with the large briefing, in-process (no outside probe can see a
   repaint): keystrokes typed into the search field (target < 100 ms each),
   switching sections, and repaint time per scroll step of the lists, the
   timeline strip, the quote cards and a source text.

Subprocesses get a temporary XDG_CONFIG_HOME so the user's settings are never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"

BARE_TITLE = "Bare PySide6 window"
BARE = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("Hello, briefing")
w.setWindowTitle("{BARE_TITLE}")
w.resize(1400, 900)
w.show()
app.exec()
"""


def _visible(name: str, env: dict[str, str]) -> bool:
    """Whether the X server has a visible window whose title matches `name` (a regular expression)."""
    out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=env,
                         capture_output=True, text=True)
    return out.returncode == 0 and bool(out.stdout.strip())


def time_until_titles(cmd: list[str], titles: list[str], env: dict[str, str], timeout: float = 120.0) -> list[float]:
    """Spawn `cmd`; seconds until a visible window shows each title in turn; then end the process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    found: list[float] = []
    try:
        for title in titles:
            while not _visible(title, env):
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd} ended early: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError(f"no window titled {title!r} after {timeout} s")
                time.sleep(0.002)
            found.append(time.perf_counter() - t0)
    finally:
        proc.terminate()
        proc.wait(10)
    return found


class XServer:
    """The DISPLAY given, else a private Xvfb for the run."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = os.environ.get("DISPLAY", "")

    def __enter__(self) -> str:
        if self.display:
            return self.display
        if not shutil.which("Xvfb") or not shutil.which("xdotool"):
            raise SystemExit("bench_gui.py needs an X display, or Xvfb and xdotool to make one")
        for n in range(140, 200):  # clear of the displays screenshot scripts pick
            if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
                continue
            self.display = f":{n}"
            self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1400x900x24", "-nolisten", "tcp", "-noreset"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env = dict(os.environ, DISPLAY=self.display)
            for _ in range(500):
                if self.proc.poll() is not None:
                    break  # taken meanwhile: try the next
                if subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0:
                    return self.display
                time.sleep(0.01)
            self.proc.terminate()
            self.proc.wait(10)
        raise SystemExit("could not start Xvfb")

    def __exit__(self, *_exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def _env(display: str, bytecode_cache: bool) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="bench-gui-config-"))
    env.pop("QT_QPA_PLATFORM", None)
    if bytecode_cache and env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench-gui-pycache-")
        print("(PYTHONDONTWRITEBYTECODE unset for the runs, bytecode cached in a temporary folder by the "
              "warm-up run; --no-bytecode-cache to compile the app's modules on every run)")
    return env


def _title_pattern(path: Path) -> str:
    """A regular expression for a window title that starts with the briefing's title."""
    import re

    from briefing_app.core.briefing.loader import load_briefing

    return "^" + re.escape(load_briefing(path).title)


def bench_startup(runs: int, display: str, bytecode_cache: bool = True) -> None:
    env = _env(display, bytecode_cache)
    app_cmd = [sys.executable, "-m", "briefing_app", str(SAMPLE)]
    bare_cmd = [sys.executable, "-c", BARE]
    title = _title_pattern(SAMPLE)
    time_until_titles(bare_cmd, [BARE_TITLE], env), time_until_titles(app_cmd, [title], env)  # warm caches
    bare, app = [], []
    for _ in range(runs):
        bare += time_until_titles(bare_cmd, [BARE_TITLE], env)
        app += time_until_titles(app_cmd, [title], env)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"start-up to a visible window with its title (median of {runs}, X display {display}):")
    print(f"  bare PySide6 window                 {b:.3f} s")
    print(f"  briefing-app showing the sample     {a:.3f} s   ratio {a / b:.2f}x  (target <= 2.2x)")


def bench_large_startup(path: Path, display: str, bytecode_cache: bool = True) -> None:
    env = _env(display, bytecode_cache)
    cmd = [sys.executable, "-m", "briefing_app", str(path)]
    window, content = time_until_titles(cmd, ["Briefing Reader", _title_pattern(path)], env)
    print(f"large briefing from outside: window {window:.2f} s, briefing shown {content:.2f} s after spawning; "
          f"read to content shown {content - window:.2f} s  (target <= 1.5 s)")


def bench_large(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="bench-gui-"))
    from briefing_app.gui.window.loading import load_now
    from briefing_app.gui.window.main_window import MainWindow

    t0 = time.perf_counter()
    loaded = load_now(path)
    t_read = time.perf_counter() - t0
    b = loaded.briefing
    print(f"large briefing: {len(b.timeline):,} events, {len(b.actors):,} actors, {len(b.quotes):,} quotes, "
          f"{sum(len(s.text) for s in b.sources) / 1e6:.1f} M characters of source text")
    print(f"  read + validate + index (worker thread): {t_read:.2f} s")

    w = MainWindow()
    nav = w.navigation
    w.resize(1400, 900)
    w.show()
    app.processEvents()
    painted = []

    class Paint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    f = Paint()
    w.overview.view.viewport().installEventFilter(f)
    t1 = time.perf_counter()
    w.set_briefing(b, path, loaded.index)
    t_set = time.perf_counter() - t1
    while not painted:
        app.processEvents()
    t_content = painted[0] - t1
    print(f"  file read -> content painted: {t_content:.3f} s (set_briefing {t_set:.3f} s)  (target <= 1.5 s)")

    for section in ("timeline", "actors", "quotes", "sources"):
        t = time.perf_counter()
        nav.go_section(section)
        w.pages.stack.currentWidget().repaint()
        app.processEvents()
        print(f"  switch to {section:<9}: {1000 * (time.perf_counter() - t):6.1f} ms")

    # search keystrokes, typed into the search field
    from PySide6.QtTest import QTest

    lat = []
    field = w.chrome.search_field
    for query in ("alliance", "naval patrol", "zzzq"):
        field.clear()
        app.processEvents()
        for ch in query:
            t = time.perf_counter()
            QTest.keyClicks(field, ch)
            w.pages.search.view.viewport().repaint()
            app.processEvents()
            lat.append(1000 * (time.perf_counter() - t))
    print(f"  search keystroke: median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms over {len(lat)} "
          "keystrokes  (target < 100 ms)")

    # scrolling
    nav.go_section("timeline")
    view = w.pages.timeline.view
    bar = view.verticalScrollBar()
    steps = []
    for i in range(60):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * i // 60)
        view.viewport().repaint()
        steps.append(1000 * (time.perf_counter() - t))
    print(f"  timeline list scroll step: median {statistics.median(steps):.1f} ms, max {max(steps):.1f} ms")
    strip = w.pages.timeline.strip
    strip.set_zoom(strip.px_per_day * 40)
    hbar = strip.horizontalScrollBar()
    pans = []
    for i in range(60):
        t = time.perf_counter()
        hbar.setValue(hbar.maximum() * i // 60)
        strip.viewport().repaint()
        pans.append(1000 * (time.perf_counter() - t))
    print(f"  timeline strip pan step: median {statistics.median(pans):.1f} ms, max {max(pans):.1f} ms")
    # quote cards: full-height cards laid out in batches; time until every card is measured, then scroll
    nav.go_section("quotes")
    qv = w.pages.quotes.view
    t = time.perf_counter()
    w.pages.quotes.set_briefing(b)  # from scratch: the page may have laid out in the background since it was built
    last_card = w.pages.quotes.proxy.index(w.pages.quotes.proxy.rowCount() - 1, 0)
    batches = []
    while not qv.visualRect(last_card).isValid():  # batched layout: one batch per event-loop pass
        tb = time.perf_counter()
        app.processEvents()
        batches.append(1000 * (time.perf_counter() - tb))
    t_layout = time.perf_counter() - t
    qsteps = []
    qbar = qv.verticalScrollBar()
    for i in range(60):
        t = time.perf_counter()
        qbar.setValue(qbar.maximum() * i // 60)
        qv.viewport().repaint()
        qsteps.append(1000 * (time.perf_counter() - t))
    wheel = []
    for _ in range(40):  # small wheel-like steps, the common case
        t = time.perf_counter()
        qbar.setValue(qbar.value() - 3 * qbar.singleStep())
        qv.viewport().repaint()
        wheel.append(1000 * (time.perf_counter() - t))
    print(f"  quotes ({w.pages.quotes.proxy.rowCount():,} cards): all laid out in {t_layout:.2f} s, in event-loop passes "
          f"of at most {max(batches, default=0):.1f} ms (the window stays live);\n   "
          f"scroll step median {statistics.median(qsteps):.1f} ms, max {max(qsteps):.1f} ms; "
          f"wheel step median {statistics.median(wheel):.1f} ms, max {max(wheel):.1f} ms")
    nav.go_section("sources")
    tv = w.pages.sources.text
    tsteps = []
    for i in range(30):
        t = time.perf_counter()
        tv.verticalScrollBar().setValue(tv.verticalScrollBar().maximum() * i // 30)
        tv.viewport().repaint()
        tsteps.append(1000 * (time.perf_counter() - t))
    print(f"  source text scroll step: median {statistics.median(tsteps):.1f} ms, max {max(tsteps):.1f} ms")
    w.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--large", type=Path, default=Path(tempfile.gettempdir()) / "bench-large-briefing.yaml")
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--skip-large", action="store_true", help="only the start-up comparison")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="start-up runs keep PYTHONDONTWRITEBYTECODE if it is set (see above)")
    ns = ap.parse_args()
    if not ns.skip_large and not ns.large.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from make_large_briefing import main as make_main  # type: ignore[import-not-found]

        old = sys.argv
        sys.argv = ["make_large_briefing.py", str(ns.large)]
        try:
            make_main()
        finally:
            sys.argv = old
    with XServer() as display:
        if not ns.skip_startup:
            bench_startup(ns.runs, display, bytecode_cache=not ns.no_bytecode_cache)
        if not ns.skip_large:
            bench_large_startup(ns.large, display, bytecode_cache=not ns.no_bytecode_cache)
    if not ns.skip_large:
        bench_large(ns.large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
