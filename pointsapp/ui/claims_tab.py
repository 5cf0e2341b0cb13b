"""村民申报: type in a villager's claim (household, member, rule, deed, date, photos), record the group head's
check, and the review meeting's decision; the village's setting whether group heads check first."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
)

from pointsapp.errors import UserError
from pointsapp.services.auth import Permission
from pointsapp.services.register import choices
from pointsapp.services.scoring import claims, meetings, rules
from pointsapp.ui.buttons import ok_cancel, push_button
from pointsapp.ui.context import UiContext
from pointsapp.ui.evidence_field import EvidenceField
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.decision_dialog import DecisionDialog
from pointsapp.ui.domain_labels import label
from pointsapp.ui.household_field import HouseholdField
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import show_error, show_info
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import ListTableModel, TableColumns, selected_row, table_view
from pointsapp.ui.village_picker import VillageTab


class ClaimColumns(TableColumns, context="claims"):
    """A row is a ``claims.ClaimInfo``."""

    NUMBER = QT_TRANSLATE_NOOP("claims", "申报号"), lambda c: str(c.id)
    DATE = QT_TRANSLATE_NOOP("claims", "日期"), lambda c: c.occurred_on.isoformat()
    HOUSEHOLD = QT_TRANSLATE_NOOP("claims", "户"), lambda c: f"{c.household_no} {c.head_name}"
    MEMBER = QT_TRANSLATE_NOOP("claims", "成员"), lambda c: c.member
    RULE = QT_TRANSLATE_NOOP("claims", "细则"), lambda c: f"{c.rule_code} {c.points:+d}"
    DEED = QT_TRANSLATE_NOOP("claims", "事迹"), lambda c: c.deed
    PHOTOS = QT_TRANSLATE_NOOP("claims", "证据"), lambda c: str(len(c.photos)) if c.photos else ""
    STATUS = QT_TRANSLATE_NOOP("claims", "状态"), lambda c: label(claims.STATUS_LABELS[c.status])
    NOTE = QT_TRANSLATE_NOOP("claims", "核实/评议"), lambda c: " ".join(x for x in (c.group_head, c.reason) if x)


class ClaimsModel(ListTableModel):
    columns = ClaimColumns


class ClaimsTab(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        rows = FormRows()
        self.picker.add_rows(rows.layout)
        self.group_check = rows.check_box(self.tr("本村申报先由组长核实，再提交评议会"))
        self.group_check.setEnabled(ctx.can(Permission.SETTINGS_EDIT))
        self.household = rows.add(self.tr("户号："), HouseholdField(ctx, self.village_id, self.tr("户号")))
        self.member = rows.combo_box(self.tr("家庭成员："))
        self.rule = rows.combo_box(self.tr("申报细则："))
        self.date = rows.date_edit(self.tr("事迹日期："))
        self.deed = rows.line_edit(self.tr("事迹："), placeholder=self.tr("做了什么，如：照顾邻居孤寡老人一个月"))
        self.claimant = rows.line_edit(self.tr("申报人："), placeholder=self.tr("来申报的村民（默认户主）"))
        self.evidence = rows.add(self.tr("证据："), EvidenceField(several=True))
        self.save_button = push_button(self.tr("登记申报"), self.save)
        self.status = QLabel()
        self.filter = QComboBox()
        self.filter.addItem(self.tr("全部申报"), None)
        for code, text in claims.STATUS_LABELS.items():
            self.filter.addItem(label(text), code)
        self.model = ClaimsModel(self)
        self.table = table_view(self.model, fit=False, stretch=ClaimColumns.DEED)
        self.check_button = push_button(self.tr("组长核实…"), self.check_selected)
        self.decide_button = push_button(self.tr("评议结果…"), self.decide_selected)
        self.evidence_button = push_button(self.tr("查看证据"), self.show_evidence)
        for w in (self.save_button, self.check_button, self.evidence.button):  # a reviewer decides, a clerk types
            w.setEnabled(ctx.can(Permission.ENTRY_CREATE))

        layout = QVBoxLayout(self)
        layout.addLayout(rows.layout)
        save_row = QHBoxLayout()
        save_row.addWidget(self.status, 1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        list_row = QHBoxLayout()
        list_row.addWidget(self.filter)
        list_row.addStretch(1)
        list_row.addWidget(self.evidence_button)
        list_row.addWidget(self.check_button)
        list_row.addWidget(self.decide_button)
        layout.addLayout(list_row)
        layout.addWidget(self.table, 1)

        self.picker.changed.connect(self._village_changed)
        self.household.found.connect(self._fill_members)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.group_check.toggled.connect(self._policy_toggled)
        ctx.hub.ledger_changed.connect(self.refresh)
        ctx.hub.rules_changed.connect(self._fill_rules)
        self._village_changed()

    def _village_changed(self) -> None:
        vid = self.picker.village_id()
        self.group_check.blockSignals(True)
        self.group_check.setChecked(claims.claim_policy(actor=self.ctx.actor, village_id=vid) if vid else True)
        self.group_check.blockSignals(False)
        self._fill_rules()
        self.household.look_up()
        self.refresh()

    def _fill_rules(self) -> None:
        self.rule.clear()
        vid = self.picker.village_id()
        for r in rules.list_rules(actor=self.ctx.actor, village_id=vid) if vid else []:
            if r.points > 0 and not r.inspection_item:
                self.rule.addItem(f"{r.code} {r.title}（{r.points:+d}）", r.id)
        self.rule.setCurrentIndex(-1)

    def _fill_members(self, h: choices.HouseholdRef | None) -> None:
        self.member.clear()
        self.member.addItem(self.tr("（全户）"), None)
        for mid, name, relation in claims.members_of(actor=self.ctx.actor, household_id=h.id) if h else []:
            self.member.addItem(f"{name}（{relation}）" if relation else name, mid)

    def _policy_toggled(self, on: bool) -> None:
        vid = self.picker.village_id()
        if vid:
            run_op(self, self.ctx, claims.set_claim_policy, village_id=vid, group_check=on)

    def save(self) -> None:
        try:
            household = self.household.chosen()
            if self.rule.currentIndex() < 0:
                raise UserError(self.tr("请选择申报的细则。"))
        except UserError as exc:
            show_error(self, exc)
            return
        run_op(self, self.ctx, claims.submit_claim, household_id=household.id, rule_id=self.rule.currentData(),
               member_id=self.member.currentData(), deed=self.deed.text(), occurred_on=self.date.date().toPython(),
               claimant=self.claimant.text(), photos=list(self.evidence.paths), success=self._saved,
               busy=self.save_button)

    def _saved(self, claim: claims.ClaimInfo) -> None:
        self.status.setText(self.tr("已登记申报 #{0}：{1} {2}（{3}）").format(
            claim.id, claim.household_no, claim.head_name, label(claim.status_label)))
        self.household.edit.clear()
        self.deed.clear()
        self.claimant.clear()
        self.evidence.clear()
        self.household.edit.setFocus()

    def refresh(self) -> None:
        vid = self.picker.village_id()
        self.model.set_rows(claims.claims(actor=self.ctx.actor, village_id=vid, status=self.filter.currentData())
                            if vid else [])

    def selected(self) -> claims.ClaimInfo | None:
        return selected_row(self.table)

    def show_evidence(self) -> None:
        """Open the selected claim's photos (each checked against the hash kept when it was copied)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        claim = self.selected()
        if claim is None:
            return
        files = claims.evidence_files(actor=self.ctx.actor, claim_id=claim.id)
        if not files:
            show_info(self, self.tr("申报 #{0} 没有证据照片。").format(claim.id))
            return
        broken = [f.original_name for f in files if not f.intact]
        if broken:
            show_error(self, self.tr("这些证据照片在本机找不到或已被改动：{0}").format("、".join(broken)))
        for f in files:
            if f.intact:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(f.path)))

    def check_selected(self) -> None:
        self._open_on_selected(GroupCheckDialog)

    def decide_selected(self) -> None:
        self._open_on_selected(DecideClaimDialog)

    def _open_on_selected(self, dialog: type[QDialog]) -> None:
        """Open ``dialog`` (the group head's check, the meeting's decision) on the selected claim, if there is one."""
        claim = self.selected()
        if claim is not None:
            dialog(self.ctx, claim, self).exec()


