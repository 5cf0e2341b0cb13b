"""The household page as a user meets it: 30,000 households filtered and sorted, the form, the import dialog."""
from __future__ import annotations

from pointsapp.services.changes import Changes

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from pointsapp.models import Household, Member
from pointsapp.services.register import households
from pointsapp.services.register import idnumber
from pointsapp.services.register import textnorm
from pointsapp.services.register import choices, villages
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.household_model import Column, HouseholdListModel, PreparedRows
from pointsapp.ui.signals import ChangeHub
from tests.bulk_households import insert_households

SAMPLE = str(Path(__file__).parent / "data" / "roster-sample.xlsx")


def ctx_for(actor) -> UiContext:
    application()
    return UiContext(actor=actor, hub=ChangeHub(), db_description="test")


def press_on_next_message_box(qtbot, seen: list | None = None):
    """Answer the next message box the way a user would: read it, click its accept button."""
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        if seen is not None:
            seen.append(box.text())
        for b in box.buttons():
            if box.buttonRole(b) in (QMessageBox.AcceptRole, QMessageBox.YesRole):
                b.click()
                return
        box.accept()

    QTimer.singleShot(50, answer)


def shown(model: HouseholdListModel, column: Column = Column.NUMBER) -> list:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


@pytest.fixture
def township(admin):
    village = villages.create_village(actor=admin, name="桃园村", code="TY", with_defaults=False)
    insert_households(village, 30000, seed=3)
    return village


def test_thirty_thousand_households_filter_and_sort_to_the_right_rows(qtbot, admin, township):
    from PySide6.QtWidgets import QTableView

    application()
    model = HouseholdListModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_rows(PreparedRows.of(households.list_households(actor=admin, include_archived=True)))
    assert model.total == 30000
    assert model.rowCount() == 30000 - 600  # every 50th is archived and hidden by default

    # typing a phone number one key at a time narrows to the right households
    for typed in ("1", "13", "130", "1300001", "13000012", "130000123"):
        model.set_filter(typed)
    expected = {f"{n:05d}" for n in range(12300, 12400) if n % 50}
    assert set(shown(model)) == expected and len(shown(model)) == len(expected)
    model.set_filter("13000012345")
    assert shown(model) == ["12345"]

    # a surname, checked against the database itself
    model.set_filter("曾")
    in_db = {no for no, in Household.select(Household.household_no).where(
        Household.head_name.contains("曾"), Household.status == "active").tuples()}
    in_db |= {h.household_no for h in Household.select().join(Member).where(
        Member.name.contains("曾"), Household.status == "active")}
    assert set(shown(model)) == in_db and in_db

    # pinyin initials of one household's head find it
    target = Household.get(Household.household_no == "20001")
    model.set_filter(textnorm.name_initials(target.head_name) + " 20001")
    assert "20001" in shown(model)

    # archived ones appear when asked for
    model.set_filter("", show_archived=True)
    assert model.rowCount() == 30000
    model.set_filter("13000012350")
    assert shown(model) == ["12350"] and model.data(model.index(0, Column.STATUS)) == "已归档"

    # sort by head name in pinyin order: 袁 (yuan) < 曾 (zeng, as a surname) < 张 (zhang)
    model.set_filter("", show_archived=False)
    view.sortByColumn(Column.HEAD, Qt.AscendingOrder)
    names = shown(model, Column.HEAD)
    keys = [textnorm.name_sort_key(n) for n in names]
    assert keys == sorted(keys)
    last_yuan = max(i for i, n in enumerate(names) if n.startswith("袁"))
    zeng = [i for i, n in enumerate(names) if n.startswith("曾")]
    first_zhang = min(i for i, n in enumerate(names) if n.startswith("张"))
    assert last_yuan < min(zeng) and max(zeng) < first_zhang

    view.sortByColumn(Column.NUMBER, Qt.DescendingOrder)
    assert shown(model)[:2] == ["29999", "29998"]
    model.set_filter("张")
    numbers = shown(model)
    assert numbers and numbers == sorted(numbers, reverse=True)

    # the list never shows a full ID number or phone number
    model.set_filter("13000012345")
    assert model.data(model.index(0, Column.ID_NUMBER)).count("*") == 10
    assert model.data(model.index(0, Column.PHONE)) == "130****2345"


