"""``pointsapp households member-points``: each member's yearly points and one member's own history (成员积分)."""
from __future__ import annotations

from pointsapp import clock
from pointsapp.cli._groups import command_group
from pointsapp.cli._output import add_format_option, print_rows
from pointsapp.cli.entries import _household
from pointsapp.services.scoring import member_points


def register(sub) -> None:
    p = command_group(sub, "households").add_parser("member-points", help="一户各成员的年度积分；加 --member 列出该成员的记录")
    p.add_argument("--household", required=True, help="户号")
    p.add_argument("--village", help="村名或村代码（户号在多个村都有时）")
    p.add_argument("--member", help="成员姓名：列出这位成员的积分记录")
    p.add_argument("--year", type=int, help="年度（默认今年）")
    add_format_option(p)
    p.set_defaults(handler=run_member_points)


def run_member_points(ctx) -> int:
    a = ctx.args
    household = _household(a.village, a.household)
    year = a.year or clock.today().year
    if a.member:
        member_id = member_points.find_member(actor=ctx.actor, household_id=household.id, name=a.member)
        member = next(t for t in member_points.member_totals(actor=ctx.actor, household_id=household.id, year=year)
                      if t.member_id == member_id)
        rows = [{"date": str(e.occurred_on), "rule": f"{e.rule_code} {e.rule}".strip(), "category": e.category,
                 "points": e.points, "status": e.status_label, "note": e.note}
                for e in member_points.member_history(actor=ctx.actor, member_id=member.member_id, year=year)]
        if a.format == "table":
            print(f"{household.household_no} {member.name} {year}年积分 {member.points} 分（{len(rows)} 条记录）")
        print_rows(["日期", "细则", "类别", "积分", "状态", "说明"], ["date", "rule", "category", "points", "status", "note"],
                   rows, a.format)
        return 0
    rows = [{"name": t.name, "relation": t.relation, "points": t.points, "awards": t.awards,
             "deductions": t.deductions, "entries": t.entries, "active": t.active}
            for t in member_points.member_totals(actor=ctx.actor, household_id=household.id, year=year)]
    if a.format == "table":
        print(f"{household.household_no} {household.head_name} 户 {year}年各成员积分（计入本户总分）")
    print_rows(["成员", "与户主关系", "积分", "加分", "扣分", "记录条数", "在册"],
               ["name", "relation", "points", "awards", "deductions", "entries", "active"], rows, a.format)
    return 0
