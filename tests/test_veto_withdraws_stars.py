"""A veto deduction that takes effect through the scoring workflow withdraws the household's stars (摘星)."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import AuditLog, Star, StarAward, Village
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import review
from pointsapp.services.auth import Role
from tests.scoring_helpers import household, make_village, rule
from tests.star_helpers import applied_evaluation


def _award_all_stars(admin, village, h) -> int:
    stars = list(Star.select().where(Star.village == village))
    applied_evaluation(village.id, "2025", [(h, star) for star in stars], admin.user_id)
    return len(stars)


def _held(h) -> int:
    return StarAward.select().where(StarAward.household == h, StarAward.withdrawn_at.is_null()).count()


def test_a_veto_entered_in_a_simple_village_withdraws_the_stars_at_once(admin):
    village = make_village(admin)
    h = household(village, 1)
    assert _award_all_stars(admin, village, h) == 10
    entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "PA01").id)
    assert _held(h) == 10  # an ordinary entry changes nothing
    entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "LW03").id, note="违法建设")
    assert _held(h) == 0
    assert AuditLog.select().where(AuditLog.action == "star_award.withdraw").count() == 10


def test_in_a_reviewed_village_stars_go_only_when_the_veto_takes_effect(admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    h = household(village, 1)
    _award_all_stars(admin, village, h)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    veto = entries.add_entry(actor=scorer, household_id=h.id, rule_id=rule(village, "LW03").id, note="违法建设")
    review.review(actor=reviewer, entry_ids=[veto.id], approve=True)
    review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 1))
    assert _held(h) == 10  # entered, reviewed, on notice: not yet effective
    review.close_notices(actor=reviewer, village_id=village.id, today=dt.date(2026, 11, 30))
    assert _held(h) == 0


def test_the_household_list_shows_the_stars_held_now(admin):
    from pointsapp.services.register.household_list import list_households

    village = make_village(admin)
    h = household(village, 1)
    _award_all_stars(admin, village, h)

    def shown():
        return {row.household_no: row.stars for row in list_households(actor=admin, village_id=village.id)}

    assert shown()[h.household_no] == 10 and shown()[household(village, 2).household_no] == 0
    entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "LW03").id, note="违法建设")
    assert shown()[h.household_no] == 0
