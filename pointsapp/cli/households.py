"""``pointsapp households …``: the household register from the command line."""
from __future__ import annotations

from pointsapp.cli._groups import command_group
from pointsapp.cli._output import add_format_option, print_rows
from pointsapp.services import households
from pointsapp.services.villages import find_village

LIST_COLUMNS = [("household_no", "户号"), ("head_name", "户主"), ("village", "村"), ("group", "小组"),
                ("members", "人数"), ("phone", "电话"), ("earned", "累计积分"), ("available", "可用积分"),
                ("stars", "星级")]


def register(sub) -> None:
    lp = command_group(sub, "households").add_parser("list", help="列出户（可按姓名、户号、电话、拼音首字母查找）")
    lp.add_argument("--search", help="姓名、户号、电话或拼音首字母（如 zsf 找 张三丰）")
    lp.add_argument("--village", help="村名或村代码")
    lp.add_argument("--archived", action="store_true", help="包括已归档的户")
    add_format_option(lp)
    lp.set_defaults(handler=run_list)


def run_list(ctx) -> int:
    a = ctx.args
    village_id = find_village(a.village).id if a.village else None
    rows = households.list_households(actor=ctx.actor, search=a.search, village_id=village_id,
                                      include_archived=a.archived)
    print_rows([h for _, h in LIST_COLUMNS], [k for k, _ in LIST_COLUMNS], [r.__dict__ for r in rows], a.format)
    return 0
