"""``pointsapp entries …`` and ``pointsapp expiry run``: entering, reviewing, notice, objections, reversals."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import (
    VILLAGE_IF_SEVERAL, command, decision_options, record_id, village_id_or_all, village_option,
)
from pointsapp.models import Household, Village
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import expiry
from pointsapp.services.scoring import review
from pointsapp.errors import UserError
from pointsapp.services.scoring.rules import find_rule
from pointsapp.services.register.villages import find_village


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"日期“{text}”格式不对，请写成 2026-10-25。") from None


def register(sub) -> None:
    group = command_group(sub, "entries")
    p = command(group, "add", "录入一条积分", run_add)
    p.add_argument("--household", required=True, help="户号")
    p.add_argument("--rule", required=True, help="细则代码（见 rules list）")
    p.add_argument("--member", help="这条积分说的是哪位家庭成员（姓名；不写：整户）")
    p.add_argument("--date", type=_date, help="日期，默认今天")
    p.add_argument("--note", default="", help="说明")
    p.add_argument("--photo", help="证据照片文件")
    village_option(p, VILLAGE_IF_SEVERAL)

    p = command(group, "review", "审核积分记录：通过或驳回", run_review)
    p.add_argument("ids", nargs="+", type=int, metavar="ID", help="积分记录号")
    decision_options(p, ("--approve", "审核通过"), ("--reject", "驳回（须写 --reason）"), reason=("--reason", "原因"))

    p = command(group, "notice", "把村里已审核的记录张榜公示", run_notice, village=True)
    p.add_argument("--start", type=_date, help="公示开始日期，默认今天")
    p.add_argument("--days", type=int, help="公示天数，默认取村的设置（通常 7 天）")

    p = command(group, "close-notice", "结束已期满的公示，记录生效", run_close, village="只处理这个村")
    p.add_argument("--today", type=_date, help=argparse.SUPPRESS)  # for scripts and tests: "as of this day"

    p = command(group, "reverse", "冲正一条已生效的记录", run_reverse)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True, help="冲正原因")

    p = group.add_parser("objection", help="公示期间的异议：登记、支持或驳回")
    osub = p.add_subparsers(dest="objection_command", metavar="子命令", required=True)
    rp = command(osub, "add", "登记异议", run_objection_add, record=("entry", "积分记录号"))
    rp.add_argument("--by", required=True, help="提出人")
    rp.add_argument("--content", required=True, help="异议内容")
    rp.add_argument("--date", type=_date, help="提出日期，默认今天")
    for name, helptext in (("uphold", "异议成立：记录被冲正"), ("reject", "驳回异议")):
        dp = osub.add_parser(name, help=helptext)
        record_id(dp, "objection", "异议号")
        dp.add_argument("--reason", required=True, help="处理理由")
        dp.set_defaults(handler=run_objection_decide, uphold=(name == "uphold"))

    p = command(command_group(sub, "expiry"), "run", "执行积分清零（年底清零）", run_expiry, village=True)
    p.add_argument("--cutoff", type=_date, required=True, help="截止日期，如 2026-12-31")


def _household(village_text: str | None, number: str) -> Household:
    query = Household.select().where(Household.household_no == number)
    if village_text:
        query = query.where(Household.village == find_village(village_text).id)
    found = list(query.limit(2))
    if not found:
        raise UserError(f"找不到户号“{number}”。")
    if len(found) > 1:
        raise UserError(f"户号“{number}”在多个村都有，请用 --village 指定村。")
    return found[0]


def run_add(ctx) -> int:
    a = ctx.args
    household = _household(a.village, a.household)
    rule = find_rule(household.village_id, a.rule)
    photo = None
    if a.photo:
        try:
            photo = Path(a.photo).read_bytes()
        except OSError as exc:
            raise UserError(f"无法读取照片 {a.photo}：{exc.strerror}") from exc
    member_id = None
    if a.member:
        from pointsapp.services.scoring.member_points import find_member

        member_id = find_member(actor=ctx.actor, household_id=household.id, name=a.member)
    entry = entries.add_entry(actor=ctx.actor, household_id=household.id, rule_id=rule.id, occurred_on=a.date,
                              note=a.note, evidence=photo, evidence_name=Path(a.photo).name if a.photo else "",
                              member_id=member_id)
    state = "已生效" if entry.status == "effective" else "待审核"
    print(f"已录入积分记录 #{entry.id}：{household.household_no} {household.head_name} "
          f"{rule.title} {entry.points:+d} 分（{state}）")
    return 0


def run_review(ctx) -> int:
    a = ctx.args
    count = review.review(actor=ctx.actor, entry_ids=a.ids, approve=a.approve, reason=a.reason)
    print(f"已{'审核通过' if a.approve else '驳回'} {count} 条记录。")
    return 0


def run_notice(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    notice = review.put_on_notice(actor=ctx.actor, village_id=village.id, starts_on=a.start, days=a.days)
    count = notice.entries.count()
    print(f"公示 #{notice.id}：{count} 条记录，{notice.starts_on} 至 {notice.ends_on}。")
    return 0


def run_close(ctx) -> int:
    a = ctx.args
    village_id = village_id_or_all(a.village)
    result = review.close_notices(actor=ctx.actor, village_id=village_id, today=a.today)
    print(f"已结束 {len(result.closed)} 个公示，{result.effective} 条记录生效。")
    for notice_id, objection_ids in result.waiting.items():
        print(f"公示 #{notice_id} 还有未处理的异议 #{', #'.join(map(str, objection_ids))}，处理后才能结束。")
    return 0


def run_reverse(ctx) -> int:
    reversal = review.reverse_entry(actor=ctx.actor, entry_id=ctx.args.id, reason=ctx.args.reason)
    print(f"已冲正记录 #{ctx.args.id}：冲正记录 #{reversal.id}，{reversal.points:+d} 分。")
    return 0


def run_objection_add(ctx) -> int:
    a = ctx.args
    objection = review.record_objection(actor=ctx.actor, entry_id=a.entry, raised_by=a.by, content=a.content,
                                        raised_on=a.date)
    print(f"已登记异议 #{objection.id}（积分记录 #{a.entry}）。")
    return 0


def run_objection_decide(ctx) -> int:
    a = ctx.args
    objection = review.decide_objection(actor=ctx.actor, objection_id=a.objection, uphold=a.uphold, reason=a.reason)
    if a.uphold:
        print(f"异议 #{objection.id} 成立，积分记录 #{objection.entry_id} 已冲正（冲正记录 #{objection.reversal_id}）。")
    else:
        print(f"异议 #{objection.id} 已驳回。")
    return 0


def run_expiry(ctx) -> int:
    a = ctx.args
    village: Village = find_village(a.village)
    run = expiry.run_expiry(actor=ctx.actor, village_id=village.id, cutoff=a.cutoff)
    print(f"{village.name}积分清零完成：{run.households} 户，共清零 {run.points} 分（截止 {run.cutoff}）。")
    return 0
