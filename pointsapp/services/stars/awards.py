"""授星与摘星: publishing an evaluation, applying it as awards, withdrawals, history and summaries.

Which stars a household *holds* is the same everywhere (:func:`pointsapp.services.rankings.held_awards_query`):
its awards, not withdrawn, of its village's current evaluation — the latest applied one by period
(``StarEvaluation.is_current``, kept by :func:`apply`). A household the current evaluation gave no star
holds none, whatever it held before.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import fn

from pointsapp import clock
from pointsapp.db import is_sqlite, write_transaction
from pointsapp.models import (
    EntryKind, EntryStatus, Group, Household, LedgerEntry, Notice, Rule, Star, StarAward, StarEvaluation,
    StarProposal, User, Village, database, now,
)
from pointsapp.services import audit
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.scoring.rankings import held_awards_query
from pointsapp.services.stars.scheme import Criterion
from pointsapp.services.stars.evaluation import evaluation_period, get_evaluation, period_order
from pointsapp.text import translate


def publish(*, actor: Actor, evaluation_id: int, days: int | None = None,
            starts_on: dt.date | None = None) -> Notice:
    """Put a draft evaluation on public notice (公示) for ``days`` days (default: the village's notice days)."""
    require(actor, Permission.STARS_EVALUATE)
    evaluation = get_evaluation(evaluation_id)
    if evaluation.status != StarEvaluation.STATUS_DRAFT:
        raise UserError(translate("services.star_awards", "评星记录 #{0} 不是待公示状态，不能公示。").format(evaluation.id))
    village = evaluation.village
    days = village.notice_days if days is None else int(days)
    if days < 1:
        raise UserError(translate("services.star_awards", "公示天数至少为 1 天。"))
    starts_on = starts_on or clock.today()
    label = evaluation_period(evaluation.period).label
    with database.obj.atomic():
        notice = Notice.create(village=village.id, kind="stars", title=f"{village.name}{label}星级文明户评定结果公示",
                               starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=days - 1),
                               created_by=actor.user_id)
        evaluation.status, evaluation.notice = StarEvaluation.STATUS_NOTICE, notice.id
        evaluation.save()
        audit.record(actor, "star_evaluation.publish", "star_evaluation", evaluation.id,
                     {"status": StarEvaluation.STATUS_DRAFT},
                     {"status": evaluation.status, "notice": notice.id, "starts_on": starts_on,
                      "ends_on": notice.ends_on})
    return notice


def notice_required(village: Village) -> bool:
    """Villages that review entries also put star results on notice; simple villages may skip it."""
    return village.workflow != Village.WORKFLOW_SIMPLE


def apply(*, actor: Actor, evaluation_id: int, today: dt.date | None = None) -> int:
    """Award the included stars (one transaction). Returns the number of awards written.

    An evaluation on notice is applied once the notice period is over; a draft only in a
    village that does not require notice. Households archived since the run get nothing.
    The evaluation becomes the village's current one (what households hold) if its period
    is later than the current one's (:func:`refresh_current`), in the same transaction.
    """
    require(actor, Permission.STARS_APPLY)
    evaluation = get_evaluation(evaluation_id)
    village = evaluation.village
    today = today or clock.today()
    if evaluation.status == StarEvaluation.STATUS_NOTICE:
        notice = evaluation.notice
        if notice is not None and today <= notice.ends_on and notice_required(village):
            raise UserError(translate("services.star_awards", "公示期到 {0} 结束，公示期满后才能授星。").format(notice.ends_on))
    elif evaluation.status == StarEvaluation.STATUS_DRAFT:
        if notice_required(village):
            raise UserError(translate("services.star_awards", "本村评星结果须先公示，公示期满后才能授星。"))
    else:
        raise UserError(translate("services.star_awards", "评星记录 #{0} 已授星或已作废，不能再授星。").format(evaluation.id))
    rows = (StarProposal.select(StarProposal.household, StarProposal.star)
            .join(Household, on=(StarProposal.household == Household.id))
            .where(StarProposal.evaluation == evaluation.id, StarProposal.included == True,  # noqa: E712
                   Household.status == Household.STATUS_ACTIVE)
            .order_by(StarProposal.household, StarProposal.star).tuples())
    awards = [{"household": hid, "star": sid, "period": evaluation.period, "evaluation": evaluation.id,
               "awarded_on": today, "awarded_by": actor.user_id} for hid, sid in rows]
    with write_transaction():
        lock_village(village.id)  # before the check: a second station applying now waits, then sees our awards
        if StarAward.select().join(Star).where(Star.village == village.id,
                                               StarAward.period == evaluation.period).exists():
            raise UserError(translate("services.star_awards", "{0}{1} 已有授星记录，不能重复授星。").format(
                village.name, evaluation.period))
        for start in range(0, len(awards), 500):
            StarAward.insert_many(awards[start:start + 500]).execute()
        evaluation.status, evaluation.applied_at = StarEvaluation.STATUS_APPLIED, now()
        evaluation.save()
        current = refresh_current(village.id)
        if evaluation.notice_id:
            Notice.update(closed_at=now()).where(Notice.id == evaluation.notice_id).execute()
        audit.record(actor, "star_evaluation.apply", "star_evaluation", evaluation.id, None,
                     {"awards": len(awards), "households": len({a["household"] for a in awards}),
                      "period": evaluation.period, "current": current is not None and current.id == evaluation.id})
    return len(awards)


