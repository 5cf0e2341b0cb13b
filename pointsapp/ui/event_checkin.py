"""活动签到: pick or create an event, then scan household cards one after another with the USB scanner.

The scanner types the card's payload and Enter into the one input that keeps the focus (the till's
``ScanInput``); a household number typed there and Enter checks in a villager without a card; 名册勾选 (F2)
picks one from the register. Each new check-in shows the household big and green, a second scan of the same
household says 已签到 (amber) and adds nothing, a refused card is red, with a beep. 结束活动 writes the points.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from pointsapp.services.auth import Permission
from pointsapp.services.register import cards
from pointsapp.services.scoring import events
from pointsapp.ui.buttons import button_row, push_button
from pointsapp.ui.cashier import HINT_STYLE, REFUSAL_STYLE, SUCCESS_STYLE, ScanInput
from pointsapp.ui.context import UiContext
from pointsapp.ui.domain_labels import label
from pointsapp.ui.messages import confirm
from pointsapp.ui.operations import run_op
from pointsapp.ui.pdf_files import choose_pdf, write_pdf
from pointsapp.ui.table_model import ListTableModel, TableColumns, select_row_where, selected_row, table_view
from pointsapp.ui.village_picker import VillageTab

ALREADY_STYLE = "background:#ffd400; color:#333; font-size:22px; font-weight:bold; padding:10px; border-radius:6px;"
BIG_STYLE = "font-size:40px; font-weight:bold; padding:12px; border-radius:8px;"


class EventColumns(TableColumns, context="events"):
    """A row is an ``events.EventInfo``."""

    DATE = QT_TRANSLATE_NOOP("events", "日期"), lambda e: e.held_on.isoformat()
    TITLE = QT_TRANSLATE_NOOP("events", "活动"), lambda e: e.title
    RULE = QT_TRANSLATE_NOOP("events", "细则"), lambda e: e.rule_code
    POINTS = QT_TRANSLATE_NOOP("events", "每户"), lambda e: f"+{e.points}"
    PRESENT = QT_TRANSLATE_NOOP("events", "签到户数"), lambda e: f"{e.present}/{e.cap}" if e.cap else f"{e.present}"
    STATUS = QT_TRANSLATE_NOOP("events", "状态"), lambda e: label(events.STATUS_LABELS[e.status])


class EventsModel(ListTableModel):
    columns = EventColumns


def _checked_in_points(p: events.Present) -> str:
    """The entry a check-in was scored with and where it stands, or why it was not scored."""
    return f"#{p.entry_id} {label(events.ENTRY_STATUS_LABELS[p.entry_status])}" if p.entry_id else p.note


class PresentColumns(TableColumns, context="events"):
    """A row is an ``events.Present``."""

    NUMBER = QT_TRANSLATE_NOOP("events", "户号"), lambda p: p.household_no
    HEAD = QT_TRANSLATE_NOOP("events", "户主"), lambda p: p.head_name
    GROUP = QT_TRANSLATE_NOOP("events", "小组"), lambda p: p.group
    HOW = QT_TRANSLATE_NOOP("events", "签到方式"), lambda p: label(events.HOW_LABELS[p.how])
    TIME = QT_TRANSLATE_NOOP("events", "时间"), lambda p: (p.checked_in_at.strftime("%H:%M:%S")
                                                         if hasattr(p.checked_in_at, "strftime") else str(p.checked_in_at))
    POINTS = QT_TRANSLATE_NOOP("events", "记分"), _checked_in_points


class PresentModel(ListTableModel):
    columns = PresentColumns


class EventCheckIn(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.last_message = ""
        self.events_model = EventsModel(self)
        self.events_table = table_view(self.events_model, stretch=EventColumns.TITLE)
        self.new_button = push_button(self.tr("新建活动…"), self.new_event)
        self.close_button = push_button(self.tr("结束活动并记分"), self.close_event)
        self.sheet_button = push_button(self.tr("保存签到表 PDF…"), self.save_sheet)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size:18px; font-weight:bold;")
        self.scan = ScanInput()
        self.scan.setPlaceholderText(self.tr("扫积分卡，或输入户号后按回车"))
        self.big = QLabel()
        self.big.setAlignment(Qt.AlignCenter)
        self.big.setMinimumHeight(110)
        self.big.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(50)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-size:18px;")
        self.tick_button = push_button(self.tr("从名册勾选 (F2)"), self.tick_from_register)
        self.undo_button = push_button(self.tr("取消所选签到"), self.cancel_selected)
        for button in (self.tick_button, self.undo_button):
            button.setFocusPolicy(Qt.NoFocus)
        self.present_model = PresentModel(self)
        self.present_table = table_view(self.present_model, fit=False, stretch=PresentColumns.HEAD)
        self.present_table.setFocusPolicy(Qt.NoFocus)

        left = QWidget()
        lv = QVBoxLayout(left)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("村：")))
        row.addWidget(self.picker.village, 1)
        lv.addLayout(row)
        lv.addWidget(QLabel(self.tr("活动（选中一个开始签到）：")))
        lv.addWidget(self.events_table, 1)
        buttons = QGridLayout()  # two to a row: the pane stays narrow enough for a 1024 screen in English too
        for i, b in enumerate((self.new_button, self.sheet_button, self.close_button)):
            buttons.addWidget(b, i // 2, i % 2)
        lv.addLayout(buttons)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.title_label)
        rv.addWidget(self.scan)
        rv.addWidget(self.big)
        rv.addWidget(self.message)
        rv.addWidget(self.count_label)
        rv.addLayout(button_row(self.tick_button, self.undo_button, right=True))
        rv.addWidget(self.present_table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.picker.changed.connect(self.refresh)
        self.events_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_event())
        self.scan.returnPressed.connect(self._entered)
        QShortcut(QKeySequence(Qt.Key_F2), self, self.tick_from_register, context=Qt.WidgetWithChildrenShortcut)
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    # --- the event chosen -------------------------------------------------------------
    def current_event(self) -> events.EventInfo | None:
        return selected_row(self.events_table)

    def refresh(self) -> None:
        chosen = self.current_event()
        vid = self.picker.village_id()
        self.events_model.set_rows(events.events(actor=self.ctx.actor, village_id=vid) if vid else [])
        # the event chosen before, else the first open one, else the first
        kept = chosen is not None and select_row_where(self.events_table, lambda e: e.id == chosen.id)
        if not kept and self.events_model.rows and not select_row_where(self.events_table, lambda e: e.is_open):
            self.events_table.selectRow(0)
        self._show_event()

    def choose(self, event_id: int) -> None:
        if select_row_where(self.events_table, lambda e: e.id == event_id):
            self._show_event()

    def _show_event(self) -> None:
        e = self.current_event()
        open_ = e is not None and e.is_open and self.ctx.can(Permission.ENTRY_CREATE)
        self.new_button.setEnabled(self.ctx.can(Permission.ENTRY_CREATE))
        for w in (self.scan, self.tick_button, self.undo_button, self.close_button):
            w.setEnabled(open_)
        self.sheet_button.setEnabled(e is not None)
        if e is None:
            self.title_label.setText(self.tr("请选择或新建一个活动。"))
            self.present_model.set_rows([])
            self.count_label.setText("")
            return
        self.title_label.setText(self.tr("{0}（{1}，{2} 每户 +{3} 分）").format(
            e.title, e.held_on.isoformat(), e.rule_code, e.points))
        self.present_model.set_rows(events.attendance(actor=self.ctx.actor, event_id=e.id))
        cap = self.tr("，名额 {0} 户").format(e.cap) if e.cap else ""
        self.count_label.setText(self.tr("已签到 {0} 户{1}").format(e.present, cap))
        if open_:
            self.hint(self.tr("请扫描村民的积分卡。"))
            self.scan.setFocus()
        else:
            self.hint(self.tr("活动已结束：{0} 户记分。").format(e.awarded))

    # --- what the clerk sees ----------------------------------------------------------
    def hint(self, text: str) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(HINT_STYLE)

    def _big(self, text: str, style: str) -> None:
        self.big.setText(text)
        self.big.setStyleSheet(BIG_STYLE + style)

    def checked_in(self, result: events.CheckIn) -> None:
        name = self.tr("{0}  {1}（{2}）").format(result.household_no, result.head_name, result.group)
        if result.new:
            self._big(name, "background:#1b7a2f; color:white;")
            self.last_message = self.tr("签到成功：{0}，已签到 {1} 户。").format(result.head_name, result.present)
            self.message.setStyleSheet(SUCCESS_STYLE)
        else:
            self._big(name, "background:#ffd400; color:#333;")
            self.last_message = self.tr("已签到：{0} 刚才已经签过到，不重复记分。").format(result.head_name)
            self.message.setStyleSheet(ALREADY_STYLE)
        self.message.setText(self.last_message)
        self._refresh_list()
        self.scan.setFocus()

    def refuse(self, text: str) -> None:
        self._big(self.tr("拒绝"), "background:#c8102e; color:white;")
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(REFUSAL_STYLE)
        QApplication.beep()
        self.scan.setFocus()

    def _refresh_list(self) -> None:
        e = self.current_event()
        if e is not None:
            self.events_model.rows[self.events_model.rows.index(e)] = events.event(actor=self.ctx.actor,
                                                                                  event_id=e.id)
            self.events_model.row_changed(self.events_model.rows.index(self.current_event()))
            self._show_event_counts()

    def _show_event_counts(self) -> None:
        e = self.current_event()
        self.present_model.set_rows(events.attendance(actor=self.ctx.actor, event_id=e.id))
        cap = self.tr("，名额 {0} 户").format(e.cap) if e.cap else ""
        self.count_label.setText(self.tr("已签到 {0} 户{1}").format(e.present, cap))

    # --- scanning ---------------------------------------------------------------------
    def _entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        e = self.current_event()
        if not text or e is None:
            return
        is_card = text.upper().startswith(cards.PREFIX[:2]) and ":" in text
        self.check_in(payload=text if is_card else None, household_no=None if is_card else text)

    def check_in(self, **how) -> None:
        e = self.current_event()
        if e is None:
            return
        run_op(self, self.ctx, events.check_in, event_id=e.id, success=self.checked_in,
               refused=lambda exc: self.refuse(exc.message), **how)

    def tick_from_register(self) -> None:
        from pointsapp.ui.household_picker import HouseholdPicker

        if self.current_event() is None or not self.current_event().is_open:
            return
        picker = HouseholdPicker(self.ctx.actor, self)
        if picker.exec() and picker.chosen_id is not None:
            self.check_in(household_id=picker.chosen_id)
        self.scan.setFocus()

    def cancel_selected(self) -> None:
        e = self.current_event()
        present = selected_row(self.present_table)
        if e is None or present is None:
            return
        if not confirm(self, self.tr("取消 {0} {1} 的签到？").format(present.household_no, present.head_name),
                       yes=self.tr("取消签到")):
            return
        run_op(self, self.ctx, events.cancel_check_in, event_id=e.id, household_id=present.household_id,
               success=lambda _n: self._refresh_list())

    # --- the event itself -------------------------------------------------------------
    def new_event(self) -> None:
        from pointsapp.ui.event_dialog import NewEventDialog

        vid = self.picker.village_id()
        if vid is None:
            return
        dialog = NewEventDialog(self.ctx, vid, self)
        if dialog.exec() and dialog.created is not None:
            self.refresh()
            self.choose(dialog.created.id)

    def close_event(self) -> None:
        e = self.current_event()
        if e is None or not e.is_open:
            return
        if not confirm(self, self.tr("结束“{0}”？已签到的 {1} 户每户记 +{2} 分，结束后不能再签到。").format(
                e.title, e.present, e.points), yes=self.tr("结束活动")):
            return
        run_op(self, self.ctx, events.close_event, event_id=e.id, success=self._closed)

    def _closed(self, result: events.CloseResult) -> None:
        text = self.tr("活动已结束：{0} 户记分，共 {1:+d} 分。").format(result.entries, result.points)
        if result.skipped:
            text += "\n" + self.tr("未记分：") + "\n".join(f"{who}：{why}" for who, why in result.skipped)
        self.refresh()
        self.big.clear()
        self.big.setStyleSheet("")
        self.hint(text)

    def save_sheet(self) -> None:
        e = self.current_event()
        if e is None:
            return
        path = choose_pdf(self, self.tr("保存签到表"), self.tr("{0}签到表.pdf").format(e.title))
        if path:
            self.write_sheet(path)

    def write_sheet(self, path: Path) -> None:
        from pointsapp.printing.event_sheet import event_sheet_pdf

        event_id = self.current_event().id
        write_pdf(self, lambda target: event_sheet_pdf(target, actor=self.ctx.actor, event_id=event_id), path,
                  self.tr("签到表已保存：{0}"))
