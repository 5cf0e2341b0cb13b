"""积分卡: a printed payload verifies; forged, altered, revoked and archived cards are refused with a reason."""
from __future__ import annotations

import pytest

from pointsapp.models import AuditLog, Card, Household, Village, now
from pointsapp.services.register import cards
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError


@pytest.fixture
def household(demo_db):
    return Household.select().order_by(Household.household_no).first()


@pytest.fixture
def issued(admin, household):
    return cards.issue_cards(actor=admin, household_ids=[household.id])[household.id].payload


def test_issued_card_verifies_and_names_its_household(admin, household, issued):
    check = cards.verify(issued)
    assert check.valid and check.reason == ""
    assert check.household_id == household.id and check.serial == 1
    info = cards.describe(actor=admin, payload=issued)
    assert info.valid
    assert (info.household_no, info.head_name, info.village) == (household.household_no, household.head_name,
                                                                 household.village.name)
    assert info.earned == household.balance_row.get().earned_total > 0


def test_payload_is_short_and_versioned(issued):
    prefix, village_code, household_no, serial, token = issued.split(":")
    assert prefix == "PA2" and serial == "1" and len(token) == cards.TOKEN_LENGTH
    assert len(issued) <= 29  # fits a version-2 QR (25 modules) at error correction Q


def test_forged_card_is_refused_and_nothing_changes(admin, household, issued):
    """A card made up for the household's own serial: right format, a token the office never printed."""
    before = (AuditLog.select().count(), Card.select().count())
    forged = cards.payload_for(household.village.code, household.household_no, 1, cards.new_token())
    check = cards.verify(forged)
    assert not check.valid and "伪造" in check.reason
    assert check.household_id is None
    assert (AuditLog.select().count(), Card.select().count()) == before


@pytest.mark.parametrize("change", ["household", "serial", "village", "mac"])
def test_altered_card_is_refused(admin, household, issued, change):
    other = Household.select().where(Household.id != household.id).first()
    cards.issue_cards(actor=admin, household_ids=[other.id])
    prefix, village_code, household_no, serial, mac = issued.split(":")
    altered = {
        "household": f"{prefix}:{village_code}:{other.household_no}:{serial}:{mac}",
        "serial": f"{prefix}:{village_code}:{household_no}:2:{mac}",
        "village": f"{prefix}:V99:{household_no}:{serial}:{mac}",
        "mac": f"{prefix}:{village_code}:{household_no}:{serial}:{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}",
    }[change]
    check = cards.verify(altered)
    assert not check.valid
    assert "改动" in check.reason or "伪造" in check.reason


@pytest.mark.parametrize("mangle", [str.swapcase, str.lower, lambda p: f" {p}\r\n", lambda p: p.replace(":", " : ")])
def test_a_card_read_with_caps_lock_or_stray_whitespace_verifies(admin, household, issued, mangle):
    check = cards.verify(mangle(issued))
    assert check.valid and check.household_id == household.id and check.serial == 1
    assert cards.describe(actor=admin, payload=mangle(issued)).head_name == household.head_name


def test_letter_case_does_not_make_a_forged_card_valid(admin, household, issued):
    prefix, village_code, household_no, serial, mac = issued.split(":")
    other = Household.select().where(Household.id != household.id).first()
    for payload in (f"{prefix}:{village_code.lower()}:{other.household_no}:{serial}:{mac.lower()}",
                    f"{prefix}:{village_code}:{household_no}:{serial}:{mac[:-1].lower()}{'z' if mac[-1] != 'Z' else 'y'}"):
        check = cards.verify(payload)
        assert not check.valid and "伪造" in check.reason


@pytest.mark.parametrize("payload", ["", "hello", "PA1:V01:01001", "https://example.com/PA1", "PA2:V01:01001:1:ABC"])
def test_unreadable_payloads_are_refused_with_a_reason(demo_db, payload):
    check = cards.verify(payload)
    assert not check.valid and check.reason


def test_reissue_raises_the_serial_and_revokes_the_old_card(admin, household, issued):
    new_card = cards.reissue(actor=admin, household_id=household.id, reason="卡片遗失")
    assert new_card.serial == 2
    old = cards.verify(issued)
    assert not old.valid and "挂失" in old.reason and old.household_id == household.id
    new = cards.verify(new_card.payload)
    assert new.valid and new.serial == 2
    third = cards.reissue(actor=admin, household_id=household.id, reason="卡片损坏")
    assert third.serial == 3 and not cards.verify(new_card.payload).valid and cards.verify(third.payload).valid
    revoked = Card.select().where(Card.household == household.id, Card.revoked_at.is_null(False)).count()
    assert revoked == 2
    assert AuditLog.select().where(AuditLog.action == "card.reissue").count() == 2


