"""A form built a row at a time (ui/form_rows.py): each field stands in the row of the label that names it, set up
as asked, in the order asked; a dialog built with it shows the same rows as one built by hand."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox


def _rows(form: QFormLayout) -> list[tuple[str, object]]:
    out = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.LabelRole)
        field = form.itemAt(row, QFormLayout.FieldRole)
        out.append((label.widget().text() if label else "", field.widget()))
    return out


def test_each_field_is_made_set_up_and_labelled_in_one_step(qtbot):
    from pointsapp.ui.form_rows import FormRows

    rows = FormRows()
    title = rows.line_edit("名称(&N)：", "清扫", placeholder="如：11月环境整治日")
    cap = rows.spin_box("名额：", 0, 500, special="不限", suffix=" 户", value=20)
    kind = rows.combo_box("频次：", [("每次", "event"), ("每月一次", "month")], current="month")
    typed = rows.combo_box("小组：", editable=True)
    day = rows.date_edit("日期：", dt.date(2026, 3, 8))
    notes = rows.plain_text("说明：", placeholder="每行一条", max_height=70)
    veto = rows.check_box("一票否决")
    assert [(text, type(field)) for text, field in _rows(rows.layout)] == [
        ("名称(&N)：", QLineEdit), ("名额：", QSpinBox), ("频次：", QComboBox), ("小组：", QComboBox),
        ("日期：", QDateEdit), ("说明：", QPlainTextEdit), ("", QCheckBox)]
    assert [field for _text, field in _rows(rows.layout)] == [title, cap, kind, typed, day, notes, veto]
    assert (title.text(), title.placeholderText()) == ("清扫", "如：11月环境整治日")
    assert rows.layout.labelForField(title).buddy() is title  # Alt+N reaches the field its label names
    assert (cap.minimum(), cap.maximum(), cap.value(), cap.suffix()) == (0, 500, 20, " 户")
    cap.setValue(0)
    assert cap.text() == "不限"
    assert (kind.currentData(), kind.isEditable(), typed.isEditable()) == ("month", False, True)
    assert day.date().toPython() == dt.date(2026, 3, 8) and day.calendarPopup()
    assert (notes.placeholderText(), notes.maximumHeight()) == ("每行一条", 70)
    assert veto.text() == "一票否决" and not veto.isChecked()


def test_the_rule_dialog_shows_the_rule_being_edited_in_its_rows(qtbot, admin):
    from pointsapp.services.scoring import rules
    from pointsapp.ui.rule_dialog import RuleDialog
    from tests.scoring_helpers import make_village
    from tests.ui_helpers import ctx_of

    village = make_village(admin)
    capped = next(r for r in rules.list_rules(actor=admin, village_id=village.id) if r.cap and r.points < 0)
    dialog = RuleDialog(ctx_of(admin), village.id, rule=capped)
    qtbot.addWidget(dialog)
    shown = dict(_rows(dialog.layout().itemAt(0).layout())[:6])
    assert shown["类别："].currentData() == capped.category_id
    assert not shown["代码："].isEnabled() and shown["代码："].text() == capped.code
    assert shown["分值（扣分为负）："].value() == capped.points
    assert shown["频次："].currentData() == capped.frequency
    assert shown["每户年度上限（分）："].value() == abs(capped.cap)
    assert dialog.values()["cap"] == capped.cap  # a deduction's cap is kept negative, as stored
