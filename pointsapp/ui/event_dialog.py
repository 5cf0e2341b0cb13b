"""新建活动: name, date, place, the rule it awards, points per household and an optional cap of households."""
from __future__ import annotations

from pointsapp.services.scoring import events, rules
from pointsapp.ui.context import UiContext
from pointsapp.ui.gathering_dialog import GatheringDialog


class NewEventDialog(GatheringDialog):
    def __init__(self, ctx: UiContext, village_id: int, parent=None):
        super().__init__(ctx, village_id, self.tr("新建活动"), self.tr("活动名称："), self.tr("如：11月环境整治日"),
                         parent)
        self.rule = self.rows.combo_box(self.tr("记分细则："))
        participation = -1  # turning out is what events reward: the first 公益参与 rule is the likely one
        for r in rules.list_rules(actor=ctx.actor, village_id=village_id):
            if r.points > 0 and not r.inspection_item:
                if participation < 0 and r.category_code == "participation":
                    participation = self.rule.count()
                self.rule.addItem(f"{r.code} {r.title}（{r.points:+d}）", (r.id, r.points))
        self.rule.setCurrentIndex(max(0, participation))
        self.setMinimumWidth(460)
        self.points = self.rows.spin_box(self.tr("每户分值："), 1, 10_000)
        self.cap = self.rows.spin_box(self.tr("名额（户）："), 0, 100_000, special=self.tr("不限"))
        self.rule.currentIndexChanged.connect(self._rule_points)
        self._rule_points()
        self.add_buttons(self.tr("开始签到"))

    def _rule_points(self) -> None:
        data = self.rule.currentData()
        if data:
            self.points.setValue(data[1])

    def save(self) -> None:
        data = self.rule.currentData()
        self.create(events.create_event, rule_id=data[0] if data else -1, points=self.points.value(),
                    cap=self.cap.value() or None)
