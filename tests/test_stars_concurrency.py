"""Two stations applying star evaluations of one village at the same moment take turns.

Each application marks the village's current evaluation (``star_evaluation.is_current``, at most one per
village by a partial unique index). Without ``star_awards.lock_village`` two PostgreSQL transactions would
each see no other applied evaluation, both mark themselves current, and the later commit would fail on the
index; on SQLite the write lock already makes them take turns. Both backends run this test.
"""
from __future__ import annotations

import datetime as dt

from pointsapp.db import close_database, open_database
from pointsapp.models import StarAward, StarEvaluation
from pointsapp.services.scoring import rankings
from pointsapp.services.stars import evaluation as stars
from tests.scoring_helpers import household, make_village
from tests.stations import race
from tests.test_stars_held import give


def _station(db_target, evaluation_id, barrier, results):
    """One committee PC in its own process: open the database, wait for the other, apply."""
    from pointsapp.services.stars import awards as star_awards
    from pointsapp.services.ops import users
    from pointsapp.errors import UserError

    open_database(db_target)
    actor = users.ensure_admin()
    barrier.wait()
    try:
        results.put(("ok", evaluation_id, star_awards.apply(actor=actor, evaluation_id=evaluation_id)))
    except UserError as exc:
        results.put((type(exc).__name__, evaluation_id, exc.message))
    except Exception as exc:  # an IntegrityError here is the failure this test is about
        results.put((type(exc).__name__, evaluation_id, str(exc)))
    finally:
        close_database()


def test_two_evaluations_applied_at_once_leave_the_later_period_current(admin, db_target):
    village = make_village(admin, households=3)
    h = household(village, 1)
    give(admin, h, "HY01", 20, dt.date(2025, 5, 10))
    give(admin, h, "HY01", 20, dt.date(2026, 5, 10))
    older = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    newer = stars.evaluate(actor=admin, village_id=village.id, period="2026")
    close_database()

    outcome = race(_station, db_target, [(older.id,), (newer.id,)])

    open_database(db_target)
    assert [kind for kind, _id, _n in outcome] == ["ok", "ok"], outcome
    assert {e.id: e.status for e in StarEvaluation.select()} == {
        older.id: StarEvaluation.STATUS_APPLIED, newer.id: StarEvaluation.STATUS_APPLIED}
    current = [e.id for e in StarEvaluation.select().where(StarEvaluation.is_current == True)]  # noqa: E712
    assert current == [newer.id]
    held_now = StarAward.select().where(StarAward.household == h.id, StarAward.period == "2026").count()
    assert held_now >= 1
    assert rankings.star_counts([h.id]) == {h.id: held_now}


def test_the_same_evaluation_applied_from_two_stations_awards_once(admin, db_target):
    village = make_village(admin, households=3)
    h = household(village, 1)
    give(admin, h, "HY01", 20, dt.date(2026, 5, 10))
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2026")
    close_database()

    outcome = race(_station, db_target, [(evaluation.id,), (evaluation.id,)])

    open_database(db_target)
    assert [kind for kind, _id, _n in outcome] == ["UserError", "ok"], outcome
    awarded = outcome[1][2]
    assert awarded >= 1
    assert StarAward.select().count() == awarded
    assert sum(rankings.star_counts(village_ids=[village.id]).values()) == awarded
    assert rankings.star_counts([h.id])[h.id] >= 1
