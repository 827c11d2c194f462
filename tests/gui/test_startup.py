"""Start-up stays light: the first window imports only what its first paint needs,
and what is deferred (section pages, annotations) still works once it arrives.

`briefing-app FILE` with a small file reads it before the first paint, which then
already shows it on the Overview (the core loader is part of that paint, or, where
the platform can fork, a child process's; the heavy modules still are not); a
large file is read on the worker thread after the window has painted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import SAMPLE, open_and_wait

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PROBE = r"""
import sys
import briefing_app.gui
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from briefing_app.gui.window.main_window import MainWindow
w = MainWindow()
w.show()
app.processEvents()
print(" ".join(sorted(sys.modules)))
"""

#: Modules the first paint must not wait for.
HEAVY = ("rapidfuzz", "reportlab", "yaml", "briefing_app.core.annotations.anchoring", "briefing_app.core.annotations.store",
         "briefing_app.core.annotations.export", "briefing_app.core.briefing.loader", "briefing_app.gui.pages.timeline_strip",
         "briefing_app.gui.pages.list_pages", "briefing_app.gui.pages.search", "briefing_app.gui.pages.sources",
         "briefing_app.gui.annotations.controller", "briefing_app.gui.dialogs.export", "briefing_app.export",
         "briefing_app.gui.views.field_view", "briefing_app.gui.views.inspector", "briefing_app.gui.pages.overview",
         "briefing_app.core.briefing.model", "briefing_app.gui.pages.models")

#: Modules the first paint showing a small briefing must not wait for either (it needs the loader).
HEAVY_WITH_CONTENT = ("rapidfuzz", "reportlab", "briefing_app.core.annotations.anchoring", "briefing_app.core.annotations.store",
                      "briefing_app.core.annotations.export", "briefing_app.gui.pages.timeline_strip",
                      "briefing_app.gui.pages.list_pages", "briefing_app.gui.pages.search", "briefing_app.gui.pages.sources",
                      "briefing_app.gui.annotations.controller", "briefing_app.gui.dialogs.export",
                      "briefing_app.export", "briefing_app.gui.pages.models")

#: Runs `run_gui(FILE)` as `briefing-app FILE` does, reporting the benchmark markers; at the window's
#: first paint, whether the Overview already shows the briefing's title; at the end of the paint
#: that shows it, the modules imported so far; then quits.
RUN = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import briefing_app.gui.app as app
if len(sys.argv) > 2:
    app.SYNC_BYTES = int(sys.argv[2])
def bench(label):
    print("MARK", label, flush=True)
    win = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    if label == "window-shown":
        page = win.built_pages().get("overview")
        shown = page is not None and win.briefing is not None and win.briefing.title in page.view.toPlainText()
        print("TITLE_AT_FIRST_PAINT", shown, flush=True)
    elif label == "content-shown":
        print("MODULES", " ".join(sorted(sys.modules)), flush=True)
    elif label == "annotations-shown":
        print("PROBLEMS_DIALOG", win.problems_dialog is not None, flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)
app._bench = bench
sys.exit(app.run_gui(Path(sys.argv[1]) if sys.argv[1] != "-" else None))  # "-": the last file
"""


CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"


