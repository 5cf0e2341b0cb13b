"""``pointsapp event …``: 活动签到 from the command line — create an event, check households in (card payloads
as a scanner types them, one a line on standard input, or household numbers), close it, list, print the sheet."""
from __future__ import annotations

import sys

from pointsapp.cli._context import print_json
from pointsapp.cli._groups import command_group
from pointsapp.cli._options import VILLAGE_IF_SEVERAL, command, print_listing, village_id_or_all
from pointsapp.cli.entries import _date
from pointsapp.cli.prints import write_pdf
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village
from pointsapp.services.scoring import events
from pointsapp.services.scoring.rules import find_rule


def register(sub) -> None:
    group = command_group(sub, "event")
    p = command(group, "create", "新建活动（开始签到）", run_create, village=VILLAGE_IF_SEVERAL)
    p.add_argument("--title", required=True, help="活动名称，如 11月环境整治日")
    p.add_argument("--date", type=_date, help="活动日期，默认今天")
    p.add_argument("--rule", required=True, help="记分细则代码（加分细则，如 PA03）")
    p.add_argument("--points", type=int, help="每户分值，默认取细则分值")
    p.add_argument("--cap", type=int, help="名额：最多签到几户（不填：不限）")
    p.add_argument("--place", default="", help="活动地点")

    p = command(group, "checkin", "签到：刷卡内容（--card）、户号（--household），或从标准输入逐行读扫码枪",
                run_checkin, record=("event", "活动号"))
    p.add_argument("--card", nargs="+", default=[], metavar="PAYLOAD", help="积分卡二维码内容")
    p.add_argument("--household", nargs="+", default=[], metavar="NO", help="户号")
    p.add_argument("--stdin", action="store_true", help="从标准输入逐行读取（扫码枪每扫一张卡输入一行）")

    command(group, "close", "结束活动：为签到的户记分（一个批次）", run_close, record=("event", "活动号"))

    command(group, "list", "列出活动及签到户数", run_list, village=True, json=True)

    command(group, "show", "活动的签到名单", run_show, record=("event", "活动号"), json=True)

    command(group, "sheet", "打印活动签到表（PDF）", run_sheet, record=("event", "活动号"), out=True)


def run_create(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    rule = find_rule(village.id, a.rule)
    event = events.create_event(actor=ctx.actor, village_id=village.id, title=a.title, held_on=a.date,
                                rule_id=rule.id, points=a.points, cap=a.cap, place=a.place)
    print(f"活动 #{event.id}：{event.title}（{event.held_on}，{event.rule_code} 每户 {event.points:+d} 分"
          f"{f'，名额 {event.cap} 户' if event.cap else ''}），开始签到。")
    return 0


def run_checkin(ctx) -> int:
    a = ctx.args
    items = [("card", c) for c in a.card] + [("household", h) for h in a.household]
    if a.stdin:
        items += [("card" if ":" in line else "household", line.strip()) for line in sys.stdin if line.strip()]
    if not items:
        raise UserError("请给出 --card、--household 或 --stdin。")
    refused = 0
    for kind, text in items:
        try:
            result = events.check_in(actor=ctx.actor, event_id=a.event, payload=text if kind == "card" else None,
                                     household_no=text if kind == "household" else None)
        except UserError as exc:
            refused += 1
            print(f"拒绝：{exc.message}", file=sys.stderr)
            continue
        state = "签到成功" if result.new else "已签到（不重复记分）"
        print(f"{state}：{result.household_no} {result.head_name}（{result.group}），已签到 {result.present} 户")
    return 1 if refused else 0


def run_close(ctx) -> int:
    result = events.close_event(actor=ctx.actor, event_id=ctx.args.event)
    state = "待审核" if result.status == "entered" else "已生效"
    print(f"活动 #{result.event_id} 已结束：{result.entries} 户记分，共 {result.points:+d} 分"
          f"（批次 #{result.batch_id}，{state}）。")
    for label, why in result.skipped:
        print(f"未记分：{label}：{why}")
    return 0


def _row(e: events.EventInfo) -> dict:
    return {"id": e.id, "village": e.village, "title": e.title, "held_on": e.held_on, "place": e.place,
            "rule": e.rule_code, "points": e.points, "cap": e.cap, "status": e.status, "present": e.present,
            "awarded": e.awarded, "batch": e.batch_id}


def run_list(ctx) -> int:
    a = ctx.args
    found = events.events(actor=ctx.actor, village_id=village_id_or_all(a.village))
    return print_listing(found, a.json, _row, lambda e: f"#{e.id}  {e.held_on}  {e.title}  {e.rule_code} "
                                                        f"{e.points:+d}  签到 {e.present} 户  "
                                                        f"{events.STATUS_LABELS[e.status]}")


def run_show(ctx) -> int:
    a = ctx.args
    event = events.event(actor=ctx.actor, event_id=a.event)
    present = events.attendance(actor=ctx.actor, event_id=a.event)
    if a.json:
        print_json({**_row(event), "attendance": [
            {"household": p.household_no, "head": p.head_name, "group": p.group, "how": p.how,
             "checked_in_at": p.checked_in_at, "entry": p.entry_id, "note": p.note} for p in present]})
        return 0
    print(f"活动 #{event.id}：{event.title}（{event.held_on}），签到 {event.present} 户")
    for n, p in enumerate(present, start=1):
        print(f"{n:>3}  {p.household_no}  {p.head_name}  {p.group}  {events.HOW_LABELS[p.how]}"
              f"{'  记分 #' + str(p.entry_id) if p.entry_id else ''}{'  ' + p.note if p.note else ''}")
    return 0


def run_sheet(ctx) -> int:
    from pointsapp.printing.event_sheet import event_sheet_pdf

    a = ctx.args
    count = write_pdf(a.out, lambda path: event_sheet_pdf(path, actor=ctx.actor, event_id=a.event))
    print(f"已生成活动签到表：{a.out}（{count} 户）")
    return 0
