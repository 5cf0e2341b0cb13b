"""积分清零: a village's expiry policy, its past runs, and a run shown in figures before it is confirmed.

A run writes one expiry row per household to the ledger and cannot be undone, so the operator sees
how many households and points it clears, and confirms, before anything is written.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton

from pointsapp import clock
from pointsapp.services.register import choices
from pointsapp.services.scoring import expiry
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.ui.context import UiContext
from pointsapp.ui.fields import date_edit, note_label
from pointsapp.ui.domain_labels import label
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.review_page import _table
from pointsapp.ui.table_model import RIGHT, ListTableModel, TableColumns
from pointsapp.ui.operations import run_op
from pointsapp.ui.village_picker import VillageTab


class RunColumns(TableColumns):
    """A row is an ``expiry.ExpiryRunView``."""

    CUTOFF = QT_TRANSLATE_NOOP("columns", "截止日"), lambda run: run.cutoff.isoformat()
    HOUSEHOLDS = QT_TRANSLATE_NOOP("columns", "户数"), lambda run: str(run.households), RIGHT
    POINTS = QT_TRANSLATE_NOOP("columns", "清零积分"), lambda run: str(run.points), RIGHT
    RUN_BY = QT_TRANSLATE_NOOP("columns", "执行人"), lambda run: run.run_by
    RUN_AT = QT_TRANSLATE_NOOP("columns", "执行时间"), lambda run: run.run_at.strftime("%Y-%m-%d %H:%M")


class ExpiryRunsModel(ListTableModel):
    columns = RunColumns


def last_year_end(today: dt.date) -> dt.date:
    """The usual cutoff: 31 December of the year before ``today``."""
    return dt.date(today.year - 1, 12, 31)


class ExpiryTab(VillageTab):
    def __init__(self, ctx: UiContext, parent=None, *, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today or clock.today()
        self.village_box = self.picker.village
        self.policy_box = QComboBox()
        for key, text in expiry.POLICY_LABELS.items():
            self.policy_box.addItem(label(text), key)
        self.policy_button = QPushButton(self.tr("保存清零规则"))
        self.policy_button.setEnabled(ctx.can(Permission.SETTINGS_EDIT))
        self.policy_box.setEnabled(ctx.can(Permission.SETTINGS_EDIT))
        self.cutoff_edit = date_edit(last_year_end(self.today))
        self.cutoff_edit.setMaximumDate(QDate(self.today))
        self.run_button = QPushButton(self.tr("执行清零…"))
        self.run_button.setEnabled(ctx.can(Permission.EXPIRY_RUN))
        self.model = ExpiryRunsModel(self)
        self.table = _table(self.model)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("村：")))
        top.addWidget(self.village_box)
        top.addSpacing(24)
        top.addWidget(QLabel(self.tr("清零规则：")))
        top.addWidget(self.policy_box)
        top.addWidget(self.policy_button)
        top.addStretch(1)
        run_box = QGroupBox(self.tr("执行清零"))
        run_row = QHBoxLayout(run_box)
        run_row.addWidget(QLabel(self.tr("清零截止日：")))
        run_row.addWidget(self.cutoff_edit)
        run_row.addWidget(self.run_button)
        run_row.addStretch(1)
        note = note_label(self.tr("清零只清除截止日前获得、至今还没有用掉的可用积分；累计积分、排行和星级不受影响。"
                                  "清零会写入积分台账，不能撤销。"))
        vbox(self, top, run_box, note, QLabel(self.tr("清零记录：")), (self.table, 1))

        self.village_box.currentIndexChanged.connect(self.refresh)
        self.policy_button.clicked.connect(self.save_policy)
        self.run_button.clicked.connect(self.start_run)
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    def cutoff(self) -> dt.date:
        return self.cutoff_edit.date().toPython()

    def refresh(self) -> None:
        vid = self.village_id()
        if vid is None:
            self.model.set_rows([])
            return
        village = choices.village(actor=self.ctx.actor, village_id=vid)
        self.policy_box.setCurrentIndex(max(0, self.policy_box.findData(village.expiry_policy)))
        self.model.set_rows(expiry.list_runs(actor=self.ctx.actor, village_id=vid))

    def save_policy(self) -> None:
        if self.village_id() is None:
            return
        text = self.policy_box.currentText()
        run_op(self, self.ctx, expiry.set_policy, village_id=self.village_id(), policy=self.policy_box.currentData(),
               success=lambda _r: show_info(self, self.tr("已保存：{0}").format(text)))

    def start_run(self) -> None:
        """Show what the run clears, ask, then write it off the UI thread."""
        vid, cutoff = self.village_id(), self.cutoff()
        if vid is None:
            return
        try:
            preview = expiry.preview_expiry(actor=self.ctx.actor, village_id=vid, cutoff=cutoff, today=self.today)
        except UserError as exc:
            show_error(self, exc)
            return
        if preview.households == 0:
            show_info(self, self.tr("{0}在 {1} 前获得的积分都已用完，没有需要清零的积分。")
                      .format(preview.village, cutoff.isoformat()))
            return
        text = self.tr("将清零{0}截止 {1} 的可用积分：{2} 户，共 {3} 分。\n\n清零写入积分台账，不能撤销。确定执行吗？").format(
            preview.village, cutoff.isoformat(), preview.households, preview.points)
        if not confirm(self, text, yes=self.tr("执行清零")):
            return
        run_op(self, self.ctx, expiry.run_expiry, village_id=vid, cutoff=cutoff, today=self.today,
               success=self._done, label=self.tr("正在清零…"))

    def _done(self, run) -> None:
        show_info(self, self.tr("清零完成：{0} 户，共 {1} 分。").format(run.households, run.points))