def test_the_page_searches_on_each_keystroke_and_shows_archived_on_request(qtbot, demo_db):
    from pointsapp.services.ops import users
    from pointsapp.ui.households_page import HouseholdsPage

    admin = users.ensure_admin()
    page = HouseholdsPage(ctx_for(admin))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 60, timeout=10000)
    first = Household.select().order_by(Household.household_no).first()
    households.archive_household(actor=admin, household_id=first.id)
    page.ctx.hub.broadcast(Changes.HOUSEHOLDS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 59, timeout=10000)
    qtbot.keyClicks(page.search, first.household_no)
    assert page.model.rowCount() == 0
    page.show_archived.setChecked(True)
    assert shown(page.model) == [first.household_no]
    assert page.archive_button.text().startswith("恢复")
    page.search.clear()
    assert page.model.rowCount() == 60
    assert page.count_label.text() == "60 / 60 户"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "0101")
    qtbot.keyClick(page.search, Qt.Key_Down)
    assert page.table.hasFocus() and page.selected_id() == page.model.household_id(0)


def test_editing_a_household_in_the_form_saves_members_and_refreshes_the_list(qtbot, demo_db):
    from pointsapp.services.ops import users
    from pointsapp.ui.household_dialog import HouseholdDialog
    from pointsapp.ui.households_page import HouseholdsPage
    from pointsapp.ui.member_model import MemberColumn

    admin = users.ensure_admin()
    ctx = ctx_for(admin)
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.total == 60, timeout=10000)
    household = Household.select().order_by(Household.household_no).first()
    dialog = HouseholdDialog(ctx, household_id=household.id)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "积分明细"
    try:
        from pointsapp.ui.household_ledger_view import HouseholdLedgerView
    except ModuleNotFoundError:  # built by another feature; until then the tab says so
        assert isinstance(dialog.tabs.widget(1), QLabel) and "尚未包含" in dialog.tabs.widget(1).text()
    else:
        assert isinstance(dialog.tabs.widget(1), HouseholdLedgerView)
    dialog.address.setText("桃园村1组88号")
    dialog.tag_boxes["军属"].setChecked(True)
    row = dialog.members.add()
    born = dt.date(2010, 6, 1)
    number = idnumber.make("610124", born, 778)
    dialog.members.setData(dialog.members.index(row, MemberColumn.NAME), "张 小 满")
    dialog.members.setData(dialog.members.index(row, MemberColumn.RELATION), "孙女")
    dialog.members.setData(dialog.members.index(row, MemberColumn.ID_NUMBER), number)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    h = Household.get_by_id(household.id)
    assert h.address == "桃园村1组88号" and "军属" in households.tag_names(h.id)
    added = Member.get(Member.id_number == number)
    assert added.name == "张小满" and added.household_id == h.id and added.sex == "女"
    qtbot.waitUntil(lambda: "zxm" in page.model.household_at(page.model.row_of(h.id)).search_key, timeout=10000)


def test_a_bad_id_number_in_the_form_is_refused_and_nothing_changes(qtbot, demo_db):
    from pointsapp.services.ops import users
    from pointsapp.ui.household_dialog import HouseholdDialog
    from pointsapp.ui.member_model import MemberColumn

    admin = users.ensure_admin()
    household = Household.select().order_by(Household.household_no).first()
    before = Member.select().where(Member.household == household).count()
    dialog = HouseholdDialog(ctx_for(admin), household_id=household.id)
    qtbot.addWidget(dialog)
    row = dialog.members.add()
    dialog.members.setData(dialog.members.index(row, MemberColumn.NAME), "错号")
    dialog.members.setData(dialog.members.index(row, MemberColumn.ID_NUMBER), "610124201006017781")
    assert dialog.members.problem(row, MemberColumn.ID_NUMBER)
    errors: list[str] = []
    press_on_next_message_box(qtbot, errors)
    dialog.save()
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "错号" in errors[0] and "身份证" in errors[0]
    assert Member.select().where(Member.household == household).count() == before


