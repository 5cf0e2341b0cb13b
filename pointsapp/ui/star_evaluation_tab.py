"""The evaluation tab of the stars page: run, review the proposals, adjust, publish, apply."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
    QPushButton, QSplitter, QTextEdit, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import evaluation as stars
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.ui.domain_labels import label, period_label
from pointsapp.ui.column_widths import fit_to_sample
from pointsapp.ui.drawn_once import scroll_bar_for
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.star_adjust_dialog import StarAdjustDialog
from pointsapp.ui.star_models import ProposalColumns, ProposalsModel
from pointsapp.ui.tasks import run_task
from pointsapp.ui.operations import changes_of, run_op
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.ui.table_model import table_view
from pointsapp.ui.buttons import labelled_row


def period_choices(today: dt.date | None = None) -> list[str]:
    year = (today or clock.today()).year
    return [f"{y}{h}" for y in (year, year - 1) for h in ("", "-H2", "-H1")]


class StarEvaluationTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None, *, villages=None):
        super().__init__(parent)
        self.ctx = ctx
        self.evaluation: stars.EvaluationView | None = None  # the evaluation shown, if any
        # the villages as the page has just read them (None: read here)
        self.picker = VillagePicker.of(ctx.actor, hub=ctx.hub, parent=self, villages=villages)
        self.village = self.picker.village
        self.period = QComboBox()
        self.period.setEditable(True)
        self.period.addItems(period_choices())
        self.run_button = QPushButton(self.tr("按账本评定(&R)"))
        self.adjust_button = QPushButton(self.tr("调整(&A)…"))
        self.publish_button = QPushButton(self.tr("公示(&P)"))
        self.apply_button = QPushButton(self.tr("授星(&G)"))
        self.apply_button.setEnabled(ctx.can(Permission.STARS_APPLY))
        self.plaque_button = QPushButton(self.tr("打印星级牌(&T)…"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按户号或户主查找"))
        self.search.setClearButtonEnabled(True)
        top = labelled_row((self.tr("村(&V)："), self.village), (self.tr("期间(&Y)："), self.period))
        top.addWidget(self.search)
        actions = QHBoxLayout()  # the steps of an evaluation on a row of their own (one row was wider than 1024)
        for button in (self.run_button, self.adjust_button, self.publish_button, self.apply_button,
                       self.plaque_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # a line's height before its first text: the evaluation's status coming after the first paint does not lay
        # the page out again (the list and the detail pane below it were drawn a second time)
        self.status.setMinimumHeight(self.status.fontMetrics().height())

        self.model = ProposalsModel(self)
        self.model.details = self._proposals_of  # the tooltip's figures, read when asked
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.view = table_view(self.proxy, fit=False, stretch=ProposalColumns.STARS)
        # rows come by group and household number; sorted again only when a header is clicked (a sort by the
        # proxy asks data() of every row a dozen times over, on each load)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.detail = QTextEdit()
        self.detail.setReadOnly(True)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self.run_button.clicked.connect(self.run_evaluation)
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.publish_button.clicked.connect(self.publish)
        self.apply_button.clicked.connect(self.apply)
        self.plaque_button.clicked.connect(lambda: self.print_plaques())
        self.view.doubleClicked.connect(lambda _i: self.adjust_selected())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.village.currentIndexChanged.connect(lambda _i: self.load())
        self.period.currentTextChanged.connect(lambda _t: self.load())
        self.load()

    # --- loading -------------------------------------------------------------------
    def village_id(self) -> int | None:
        return self.village.currentData()

    def load(self) -> None:
        """Show the latest evaluation of the chosen village and period (without running a new one)."""
        vid, period = self.village_id(), self.period.currentText().strip()
        if vid is None:
            self._show(stars.ShownEvaluation(None, [], {}))
            return
        try:
            stars.evaluation_period(period)
        except UserError:
            return
        actor = self.ctx.actor
        run_task(self, lambda: stars.shown_evaluation(actor=actor, village_id=vid, period=period),
                 success=self._show, label=self.tr("正在读取评星结果…"))

    def _show(self, shown: stars.ShownEvaluation) -> None:
        self.evaluation = shown.evaluation
        self._update_status(len(shown.rows))  # its height, then the scroll bar, before the rows: drawn once
        scroll_bar_for(self.view, len(shown.rows))
        self.model.category_names = shown.category_names
        self.model.set_rows(shown.rows)
        header = self.view.horizontalHeader()
        # the widths set with the header's signals held, then the view laid out once: a column resized with them
        # queued a second drawing of the table, from that column rightwards, for after the first
        blocked = header.blockSignals(True)
        try:
            # from the first rows (never every household's every cell); the proposed stars take the spare width
            fit_to_sample(self.view, stretch_last=False, stretch=ProposalColumns.STARS)
            # one long reason must not squeeze the proposed stars: it is read in full in the pane below
            cap = max(160, self.view.viewport().width() // 4)
            if self.view.columnWidth(ProposalColumns.ADJUSTED) > cap:
                self.view.setColumnWidth(ProposalColumns.ADJUSTED, cap)
            header.resizeSections()  # the stretched column now, not on the header's timer after the first paint
        finally:
            header.blockSignals(blocked)
        self.view.doItemsLayout()
        self._show_detail()

    def _update_status(self, households: int) -> None:
        e = self.evaluation
        if e is None:
            self.status.setText(self.tr("本期间还没有评星。点“按账本评定”为每一户生成建议。"))
        else:
            state = label(stars.STATUS_LABELS.get(e.status, e.status))
            text = self.tr("评星记录 #{0}，{1}，{2} 户，状态：{3}").format(
                e.id, period_label(stars.evaluation_period(e.period)), households, state)
            if e.notice_starts_on:
                text += self.tr("（公示期 {0} 至 {1}）").format(e.notice_starts_on, e.notice_ends_on)
            self.status.setText(text)
        open_ = e is not None and e.status in ("draft", "notice")
        self.adjust_button.setEnabled(open_)
        self.publish_button.setEnabled(e is not None and e.status == "draft")
        self.apply_button.setEnabled(open_ and self.ctx.can(Permission.STARS_APPLY))
        self.plaque_button.setEnabled(e is not None and e.status == "applied" and self.ctx.can(Permission.PRINT))

    def selected(self) -> stars.HouseholdProposals | None:
        """The selected household's proposals in full (with their figures), read now."""
        index = self.view.currentIndex()
        row = self.model.row(self.proxy.mapToSource(index)) if index.isValid() else None
        return self._proposals_of(row.household_id) if row is not None else None

    def _proposals_of(self, household_id: int) -> stars.HouseholdProposals | None:
        """One household's proposals of the evaluation shown, as they are now (the list shows a line per
        household; the figures behind it are read when the detail pane, a tooltip or an adjustment wants them)."""
        if self.evaluation is None:
            return None
        found = stars.proposals(actor=self.ctx.actor, evaluation_id=self.evaluation.id, household_id=household_id)
        return found[0] if found else None

    def _show_detail(self) -> None:
        item = self.selected()
        text = f"{item.household_no} {item.head_name}\n{self.model.figures_text(item)}" if item else ""
        if text or not self.detail.document().isEmpty():  # an empty pane left as it is: not laid out and drawn again
            self.detail.setPlainText(text)

    # --- actions -------------------------------------------------------------------
    def run_evaluation(self) -> None:
        vid, period = self.village_id(), self.period.currentText().strip()
        if vid is None:
            return
        if self.evaluation is not None and self.evaluation.status in ("draft", "notice") and not confirm(
                self, self.tr("重新评定会作废本期间尚未授星的评定结果（包括委员会的调整和公示），确定继续？")):
            return

        def evaluate(report, *, actor):
            stars.evaluate(actor=actor, village_id=vid, period=period, progress=report)
            return stars.shown_evaluation(actor=actor, village_id=vid, period=period)

        run_op(self, self.ctx, evaluate, changes=changes_of(stars.evaluate), wants_progress=True,
               success=self._show, label=self.tr("正在评定…"))

    def adjust_selected(self) -> None:
        item = self.selected()
        if item is None or self.evaluation is None:
            show_error(self, self.tr("请先在表中选择一户。"))
            return
        dialog = StarAdjustDialog(item, self.model.category_names, self)
        if not dialog.exec():
            return
        star_id, include, reason = dialog.values()
        evaluation_id, household_id = self.evaluation.id, item.household_id

        def adjust(*, actor):
            stars.adjust(actor=actor, evaluation_id=evaluation_id, household_id=household_id, star_id=star_id,
                         include=include, reason=reason)
            [fresh] = stars.proposals(actor=actor, evaluation_id=evaluation_id, household_id=household_id)
            return fresh

        run_op(self, self.ctx, adjust, changes=changes_of(stars.adjust), success=self._adjusted)

    def _adjusted(self, fresh) -> None:
        self.model.replace_household(fresh)
        self._show_detail()

    def publish(self) -> None:
        if self.evaluation is None:
            return
        days = self.evaluation.notice_days
        if not confirm(self, self.tr("将评星结果公示 {0} 天？公示期间仍可调整。").format(days)):
            return
        run_op(self, self.ctx, star_awards.publish, evaluation_id=self.evaluation.id, success=lambda _r: self.load())

    def apply(self) -> None:
        if self.evaluation is None:
            return
        count = sum(len(r.included) for r in self.model.rows)
        if not confirm(self, self.tr("授星后本期间的结果不能再调整或重评（摘星另有记录）。确定授予共 {0} 颗星？")
                       .format(count), yes=self.tr("授星")):
            return
        evaluation_id = self.evaluation.id

        def done(awards):
            show_info(self, self.tr("已授星 {0} 颗。").format(awards))
            self.load()

        run_op(self, self.ctx, star_awards.apply, evaluation_id=evaluation_id, success=done,
               label=self.tr("正在授星…"))

    def print_plaques(self, path: str | None = None, size: str | None = None) -> None:
        """星级牌 PDF for every household of the village holding stars of this period."""
        if self.evaluation is None:
            return
        if size is None:
            size, ok = QInputDialog.getItem(self, self.tr("打印星级牌"), self.tr("纸张（横向）："), ["A4", "A5"], 0, False)
            if not ok:
                return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存星级牌"),
                                                  self.tr("星级牌-{0}.pdf").format(self.evaluation.period), self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        vid, period = self.evaluation.village_id, self.evaluation.period

        def work():
            from pointsapp.printing.plaque import render_plaques

            return render_plaques(actor=self.ctx.actor, path=path, period=period, village_id=vid, size=size)

        run_task(self, work, success=lambda pages: show_info(self, self.tr("已生成星级牌 {0} 张：{1}").format(pages, path)),
                 label=self.tr("正在生成星级牌…"))
