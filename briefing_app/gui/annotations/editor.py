"""The annotation editor: Markdown note with preview, tags with completion, colour, confidence."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.core.annotations import COLORS, CONFIDENCE_LEVELS
from briefing_app.core.markdown import note_html
from briefing_app.gui.annotations.prefs import color_labels, swatch

__all__ = ["AnnotationEditor", "TagsEdit", "parse_tags"]


def parse_tags(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for t in text.split(","):
        t = " ".join(t.split())
        if t:
            seen.setdefault(t, None)
    return tuple(seen)


class TagsEdit(QLineEdit):
    """Comma-separated tags; completion offers tags already in use for the word being typed."""

    def __init__(self, tags_in_use: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(list(tags_in_use), self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._update)
        self.setPlaceholderText("tags, comma separated")

    def _current_word(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _update(self, _text: str) -> None:
        word = self._current_word()
        if word:
            self.completer_.setCompletionPrefix(word)
            if self.completer_.completionCount():
                self.completer_.complete()
                return
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    def _insert(self, tag: str) -> None:
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition():]
        before = head.rsplit(",", 1)[0] + ", " if "," in head else ""
        self.setText(f"{before}{tag}, {tail.lstrip(', ')}".rstrip())
        self.setCursorPosition(len(before) + len(tag) + 2)


class AnnotationEditor(QDialog):
    """Edit one annotation's note, tags, colour and confidence."""

    def __init__(self, parent: QWidget | None, *, title: str, excerpt: str, target: str = "", note: str = "",
                 tags: Sequence[str] = (), color: str | None = "yellow", confidence: str | None = None,
                 tags_in_use: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("annotation_editor")
        self.setWindowTitle(title)
        self.resize(560, 440)
        box = QVBoxLayout(self)
        if target:
            # what is annotated, in words ("Actor: Japan"), in the body and not only in the title bar
            on = QLabel(f"On {target}")
            on.setObjectName("annotation_target")
            on.setTextFormat(Qt.TextFormat.PlainText)
            on.setWordWrap(True)
            font = on.font()
            font.setBold(True)
            on.setFont(font)
            box.addWidget(on)
        if excerpt:
            quote = QLabel(f"\u201c{excerpt if len(excerpt) < 400 else excerpt[:399] + '…'}\u201d")
            quote.setWordWrap(True)
            quote.setObjectName("annotation_excerpt")
            quote.setTextFormat(Qt.TextFormat.PlainText)
            box.addWidget(quote)
        self.tabs = QTabWidget()
        self.note = QPlainTextEdit(note)
        self.note.setObjectName("annotation_note")
        self.note.setPlaceholderText("Note (Markdown: *emphasis*, **strong**, - lists, [links](https://…))")
        # Tab moves on to Tags (as in every other form); a note has no use for a tab character
        self.note.setTabChangesFocus(True)
        self.preview = QTextBrowser()
        self.preview.setObjectName("annotation_preview")
        self.preview.setOpenExternalLinks(True)
        self.tabs.addTab(self.note, "&Write")
        self.tabs.addTab(self.preview, "&Preview")
        self.tabs.currentChanged.connect(self._refresh_preview)
        box.addWidget(self.tabs, 1)
        form = QFormLayout()
        self.tags = TagsEdit(tags_in_use)
        self.tags.setObjectName("annotation_tags")
        self.tags.setText(", ".join(tags))
        form.addRow("&Tags:", self.tags)
        self.color = QComboBox()
        self.color.setObjectName("annotation_color")
        labels = color_labels()
        self.color.addItem("no highlight", None)
        for i, c in enumerate(COLORS, 1):
            self.color.addItem(f"{i}  {labels[c]} ({c})", c)
        self.color.setCurrentIndex(max(0, self.color.findData(color)))
        form.addRow("&Colour:", self.color)
        self.confidence = QComboBox()
        self.confidence.setObjectName("annotation_confidence")
        self.confidence.addItem("not graded", None)
        for lvl in CONFIDENCE_LEVELS:
            self.confidence.addItem(lvl, lvl)
        self.confidence.setCurrentIndex(max(0, self.confidence.findData(confidence)))
        form.addRow("Con&fidence:", self.confidence)
        box.addLayout(form)
        self.legend = QLabel(" ".join(f"{swatch(c)} {labels[c]}" for c in COLORS))
        self.legend.setWordWrap(True)
        box.addWidget(self.legend)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        # the keyboard's order: note → tags → colour → confidence → OK / Cancel
        QWidget.setTabOrder(self.note, self.tags)
        QWidget.setTabOrder(self.tags, self.color)
        QWidget.setTabOrder(self.color, self.confidence)
        QWidget.setTabOrder(self.confidence, buttons)
        self.note.setFocus()

    def _refresh_preview(self, _index: int = 0) -> None:
        # The notes' one dialect (core.markdown), as escaped HTML: `<b>` in a note shows as typed, as
        # the PDF prints it and the tooltips show it.
        self.preview.setHtml(note_html(self.note.toPlainText()))

    def values(self) -> dict:
        return {
            "note": self.note.toPlainText(),
            "tags": parse_tags(self.tags.text()),
            "color": self.color.currentData(),
            "confidence": self.confidence.currentData(),
        }
