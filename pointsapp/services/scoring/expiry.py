"""积分清零: an explicit, logged run that clears available points as of a cutoff day (年底清零).

Only available points expire; earned points (rankings, stars) never change. The
amount cleared for a household is what it had available on the cutoff day, less
anything it has spent or lost since (spending uses the oldest points first), so a run never
takes a household below zero. Points earned after the cutoff are kept. Entries still
pending at the run (under review, on notice) are not cleared: they were not available.

An entry reversed after a run took its points gets them back with its reversal (清零返还,
:func:`reversal_drafts`): the household ends where it would be had the mistaken entry never
been made, instead of losing the points twice.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.models import EntryKind, EntryStatus, ExpiryRun, Household, HouseholdBalance, LedgerEntry, User, Village
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.scoring.ledger import EntryDraft, append, reversal_draft
from pointsapp.text import translate

POLICY_LABELS = {Village.EXPIRY_NONE: "不清零", Village.EXPIRY_YEAR_END: "年底清零"}


def set_policy(*, actor: Actor, village_id: int, policy: str) -> Village:
    require(actor, Permission.SETTINGS_EDIT)
    if policy not in POLICY_LABELS:
        raise UserError(translate("services.expiry", "清零规则“{0}”无效，只能是 none（不清零）或 year_end（年底清零）。").format(policy))
    village = Village.get_by_id(village_id)
    with write_transaction():
        old = village.expiry_policy
        village.expiry_policy = policy
        village.save()
        audit.record(actor, "village.expiry_policy", "village", village.id, {"expiry_policy": old},
                     {"expiry_policy": policy})
    return village


def _checked_village(village_id: int, cutoff: dt.date, today: dt.date | None) -> Village:
    """The village whose points may be cleared up to ``cutoff``; refuses a run that must not happen."""
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.expiry", "找不到这个村。"))
    if village.expiry_policy == Village.EXPIRY_NONE:
        raise UserError(translate("services.expiry", "{0}的积分设置为“不清零”，不能执行清零。请先在设置中改为“年底清零”。").format(village.name))
    if cutoff > (today or clock.today()):
        raise UserError(translate("services.expiry", "清零截止日 {0} 还没到。").format(cutoff))
    if ExpiryRun.select().where(ExpiryRun.village == village.id, ExpiryRun.cutoff >= cutoff).exists():
        raise UserError(translate("services.expiry", "{0}已经执行过截止到 {1} 或更晚的清零，不能重复执行。").format(
            village.name, cutoff))
    return village


def _drafts(village: Village, cutoff: dt.date) -> list[EntryDraft]:
    """One expiry entry per household with points to clear (see the module docstring for the amount)."""
    effective = (LedgerEntry.village == village.id) & (LedgerEntry.status == EntryStatus.EFFECTIVE)
    at_cutoff = dict(LedgerEntry
                     .select(LedgerEntry.household, fn.SUM(LedgerEntry.points))
                     .where(effective, LedgerEntry.occurred_on <= cutoff)
                     .group_by(LedgerEntry.household).tuples())
    # what was spent or deducted after the cutoff (a negative sum) came out of the oldest points, the ones this run
    # clears; an entry and its reversal share a day, so a voided sale or a reversed deduction after it cancels out
    reversal = LedgerEntry.alias()
    spent_since = dict(LedgerEntry
                       .select(LedgerEntry.household, fn.SUM(LedgerEntry.points))
                       .join(reversal, JOIN.LEFT_OUTER, on=(reversal.reverses == LedgerEntry.id))
                       .where(effective, LedgerEntry.occurred_on > cutoff, LedgerEntry.points < 0,
                              LedgerEntry.kind != EntryKind.REVERSAL, reversal.id.is_null())
                       .group_by(LedgerEntry.household).tuples())
    now_available = dict(HouseholdBalance.select(HouseholdBalance.household, HouseholdBalance.available)
                         .join(Household, on=(HouseholdBalance.household == Household.id))
                         .where(Household.village == village.id).tuples())
    drafts = []
    for household, before in sorted(at_cutoff.items()):
        amount = min(int(before or 0) + int(spent_since.get(household) or 0), int(now_available.get(household, 0)))
        if amount > 0:
            drafts.append(EntryDraft(household_id=household, village_id=village.id, kind=EntryKind.EXPIRY,
                                     points=-amount, occurred_on=cutoff, earned=False,
                                     note=f"积分清零（截止 {cutoff}）"))
    return drafts


def _counted(entry: LedgerEntry, effective_at: dt.datetime, clearance: LedgerEntry) -> bool:
    """Whether the run that wrote ``clearance`` counted ``entry`` among the points it cleared."""
    if clearance.id < entry.id:
        return False  # written after the run (backdated to before its cutoff)
    if effective_at != clearance.created_at:
        return effective_at < clearance.created_at
    return entry.notice_id is None  # the same second: see reversal_drafts


def reversal_drafts(entry: LedgerEntry, reason: str) -> list[EntryDraft]:
    """The reversal of ``entry`` (first), then what earlier clearances took of its points, given back.

    Had the entry never been made, each run that counted it would have cleared that much less (never below
    nothing): so each run gives back the smaller of what is left of the entry's points and what the run still
    holds of this household's (its clearance less what it gave back before). A run counted the entry when the
    entry was effective before the run's clearance row was written; a backdated entry written after the run, or
    one still under review then, was not cleared and gets nothing back. Times are kept to the second: an entry
    whose notice closed in the very second of the run is taken as not counted (a run is a year-end step, another
    office closing a notice in that second is the only way there), one written effective then by its id.
    """
    drafts = [reversal_draft(entry, reason)]
    left = entry.points
    if left <= 0:
        return drafts
    effective_at = entry.effective_at or entry.created_at
    runs = (ExpiryRun.select(ExpiryRun.cutoff)
            .where(ExpiryRun.village == entry.village_id, ExpiryRun.cutoff >= entry.occurred_on)
            .order_by(ExpiryRun.cutoff))
    for (cutoff,) in runs.tuples():
        rows = list(LedgerEntry.select(LedgerEntry.id, LedgerEntry.points, LedgerEntry.created_at)
                    .where(LedgerEntry.household == entry.household_id, LedgerEntry.kind == EntryKind.EXPIRY,
                           LedgerEntry.occurred_on == cutoff, LedgerEntry.status == EntryStatus.EFFECTIVE)
                    .order_by(LedgerEntry.id))
        clearance = rows[0] if rows and rows[0].points < 0 else None  # a run's first row is what it cleared
        if clearance is None or not _counted(entry, effective_at, clearance):
            continue
        held = -sum(row.points for row in rows)
        back = min(left, held)
        if back > 0:
            drafts.append(EntryDraft(household_id=entry.household_id, village_id=entry.village_id,
                                     kind=EntryKind.EXPIRY, points=back, occurred_on=cutoff, earned=False,
                                     note=f"清零返还：记录 #{entry.id} 已冲正，截止 {cutoff} 的清零曾清去其中 {back} 分"))
            left -= back
        if left <= 0:
            break
    return drafts


@dataclass(frozen=True)
class ExpiryPreview:
    """What a run would clear, shown before the operator confirms it."""

    village: str
    cutoff: dt.date
    households: int
    points: int


def preview_expiry(*, actor: Actor, village_id: int, cutoff: dt.date,
                   today: dt.date | None = None) -> ExpiryPreview:
    """The households and points :func:`run_expiry` would clear now; writes nothing."""
    require(actor, Permission.EXPIRY_RUN)
    village = _checked_village(village_id, cutoff, today)
    drafts = _drafts(village, cutoff)
    return ExpiryPreview(village.name, cutoff, len(drafts), -sum(d.points for d in drafts))


@dataclass(frozen=True)
class ExpiryRunView:
    """A past run as the expiry tab lists it."""
    cutoff: dt.date
    households: int
    points: int
    run_by: str  # the operator's name
    run_at: dt.datetime


def list_runs(*, actor: Actor, village_id: int) -> list[ExpiryRunView]:
    """The village's past runs, newest first."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (ExpiryRun.select(ExpiryRun.cutoff, ExpiryRun.households, ExpiryRun.points, User.display_name,
                              User.username, ExpiryRun.run_at)
             .join(User, on=(ExpiryRun.run_by == User.id))
             .where(ExpiryRun.village == village_id).order_by(ExpiryRun.cutoff.desc()))
    return [ExpiryRunView(cutoff, households, points, display or username, run_at)
            for cutoff, households, points, display, username, run_at in query.tuples()]


def run_expiry(*, actor: Actor, village_id: int, cutoff: dt.date, today: dt.date | None = None) -> ExpiryRun:
    """Write one expiry entry per household with points to clear, and the ExpiryRun row."""
    require(actor, Permission.EXPIRY_RUN)
    with write_transaction():  # checked inside: two offices running it at once must not clear twice
        village = _checked_village(village_id, cutoff, today)
        drafts = _drafts(village, cutoff)
        append(drafts, created_by=actor.user_id, return_ids=False)
        run = ExpiryRun.create(village=village.id, cutoff=cutoff, run_by=actor.user_id, households=len(drafts),
                               points=-sum(d.points for d in drafts))
        audit.record(actor, "expiry.run", "expiry_run", run.id, None,
                     {"village": village.name, "cutoff": cutoff, "households": run.households, "points": run.points})
    return run
