"""审核公示页面: entries awaiting review, entries on public notice, and objections."""
from __future__ import annotations


from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services.scoring import entry_lines
from pointsapp.services.scoring import review
from pointsapp.services.auth import Permission
from pointsapp.ui.buttons import push_button
from pointsapp.ui.layouts import hbox, vbox
from pointsapp.ui.table_model import ListTableModel, TableColumns, table_view
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.entry_models import EntriesModel
from pointsapp.ui.operations import run_op
from pointsapp.ui.column_widths import fit_to_sample
from pointsapp.ui.village_picker import VillageTab
from pointsapp.ui.messages import confirm, show_error, show_info


def _table(model) -> QTableView:
    """Columns sized from the first rows (``column_widths``), never fitted over all of them."""
    return table_view(model, single=False, read_only=True, row_height=24, fit=False)


class ObjectionColumns(TableColumns):
    """A row is an ``entry_lines.ObjectionLine``."""

    ID = QT_TRANSLATE_NOOP("columns", "异议号"), lambda o: str(o.id)
    ENTRY = QT_TRANSLATE_NOOP("columns", "积分记录号"), lambda o: str(o.entry_id)
    HOUSEHOLD_NO = QT_TRANSLATE_NOOP("columns", "户号"), lambda o: o.household_no
    HEAD = QT_TRANSLATE_NOOP("columns", "户主"), lambda o: o.head
    RAISED_BY = QT_TRANSLATE_NOOP("columns", "提出人"), lambda o: o.raised_by
    RAISED_ON = QT_TRANSLATE_NOOP("columns", "日期"), lambda o: str(o.raised_on)
    CONTENT = QT_TRANSLATE_NOOP("columns", "异议内容"), lambda o: o.content
    STATUS = QT_TRANSLATE_NOOP("columns", "处理结果"), lambda o: label(o.status)
    REASON = QT_TRANSLATE_NOOP("columns", "处理理由"), lambda o: o.decision_reason


class ObjectionsModel(ListTableModel):
    columns = ObjectionColumns


