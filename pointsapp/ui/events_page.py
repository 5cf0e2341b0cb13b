"""活动与评议页面: event check-in by card, villagers' claims, and the review meetings that decide them, as tabs."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from pointsapp.ui import event_labels  # noqa: F401 - the labels these tabs show, listed for translation
from pointsapp.ui.claims_tab import ClaimsTab
from pointsapp.ui.context import UiContext
from pointsapp.ui.event_checkin import EventCheckIn
from pointsapp.ui.meetings_tab import MeetingsTab


class EventsPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.checkin = EventCheckIn(ctx)
        self.claims = ClaimsTab(ctx)
        self.meetings = MeetingsTab(ctx)
        self.tabs.addTab(self.checkin, self.tr("活动签到"))
        self.tabs.addTab(self.claims, self.tr("村民申报"))
        self.tabs.addTab(self.meetings, self.tr("评议会"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
