"""黑榜摘星: the village rule "N black-board entries in a year withdraw a household's stars".

Applied on request (the committee decides when: usually after the month's 红黑榜 is posted), through the same
withdrawal as every other 摘星 (``awards._withdraw_rows``: one audit row per star, with the reason). Running it
twice withdraws nothing more: only stars still held are taken. The count is the black board's own
(``scoring.boards.black_counts``): effective deductions not reversed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp import clock
from pointsapp.db import settings, write_transaction
from pointsapp.errors import UserError
from pointsapp.models import Household, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.scoring.boards import black_counts, black_entries
from pointsapp.services.stars.awards import _withdraw_rows, held_awards
from pointsapp.text import translate


@dataclass(frozen=True)
class BlackBoardWithdrawal:
    household_id: int
    household_no: str
    head_name: str
    entries: int       # black-board entries in the year
    stars: list[str]   # the stars withdrawn (names)
    reason: str


def limit(*, actor: Actor) -> int:
    """The village rule's N (the ``black_board_limit`` setting); 0: the rule is not used."""
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_APPLY)
    return _limit()


def _limit() -> int:
    return max(0, int(settings.get("black_board_limit") or 0))


def reason_text(year: int, count: int, n: int, rules: list[str]) -> str:
    """The reason kept with the withdrawal: in Chinese, as the veto's (it is the village's public record)."""
    listed = "、".join(dict.fromkeys(r for r in rules if r))
    return f"{year}年上黑榜 {count} 次（满 {n} 次摘星）：{listed}"


def withdraw_for_black_board(*, actor: Actor, village_id: int, year: int | None = None,
                             until: dt.date | None = None) -> list[BlackBoardWithdrawal]:
    """摘星 for every household of the village with at least N black-board entries in ``year`` (this year by
    default, counted up to ``until``/today): each star it holds is withdrawn with the reason naming the
    count and the rules. Returns what was withdrawn; households holding no star are passed over."""
    require(actor, Permission.STARS_APPLY)
    n = _limit()
    if n <= 0:
        raise UserError(translate("services.black_board", "没有设置“一年内上黑榜几次即摘星”，请先在常规设置里填写次数。"))
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.black_board", "找不到这个村。"))
    today = until or clock.today()
    year = year or today.year
    end = min(today, dt.date(year, 12, 31))
    counts = {hid: c for hid, c in black_counts(village_ids=[village.id], year=year, until=end).items() if c >= n}
    if not counts:
        return []
    rules: dict[int, list[str]] = {}
    for entry in black_entries(village_ids=[village.id], start=dt.date(year, 1, 1), end=end):
        rules.setdefault(entry.household_id, []).append(entry.rule)
    out: list[BlackBoardWithdrawal] = []
    with write_transaction():
        held: dict[int, list] = {}
        for award in held_awards(list(counts)):
            held.setdefault(award.household_id, []).append(award)
        names = dict(Household.select(Household.id, Household.household_no).where(
            Household.id.in_(list(held))).tuples()) if held else {}
        heads = dict(Household.select(Household.id, Household.head_name).where(
            Household.id.in_(list(held))).tuples()) if held else {}
        for hid in sorted(held, key=lambda h: names.get(h, "")):
            reason = reason_text(year, counts[hid], n, rules.get(hid, []))
            awards = _withdraw_rows(actor, held[hid], reason)
            out.append(BlackBoardWithdrawal(hid, names[hid], heads[hid], counts[hid],
                                            [a.star.name for a in awards], reason))
    return out