class ReviewPage(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.village_box = self.picker.village
        reviewed = next((v.id for v in self.picker.villages if v.reviewed), None)
        if reviewed is not None:
            self.picker.choose(reviewed)
        self.tabs = QTabWidget()

        # 待审核
        self.pending_model = EntriesModel(self)
        self.pending_table = _table(self.pending_model)
        self.approve_button = push_button(self.tr("审核通过 (&A)"), lambda: self._review(True))
        self.reject_button = push_button(self.tr("驳回 (&R)…"), lambda: self._review(False))
        self.tabs.addTab(self._tab(self.pending_table, [self.approve_button, self.reject_button]),
                         self.tr("待审核"))

        # 公示
        self.notice_model = EntriesModel(self)
        self.notice_table = _table(self.notice_model)
        self.notice_label = QLabel()
        self.post_button = push_button(self.tr("将已审核记录张榜公示 (&P)"), self._post)
        self.close_button = push_button(self.tr("结束期满的公示 (&C)"), self._close)
        self.object_button = push_button(self.tr("登记异议 (&O)…"), self._record_objection)
        self.tabs.addTab(self._tab(self.notice_table, [self.post_button, self.close_button, self.object_button],
                                   self.notice_label), self.tr("公示中"))

        # 异议
        self.objection_model = ObjectionsModel(self)
        self.objection_table = _table(self.objection_model)
        self.uphold_button = push_button(self.tr("异议成立并冲正…"), lambda: self._decide(True))
        self.dismiss_button = push_button(self.tr("驳回异议…"), lambda: self._decide(False))
        for button in (self.uphold_button, self.dismiss_button):
            button.setEnabled(ctx.can(Permission.OBJECTION_DECIDE))
        self.open_only = QCheckBox(self.tr("只看待处理的异议"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self._fill_objections)
        self.tabs.addTab(self._tab(self.objection_table, [self.uphold_button, self.dismiss_button], self.open_only),
                         self.tr("异议"))

        # one search for all three lists: a household (number or head), a group, a rule
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("户号、户主或细则"))
        self.search.setClearButtonEnabled(True)
        self.group_box = QComboBox()
        self.rule_box = QComboBox()
        self.rule_box.setMinimumContentsLength(12)
        self.rule_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.search.textChanged.connect(self._apply_filter)
        self.group_box.currentIndexChanged.connect(self._apply_filter)
        self.rule_box.currentIndexChanged.connect(self._apply_filter)
        self._pending: list = []
        self._notice: list = []
        self._objections: list = []
        self._fitted: set[int] = set()
        self._seen = self._stale = False  # shown once; changed while hidden since

        top = hbox(QLabel(self.tr("村：")), self.village_box, 12, QLabel(self.tr("查找：")), (self.search, 1),
                   QLabel(self.tr("小组：")), self.group_box, QLabel(self.tr("细则：")), self.rule_box)
        vbox(self, top, (self.tabs, 1))
        self.village_box.currentIndexChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(self._tab_shown)
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    def _tab(self, table, buttons, label: QWidget | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if label is not None:
            layout.addWidget(label)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout.addLayout(row)
        return page

    def refresh(self) -> None:
        vid = self.village_id()
        if vid is None:
            return
        if self._seen and not self.isVisible():  # entries saved on another page: read when this one is back
            self._stale = True
            return
        self._stale = False
        actor = self.ctx.actor
        self._pending = entry_lines.awaiting_review(actor=actor, village_id=vid)
        self._notice = entry_lines.on_notice(actor=actor, village_id=vid)
        self._objections = entry_lines.objections(actor=actor, village_id=vid)
        self._fill_choices()
        self._apply_filter()
        reviewed = entry_lines.reviewed_count(actor=actor, village_id=vid)
        notices = review.open_notices(actor=self.ctx.actor, village_id=vid)
        text = "；".join(self.tr("公示 #{0}：{1} 至 {2}").format(n.id, n.starts_on, n.ends_on) for n in notices)
        self.notice_label.setText(self.tr("{0}。已审核待公示 {1} 条。").format(text or self.tr("没有进行中的公示"),
                                                                      reviewed))

    def _fill_choices(self) -> None:
        """The groups and rules of the rows listed, as the filters' choices (the choice kept when still there)."""
        lines = [*self._pending, *self._notice]
        for box, values, everything in ((self.group_box, sorted({r.group for r in lines}), self.tr("全部小组")),
                                        (self.rule_box, sorted({r.rule for r in lines}), self.tr("全部细则"))):
            kept = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for value in values:
                box.addItem(label(value), value)
            box.setCurrentIndex(max(0, box.findData(kept)) if kept is not None else 0)
            box.blockSignals(False)

    def _filtered(self, lines: list) -> list:
        """The lines that match the search words, the group and the rule chosen (all of them when none is)."""
        words = self.search.text().strip().lower().split()
        group, rule = self.group_box.currentData(), self.rule_box.currentData()
        if not words and group is None and rule is None:
            return lines
        fields = ("household_no", "head", "rule", "content", "raised_by")

        def matches(line) -> bool:
            if group is not None and getattr(line, "group", group) != group:
                return False
            if rule is not None and getattr(line, "rule", rule) != rule:
                return False
            text = " ".join(str(getattr(line, f, "")) for f in fields).lower()
            return all(word in text for word in words)
        return [line for line in lines if matches(line)]

    def _apply_filter(self) -> None:
        pending = self._filtered(self._pending)
        notice = self._filtered(self._notice)
        self._show(self.pending_table, self.pending_model, pending)
        self._show(self.notice_table, self.notice_model, notice)
        self._fill_objections()
        shown = self.tr("待审核 ({0})").format(len(pending))
        if len(pending) != len(self._pending):
            shown = self.tr("待审核 ({0}/{1})").format(len(pending), len(self._pending))
        self.tabs.setTabText(0, shown)
        on_notice = self.tr("公示中 ({0})").format(len(notice))
        if len(notice) != len(self._notice):
            on_notice = self.tr("公示中 ({0}/{1})").format(len(notice), len(self._notice))
        self.tabs.setTabText(1, on_notice)

    def _fill_objections(self) -> None:
        rows = [o for o in self._objections if (o.open or not self.open_only.isChecked())
                and self._matches_household(o)]
        self._show(self.objection_table, self.objection_model, rows)
        waiting = sum(1 for o in self._objections if o.open)
        self.tabs.setTabText(2, self.tr("异议 ({0} 待处理)").format(waiting) if waiting else self.tr("异议"))

    def _matches_household(self, objection) -> bool:
        words = self.search.text().strip().lower()
        text = f"{objection.household_no} {objection.head} {objection.raised_by} {objection.content}".lower()
        return all(word in text for word in words.split())

    def _show(self, table: QTableView, model, rows: list) -> None:
        model.set_rows(rows)
        if table.isVisible():
            self._fit(table)

    def _fit(self, table: QTableView) -> None:
        """Columns sized once, from the first rows, when the table is first seen; the user may drag them after."""
        if id(table) not in self._fitted and table.model().rowCount():
            fit_to_sample(table)
            self._fitted.add(id(table))

    def _tab_shown(self, index: int) -> None:
        self._fit((self.pending_table, self.notice_table, self.objection_table)[index])

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._seen = True
        if self._stale:
            self.refresh()
        self._tab_shown(self.tabs.currentIndex())

    def _selected_ids(self, table: QTableView, model: EntriesModel) -> list[int]:
        return [model.rows[i.row()].id for i in table.selectionModel().selectedRows()]

    def _run(self, op, message: str | None = None, **arguments) -> None:
        run_op(self, self.ctx, op, success=(lambda result: show_info(self, message.format(result))) if message else None,
               **arguments)

    def _review(self, approve: bool) -> None:
        ids = self._selected_ids(self.pending_table, self.pending_model)
        if not ids:
            show_error(self, self.tr("请先在表中选择要审核的记录（可按 Ctrl+A 全选）。"))
            return
        reason = ""
        if not approve:
            reason, ok = QInputDialog.getText(self, self.tr("驳回"), self.tr("驳回原因："))
            if not ok:
                return
        elif not confirm(self, self.tr("审核通过选中的 {0} 条记录？").format(len(ids))):
            return
        self._run(review.review, entry_ids=ids, approve=approve, reason=reason)

    def _post(self) -> None:
        village = self.picker.choice()
        if village is None:
            return
        days, ok = QInputDialog.getInt(self, self.tr("张榜公示"), self.tr("公示天数："), village.notice_days, 1, 60)
        if ok:
            self._run(review.put_on_notice, self.tr("已张榜公示。"), village_id=village.id, days=days)

    def _close(self) -> None:
        run_op(self, self.ctx, review.close_notices, village_id=self.village_id(), today=clock.today(),
               success=self._closed)

    def _closed(self, result) -> None:
        text = self.tr("已结束 {0} 个公示，{1} 条记录生效。").format(len(result.closed), result.effective)
        for notice_id, ids in result.waiting.items():
            text += self.tr("\n公示 #{0} 还有 {1} 个异议未处理。").format(notice_id, len(ids))
        show_info(self, text)

    def _record_objection(self) -> None:
        ids = self._selected_ids(self.notice_table, self.notice_model)
        if len(ids) != 1:
            show_error(self, self.tr("请选择一条公示中的记录。"))
            return
        who, ok = QInputDialog.getText(self, self.tr("登记异议"), self.tr("提出人："))
        if not ok:
            return
        content, ok = QInputDialog.getMultiLineText(self, self.tr("登记异议"), self.tr("异议内容："))
        if ok:
            self._run(review.record_objection, entry_id=ids[0], raised_by=who, content=content)

    def _decide(self, uphold: bool) -> None:
        rows = self.objection_table.selectionModel().selectedRows()
        if len(rows) != 1:
            show_error(self, self.tr("请选择一个异议。"))
            return
        objection = self.objection_model.rows[rows[0].row()]
        title = self.tr("异议成立：原记录将被冲正") if uphold else self.tr("驳回异议")
        reason, ok = QInputDialog.getText(self, title, self.tr("处理理由："))
        if ok:
            self._run(review.decide_objection, objection_id=objection.id, uphold=uphold, reason=reason)
