"""The stars a household holds now: the awards, not withdrawn, of its village's CURRENT star evaluation.

The current evaluation is the village's latest applied one by period (any 2026 period after any 2025 one;
"2026-H1" < "2026-H2" < "2026"), kept by ``star_awards.apply``. Every screen that shows stars agrees:
rankings, the household list, the cashier (card scan and shopper), card verification, star summaries,
the dashboard and the reports.
"""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from peewee import IntegrityError

from pointsapp.db import close_database, open_database
from pointsapp.db.connection import make_database
from pointsapp.db.migrate import current_version, latest_version, migrate, steps
from pointsapp.models import (
    AuditLog, Household, Rule, Star, StarAward, StarEvaluation, StarProposal, Village, database,
)
from pointsapp.services.register import cards
from pointsapp.services.reports import dashboard
from pointsapp.services import periods
from pointsapp.services.scoring import household_stars, rankings
from pointsapp.services.shop import redemption
from pointsapp.services.reports import monthly as reports
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import evaluation as stars
from pointsapp.services.ops import users
from pointsapp.services.register.household_list import list_households
from pointsapp.services.scoring.ledger import EntryDraft, append
from tests.scoring_helpers import household, make_village
from tests.star_helpers import applied_evaluation

_names = iter(range(1, 10**9))


def give(admin, h, code: str, times: int, day: dt.date) -> None:
    rule = Rule.get(Rule.village == h.village_id, Rule.code == code)
    append([EntryDraft(household_id=h.id, village_id=h.village_id, kind="award", points=rule.points,
                       occurred_on=day, rule_id=rule.id, category_id=rule.category_id) for _ in range(times)],
           created_by=admin.user_id)


def run(admin, village, period: str, *, without=()) -> StarEvaluation:
    """Evaluate ``period`` and apply it (a simple village needs no notice); the committee drops every star of
    the households in ``without``."""
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period=period)
    for h in without:
        for proposal in StarProposal.select().where(StarProposal.evaluation == evaluation.id,
                                                    StarProposal.household == h.id,
                                                    StarProposal.included == True):  # noqa: E712
            stars.adjust(actor=admin, evaluation_id=evaluation.id, household_id=h.id, star_id=proposal.star_id,
                         include=False, reason="村民代表会议评议未通过")
    star_awards.apply(actor=admin, evaluation_id=evaluation.id)
    return StarEvaluation.get_by_id(evaluation.id)


def included(evaluation: StarEvaluation, h) -> int:
    return (StarProposal.select().where(StarProposal.evaluation == evaluation.id, StarProposal.household == h.id,
                                        StarProposal.included == True).count())  # noqa: E712


def current(village) -> list[str]:
    return [e.period for e in StarEvaluation.select().where(StarEvaluation.village == village.id,
                                                            StarEvaluation.is_current == True)]  # noqa: E712


def shown(admin, village, h) -> dict[str, int]:
    """The stars of ``h`` on every screen that shows them."""
    issued = cards.issue_cards(actor=admin, household_ids=[h.id])[h.id]
    payload = issued.payload
    return {
        "rankings": rankings.star_counts([h.id]).get(h.id, 0),
        "ranking of the village": rankings.star_counts(village_ids=[village.id]).get(h.id, 0),
        "household list": {r.id: r.stars for r in list_households(actor=admin)}[h.id],
        "household list of the village": {r.id: r.stars for r in list_households(actor=admin,
                                                                                  village_id=village.id)}[h.id],
        "cashier scan": redemption.read_card(actor=admin, payload=payload).stars,
        "cashier shopper": redemption.shopper(actor=admin, household_id=h.id).stars,
        "card verification": cards.describe(actor=admin, payload=payload).stars,
        "card face": cards.card_faces(actor=admin, issued=[issued])[0].stars,
        "star summary": star_awards.star_summary([h.id])[h.id][0],
        "held awards": len(list(star_awards.held_awards([h.id]))),
        # the count the database keeps (migration 0015), which the ranking and the household list read
        "kept count": household_stars.kept().get(h.id, 0),
        "ranking page": {r.household_id: r.stars for r in rankings.ranking(
            actor=admin, period=periods.parse("2026"), village_id=village.id).rows}[h.id],
    }


def village_totals(admin, village) -> dict[str, tuple[int, int]]:
    """(stars, households holding any) of the whole village, as each summary counts them."""
    counts = rankings.star_counts(village_ids=[village.id])
    per_star, starred = dashboard.held_stars([village.id])
    [total] = [r for r in star_awards.summary(actor=admin, village_id=village.id) if r.group == ""]
    return {
        "rankings": (sum(counts.values()), sum(1 for n in counts.values() if n)),
        "dashboard": (sum(n for _name, n in per_star), starred),
        "star summary": (total.stars, total.starred),
        "reports": (sum(counts.values()), reports._star_households_by_village([village.id]).get(village.id, 0)),
    }


