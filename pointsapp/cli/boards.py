"""``pointsapp print red-black`` (红黑榜) and ``pointsapp stars black-board`` (上黑榜满 N 次摘星)."""
from __future__ import annotations

import argparse

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE_IF_ONE, command, out_option, village_id_or_all
from pointsapp.cli._output import print_rows
from pointsapp.cli.prints import PAPER_CHOICES, _date, _group_id, print_public_paper
from pointsapp.db import settings
from pointsapp.services import periods
from pointsapp.services.register.villages import find_village
from pointsapp.services.scoring.boards import RED_PER_HEADING


def register(sub) -> None:
    p = command(command_group(sub, "print"), "red-black", "红黑榜：各类别积分最高的户（红榜）和本期扣分的户（黑榜）",
                run_red_black)
    p.add_argument("--period", required=True, help="期间，通常是一个月：2026-10（也可 2026-Q3、2026）")
    p.add_argument("--village", help="村名或村代码（不指定：全镇）")
    p.add_argument("--group", help="只列这个村民小组")
    p.add_argument("--tag", help="只列这一类户（户的标签，如 党员户）")
    p.add_argument("--top", type=int, default=RED_PER_HEADING, help=f"红榜每个类别列几户（默认 {RED_PER_HEADING}，同分并列）")
    p.add_argument("--mask-names", action=argparse.BooleanOptionalAction, default=None,
                   help="姓名只留姓氏（默认按设置）")
    p.add_argument("--paper", choices=PAPER_CHOICES, default="a4", help="纸张：a4、a4-landscape、a3（公示栏）…")
    p.add_argument("--date", type=_date, help="发布日期 YYYY-MM-DD（默认今天）")
    out_option(p)

    p = command(command_group(sub, "stars"), "black-board", "一年内上黑榜满设定次数的户摘星（按设置 black_board_limit）",
                run_black_board, village=VILLAGE_IF_ONE)
    p.add_argument("--year", type=int, help="年度（默认今年）")


def run_red_black(ctx) -> int:
    from pointsapp.printing.red_black import red_black_pdf

    a = ctx.args
    mask = settings.get("mask_names") if a.mask_names is None else a.mask_names
    period = periods.parse(a.period)
    group_id, village_id = _group_id(a.village, a.group), village_id_or_all(a.village)
    return print_public_paper(
        ctx, ("红黑榜", period.code, a.village, a.group, a.tag),
        lambda path, printed: red_black_pdf(path, actor=ctx.actor, period=period, village_id=village_id,
                                            group_id=group_id, tag=a.tag, per_heading=a.top, mask_names=mask,
                                            paper=a.paper, published_on=a.date, fingerprint=printed),
        lambda counts: f"已生成{period.label}红黑榜（红榜 {counts[0]} 户次，黑榜 {counts[1]} 条"
                       f"{'，姓名已隐藏' if mask else ''}）：{a.out}")


def run_black_board(ctx) -> int:
    from pointsapp.services.stars.black_board import withdraw_for_black_board

    a = ctx.args
    village = find_village(a.village)
    done = withdraw_for_black_board(actor=ctx.actor, village_id=village.id, year=a.year)
    if not done:
        print(f"{village.name}没有上黑榜满设定次数且持有星级的户，未摘星。")
        return 0
    rows = [{"household_no": d.household_no, "head_name": d.head_name, "entries": d.entries,
             "stars": "、".join(d.stars), "reason": d.reason} for d in done]
    print_rows(["户号", "户主", "上黑榜次数", "摘去的星", "原因"], ["household_no", "head_name", "entries", "stars", "reason"],
               rows, "table")
    print(f"已为 {len(done)} 户摘星。")
    return 0