def test_reissue_without_reason_or_permission_changes_nothing(admin, household, issued, actor_of):
    with pytest.raises(UserError, match="原因"):
        cards.reissue(actor=admin, household_id=household.id, reason="  ")
    with pytest.raises(PermissionDenied):
        cards.reissue(actor=actor_of(Role.CASHIER), household_id=household.id, reason="卡片遗失")
    assert cards.verify(issued).valid
    assert Card.select().where(Card.household == household.id).count() == 1


def test_card_of_archived_household_is_refused(admin, household, issued):
    Household.update(status=Household.STATUS_ARCHIVED, archived_at=now()).where(
        Household.id == household.id).execute()
    check = cards.verify(issued)
    assert not check.valid and "归档" in check.reason
    with pytest.raises(UserError):
        cards.reissue(actor=admin, household_id=household.id, reason="卡片遗失")


def test_card_never_issued_is_refused(admin, household, issued):
    """A payload for a serial the office never issued is refused and names nobody."""
    check = cards.verify(cards.payload_for(household.village.code, household.household_no, 7, cards.new_token()))
    assert not check.valid and "伪造" in check.reason and check.household_id is None


def test_printing_issues_new_cards_and_replacing_cards_in_use_takes_the_right_to_reissue(admin, demo_db, actor_of):
    ids = [h.id for h in Household.select().order_by(Household.id)]
    first = cards.issue_cards(actor=admin, household_ids=ids)
    assert list(first) == ids and all(cards.verify(c.payload).valid for c in first.values())
    again = cards.issue_cards(actor=admin, household_ids=ids[:3])  # the sheet printed again: those cards anew
    assert [c.serial for c in again.values()] == [2, 2, 2]
    assert not cards.verify(first[ids[0]].payload).valid and cards.verify(first[ids[3]].payload).valid
    assert Card.select().where(Card.revoked_at.is_null()).count() == len(ids)
    assert AuditLog.select().where(AuditLog.action == "card.issue").count() == 2
    clerk = actor_of(Role.REVIEWER)  # may print, may not reissue
    with pytest.raises(PermissionDenied):
        cards.issue_cards(actor=clerk, household_ids=ids[:1])
    assert cards.verify(again[ids[0]].payload).valid


def test_a_copy_of_the_database_holds_nothing_that_makes_a_card(admin, household, issued, db_target):
    """What an insider with a backup finds: no secret, only one-way hashes of the payloads."""
    from pointsapp.models import Setting

    assert Setting.get_or_none(Setting.key == "card_secret") is None
    card = Card.get(Card.household == household.id)
    assert card.token_hash == cards.payload_hash(issued) and issued.split(":")[-1] not in card.token_hash
    if not db_target.startswith("postgresql"):
        from pointsapp.models import database

        database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = open(db_target, "rb").read()
        assert issued.split(":")[-1].encode() not in raw and issued.encode() not in raw


def test_an_administrator_revokes_every_card_of_a_village_at_once(admin, household, issued, actor_of):
    others = [h.id for h in Household.select().where(Household.id != household.id).limit(5)]
    more = cards.issue_cards(actor=admin, household_ids=others)
    with pytest.raises(PermissionDenied):
        cards.revoke_village(actor=actor_of(Role.CASHIER), village_id=household.village_id, reason="泄露")
    with pytest.raises(UserError, match="原因"):
        cards.revoke_village(actor=admin, village_id=household.village_id, reason=" ")
    assert cards.verify(issued).valid
    count = cards.revoke_village(actor=admin, village_id=household.village_id, reason="卡片照片被发到群里")
    assert count == 6
    assert not any(cards.verify(p).valid for p in [issued] + [c.payload for c in more.values()])
    assert "挂失" in cards.verify(issued).reason
    assert AuditLog.get(AuditLog.action == "card.revoke_village").entity_id == str(household.village_id)


def test_households_for_cards_by_number_needs_a_village_and_names_unknown_numbers(admin, household):
    village = Village.get_by_id(household.village_id)
    assert cards.households_for_cards(actor=admin, village_id=village.id,
                                      household_nos=[household.household_no]) == [household.id]
    with pytest.raises(UserError, match="99999"):
        cards.households_for_cards(actor=admin, village_id=village.id, household_nos=["99999"])
    with pytest.raises(UserError, match="村"):
        cards.households_for_cards(actor=admin, household_nos=[household.household_no])
