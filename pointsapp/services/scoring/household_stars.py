"""The stars each household holds, kept by the database (migration 0015) for the ranking and the household list.

Triggers count a household's stars again on every change to its awards, to the current flag of an evaluation it
has awards in, and to its village; this module proves the kept counts equal to the definition
(:func:`rankings.held_stars_query`, counted here afresh) for ``check``, and rebuilds them where rows were copied
with the triggers off.
"""
from __future__ import annotations

import importlib.util

from pointsapp.db.sql import cursor_rows
from pointsapp.models import HouseholdStars, database
from pointsapp.paths import migrations_dir


def kept() -> dict[int, int]:
    """household id → the stars it holds, as the triggers kept them (households holding none are absent)."""
    return dict(cursor_rows(HouseholdStars.select(HouseholdStars.household_id, HouseholdStars.stars)))


def differences() -> list[tuple[int, int, int]]:
    """Households whose kept count differs from the stars they hold: ``(household, kept, held)``."""
    from pointsapp.services.scoring.rankings import held_stars_query

    held, counted = kept(), {h: int(n) for h, n in cursor_rows(held_stars_query())}
    return [(h, held.get(h, 0), counted.get(h, 0)) for h in sorted(held.keys() | counted.keys())
            if held.get(h, 0) != counted.get(h, 0)]


def rebuild() -> None:
    """Count every household's stars again (one transaction), with the migration's own SQL."""
    spec = importlib.util.spec_from_file_location("pointsapp_migration_0015", migrations_dir() / "0015_ranking_sums.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with database.obj.atomic():
        HouseholdStars.delete().execute()
        database.obj.execute_sql(module.rebuild_stars_sql())
