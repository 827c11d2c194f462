"""The Export PDF dialog: options from the controls, worker thread, results."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from briefing_app.gui.dialogs import export as ed  # noqa: E402

from .conftest import press  # noqa: E402
from .prompts import ScriptedPrompts  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform plugin's notice

LAYER = """format: annotations/1
briefing: japan-nato-liaison-office
author: "A. Analyst"
annotations:

  - id: a1
    target: quotes/q-hayashi-discussions
    color: pink
    note: "A note"
    tags: [x]

  - id: a2
    target: quotes/gone
    color: yellow
"""


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    ed.cfg.settings().clear()
    yield


@pytest.fixture
def dialog(qtbot, sample_path, sample_briefing, tmp_path):
    layer = tmp_path / "a.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    dlg = ed.ExportDialog(None, sample_path, sample_briefing, [layer], prompts=ScriptedPrompts())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _type_path(qtbot, dlg, tmp_path / "out.pdf")
    return dlg


def _type_path(qtbot, dlg, path) -> None:
    """Replace the "Save as" path by typing, as the analyst would."""
    dlg.path_edit.selectAll()
    qtbot.keyClick(dlg.path_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(dlg.path_edit, str(path))


def _click(qtbot, widget) -> None:
    """A click on a button, or on a check box's or radio button's box."""
    pos = widget.rect().center()
    if widget.inherits("QAbstractButton") and widget.isCheckable() and not widget.inherits("QPushButton"):
        pos.setX(8)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_export_succeeds_reports_orphans_and_remembers_path(qtbot, dialog, tmp_path):
    _click(qtbot, dialog.export_button)
    assert dialog.export_thread is not None and not dialog.export_button.isEnabled()
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=60_000)
    out = tmp_path / "out.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.result_path == out
    assert dialog.open_button.isVisibleTo(dialog) and dialog.folder_button.isVisibleTo(dialog)
    assert "orphaned: a2 (quotes/gone)" in dialog.message.text()
    assert ed.cfg.get(ed.LAST_EXPORT_PATH) == str(out)


def test_options_from_controls(qtbot, dialog):
    opts, layers = dialog.options()
    assert opts.get("annotations", True) and len(layers) == 1
    _click(qtbot, dialog.section_boxes["quotes"])
    dialog.page_size.setFocus()
    qtbot.keyClick(dialog.page_size, Qt.Key.Key_Down)
    _click(qtbot, dialog.ann_none)
    opts, _ = dialog.options()
    assert "quotes" not in opts["sections"] and opts["page_size"] == "letter" and opts["annotations"] is False
    assert not dialog.tag_edit.isEnabled()
    _click(qtbot, dialog.ann_some)
    assert dialog.tag_edit.isEnabled()
    qtbot.keyClicks(dialog.tag_edit, "x, y")
    opts, _ = dialog.options()
    assert opts["tags"] == ("x", "y")


def test_browse_asks_where_to_save_and_adds_the_extension(qtbot, dialog, tmp_path):
    dialog.prompts.answer("save_file", tmp_path / "chosen")
    _click(qtbot, dialog.findChild(type(dialog.export_button), "exportBrowse"))
    assert dialog.path_edit.text() == str(tmp_path / "chosen.pdf")
    dialog.prompts.answer("save_file", None)  # cancelled: the path stays
    _click(qtbot, dialog.findChild(type(dialog.export_button), "exportBrowse"))
    assert dialog.path_edit.text() == str(tmp_path / "chosen.pdf")


def test_failure_shows_message_and_writes_nothing(qtbot, dialog, tmp_path):
    _type_path(qtbot, dialog, tmp_path / "missing" / "out.pdf")
    _click(qtbot, dialog.export_button)
    assert dialog.export_thread is None
    assert "does not exist" in dialog.message.text()
    bad = tmp_path / "bad.annotations.yaml"
    bad.write_text("format: annotations/9\n", encoding="utf-8")
    dialog.layer_paths = [bad]
    _type_path(qtbot, dialog, tmp_path / "out.pdf")
    _click(qtbot, dialog.export_button)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=60_000)
    assert "could not be read" in dialog.message.text()
    assert not (tmp_path / "out.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.pdf")]


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path, monkeypatch):
    import briefing_app.export.builder as builder

    real = builder.build_brief

    def slow(b, h, opts):
        opts.cancelled.__self__.wait(60)  # the export's stop event: a long export, until Cancel
        return real(b, h, opts)

    monkeypatch.setattr(builder, "build_brief", slow)
    _click(qtbot, dialog.export_button)
    _click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=60_000)
    assert "cancelled" in dialog.message.text()
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform plugin's notice
def test_file_export_pdf_opens_the_dialog_on_the_open_briefing(loaded, qtbot, tmp_path):
    w = loaded
    press(qtbot, w, "Ctrl+E")
    dlg = w.findChild(ed.ExportDialog, "exportDialog")
    assert dlg is not None and dlg.isVisible() and dlg.briefing is w.briefing
    assert dlg.path_edit.text().endswith(w.path.stem + ".pdf")
    _type_path(qtbot, dlg, tmp_path / "brief.pdf")
    _click(qtbot, dlg.export_button)
    qtbot.waitUntil(lambda: dlg.open_button.isVisibleTo(dlg), timeout=60_000)
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    dlg.close()



@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_layer_names_are_not_cut_off(qtbot, sample_path, sample_briefing, tmp_path):
    """A layer file's long name fits (or loses its middle), and its tooltip has the full path."""
    from PySide6.QtCore import Qt

    layer = tmp_path / "japan-nato-liaison-office.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    dlg = ed.ExportDialog(None, sample_path, sample_briefing, [layer], prompts=ScriptedPrompts())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    lst = dlg.layer_list
    assert lst.textElideMode() == Qt.TextElideMode.ElideMiddle
    item = lst.item(0)
    assert item.toolTip() == str(layer)
    rect = lst.visualItemRect(item)
    name_width = lst.fontMetrics().horizontalAdvance(item.text())
    # The check box and the whole name fit in the row as the dialog opens.
    assert lst.viewport().width() >= name_width + 24, (lst.viewport().width(), name_width, rect)