def test_import_dialog_checks_then_imports_the_sample_roster(qtbot, admin):
    from pointsapp.ui.import_dialog import ImportDialog

    ctx = ctx_for(admin)
    changed = []
    ctx.hub.households_changed.connect(lambda: changed.append(1))
    dialog = ImportDialog(ctx, path=SAMPLE)
    qtbot.addWidget(dialog)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
    assert dialog.faults.rowCount() == 0 and dialog.import_button.isEnabled()
    assert "40 户" in dialog.summary.text() and Household.select().count() == 0
    press_on_next_message_box(qtbot)   # 确认导入
    dialog.run_import()
    press_on_next_message_box(qtbot)   # 导入完成
    qtbot.waitUntil(lambda: dialog.result is not None and bool(changed), timeout=15000)
    assert Household.select().count() == 40 and Member.select().count() == 143


def test_import_dialog_lists_faults_by_row_and_keeps_import_disabled(qtbot, admin, tmp_path):
    from tests.test_roster_import import faulty_people, write_roster
    from pointsapp.ui.import_dialog import ImportDialog

    bad = write_roster(tmp_path / "bad.xlsx", faulty_people())
    dialog = ImportDialog(ctx_for(admin), path=str(bad))
    qtbot.addWidget(dialog)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
    rows = [dialog.faults.data(dialog.faults.index(r, 0)) for r in range(dialog.faults.rowCount())]
    assert "第 5 行" in rows and "第 9 行" in rows and "第 11 行" in rows
    assert not dialog.import_button.isEnabled()
    assert Household.select().count() == 0


def test_villages_dialog_shows_groups_with_their_household_counts(qtbot, demo_db):
    from pointsapp.services.ops import users
    from pointsapp.ui.villages_dialog import VillagesDialog

    admin = users.ensure_admin()
    village = choices.villages(actor=admin)[0]
    villages.save_grid(actor=admin, village_id=village.id, name="东片网格", keeper="李网格")
    dialog = VillagesDialog(ctx_for(admin))
    qtbot.addWidget(dialog)
    groups = [dialog.groups.item(i).text() for i in range(dialog.groups.count())]
    total = sum(int(t.split("（")[1].split(" ")[0]) for t in groups)
    assert total == Household.select().count() == 60
    assert dialog.grids.item(0).text() == "东片网格（0 户，网格员 李网格）"


def test_column_mapping_dialog_offers_the_header_cells_and_returns_the_choice(qtbot):
    from pointsapp.ui.column_mapping_dialog import ColumnMappingDialog

    application()
    rows = [(1, ["花名册"]), (2, ["编号", "人员", "关系", "证件号"]), (3, ["0001", "张三丰", "户主", "x"])]
    dialog = ColumnMappingDialog(rows, 2, None)
    qtbot.addWidget(dialog)
    assert dialog.combos["relation"].currentData() == 2  # 关系 is a known header
    assert dialog.combos["name"].currentData() is None
    dialog.combos["household_no"].setCurrentIndex(dialog.combos["household_no"].findData(0))
    dialog.combos["name"].setCurrentIndex(dialog.combos["name"].findData(1))
    assert "人员" in dialog.combos["name"].currentText()
    assert dialog.columns() == {"household_no": 0, "name": 1, "relation": 2}


def test_a_new_household_is_entered_with_the_keyboard_in_the_form(qtbot, demo_db):
    from pointsapp.services.ops import users
    from pointsapp.ui.household_dialog import HouseholdDialog
    from pointsapp.ui.member_model import MemberColumn

    admin = users.ensure_admin()
    dialog = HouseholdDialog(ctx_for(admin))
    qtbot.addWidget(dialog)
    dialog.show()
    number = dialog.number.text()
    assert number and not Household.select().where(Household.household_no == number).exists()
    head_id = idnumber.make("610124", dt.date(1966, 6, 6), 555)
    dialog.members.setData(dialog.members.index(0, MemberColumn.NAME), "张三丰")
    dialog.members.setData(dialog.members.index(0, MemberColumn.ID_NUMBER), head_id)
    dialog.members.setData(dialog.members.index(0, MemberColumn.PHONE), "１３８ 0000 5555")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    h = Household.get(Household.household_no == number)
    assert h.head_name == "张三丰" and h.phone == "13800005555" and h.group.name == "1组"
    assert [r.household_no for r in households.list_households(actor=admin, search="zsf")] == [number]
