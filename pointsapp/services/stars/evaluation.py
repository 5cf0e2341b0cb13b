"""评星: evaluating a village's households against its star scheme, and committee adjustments.

The evaluation reads only the ledger and the scheme, so the same ledger gives the same
proposals. Who is evaluated and on what:

- every ACTIVE household of the village (archived households are left out);
- earned points are the effective entries (reversals included, so a reversed entry counts
  nothing) whose ``occurred_on`` lies in the period (a year ``2026`` or a half ``2026-H1``);
- a household that joined during the period (``Household.joined_on``) is measured on what it
  actually earned since joining, against the same threshold: no pro-rating, because a star
  says what a household did. Its figures carry ``joined_on`` so the committee sees why and may
  include a star with a reason. A household that joined after the period is not evaluated;
- a veto entry (rule ``is_veto``, effective, not reversed) from 1 January of the period's
  year to the end of the period blocks every star whose criterion says ``no_veto``
  ("cannot be rated a star household that year").

Every (household, active star) pair gets a :class:`StarProposal`; ``qualified`` is what the
criterion says and ``included`` what the committee decided (they differ only with a reason).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from peewee import JOIN, Case, fn

from pointsapp.db.bulk import insert_rows
from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, Notice, Rule, Star, StarEvaluation,
    StarProposal, User, Village, database, now,
)
from pointsapp.services import audit, periods
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.services.stars import evaluation_list
from pointsapp.services.stars.evaluation_list import ProposedStars
from pointsapp.services.stars.scheme import Criterion, StarSpec, names_of_categories, stars_of
from pointsapp.text import domain_label, translate

STATUS_REPLACED = "replaced"  # a later run of the same village and period superseded it
STATUS_LABELS = {StarEvaluation.STATUS_DRAFT: "待公示", StarEvaluation.STATUS_NOTICE: "公示中",
                 StarEvaluation.STATUS_APPLIED: "已授星", STATUS_REPLACED: "已重评作废"}


def evaluation_period(text: str) -> Period:
    """A year ("2026") or a half-year ("2026-H1"); other periods are refused."""
    period = periods.parse(str(text))
    if period.code != str(period.year) and "-H" not in period.code:
        raise UserError(translate("services.stars", "评星按年度（如 2026）或半年（如 2026-H1）进行。"))
    return period


def period_order(code: str) -> tuple:
    """Sort key of evaluation periods, later is larger: any 2026 period is later than any 2025 one, and
    within a year "2026-H1" < "2026-H2" < "2026" (the whole year, ending last and covering most)."""
    period = periods.parse(str(code))
    return period.end, -period.start.toordinal()


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _deduction_expr():
    return Case(None, [((LedgerEntry.kind == EntryKind.DEDUCTION) |
                        ((LedgerEntry.kind == EntryKind.REVERSAL) & (LedgerEntry.points > 0)), LedgerEntry.points)], 0)


def _category_sums(village_id: int, period: Period) -> dict[int, dict[int, tuple[int, int]]]:
    """``{household: {category_id: (net points, net deductions ≤ 0)}}`` from effective earned entries."""
    query = (LedgerEntry
             .select(LedgerEntry.household, LedgerEntry.category, fn.SUM(LedgerEntry.points), fn.SUM(_deduction_expr()))
             .where(LedgerEntry.village == village_id, LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(period.start, period.end), LedgerEntry.earned == True)  # noqa: E712
             .group_by(LedgerEntry.household, LedgerEntry.category).tuples())
    out: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for household, category, points, deductions in query:
        out[household][category] = (int(points or 0), int(deductions or 0))
    return out


def veto_entries(village_id: int, start, end, household_id: int | None = None) -> dict[int, list[dict]]:
    """Effective, unreversed veto deductions between ``start`` and ``end``, per household."""
    reversal = LedgerEntry.alias("reversal")
    reversed_ids = reversal.select(reversal.reverses).where(
        reversal.reverses.is_null(False), reversal.status == EntryStatus.EFFECTIVE)
    query = (LedgerEntry
             .select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.occurred_on, LedgerEntry.points,
                     Rule.code, Rule.title)
             .join(Rule, on=(LedgerEntry.rule == Rule.id))
             .where(LedgerEntry.village == village_id, Rule.is_veto == True,  # noqa: E712
                    LedgerEntry.kind == EntryKind.DEDUCTION, LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(start, end), LedgerEntry.id.not_in(reversed_ids))
             .order_by(LedgerEntry.id))
    if household_id is not None:
        query = query.where(LedgerEntry.household == household_id)
    out: dict[int, list[dict]] = defaultdict(list)
    for entry_id, household, occurred_on, points, code, title in query.tuples():
        out[household].append({"id": entry_id, "rule": code, "title": title, "on": str(occurred_on),
                               "points": points})
    return out


def judge(criterion: Criterion, by_code: dict[str, tuple[int, int]], vetoes: list[dict],
          joined_on=None) -> tuple[bool, dict]:
    """Whether one household qualifies for one star, and the figures that say why."""
    codes = list(criterion.categories) or sorted(by_code)
    points = {c: by_code.get(c, (0, 0))[0] for c in codes}
    total = sum(points.values())
    figures: dict = {"points": points, "total": total, "min_points": criterion.min_points}
    ok = total >= criterion.min_points
    if criterion.no_deductions:
        deductions = {c: by_code[c][1] for c in codes if c in by_code and by_code[c][1] < 0}
        figures["no_deductions"] = True
        if deductions:
            figures["deductions"] = deductions
            ok = False
    if criterion.no_veto and vetoes:
        figures["vetoes"] = vetoes
        ok = False
    if joined_on is not None:
        figures["joined_on"] = str(joined_on)
    return ok, figures


def explain(figures: dict, category_names: dict[str, str] | None = None) -> str:
    """The figures of one proposal in one line (chosen language), e.g. "环境卫生 96 分（需 ≥ 100，差 4 分）"."""
    names = category_names or {}
    points = figures.get("points", {})
    parts = [translate("services.stars", "{0} {1} 分").format(names.get(c, c), p) for c, p in points.items()]
    text = translate("services.stars", "，").join(parts) or translate("services.stars", "无积分")
    if len(points) > 1:
        text += translate("services.stars", "，合计 {0} 分").format(figures.get('total', 0))
    gap = figures.get("min_points", 0) - figures.get("total", 0)
    text += translate("services.stars", "（需 ≥ {0}").format(figures.get('min_points', 0))
    text += translate("services.stars", "，差 {0} 分）").format(gap) if gap > 0 else translate("services.stars", "，达到）")
    for code, pts in figures.get("deductions", {}).items():
        text += translate("services.stars", "；{0}有扣分 {1} 分").format(names.get(code, code), pts)
    for v in figures.get("vetoes", []):
        text += translate("services.stars", "；一票否决：{0}（{1}，记录 #{2}）").format(v['title'], v['on'], v['id'])
    if figures.get("joined_on"):
        text += translate("services.stars", "；{0} 迁入，按迁入后实得积分评定").format(figures['joined_on'])
    return text


def compute(village_id: int, period: Period, stars: list[StarSpec]) -> list[dict]:
    """The proposal rows (without evaluation id) for every active household, deterministic."""
    cat_codes = dict(Category.select(Category.id, Category.code).where(Category.village == village_id).tuples())
    sums = _category_sums(village_id, period)
    vetoes = veto_entries(village_id, period.start.replace(month=1, day=1), period.end)
    households = (Household.select(Household.id, Household.joined_on)
                  .where(Household.village == village_id, Household.status == Household.STATUS_ACTIVE)
                  .order_by(Household.id).tuples())
    rows = []
    for hid, joined_on in households:
        if joined_on is not None and joined_on > period.end:
            continue
        by_code: dict[str, tuple[int, int]] = {}
        for cat_id, (pts, ded) in sums.get(hid, {}).items():
            code = cat_codes.get(cat_id)
            if code is not None:
                old = by_code.get(code, (0, 0))
                by_code[code] = (old[0] + pts, old[1] + ded)
        joined = joined_on if joined_on is not None and joined_on > period.start else None
        for star in stars:
            ok, figures = judge(star.criterion, by_code, vetoes.get(hid, []), joined)
            rows.append({"household": hid, "star": star.id, "qualified": ok, "included": ok,
                         "figures": _dumps(figures), "adjust_reason": ""})
    return rows


def evaluate(*, actor: Actor, village_id: int, period: str,
             progress: Callable[[str], None] = lambda _msg: None) -> StarEvaluation:
    """Run the evaluation of ``period`` for a village: a new draft with a proposal per household and star.

    An earlier evaluation of the same period that was not applied yet is marked replaced
    (with its adjustments: they were made on the old figures). An applied period is final.
    """
    require(actor, Permission.STARS_EVALUATE)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.stars", "找不到这个村。"))
    p = evaluation_period(period)
    stars = stars_of(village_id)
    if not stars:
        raise UserError(translate("services.stars", "{0}还没有启用的星级，请先在星级设置中添加。").format(village.name))
    earlier = list(StarEvaluation.select().where(StarEvaluation.village == village_id,
                                                 StarEvaluation.period == p.code,
                                                 StarEvaluation.status != STATUS_REPLACED))
    if any(e.status == StarEvaluation.STATUS_APPLIED for e in earlier):
        raise UserError(translate("services.stars", "{0}{1}的星级已经授予，不能重新评定。").format(village.name, p.label))
    progress(translate("services.stars", "{0}：正在按账本计算{1}积分…").format(village.name, p.label))
    rows = compute(village_id, p, stars)
    progress(translate("services.stars", "{0}：正在保存 {1} 条评星建议…").format(village.name, len(rows)))
    with database.obj.atomic():
        for old in earlier:
            old.status = STATUS_REPLACED
            old.save()
            if old.notice_id:
                Notice.update(closed_at=now()).where(Notice.id == old.notice_id).execute()
            audit.record(actor, "star_evaluation.replace", "star_evaluation", old.id, None, None)
        evaluation = StarEvaluation.create(village=village_id, period=p.code, created_by=actor.user_id)
        for row in rows:
            row["evaluation"] = evaluation.id
        insert_rows(StarProposal, rows)  # a township village has thousands: the bulk path
        qualified = sum(1 for r in rows if r["qualified"])
        audit.record(actor, "star_evaluation.create", "star_evaluation", evaluation.id, None,
                     {"village": village.name, "period": p.code, "proposals": len(rows), "qualified": qualified})
    return evaluation


@dataclass
class ProposalItem:
    star_id: int
    code: str
    name: str
    color: str
    qualified: bool
    included: bool
    figures_json: str  # the figures behind the proposal as stored: decoded (``figures``) only when explained
    adjusted_by: str = ""
    adjust_reason: str = ""

    @cached_property
    def figures(self) -> dict:
        return json.loads(self.figures_json or "{}")


@dataclass
class HouseholdProposals:
    household_id: int
    household_no: str
    head_name: str
    group: str
    items: list[ProposalItem] = field(default_factory=list)

    @property
    def included(self) -> list[ProposalItem]:
        return [i for i in self.items if i.included]

    @property
    def adjusted(self) -> bool:
        return any(i.adjust_reason for i in self.items)


def get_evaluation(evaluation_id: int) -> StarEvaluation:
    evaluation = StarEvaluation.get_or_none(StarEvaluation.id == evaluation_id)
    if evaluation is None:
        raise UserError(translate("services.stars", "找不到评星记录 #{0}。").format(evaluation_id))
    return evaluation


def latest_evaluation(village_id: int, period: str | None = None) -> StarEvaluation | None:
    query = StarEvaluation.select().where(StarEvaluation.village == village_id,
                                          StarEvaluation.status != STATUS_REPLACED)
    if period:
        query = query.where(StarEvaluation.period == evaluation_period(period).code)
    return query.order_by(StarEvaluation.id.desc()).first()


@dataclass(frozen=True)
class EvaluationView:
    """An evaluation as the star screen shows it: plain data, read on the database thread."""
    id: int
    village_id: int
    period: str
    status: str
    notice_days: int  # the village's notice period, for "公示 N 天？"
    notice_starts_on: dt.date | None = None  # the public notice, once published
    notice_ends_on: dt.date | None = None


@dataclass(frozen=True)
class ShownEvaluation:
    evaluation: EvaluationView | None  # None: the period has no evaluation yet
    rows: list[ProposedStars]  # a line per household; its proposals in full: proposals(..., household_id=…)
    category_names: dict[str, str]  # category code → name, for explaining the figures


def shown_evaluation(*, actor: Actor, village_id: int, period: str) -> ShownEvaluation:
    """The latest evaluation of a village and period with a line per household (the stars proposed, the
    committee's changes): what the star screen lists (``evaluation_list``)."""
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    names = names_of_categories(village_id)
    # the evaluation with its village's notice period and its notice's dates in one statement (each looked up
    # through its foreign key was a query more)
    query = (StarEvaluation
             .select(StarEvaluation.id, StarEvaluation.period, StarEvaluation.status, Village.notice_days,
                     Notice.starts_on, Notice.ends_on)
             .join(Village, on=(StarEvaluation.village == Village.id))
             .switch(StarEvaluation).join(Notice, JOIN.LEFT_OUTER, on=(StarEvaluation.notice == Notice.id))
             .where(StarEvaluation.village == village_id, StarEvaluation.status != STATUS_REPLACED))
    if period:  # as latest_evaluation reads it
        query = query.where(StarEvaluation.period == evaluation_period(period).code)
    found = query.order_by(StarEvaluation.id.desc()).tuples().first()
    if found is None:
        return ShownEvaluation(None, [], names)
    evaluation_id, code, status, notice_days, starts_on, ends_on = found
    view = EvaluationView(evaluation_id, village_id, code, status, notice_days, starts_on, ends_on)
    return ShownEvaluation(view, evaluation_list.listed(evaluation_id, village_id), names)


def proposals(*, actor: Actor, evaluation_id: int, household_id: int | None = None) -> list[HouseholdProposals]:
    """The proposals of an evaluation grouped per household, in group and household-number order."""
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    get_evaluation(evaluation_id)
    # four narrow reads put together here, not one join of every proposal with its household, group, star and
    # adjuster sorted by text: a village's 10,000 proposals repeat 1,000 households and ten stars (68 -> ~35 ms)
    mine = StarProposal.evaluation == evaluation_id
    if household_id is not None:
        mine &= StarProposal.household == household_id
    db = database.obj
    households = db.execute(
        Household.select(Household.id, Household.household_no, Household.head_name, Group.name)
        .join(Group, on=(Household.group == Group.id))
        .where(Household.id.in_(StarProposal.select(StarProposal.household).where(mine)))
        .order_by(Group.sort_order, Household.household_no)).fetchall()
    stars = {sid: (order, code, name, color) for sid, order, code, name, color in db.execute(
        Star.select(Star.id, Star.sort_order, Star.code, Star.name, Star.color)
        .where(Star.id.in_(StarProposal.select(StarProposal.star).where(mine)))).fetchall()}
    # straight from the cursor: peewee's per-value conversion was two thirds of reading a village's 10,000 proposals
    rows = db.execute(StarProposal.select(StarProposal.household, StarProposal.star, StarProposal.qualified,
                                          StarProposal.included, StarProposal.figures, StarProposal.adjusted_by,
                                          StarProposal.adjust_reason).where(mine)).fetchall()
    adjusted = sorted({r[5] for r in rows if r[5] is not None})
    adjusters = {uid: display or username or "" for uid, display, username in db.execute(
        User.select(User.id, User.display_name, User.username).where(User.id.in_(adjusted))).fetchall()
                 } if adjusted else {}
    items: dict[int, list] = defaultdict(list)
    for hid, star_id, qualified, included, figures, adjusted_by, reason in rows:
        order, code, name, color = stars[star_id]
        items[hid].append((order, star_id, ProposalItem(
            star_id, code, name, color, bool(qualified), bool(included), figures or "{}",
            adjusters.get(adjusted_by, "") if adjusted_by is not None else "", reason or "")))
    out: list[HouseholdProposals] = []
    for hid, no, head, group in households:
        found = items.get(hid)
        if found:
            found.sort(key=lambda item: (item[0], item[1]))
            out.append(HouseholdProposals(hid, no, head, group, [item for _o, _s, item in found]))
    return out


def adjust(*, actor: Actor, evaluation_id: int, household_id: int, star_id: int, include: bool,
           reason: str) -> StarProposal:
    """The committee includes or excludes one star for one household; the reason is mandatory."""
    require(actor, Permission.STARS_EVALUATE)
    reason = textnorm.free_text(reason, translate("services.evaluation", "原因"))
    if not reason:
        raise UserError(translate("services.stars", "调整评星结果必须填写原因。"))
    evaluation = get_evaluation(evaluation_id)
    if evaluation.status not in (StarEvaluation.STATUS_DRAFT, StarEvaluation.STATUS_NOTICE):
        raise UserError(translate("services.stars", "评星记录 #{0}{1}，不能再调整。").format(
            evaluation.id, domain_label(STATUS_LABELS.get(evaluation.status, ''))))
    proposal = StarProposal.get_or_none(StarProposal.evaluation == evaluation_id,
                                        StarProposal.household == household_id, StarProposal.star == star_id)
    if proposal is None:
        raise UserError(translate("services.stars", "这一户不在本次评星中，或本次评星没有这颗星。"))
    if proposal.included == bool(include):
        raise UserError(translate("services.stars", "这颗星已经是“{0}”，无需调整。").format(
            translate("services.stars", '授予') if include else translate("services.stars", '不授予')))
    old = {"included": proposal.included, "adjust_reason": proposal.adjust_reason}
    with database.obj.atomic():
        proposal.included = bool(include)
        proposal.adjusted_by = actor.user_id
        proposal.adjust_reason = reason
        proposal.save()
        audit.record(actor, "star_proposal.adjust", "star_proposal", proposal.id, old,
                     {"included": proposal.included, "adjust_reason": reason, "household": household_id,
                      "star": star_id, "evaluation": evaluation_id})
    return proposal
