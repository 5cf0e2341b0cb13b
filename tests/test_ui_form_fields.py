"""The household and evidence fields the entry form and the claims form share: who a typed number is, the form's
member list following it, a number no household has refused by name with nothing written, and the photo chosen
saved with the entry."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from pointsapp.models import Claim, LedgerEntry
from pointsapp.services.register.households import MemberData
from pointsapp.services.register.members import add_member
from tests.scoring_helpers import accept_next_message_box, household, make_village, rule
from tests.ui_helpers import ctx_of


def _forms(qtbot, admin):
    from pointsapp.ui.claims_tab import ClaimsTab
    from pointsapp.ui.entry_page import SingleEntryForm

    entry, claim = SingleEntryForm(ctx_of(admin)), ClaimsTab(ctx_of(admin))
    for form in (entry, claim):
        qtbot.addWidget(form)
    return entry, claim


def test_both_forms_name_the_household_typed_and_list_its_members(qtbot, admin):
    village = make_village(admin)
    h = household(village, 2)
    add_member(actor=admin, household_id=h.id, data=MemberData(name=h.head_name, relation="户主", is_head=True))
    add_member(actor=admin, household_id=h.id, data=MemberData(name="王小红", relation="女儿"))
    entry, claim = _forms(qtbot, admin)
    for form, members in ((entry, entry.member_box), (claim, claim.member)):
        qtbot.keyClicks(form.household.edit, "T1002")
        assert form.household.label.text() == f"{h.head_name}（1组）"
        assert members.count() == 3 and any("王小红" in members.itemText(i) for i in range(members.count()))
        form.household.edit.setText("T1")  # no such number (yet): nobody named, only the whole household
        assert form.household.label.text() == "" and members.count() == 1


def test_a_number_no_household_has_is_refused_by_name_and_nothing_is_written(qtbot, admin):
    village = make_village(admin)
    entry, claim = _forms(qtbot, admin)
    entry.household.edit.setText("T9999")
    entry.rule_box.setCurrentIndex(entry.rule_box.findData(rule(village, "PA03").id))
    seen = accept_next_message_box(QMessageBox.Ok)
    entry.save()
    claim.household.edit.setText("T8888")
    seen_claim = accept_next_message_box(QMessageBox.Ok)
    claim.save()
    assert seen == ["找不到户号“T9999”。"] and seen_claim == ["找不到户号“T8888”。"]
    assert LedgerEntry.select().count() == 0 and Claim.select().count() == 0


def test_the_entry_forms_evidence_photo_is_saved_with_the_entry_and_the_field_cleared(qtbot, admin, tmp_path):
    from PySide6.QtCore import Qt

    from pointsapp.services.scoring import entries

    village = make_village(admin)
    photo = tmp_path / "水渠.png"
    photo.write_bytes(b"\x89PNG the ditch, cleared")
    entry, claim = _forms(qtbot, admin)
    qtbot.keyClicks(entry.household.edit, "T1002")
    entry.rule_box.setCurrentIndex(entry.rule_box.findData(rule(village, "PA03").id))
    entry.evidence.set_paths([photo])
    assert entry.evidence.names.text() == "水渠.png"
    with qtbot.waitSignal(entry.ctx.hub.ledger_changed):
        qtbot.keyClick(entry.note_edit, Qt.Key_Return)
    [stored] = entries.evidence_of(LedgerEntry.get().id)
    assert bytes(stored.data) == photo.read_bytes() and stored.filename == "水渠.png" and stored.mime == "image/png"
    assert entry.evidence.paths == [] and entry.evidence.names.text() == "（可不选）"
