"""Signing in at the window unlocks the user's signing key for the session: what they write is signed."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from pointsapp import clock
from pointsapp.errors import UserError
from pointsapp.models import LedgerEntry, SigningKey
from pointsapp.services.ops import check, users
from pointsapp.services.scoring import ledger
from pointsapp.services.signing import keys
from tests.scoring_helpers import household, make_village
from tests.test_ui_signin import _dialog, _type


def _award(village, actor):
    h = household(village, 1)
    [entry_id] = ledger.append([ledger.EntryDraft(household_id=h.id, village_id=village.id, kind="award", points=5,
                                                  occurred_on=clock.today())], created_by=actor.user_id)
    return entry_id


def test_the_first_password_at_the_window_makes_the_root_key_and_a_later_sign_in_unlocks_it(qtbot, db, monkeypatch):
    users.ensure_admin()
    dialog = _dialog(qtbot)
    _type(qtbot, dialog.first_form.new, "village-1")
    _type(qtbot, dialog.first_form.confirm, "village-1")
    assert dialog.result() == QDialog.Accepted
    admin = dialog.actor
    root = keys.root_key()
    assert root.user_id == admin.user_id and root.encrypted_private.startswith("scrypt$")
    village = make_village(admin)
    monkeypatch.setattr(keys, "provision_missing", None)  # only what the window unlocks
    keys.KEYRING.clear()  # the program closed: nothing stays unlocked
    with pytest.raises(UserError, match="签名密钥没有解锁"):
        _award(village, admin)
    dialog = _dialog(qtbot)
    dialog.username.setEditText("admin")
    _type(qtbot, dialog.password, "village-1")
    assert dialog.result() == QDialog.Accepted
    entry_id = _award(village, dialog.actor)
    assert LedgerEntry.get_by_id(entry_id).signed_write is not None
    assert SigningKey.select().count() == 1  # the same key, not a new one
    assert check.run_checks() == []
