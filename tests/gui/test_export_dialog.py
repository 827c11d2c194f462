"""The Export PDF dialog: options from the controls, worker thread, results."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from briefing_app.gui.dialogs import export as ed  # noqa: E402

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
    dlg = ed.ExportDialog(None, sample_path, sample_briefing, [layer])
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "out.pdf"))
    return dlg


def test_export_succeeds_reports_orphans_and_remembers_path(qtbot, dialog, tmp_path):
    dialog.start_export()
    assert dialog.thread is not None and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60_000)
    out = tmp_path / "out.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.result_path == out
    assert dialog.open_button.isVisibleTo(dialog) and dialog.folder_button.isVisibleTo(dialog)
    assert "orphaned: a2 (quotes/gone)" in dialog.message.text()
    assert ed.cfg.get(ed.LAST_EXPORT_PATH) == str(out)


def test_options_from_controls(dialog):
    opts, layers = dialog.options()
    assert opts.get("annotations", True) and len(layers) == 1
    dialog.section_boxes["quotes"].setChecked(False)
    dialog.page_size.setCurrentIndex(1)
    dialog.ann_none.setChecked(True)
    opts, _ = dialog.options()
    assert "quotes" not in opts["sections"] and opts["page_size"] == "letter" and opts["annotations"] is False
    dialog.ann_some.setChecked(True)
    dialog.tag_edit.setText("x, y")
    opts, _ = dialog.options()
    assert opts["tags"] == ("x", "y")


def test_failure_shows_message_and_writes_nothing(qtbot, dialog, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "missing" / "out.pdf"))
    dialog.start_export()
    assert dialog.thread is None
    assert "does not exist" in dialog.message.text()
    bad = tmp_path / "bad.annotations.yaml"
    bad.write_text("format: annotations/9\n", encoding="utf-8")
    dialog.layer_paths = [bad]
    dialog.path_edit.setText(str(tmp_path / "out.pdf"))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60_000)
    assert "could not be read" in dialog.message.text()
    assert not (tmp_path / "out.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.pdf")]


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path, monkeypatch):
    import briefing_app.export.builder as builder

    real = builder.build_brief

    def slow(b, h, opts):
        while not opts.cancelled():  # wait for Cancel, as a long export would
            import time

            time.sleep(0.01)
        return real(b, h, opts)

    monkeypatch.setattr(builder, "build_brief", slow)
    dialog.start_export()
    qtbot.mouseClick(dialog.cancel_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60_000)
    assert "cancelled" in dialog.message.text()
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform plugin's notice
def test_show_export_dialog_opens(qtbot, sample_path, sample_briefing):
    ed.show_export_dialog(None, sample_path, sample_briefing, [])
    from PySide6.QtWidgets import QApplication

    dlgs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "exportDialog"]
    assert any(d.isVisible() for d in dlgs)
    for d in dlgs:
        d.close()



@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_layer_names_are_not_cut_off(qtbot, sample_path, sample_briefing, tmp_path):
    """A layer file's long name fits (or loses its middle), and its tooltip has the full path."""
    from PySide6.QtCore import Qt

    layer = tmp_path / "japan-nato-liaison-office.annotations.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    dlg = ed.ExportDialog(None, sample_path, sample_briefing, [layer])
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