def lock_village(village_id: int) -> None:
    """On PostgreSQL, make two stations applying evaluations of one village take turns (inside the caller's
    transaction); on SQLite ``write_transaction`` already holds the write lock. NO KEY UPDATE: rows that
    merely reference the village (entries, households) are not held up."""
    if not is_sqlite():
        Village.select(Village.id).where(Village.id == village_id).for_update("FOR NO KEY UPDATE").execute()


def refresh_current(village_id: int) -> StarEvaluation | None:
    """Mark the village's current evaluation: its latest applied one by period (``stars.period_order``).

    Call inside the transaction that applies an evaluation. An evaluation becomes current only when its
    period is later than the current one's: applying an older period afterwards (back-filling 2025 once
    2026 is applied) leaves 2026 current, and of two applied evaluations of one period the first stays.
    """
    applied = list(StarEvaluation.select(StarEvaluation.id, StarEvaluation.period, StarEvaluation.is_current)
                   .where(StarEvaluation.village == village_id,
                          StarEvaluation.status == StarEvaluation.STATUS_APPLIED)
                   .order_by(StarEvaluation.id))
    best = None
    for evaluation in applied:
        if best is None or period_order(evaluation.period) > period_order(best.period):
            best = evaluation
    stale = [e.id for e in applied if e.is_current and e is not best]
    if stale:  # first: the unique index allows one current evaluation per village at any moment
        StarEvaluation.update(is_current=False).where(StarEvaluation.id.in_(stale)).execute()
    if best is not None and not best.is_current:
        StarEvaluation.update(is_current=True).where(StarEvaluation.id == best.id).execute()
    return best


def held_awards(household_ids: list[int] | None = None):
    """The awards (with their ``Star``) households hold now, in scheme order (see ``held_awards_query``)."""
    return (held_awards_query(household_ids)
            .select(StarAward, Star)
            .switch(StarAward).join(Star, on=(StarAward.star == Star.id))
            .order_by(StarAward.household, Star.sort_order, Star.id))


def star_summary(household_ids: list[int]) -> dict[int, tuple[int, list[tuple[str, str]]]]:
    """``{household_id: (count, [(star name, colour), …])}`` of the stars each household holds now.

    Households without stars are included with ``(0, [])``; counts equal ``rankings.star_counts``.
    """
    out: dict[int, tuple[int, list[tuple[str, str]]]] = {hid: (0, []) for hid in household_ids}
    ids = list(household_ids)
    for start in range(0, len(ids), 500):
        query = held_awards(ids[start:start + 500]).select(StarAward.household, Star.name, Star.color)
        for hid, name, color in query.tuples():
            count, names = out[hid]
            names.append((name, color))
            out[hid] = (count + 1, names)
    return out


def _withdraw_rows(actor: Actor, awards: list[StarAward], reason: str) -> list[StarAward]:
    stamp = now()
    for award in awards:
        StarAward.update(withdrawn_at=stamp, withdrawn_by=actor.user_id, withdrawn_reason=reason).where(
            StarAward.id == award.id).execute()
        audit.record(actor, "star_award.withdraw", "star_award", award.id, {"withdrawn_at": None},
                     {"withdrawn_at": stamp, "reason": reason, "household": award.household_id,
                      "star": award.star_id, "period": award.period})
        award.withdrawn_at, award.withdrawn_by, award.withdrawn_reason = stamp, actor.user_id, reason
    return awards


