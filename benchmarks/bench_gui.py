"""Benchmark the reader: start-up against a bare PySide6 window, and the large briefing.

    python benchmarks/bench_gui.py [--runs 5] [--large PATH]

1. Start-up: seconds from spawning `briefing-app SAMPLE` to the first paint of
   its window (the app prints `window-shown <time.time()>` when
   BRIEFING_APP_BENCH=1) and to the end of the first paint in which the
   Overview shows the sample's title, BLUF and key points (`content-shown`),
   against a bare PySide6 script that shows one labelled window. Target:
   ratio <= 2. Both clocks stop at the end of a paint: the bare label's
   first, the app's first that shows the briefing. Both run with compiled
   bytecode cached, as an installed app and PySide6 have it: if PYTHONDONTWRITEBYTECODE is set (it is in some
   sandboxes; PySide6's bytecode was compiled when it was installed, an
   editable install's never is) the subprocesses get it unset and a temporary
   PYTHONPYCACHEPREFIX, filled by the warm-up run. `--no-bytecode-cache`
   keeps the environment as it is (the app's modules compiled on every run).
   Also timed: the app reading the file in-process rather than in a forked
   child (BRIEFING_APP_PREFETCH=0; what Windows and macOS do).
2. Large briefing (10,000 events, from benchmarks/make_large_briefing.py):
   time to read + validate + index it (worker thread in the app), then the
   time from "file read" to content painted in the window. Target <= 1.5 s.
3. Search keystroke latency with the large briefing: typing a query one
   character at a time, each keystroke updating the grouped results.
   Target < 100 ms.
4. Scrolling: repaint time per page step in the 10,000-event list and per
   pan step of the timeline strip.

Runs under the offscreen platform unless DISPLAY is set; subprocesses get a
temporary XDG_CONFIG_HOME so the user's settings are never touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "briefings" / "japan-nato-liaison-office.yaml"

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
class Label(QLabel):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:  # the end of the first paint: the label is on screen
            self.painted = True
            print("window-shown", f"{time.time():.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
w = Label("Hello, briefing")
w.resize(1400, 900)
w.show()
app.exec()
"""


def _spawn(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    marks = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("window-shown", "content-shown", "annotations-shown"):
            marks[parts[0]] = float(parts[1]) - t0
    if "window-shown" not in marks:
        raise RuntimeError(f"no marker from {cmd}: {out.stdout!r} {out.stderr[-500:]!r}")
    return marks


def bench_startup(runs: int, bytecode_cache: bool = True) -> None:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-gui-config-")
    if bytecode_cache and env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench-gui-pycache-")
        print("(PYTHONDONTWRITEBYTECODE unset for the runs, bytecode cached in a temporary folder by the "
              "warm-up run; --no-bytecode-cache to compile the app's modules on every run)")
    env.update(BRIEFING_APP_BENCH="1", BRIEFING_APP_QUIT_AFTER_CONTENT="1")
    app_cmd = [sys.executable, "-m", "briefing_app.cli", str(SAMPLE)]
    bare_cmd = [sys.executable, "-c", BARE]
    _spawn(bare_cmd, env), _spawn(app_cmd, env)  # warm the file cache
    in_process = dict(env, BRIEFING_APP_PREFETCH="0")
    bare, shown, content, annotations, content_in_process = [], [], [], [], []
    for _ in range(runs):
        bare.append(_spawn(bare_cmd, env)["window-shown"])
        m = _spawn(app_cmd, env)
        shown.append(m["window-shown"])
        content.append(m.get("content-shown", float("nan")))
        annotations.append(m.get("annotations-shown", float("nan")))
        content_in_process.append(_spawn(app_cmd, in_process).get("content-shown", float("nan")))
    b, s, c = statistics.median(bare), statistics.median(shown), statistics.median(content)
    a, c0 = statistics.median(annotations), statistics.median(content_in_process)
    print(f"start-up (median of {runs}): bare PySide6 window {b:.3f} s")
    print(f"  briefing-app window shown   {s:.3f} s   ratio {s / b:.2f}x")
    print(f"  briefing-app sample content {c:.3f} s   ratio {c / b:.2f}x  (target <= 2x; the first paint "
          "showing it)")
    print(f"  annotations installed       {a:.3f} s   ratio {a / b:.2f}x")
    print(f"  sample content, file read in-process (BRIEFING_APP_PREFETCH=0, as where fork is unavailable) "
          f"{c0:.3f} s   ratio {c0 / b:.2f}x")


def bench_large(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    import briefing_app.gui  # noqa: F401  (applies the PySide6 workaround first)

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
        w.go_section(section)
        w.stack.currentWidget().repaint()
        app.processEvents()
        print(f"  switch to {section:<9}: {1000 * (time.perf_counter() - t):6.1f} ms")

    # search keystrokes
    lat = []
    for query in ("alliance", "naval patrol", "zzzq"):
        w.search_field.clear()
        app.processEvents()
        for i in range(1, len(query) + 1):
            t = time.perf_counter()
            w.search_field.setText(query[:i])
            w.search.view.viewport().repaint()
            app.processEvents()
            lat.append(1000 * (time.perf_counter() - t))
    print(f"  search keystroke: median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms over {len(lat)} "
          "keystrokes  (target < 100 ms)")

    # scrolling
    w.go_section("timeline")
    view = w.timeline.view
    bar = view.verticalScrollBar()
    steps = []
    for i in range(60):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * i // 60)
        view.viewport().repaint()
        steps.append(1000 * (time.perf_counter() - t))
    print(f"  timeline list scroll step: median {statistics.median(steps):.1f} ms, max {max(steps):.1f} ms")
    strip = w.timeline.strip
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
    w.go_section("quotes")
    qv = w.quotes.view
    t = time.perf_counter()
    w.quotes.set_briefing(b)  # from scratch: the page may have laid out in the background since it was built
    last_card = w.quotes.proxy.index(w.quotes.proxy.rowCount() - 1, 0)
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
    print(f"  quotes ({w.quotes.proxy.rowCount():,} cards): all laid out in {t_layout:.2f} s, in event-loop passes "
          f"of at most {max(batches, default=0):.1f} ms (the window stays live);\n   "
          f"scroll step median {statistics.median(qsteps):.1f} ms, max {max(qsteps):.1f} ms; "
          f"wheel step median {statistics.median(wheel):.1f} ms, max {max(wheel):.1f} ms")
    w.go_section("sources")
    tv = w.sources.text
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
    if not ns.skip_startup:
        bench_startup(ns.runs, bytecode_cache=not ns.no_bytecode_cache)
    if ns.skip_large:
        return 0
    if not ns.large.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from make_large_briefing import main as make_main  # type: ignore[import-not-found]

        old = sys.argv
        sys.argv = ["make_large_briefing.py", str(ns.large)]
        try:
            make_main()
        finally:
            sys.argv = old
    bench_large(ns.large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
