"""Step 6: each village's current star evaluation, so "stars held now" has one cheap definition.

A household holds the awards (not withdrawn) of its village's *current* evaluation: the latest APPLIED
``star_evaluation`` of the village, latest by period properly ordered (any 2026 period after any 2025 one;
within a year "2026-H1" < "2026-H2" < "2026"). Comparing periods as text put "2026-H1" after "2026", and
taking each household's own latest awarded period kept the 2025 stars of a household that the 2026
evaluation gave none.

- ``star_evaluation.is_current``: set here from the applied evaluations, then kept by the app when it
  applies an evaluation (a back-filled older period never becomes current).
- a partial unique index: at most one current evaluation per village, whatever two stations do at once.
- awards written without their evaluation (``evaluation_id`` NULL) are linked to the applied evaluation of
  their village and period, when there is one, so they count like the others.
"""
import re

from peewee import SqliteDatabase

_PERIOD = re.compile(r"^(\d{4})(?:-[Hh]([12]))?$")
CURRENT_INDEX = ('CREATE UNIQUE INDEX IF NOT EXISTS "star_evaluation_current_village_id" '
                 'ON "star_evaluation" ("village_id") WHERE is_current')
LINK_AWARDS = """
UPDATE star_award SET evaluation_id = (
    SELECT MIN(e.id) FROM star_evaluation e JOIN star s ON s.village_id = e.village_id
    WHERE s.id = star_award.star_id AND e.period = star_award.period AND e.status = 'applied')
WHERE evaluation_id IS NULL
"""


def period_order(code: str):
    """As ``pointsapp.services.stars.period_order`` for the periods an evaluation can have (year, half-year):
    year, then H1 < H2 < the whole year. None for anything else (never current)."""
    match = _PERIOD.match(code or "")
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 3)


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    if "is_current" not in {c.name for c in db.get_columns("star_evaluation")}:
        kind = "INTEGER NOT NULL DEFAULT 0" if sqlite else "BOOLEAN NOT NULL DEFAULT FALSE"
        db.execute_sql(f'ALTER TABLE "star_evaluation" ADD COLUMN "is_current" {kind}')
    db.execute_sql(LINK_AWARDS)
    best: dict[int, tuple] = {}  # village -> (order, id); equal periods: the first applied stays current
    rows = db.execute_sql("SELECT id, village_id, period FROM star_evaluation WHERE status = 'applied' ORDER BY id")
    for evaluation_id, village_id, period in rows.fetchall():
        order = period_order(period)
        if order is not None and (village_id not in best or order > best[village_id][0]):
            best[village_id] = (order, evaluation_id)
    db.execute_sql("UPDATE star_evaluation SET is_current = %s WHERE is_current" % ("0" if sqlite else "FALSE"))
    current = [evaluation_id for _order, evaluation_id in best.values()]
    for start in range(0, len(current), 500):
        chunk = current[start:start + 500]
        db.execute_sql("UPDATE star_evaluation SET is_current = %s WHERE id IN (%s)"
                       % ("1" if sqlite else "TRUE", ", ".join([db.param] * len(chunk))), chunk)
    db.execute_sql(CURRENT_INDEX)
