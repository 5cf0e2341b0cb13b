"""The dashboard case (issue 13): the first page after sign-in, for the township and for one village.

App: ``services.dashboard.dashboard(actor=…, village_id=…, month=None)``, exactly as the dashboard page's
background task calls it. Baseline: the bare driver running the same figures' SQL (after migration 0005: the monthly sums,
the held stars of each village's current evaluation, migration 0006) and fetching the rows, no Python beyond that. Target: under a second, absolute (issue 13), and the ratio is reported.
"""
from __future__ import annotations

import datetime as dt

from bench.backends import Backend, signed_in_admin
from bench.timing import CaseResult, compare
from pointsapp import clock
from pointsapp.models import Village
from pointsapp.services import periods
from pointsapp.services.reports import dashboard

EARNED = "village_id IN ({v}) AND status = 'effective' AND occurred_on BETWEEN ? AND ? AND earned = TRUE"
AWARD = "CASE WHEN kind = 'award' OR (kind = 'reversal' AND points < 0) THEN points ELSE 0 END"
DEDUCTION = "CASE WHEN kind = 'deduction' OR (kind = 'reversal' AND points > 0) THEN -points ELSE 0 END"

GROUPS_SQL = f"""
SELECT v.id, v.name, g.id, g.name, COUNT(h.id), SUM(CASE WHEN ph.awards > 0 THEN 1 ELSE 0 END),
       SUM(COALESCE(ph.pts, 0))
FROM household h JOIN village_group g ON g.id = h.group_id JOIN village v ON v.id = g.village_id
LEFT JOIN (SELECT household_id AS hid, SUM(points) AS pts, SUM(CASE WHEN kind = 'award' THEN 1 ELSE 0 END) AS awards
           FROM ledger_entry WHERE {EARNED} GROUP BY household_id) ph ON ph.hid = h.id
WHERE h.village_id IN ({{v}}) AND h.status = 'active'
GROUP BY v.id, v.name, g.id, g.name, g.sort_order ORDER BY v.id, g.sort_order, g.name
"""
TOTALS_SQL = f"SELECT village_id, SUM({AWARD}), SUM({DEDUCTION}) FROM ledger_entry WHERE {EARNED} GROUP BY village_id"
# the monthly sums the database keeps (migration 0005), as the app reads them
CATEGORIES_SQL = "SELECT category_id, month, points FROM ledger_month WHERE village_id IN ({v}) AND month BETWEEN ? AND ?"
# stars held now (as ``rankings.held_awards_query``): the awards, not withdrawn, of each village's current
# star evaluation (``star_evaluation.is_current``, migration 0006), of active households
HELD = """star_award a JOIN star_evaluation e ON e.id = a.evaluation_id
JOIN household h ON h.id = a.household_id AND h.village_id = e.village_id
WHERE e.is_current = TRUE AND a.withdrawn_at IS NULL AND e.village_id IN ({v}) AND h.status = 'active'"""
STARS_SQL = f"""
SELECT s.name, s.sort_order, COUNT(p.hid) FROM star s
JOIN (SELECT a.household_id AS hid, a.star_id AS sid FROM {HELD}) p ON p.sid = s.id
GROUP BY s.name, s.sort_order ORDER BY s.sort_order, s.name
"""
STAR_HOUSEHOLDS_SQL = f"SELECT COUNT(DISTINCT a.household_id) FROM {HELD}"
REDEMPTIONS_SQL = """
SELECT h.village_id, COUNT(r.id), SUM(r.total_points) FROM redemption r JOIN household h ON h.id = r.household_id
WHERE r.status = 'done' AND r.created_at >= ? AND r.created_at < ? AND h.village_id + 0 IN ({v})
GROUP BY h.village_id
"""
STOCK_SQL = ("SELECT id, sku, name, stock, low_stock FROM product WHERE active = TRUE AND stock <= low_stock"
             " ORDER BY stock, name")


def baseline_figures(conn, village_ids: list[int], month: periods.Period, months: list[periods.Period]) -> list:
    """Every row the dashboard's figures come from, fetched with the bare driver."""
    v = ",".join("?" * len(village_ids))
    start, end = month.start.isoformat(), month.end.isoformat()
    day_after = dt.datetime.combine(month.end + dt.timedelta(days=1), dt.time.min)
    stamp = (lambda d: d) if conn.postgres else (lambda d: d.isoformat(" "))  # noqa: E731 - the app's stored text
    return [
        conn.execute(f"SELECT id FROM village WHERE id IN ({v}) ORDER BY id", village_ids).fetchall(),
        conn.execute(GROUPS_SQL.format(v=v), [*village_ids, start, end, *village_ids]).fetchall(),
        conn.execute(TOTALS_SQL.format(v=v), [*village_ids, start, end]).fetchall(),
        conn.execute(f"SELECT id, code, name, sort_order FROM category WHERE village_id IN ({v})",
                     village_ids).fetchall(),
        conn.execute(CATEGORIES_SQL.format(v=v), [*village_ids, months[0].code, months[-1].code]).fetchall(),
        conn.execute(STARS_SQL.format(v=v), village_ids).fetchall(),
        conn.execute(STAR_HOUSEHOLDS_SQL.format(v=v), village_ids).fetchall(),
        conn.execute(REDEMPTIONS_SQL.format(v=v), [stamp(dt.datetime.combine(month.start, dt.time.min)),
                                                   stamp(day_after), *village_ids]).fetchall(),
        conn.execute(STOCK_SQL).fetchall(),
    ]


def dashboard_cases(backend: Backend, rounds: int) -> list[CaseResult]:
    actor = signed_in_admin()
    month = periods.month(clock.today())
    months = dashboard.last_months(month)
    all_ids = [v for (v,) in Village.select(Village.id).order_by(Village.id).tuples()]
    village_id = all_ids[0]
    conn = backend.raw()
    out = []
    for label, vid, ids in (("whole township", None, all_ids), ("one village", village_id, [village_id])):
        out.append(compare(f"dashboard: {label}, this month{backend.suffix}",
                           lambda vid=vid: dashboard.dashboard(actor=actor, village_id=vid),
                           lambda ids=ids: baseline_figures(conn, ids, month, months),
                           target=None, target_value=1000.0, rounds=rounds, backend=backend.name,
                           note="absolute target 1 s (issue 13); ratio against the same SQL, bare driver"))
    conn.close()
    return out
