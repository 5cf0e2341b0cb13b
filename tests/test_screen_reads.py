"""What a screen reads, it reads through a service that takes the signed-in actor and hands back plain data
(issue 20): no peewee model reaches a screen, where touching one of its foreign keys would run a query on the
UI thread behind the database worker's back.

Every function of the services a screen calls is read from the source (tests/screen_calls.py). Writes are the
services' own business (``services.changes.WRITES``, run through ``run_op``); every other function either takes
``actor`` or is named below with the reason it needs none."""
from __future__ import annotations

import inspect
import re

from peewee import Model

from pointsapp import models
from pointsapp.services import changes
from tests.screen_calls import ScreenCall, calls

# before anyone has signed in: the sign-in form, the start-up check and the connection settings
BEFORE_SIGN_IN = {
    "ops.users.sign_in", "ops.users.has_users", "ops.users.needs_first_password", "ops.users.set_first_password",
    "ops.users.ensure_admin", "ops.session.usernames_for_sign_in", "ops.session.language",
    "ops.recovery.check_target", "ops.recovery.candidate_backups",
    "db.connection.open_database", "db.connection.close_database", "db.connection.resolve_target",
    "db.connection.describe", "db.connection.test_connection", "db.station.load", "db.station.save",
    "db.station.password_for", "db.station.credential_store_available",
}
# the backup folder's files, not the database's rows (the backup tab itself is shown to administrators only)
BACKUP_FILES = {"ops.backup.backup_folder", "ops.backup.backups_of", "ops.backup.current_target",
                "ops.backup.verify", "ops.backup.carry_out", "ops.backup.plan_auto_backup"}
# errors on their way to a message box
ERRORS = {"db.connection.friendly_db_errors", "db.connection.explain_database_error",
          "db.connection.drop_dead_connection", "ops.session.is_database_error"}
# work on values the screen already holds: formatting, parsing, checking a typed value, a file the user chose
PURE = {
    "changes.of", "periods.month", "periods.parse", "register.household_list.mask_phone",
    "register.household_list.search_terms", "register.household_form.member_problems",
    "register.household_form.normalise_member", "register.idnumber.is_valid", "register.idnumber.problem",
    "register.idnumber.sex", "register.roster_columns.field_of", "register.roster_columns.tags",
    "register.roster_columns.text", "register.roster_read.parse", "register.roster_read.read_rows",
    "register.textnorm.phone_problem", "reports.monthly.export_xlsx", "scoring.rankings.stars_text",
    "shop.redemption.new_token", "stars.evaluation.evaluation_period", "stars.evaluation.explain",
    "shop.money.yuan", "shop.money.parse_yuan", "shop.household_limits.period_label",
    "scoring.inspection_sheet.short_title",
}
NOT_YET: set[str] = set()  # a read named here would be let through both rules, with a reason written beside it
NEEDS_NO_ACTOR = BEFORE_SIGN_IN | BACKUP_FILES | ERRORS | PURE | NOT_YET

MODEL_NAMES = sorted(name for name in dir(models)
                     if isinstance(getattr(models, name), type) and issubclass(getattr(models, name), Model))
A_MODEL = re.compile(r"\b(" + "|".join(MODEL_NAMES) + r")\b")


def _reads(found: list[ScreenCall]) -> dict[str, ScreenCall]:
    return {c.name: c for c in found if c.name not in changes.WRITES}


def without_actor(found: list[ScreenCall]) -> list[str]:
    return sorted(f"{name} ({call.screen})" for name, call in _reads(found).items()
                  if "actor" not in inspect.signature(call.function).parameters and name not in NEEDS_NO_ACTOR)


def handing_models(found: list[ScreenCall]) -> list[str]:
    out = []
    for name, call in _reads(found).items():
        returned = inspect.signature(call.function).return_annotation
        if name not in NOT_YET and A_MODEL.search(returned if isinstance(returned, str) else str(returned)):
            out.append(f"{name} → {returned} ({call.screen})")
    return sorted(out)


SCREEN_CALLS = calls()


def test_the_screens_call_the_services_this_test_reads():
    names = {c.name for c in SCREEN_CALLS}
    assert {"register.choices.villages", "scoring.entry_lines.awaiting_review", "stars.evaluation.shown_evaluation",
            "register.villages.places"} <= names


def test_every_read_of_a_screen_takes_the_actor():
    assert without_actor(SCREEN_CALLS) == []


def test_no_read_of_a_screen_hands_it_a_model():
    assert handing_models(SCREEN_CALLS) == []


def test_the_reasons_name_only_functions_the_screens_still_call():
    """A name left here after its call went would let a new call of that name pass unread."""
    assert NEEDS_NO_ACTOR - {c.name for c in SCREEN_CALLS} == set()


def test_the_rules_would_catch_an_actorless_read_and_a_model():
    def groups_of(village_id: int) -> list[models.Group]:  # the shape villages.groups_of had
        raise AssertionError("only read, never run")

    groups_of.__module__ = "pointsapp.services.register.villages"
    found = [ScreenCall("villages_dialog.py", groups_of)]
    assert without_actor(found) == ["register.villages.groups_of (villages_dialog.py)"]
    assert handing_models(found) == ["register.villages.groups_of → list[models.Group] (villages_dialog.py)"]
