"""Demo step: a reviewed village's year through review, public notice and objections, plus a few reversals.

Runs after ``demo._entries`` wrote the year's entries (entered, in a reviewed village).
Each month is reviewed by the demo reviewer, posted for notice early the next month,
objected to now and then (some upheld, some rejected) and closed when the notice
ends; the current month stays in review and the latest notice may still be open, so
the review page has work to show. Uses the same services as the GUI, in bulk.
"""
from __future__ import annotations

import datetime as dt

from pointsapp.models import EntryKind, EntryStatus, LedgerEntry, User, Village
from pointsapp.services.scoring import review
from pointsapp.services.ops.users import actor_for

REJECT_REASONS = ["当天未参加，签到表无此户", "照片不能证明，退回重新核实", "户号录错，请重新录入"]
OBJECTIONS = [("邻居反映", "当天并未见其参加活动"), ("户主本人", "检查那天家里有人，院子是干净的"),
              ("村民代表", "分数与实际情况不符"), ("户主本人", "纠纷已经自行和解，不应扣分")]
UPHOLD_REASONS = ["经村委会核实，异议属实", "调阅签到表核实，确有错误"]
DISMISS_REASONS = ["经核实记录无误，有照片和签到为证", "检查组三人一致确认，维持原记录"]
REVERSAL_REASONS = ["录入时户号选错", "同一事件重复录入", "细则选错，冲正后重新录入"]


def workflow_year(ctx) -> None:
    for village in ctx.villages:
        if village.workflow == Village.WORKFLOW_REVIEWED:
            _review_year(ctx, village)
        _reversals(ctx, village)


def _ids(village: Village, status: str, start: dt.date, end: dt.date) -> list[int]:
    return [i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.village == village.id, LedgerEntry.status == status,
        LedgerEntry.occurred_on.between(start, end)).order_by(LedgerEntry.id).tuples()]


def _review_year(ctx, village: Village) -> None:
    rng = ctx.rng
    reviewer = actor_for(User.get(User.username == "shenhe"))
    scorer = actor_for(User.get(User.username == "luru"))
    last_month = ctx.today.month if ctx.today.year == ctx.year else 12
    for month in range(1, last_month + 1):
        start = dt.date(ctx.year, month, 1)
        end = (dt.date(ctx.year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        ids = _ids(village, EntryStatus.ENTERED, start, end)
        this_month = ctx.year == ctx.today.year and month == last_month  # (a past year's December is done)
        if this_month:  # this month is still being entered: half reviewed so far
            ids = ids[: len(ids) // 2]
        if not ids:
            continue
        rejected = set(rng.sample(ids, max(1, len(ids) // 150)))
        for reason in REJECT_REASONS:
            part = [i for i in rejected if i % len(REJECT_REASONS) == REJECT_REASONS.index(reason)]
            if part:
                review.review(actor=reviewer, entry_ids=part, approve=False, reason=reason)
        approved = [i for i in ids if i not in rejected]
        if not approved:  # a tiny village's month may have had one entry, and it was rejected: nothing to post
            continue
        review.review(actor=reviewer, entry_ids=approved, approve=True)
        notice_start = end + dt.timedelta(days=3)
        if this_month:  # what was reviewed so far is on the notice board now
            notice_start = max(start, ctx.today - dt.timedelta(days=2))
        if notice_start > ctx.today:
            continue  # reviewed, waiting for next month's notice
        notice = review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=notice_start,
                                      title=f"{village.name}{ctx.year}年{month}月积分公示")
        on_notice = [i for i in ids if i not in rejected]
        closes = notice.ends_on < ctx.today
        for n, entry_id in enumerate(rng.sample(on_notice, min(len(on_notice), max(2, len(on_notice) // 800)))):
            who, content = rng.choice(OBJECTIONS)
            raised = notice.starts_on + dt.timedelta(days=rng.randint(0, (notice.ends_on - notice.starts_on).days))
            objection = review.record_objection(actor=scorer, entry_id=entry_id, raised_by=who, content=content,
                                                raised_on=min(raised, ctx.today))
            if not closes and n == 0:
                continue  # still being looked into
            uphold = n % 3 == 1
            review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=uphold,
                                    reason=rng.choice(UPHOLD_REASONS if uphold else DISMISS_REASONS))
        if closes:
            review.close_notices(actor=reviewer, village_id=village.id, notice_id=notice.id,
                                 today=notice.ends_on + dt.timedelta(days=1))
        ctx.progress(f"{village.name}：{month} 月积分已审核公示")


def _reversals(ctx, village: Village) -> None:
    """A few corrections by reversal of the year's entries, as every real ledger has."""
    candidates = [i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.village == village.id, LedgerEntry.status == EntryStatus.EFFECTIVE,
        LedgerEntry.occurred_on.between(dt.date(ctx.year, 1, 1), dt.date(ctx.year, 12, 31)),
        LedgerEntry.kind.in_([EntryKind.AWARD, EntryKind.DEDUCTION]),
        ~LedgerEntry.id.in_(LedgerEntry.select(LedgerEntry.reverses).where(LedgerEntry.reverses.is_null(False))),
    ).order_by(LedgerEntry.id).tuples()]
    if not candidates:
        return
    reviewer = actor_for(User.get(User.username == "shenhe"))
    for entry_id in ctx.rng.sample(candidates, min(len(candidates), max(3, len(candidates) // 2000))):
        review.reverse_entry(actor=reviewer, entry_id=entry_id, reason=ctx.rng.choice(REVERSAL_REASONS))
