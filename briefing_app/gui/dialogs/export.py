"""File › Export PDF…: choose what goes in the brief and write it in the background.

The brief is built by `export.builder.build_brief` in a `QThread`, so the
window stays responsive; a progress bar and Cancel follow it. The bytes are
written with `core.atomic.write_atomic` only when the build has finished, so
a failure or a cancel never leaves a partial file. The output path is
remembered in QSettings.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.briefing.model import Briefing
from briefing_app.gui import settings as cfg
from briefing_app.gui.dialogs.prompts import Prompts

__all__ = ["ExportDialog", "ExportThread", "show_export_dialog", "LAST_EXPORT_PATH"]

LAST_EXPORT_PATH = cfg.LAST_EXPORT_PATH  # declared with every other setting in gui/settings.py
PAGE_SIZE = cfg.PAGE_SIZE


class ExportThread(QThread):
    """Loads the layers, builds the brief and writes it; reports by signals."""

    progressed = Signal(int)  # 0–100
    succeeded = Signal(str, list)  # output path, orphan lines
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, briefing: Briefing, layer_paths: list[Path], output: Path, options: dict,
                 labels: dict[str, str] | None = None) -> None:
        super().__init__()
        self.briefing, self.layer_paths, self.output = briefing, layer_paths, output
        self.options, self.labels = options, labels
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:  # runs in the worker thread
        from briefing_app.core.io.atomic import write_atomic
        from briefing_app.core.problems import BriefingError
        from briefing_app.export.builder import BriefOptions, build_brief
        from briefing_app.export.document import BriefCancelled

        try:
            highlights: list = []
            orphans: list[str] = []
            if self.options.get("annotations", True) and self.layer_paths:
                from briefing_app.core.annotations import load_layer
                from briefing_app.export.adapter import highlights_from_layers

                layers = [load_layer(p) for p in self.layer_paths]
                highlights, found = highlights_from_layers(self.briefing, layers, self.labels)
                orphans = [o.line() for o in found]
            opts = BriefOptions(progress=lambda f: self.progressed.emit(int(f * 100)),
                                cancelled=self._stop.is_set, **self.options)
            data = build_brief(self.briefing, highlights, opts)
            if self._stop.is_set():
                raise BriefCancelled()
            write_atomic(self.output, data)
        except BriefCancelled:
            self.cancelled.emit()
        except BriefingError as exc:
            self.failed.emit("An annotation layer could not be read:\n" + "\n".join(str(p) for p in exc.problems))
        except OSError as exc:
            self.failed.emit(f"Could not write {self.output}: {exc.strerror or exc}.")
        except Exception as exc:  # noqa: BLE001 — shown to the analyst, never a crash
            self.failed.emit(f"The PDF brief could not be built: {type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(str(self.output), orphans)


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, briefing_path: Path, briefing: Briefing,
                 layer_paths: list[Path], prompts: Prompts | None = None, refusal: str | None = None) -> None:
        super().__init__(parent)
        #: why this briefing is not exported (it has problems), or None
        self.refusal = refusal
        self.prompts = prompts or Prompts()
        from briefing_app.export.builder import SECTION_TITLES, SECTIONS

        self.setObjectName("exportDialog")
        self.setWindowTitle("Export PDF brief")
        self.briefing_path, self.briefing, self.layer_paths = Path(briefing_path), briefing, list(layer_paths)
        self.export_thread: ExportThread | None = None
        self.result_path: Path | None = None
        lay = QVBoxLayout(self)

        # Output file and page size.
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(self._default_path()))
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton("Browse…")
        browse.setObjectName("exportBrowse")
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel("Save as:"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        row = QHBoxLayout()
        self.page_size = QComboBox()
        self.page_size.setObjectName("exportPageSize")
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("US Letter", "letter")
        self.page_size.setCurrentIndex(1 if cfg.get(PAGE_SIZE) == "letter" else 0)
        row.addWidget(QLabel("Page size:"))
        row.addWidget(self.page_size)
        row.addStretch(1)
        lay.addLayout(row)

        # Sections.
        box = QGroupBox("Sections")
        grid = QGridLayout(box)
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, key in enumerate(SECTIONS):
            cb = QCheckBox(SECTION_TITLES[key])
            cb.setObjectName(f"section_{key}")
            cb.setChecked(True)
            grid.addWidget(cb, i // 3, i % 3)
            self.section_boxes[key] = cb
        lay.addWidget(box)

        # Annotations: all, none, or chosen layers / labels / tags.
        box = QGroupBox("Analyst annotations")
        v = QVBoxLayout(box)
        self.ann_all = QRadioButton("All annotations")
        self.ann_none = QRadioButton("None")
        self.ann_some = QRadioButton("Only these layers, labels and tags:")
        for r, name in ((self.ann_all, "annAll"), (self.ann_none, "annNone"), (self.ann_some, "annSome")):
            r.setObjectName(name)
        group = QButtonGroup(self)
        for r in (self.ann_all, self.ann_none, self.ann_some):
            group.addButton(r)
            v.addWidget(r)
        self.ann_all.setChecked(True)
        lists = QHBoxLayout()
        self.layer_list = self._checklist([p.name for p in self.layer_paths], "exportLayers",
                                          tips=[str(p) for p in self.layer_paths])
        # Layer files have long names ("….annotations.yaml"): the list gets the room,
        # a name that still does not fit loses its middle, and the tooltip has the full path.
        self.layer_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.layer_list.setMinimumWidth(260)
        self.label_list = self._checklist(list(self._labels().values()), "exportLabels")
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("exportTags")
        self.tag_edit.setPlaceholderText("tags, comma-separated (empty: any)")
        for title, w in (("Layers", self.layer_list), ("Labels", self.label_list)):
            col = QVBoxLayout()
            col.addWidget(QLabel(title))
            col.addWidget(w)
            lists.addLayout(col, 3 if w is self.layer_list else 2)
        v.addLayout(lists)
        v.addWidget(self.tag_edit)
        self.ann_some.toggled.connect(self._sync)
        if not self.layer_paths:
            box.setEnabled(False)
            box.setTitle("Analyst annotations (no layers open)")
        lay.addWidget(box)

        # Progress, messages and buttons.
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        lay.addWidget(self.progress)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.open_button = self.buttons.addButton("Open PDF", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("openPdfButton")
        self.folder_button = self.buttons.addButton("Show in folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setObjectName("showFolderButton")
        self.open_button.hide()
        self.folder_button.hide()
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.open_button.clicked.connect(lambda: self._open(self.result_path))
        self.folder_button.clicked.connect(lambda: self._open(self.result_path.parent if self.result_path else None))
        lay.addWidget(self.buttons)
        self._sync()
        if refusal:
            self.export_button.setEnabled(False)
            self._fail(refusal)

    # -- helpers ----------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        try:
            from briefing_app.gui.annotations.prefs import color_labels

            return dict(color_labels())
        except Exception:  # noqa: BLE001 — preferences unavailable: contract defaults
            from briefing_app.core.annotations import DEFAULT_COLOR_LABELS

            return dict(DEFAULT_COLOR_LABELS)

    def _checklist(self, items: list[str], name: str, tips: list[str] | None = None) -> QListWidget:
        w = QListWidget()
        w.setObjectName(name)
        w.setMaximumHeight(110)
        for i, text in enumerate(items):
            it = QListWidgetItem(text)
            if tips:
                it.setToolTip(tips[i])
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked)
            w.addItem(it)
        return w

    def _checked(self, w: QListWidget) -> list[int]:
        return [i for i in range(w.count()) if w.item(i).checkState() == Qt.CheckState.Checked]

    def _sync(self) -> None:
        on = self.ann_some.isChecked()
        for w in (self.layer_list, self.label_list, self.tag_edit):
            w.setEnabled(on)

    def _default_path(self) -> Path:
        last = cfg.get(LAST_EXPORT_PATH)
        name = self.briefing_path.stem + ".pdf"
        if last:
            lp = Path(last)
            return lp if lp.stem == self.briefing_path.stem else lp.with_name(name)
        return self.briefing_path.with_name(name)

    def _browse(self) -> None:
        path = self.prompts.save_file(self, "Export PDF brief", self.path_edit.text(), "PDF (*.pdf)")
        if path is not None:
            name = str(path)
            self.path_edit.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def options(self) -> tuple[dict, list[Path]]:
        """BriefOptions fields and the layer files to read, from the controls."""
        sections = tuple(k for k, cb in self.section_boxes.items() if cb.isChecked())  # in print order
        opts: dict = {"page_size": self.page_size.currentData(), "sections": sections}
        layers = list(self.layer_paths)
        if self.ann_none.isChecked() or not self.layer_paths:
            opts["annotations"] = False
        elif self.ann_some.isChecked():
            layers = [self.layer_paths[i] for i in self._checked(self.layer_list)]
            labels = list(self._labels().values())
            chosen = [labels[i] for i in self._checked(self.label_list)]
            if len(chosen) < len(labels):
                opts["labels"] = tuple(chosen) or ("\0none",)
            tags = tuple(t.strip() for t in self.tag_edit.text().split(",") if t.strip())
            if tags:
                opts["tags"] = tags
        return opts, layers

    # -- export -------------------------------------------------------------
    def start_export(self) -> None:
        if self.refusal:
            self._fail(self.refusal)
            return
        text = self.path_edit.text().strip()
        if not text:
            self._fail("Choose where to save the PDF brief.")
            return
        out = Path(text).expanduser()
        if out.is_dir() or not out.parent.is_dir():
            self._fail(f"Cannot save to {out}: the folder does not exist." if not out.parent.is_dir()
                       else f"Cannot save to {out}: it is a folder.")
            return
        opts, layers = self.options()
        cfg.put(LAST_EXPORT_PATH, str(out))
        cfg.put(PAGE_SIZE, opts["page_size"])
        self.result_path = None
        self.open_button.hide()
        self.folder_button.hide()
        self.message.setText("Building the brief…")
        self.message.setStyleSheet("")
        self.progress.setValue(0)
        self.progress.show()
        self.export_button.setEnabled(False)
        self.export_thread = ExportThread(self.briefing, layers, out, opts, self._labels())
        self.export_thread.progressed.connect(self.progress.setValue)
        self.export_thread.succeeded.connect(self._succeeded)
        self.export_thread.failed.connect(self._fail)
        self.export_thread.cancelled.connect(self._cancelled)
        self.export_thread.finished.connect(self._thread_done)
        self.export_thread.start()

    def _thread_done(self) -> None:
        self.export_button.setEnabled(True)
        self.progress.hide()
        if self.export_thread is not None:
            self.export_thread.deleteLater()
            self.export_thread = None

    def _succeeded(self, path: str, orphans: list) -> None:
        self.result_path = Path(path)
        msg = f"Saved {path}."
        if orphans:
            msg += (f"\n{len(orphans)} annotation{'s' if len(orphans) != 1 else ''} could not be placed on "
                    "this briefing and were left out:\n" + "\n".join(orphans))
        self.message.setText(msg)
        self.open_button.show()
        self.folder_button.show()
        self.cancel_button.setText("Close")

    def _fail(self, message: str) -> None:
        self.message.setStyleSheet("color: #a01c1c;")
        self.message.setText(message)

    def _cancelled(self) -> None:
        self.message.setStyleSheet("")
        self.message.setText("Export cancelled; nothing was written.")

    def _cancel_or_close(self) -> None:
        if self.export_thread is not None and self.export_thread.isRunning():
            self.export_thread.cancel()
        else:
            self.reject()

    def wait_for_export(self, ms: int = 60_000) -> None:
        if self.export_thread is not None:
            self.export_thread.wait(ms)

    def done(self, result: int) -> None:
        if self.export_thread is not None and self.export_thread.isRunning():
            self.export_thread.cancel()
            self.export_thread.wait()
        super().done(result)


def show_export_dialog(parent: QWidget | None, briefing_path: Path, briefing: Briefing,
                       layer_paths: list[Path], prompts: Prompts | None = None,
                       refusal: str | None = None) -> ExportDialog:
    """Open the dialog (window-modal, non-blocking); it deletes itself when closed.

    With a `refusal` (the briefing has problems) it says why and exports nothing.
    """
    dlg = ExportDialog(parent, briefing_path, briefing, layer_paths, prompts, refusal)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