def assert_everywhere(admin, village, h, expected: int) -> None:
    assert shown(admin, village, h) == {name: expected for name in shown(admin, village, h)}
    assert household_stars.differences() == []  # every household's kept count, not only h's
    totals = village_totals(admin, village)
    assert len(set(totals.values())) == 1, totals


@pytest.fixture
def village(admin):
    return make_village(admin, households=3)


def test_a_household_the_new_evaluation_gave_no_star_holds_none(admin, village):
    h, other = household(village, 1), household(village, 2)
    give(admin, h, "HY01", 20, dt.date(2025, 5, 10))
    give(admin, other, "HY01", 20, dt.date(2026, 5, 10))
    last_year = run(admin, village, "2025")
    assert included(last_year, h) >= 1
    assert_everywhere(admin, village, h, included(last_year, h))

    this_year = run(admin, village, "2026", without=[h])
    assert current(village) == ["2026"]
    assert included(this_year, h) == 0 < included(this_year, other)
    assert_everywhere(admin, village, h, 0)  # the 2025 plaque came down
    assert_everywhere(admin, village, other, included(this_year, other))
    # the 2025 awards are history, still there and not withdrawn
    assert StarAward.select().where(StarAward.household == h.id, StarAward.period == "2025",
                                    StarAward.withdrawn_at.is_null()).count() == included(last_year, h)


def test_a_household_whose_current_stars_were_all_withdrawn_holds_none_not_last_years(admin, village):
    h = household(village, 1)
    give(admin, h, "HY01", 20, dt.date(2025, 5, 10))
    give(admin, h, "HY01", 20, dt.date(2026, 5, 10))
    run(admin, village, "2025")
    this_year = run(admin, village, "2026")
    held = included(this_year, h)
    assert held >= 1
    assert_everywhere(admin, village, h, held)
    for award in StarAward.select().where(StarAward.household == h.id, StarAward.period == "2026"):
        star_awards.withdraw(actor=admin, household_id=h.id, star_id=award.star_id, reason="群众举报属实")
    assert_everywhere(admin, village, h, 0)  # the cashier used to fall back to the 2025 stars
    assert StarAward.select().where(StarAward.household == h.id, StarAward.period == "2025",
                                    StarAward.withdrawn_at.is_null()).count() >= 1


def test_periods_are_ordered_by_time_not_as_text():
    order = ["2024", "2025-H1", "2025-H2", "2025", "2026-H1", "2026-H2", "2026"]
    assert sorted(reversed(order), key=stars.period_order) == order
    assert sorted(order, key=stars.period_order) == order
    # the migration orders the same way
    step = next(s for s in steps() if s.number == 6)
    module = step.load().__globals__
    assert sorted(reversed(order), key=module["period_order"]) == order


def test_the_whole_year_after_its_first_half_becomes_current_a_later_half_does_not(admin, village):
    h = household(village, 1)
    give(admin, h, "HY01", 20, dt.date(2026, 3, 1))  # first half only: the second half gives no clean star
    first_half = run(admin, village, "2026-H1")
    assert current(village) == ["2026-H1"]
    assert_everywhere(admin, village, h, included(first_half, h))

    year = run(admin, village, "2026", without=[h])
    assert current(village) == ["2026"]  # as text, "2026-H1" > "2026"
    assert_everywhere(admin, village, h, 0)

    second_half = run(admin, village, "2026-H2")
    assert included(second_half, h) >= 1
    assert current(village) == ["2026"]  # the whole year covers the second half and ends with it
    assert_everywhere(admin, village, h, 0)
    assert year.id == StarEvaluation.get(StarEvaluation.is_current == True).id  # noqa: E712


def test_a_back_filled_older_evaluation_does_not_become_current(admin, village):
    h = household(village, 1)
    give(admin, h, "HY01", 20, dt.date(2024, 5, 1))
    recent = run(admin, village, "2025", without=[h])
    old = run(admin, village, "2024")
    assert included(old, h) >= 1
    assert current(village) == ["2025"]
    assert_everywhere(admin, village, h, 0)
    logged = [json.loads(row.new_value) for row in AuditLog.select().where(AuditLog.action == "star_evaluation.apply")
              .order_by(AuditLog.id)]
    assert [(v["period"], v["current"]) for v in logged] == [("2025", True), ("2024", False)]
    assert recent.is_current


