"""积分清零: an explicit, logged run that clears available points as of a cutoff day (年底清零).

Only available points expire; earned points (rankings, stars) never change. The
amount cleared for a household is what it had available on the cutoff day, less
anything it has spent since (spending uses the oldest points first), so a run never
takes a household below zero. Points earned after the cutoff are kept. Entries still
pending at the run (under review, on notice) are not cleared: they were not available.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.models import EntryKind, EntryStatus, ExpiryRun, Household, HouseholdBalance, LedgerEntry, User, Village
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.scoring.ledger import EntryDraft, append
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
    at_cutoff = dict(LedgerEntry
                     .select(LedgerEntry.household, fn.SUM(LedgerEntry.points))
                     .where(LedgerEntry.village == village.id, LedgerEntry.status == EntryStatus.EFFECTIVE,
                            LedgerEntry.occurred_on <= cutoff)
                     .group_by(LedgerEntry.household).tuples())
    now_available = dict(HouseholdBalance.select(HouseholdBalance.household, HouseholdBalance.available)
                         .join(Household, on=(HouseholdBalance.household == Household.id))
                         .where(Household.village == village.id).tuples())
    drafts = []
    for household, before in sorted(at_cutoff.items()):
        amount = min(int(before or 0), int(now_available.get(household, 0)))
        if amount > 0:
            drafts.append(EntryDraft(household_id=household, village_id=village.id, kind=EntryKind.EXPIRY,
                                     points=-amount, occurred_on=cutoff, earned=False,
                                     note=f"积分清零（截止 {cutoff}）"))
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
