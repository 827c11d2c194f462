"""The reader, driven as an analyst would: sections, links, history, search, files."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QUndoCommand
from PySide6.QtWidgets import QApplication, QLabel

from briefing_app.gui.actions import ActionName
from briefing_app.gui.pages.models import Role

from .conftest import SAMPLE, click_link, click_section, open_with_file_menu, press

# the offscreen platform plugin warns about size hints it cannot pass on
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_open_sample_shows_title_banners_and_counts(loaded):
    w = loaded
    b = w.briefing
    assert [kind for kind, _title, _text in w.prompts.asked] == ["open_file"]  # File › Open asked for it
    assert b.title in w.windowTitle() and SAMPLE.name in w.windowTitle()
    chrome = w.chrome
    assert chrome.banner_top.text() == b.classification.upper() == chrome.banner_bottom.text()
    assert chrome.banner_top.isVisible() and chrome.banner_bottom.isVisible()
    model = w.pages.navigator.model()
    counts = {model.index(r, 0).data(Role.SECTION): model.index(r, 0).data(Role.COUNT) for r in range(model.rowCount())}
    assert counts["actors"] == len(b.actors) and counts["timeline"] == len(b.timeline)
    assert counts["quotes"] == len(b.quotes) and counts["sources"] == len(b.sources)
    text = w.overview.view.toPlainText()
    assert b.title in text and b.summary.bluf.strip()[:60] in text
    for kp in b.summary.key_points:
        assert kp.text.strip()[:50] in text
    assert chrome.file_label.text() == str(SAMPLE.resolve())


def test_visit_every_section_by_keyboard_and_by_the_navigator(loaded, qtbot):
    w = loaded
    for name, section in ((ActionName.GO_ACTORS, "actors"), (ActionName.GO_TIMELINE, "timeline"),
                          (ActionName.GO_QUOTES, "quotes"), (ActionName.GO_SOURCES, "sources"),
                          (ActionName.GO_OVERVIEW, "overview")):
        action = w.findChild(QAction, f"action_{name.value}")
        assert action is not None and not action.shortcut().isEmpty()
        press(qtbot, w, action.shortcut().toString())
        assert w.current_section() == section
        assert w.inspector.address is not None, section
        assert w.inspector.toPlainText().strip()
    assert w.actions[ActionName.BACK].isEnabled()
    for section in ("quotes", "actors", "sources"):
        click_section(qtbot, w, section)
        assert w.current_section() == section
        assert w.pages.navigator.currentIndex().data(Role.SECTION) == section
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "actors"


def test_actor_quote_show_in_source_back(loaded, qtbot):
    w = loaded
    b = w.briefing
    quote = b.quotes[0]
    speaker = f"actors/{quote.speaker}"
    click_section(qtbot, w, "actors")
    actors = w.pages.actors
    row = next(r for r in range(actors.proxy.rowCount()) if actors.proxy.index(r, 0).data(Role.ADDRESS) == speaker)
    rect = actors.view.visualRect(actors.proxy.index(row, 0))
    qtbot.mouseClick(actors.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert actors.current_address() == speaker and w.inspector.address == speaker
    # the profile links to the actor's quotes
    assert quote.text.split()[0] in w.inspector.toPlainText()
    click_link(qtbot, w.inspector, quote.address)
    assert w.current_section() == "quotes" and w.pages.quotes.current_address() == quote.address
    assert w.inspector.address == quote.address
    click_link(qtbot, w.inspector, f"show:{quote.address}#q")
    assert w.current_section() == "sources"
    sid, start, end = b.locate(quote.address, quote.text, quote.evidence[0].source if quote.evidence else None)
    text = w.pages.sources.text
    assert [(m.start, m.end) for m in text.highlight_layer("mark")] == [(start, end)]
    assert text.textCursor().position() > 0
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "quotes" and w.pages.quotes.current_address() == quote.address
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "actors" and actors.current_address() == speaker
    press(qtbot, w, "Alt+Right")
    assert w.current_section() == "quotes"
    press(qtbot, w, "Alt+Right")  # back to the passage: the quote in the inspector, its text marked, as before
    assert w.current_section() == "sources" and w.inspector.address == quote.address
    assert [(m.start, m.end) for m in text.highlight_layer("mark")] == [(start, end)]


def test_overview_links_open_sections_and_show_in_source(loaded, qtbot):
    w = loaded
    click_link(qtbot, w.overview.view, "section:timeline")
    assert w.current_section() == "timeline"
    press(qtbot, w, "Alt+Left")
    kp = w.briefing.summary.key_points[0]
    click_link(qtbot, w.overview.view, f"show:{kp.address}#0")
    assert w.current_section() == "sources" and w.inspector.address == kp.address
    assert w.pages.sources.text.highlight_layer("mark")


def test_mouse_back_button(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "timeline")
    qtbot.mouseClick(w.pages.timeline.view.viewport(), Qt.MouseButton.BackButton, pos=QPoint(20, 20))
    assert w.current_section() == "overview"
    qtbot.mouseClick(w.overview.view.viewport(), Qt.MouseButton.ForwardButton, pos=QPoint(20, 20))
    assert w.current_section() == "timeline"


def test_search_groups_results_and_enter_jumps(loaded, qtbot):
    w = loaded
    press(qtbot, w, "Ctrl+Shift+F")
    field = w.chrome.search_field
    assert field.hasFocus()
    qtbot.keyClicks(field, "hayashi")
    assert w.current_section() == "search"
    search = w.pages.search
    groups = [search.model.index(r, 0).data(Role.SECTION) for r in range(search.model.rowCount())]
    assert "actors" in groups and "sources" in groups and "quotes" in groups
    qtbot.keyClick(field, Qt.Key.Key_Down)
    hit = search.model.hit(search.view.currentIndex())
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.current_section() == hit.entry.section
    assert w.inspector.address == hit.entry.address or hit.entry.section == "sources"
    press(qtbot, w, "Alt+Left")
    assert w.current_section() == "search"


def test_search_into_source_marks_the_match(loaded, qtbot):
    w = loaded
    qtbot.mouseClick(w.chrome.search_field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.chrome.search_field, "liaison")
    search = w.pages.search
    model = search.model
    sources_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Role.SECTION) == "sources")
    group = model.index(sources_row, 0)
    hit_index = next(model.index(r, 0, group) for r in range(model.rowCount(group))
                     if model.hit(model.index(r, 0, group)).entry.field == "text")
    hit = model.hit(hit_index)
    search.view.scrollTo(hit_index)
    qtbot.mouseClick(search.view.viewport(), Qt.MouseButton.LeftButton, pos=search.view.visualRect(hit_index).center())
    assert search.view.currentIndex() == hit_index
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    assert w.current_section() == "sources"
    marks = w.pages.sources.text.highlight_layer("mark")
    assert (marks[0].start, marks[0].end) == (hit.start, hit.end)
    assert hit.entry.text[hit.start:hit.end].lower() == "liaison"


def test_an_unreadable_file_lists_problems_and_keeps_briefing(loaded, qtbot, tmp_path):
    """Opening a file nothing can be read of (a YAML syntax error) while a briefing is open: the
    dialog lists its problems and the briefing stays open."""
    w = loaded
    title = w.windowTitle()
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing/1\nid: bad\ntitle: [unclosed\nbogus: 1\n", encoding="utf-8")
    w.prompts.answer("open_file", bad)
    with qtbot.waitSignal(w.files.failed, timeout=10_000):
        press(qtbot, w, "Ctrl+O")
    dlg = w.problems_dialog
    assert dlg is not None and dlg.isVisible()
    assert "The briefing already open" in dlg.findChild(QLabel).text()
    lines = dlg.text.toPlainText().splitlines()
    assert len(lines) >= 1
    assert all(line.split(":")[0].isdigit() and line.split(":")[1].isdigit() for line in lines)
    dlg.copy_all()
    assert QApplication.clipboard().text().startswith(str(bad))
    assert w.windowTitle() == title and w.path == SAMPLE.resolve()
    dlg.close()


def test_a_file_that_failed_with_nothing_open_is_retried_by_reload_and_by_saving_a_fix(window, qtbot, tmp_path):
    """Started on a file nothing can be read of, the window shows its problems in the Problems dock
    and its text around the error; Back, Forward and Export PDF are off, Reload is on and tries
    the file again, and saving a fix opens it by itself."""
    w = window
    act = w.actions
    assert not act[ActionName.BACK].isEnabled() and not act[ActionName.FORWARD].isEnabled()
    assert not act[ActionName.EXPORT_PDF].isEnabled() and not act[ActionName.RELOAD].isEnabled()
    bad = tmp_path / "draft.yaml"
    good = SAMPLE.read_text(encoding="utf-8")
    bad.write_text(good.replace("as_of: ", "as_of: [unclosed ", 1), encoding="utf-8")
    w.prompts.answer("open_file", bad)
    with qtbot.waitSignal(w.files.failed, timeout=10_000):
        press(qtbot, w, "Ctrl+O")
    assert w.briefing is None and w.problems_dialog is None  # no dialog over an empty window
    dock = w.problems.dock
    assert dock.isVisible() and dock.problems.rowCount() >= 1
    assert "YAML syntax error" in dock.problems.index(0, 1).data()
    text = w.problems.file_text
    assert text.isVisible() and "as_of: [unclosed" in text.toPlainText()
    assert "is not a briefing that can be read" in w.problems.notice.text() and w.problems.notice.isVisible()
    assert "draft.yaml" in w.windowTitle() and "1 problem" in w.windowTitle()
    assert act[ActionName.RELOAD].isEnabled() and not act[ActionName.EXPORT_PDF].isEnabled()
    # no empty coloured strip where the classification banner would be
    assert not w.chrome.banner_bar.isVisible() and not w.chrome.banner_top.isVisible()
    with qtbot.waitSignal(w.files.failed, timeout=10_000):  # Reload tries the same file again
        press(qtbot, w, "F5")
    assert w.problems.file_text.isVisible()
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):  # the analyst saves a fix
        bad.write_text(good, encoding="utf-8")
    assert w.path == bad.resolve() and act[ActionName.EXPORT_PDF].isEnabled()
    assert not text.isVisible() and not w.problems.notice.isVisible() and dock.problems.rowCount() == 0
    assert w.chrome.banner_bar.isVisible() and w.chrome.banner_bottom.text() == w.briefing.classification.upper()


def test_a_missing_file_could_not_be_opened_rather_than_being_invalid(window, qtbot, tmp_path):
    w = window
    w.prompts.answer("open_file", tmp_path / "missing.yaml")
    with qtbot.waitSignal(w.files.failed, timeout=10_000):
        press(qtbot, w, "Ctrl+O")
    notice = w.problems.notice.text()
    assert "could not be opened" in notice and "briefing" not in notice
    assert "no such file" in w.problems.dock.problems.index(0, 1).data()
    assert not w.problems.file_text.isVisible()  # nothing to show of a file that is not there
    hint = w.pages.empty_hint
    assert "missing.yaml could not be opened" in hint.text() and hint.isVisible()


def test_cancelling_the_file_chooser_opens_nothing(window, qtbot):
    w = window
    w.prompts.answer("open_file", None)
    press(qtbot, w, "Ctrl+O")
    assert w.prompts.asked[-1][0] == "open_file" and w.briefing is None and not w.files.loader.busy


def test_drag_and_drop_opens_file(loaded, qtbot, tmp_path):
    w = loaded
    copy = tmp_path / "dropped.yaml"
    shutil.copy(SAMPLE, copy)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(copy))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):
        QApplication.sendEvent(w, drop)
    assert w.path == copy.resolve()
    assert "dropped.yaml" in w.windowTitle()


def test_recent_files_menu(window, qtbot, tmp_path):
    w = window
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(SAMPLE, a)
    shutil.copy(SAMPLE, b)
    open_with_file_menu(qtbot, w, a)
    open_with_file_menu(qtbot, w, b)
    menu = w.chrome.recent_menu
    menu.aboutToShow.emit()
    first = menu.findChild(QAction, "recent_0")
    second = menu.findChild(QAction, "recent_1")
    assert first.toolTip() == str(b.resolve()) and second.toolTip() == str(a.resolve())
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):
        second.trigger()
    assert w.path == a.resolve()
    from briefing_app.gui import settings as cfg

    assert cfg.get(cfg.RECENT_FILES)[0] == str(a.resolve())
    assert cfg.get(cfg.LAST_FILE) == str(a.resolve())
    menu.findChild(QAction, "recent_clear").trigger()
    assert cfg.get(cfg.RECENT_FILES) == []


def test_reload_on_change_keeps_place(window, qtbot, tmp_path):
    w = window
    path = tmp_path / "live.yaml"
    shutil.copy(SAMPLE, path)
    open_with_file_menu(qtbot, w, path)
    actor = w.briefing.actors[2]
    w.go_to(actor.address)
    # an editor that writes a new file and renames it over the old one
    text = SAMPLE.read_text(encoding="utf-8").replace(f"title: {w.briefing.title}", "title: Changed title", 1)
    tmp = tmp_path / "live.yaml.new"
    tmp.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):
        os.replace(tmp, path)
    assert w.briefing.title == "Changed title"
    assert w.current_section() == "actors" and w.pages.actors.current_address() == actor.address
    assert w.inspector.address == actor.address


def test_timeline_filters_and_strip_follow_selection(loaded, qtbot):
    w = loaded
    click_section(qtbot, w, "timeline")
    page = w.pages.timeline
    actor_id = next(a.id for a in w.briefing.actors if w.briefing.events_for(a.id))
    page.actor.setCurrentIndex(page.actor.findData(actor_id))
    assert page.proxy.rowCount() == len(w.briefing.events_for(actor_id))
    page.actor.setCurrentIndex(0)
    qtbot.keyClicks(page.filter, "zzzz-no-such-text")
    assert page.proxy.rowCount() == 0
    page.filter.clear()
    idx = page.proxy.index(1, 0)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(idx).center())
    assert page.strip.item.selected == idx.data(Role.ADDRESS) == w.inspector.address
    page.strip.setFocus()
    qtbot.keyClick(page.strip, Qt.Key.Key_Right)
    assert page.view.currentIndex().data(Role.ADDRESS) == page.strip.item.selected


def test_actors_table_sorts_and_filters(loaded, qtbot):
    click_section(qtbot, loaded, "actors")
    page = loaded.pages.actors
    header = page.view.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(4) + header.sectionSize(4) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    top = page.proxy.index(0, 0).data(Role.ELEMENT)
    assert len(loaded.briefing.events_for(top.id)) == max(len(loaded.briefing.events_for(a.id))
                                                          for a in loaded.briefing.actors)
    page.kind.setCurrentIndex(page.kind.findData("person"))
    assert all(page.proxy.index(r, 0).data(Role.ELEMENT).kind == "person" for r in range(page.proxy.rowCount()))
    qtbot.keyClicks(page.filter, "hayashi")
    assert page.proxy.rowCount() == 1 and "1 of" in page.count.text()


def test_undo_stack_drives_unsaved_indicator(loaded, qtbot):
    w = loaded

    class Noop(QUndoCommand):
        def redo(self):
            pass

        def undo(self):
            pass

    w.undo_stack.push(Noop("test"))
    assert w.isWindowModified() and w.chrome.unsaved_label.isVisibleTo(w)
    qtbot.mouseClick(w.overview.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    press(qtbot, w, "Ctrl+Z")  # (in the search field, Ctrl+Z would undo its typing)
    assert not w.isWindowModified()
    assert w.actions[ActionName.REDO].isEnabled()
    assert "Ctrl+Shift+Z" in [s.toString() for s in w.actions[ActionName.REDO].shortcuts()]


def test_settings_saved_on_close(loaded, isolated_settings):
    from briefing_app.gui import settings as cfg

    loaded.close()
    assert not cfg.get(cfg.GEOMETRY).isEmpty()
    assert not cfg.get(cfg.SPLITTERS, "main").isEmpty()
    assert cfg.get(cfg.LAST_FILE) == str(SAMPLE.resolve())
    assert any(isolated_settings.rglob("*.ini"))


def test_appearance_is_a_setting_chosen_from_the_view_menu(loaded, qtbot):
    from briefing_app.gui import settings as cfg
    from briefing_app.gui.theme import is_dark

    w = loaded
    entries = [a.objectName() for a in w.chrome.appearance_menu.actions()]
    assert entries == ["action_appearance_system", "action_appearance_light", "action_appearance_dark"]
    assert w.chrome.appearance_menu.menuAction() in w.chrome.menus["View"].actions()
    assert w.actions[ActionName.APPEARANCE_SYSTEM].isChecked()
    try:
        w.actions[ActionName.APPEARANCE_DARK].trigger()
        assert cfg.get(cfg.APPEARANCE) == "dark" and is_dark(QApplication.palette())
        assert w.actions[ActionName.APPEARANCE_DARK].isChecked()
        w.actions[ActionName.APPEARANCE_LIGHT].trigger()
        assert cfg.get(cfg.APPEARANCE) == "light" and not is_dark(QApplication.palette())
    finally:
        w.actions[ActionName.APPEARANCE_SYSTEM].trigger()
    assert cfg.get(cfg.APPEARANCE) == "system"


def test_accessible_names_on_main_widgets(loaded):
    w, p = loaded, loaded.pages
    for widget in (p.navigator, w.inspector, w.chrome.search_field, p.actors.view, p.timeline.view, p.timeline.strip,
                   p.quotes.view, p.sources.text, p.search.view, w.overview.view):
        assert widget.accessibleName(), widget.objectName()
