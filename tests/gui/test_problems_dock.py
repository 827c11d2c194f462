"""A briefing with problems opens and reads; its problems and tradecraft findings live in the Problems dock.

Driven as an analyst would: open a briefing with a bad date, an unknown
field and a quote that no longer matches its source; read the rest; click
and press Enter on problems to jump; find Export PDF off with the reason;
fix the file and see the problems go. A file nothing can be read of shows
its text around the error; a briefing with planted tradecraft faults lists
its findings with their rules, and the navigator counts them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing_app.core.tradecraft import RULES, check_briefing
from briefing_app.gui.actions import ActionName
from briefing_app.gui.pages.sections_model import Role, SectionsModel
from briefing_app.gui.problems.entries import from_findings, from_problems
from briefing_app.gui.problems.model import ENTRY_ROLE, EntriesModel

from .conftest import SAMPLE, open_with_file_menu, press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PLANTED = Path(__file__).resolve().parents[1] / "data" / "tradecraft" / "planted.yaml"
QUOTE_LINE = "      We are already in discussions, but no details (have been) finalized yet.\n      The reason"


def with_problems(text: str) -> str:
    """The sample with a bad date (an event), an unknown field (an actor) and a misquote."""
    for old, new in (("  - id: ev-2023-03-missile-firing\n    date: 2023-03",
                      "  - id: ev-2023-03-missile-firing\n    date: 2023-13"),
                     ("    kind: person\n    role: Foreign Minister of Japan",
                      "    kind: person\n    rank: minister\n    role: Foreign Minister of Japan"),
                     (QUOTE_LINE, QUOTE_LINE.replace("We are already", "We were already"))):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def invalid(tmp_path):
    path = tmp_path / "revised.yaml"
    path.write_text(with_problems(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.fixture
def opened(qtbot, window, invalid):
    open_with_file_menu(qtbot, window, invalid)
    return window


def row_of(view, text: str) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if text in model.index(r, 1).data():
            return r
    raise AssertionError(text)


def click_row(qtbot, view, row: int) -> None:
    view.scrollTo(view.model().index(row, 1))
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_briefing_with_problems_shows_the_rest_and_lists_them(opened):
    w = opened
    b = w.briefing
    assert b is not None and w.path is not None
    # the rest is there: the actor with the unknown field, the misquoted quote; the event with a bad date is not
    assert b.element("actors/yoshimasa-hayashi") is not None and b.element("quotes/q-hayashi-discussions")
    assert b.element("timeline/ev-2023-03-missile-firing") is None and len(b.timeline) == 5
    dock = w.problems.dock
    assert dock.isVisible() and dock.problems.rowCount() == 3
    wheres = [dock.problems.index(r, 0).data() for r in range(3)]
    assert all(x.startswith("revised.yaml:") and x.count(":") == 2 for x in wheres)  # FILE:LINE:COL
    assert "3 problems" in w.windowTitle() and "3 problems" in w.problems.notice.text()
    assert w.problems.notice.isVisible()
    # Export PDF is off, and says why
    export = w.actions[ActionName.EXPORT_PDF]
    assert not export.isEnabled()
    assert "3 problems" in export.toolTip() and "PDF export is off" in export.statusTip()
    # as `briefing-app check` does, a briefing with problems is not checked for tradecraft further
    assert dock.findings.rowCount() == 0 and dock.tabs.tabText(1) == "Tradecraft (not checked)"


def test_clicking_a_problem_goes_to_its_element_and_enter_too(opened, qtbot):
    w = opened
    view = w.problems.dock.problems_view
    click_row(qtbot, view, row_of(view, "not found verbatim"))
    assert w.current_section() == "quotes" and w.inspector.address == "quotes/q-hayashi-discussions"
    # the element carries a visible mark where its text is shown (the inspector), naming the problem
    insp = w.inspector
    marks = [m for m in insp.highlight_layer("problems") if m.address == insp.address]
    assert [(m.address, m.field) for m in marks] == [("quotes/q-hayashi-discussions", "text")]
    assert "not found verbatim" in marks[0].tooltip
    start, _end = insp.document_range(insp.address, "text", 0, 1)[0]
    assert any("Problem: " in h.tooltip for h in insp.highlights_at(start + 2))  # drawn there, named on hover
    view.setFocus()
    view.setCurrentIndex(view.model().index(row_of(view, "unknown field 'rank'"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert w.current_section() == "actors" and w.inspector.address == "actors/yoshimasa-hayashi"
    # a problem whose element could not be read goes to its section and says so
    click_row(qtbot, view, row_of(view, "2023-13"))
    assert w.current_section() == "timeline"
    assert "could not be read" in w.statusBar().currentMessage()


def test_annotating_works_on_a_briefing_with_problems(opened, qtbot):
    """Highlight part of the misquoted quote (key 1 on a selection) as on any briefing."""
    from briefing_app.gui.annotations.controller import install_annotations
    from briefing_app.gui.annotations.prefs import set_author_name

    w = opened
    set_author_name("A. Analyst")
    controller = install_annotations(w)
    view = opened.problems.dock.problems_view
    click_row(qtbot, view, row_of(view, "not found verbatim"))
    insp = w.inspector
    a, _b = insp.document_range("quotes/q-hayashi-discussions", "text", 0, 7)[0]
    cur = insp.textCursor()
    cur.setPosition(a)
    insp.setTextCursor(cur)
    insp.setFocus()
    for _ in range(7):
        qtbot.keyClick(insp, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert insp.selected_field_range() == ("quotes/q-hayashi-discussions", "text", 0, 7)
    qtbot.keyClick(insp, Qt.Key.Key_1)
    (annotation,) = controller.own
    assert annotation.target == "quotes/q-hayashi-discussions" and annotation.selector.exact == "We were"


def test_the_export_dialog_refuses_a_briefing_with_problems(opened, qtbot):
    from briefing_app.gui.dialogs.export import ExportDialog

    w = opened
    reason = w.problems.export_refusal()
    assert reason and "3 problems" in reason
    dlg = ExportDialog(w, w.path, w.briefing, [], w.prompts, refusal=reason)
    qtbot.addWidget(dlg)
    assert not dlg.export_button.isEnabled() and dlg.message.text() == reason
    dlg.start_export()  # even if asked, it writes nothing
    assert dlg.export_thread is None and dlg.message.text() == reason


def test_fixing_the_file_clears_the_problems(opened, qtbot, invalid):
    w = opened
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):
        invalid.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    dock = w.problems.dock
    assert dock.problems.rowCount() == 0 and not w.problems.notice.isVisible()
    assert "problem" not in w.windowTitle()
    assert w.actions[ActionName.EXPORT_PDF].isEnabled()
    assert w.inspector.highlight_layer("problems") == []
    model = w.pages.navigator.model()
    assert all(model.index(r, 0).data(Role.ISSUES) == (0, 0) for r in range(model.rowCount()))


def test_a_syntax_error_shows_the_text_around_it_with_the_line_marked(window, qtbot, tmp_path):
    w = window
    bad = tmp_path / "broken.yaml"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[40] = "  title: [unclosed"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    w.prompts.answer("open_file", bad)
    with qtbot.waitSignal(w.files.failed, timeout=10_000):
        press(qtbot, w, "Ctrl+O")
    text = w.problems.file_text
    assert text.isVisible() and text.isReadOnly()
    shown = text.toPlainText().splitlines()
    problem = w.problems.dock.problems.index(0, 0).data(ENTRY_ROLE)
    marked = shown[text.marked_line]
    assert marked.split("\u2502")[0].strip() == str(problem.line)  # the faulty line, with its number
    assert "^ YAML syntax error" in shown[text.marked_line + 1]  # a caret under it, with the message
    assert text.textCursor().blockNumber() == text.marked_line
    assert len(shown) < len(lines)  # the lines around it, not the whole file


def test_planted_tradecraft_faults_are_listed_with_their_rules_and_counted(window, qtbot):
    w = window
    with qtbot.waitSignal(w.files.checked, timeout=10_000):  # the rules run once the briefing is on screen
        open_with_file_menu(qtbot, w, PLANTED)
    dock = w.problems.dock
    assert dock.isVisible() and dock.problems.rowCount() == 0
    assert dock.tabs.currentWidget() is dock.findings_view
    expected = check_briefing(w.briefing)
    model = dock.findings
    assert model.rowCount() == len(expected) >= len(RULES) - 1
    rules = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert rules == {f.rule for f in expected}
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    rule = next(r for r in RULES if r.name == model.index(0, 1).data())
    assert rule.why in tip and rule.reference in tip
    # findings do not stop the export: only problems do
    assert w.actions[ActionName.EXPORT_PDF].isEnabled() and "problem" not in w.windowTitle()
    # the navigator counts them per section
    nav = w.pages.navigator.model()
    overview = next(r for r in range(nav.rowCount()) if nav.index(r, 0).data(Role.SECTION) == "overview")
    n_overview = sum(1 for f in expected if f.address.startswith(("key_points/", "summary")))
    assert nav.index(overview, 0).data(Role.ISSUES) == (0, n_overview)
    assert f"{n_overview} tradecraft findings" in nav.index(overview, 0).data(Qt.ItemDataRole.ToolTipRole)
    # click a finding: the key point it is about
    view = dock.findings_view
    r = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "estimative-words")
    click_row(qtbot, view, r)
    assert w.inspector.address == model.index(r, 0).data(ENTRY_ROLE).address
    # Ctrl+C copies the finding as `briefing-app check` prints it
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().endswith("[estimative-words]")


def test_view_problems_shows_and_hides_the_dock(loaded, qtbot):
    w = loaded
    dock = w.problems.dock
    assert not dock.isVisible()  # a tidy briefing: nothing to show
    press(qtbot, w, "Ctrl+Shift+M")
    assert dock.isVisible() and w.actions[ActionName.TOGGLE_PROBLEMS].isChecked()
    assert w.actions[ActionName.TOGGLE_PROBLEMS] in w.menus["View"].actions()
    press(qtbot, w, "Ctrl+Shift+M")
    assert not dock.isVisible()


def test_the_models_pass_the_model_tester(qtmodeltester, invalid):
    from briefing_app.core.briefing.loader import load_briefing, load_briefing_lenient

    b, problems = load_briefing_lenient(invalid, display_name=invalid.name)
    entries = from_problems(problems) + from_findings(check_briefing(load_briefing(PLANTED)), "planted.yaml")
    for kind in ("problem", "finding"):
        model = EntriesModel(kind)
        model.set_entries(entries)
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    sections = SectionsModel()
    sections.set_briefing(b)
    sections.set_issue_counts({"overview": (1, 2), "quotes": (1, 0)})
    qtmodeltester.check(sections)


def test_the_navigator_badge_is_drawn(opened, qtbot):
    nav = opened.pages.navigator
    model = nav.model()
    row = nav.section_row("quotes")
    assert model.index(row, 0).data(Role.ISSUES) == (1, 0)
    assert "1 problem" in model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    rect = nav.visualRect(model.index(row, 0))
    image = nav.viewport().grab(rect).toImage()
    # the badge's red is drawn at the right of the row, left of the count
    reds = [image.pixelColor(x, rect.height() // 2) for x in range(rect.width())]
    assert any(c.red() > 150 and c.green() < 90 and c.blue() < 90 for c in reds)


def test_a_restored_layout_shows_no_empty_banner_before_a_briefing(loaded, qtbot):
    """The layout saved with a briefing open must not bring back an empty classification strip
    in a window that has nothing (or an unreadable file) to show."""
    from briefing_app.gui.window.main_window import MainWindow

    assert loaded.chrome.banner_bar.isVisible()
    loaded.close()  # saves the layout
    w = MainWindow(prompts=loaded.prompts)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.chrome.banner_bar.isVisible() and not w.chrome.banner_top.isVisible()
    w.close()


def test_the_open_file_saved_mid_edit_shows_its_error_and_keeps_the_briefing(window, qtbot, tmp_path):
    """Reload on change: a save that breaks the YAML shows the problem and the file around it (no
    dialog), the briefing as last read a click away; saving the fix reads it again."""
    w = window
    path = tmp_path / "draft.yaml"
    good = SAMPLE.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    open_with_file_menu(qtbot, w, path)
    title = w.briefing.title
    with qtbot.waitSignal(w.files.failed, timeout=10_000):
        path.write_text(good.replace("as_of: ", "as_of: [unclosed ", 1), encoding="utf-8")
    assert w.problems_dialog is None and w.briefing is not None and w.briefing.title == title
    dock = w.problems.dock
    assert dock.isVisible() and "YAML syntax error" in dock.problems.index(0, 1).data()
    assert w.problems.file_text.isVisible() and "1 problem" in w.windowTitle()
    assert not w.actions[ActionName.EXPORT_PDF].isEnabled()
    notice = w.problems.notice
    assert "can no longer be read" in notice.text()
    notice.setFocus()  # the notice's link, by keyboard: the briefing as last read
    qtbot.keyClick(notice, Qt.Key.Key_Tab)
    qtbot.keyClick(notice, Qt.Key.Key_Return)
    assert not w.problems.file_text.isVisible() and w.pages.stack.isVisible()
    click_row(qtbot, dock.problems_view, 0)  # the problem: the file around it again
    assert w.problems.file_text.isVisible()
    with qtbot.waitSignal(w.briefing_changed, timeout=10_000):
        path.write_text(good, encoding="utf-8")
    assert not w.problems.file_text.isVisible() and w.pages.stack.isVisible()
    assert dock.problems.rowCount() == 0 and "problem" not in w.windowTitle()
    assert w.actions[ActionName.EXPORT_PDF].isEnabled() and not notice.isVisible()


def test_the_dock_closes_when_a_clean_briefing_is_opened(opened, qtbot):
    """Opened by a briefing with problems, the dock does not stay open, empty, for the next clean one."""
    from .conftest import SAMPLE, open_and_wait

    qtbot.waitUntil(lambda: opened.problems.dock.isVisible())
    open_and_wait(qtbot, opened, SAMPLE)
    qtbot.waitUntil(lambda: not opened.problems.dock.isVisible())


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
def test_the_misquoted_quote_card_is_marked_and_names_its_problem(opened, qtbot):
    """README: "the faulty text is marked" — on the Quotes list's card too, as in the Inspector."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextCharFormat
    from PySide6.QtWidgets import QToolTip

    w = opened
    press(qtbot, w, "Ctrl+5")  # Go › Quotes
    qtbot.waitUntil(lambda: w.current_section() == "quotes")
    page = w.pages.quotes
    model = page.view.model()
    rows = {model.index(r, 0).data(Role.ADDRESS): model.index(r, 0) for r in range(model.rowCount())}
    bad = rows.pop("quotes/q-hayashi-discussions")
    good = next(iter(rows.values()))
    cards = page.cards
    shown = bad.data()
    dashed = [r for r in cards.field_ranges(bad, "text", shown)
              if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline]
    assert dashed and dashed[0].start <= 1 and dashed[0].length >= len(shown) - 2  # the whole quote
    assert dashed[0].format.underlineColor().red() > 150  # red
    assert "not found verbatim" in cards.problem_note(bad) and cards.problem_note(good) == ""
    assert not cards.field_ranges(good, "text", good.data())
    # hovering the card shows the problem
    vp = page.view.viewport()
    pos = page.view.visualRect(bad).center()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: "not found verbatim" in QToolTip.text())
    QToolTip.hideText()