def test_one_village_has_at_most_one_current_evaluation(admin, village):
    other = make_village(admin, code="T2", name="邻村", households=1)
    first = applied_evaluation(village.id, "2025", [], admin.user_id)
    second = applied_evaluation(village.id, "2026", [], admin.user_id)
    theirs = applied_evaluation(other.id, "2025", [], admin.user_id)
    assert not StarEvaluation.get_by_id(first.id).is_current and second.is_current and theirs.is_current
    with pytest.raises(IntegrityError):
        with database.obj.atomic():
            StarEvaluation.update(is_current=True).where(StarEvaluation.id == first.id).execute()
    draft = StarEvaluation.create(village=village.id, period="2027", created_by=admin.user_id)
    with pytest.raises(IntegrityError):
        with database.obj.atomic():
            StarEvaluation.update(is_current=True).where(StarEvaluation.id == draft.id).execute()
    assert sorted(current(village) + current(other)) == ["2025", "2026"]


def test_the_current_evaluation_column_matches_the_model(db):
    columns = {c.name: c for c in db.get_columns("star_evaluation")}
    assert not columns["is_current"].null
    assert columns["is_current"].data_type.lower() in ({"integer"} if db.param == "?" else {"boolean"})
    indexes = {i.name: i for i in db.get_indexes("star_evaluation")}
    assert indexes["star_evaluation_current_village_id"].unique


# --- the migration's back-fill -------------------------------------------------------------------------------

@pytest.fixture
def step5_target(backend, db_path, request):
    """An empty database at schema step 5 (before ``is_current``), not yet bound: its target."""
    if backend == "sqlite":
        target, name = str(db_path), None
    else:
        server = request.getfixturevalue("pg_server")
        if not server.url:
            pytest.skip(server.reason)
        name = f"pointsapp_step5_{os.getpid()}_{next(_names)}"
        target = server.create_database(name)
    old = make_database(target)
    old.connect()
    assert migrate(old, target=5) == 5
    database.initialize(old)
    yield target
    close_database()
    if name:
        request.getfixturevalue("pg_server").drop_database(name)


def _old_evaluation(village, period: str, status: str, admin_id: int) -> int:
    """A star_evaluation row as the step-5 schema has it (today's model knows ``is_current``)."""
    db = database.obj
    db.execute_sql("INSERT INTO star_evaluation (village_id, period, status, created_by_id, created_at, applied_at) "
                   "VALUES (%s, %s, %s, %s, %s, %s)" % ((db.param,) * 6),
                   (village.id, period, status, admin_id, "2026-01-01 08:00:00",
                    "2026-01-02 08:00:00" if status == "applied" else None))
    return db.execute_sql("SELECT MAX(id) FROM star_evaluation").fetchone()[0]


def _old_awards(h, period: str, evaluation_id: int | None, admin_id: int, count: int, withdrawn: int = 0) -> None:
    for n, star in enumerate(Star.select().where(Star.village == h.village_id).order_by(Star.sort_order)[:count]):
        StarAward.create(household=h, star=star, period=period, evaluation=evaluation_id,
                         awarded_on=dt.date(int(period[:4]), 12, 20), awarded_by=admin_id,
                         withdrawn_at=dt.datetime(2026, 3, 1) if n < withdrawn else None,
                         withdrawn_by=admin_id if n < withdrawn else None)


