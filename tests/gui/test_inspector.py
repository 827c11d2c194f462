"""The inspector: evidence blocks label their source; no caret unless reached by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_evidence_names_its_source_apart_from_the_excerpt(loaded):
    w = loaded
    b = w.briefing
    kp = next(k for k in b.summary.key_points if k.evidence)
    w.go_to(kp.address)
    lines = w.inspector.toPlainText().splitlines()
    ev = kp.evidence[0]
    excerpt = next(i for i, line in enumerate(lines) if line.startswith("\u201c" + " ".join(ev.quote.split())[:30]))
    label = lines[excerpt + 1]
    assert label.startswith("Source: ")
    title = b.source_by_id[ev.source].title
    assert label[len("Source: "):].rstrip("\u2026") in " ".join(title.split())
    assert len(label) <= len("Source: ") + 64
    assert lines[excerpt + 2] == "Show in source \u203a"
    # the title is muted, not link blue; the jump is a link
    doc = w.inspector.document()
    block = doc.findBlockByNumber(next(b.blockNumber() for b in _blocks(doc) if b.text() == label))
    title_fmt = [it.fragment().charFormat() for it in _fragments(block)][-1]
    assert title_fmt.isAnchor() and title_fmt.anchorHref() == f"el:sources/{ev.source}"
    from briefing_app.gui.theme import colors

    assert title_fmt.foreground().color() == colors(w.inspector.palette()).secondary


def _blocks(doc):
    b = doc.begin()
    while b.isValid():
        yield b
        b = b.next()


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it
        it += 1


def test_no_caret_in_read_only_views_unless_reached_by_keyboard(loaded, qtbot):
    w = loaded
    insp = w.inspector
    assert insp.cursorWidth() == 0
    QApplication.sendEvent(insp, QFocusEvent(QFocusEvent.Type.FocusIn, Qt.FocusReason.MouseFocusReason))
    assert insp.cursorWidth() == 0
    QApplication.sendEvent(insp, QFocusEvent(QFocusEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert insp.cursorWidth() == 1
    QApplication.sendEvent(insp, QFocusEvent(QFocusEvent.Type.FocusOut, Qt.FocusReason.MouseFocusReason))
    assert insp.cursorWidth() == 0
    for view in w.field_views():
        assert view.cursorWidth() == 0, view.objectName()
