"""`ProblemsController`: a briefing with problems, shown as such — the window owns one.

It keeps the problems and tradecraft findings of the briefing shown and
puts them where the analyst sees them: the Problems dock (click or Enter
jumps to the element), marks over the faulty fields, counts in the
navigator, a notice above the pages and a word in the title bar ("3
problems"), and the reason PDF export is off (only a valid briefing is
exported). When nothing of a file can be read (a YAML syntax error) it
shows the file's text around the error in place of the pages.

Most briefings have nothing wrong, so the dock (and its modules), the
notice and the file's text are made the first time there is something to
show in them or the analyst asks (View › Problems), not with the window.
A dock made after the window restored its layout takes its saved place
(`QMainWindow.restoreDockWidget`).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from briefing_app.core.problems import Problem
from briefing_app.gui import settings as cfg
from briefing_app.gui.actions import ActionName
from briefing_app.gui.problems.entries import PROBLEM, Entry, counts_by_section, from_findings, from_problems
from briefing_app.gui.theme import colors, mix

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

    from briefing_app.core.briefing.model import Briefing
    from briefing_app.gui.problems.dock import ProblemsDock
    from briefing_app.gui.problems.file_text import FileTextView
    from briefing_app.gui.views.field_view import FieldView

__all__ = ["ProblemsController", "plural"]


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class ProblemsController(QObject):
    """The problems and findings of the briefing shown, on the window's dock, pages, title and actions."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        #: the briefing the entries belong to (a briefing shown some other way has none)
        self.briefing: Briefing | None = None
        self.entries: list[Entry] = []
        #: whether the tradecraft rules were run on the briefing the entries are about
        self._checked = True
        #: a file nothing could be read of, shown as text (None when a briefing is shown)
        self.unreadable: Path | None = None
        self._dock: ProblemsDock | None = None
        self._notice: QLabel | None = None
        self._file_text: FileTextView | None = None
        window.actions[ActionName.TOGGLE_PROBLEMS].toggled.connect(self._toggled)
        self._sized = False
        export = window.actions[ActionName.EXPORT_PDF]
        self._export_tips = (export.toolTip(), export.statusTip())

    # -- the parts made on first use --------------------------------------------------------
    @property
    def dock(self) -> ProblemsDock:
        """The Problems dock, made (hidden, where the saved layout had it) when first needed."""
        if self._dock is None:
            from briefing_app.gui.problems.dock import ProblemsDock

            dock = self._dock = ProblemsDock(self.window)
            dock.hide()
            dock.set_entries(self.entries, checked=self._checked)
            if not self.window.restoreDockWidget(dock):  # not in the saved layout: the default place
                self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()  # shown by what asked for it (a restored layout may have had it open)
            action = self.window.actions[ActionName.TOGGLE_PROBLEMS]
            dock.visibilityChanged.connect(lambda _v: action.setChecked(not dock.isHidden()))
            dock.entry_activated.connect(self.activate)
        return self._dock

    def dock_built(self) -> bool:
        return self._dock is not None

    @property
    def notice(self) -> QLabel:
        """The line above the pages saying what is wrong (made when there is first something to say)."""
        if self._notice is None:
            notice = self._notice = QLabel()
            notice.setObjectName("problems_notice")
            notice.setWordWrap(True)
            notice.setTextFormat(Qt.TextFormat.RichText)
            notice.setAccessibleName("Problems notice")
            notice.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            notice.hide()
            notice.linkActivated.connect(self._notice_link)
            self.window.chrome.central_layout.insertWidget(0, notice)
        return self._notice

    def _set_entries(self, entries: list[Entry], checked: bool) -> None:
        """The entries shown, on the dock if it is made (else it starts with them when it is)."""
        self.entries, self._checked = entries, checked
        if self._dock is not None:
            self._dock.set_entries(entries, checked=checked)

    # -- what the window tells it ------------------------------------------------------
    def loaded(self, briefing: Briefing, path: Path, problems: list[Problem], findings: list[Any] | None) -> None:
        """A briefing was read (with its problems, if any): call before the window shows it.

        `findings` None: the tradecraft rules were not run — a briefing with problems is not checked
        (as `check` does), and one without gets its findings with `checked`, once it is on screen.
        """
        self.briefing, self.unreadable = briefing, None
        self._set_entries(from_problems(problems) + from_findings(findings or [], path.name), findings is not None)
        self._hide_file_text()
        if problems or findings is not None:
            self._show_or_hide(raise_findings=not problems)
        # else the findings follow: the dock stays as it is until they say whether it is needed

    def checked(self, briefing: Briefing, path: Path, findings: list[Any] | None) -> None:
        """The tradecraft findings of the briefing shown (None: the rules could not be run on it)."""
        if briefing is not self.briefing or self.unreadable is not None:
            return  # another file since
        problems = [e for e in self.entries if e.kind == PROBLEM]
        self._set_entries(problems + from_findings(findings or [], path.name), findings is not None)
        self._show_or_hide(raise_findings=not problems)
        self._counts()
        for view in self.window.field_views():
            self.mark(view)

    def _show_or_hide(self, raise_findings: bool) -> None:
        show: bool = cfg.get(cfg.SHOW_PROBLEMS)
        if self.entries and show:
            self.show_dock(raise_findings=raise_findings)
        elif not self.entries and self._dock is not None:
            self._dock.hide()  # nothing wrong: an empty dock only takes room

    def unreadable_file(self, path: Path, problems: list[Problem]) -> None:
        """Nothing of `path` could be read and nothing else is shown: its problems and its text."""
        self.briefing, self.unreadable = None, path
        self._set_entries(from_problems(problems), False)
        self.show_dock()
        # a file that is not there, or not a readable file, is not "an invalid briefing"
        what = "is not a briefing that can be read" if path.is_file() and os.access(path, os.R_OK) \
            else "could not be opened"
        self._set_notice(f"\u26a0 <b>{html.escape(path.name)}</b> {what}: {plural(len(problems), 'problem')}. "
                         "Fix the file and save it (it is read again by itself), or press Reload (F5).")
        if problems:
            self._show_file_text(path, problems[0])
        self._counts()

    def unreadable_reload(self, path: Path, problems: list[Problem]) -> None:
        """The briefing shown, read again after a change, can no longer be read (saved mid-edit, say):
        its problems and the file's text around them; the briefing as last read stays a click away."""
        self.unreadable = path
        self._set_entries(from_problems(problems), False)  # about the file on disk; the pages keep the last read
        self.show_dock()
        self._set_notice(f"\u26a0 <b>{html.escape(path.name)}</b> can no longer be read: "
                         f"{plural(len(problems), 'problem')}; the briefing as last read is kept. Fix the file "
                         "and save it: it is read again by itself. <a href='pages'>Show the briefing as last "
                         "read</a>")
        if problems:
            self._show_file_text(path, problems[0])
        self._counts()
        for view in self.window.field_views():
            self.mark(view)

    def briefing_shown(self, briefing: Briefing) -> None:
        """The window shows `briefing`: mark it, count, say so (nothing if it came without `loaded`)."""
        if briefing is not self.briefing:
            self.briefing = briefing
            self._set_entries([], True)
        self.unreadable = None
        self._hide_file_text()
        n = self.problem_count()
        if n:
            self._set_notice(f"\u26a0 This briefing has <b>{plural(n, 'problem')}</b>: what could not be read "
                             "is left out, and PDF export is off until they are fixed. "
                             "<a href='problems'>Show the problems</a>")
        elif self._notice is not None:
            self._notice.hide()
        self._counts()
        for view in self.window.field_views():
            self.mark(view)

    def mark(self, view: FieldView) -> None:
        """Draw the marks on one text view (each view as it is built)."""
        if not self.entries and not view.highlight_layer("problems"):
            return  # nothing to draw, nothing to clear (and the marks module stays unloaded)
        from briefing_app.gui.problems.marks import LAYER, problem_highlights

        b = self.briefing
        view.set_highlight_layer(LAYER, problem_highlights(b, self.entries, view.palette()) if b else [])
        self.window.field_hub.set_layer(LAYER, view.highlight_layer(LAYER))  # the quote cards draw them too

    @property
    def file_text(self) -> FileTextView:
        """The text of a file nothing could be read of, in place of the pages (made when first needed)."""
        if self._file_text is None:
            from briefing_app.gui.problems.file_text import FileTextView

            self._file_text = FileTextView()
            self._file_text.hide()
            self.window.chrome.central_layout.addWidget(self._file_text, 1)
        return self._file_text

    def _show_file_text(self, path: Path, problem: Problem) -> None:
        """The file's text around `problem` in place of the pages (left as they are if it cannot be read)."""
        if self.file_text.show_problem(path, problem):
            self.window.chrome.splitter.hide()
            self.file_text.show()
            self._swap_link("pages", "Show the briefing as last read")

    def _notice_link(self, link: str) -> None:
        if link == "pages":  # the briefing as last read, in place of the file's text
            self._hide_file_text()
            self._swap_link("text", "Show the file around the error")
        elif link == "text" and self.unreadable is not None:
            first = next((e for e in self.entries if e.kind == PROBLEM), None)
            if first is not None:
                self._show_file_text(self.unreadable, Problem(first.file, first.line, first.col, first.message))
        else:
            self.show_dock()

    def _swap_link(self, target: str, words: str) -> None:
        text = self.notice.text()
        if "<a href=" in text and self.window.briefing is not None:
            self.notice.setText(text[:text.index("<a href=")] + f"<a href='{target}'>{words}</a>")

    def _hide_file_text(self) -> None:
        if self._file_text is not None:  # else the pages were never put aside
            self._file_text.hide()
            self.window.chrome.splitter.show()

    # -- what the window asks ------------------------------------------------------------
    def problem_count(self) -> int:
        """The problems of the briefing the window shows (0 for one shown without them)."""
        if self.briefing is None or self.briefing is not self.window.briefing:
            return 0
        return sum(1 for e in self.entries if e.kind == PROBLEM)

    def title_note(self) -> str:
        """What the title bar adds: ` — 3 problems` (nothing for a valid briefing)."""
        n = self.problem_count()
        return f" \u2014 {plural(n, 'problem')}" if n else ""

    def export_refusal(self) -> str | None:
        """Why the briefing shown cannot be exported, or None."""
        n = self.problem_count()
        if not n:
            return None
        return (f"PDF export is off: the file has {plural(n, 'problem')} (View \u203a Problems). "
                "Only a valid briefing is exported; fix the file and it is read again by itself.")

    def update_export_action(self, enabled: bool) -> None:
        """Export PDF is on when the window has a briefing to export and it is valid; else the tip says why."""
        action = self.window.actions[ActionName.EXPORT_PDF]
        reason = self.export_refusal() if enabled else None
        action.setEnabled(enabled and reason is None)
        action.setToolTip(reason or self._export_tips[0])
        action.setStatusTip(reason or self._export_tips[1])

    # -- the dock --------------------------------------------------------------------------
    def show_dock(self, raise_findings: bool = False) -> None:
        first = not self._sized and self.dock.isHidden()
        self.dock.show()
        self.dock.raise_()
        if first:  # up to six entries, at most a quarter of the window: the pages stay the thing to read
            self._sized = True
            self.window.resizeDocks([self.dock], [self.dock.first_height(self.window.width(), self.window.height())], Qt.Orientation.Vertical)
        if raise_findings:
            self.dock.tabs.setCurrentIndex(1)

    def _toggled(self, on: bool) -> None:
        if not on and self._dock is None:
            return  # nothing to hide
        self.dock.setVisible(on)
        if on:
            self.dock.raise_()

    def activate(self, entry: Entry) -> None:
        """Jump to what an entry is about: its element, else its section; in an unreadable file, its line."""
        w = self.window
        if self.unreadable is not None:
            self._show_file_text(self.unreadable, Problem(entry.file, entry.line, entry.col, entry.message))
            return
        b = w.briefing
        if b is None:
            return
        if entry.address and b.element(entry.address) is not None:
            w.go_to(entry.address)
        else:
            w.navigation.go_section(entry.section)
            what = entry.address or "the briefing"
            w.statusBar().showMessage(f"Line {entry.line}: {what} could not be read, so it is not shown.", 8000)

    # -- helpers ------------------------------------------------------------------------------
    def _counts(self) -> None:
        self.window.pages.navigator.model_.set_issue_counts(counts_by_section(self.entries))

    def _set_notice(self, html: str) -> None:
        c = colors(self.notice.palette())
        bg: QColor = mix(c.base, colors().confidence["low"][1], 0.18)
        self.notice.setStyleSheet(f"QLabel#problems_notice {{ background: {bg.name()}; color: {c.text.name()}; "
                                  "padding: 6px 10px; }")
        self.notice.setText(html)
        self.notice.show()
