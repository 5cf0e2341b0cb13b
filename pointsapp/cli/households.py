"""``pointsapp households …``, ``import households`` and ``export households``: the register from the command line."""
from __future__ import annotations

import sys

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import command, village_id_or_all, village_option
from pointsapp.cli._output import add_format_option, print_rows
from pointsapp.services.register import households
from pointsapp.services.register import roster_import

LIST_COLUMNS = [("household_no", "户号"), ("head_name", "户主"), ("village", "村"), ("group", "小组"),
                ("members", "人数"), ("phone", "电话"), ("earned", "累计积分"), ("available", "可用积分"),
                ("stars", "星级")]


def register(sub) -> None:
    lp = command(command_group(sub, "households"), "list", "列出户（可按姓名、户号、电话、拼音首字母查找）", run_list)
    lp.add_argument("--search", help="姓名、户号、电话或拼音首字母（如 zsf 找 张三丰）；多个词用空格隔开")
    village_option(lp)
    lp.add_argument("--archived", action="store_true", help="包括已归档的户")
    add_format_option(lp)

    ip = command(command_group(sub, "import"), "households", "导入花名册（.xlsx 或 .csv）", run_import)
    ip.add_argument("file", help="花名册文件")
    ip.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    ip.add_argument("--village", help="导入到哪个村（村名或村代码）；数据库里还没有村时按此名建村")
    ip.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    ep = command(command_group(sub, "export"), "households", "导出户和成员到 .xlsx", run_export)
    ep.add_argument("file", help="输出文件（.xlsx）；含完整身份证号时文件名加“_含身份证号”")
    ep.add_argument("--village", help="只导出这个村（村名或村代码）")
    ep.add_argument("--archived", action="store_true", help="包括已归档的户")
    ep.add_argument("--masked", action="store_true", help="即使有权限也隐去身份证号和电话的中间位")


def run_list(ctx) -> int:
    a = ctx.args
    village_id = village_id_or_all(a.village)
    rows = households.list_households(actor=ctx.actor, search=a.search, village_id=village_id,
                                      include_archived=a.archived)
    print_rows([h for _, h in LIST_COLUMNS], [k for k, _ in LIST_COLUMNS], [r.__dict__ for r in rows], a.format)
    return 0


def run_import(ctx) -> int:
    a = ctx.args
    result = roster_import.import_roster(actor=ctx.actor, path=a.file, village=a.village, dry_run=a.dry_run)
    if a.json:
        print_json(result.to_dict())
    else:
        for line in result.fault_lines():
            print(line, file=sys.stderr)
        if result.faults:
            print(f"花名册有 {len(result.faults)} 处问题，{'' if a.dry_run else '没有导入任何数据。'}"
                  "请改正后重新导入。", file=sys.stderr)
        else:
            print(("（试导入，未写入）" if a.dry_run else "") + result.summary())
    return 1 if result.faults else 0


def run_export(ctx) -> int:
    a = ctx.args
    village_id = village_id_or_all(a.village)
    from pointsapp.services.exports import roster as roster_export  # openpyxl: only when exporting

    result = roster_export.export_households(actor=ctx.actor, path=a.file, village_id=village_id,
                                             include_archived=a.archived, private=False if a.masked else None)
    print(f"已导出 {result.households} 户 {result.people} 人到 {result.path}")
    if result.private:
        print("注意：文件含完整身份证号码和电话，请妥善保管。")
    return 0
