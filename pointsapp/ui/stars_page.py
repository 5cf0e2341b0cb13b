"""星级评定 page: the evaluation, the village's star scheme, and the summary with each household's history."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pointsapp.ui.context import UiContext
from pointsapp.ui.star_evaluation_tab import StarEvaluationTab
from pointsapp.ui.star_scheme_tab import StarSchemeTab
from pointsapp.ui.star_summary_tab import StarSummaryTab
from pointsapp.services.register import choices


class StarsPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        if not choices.villages(actor=ctx.actor):
            layout.addWidget(QLabel(self.tr("还没有村。请先建村或导入花名册。")))
            return
        self.tabs = QTabWidget()
        self.evaluation = StarEvaluationTab(ctx)
        self.scheme = StarSchemeTab(ctx)
        self.summary = StarSummaryTab(ctx)
        self.tabs.addTab(self.evaluation, self.tr("评定与授星"))
        self.tabs.addTab(self.scheme, self.tr("星级设置"))
        self.tabs.addTab(self.summary, self.tr("统计与历史"))
        layout.addWidget(self.tabs)
