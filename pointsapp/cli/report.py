"""``pointsapp report …`` and ``pointsapp dashboard``: reports and key figures from the command line."""
from __future__ import annotations

from pathlib import Path

from pointsapp import clock
from pointsapp.cli._context import print_json
from pointsapp.cli._output import display_width, print_rows
from pointsapp.services.reports import dashboard as dashboard_service
from pointsapp.services import periods
from pointsapp.services.reports import monthly as reports
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village


def register(sub) -> None:
    rp = sub.add_parser("report", help="报表：全镇月报、类别趋势、检查完成情况（屏幕、.xlsx 或 PDF）")
    rsub = rp.add_subparsers(dest="report_command", metavar="子命令", required=True)

    monthly = rsub.add_parser("monthly", help="全镇积分工作月报（每村户数、参与率、加扣分、兑换、星级户）")
    monthly.add_argument("--month", required=True, help="月份，如 2026-10")
    monthly.set_defaults(handler=run_monthly)

    trends = rsub.add_parser("trends", help="各类别每月积分趋势")
    trends.add_argument("--year", type=int, required=True, help="年份，如 2026")
    trends.add_argument("--village", help="村名或村代码（不写则全镇）")
    trends.set_defaults(handler=run_trends)

    inspections = rsub.add_parser("inspections", help="月度检查完成情况：哪些小组本月没有检查批次")
    inspections.add_argument("--month", required=True, help="月份，如 2026-10")
    inspections.add_argument("--village", help="村名或村代码（不写则全镇）")
    inspections.set_defaults(handler=run_inspections)

    owed = rsub.add_parser("liability", help="积分负债：各户可用积分、年底将清零的积分、库存成本、捐赠（按村和全镇）")
    owed.add_argument("--at", help="截至哪一天（含当天），如 2026-10-31；默认今天")
    owed.add_argument("--village", help="村名或村代码（不写则各村和全镇）")
    owed.add_argument("--json", action="store_true", help="以 JSON 输出")
    owed.set_defaults(handler=run_liability)

    for parser in (monthly, trends, inspections):
        if parser is monthly:
            parser.add_argument("--village", help="只显示这个村的一行（合计仍为全镇）")
        parser.add_argument("--out", help="保存到文件：.xlsx 或 .pdf")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    dp = sub.add_parser("dashboard", help="首页看板的主要数字（户数、本月加分、参与率、星级、兑换、库存预警）")
    dp.add_argument("--village", help="村名或村代码（不写则全镇）")
    dp.add_argument("--month", help="月份，如 2026-10（默认本月）")
    dp.add_argument("--json", action="store_true", help="以 JSON 输出")
    dp.set_defaults(handler=run_dashboard)


def _month(text: str) -> periods.Period:
    period = periods.parse(text)
    if period.start.day != 1 or period.start.month != period.end.month:
        raise UserError(f"“{text}”不是一个月份，请写成 2026-10 这样。")
    return period


def _village_id(text: str | None) -> int | None:
    return find_village(text).id if text else None


def _emit(ctx, report) -> int:
    table = report.table()
    out = ctx.args.out
    if out:
        path = Path(out)
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            from pointsapp.printing.report_pdf import render_report_pdf

            render_report_pdf(report, path)
        elif suffix == ".xlsx":
            reports.export_xlsx(table, path)
        else:
            raise UserError("--out 的文件名要以 .xlsx 或 .pdf 结尾。")
        print(f"已保存：{path}")
        return 0
    if ctx.args.json:
        print_json({"title": table.title, "subtitle": table.subtitle,
                    "rows": [dict(zip(table.headers, row)) for row in table.rows]})
        return 0
    print(table.title)
    print(table.subtitle)
    keys = [str(i) for i in range(len(table.columns))]
    print_rows(table.headers, keys, [dict(zip(keys, row)) for row in table.rows])
    return 0


def run_monthly(ctx) -> int:
    report = reports.monthly_report(actor=ctx.actor, month=_month(ctx.args.month))
    if ctx.args.village:
        village_id = _village_id(ctx.args.village)
        report.lines = [ln for ln in report.lines if ln.village_id == village_id]
    return _emit(ctx, report)


def run_trends(ctx) -> int:
    return _emit(ctx, reports.category_trends(actor=ctx.actor, year=ctx.args.year,
                                              village_id=_village_id(ctx.args.village)))


def run_inspections(ctx) -> int:
    return _emit(ctx, reports.inspection_completion(actor=ctx.actor, month=_month(ctx.args.month),
                                                    village_id=_village_id(ctx.args.village)))


def run_dashboard(ctx) -> int:
    a = ctx.args
    month = _month(a.month) if a.month else periods.month(clock.today())
    board = dashboard_service.dashboard(actor=ctx.actor, village_id=_village_id(a.village), month=month)
    data = dashboard_service.as_dict(board)
    if a.json:
        print_json(data)
        return 0
    lines = [
        ("范围", f"{board.scope.title}（{board.period.label}）"),
        ("在册户数", f"{board.households}"),
        ("本月加分", f"{board.awarded}（扣分 {board.deducted}）"),
        ("本月参与率", f"{100 * board.participation:.1f}%（{board.participating} 户有加分）"),
        ("星级文明户", f"{board.star_households} 户"),
        ("本月超市兑换", f"{board.redemptions} 笔，{board.redeemed_points} 积分"),
        ("库存预警", "、".join(f"{w.name}（剩 {w.stock}）" for w in board.stock_warnings) or "无"),
        ("户均积分前五", "、".join(f"{g.village}{g.group}（{g.average:.1f}）" for g in board.top_groups()) or "—"),
        ("户均积分后五", "、".join(f"{g.village}{g.group}（{g.average:.1f}）" for g in board.bottom_groups()) or "—"),
    ]
    width = max(display_width(k) for k, _ in lines)
    for key, value in lines:
        print(f"{key}{' ' * (width - display_width(key))}  {value}")
    print()
    print("各小组参与率")
    print_rows(["村", "小组", "户数", "参与户数", "参与率", "户均积分"],
               ["village", "group", "households", "participating", "rate", "average"],
               [{**g, "rate": f"{100 * g['participation']:.1f}%", "average": f"{g['average']:.1f}"}
                for g in data["groups"]])
    if board.stars:
        print()
        print("各星级持有户数")
        print_rows(["星级", "户数"], ["star", "n"], [{"star": s, "n": n} for s, n in board.stars])
    return 0


def run_liability(ctx) -> int:
    import datetime as dt

    from pointsapp.services.reports import liability

    a = ctx.args
    try:
        at = dt.date.fromisoformat(a.at) if a.at else clock.today()
    except ValueError:
        raise UserError(f"--at 的日期“{a.at}”看不懂，请写成 2026-10-31 这样。") from None
    report = liability.liability(actor=ctx.actor, at=at, village_id=_village_id(a.village))
    if a.json:
        print_json(liability.as_dict(report))
        return 0
    print(f"积分负债（截至 {at.isoformat()}）")
    print_rows([h for _, h in liability.COLUMNS], [k for k, _ in liability.COLUMNS],
               [line.row() for line in report.lines()])
    return 0