def _rows_fit_and_wrap(qtbot, view) -> None:
    """Every message wraps inside the view (nothing past its right edge) and its row holds it all."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    model = view.model()
    last = model.columnCount() - 1

    def fits() -> bool:
        if view.header().length() > view.viewport().width():
            return False
        fm = QFontMetrics(view.font())
        for r in range(model.rowCount()):
            index = model.index(r, last)
            rect = view.visualRect(index)
            need = fm.boundingRect(QRect(0, 0, rect.width() - 8, 100_000), int(Qt.TextFlag.TextWordWrap),
                                   index.data()).height()
            if rect.right() > view.viewport().width() or rect.height() < need:
                return False
        return True

    qtbot.waitUntil(fits)


def test_the_dock_opens_tall_enough_and_wraps_at_every_width(window, qtbot, invalid):
    w = window
    w.resize(1400, 900)
    open_with_file_menu(qtbot, w, invalid)
    dock = w.problems.dock
    qtbot.waitUntil(dock.isVisible)
    view = dock.problems_view
    # the three problems show whole (at most a quarter of the window), not two and a half rows
    qtbot.waitUntil(lambda: all(view.visualRect(view.model().index(r, 1)).bottom() <= view.viewport().height()
                                for r in range(view.model().rowCount())))
    assert dock.height() <= w.height() // 4 + 8
    _rows_fit_and_wrap(qtbot, view)
    w.resize(1024, 768)
    _rows_fit_and_wrap(qtbot, view)
    w.resize(1400, 900)
    _rows_fit_and_wrap(qtbot, view)


def test_the_first_height_is_six_entries_at_most_a_quarter(window, qtbot):
    """The planted briefing has ten findings: the dock opens at a quarter of the window."""
    w = window
    open_with_file_menu(qtbot, w, PLANTED)
    dock = w.problems.dock
    qtbot.waitUntil(dock.isVisible)
    assert dock.findings.rowCount() > 6
    qtbot.waitUntil(lambda: abs(dock.height() - w.height() // 4) <= 12)
    _rows_fit_and_wrap(qtbot, dock.findings_view)


def test_the_dock_comes_back_where_the_analyst_put_it(opened, qtbot, invalid):
    """The layout is saved on close; in the next window the dock (made when first needed) takes
    its saved place, and a clean briefing still leaves it closed."""
    from briefing_app.gui.window.main_window import MainWindow

    from .conftest import open_and_wait

    dock = opened.problems.dock
    opened.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, dock)  # the analyst drags it to the top
    qtbot.waitUntil(dock.isVisible)
    opened.close()  # saves the layout
    w = MainWindow(prompts=opened.prompts)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, w, SAMPLE)
    assert not w.problems.dock.isVisible()  # nothing wrong: closed, wherever it stands
    open_and_wait(qtbot, w, invalid)
    assert w.problems.dock.isVisible() and w.dockWidgetArea(w.problems.dock) == Qt.DockWidgetArea.TopDockWidgetArea
    assert w.actions[ActionName.TOGGLE_PROBLEMS].isChecked()
    press(qtbot, w, "Ctrl+Shift+M")
    assert not w.problems.dock.isVisible()
    w.close()
