"""``pointsapp print red-black`` (红黑榜) and ``pointsapp stars black-board`` (上黑榜满 N 次摘星)."""
from __future__ import annotations

import argparse

from pointsapp.cli._groups import command_group
from pointsapp.cli._output import print_rows
from pointsapp.cli.prints import PAPER_CHOICES, _date, _document, _group_id, _say, _village_id, write_pdf
from pointsapp.db import settings
from pointsapp.services import periods
from pointsapp.services.register.villages import find_village
from pointsapp.services.scoring import fingerprint
from pointsapp.services.scoring.boards import RED_PER_HEADING


def register(sub) -> None:
    p = command_group(sub, "print").add_parser("red-black", help="红黑榜：各类别积分最高的户（红榜）和本期扣分的户（黑榜）")
    p.add_argument("--period", required=True, help="期间，通常是一个月：2026-10（也可 2026-Q3、2026）")
    p.add_argument("--village", help="村名或村代码（不指定：全镇）")
    p.add_argument("--group", help="只列这个村民小组")
    p.add_argument("--tag", help="只列这一类户（户的标签，如 党员户）")
    p.add_argument("--top", type=int, default=RED_PER_HEADING, help=f"红榜每个类别列几户（默认 {RED_PER_HEADING}，同分并列）")
    p.add_argument("--mask-names", action=argparse.BooleanOptionalAction, default=None,
                   help="姓名只留姓氏（默认按设置）")
    p.add_argument("--paper", choices=PAPER_CHOICES, default="a4", help="纸张：a4、a4-landscape、a3（公示栏）…")
    p.add_argument("--date", type=_date, help="发布日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.set_defaults(handler=run_red_black)

    p = command_group(sub, "stars").add_parser("black-board", help="一年内上黑榜满设定次数的户摘星（按设置 black_board_limit）")
    p.add_argument("--village", help="村名或村代码（只有一个村时可省略）")
    p.add_argument("--year", type=int, help="年度（默认今年）")
    p.set_defaults(handler=run_black_board)


def run_red_black(ctx) -> int:
    from pointsapp.printing.red_black import red_black_pdf

    a = ctx.args
    mask = settings.get("mask_names") if a.mask_names is None else a.mask_names
    period = periods.parse(a.period)
    group_id, village_id = _group_id(a.village, a.group), _village_id(a.village)
    printed = fingerprint.publish(actor=ctx.actor, document=_document("红黑榜", period.code, a.village, a.group, a.tag))
    red, black = write_pdf(a.out, lambda path: red_black_pdf(
        path, actor=ctx.actor, period=period, village_id=village_id, group_id=group_id, tag=a.tag,
        per_heading=a.top, mask_names=mask, paper=a.paper, published_on=a.date, fingerprint=printed))
    print(f"已生成{period.label}红黑榜（红榜 {red} 户次，黑榜 {black} 条{'，姓名已隐藏' if mask else ''}）：{a.out}")
    _say(printed)
    return 0


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
