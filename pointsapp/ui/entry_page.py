"""积分录入页面: single entry, the monthly inspection grid, and rules maintenance, as tabs."""
from __future__ import annotations

import mimetypes

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pointsapp.services.register.choices import HouseholdRef
from pointsapp.services.scoring import entry_lines
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import member_points
from pointsapp.services.scoring import rules
from pointsapp.errors import UserError
from pointsapp.ui.batch_grid import BatchGrid
from pointsapp.ui.buttons import push_button
from pointsapp.ui.column_widths import fit_to_sample
from pointsapp.ui.context import UiContext
from pointsapp.ui.evidence_field import EvidenceField
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.household_field import HouseholdField
from pointsapp.ui.lazy_tabs import LazyTab, LazyTabs
from pointsapp.ui.entry_models import EntriesModel
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.review_page import _table
from pointsapp.ui.operations import run_op
from pointsapp.ui.rules_editor import RulesEditor
from pointsapp.ui.village_picker import VillageTab


class SingleEntryForm(VillageTab):
    """Household number, rule, date, note, optional photo; Enter moves on, the last Enter saves."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.village_box = self.picker.village
        rows = FormRows()
        rows.add(self.tr("村："), self.village_box)
        self.household = rows.add(self.tr("户号："), HouseholdField(ctx, self.village_id, self.tr("输入户号，如 01023")))
        # the member the entry is about (党员积分, 好媳妇); the household by default
        self.member_box = rows.combo_box(self.tr("成员："), [(self.tr("（整户）"), None)])
        self.rule_box = rows.combo_box(self.tr("细则："), editable=True)  # type a code or part of the title
        self.rule_box.setInsertPolicy(QComboBox.NoInsert)
        self.date_edit = rows.date_edit(self.tr("日期："))
        self.note_edit = rows.line_edit(self.tr("说明："))
        self.evidence = rows.add(self.tr("证据："), EvidenceField())
        self.save_button = push_button(self.tr("录入 (Enter)"), self.save)
        # Alt+Z: the entry just saved, by mistake
        self.undo_button = push_button(self.tr("撤销上一条(&Z)"), self.undo_last)
        self.undo_button.setEnabled(False)
        self.undo_button.setToolTip(self.tr("录入后 {0} 分钟内可撤销；已生效的记录以冲正撤销，待审核的记录直接撤回。").format(
            entries.UNDO_MINUTES))
        self._last_entry: tuple[int, str] | None = None  # (entry id, how the status line named it)
        self.status = QLabel()

        self.recent_model = EntriesModel(self)
        self.recent_table = _table(self.recent_model)
        layout = QVBoxLayout(self)
        layout.addLayout(rows.layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("最近录入：")))
        layout.addWidget(self.recent_table, 1)

        self.village_box.currentIndexChanged.connect(self._fill_rules)
        self.household.found.connect(self._fill_members)
        self.household.edit.returnPressed.connect(self.rule_box.setFocus)
        self.rule_box.lineEdit().returnPressed.connect(self._rule_entered)
        self.date_edit.installEventFilter(self)  # Enter in the date goes on to the note, as everywhere in the form
        self.note_edit.returnPressed.connect(self.save)
        ctx.hub.rules_changed.connect(self._fill_rules)
        ctx.hub.ledger_changed.connect(self._fill_recent)
        self._fill_rules()
        self._fill_recent()

    def _fill_rules(self) -> None:
        self.rule_box.clear()
        vid = self.village_box.currentData()
        if vid is None:
            return
        for r in rules.list_rules(actor=self.ctx.actor, village_id=vid):
            self.rule_box.addItem(f"{r.code} {r.title}（{r.points:+d}）", r.id)
        self.rule_box.setCurrentIndex(-1)

    def _rule_entered(self) -> None:
        """Enter in the rule box: the rule typed (its code, or a word of its title) is chosen and the form moves on
        to the date; a rule already chosen moves on as well. Nothing matching: say so, stay."""
        typed = self.rule_box.currentText().strip()
        index = self.rule_box.currentIndex()
        if index < 0 or self.rule_box.itemText(index) != typed:
            index = self._match_rule(typed)
        if index < 0:
            self.status.setText(self.tr("没有找到细则“{0}”，请输入细则代码或名称中的字。").format(typed))
            self.status.setStyleSheet("color: #c8102e;")
            return
        self.rule_box.setCurrentIndex(index)
        self.status.setStyleSheet("")
        self.status.clear()
        self.date_edit.setFocus()

    def _match_rule(self, typed: str) -> int:
        """The one rule ``typed`` names: its code exactly, else the only one whose text holds it (-1: none or
        several)."""
        if not typed:
            return -1
        texts = [self.rule_box.itemText(i) for i in range(self.rule_box.count())]
        code = typed.split()[0].upper()
        exact = [i for i, text in enumerate(texts) if text.split()[0].upper() == code]
        if len(exact) == 1:
            return exact[0]
        found = [i for i, text in enumerate(texts) if typed.lower() in text.lower()]
        return found[0] if len(found) == 1 else -1

    def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
        if watched is self.date_edit and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return,
                                                                                             Qt.Key_Enter):
            self.note_edit.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _fill_members(self, h: HouseholdRef | None) -> None:
        self.member_box.clear()
        self.member_box.addItem(self.tr("（整户）"), None)
        for member_id, text in (member_points.member_choices(actor=self.ctx.actor, household_id=h.id) if h else []):
            self.member_box.addItem(text, member_id)

    def _fill_recent(self) -> None:
        self.recent_model.set_rows(entry_lines.recent(actor=self.ctx.actor))
        fit_to_sample(self.recent_table)  # twenty rows: sized to them each time

    def save(self) -> None:
        """Check the form here, write the entry on the database worker, clear the form when it is saved."""
        try:
            household = self.household.chosen()
            rule_id = self.rule_box.currentData()
            if rule_id is None or self.rule_box.currentIndex() < 0:
                raise UserError(self.tr("请选择一条细则。"))
            photo = self.evidence.first
            data = photo.read_bytes() if photo else None
        except (UserError, OSError) as exc:
            show_error(self, exc if isinstance(exc, UserError) else str(exc))
            return
        self.save_button.setEnabled(False)
        run_op(self, self.ctx, entries.add_entry, household_id=household.id, rule_id=rule_id,
               occurred_on=self.date_edit.date().toPython(), note=self.note_edit.text(), evidence=data,
               evidence_name=photo.name if photo else "",
               evidence_mime=(mimetypes.guess_type(photo.name)[0] or "image/jpeg") if photo else "",
               member_id=self.member_box.currentData(),
               success=lambda entry: self._saved(entry, household),
               failure=lambda _exc: self.save_button.setEnabled(True))

    def _saved(self, entry, household: HouseholdRef) -> None:
        self.save_button.setEnabled(True)
        what = self.tr("#{0}：{1} {2} {3:+d} 分").format(entry.id, household.household_no, household.head_name,
                                                      entry.points)
        self.status.setText(self.tr("已录入 {0}").format(what))
        self._last_entry = (entry.id, what)
        self.undo_button.setEnabled(True)
        self.household.edit.clear()
        self.note_edit.clear()
        self.evidence.clear()
        self.household.edit.setFocus()

    def undo_last(self) -> None:
        """Take back the entry just saved: a reversal row, or withdrawn while it waits for review."""
        if self._last_entry is None:
            return
        entry_id, what = self._last_entry
        if not confirm(self, self.tr("撤销刚才录入的 {0}？").format(what), yes=self.tr("撤销")):
            return
        self._last_entry = None
        self.undo_button.setEnabled(False)

        def undone(result) -> None:
            how = (self.tr("（冲正 #{0}）").format(result.reversal_id) if result.reversal_id
                   else self.tr("（已撤回）"))
            self.status.setText(self.tr("已撤销 {0}{1}").format(what, how))
            self.household.edit.setFocus()

        run_op(self, self.ctx, entries.undo_entry, entry_id=entry_id, success=undone)


class EntryPage(QWidget):
    """The single entry form is built at once; the inspection grid and the rules when their tab is first opened."""

    single = LazyTab("single")  # a SingleEntryForm
    batch = LazyTab("batch")  # a BatchGrid
    rules_editor = LazyTab("rules")  # a RulesEditor

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.tabs = LazyTabs()
        self.tabs.add_lazy("single", self.tr("单条录入"), lambda: SingleEntryForm(ctx))
        self.tabs.add_lazy("batch", self.tr("月度检查"), lambda: BatchGrid(ctx))
        self.tabs.add_lazy("rules", self.tr("积分细则"), lambda: RulesEditor(ctx))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
