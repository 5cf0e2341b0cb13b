"""``pointsapp entries template`` (积分录入表模板) and ``pointsapp entries import`` (导入录入表)."""
from __future__ import annotations

import json

from pointsapp.cli._exit import EXIT_FAILED
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE_IF_ONE, command, village_option
from pointsapp.services.register.villages import find_village, group_by_name
from pointsapp.services.scoring import entry_import, entry_sheet


def register(sub) -> None:
    group = command_group(sub, "entries")
    p = command(group, "template", "下载某组某月的积分录入表（Excel：检查表和明细表）", run_template)
    p.add_argument("--group", required=True, help="村民小组，如 1组")
    village_option(p, VILLAGE_IF_ONE)
    p.add_argument("--month", required=True, help="月份，如 2026-10")
    p.add_argument("--out", required=True, help="输出的 .xlsx 文件")

    p = command(group, "import", "导入填好的积分录入表：有任何问题则一条也不导入，逐行列出问题", run_import)
    p.add_argument("file", metavar="FILE", help=".xlsx（录入表）或 .csv（户号、细则代码、日期、说明）")
    p.add_argument("--group", required=True, help="村民小组，如 1组")
    village_option(p, VILLAGE_IF_ONE)
    p.add_argument("--month", required=True, help="月份，如 2026-10")
    p.add_argument("--check", action="store_true", help="只检查，不导入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _group_id(a) -> int:
    return group_by_name(find_village(a.village), a.group).id


def run_template(ctx) -> int:
    a = ctx.args
    count = entry_sheet.write_template(actor=ctx.actor, group_id=_group_id(a), period_code=a.month, path=a.out)
    print(f"已生成积分录入表（{count} 户）：{a.out}")
    return 0


def run_import(ctx) -> int:
    a = ctx.args
    result = entry_import.import_entries(actor=ctx.actor, group_id=_group_id(a), period_code=a.month, path=a.file,
                                         dry_run=a.check)
    if a.json:
        print(json.dumps({"ok": result.ok, "written": result.written, "entries": result.entries,
                          "points": result.points, "households": result.households, "status": result.status,
                          "batch": result.batch_id,
                          "faults": [{"sheet": f.sheet, "row": f.row, "reason": f.reason, "text": str(f)}
                                     for f in result.faults]}, ensure_ascii=False, indent=2))
    else:
        for line in result.fault_lines():
            print(line)
        print(result.summary())
    return 0 if result.ok else EXIT_FAILED
