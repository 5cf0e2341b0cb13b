"""积分明细单: a household's entries in a period with running balances, who entered and approved each."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, HouseholdBalance, LedgerEntry, Rule, User, Village,
)
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.text import translate


@dataclass
class StatementLine:
    entry_id: int
    seq: int
    occurred_on: dt.date
    kind: str          # EntryKind value
    kind_label: str    # 加分, 扣分, 冲正 …
    category: str
    rule: str
    note: str
    points: int
    status: str        # EntryStatus value
    status_label: str
    counts: bool       # effective: included in the running balances
    earned_balance: int
    available_balance: int
    entered_by: str
    approved_by: str
    created_at: dt.datetime


@dataclass
class Statement:
    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    period: Period | None
    opening_earned: int
    opening_available: int
    lines: list[StatementLine] = field(default_factory=list)
    closing_earned: int = 0
    closing_available: int = 0
    chain_head: str = ""  # hash of the household's latest entry: proves the printed statement's ledger


def household_statement(*, actor: Actor, household_id: int, period: Period | None = None,
                        category_code: str | None = None) -> Statement:
    """Entries ordered as written (seq); balances run over effective entries only."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    household = (Household.select(Household, Village, Group).join(Village).switch(Household).join(Group)
                 .where(Household.id == household_id).first())
    if household is None:
        raise UserError(translate("services.statements", "找不到这一户。"))
    entered, approved = User.alias(), User.alias()
    query = (LedgerEntry
             .select(LedgerEntry, Category.name, Category.code, Rule.title, entered.display_name, entered.username,
                     approved.display_name, approved.username)
             .join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .switch(LedgerEntry).join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .switch(LedgerEntry).join(entered, on=(LedgerEntry.created_by == entered.id))
             .switch(LedgerEntry).join(approved, JOIN.LEFT_OUTER, on=(LedgerEntry.reviewed_by == approved.id))
             .where(LedgerEntry.household == household_id)
             .order_by(LedgerEntry.seq)
             .tuples())
    statement = Statement(household.id, household.household_no, household.head_name, household.village.name,
                          household.group.name, period, 0, 0)
    earned = available = 0
    fields = LedgerEntry._meta.sorted_fields
    for row in query:
        entry = dict(zip([f.name for f in fields], row[:len(fields)]))
        cat_name, cat_code, rule_title, e_disp, e_user, a_disp, a_user = row[len(fields):]
        if period is not None and entry["occurred_on"] > period.end:
            continue  # after the period: not part of this statement's balances
        counts = entry["status"] == EntryStatus.EFFECTIVE
        in_period = period is None or period.contains(entry["occurred_on"])
        if counts:
            available += entry["points"]
            if entry["earned"]:
                earned += entry["points"]
        if not in_period:
            if counts and period is not None and entry["occurred_on"] < period.start:
                statement.opening_earned, statement.opening_available = earned, available
            continue
        if category_code and cat_code != category_code:
            continue
        statement.lines.append(StatementLine(
            entry_id=entry["id"], seq=entry["seq"], occurred_on=entry["occurred_on"], kind=entry["kind"],
            kind_label=EntryKind.LABELS.get(entry["kind"], entry["kind"]), category=cat_name or "",
            rule=rule_title or "", note=entry["note"], points=entry["points"], status=entry["status"],
            status_label=EntryStatus.LABELS.get(entry["status"], entry["status"]), counts=counts,
            earned_balance=earned, available_balance=available, entered_by=e_disp or e_user or "",
            approved_by=(a_disp or a_user or "") if entry["reviewed_by"] else "", created_at=entry["created_at"]))
    statement.closing_earned, statement.closing_available = earned, available
    balance = HouseholdBalance.get_or_none(HouseholdBalance.household == household_id)
    statement.chain_head = balance.last_hash if balance else ""
    return statement


def rejected(line: StatementLine) -> bool:
    """The entry was refused at review (printed in red, outside the balances)."""
    return line.status == EntryStatus.REJECTED
