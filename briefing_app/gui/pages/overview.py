"""The Overview section: title, subtitle, as-of date, authors, BLUF and key points."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing_app.core.briefing.model import Briefing

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from briefing_app.gui.views.field_view import FieldView
from briefing_app.gui.views.field_writer import key_point_badges

__all__ = ["OverviewPage"]


class OverviewPage(QWidget):
    element_selected = Signal(str)
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = FieldView(self, max_line_width=780, name="overview_text")
        self.view.setAccessibleName("Overview")
        self.view.setFrameShape(FieldView.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self.view.link_activated.connect(self.link_activated)
        self.view.field_clicked.connect(lambda address, field: self.element_selected.emit(address))
        self.briefing: Briefing | None = None
        self.selected: str | None = None

    def set_briefing(self, b: Briefing | None) -> None:
        self.briefing = b
        self.redraw()

    def redraw(self) -> None:
        b = self.briefing
        w = self.view.writer()
        if b is None:
            w.block()
            w.text("No briefing open. Use File \u203a Open (Ctrl+O) or drop a briefing file here.",
                   w.fmt(color=w.colors.secondary))
            w.finish()
            return
        w.block(top=10, bottom=0)
        w.text(b.classification.upper(), w.fmt(size=0.8, semibold=True, color=w.colors.secondary, spacing=1.0))
        w.block(top=4, bottom=8, line_height=115)
        w.text(b.title, w.fmt(size=2.0, bold=True))
        if b.subtitle:
            w.block(top=0, bottom=10, line_height=125)
            w.text(b.subtitle.strip(), w.fmt(size=1.2, color=w.colors.secondary))
        w.block(top=2, bottom=2)
        w.text("As of ", w.fmt(size=0.92, color=w.colors.secondary))
        w.text(f"{b.as_of.day} {b.as_of.strftime('%B %Y')}", w.fmt(size=0.92, semibold=True))
        if b.authors:
            w.text("   \u00b7   ", w.fmt(size=0.92, color=w.colors.secondary))
            w.text(", ".join(b.authors), w.fmt(size=0.92))
        if b.tags:
            w.block(top=2, bottom=4)
            w.text("  ".join(f"#{t}" for t in b.tags), w.fmt(size=0.88, color=w.colors.secondary))

        w.heading("Bottom line up front", 3, top=22)
        w.anchor("summary")
        w.block(top=4, bottom=4, left=14, background=w.colors.block, line_height=145)
        w.field("summary", "bluf", b.summary.bluf.strip(), w.fmt(size=1.12))

        if b.summary.key_points:
            w.heading(f"Key points ({len(b.summary.key_points)})", 3, top=22)
        for i, kp in enumerate(b.summary.key_points, 1):
            w.block(top=10, bottom=2, line_height=140)
            w.anchor(kp.address)
            w.text(f"{i}.  ", w.fmt(semibold=True, color=w.colors.secondary))
            key_point_badges(w, kp)
            w.field(kp.address, "text", kp.text.strip(), w.fmt(size=1.04))
            w.block(top=0, bottom=2, left=22)
            n = len(kp.evidence)
            w.text(f"{n} excerpt{'s' if n != 1 else ''}" if n else "no cited excerpt",
                   w.fmt(size=0.86, color=w.colors.secondary))
            w.text("   ", w.fmt(size=0.86))
            w.link("Details", kp.address, w.fmt(size=0.86))
            if n:
                w.text("   ", w.fmt(size=0.86))
                w.link("Show in source \u203a", f"show:{kp.address}#0", w.fmt(size=0.86))
        counts = [(len(b.actors), "actor", "actors"), (len(b.timeline), "event", "timeline"),
                  (len(b.quotes), "quote", "quotes"), (len(b.sources), "source", "sources")]
        w.heading("In this briefing", 3, top=24)
        w.block(top=4, bottom=20)
        for j, (n, word, target) in enumerate(counts):
            if j:
                w.text("   \u00b7   ", w.fmt(color=w.colors.secondary))
            w.link(f"{n} {word}{'s' if n != 1 else ''}", f"section:{target}")
        w.finish()

    def select(self, address: str) -> bool:
        if self.briefing is None:
            return False
        self.selected = address
        if address == "summary":
            self.view.verticalScrollBar().setValue(0)
            return True
        return self.view.scroll_to_anchor_name(address)

    def current_address(self) -> str | None:
        return self.selected
