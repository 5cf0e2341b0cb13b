"""``pointsapp claim …`` and ``pointsapp meeting …``: villagers' claims (申报), the group head's check, and the
review meeting (评议会) that decides claims and batches; its minutes as a PDF."""
from __future__ import annotations

from pointsapp.cli._groups import command_group
from pointsapp.cli._options import (
    VILLAGE_IF_SEVERAL, command, decision_options, json_option, print_listing, village_id_or_all,
    village_option,
)
from pointsapp.cli.entries import _date, _household
from pointsapp.cli.prints import write_pdf
from pointsapp.errors import UserError
from pointsapp.services.register.villages import find_village
from pointsapp.services.scoring import claims, meetings
from pointsapp.services.scoring.rules import find_rule


def register(sub) -> None:
    group = command_group(sub, "claim")
    p = command(group, "add", "为村民登记申报", run_add)
    p.add_argument("--household", required=True, help="户号")
    village_option(p, VILLAGE_IF_SEVERAL)
    p.add_argument("--rule", required=True, help="申报的细则代码（加分细则）")
    p.add_argument("--deed", required=True, help="事迹：做了什么")
    p.add_argument("--date", type=_date, help="事迹日期，默认今天")
    p.add_argument("--member", help="事迹所属的家庭成员姓名")
    p.add_argument("--claimant", default="", help="来申报的村民（默认户主）")
    p.add_argument("--photo", nargs="+", default=[], help="证据照片文件（复制到数据文件夹）")

    p = command(group, "check", "组长核实：属实（--confirm）或不属实（--refute，须写 --note）", run_check,
                record=("claim", "申报号"))
    p.add_argument("--group-head", required=True, help="核实的组长姓名")
    decision_options(p, ("--confirm", "属实"), ("--refute", "不属实"), reason=("--note", "核实意见"))

    p = command(group, "decide", "评议会的决定：通过（--approve）或不通过（--reject，须写 --reason）", run_decide,
                record=("claim", "申报号"))
    p.add_argument("--meeting", type=int, required=True, help="评议会号")
    decision_options(p, ("--approve", "通过"), ("--reject", "不通过"))

    p = command(group, "list", "列出申报", run_list, village=True)
    p.add_argument("--status", choices=list(claims.STATUS_LABELS), help="只列这个状态")
    json_option(p)

    p = command(group, "policy", "村的申报设置：是否先由组长核实", run_policy, village=True)
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--group-check", dest="group_check", action="store_true", help="先由组长核实")
    choice.add_argument("--no-group-check", dest="group_check", action="store_false", help="直接提交评议会")

    group = command_group(sub, "meeting")
    p = command(group, "create", "记录一次评议会", run_meeting_create, village=True)
    p.add_argument("--date", type=_date, help="会议日期，默认今天")
    p.add_argument("--place", default="", help="会议地点")
    p.add_argument("--attendee", nargs="+", required=True, metavar="姓名:职务", help="参会人员，如 李明:村民代表")
    p.add_argument("--chair", default="", help="主持人")
    p.add_argument("--recorder", default="", help="记录人")
    p.add_argument("--title", default="", help="会议名称（默认：某村某年某月积分评议会）")
    p.add_argument("--summary", default="", help="会议情况")

    p = command(group, "decide-batch", "评议会审议一个批次的待审核记录（通过或驳回）", run_decide_batch,
                record=("meeting", "评议会号"))
    p.add_argument("--batch", type=int, required=True, help="批次号")
    decision_options(p, ("--approve", "通过"), ("--reject", "驳回（须写 --reason）"))

    command(group, "list", "列出评议会", run_meeting_list, village=True, json=True)

    command(group, "minutes", "打印评议会记录（PDF，带签字栏）", run_minutes, record=("meeting", "评议会号"),
            out=True)


def run_add(ctx) -> int:
    a = ctx.args
    household = _household(a.village, a.household)
    rule = find_rule(household.village_id, a.rule)
    member_id = None
    if a.member:
        found = [m for m in claims.members_of(actor=ctx.actor, household_id=household.id) if m[1] == a.member.strip()]
        if not found:
            raise UserError(f"{household.household_no} 户没有名为“{a.member}”的家庭成员。")
        member_id = found[0][0]
    claim = claims.submit_claim(actor=ctx.actor, household_id=household.id, rule_id=rule.id, deed=a.deed,
                                occurred_on=a.date, member_id=member_id, claimant=a.claimant, photos=a.photo)
    print(f"已登记申报 #{claim.id}：{claim.household_no} {claim.head_name} {claim.rule_code} {claim.rule_title}"
          f"（{claim.status_label}，证据 {len(claim.photos)} 张）")
    return 0


