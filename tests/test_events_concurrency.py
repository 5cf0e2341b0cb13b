"""Two check-in stations at one event at the same moment (two clerks at the gate of a clean-up day), on a SQLite
file and on PostgreSQL: the last place of a capped event is taken once, a card scanned at both checks in once."""
from __future__ import annotations

import datetime as dt

from pointsapp.db import close_database, open_database
from pointsapp.models import EventAttendance
from pointsapp.services.auth import Role
from pointsapp.services.register import cards
from pointsapp.services.scoring import events
from tests.conftest import make_actor
from tests.scoring_helpers import household, make_village, rule
from tests.stations import race


def _station(db_target, event_id, payload, barrier, results):
    from pointsapp.errors import UserError
    from pointsapp.models import User
    from pointsapp.services.ops import users
    from pointsapp.services.scoring import events as event_service

    open_database(db_target)
    actor = users.actor_for(User.get(User.username == "luru"))
    barrier.wait()
    try:
        results.put(("ok", event_service.check_in(actor=actor, event_id=event_id, payload=payload).outcome))
    except UserError as exc:
        results.put(("refused", exc.message))
    finally:
        close_database()


def _event(admin, cap):
    village = make_village(admin, households=2)
    make_actor(Role.SCORER, "luru")
    ids = [household(village, n).id for n in (1, 2)]
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    event = events.create_event(actor=admin, village_id=village.id, title="志愿服务", held_on=dt.date(2026, 11, 20),
                                rule_id=rule(village, "PA01").id, cap=cap)
    return event.id, [issued[i].payload for i in ids]


def test_two_stations_taking_the_last_place_at_once_check_in_only_one(admin, db_target):
    event_id, (card1, card2) = _event(admin, cap=1)
    close_database()
    outcome = race(_station, db_target, [(event_id, card1), (event_id, card2)])
    open_database(db_target)
    assert [kind for kind, _ in outcome] == ["ok", "refused"], outcome
    assert "名额已满" in outcome[1][1]
    assert EventAttendance.select().count() == 1


def test_one_card_scanned_at_two_stations_at_once_checks_in_once(admin, db_target):
    event_id, (card1, _card2) = _event(admin, cap=None)
    close_database()
    outcome = race(_station, db_target, [(event_id, card1), (event_id, card1)])
    open_database(db_target)
    assert EventAttendance.select().count() == 1
    # the second either saw the first's check-in (已签到) or met its row at the same moment and wrote nothing
    assert ("ok", "new") in outcome and len([o for o in outcome if o == ("ok", "new")]) == 1, outcome
