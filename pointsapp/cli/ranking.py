"""``pointsapp ranking`` (排行榜) and ``pointsapp export ledger`` (积分账本导出)."""
from __future__ import annotations

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import command, village_id_or_all
from pointsapp.cli._output import add_format_option, print_rows
from pointsapp.services import periods
from pointsapp.services.scoring import rankings
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village, group_by_name


def register(sub) -> None:
    p = command(sub, "ranking", "积分排行榜（按月、季度或年）", run_ranking)
    p.add_argument("--period", required=True, help="期间：2026、2026-Q3、2026-H1 或 2026-10")
    p.add_argument("--village", help="村名或村代码（不写则全镇）")
    p.add_argument("--group", help="村民小组，如 1组（须同时写 --village）")
    p.add_argument("--tag", help="只排这一类户（户的标签，如 党员户、干部户、普通户）")
    p.add_argument("--category", help="只按这个类别的积分排名（类别代码或名称，如 hygiene 或 环境卫生）")
    add_format_option(p)

    e = command(command_group(sub, "export"), "ledger", "导出全部积分记录（含校验值）", run_export)
    e.add_argument("file", metavar="FILE.xlsx")
    e.add_argument("--village", help="只导出这个村")


def run_ranking(ctx) -> int:
    a = ctx.args
    period = periods.parse(a.period)
    village_id = group_id = None
    if a.group:
        if not a.village:
            raise UserError("按小组排名时请同时用 --village 指定村。")
        group_id = group_by_name(find_village(a.village), a.group).id
    elif a.village:
        village_id = find_village(a.village).id
    category = rankings.category_code(a.category, village_id=village_id, group_id=group_id) if a.category else None
    result = rankings.ranking(actor=ctx.actor, period=period, village_id=village_id, group_id=group_id, tag=a.tag,
                              category=category)
    keys = ["rank", "household_no", "head_name", "village", "group"] + [f"cat_{c}" for c, _ in result.categories] + [
        "total", "awards", "deductions", "stars"]
    headers = ["名次", "户号", "户主", "村", "小组"] + [name for _, name in result.categories] + [
        "合计", "加分", "扣分", "星级"]
    rows = []
    for r in result.rows:
        row = {"rank": r.rank, "household_no": r.household_no, "head_name": r.head_name, "village": r.village,
               "group": r.group, "total": r.total, "awards": r.awards, "deductions": r.deductions, "stars": r.stars}
        row.update({f"cat_{code}": r.by_category.get(code, 0) for code, _ in result.categories})
        rows.append(row)
    if a.format == "table":
        print(f"{result.title} {period.label} 积分排行榜（{len(rows)} 户）")
    print_rows(headers, keys, rows, a.format)
    return 0


def run_export(ctx) -> int:
    a = ctx.args
    village_id = village_id_or_all(a.village)
    from pointsapp.services.exports import ledger as ledger_export  # openpyxl: only when exporting

    count = ledger_export.export_ledger(actor=ctx.actor, path=a.file, village_id=village_id)
    print(f"已导出 {count} 条积分记录到 {a.file}")
    return 0
