"""The summary tab of the stars page: star households per group and village, and one household's history."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import black_board
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.ui.column_widths import fit_to_sample
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.star_evaluation_tab import period_choices
from pointsapp.ui.star_models import HistoryColumns, HistoryModel, SummaryColumns, SummaryModel
from pointsapp.ui.tasks import run_task
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import table_view
from pointsapp.ui.buttons import labelled_row
from pointsapp.services.register import choices


class StarSummaryTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id: int | None = None
        self.picker = VillagePicker.of(ctx.actor, hub=ctx.hub, parent=self, all_villages=self.tr("全部村"))
        self.village = self.picker.village
        self.period = QComboBox()
        self.period.addItem(self.tr("目前持有的星"), None)
        for code in period_choices():
            self.period.addItem(code, code)
        top = labelled_row((self.tr("村(&V)："), self.village), (self.tr("期间(&Y)："), self.period))
        self.black_board_button = QPushButton(self.tr("黑榜摘星(&B)…"))  # the village rule: N entries a year
        self.black_board_button.setToolTip(self.tr("本年上黑榜满设定次数（常规设置）的户，摘去所持的星，并记录原因。"))
        self.black_board_button.setEnabled(self.ctx.can(Permission.STARS_APPLY))
        self.black_board_button.clicked.connect(self.withdraw_for_black_board)
        top.addWidget(self.black_board_button)
        self.summary_model = SummaryModel(self)
        self.summary_view = table_view(self.summary_model, fit=False, stretch=None)
        self.summary_view.horizontalHeader().setSectionResizeMode(SummaryColumns.SPREAD, QHeaderView.Stretch)

        box = QGroupBox(self.tr("户的获星历史"))
        self.household_no = QLineEdit()
        self.household_no.setPlaceholderText(self.tr("户号，回车查询"))
        self.find_button = QPushButton(self.tr("查询(&F)"))
        self.withdraw_button = QPushButton(self.tr("摘星(&W)…"))
        self.withdraw_button.setEnabled(False)
        self.household_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("户号：")))
        row.addWidget(self.household_no)
        row.addWidget(self.find_button)
        row.addWidget(self.household_label, 1)
        row.addWidget(self.withdraw_button)
        self.history_model = HistoryModel(self)
        self.history_view = table_view(self.history_model, fit=False, stretch=None)
        self.history_view.horizontalHeader().setSectionResizeMode(HistoryColumns.REASON, QHeaderView.Stretch)
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(self.history_view)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_view, 3)
        layout.addWidget(box, 2)
        self.village.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.household_no.returnPressed.connect(self.find_household)
        self.find_button.clicked.connect(self.find_household)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.history_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_withdraw())
        ctx.hub.stars_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        vid, period = self.village.currentData(), self.period.currentData()
        run_task(self, lambda: star_awards.summary(actor=self.ctx.actor, village_id=vid, period=period),
                 success=self._show_summary, label=self.tr("正在统计…"))
        if self.household_id is not None:
            self._load_history()

    def _show_summary(self, rows) -> None:
        self.summary_model.set_rows(rows)
        fit_to_sample(self.summary_view, stretch_last=False)

    def find_household(self) -> None:
        vid = self.village.currentData() or next((v.id for v in self.picker.villages), None)
        if vid is None:
            return
        try:
            household = choices.require_household(actor=self.ctx.actor, village_id=vid,
                                                  household_no=self.household_no.text())
        except UserError as exc:
            show_error(self, exc)
            return
        self.household_id = household.id
        self.household_label.setText(f"{household.household_no} {household.head_name}")
        self._load_history()

    def _load_history(self) -> None:
        self.history_model.set_rows(star_awards.history(actor=self.ctx.actor, household_id=self.household_id))
        fit_to_sample(self.history_view, stretch_last=False)
        self._update_withdraw()

    def _selected_award(self):
        index = self.history_view.currentIndex()
        return self.history_model.row(index) if index.isValid() else None

    def _update_withdraw(self) -> None:
        record = self._selected_award()
        self.withdraw_button.setEnabled(record is not None and record.withdrawn_at is None
                                        and self.ctx.can(Permission.STARS_APPLY))

    def withdraw_selected(self) -> None:
        record = self._selected_award()
        if record is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("摘星"), self.tr("摘除“{0}”（{1}）的原因：")
                                          .format(record.star, record.period))
        if not ok:
            return
        run_op(self, self.ctx, star_awards.withdraw, household_id=self.household_id, star_id=record.star_id,
               reason=reason, period=record.period)

    def withdraw_for_black_board(self, *, ask: bool = True) -> None:
        """黑榜摘星 for the chosen village (or the only one), after a confirmation naming the rule."""
        vid = self.village.currentData() or (self.picker.villages[0].id if len(self.picker.villages) == 1 else None)
        if vid is None:
            show_error(self, self.tr("请先选择村。"))
            return
        if ask and not confirm(self, self.tr("按“一年内上黑榜满 {0} 次即摘星”的村规，为本年达到次数的户摘星？\n"
                                             "每颗星的摘除都会记录原因。").format(black_board.limit(actor=self.ctx.actor) or "?"),
                               yes=self.tr("摘星")):
            return
        run_op(self, self.ctx, black_board.withdraw_for_black_board, village_id=vid, success=self._black_board_done)

    def _black_board_done(self, done) -> None:
        if not done:
            show_info(self, self.tr("没有上黑榜满设定次数且持有星级的户，未摘星。"))
            return
        lines = [f"{d.household_no} {d.head_name}：{'、'.join(d.stars)}（{d.reason}）" for d in done]
        show_info(self, self.tr("已为 {0} 户摘星：").format(len(done)) + "\n" + "\n".join(lines))
