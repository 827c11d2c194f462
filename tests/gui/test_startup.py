"""Start-up, as the analyst sees it: the window opens on the file with its title, a large file is
read on the worker thread with progress, a file that fails shows its problems, `goto` and `search`
open where asked, and a Qt binding known to crash is refused with one sentence.

Sections are built on first visit (the window starts with placeholders), and the annotations,
installed as the window is made, reach pages built later."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from briefing_app.gui.app import file_to_open, run_gui, start_window

from .conftest import SAMPLE, click_section, open_and_wait
from .prompts import ScriptedPrompts

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def started(qtbot):
    """`start_window(...)` as `run_gui` calls it, closed after the test."""
    windows = []

    def start(path, **options):
        w = start_window(path, prompts=ScriptedPrompts(), **options)
        qtbot.addWidget(w)
        windows.append(w)
        return w

    yield start
    for w in windows:
        w.close()


def test_the_window_opens_on_the_file_with_its_title(started, qtbot):
    w = started(SAMPLE)
    assert w.isVisible()
    qtbot.waitUntil(lambda: w.briefing is not None, timeout=10_000)
    assert w.briefing.title in w.windowTitle() and SAMPLE.name in w.windowTitle()
    assert w.current_section() == "overview" and w.briefing.title in w.overview.view.toPlainText()
    assert w.path == SAMPLE.resolve() and w.inspector.address == "summary"
    qtbot.waitUntil(lambda: w.annotations is not None)  # annotations arrive once the briefing is shown
    assert w.findChild(QMenu, "menu_annotations") is not None and w.annotations.store.own is not None


def test_without_a_file_the_last_one_opens_else_the_sample(tmp_path):
    from briefing_app.gui import settings as cfg
    from briefing_app.resources import sample_briefing

    assert file_to_open(None) == sample_briefing()
    last = tmp_path / "last.yaml"
    shutil.copy(SAMPLE, last)
    cfg.put(cfg.LAST_FILE, str(last))
    assert file_to_open(None) == last
    assert file_to_open(SAMPLE) == SAMPLE
    last.unlink()  # gone since: the sample again
    assert file_to_open(None) == sample_briefing()


def test_a_large_file_is_read_on_the_worker_with_progress(started, qtbot, tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from make_large_briefing import make
    finally:
        sys.path.remove(str(BENCHMARKS))
    large = tmp_path / "large.yaml"
    large.write_text(make(events=4000, actors=800, quotes=2000, source_kb=400), encoding="utf-8")
    w = started(large)
    assert w.briefing is None and w.files.loader.busy  # the window is up while the file is read
    assert f"Opening {large.name}" in w.statusBar().currentMessage()
    assert w.pages.empty_hint.text() == f"Opening {large.name}\u2026"
    qtbot.waitUntil(w.chrome.progress.isVisible, timeout=10_000)  # the GUI thread keeps painting
    with qtbot.waitSignal(w.briefing_changed, timeout=60_000):
        pass
    assert not w.chrome.progress.isVisible() and not w.files.loader.busy
    assert len(w.briefing.timeline) == 4000 and w.briefing.title in w.windowTitle()


def test_an_invalid_file_shows_its_problems(started, qtbot, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    w = started(bad)
    qtbot.waitUntil(lambda: w.problems.dock.problems.rowCount() > 0, timeout=10_000)
    assert w.problems.dock.isVisible() and w.problems.file_text.isVisible()
    assert "YAML syntax error" in w.problems.dock.problems.index(0, 1).data()
    assert "title: [unclosed" in w.problems.file_text.toPlainText()
    assert w.briefing is None and "Briefing Reader" in w.windowTitle() and "bad.yaml" in w.windowTitle()
    assert "bad.yaml could not be opened" in w.pages.empty_hint.text()


@pytest.mark.parametrize("goto, section, address", [
    ("actors", "actors", None),
    ("actors/japan", "actors", "actors/japan"),
    ("quotes/q-hayashi-discussions", "quotes", "quotes/q-hayashi-discussions"),
    ("timeline", "timeline", None),
])
def test_goto_opens_at_a_section_or_an_element(started, qtbot, goto, section, address):
    w = started(SAMPLE, goto=goto)
    qtbot.waitUntil(lambda: w.current_section() == section, timeout=10_000)
    if address:
        assert w.inspector.address == address and w.pages.current_address(section) == address
    assert w.history.can_back()  # the Overview is one step back


def test_an_unknown_goto_says_so_and_opens_normally(started, qtbot):
    w = started(SAMPLE, goto="actors/nobody")
    qtbot.waitUntil(lambda: w.briefing is not None, timeout=10_000)
    assert w.current_section() == "overview"
    assert "no section or element \u201cactors/nobody\u201d" in w.statusBar().currentMessage()


def test_search_runs_a_search(started, qtbot):
    w = started(SAMPLE, search="liaison")
    qtbot.waitUntil(lambda: w.current_section() == "search", timeout=10_000)
    assert w.chrome.search_field.text() == "liaison"
    assert w.pages.search.model.rowCount() > 0 and "liaison" in w.pages.search.summary.text()


def test_an_unknown_appearance_is_refused(capsys):
    assert run_gui(SAMPLE, appearance="sepia") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "system, light, dark" in err and "Traceback" not in err


def test_a_broken_qt_binding_is_refused_in_one_sentence(capsys, monkeypatch):
    import briefing_app.gui as gui

    monkeypatch.setattr(gui, "binding_problem", gui.broken_binding_message)
    assert run_gui(SAMPLE) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing-app: PySide6 ") and err.count("\n") == 1 and "Traceback" not in err
    assert f"PySide6-Essentials {gui.GOOD_PYSIDE6}" in err


def test_the_installed_binding_is_not_the_broken_one():
    from briefing_app.gui import binding_problem

    assert binding_problem() is None


def test_the_appearance_applies_a_palette(qapp):
    from briefing_app.gui.theme import apply_appearance, is_dark

    try:
        apply_appearance(qapp, "dark")
        assert is_dark(qapp.palette())
        apply_appearance(qapp, "light")
        assert not is_dark(qapp.palette())
    finally:
        apply_appearance(qapp, "system")


def test_pages_and_the_inspector_are_built_on_first_use(window, qtbot):
    w = window
    assert w.pages.built_pages() == {} and not w.pages.inspector_built()  # placeholders only
    assert w.current_section() == "overview" and w.pages.navigator.currentIndex().row() == 0
    open_and_wait(qtbot, w, SAMPLE)
    assert w.pages.built_pages().keys() == {"overview"} and w.pages.inspector_built()
    assert w.pages.inspector_dock.widget() is w.inspector and w.inspector in w.field_views()
    assert w.overview.view in w.field_views() and w.pages.stack.currentWidget() is w.overview
    assert w.pages.navigator.model().count("quotes") == len(w.briefing.quotes)
    click_section(qtbot, w, "quotes")
    assert set(w.pages.built_pages()) == {"overview", "quotes"}
    assert w.pages.quotes.proxy.rowCount() == len(w.briefing.quotes)
    assert w.pages.stack.currentWidget() is w.pages.quotes and w.pages.quotes.isVisible()
    click_section(qtbot, w, "sources")
    assert w.pages.sources.text in w.field_views()  # highlights and annotation actions reach it


def test_annotations_reach_pages_built_later(qtbot, tmp_path):
    from briefing_app.core.annotations import Annotation, AnnotationLayer, Selector, save_layer, utc_now

    path = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, path)
    b = __import__("briefing_app.core.briefing.loader", fromlist=["load_briefing"]).load_briefing(path)
    text = b.sources[0].text
    layer = AnnotationLayer(b.id, path=tmp_path / "brief.annotations.yaml", author="T")
    now = utc_now()
    layer.add(Annotation("a1", f"sources/{b.sources[0].id}", "text", Selector.from_text(text, 0, 12), "green",
                         "note", author="T", created=now, modified=now))
    save_layer(layer)
    w = start_window(path, prompts=ScriptedPrompts())
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.briefing is not None and w.annotations is not None, timeout=10_000)
    assert len(w.annotations.store.own) == 1
    click_section(qtbot, w, "sources")  # a page built after the layer was read gets its highlight and keys
    view = w.pages.sources.text
    assert [(h.start, h.end) for h in view.highlight_layer("extra")] == [(0, 12)]
    assert any(a.objectName() == "action_highlight_yellow" for a in view.actions())
    w.close()


def test_reader_highlight_tints_match_the_export_stylesheet():
    """The reader keeps its own copy of the six tints so drawing them needs no exporter import."""
    from briefing_app.core.annotations.export import COLOR_CSS
    from briefing_app.gui.annotations.prefs import COLOR_HEX

    assert COLOR_HEX == COLOR_CSS


def test_a_save_between_reading_and_watching_still_reloads(qtbot, tmp_path):
    """The watcher starts once the file has been read: a save in between must not go unnoticed."""
    from briefing_app.gui.window.loading import FileWatcher, file_stamp

    path = tmp_path / "b.yaml"
    path.write_text("title: one\n", encoding="utf-8")
    read_as = file_stamp(path)
    path.write_text("title: two, saved while the window was starting\n", encoding="utf-8")

    watcher = FileWatcher(delay_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=3000) as changed:
        watcher.watch(path, read_as)
        assert watcher.change_pending()
    assert changed.args == [path.resolve()]

    quiet = FileWatcher(delay_ms=50)
    quiet.watch(path, file_stamp(path))  # unchanged since read: nothing to do
    assert not quiet.change_pending()
