"""Star awards for tests that need households holding stars without scoring a year for them."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import StarAward, StarEvaluation, now
from pointsapp.services.stars import awards as star_awards


def applied_evaluation(village_id: int, period: str, awards, admin_id: int,
                       awarded_on: dt.date | None = None) -> StarEvaluation:
    """An applied evaluation of ``period`` with ``awards`` (``(household, star)`` pairs), as ``star_awards.apply``
    leaves it: the awards point at it, and it becomes the village's current evaluation by the same rule
    (``star_awards.refresh_current``) only if its period is the latest applied."""
    evaluation = StarEvaluation.create(village=village_id, period=period, status=StarEvaluation.STATUS_APPLIED,
                                       created_by=admin_id, applied_at=now())
    for household, star in awards:
        StarAward.create(household=household, star=star, period=period, evaluation=evaluation,
                         awarded_on=awarded_on or dt.date(int(period[:4]), 12, 20), awarded_by=admin_id)
    star_awards.refresh_current(village_id)
    return StarEvaluation.get_by_id(evaluation.id)
