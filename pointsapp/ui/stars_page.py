"""星级评定 page: the evaluation, the village's star scheme, and the summary with each household's history."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pointsapp.ui.context import UiContext
from pointsapp.ui.lazy_tabs import LazyTab, LazyTabs
from pointsapp.ui.star_evaluation_tab import StarEvaluationTab
from pointsapp.ui.star_scheme_tab import StarSchemeTab
from pointsapp.ui.star_summary_tab import StarSummaryTab
from pointsapp.services.register import choices


class StarsPage(QWidget):
    evaluation = LazyTab("evaluation")  # a StarEvaluationTab
    scheme = LazyTab("scheme")  # a StarSchemeTab
    summary = LazyTab("summary")  # a StarSummaryTab

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        villages = choices.villages(actor=ctx.actor)
        if not villages:
            layout.addWidget(QLabel(self.tr("还没有村。请先建村或导入花名册。")))
            return
        self.tabs = LazyTabs()  # the scheme and the summary are built when their tab is first opened
        self.tabs.add_lazy("evaluation", self.tr("评定与授星"), lambda: StarEvaluationTab(ctx, villages=villages))
        self.tabs.add_lazy("scheme", self.tr("星级设置"), lambda: StarSchemeTab(ctx))
        self.tabs.add_lazy("summary", self.tr("统计与历史"), lambda: StarSummaryTab(ctx))
        layout.addWidget(self.tabs)