class GroupCheckDialog(QDialog):
    """组长核实: the group head's name, true or not, and a note (the reason when not)."""

    def __init__(self, ctx: UiContext, claim: claims.ClaimInfo, parent=None):
        super().__init__(parent)
        self.ctx, self.claim = ctx, claim
        self.setWindowTitle(self.tr("组长核实申报 #{0}").format(claim.id))
        self.head = QLineEdit()
        self.confirmed = QRadioButton(self.tr("属实"))
        self.refuted = QRadioButton(self.tr("不属实"))
        self.confirmed.setChecked(True)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(QLabel(f"{claim.household_no} {claim.head_name}：{claim.deed}"))
        form.addRow(self.tr("组长："), self.head)
        row = QHBoxLayout()
        row.addWidget(self.confirmed)
        row.addWidget(self.refuted)
        form.addRow(self.tr("核实结果："), row)
        form.addRow(self.tr("意见："), self.note)
        self.buttons = ok_cancel(self, self.tr("保存"), self.save)
        vbox(self, form, self.buttons)

    def save(self) -> None:
        run_op(self, self.ctx, claims.group_check, claim_id=self.claim.id, group_head=self.head.text(),
               confirmed=self.confirmed.isChecked(), note=self.note.text(), success=lambda _c: self.accept(),
               busy=self.buttons)


class DecideClaimDialog(DecisionDialog):
    """评议结果: at which recorded meeting, passed or not, and why."""

    def __init__(self, ctx: UiContext, claim: claims.ClaimInfo, parent=None):
        self.claim = claim
        self.meeting = QComboBox()
        for m in meetings.meetings(actor=ctx.actor, village_id=claim.village_id):
            self.meeting.addItem(f"{m.held_on} {m.title}", m.id)
        what = QLabel(f"{claim.household_no} {claim.head_name}：{claim.deed}（{claim.rule_code} {claim.points:+d}）")
        super().__init__(ctx, QCoreApplication.translate("DecideClaimDialog", "评议申报 #{0}").format(claim.id),
                         QCoreApplication.translate("DecideClaimDialog", "不通过"),
                         [(None, what), (QCoreApplication.translate("DecideClaimDialog", "评议会："), self.meeting)],
                         parent)

    def save(self) -> None:
        if self.meeting.currentData() is None:
            show_error(self, self.tr("请先在“评议会”页记录这次会议。"))
            return
        self.decide(claims.decide_claim, claim_id=self.claim.id, meeting_id=self.meeting.currentData())
