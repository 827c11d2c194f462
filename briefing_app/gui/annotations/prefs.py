"""Annotation preferences: what each highlight colour means, and who the analyst is.

Colour labels ("key judgment", "verify", "disputed", …) are settings,
declared once here and read typed; the preferences dialog edits them. The
labels are shown as text wherever a colour is (menus, panel, tooltips), so
the meaning never rests on colour alone.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from briefing_app.core.annotations import COLORS, DEFAULT_COLOR_LABELS
from briefing_app.gui import settings as cfg

__all__ = ["color_labels", "set_color_label", "author_name", "set_author_name", "highlight_color",
           "AnnotationPreferencesDialog", "LABEL_KEY", "AUTHOR_KEY", "account_full_name",
           "ink_for", "COLOR_HEX"]

#: The settings' keys (declared in gui/settings.py with every other setting).
LABEL_KEY = cfg.COLOR_LABELS.key  # + "/<colour>": the meaning of a highlight colour
AUTHOR_KEY = cfg.AUTHOR.key  # the analyst's name, written into new annotations


def color_labels() -> dict[str, str]:
    return {c: str(cfg.get(cfg.COLOR_LABELS, c)).strip() or DEFAULT_COLOR_LABELS[c] for c in COLORS}


def set_color_label(color: str, label: str) -> None:
    cfg.put(cfg.COLOR_LABELS, label.strip() or DEFAULT_COLOR_LABELS[color], color)


def author_name() -> str:
    """The analyst's name from preferences, or "" when none was given yet.

    Never the OS login: "root" or "jdoe" would end up in the PDF and in W3C
    `creator`. The controller asks once, on the first annotation.
    """
    return str(cfg.get(cfg.AUTHOR)).strip()


def account_full_name() -> str:
    """The OS account's full name (first GECOS field), "" when there is none or it is just the login."""
    try:
        import pwd

        entry = pwd.getpwuid(os.getuid())
    except (ImportError, KeyError, OSError, AttributeError):
        return ""
    name = (entry.pw_gecos or "").split(",", 1)[0].strip()
    # system accounts repeat the login there ("root"): that is no one's name
    return "" if name.casefold() == (entry.pw_name or "").casefold() else name


def set_author_name(name: str) -> None:
    cfg.put(cfg.AUTHOR, name.strip())


#: The six highlight colours, the same tints as `core.annotation_export.COLOR_CSS` (a test keeps
#: them equal); kept here so the reader need not import the exporters (and anchoring) to draw them.
COLOR_HEX = {
    "yellow": "#fff176", "green": "#a5d6a7", "blue": "#90caf9",
    "pink": "#f48fb1", "orange": "#ffcc80", "purple": "#ce93d8",
}


def highlight_color(color: str | None, alpha: int = 150) -> QColor:
    q = QColor(COLOR_HEX.get(color or "yellow", COLOR_HEX["yellow"]))
    q.setAlpha(alpha)
    return q


def ink_for(background: QColor | str) -> str:
    """Dark or white text for a chip of this colour, by relative luminance (WCAG)."""
    c = QColor(background)

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())
    # contrast against black vs white: pick the larger
    return "#1b1c1f" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def swatch(color: str) -> str:
    return f"<span style='background:{COLOR_HEX[color]}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"


class AnnotationPreferencesDialog(QDialog):
    """Edit the six colour labels and the author name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotation_preferences")
        self.setWindowTitle("Annotation Preferences")
        form = QFormLayout()
        self.author = QLineEdit(author_name())
        self.author.setObjectName("pref_author")
        self.author.setPlaceholderText(account_full_name() or "your name")
        form.addRow("Your name:", self.author)
        self.labels: dict[str, QLineEdit] = {}
        current = color_labels()
        for i, c in enumerate(COLORS, 1):
            edit = QLineEdit(current[c])
            edit.setObjectName(f"pref_label_{c}")
            edit.setPlaceholderText(DEFAULT_COLOR_LABELS[c])
            lab = QLabel(f"{swatch(c)} key {i} ({c}):")
            lab.setBuddy(edit)
            form.addRow(lab, edit)
            self.labels[c] = edit
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Each highlight colour carries a meaning, shown beside it everywhere."))
        box.addLayout(form)
        box.addWidget(buttons)

    def accept(self) -> None:
        set_author_name(self.author.text())
        for c, edit in self.labels.items():
            set_color_label(c, edit.text())
        super().accept()
