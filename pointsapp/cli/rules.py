"""``pointsapp rules …``: the village's points rules (积分细则)."""
from __future__ import annotations

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import command, json_option
from pointsapp.cli._output import print_rows
from pointsapp.services.scoring import rules
from pointsapp.services.register.villages import find_village

COLUMNS = [("code", "代码"), ("category", "类别"), ("title", "细则"), ("points", "分值"), ("frequency", "频次"),
           ("cap", "年度上限"), ("veto", "一票否决"), ("inspection", "检查项目"), ("active", "状态")]


def register(sub) -> None:
    p = command(command_group(sub, "rules"), "list", "列出村的积分细则", run_list, village=True)
    p.add_argument("--all", action="store_true", help="包括已停用的细则")
    json_option(p)


def run_list(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    rows = []
    for r in rules.list_rules(actor=ctx.actor, village_id=village.id, include_retired=a.all):
        rows.append({"code": r.code, "category": r.category_name, "category_code": r.category_code,
                     "title": r.title, "points": r.points, "frequency": r.frequency,
                     "cap": abs(r.cap) if r.cap is not None else None, "is_veto": r.is_veto,
                     "inspection_item": r.inspection_item, "active": r.active})
    if a.json:
        print_json(rows)
        return 0
    shown = [{**r, "points": f"{r['points']:+d}", "frequency": rules.FREQUENCY_LABELS[r["frequency"]],
              "cap": r["cap"] if r["cap"] is not None else "", "veto": "是" if r["is_veto"] else "",
              "inspection": "是" if r["inspection_item"] else "", "active": "使用中" if r["active"] else "已停用"}
             for r in rows]
    print_rows([h for _, h in COLUMNS], [k for k, _ in COLUMNS], shown)
    return 0
