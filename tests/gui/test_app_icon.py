"""The app icon: a valid SVG reached through the resources seam, shown in About and on windows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QIcon

from briefing_app.resources import app_icon_path

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_icon_is_a_valid_svg_that_renders_at_small_sizes(qapp):
    path = app_icon_path()
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    icon = QIcon(str(path))
    assert not icon.isNull()
    for size in (16, 32, 64):
        img = icon.pixmap(size, size).toImage()
        assert img.width() == size
        opaque = sum(QColor(img.pixel(x, y)).alpha() > 0 for x in range(size) for y in range(size))
        assert opaque > size * size // 3  # a solid shape, not an empty or broken render
    big = icon.pixmap(128, 128).toImage()
    colours = {QColor(big.pixel(x, y)).name() for x in range(0, 128, 2) for y in range(0, 128, 2)}
    assert "#ffd43b" in colours  # the highlighted line


def test_about_box_shows_the_icon(window):
    box = window.about_box()
    assert not box.iconPixmap().isNull() and box.iconPixmap().width() >= 64
    assert "Briefing Reader" in box.text()
    box.deleteLater()