def test_the_migration_marks_each_villages_latest_applied_evaluation_current(step5_target):
    admin = users.ensure_admin()
    a = make_village(admin, code="A1", name="甲村", households=3)
    b = make_village(admin, code="B1", name="乙村", households=2)
    c = make_village(admin, code="C1", name="丙村", households=1)
    uid = admin.user_id
    a1, a2, a3 = (household(a, n) for n in (1, 2, 3))
    b1, b2 = household(b, 1), household(b, 2)
    c1 = household(c, 1)

    # 甲村: 2025, then 2026-H1, then the whole of 2026 (as text "2026-H1" is the latest), a draft 2027,
    # a replaced run of 2026, and 2024 applied last (back-filled)
    e2025 = _old_evaluation(a, "2025", "applied", uid)
    e2026h1 = _old_evaluation(a, "2026-H1", "applied", uid)
    _old_evaluation(a, "2026", "replaced", uid)
    e2026 = _old_evaluation(a, "2026", "applied", uid)
    _old_evaluation(a, "2027", "draft", uid)
    e2024 = _old_evaluation(a, "2024", "applied", uid)
    _old_awards(a1, "2025", e2025, uid, 3)  # nothing in 2026: holds none
    _old_awards(a1, "2026-H1", e2026h1, uid, 2)
    _old_awards(a1, "2024", e2024, uid, 5)
    _old_awards(a2, "2026", e2026, uid, 4, withdrawn=1)  # holds 3
    _old_awards(a3, "2026", e2026, uid, 2, withdrawn=2)  # all withdrawn: none
    _old_awards(a3, "2025", e2025, uid, 4)
    # 乙村: 2025 and 2026-H2; the 2026-H2 awards were written without their evaluation
    e_b2025 = _old_evaluation(b, "2025", "applied", uid)
    e_b2026h2 = _old_evaluation(b, "2026-H2", "applied", uid)
    _old_awards(b1, "2026-H2", None, uid, 2)
    _old_awards(b2, "2025", e_b2025, uid, 1)
    # 丙村: awards but no evaluation at all
    _old_awards(c1, "2025", None, uid, 2)
    close_database()

    open_database(step5_target)  # start-up applies step 6
    try:
        assert current_version(database.obj) == latest_version() >= 6
        assert {e.village_id: e.id for e in StarEvaluation.select().where(StarEvaluation.is_current == True)} == {  # noqa: E712
            a.id: e2026, b.id: e_b2026h2}
        assert StarAward.select().where(StarAward.evaluation == e_b2026h2).count() == 2  # linked
        assert StarAward.select().where(StarAward.household == c1.id, StarAward.evaluation.is_null()).count() == 2
        expected = {a1: 0, a2: 3, a3: 0, b1: 2, b2: 0, c1: 0}
        admin = users.ensure_admin()
        for h, count in expected.items():
            assert_everywhere(admin, h.village, h, count)

        # the step is idempotent: running it again changes nothing
        before = list(StarEvaluation.select(StarEvaluation.id, StarEvaluation.is_current)
                      .order_by(StarEvaluation.id).tuples())
        with database.obj.atomic():
            next(s for s in steps() if s.number == 6).load()(database.obj)
        assert list(StarEvaluation.select(StarEvaluation.id, StarEvaluation.is_current)
                    .order_by(StarEvaluation.id).tuples()) == before

        # and the app keeps it from there: applying 2027 in 乙村 makes it current there only
        village_b = Village.get_by_id(b.id)
        applied_evaluation(village_b.id, "2027", [(b2, Star.select().where(Star.village == b.id).first())], uid)
        assert current(village_b) == ["2027"] and current(a) == ["2026"]
        assert_everywhere(admin, village_b, b1, 0)
        assert_everywhere(admin, village_b, b2, 1)
    finally:
        close_database()


def test_the_benchmark_baselines_count_the_same_stars_as_the_app(admin, village):
    from bench import cases, cases_dashboard

    other = make_village(admin, code="T2", name="邻村", households=2)
    h, kept = household(village, 1), household(village, 2)
    give(admin, h, "HY01", 20, dt.date(2025, 5, 10))
    give(admin, kept, "HY01", 20, dt.date(2026, 5, 10))
    run(admin, village, "2025")
    run(admin, village, "2026", without=[h])
    run(admin, other, "2026-H1")
    applied_evaluation(other.id, "2025", [(household(other, 1), Star.get(Star.village == other.id))], admin.user_id)
    ids = [village.id, other.id]
    db = database.obj

    def sql(text: str, params) -> list[tuple]:
        return [tuple(r) for r in db.execute_sql(text.replace("?", db.param), params).fetchall()]

    class Raw:  # what cases.ranking_sql asks of its connection
        execute = staticmethod(lambda text, params=(): db.execute_sql(text.replace("?", db.param), params))

    marks = ", ".join("?" * len(ids))
    counts = rankings.star_counts(village_ids=ids)
    ranked = sql(cases.ranking_sql(Raw, ids), ["2026-01-01", "2026-12-31"])
    assert counts and {row[0]: row[7] for row in ranked if row[7]} == counts
    per_star, starred = dashboard.held_stars(ids)
    assert [(name, n) for name, _order, n in sql(cases_dashboard.STARS_SQL.format(v=marks), ids)] == per_star
    assert sql(cases_dashboard.STAR_HOUSEHOLDS_SQL.format(v=marks), ids) == [(starred,)]
    for hh in Household.select().where(Household.village.in_(ids)):
        _prefix, code, number, serial, _mac = cards.issue_cards(actor=admin, household_ids=[hh.id])[hh.id].payload.split(":")
        [row] = sql(cases.CARD_SQL, (int(serial), code, number))
        assert row[-1] == counts.get(hh.id, 0)
