"""A household with points over three years, stars and a black-board entry, for the certificate tests."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import Household, Member, Rule, Star
from pointsapp.services.scoring.entries import add_entry
from tests.scoring_helpers import make_village
from tests.star_helpers import applied_evaluation


def credit_village(admin, *, head_name: str = "欧阳娜娜娜", code: str = "V01", name: str = "幸福村"):
    """Household 1 of ``code``: awards in each of the last three years, one deduction this year, two stars."""
    from pointsapp import clock

    village = make_village(admin, households=3, code=code, name=name)
    household = Household.get(Household.village == village, Household.household_no == f"{code}001")
    Household.update(head_name=head_name).where(Household.id == household.id).execute()
    Member.create(household=household, name=head_name, relation="户主", is_head=True, id_number="11010519491231002X")
    award = Rule.select().where(Rule.village == village, Rule.points > 0).order_by(Rule.points.desc()).first()
    deduction = Rule.select().where(Rule.village == village, Rule.points < 0, Rule.is_veto == False).first()
    today = clock.today()
    for back in (2, 1, 0):
        day = dt.date(today.year - back, 3, 5) if back else today
        add_entry(actor=admin, household_id=household.id, rule_id=award.id, occurred_on=day, today=today)
    add_entry(actor=admin, household_id=household.id, rule_id=deduction.id, occurred_on=today, today=today)
    stars = list(Star.select().where(Star.village == village).order_by(Star.sort_order).limit(2))
    if stars:
        applied_evaluation(village.id, str(today.year - 1), [(household, s) for s in stars], admin.user_id)
    return village, Household.get_by_id(household.id), award, deduction
