"""新建活动: name, date, place, the rule it awards, points per household and an optional cap of households."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pointsapp.services.scoring import events, rules
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.context import UiContext
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


class NewEventDialog(QDialog):
    def __init__(self, ctx: UiContext, village_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.village_id = ctx, village_id
        self.created: events.EventInfo | None = None
        self.setWindowTitle(self.tr("新建活动"))
        rows = FormRows()
        self.title = rows.line_edit(self.tr("活动名称："), placeholder=self.tr("如：11月环境整治日"))
        self.date = rows.date_edit(self.tr("日期："))
        self.place = rows.line_edit(self.tr("地点："))
        self.rule = rows.combo_box(self.tr("记分细则："))
        participation = -1  # turning out is what events reward: the first 公益参与 rule is the likely one
        for r in rules.list_rules(actor=ctx.actor, village_id=village_id):
            if r.points > 0 and not r.inspection_item:
                if participation < 0 and r.category_code == "participation":
                    participation = self.rule.count()
                self.rule.addItem(f"{r.code} {r.title}（{r.points:+d}）", (r.id, r.points))
        self.rule.setCurrentIndex(max(0, participation))
        self.setMinimumWidth(460)
        self.points = rows.spin_box(self.tr("每户分值："), 1, 10_000)
        self.cap = rows.spin_box(self.tr("名额（户）："), 0, 100_000, special=self.tr("不限"))
        self.rule.currentIndexChanged.connect(self._rule_points)
        self._rule_points()
        self.buttons = ok_cancel(self, self.tr("开始签到"), self.save)
        vbox(self, rows.layout, self.buttons)

    def _rule_points(self) -> None:
        data = self.rule.currentData()
        if data:
            self.points.setValue(data[1])

    def save(self) -> None:
        data = self.rule.currentData()

        def done(info: events.EventInfo) -> None:
            self.created = info
            self.accept()

        run_op(self, self.ctx, events.create_event, village_id=self.village_id, title=self.title.text(),
               held_on=self.date.date().toPython(), rule_id=data[0] if data else -1, points=self.points.value(),
               cap=self.cap.value() or None, place=self.place.text(), success=done, busy=self.buttons)
