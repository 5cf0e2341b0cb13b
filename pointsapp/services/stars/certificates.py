"""证书: who receives a certificate for a year, and what it says.

When the village has star awards for the year (星级文明户, from the star evaluation),
every awarded household gets one, naming its stars. A village without awards for the
year falls back to its top-ranked households by earned points (积分先进户).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pointsapp import clock
from pointsapp.models import Group, Household, Star, StarAward, Village
from pointsapp.services import periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.scoring.rankings import ranking
from pointsapp.text import translate

BASIS_STARS = "stars"
BASIS_RANKING = "ranking"


@dataclass(frozen=True)
class CertificateData:
    number: str               # 证书编号, e.g. V01-2026-01001
    basis: str                # BASIS_STARS or BASIS_RANKING
    year: int
    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    committee: str            # who awards it: 桃园村村民委员会
    issued_on: dt.date
    stars: list[str] = field(default_factory=list)  # star names, in scheme order
    rank: int | None = None
    points: int | None = None

    @property
    def honour(self) -> str:
        """The title awarded, as printed: 五星级文明户, or 积分先进户 on the ranking basis."""
        if self.basis == BASIS_STARS:
            # the English uses the digits ({1})
            return translate("services.certificates", "{0}星级文明户").format(_numeral(len(self.stars)), len(self.stars))
        return translate("services.certificates", "积分先进户")


def _numeral(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if 0 <= n <= 10 else str(n)


def _committee(village: Village) -> str:
    return translate("services.certificates", "{0}村民委员会").format(village.name)


def _year_periods(year: int) -> list[str]:
    return [str(year), f"{year}-H1", f"{year}-H2"]


def certificates(*, actor: Actor, year: int, village_id: int | None = None, top: int = 10,
                 issued_on: dt.date | None = None) -> list[CertificateData]:
    """One certificate per household, for one village or all villages, in household-number order."""
    require(actor, Permission.PRINT)
    if not 2000 <= year <= 2100:
        raise UserError(translate("services.certificates", "年份“{0}”不对。").format(year))
    villages = list(Village.select().order_by(Village.code))
    if village_id is not None:
        villages = [v for v in villages if v.id == village_id]
        if not villages:
            raise UserError(translate("services.certificates", "找不到这个村。"))
    out: list[CertificateData] = []
    for village in villages:
        awarded = _from_awards(village, year, issued_on)
        out.extend(awarded if awarded else _from_ranking(actor, village, year, top, issued_on))
    return out


def _from_awards(village: Village, year: int, issued_on: dt.date | None) -> list[CertificateData]:
    query = (StarAward.select(StarAward.awarded_on, Star.id, Star.name, Star.sort_order, Household.id,
                              Household.household_no, Household.head_name, Group.name)
             .join(Star, on=(StarAward.star == Star.id))
             .switch(StarAward).join(Household, on=(StarAward.household == Household.id))
             .join(Group, on=(Household.group == Group.id))
             .where(Household.village == village.id, StarAward.period.in_(_year_periods(year)),
                    StarAward.withdrawn_at.is_null(), Household.status == Household.STATUS_ACTIVE)
             .order_by(Household.household_no, Star.sort_order, Star.code)
             .tuples())
    by_household: dict[int, dict] = {}
    for awarded_on, star_id, star_name, _order, hid, no, head, group in query:
        item = by_household.setdefault(hid, {"no": no, "head": head, "group": group, "stars": {}, "on": awarded_on})
        item["stars"].setdefault(star_id, star_name)
        item["on"] = max(item["on"], awarded_on)
    return [
        CertificateData(f"{village.code}-{year}-{item['no']}", BASIS_STARS, year, hid, item["no"], item["head"],
                        village.name, item["group"], _committee(village), issued_on or item["on"],
                        list(item["stars"].values()))
        for hid, item in by_household.items()
    ]


def _from_ranking(actor: Actor, village: Village, year: int, top: int, issued_on: dt.date | None
                  ) -> list[CertificateData]:
    board = ranking(actor=actor, period=periods.year(year), village_id=village.id)
    rows = [r for r in board.rows if r.total > 0 and r.rank <= top]
    rows.sort(key=lambda r: (r.rank, r.household_no))
    return [
        CertificateData(f"{village.code}-{year}-{r.household_no}", BASIS_RANKING, year, r.household_id,
                        r.household_no, r.head_name, village.name, r.group, _committee(village),
                        issued_on or clock.today(), [], r.rank, r.total)
        for r in rows
    ]