def _run(tmp_path, *args: str, prefetch: bool = True) -> dict[str, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_APP_BENCH": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "BRIEFING_APP_PREFETCH": "1" if prefetch else "0"}
    out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    lines: dict[str, list[str]] = {}
    for line in out.stdout.splitlines():
        key, _, rest = line.partition(" ")
        lines.setdefault(key, []).append(rest)
    return lines


def test_first_window_imports_nothing_heavy():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    assert "briefing_app.gui.window.main_window" in loaded
    assert not [m for m in HEAVY if m in loaded]


@pytest.mark.parametrize("prefetch", [True, False], ids=["read-by-child", "read-in-process"])
def test_small_file_is_on_screen_at_the_first_paint(tmp_path, prefetch):
    out = _run(tmp_path, str(SAMPLE), prefetch=prefetch)
    assert out["MARK"] == ["window-shown", "content-shown", "annotations-shown"]
    assert out["TITLE_AT_FIRST_PAINT"] == ["True"]  # the first paint already shows the briefing
    loaded = set(out["MODULES"][0].split())
    assert {"briefing_app.core.briefing.model", "briefing_app.gui.pages.overview"} <= loaded
    assert not [m for m in HEAVY_WITH_CONTENT if m in loaded]
    # a child process forked before Qt read the file: this process never imported PyYAML or the loader
    read_here = {"yaml", "briefing_app.core.briefing.loader", "briefing_app.core.briefing.validate"} & loaded
    assert read_here == (set() if prefetch and CAN_FORK else {"yaml", "briefing_app.core.briefing.loader",
                                                               "briefing_app.core.briefing.validate"})
    assert out["PROBLEMS_DIALOG"] == ["False"]


def test_large_file_is_read_after_the_first_paint(tmp_path):
    out = _run(tmp_path, str(SAMPLE), "0")  # every file counts as large
    assert out["MARK"] == ["window-shown", "content-shown", "annotations-shown"]
    assert out["TITLE_AT_FIRST_PAINT"] == ["False"]  # the chrome first, the briefing from the worker thread
    assert "briefing_app.core.annotations.anchoring" not in out["MODULES"][0].split()


def test_the_last_file_is_read_by_a_child_too(tmp_path):
    """`briefing-app` with no file opens the last one, known once QtCore has read the settings;
    a child forked then reads it, so this process still imports neither PyYAML nor the loader."""
    ini = tmp_path / "config" / "BriefingReader" / "briefing-app.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(f"[files]\nlast={SAMPLE}\n", encoding="utf-8")
    out = _run(tmp_path, "-")
    assert out["TITLE_AT_FIRST_PAINT"] == ["True"]
    loaded = set(out["MODULES"][0].split())
    expected = set() if CAN_FORK else {"yaml", "briefing_app.core.briefing.loader"}
    assert {"yaml", "briefing_app.core.briefing.loader"} & loaded == expected


@pytest.mark.parametrize("prefetch", [True, False], ids=["read-by-child", "read-in-process"])
def test_invalid_small_file_opens_the_problems_dialog(tmp_path, prefetch):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    out = _run(tmp_path, str(bad), prefetch=prefetch)
    assert out["MARK"] == ["window-shown", "annotations-shown"]  # no content; annotations still arrive
    assert out["TITLE_AT_FIRST_PAINT"] == ["False"]
    assert out["PROBLEMS_DIALOG"] == ["True"]


def test_inspector_and_overview_arrive_on_first_use(qtbot):
    from briefing_app.gui.window.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.built_pages() == {} and w._inspector is None  # the first paint shows the chrome only
    assert w.current_section() == "overview" and w.navigator.currentIndex().row() == 0
    inspector = w.inspector
    assert w.inspector_dock.widget() is inspector and inspector in w.field_views()
    assert w.overview.view in w.field_views() and w.stack.currentWidget() is w.overview
    w.close()


def test_pages_are_built_on_first_visit_with_the_open_briefing(loaded):
    w = loaded
    assert w.built_pages().keys() == {"overview"}  # loading a briefing builds nothing else
    assert w.navigator.model_.count("quotes") == len(w.briefing.quotes)  # counts come from the model
    w.go_section("quotes")
    assert set(w.built_pages()) == {"overview", "quotes"}
    assert w.quotes.proxy.rowCount() == len(w.briefing.quotes)
    assert w.stack.currentWidget() is w.quotes and w.quotes.isVisible()
    w.go_section("sources")
    assert w.sources.text in w.field_views()  # highlights and annotation actions reach it


def test_annotations_installed_after_load_still_attach(qtbot, tmp_path):
    """`install_annotations` may run after the briefing is shown (it is deferred at start-up)."""
    from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, save_layer, utc_now
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.window.main_window import MainWindow

    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    open_and_wait(qtbot, w, path)
    b = w.briefing
    text = b.sources[0].text
    layer = AnnotationLayer(b.id, path=tmp_path / "brief.annotations.yaml", author="T")
    now = utc_now()
    layer.add(Annotation("a1", f"sources/{b.sources[0].id}", "text", Selector.from_text(text, 0, 12), "green",
                         "note", author="T", created=now, modified=now))
    save_layer(layer)
    ctl = install_annotations(w)
    assert len(ctl.own) == 1
    w.go_section("sources")  # a page built after the install gets the highlight and the colour keys
    view = w.sources.text
    assert [(h.start, h.end) for h in view._layers["extra"]] == [(0, 12)]
    assert any(a.objectName() == "action_highlight_yellow" for a in view.actions())
    w.close()


def test_reader_highlight_tints_match_the_export_stylesheet():
    """The reader keeps its own copy of the six tints so drawing them needs no exporter import."""
    from briefing_app.core.annotations.export import COLOR_CSS
    from briefing_app.gui.annotations.prefs import COLOR_HEX

    assert COLOR_HEX == COLOR_CSS


class _FakePrefetch:
    """Stands in for core.prefetch.Prefetch: answers with a briefing, problems, or nothing."""

    def __init__(self, answer):
        self.answer, self.seconds, self.asked = answer, 0.25, 0
        self.stamp = (1_700_000_000_000_000_000, 12345)

    def result(self, timeout: float = 10.0):
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_load_uses_the_childs_answer_and_falls_back_when_there_is_none():
    from briefing_app.core.briefing.loader import load_briefing
    from briefing_app.core.io.prefetch import PrefetchFailed
    from briefing_app.core.problems import BriefingError, Problem
    from briefing_app.gui.window.loading import load_now, load_or_problems

    direct = load_briefing(SAMPLE, display_name=SAMPLE.name)
    answered = _FakePrefetch(direct)
    got = load_now(SAMPLE, warm=False, prefetch=answered)
    assert got.briefing is direct and answered.asked == 1 and got.seconds >= 0.25  # the child's time counts
    assert got.stamp == answered.stamp  # the file as the child read it: the watcher's baseline

    silent = _FakePrefetch(PrefetchFailed("the child ended without an answer"))
    got = load_now(SAMPLE, warm=False, prefetch=silent)  # read here instead
    assert silent.asked == 1 and got.briefing == direct and got.briefing is not direct
    st = SAMPLE.stat()
    assert got.stamp == (st.st_mtime_ns, st.st_size)

    problem = Problem("bad.yaml", 3, 7, "title: expected text, found a list")
    result, problems = load_or_problems(SAMPLE, prefetch=_FakePrefetch(BriefingError([problem])))
    assert result is None and problems == [problem]


def test_a_save_between_reading_and_watching_still_reloads(qtbot, tmp_path):
    """The watcher starts after the first paint, a few hundred ms after the file was read (by a
    child process, even earlier): a save in between must not go unnoticed."""
    from briefing_app.core.io.prefetch import file_stamp
    from briefing_app.gui.window.loading import FileWatcher

    path = tmp_path / "b.yaml"
    path.write_text("title: one\n", encoding="utf-8")
    read_as = file_stamp(path)
    path.write_text("title: two, saved while the window was starting\n", encoding="utf-8")

    watcher = FileWatcher(delay_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=3000) as changed:
        watcher.watch(path, read_as)
    assert changed.args == [path.resolve()]

    quiet = FileWatcher(delay_ms=50)
    with qtbot.assertNotEmitted(quiet.changed, wait=400):
        quiet.watch(path, file_stamp(path))  # unchanged since read: nothing to do