def withdraw(*, actor: Actor, household_id: int, star_id: int, reason: str, period: str | None = None) -> StarAward:
    """摘星: take back one star the household holds (or holds for ``period``), with a reason."""
    require(actor, Permission.STARS_APPLY)
    reason = textnorm.free_text(reason, translate("services.awards", "原因"))
    if not reason:
        raise UserError(translate("services.star_awards", "摘星必须填写原因。"))
    query = StarAward.select().where(StarAward.household == household_id, StarAward.star == star_id,
                                     StarAward.withdrawn_at.is_null())
    if period:
        query = query.where(StarAward.period == evaluation_period(period).code)
    else:
        held = {a.id for a in held_awards([household_id])}
        query = query.where(StarAward.id.in_(list(held) or [0]))
    award = query.order_by(StarAward.period.desc()).first()
    if award is None:
        raise UserError(translate("services.star_awards", "这一户目前没有这颗星，无需摘星。"))
    with database.obj.atomic():
        _withdraw_rows(actor, [award], reason)
    return award


def _veto_entry(entry_id: int) -> LedgerEntry:
    entry = (LedgerEntry.select(LedgerEntry, Rule).join(Rule, on=(LedgerEntry.rule == Rule.id))
             .where(LedgerEntry.id == entry_id).first())
    if entry is None or not entry.rule.is_veto or entry.kind != EntryKind.DEDUCTION:
        raise UserError(translate("services.star_awards", "记录 #{0} 不是一票否决扣分，不能据此摘星。").format(entry_id))
    if entry.status != EntryStatus.EFFECTIVE:
        raise UserError(translate("services.star_awards", "记录 #{0} 尚未生效，生效后才能据此摘星。").format(entry_id))
    if LedgerEntry.select().where(LedgerEntry.reverses == entry.id,
                                  LedgerEntry.status == EntryStatus.EFFECTIVE).exists():
        raise UserError(translate("services.star_awards", "记录 #{0} 已被冲正，不能据此摘星。").format(entry_id))
    return entry


def _withdraw_for_entry(actor: Actor, entry: LedgerEntry, reason: str | None) -> list[StarAward]:
    """The stars a veto takes away: those held now, and any awarded for a period containing the veto."""
    held = {a.id for a in held_awards([entry.household_id])}
    candidates = (StarAward.select(StarAward, Star).join(Star, on=(StarAward.star == Star.id))
                  .where(StarAward.household == entry.household_id, StarAward.withdrawn_at.is_null())
                  .order_by(StarAward.period, Star.sort_order))
    hit = []
    for award in candidates:
        covered = award.id in held or evaluation_period(award.period).contains(entry.occurred_on)
        if covered and Criterion.of(award.star).no_veto:
            hit.append(award)
    text = reason or f"一票否决：{entry.rule.title}（{entry.occurred_on}，记录 #{entry.id}）"
    return _withdraw_rows(actor, hit, text)


def withdraw_for_veto(*, actor: Actor, entry_id: int, reason: str | None = None) -> list[StarAward]:
    """摘星 after an effective veto entry: withdraws the household's vetoable stars, each with a record."""
    require(actor, Permission.STARS_APPLY)
    entry = _veto_entry(entry_id)
    with database.obj.atomic():
        return _withdraw_for_entry(actor, entry, reason)


def after_entries_effective(*, actor: Actor, entry_ids: list[int]) -> list[StarAward]:
    """For the scoring code: call after entries became effective (reviewed, or appended effective).

    Veto deductions among them withdraw the household's stars at once, recorded in the
    audit log under the actor who made them effective (no STARS_APPLY needed: the star
    rules say so, nobody decides it). Call inside the same transaction; other entries are ignored.
    """
    if not entry_ids:
        return []
    vetoes = (LedgerEntry.select(LedgerEntry, Rule).join(Rule, on=(LedgerEntry.rule == Rule.id))
              .where(LedgerEntry.id.in_(list(entry_ids)), Rule.is_veto == True,  # noqa: E712
                     LedgerEntry.kind == EntryKind.DEDUCTION, LedgerEntry.status == EntryStatus.EFFECTIVE)
              .order_by(LedgerEntry.id))
    withdrawn: list[StarAward] = []
    with database.obj.atomic():
        for entry in vetoes:
            withdrawn += _withdraw_for_entry(actor, entry, None)
    return withdrawn


