"""Text zoom: Ctrl+= / Ctrl+- / Ctrl+0 make every text view's text larger, smaller or normal, remembered.

The size is a percentage of the application font (the `TEXT_ZOOM` setting),
applied to every `FieldView` of the window — the reading views and the
Inspector — and to each view built later. A view's text carries explicit
point sizes (headings, small print), so a change scales each run of text by
the same factor in place: nothing is rebuilt, selections, highlights and
scroll positions stay, and a view built afterwards starts from its font.

Ctrl++, Ctrl+- and Ctrl+0 are also the Timeline's zoom keys: on the
Timeline page they go to the timeline (its actions hold them), elsewhere to
the text (the text zoom actions hold them), so no key is ambiguous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from briefing_app.gui import settings as cfg
from briefing_app.gui.actions import ActionName

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from briefing_app.gui.views.field_view import FieldView

__all__ = ["TextZoom", "ZOOM_STEPS", "scale_document"]

#: The sizes Ctrl+= and Ctrl+- step through, in percent of the application font.
ZOOM_STEPS = (70, 80, 90, 100, 110, 120, 135, 150, 170, 200, 240)
#: Keys the text and the timeline share (see the module docstring).
_SHARED = {ActionName.TEXT_ZOOM_IN: ActionName.TIMELINE_ZOOM_IN, ActionName.TEXT_ZOOM_OUT: ActionName.TIMELINE_ZOOM_OUT,
           ActionName.TEXT_ZOOM_RESET: ActionName.TIMELINE_FIT}


def scale_document(doc: QTextDocument, factor: float) -> None:
    """Multiply every explicit point size in a document by `factor` (positions and text unchanged)."""
    runs: list[tuple[int, int, float]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            size = frag.charFormat().fontPointSize()
            if size > 0:
                runs.append((frag.position(), frag.length(), size))
            it += 1
        block = block.next()
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    cur = QTextCursor(doc)
    cur.beginEditBlock()
    for pos, length, size in runs:
        cur.setPosition(pos)
        cur.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setFontPointSize(round(size * factor, 2))
        cur.mergeCharFormat(fmt)
    cur.endEditBlock()
    doc.setUndoRedoEnabled(undo)


class TextZoom(QObject):
    """Owns the window's text size: the three actions, the setting, and every text view's font."""

    def __init__(self, window: QObject, actions: dict[ActionName, QAction], views: list[FieldView]) -> None:
        super().__init__(window)
        self.actions = actions
        self._views: list[FieldView] = []
        self._keys = {name: actions[name].shortcuts() for name in (*_SHARED, *_SHARED.values())}
        self.percent = cfg.get(cfg.TEXT_ZOOM)
        if self.percent not in ZOOM_STEPS:
            self.percent = 100
        actions[ActionName.TEXT_ZOOM_IN].triggered.connect(lambda: self.step(+1))
        actions[ActionName.TEXT_ZOOM_OUT].triggered.connect(lambda: self.step(-1))
        actions[ActionName.TEXT_ZOOM_RESET].triggered.connect(lambda: self.set_percent(100))
        for view in views:
            self.add_view(view)
        self.section_shown("")

    def add_view(self, view: FieldView) -> None:
        """A text view to keep at the window's text size (its content is scaled in place)."""
        if view in self._views:
            return
        self._views.append(view)
        view.destroyed.connect(lambda _o=None, v=view: self._views.remove(v) if v in self._views else None)
        self._apply(view)

    def section_shown(self, section: str) -> None:
        """Hand the shared keys to the timeline on its page, to the text elsewhere."""
        timeline = section == "timeline"
        for text_name, timeline_name in _SHARED.items():
            self.actions[text_name].setShortcuts([] if timeline else self._keys[text_name])
            keep = [k for k in self._keys[timeline_name]
                    if timeline or not any(k.matches(t) == QKeySequence.SequenceMatch.ExactMatch
                                           for t in self._keys[text_name])]
            self.actions[timeline_name].setShortcuts(keep)

    def step(self, direction: int) -> None:
        steps = ZOOM_STEPS
        i = steps.index(self.percent)
        self.set_percent(steps[max(0, min(len(steps) - 1, i + direction))])

    def set_percent(self, percent: int) -> None:
        if percent == self.percent:
            return
        self.percent = percent
        cfg.put(cfg.TEXT_ZOOM, percent)
        for view in self._views:
            self._apply(view)
        self.actions[ActionName.TEXT_ZOOM_OUT].setEnabled(percent > ZOOM_STEPS[0])
        self.actions[ActionName.TEXT_ZOOM_IN].setEnabled(percent < ZOOM_STEPS[-1])

    def point_size(self) -> float:
        base = QApplication.font().pointSizeF()
        return (base if base > 0 else 10.0) * self.percent / 100

    def _apply(self, view: FieldView) -> None:
        want = self.point_size()
        old = view.font().pointSizeF()
        if old <= 0 or abs(old - want) < 0.01:
            return
        font = QFont(view.font())
        font.setPointSizeF(want)
        view.setFont(font)
        scale_document(view.document(), want / old)