def run_check(ctx) -> int:
    a = ctx.args
    claim = claims.group_check(actor=ctx.actor, claim_id=a.claim, group_head=a.group_head, confirmed=a.confirm,
                               note=a.note)
    print(f"申报 #{claim.id} 组长 {claim.group_head} 核实：{claim.status_label}")
    return 0


def run_decide(ctx) -> int:
    a = ctx.args
    claim = claims.decide_claim(actor=ctx.actor, claim_id=a.claim, meeting_id=a.meeting, approve=a.approve,
                                reason=a.reason)
    tail = f"，积分记录 #{claim.entry_id}" if claim.entry_id else f"，理由：{claim.reason}"
    print(f"申报 #{claim.id} 评议{claim.status_label}（评议会 #{claim.meeting_id}）{tail}")
    return 0


def _claim_row(c: claims.ClaimInfo) -> dict:
    return {"id": c.id, "household": c.household_no, "head": c.head_name, "member": c.member, "rule": c.rule_code,
            "points": c.points, "deed": c.deed, "occurred_on": c.occurred_on, "claimant": c.claimant,
            "status": c.status, "typed_by": c.typed_by, "group_head": c.group_head, "meeting": c.meeting_id,
            "reason": c.reason, "entry": c.entry_id, "photos": list(c.photos)}


def run_list(ctx) -> int:
    a = ctx.args
    found = claims.claims(actor=ctx.actor, village_id=village_id_or_all(a.village), status=a.status)
    return print_listing(found, a.json, _claim_row,
                         lambda c: f"#{c.id}  {c.occurred_on}  {c.household_no} {c.head_name}  {c.rule_code} "
                                   f"{c.points:+d}  {c.deed}  {c.status_label}")


def run_policy(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    on = claims.set_claim_policy(actor=ctx.actor, village_id=village.id, group_check=a.group_check)
    print(f"{village.name}的申报{'先由组长核实，再提交评议会' if on else '直接提交评议会'}。")
    return 0


def _attendees(texts: list[str]) -> list[tuple[str, str]]:
    out = []
    for text in texts:
        name, _sep, role = text.replace("：", ":").partition(":")
        out.append((name.strip(), role.strip()))
    return out


def run_meeting_create(ctx) -> int:
    a = ctx.args
    village = find_village(a.village)
    m = meetings.create_meeting(actor=ctx.actor, village_id=village.id, held_on=a.date, place=a.place,
                                attendees=_attendees(a.attendee), chair=a.chair, recorder=a.recorder,
                                title=a.title, summary=a.summary)
    print(f"已记录评议会 #{m.id}：{m.title}（{m.held_on}，{len(m.attendees)} 人参会）")
    return 0


def run_decide_batch(ctx) -> int:
    a = ctx.args
    count = meetings.decide_batch(actor=ctx.actor, meeting_id=a.meeting, batch_id=a.batch, approve=a.approve,
                                  reason=a.reason)
    print(f"评议会 #{a.meeting} {'通过' if a.approve else '驳回'}批次 #{a.batch} 的 {count} 条记录。")
    return 0


def run_meeting_list(ctx) -> int:
    a = ctx.args
    found = meetings.meetings(actor=ctx.actor, village_id=village_id_or_all(a.village))
    return print_listing(found, a.json, _meeting_row, _meeting_line)


def _meeting_row(m: meetings.MeetingInfo) -> dict:
    return {"id": m.id, "village": m.village, "title": m.title, "held_on": m.held_on, "place": m.place,
            "chair": m.chair, "recorder": m.recorder,
            "attendees": [{"name": p.name, "role": p.role} for p in m.attendees],
            "decisions": [{"what": d.what, "subject": d.subject, "outcome": d.outcome,
                           "reason": d.reason, "entries": d.entries, "points": d.points} for d in m.decisions]}


def _meeting_line(m: meetings.MeetingInfo) -> str:
    passed = sum(1 for d in m.decisions if d.approved)
    return f"#{m.id}  {m.held_on}  {m.title}  {len(m.attendees)} 人参会  评议 {len(m.decisions)} 项（通过 {passed}）"


def run_minutes(ctx) -> int:
    from pointsapp.printing.meeting_minutes import minutes_pdf

    a = ctx.args
    count = write_pdf(a.out, lambda path: minutes_pdf(path, actor=ctx.actor, meeting_id=a.meeting))
    print(f"已生成评议会记录：{a.out}（{count} 项决定）")
    return 0