@dataclass
class AwardRecord:
    star_id: int
    period: str
    star: str
    color: str
    awarded_on: dt.date
    awarded_by: str
    withdrawn_at: dt.datetime | None = None
    withdrawn_by: str = ""
    withdrawn_reason: str = ""


def history(*, actor: Actor, household_id: int) -> list[AwardRecord]:
    """Every star a household was awarded, newest period first, with withdrawals."""
    if not actor.can(Permission.HOUSEHOLD_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    users = dict(User.select(User.id, fn.COALESCE(fn.NULLIF(User.display_name, ""), User.username)).tuples())
    query = (StarAward.select(StarAward, Star).join(Star, on=(StarAward.star == Star.id))
             .where(StarAward.household == household_id).order_by(StarAward.period.desc(), Star.sort_order))
    return [AwardRecord(a.star_id, a.period, a.star.name, a.star.color, a.awarded_on, users.get(a.awarded_by_id, ""),
                        a.withdrawn_at, users.get(a.withdrawn_by_id, ""), a.withdrawn_reason) for a in query]


@dataclass
class SummaryRow:
    village: str
    group: str  # "" for the village's total row
    households: int = 0
    starred: int = 0  # households holding at least one star
    stars: int = 0
    by_count: dict[int, int] = field(default_factory=dict)  # number of stars -> households
    by_star: dict[str, int] = field(default_factory=dict)  # star name -> households


def summary(*, actor: Actor, village_id: int | None = None, period: str | None = None) -> list[SummaryRow]:
    """Star counts per group and per village (a total row after each village's groups).

    With ``period`` the awards of that period (not withdrawn); without, the stars held now.
    """
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    households = (Household.select(Household.id, Village.name, Group.name)
                  .join(Village, on=(Household.village == Village.id))
                  .switch(Household).join(Group, on=(Household.group == Group.id))
                  .where(Household.status == Household.STATUS_ACTIVE)
                  .order_by(Village.code, Group.sort_order))
    if village_id is not None:
        households = households.where(Household.village == village_id)
    if period:
        awards = (StarAward.select(StarAward.household, Star.name).join(Star, on=(StarAward.star == Star.id))
                  .where(StarAward.period == evaluation_period(period).code, StarAward.withdrawn_at.is_null()))
        if village_id is not None:
            awards = awards.where(Star.village == village_id)
        pairs = list(awards.tuples())
    else:
        pairs = list(held_awards().select(StarAward.household, Star.name).tuples())
    held: dict[int, list[str]] = defaultdict(list)
    for hid, name in pairs:
        held[hid].append(name)
    rows: dict[tuple[str, str], SummaryRow] = {}
    for hid, village_name, group_name in households.tuples():
        names = held.get(hid, [])
        for key in ((village_name, group_name), (village_name, "")):
            row = rows.setdefault(key, SummaryRow(*key))
            row.households += 1
            row.starred += bool(names)
            row.stars += len(names)
            row.by_count[len(names)] = row.by_count.get(len(names), 0) + 1
            for name in names:
                row.by_star[name] = row.by_star.get(name, 0) + 1
    ordered: list[SummaryRow] = []
    for village_name in dict.fromkeys(k[0] for k in rows):
        ordered += [r for k, r in rows.items() if k[0] == village_name and k[1]]
        ordered.append(rows[(village_name, "")])
    return ordered


def awarded_households(*, village_id: int | None, period: str) -> list[tuple[Household, list[Star]]]:
    """Households with stars (not withdrawn) for a period, with their stars in scheme order: for prints."""
    code = evaluation_period(period).code
    query = (StarAward.select(StarAward, Star, Household)
             .join(Star, on=(StarAward.star == Star.id))
             .switch(StarAward).join(Household, on=(StarAward.household == Household.id))
             .where(StarAward.period == code, StarAward.withdrawn_at.is_null())
             .order_by(Household.village, Household.household_no, Star.sort_order, Star.id))
    if village_id is not None:
        query = query.where(Household.village == village_id)
    out: dict[int, tuple[Household, list[Star]]] = {}
    for award in query:
        out.setdefault(award.household_id, (award.household, []))[1].append(award.star)
    return list(out.values())
