"""The stars each household holds, kept by the database (migration 0015), always equal what its awards say
(``rankings.held_stars_query``); tests/test_stars_held.py follows them through evaluations and withdrawals."""
from __future__ import annotations

import datetime as dt

from pointsapp import demo
from pointsapp.models import Household, HouseholdStars, StarAward, StarEvaluation, StarProposal, Village
from pointsapp.services.ops import check
from pointsapp.services.scoring import household_stars
from pointsapp.services.scoring.rankings import star_counts
from tests.scoring_helpers import kept_in_a_copy_equals_the_source

TODAY = dt.date(2026, 11, 23)


def starred_household() -> Household:
    return Household.get_by_id(min(household_stars.kept()))


def test_the_demos_held_stars_are_kept_and_follow_a_household_that_moves_village(db):
    demo.generate(households=30, villages=2, years=2, seed=6, today=TODAY)
    kept = household_stars.kept()
    assert kept == star_counts() and len(kept) > 5 and household_stars.differences() == []
    h = starred_household()
    other = Village.select().where(Village.id != h.village_id).first()
    group = other.groups.first()
    Household.update(village=other.id, group=group.id, household_no="M" + h.household_no).where(
        Household.id == h.id).execute()
    assert h.id not in household_stars.kept()  # its old village's evaluation gives it nothing in the new one
    Household.update(village=h.village_id, group=h.group_id, household_no=h.household_no).where(
        Household.id == h.id).execute()
    assert household_stars.kept()[h.id] == kept[h.id]
    assert household_stars.differences() == []


def test_awards_and_evaluations_deleted_take_their_stars_along(db):
    demo.generate(households=20, villages=1, years=2, seed=8, today=TODAY)
    h = starred_household()
    StarAward.delete().where(StarAward.household == h.id).execute()
    assert h.id not in household_stars.kept() and household_stars.differences() == []
    current = StarEvaluation.get(StarEvaluation.is_current == True)  # noqa: E712
    StarEvaluation.update(is_current=False).where(StarEvaluation.id == current.id).execute()
    assert household_stars.kept() == {} == star_counts()  # no current evaluation: nobody holds a star
    StarEvaluation.update(is_current=True).where(StarEvaluation.id == current.id).execute()
    assert household_stars.kept() == star_counts() != {}
    StarAward.delete().execute()
    StarProposal.delete().execute()
    StarEvaluation.delete().execute()
    assert household_stars.kept() == {} and household_stars.differences() == []


def test_a_copy_to_another_database_counts_the_stars_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, household_stars.kept, star_counts, today=TODAY)


def test_check_names_a_household_whose_kept_stars_are_wrong(db):
    demo.generate(households=20, villages=1, years=1, seed=9, today=TODAY)
    assert check.run_checks() == []
    h = starred_household()
    HouseholdStars.update(stars=HouseholdStars.stars + 2).where(HouseholdStars.household_id == h.id).execute()
    problems = check.run_checks()
    assert len(problems) == 1 and f"户 #{h.id}" in problems[0] and "星数" in problems[0], problems
    household_stars.rebuild()
    assert check.run_checks() == []
    unstarred = Household.create(village=h.village_id, group=h.group_id, household_no="09999", head_name="新户")
    HouseholdStars.insert(household_id=unstarred.id, stars=1).execute()  # a count for a household holding none
    problems = check.run_checks()
    assert len(problems) == 1 and f"户 #{unstarred.id} 记录的星数 1 与它持有的星级 0 不符" in problems[0]
