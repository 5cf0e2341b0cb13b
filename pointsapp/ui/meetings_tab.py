"""评议会: record a review meeting (date, place, chair, recorder, attendees and their roles), decide the batches
waiting for review at it, read what it decided, and save its minutes as a PDF with signature lines."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from pointsapp.services.auth import Permission
from pointsapp.services.scoring import meetings
from pointsapp.ui.buttons import push_button
from pointsapp.ui.context import UiContext
from pointsapp.ui.decision_dialog import DecisionDialog
from pointsapp.ui.gathering_dialog import GatheringDialog
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import show_error
from pointsapp.ui.pdf_files import choose_pdf, write_pdf
from pointsapp.ui.table_model import ListTableModel, TableColumns, select_row_where, selected_row, table_view
from pointsapp.ui.village_picker import VillageTab


def _decisions(m: meetings.MeetingInfo) -> str:
    """How many matters the meeting decided, and how many of them passed."""
    passed = sum(1 for d in m.decisions if d.approved)
    return f"{len(m.decisions)}（✓{passed}）"


class MeetingColumns(TableColumns, context="meetings"):
    """A row is a ``meetings.MeetingInfo``."""

    DATE = QT_TRANSLATE_NOOP("meetings", "日期"), lambda m: m.held_on.isoformat()
    TITLE = QT_TRANSLATE_NOOP("meetings", "会议"), lambda m: m.title
    PLACE = QT_TRANSLATE_NOOP("meetings", "地点"), lambda m: m.place
    PEOPLE = QT_TRANSLATE_NOOP("meetings", "参会人数"), lambda m: str(len(m.attendees))
    DECISIONS = QT_TRANSLATE_NOOP("meetings", "评议事项"), _decisions


class MeetingsModel(ListTableModel):
    columns = MeetingColumns


def parse_attendees(text: str) -> list[tuple[str, str]]:
    """One attendee a line: "姓名 职务" (a space, a tab, a colon or a comma between)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in ("\t", "：", ":", "，", ",", " ", "　"):
            if sep in line:
                name, role = line.split(sep, 1)
                out.append((name.strip(), role.strip()))
                break
        else:
            out.append((line, ""))
    return out


class MeetingsTab(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.model = MeetingsModel(self)
        self.table = table_view(self.model, fit=False, stretch=MeetingColumns.TITLE)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.new_button = push_button(self.tr("记录评议会…"), self.new_meeting)
        self.batch_button = push_button(self.tr("审议批次…"), self.decide_batch)
        self.batch_button.setEnabled(ctx.can(Permission.ENTRY_REVIEW))
        self.minutes_button = push_button(self.tr("保存会议记录 PDF…"), self.save_minutes)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("村：")))
        row.addWidget(self.picker.village, 1)
        for b in (self.new_button, self.batch_button, self.minutes_button):
            row.addWidget(b)
        vbox(self, row, (self.table, 2), (self.detail, 1))
        self.picker.changed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    def selected(self) -> meetings.MeetingInfo | None:
        return selected_row(self.table)

    def refresh(self) -> None:
        chosen = self.selected()
        vid = self.picker.village_id()
        self.model.set_rows(meetings.meetings(actor=self.ctx.actor, village_id=vid) if vid else [])
        if self.model.rows and not select_row_where(self.table, lambda m: chosen is not None and m.id == chosen.id):
            self.table.selectRow(0)
        self._show_detail()

    def _show_detail(self) -> None:
        m = self.selected()
        for b in (self.minutes_button,):
            b.setEnabled(m is not None)
        if m is None:
            self.detail.setText(self.tr("还没有记录评议会。"))
            return
        people = "、".join(f"{a.name}（{a.role}）" if a.role else a.name for a in m.attendees)
        lines = [self.tr("主持人：{0}　记录人：{1}").format(m.chair or "—", m.recorder or "—"),
                 self.tr("参会人员：{0}").format(people)]
        for n, d in enumerate(m.decisions, start=1):
            outcome = self.tr("通过") if d.approved else self.tr("不通过")
            lines.append(f"{n}. {d.subject} —— {outcome}{'：' + d.reason if d.reason else ''}")
        self.detail.setText("\n".join(lines))

    def new_meeting(self) -> None:
        vid = self.picker.village_id()
        if vid is not None and MeetingDialog(self.ctx, vid, self).exec():
            self.refresh()

    def decide_batch(self) -> None:
        m = self.selected()
        if m is not None:
            BatchDecisionDialog(self.ctx, m, self).exec()

    def save_minutes(self) -> None:
        m = self.selected()
        if m is None:
            return
        path = choose_pdf(self, self.tr("保存会议记录"), self.tr("{0}.pdf").format(m.title))
        if path:
            self.write_minutes(path)

    def write_minutes(self, path: Path) -> None:
        from pointsapp.printing.meeting_minutes import minutes_pdf

        meeting_id = self.selected().id
        write_pdf(self, lambda target: minutes_pdf(target, actor=self.ctx.actor, meeting_id=meeting_id), path,
                  self.tr("会议记录已保存：{0}"))


class MeetingDialog(GatheringDialog):
    def __init__(self, ctx: UiContext, village_id: int, parent=None):
        super().__init__(ctx, village_id, self.tr("记录评议会"), self.tr("会议名称："),
                         self.tr("（默认：某村某年某月积分评议会）"), parent)
        self.chair = self.rows.line_edit(self.tr("主持人："))
        self.recorder = self.rows.line_edit(self.tr("记录人："))
        self.attendees = self.rows.plain_text(
            self.tr("参会人员："), placeholder=self.tr("每行一人：姓名 职务，如\n李明 村党支部书记\n王芳 村民代表"))
        self.summary = self.rows.plain_text(self.tr("会议情况："), max_height=70)
        self.add_buttons(self.tr("保存"))

    def save(self) -> None:
        self.create(meetings.create_meeting, chair=self.chair.text(), recorder=self.recorder.text(),
                    summary=self.summary.toPlainText(), attendees=parse_attendees(self.attendees.toPlainText()))


class BatchDecisionDialog(DecisionDialog):
    """A batch waiting for review (an event's check-ins, a month's inspection), approved or rejected at the meeting."""

    def __init__(self, ctx: UiContext, meeting: meetings.MeetingInfo, parent=None):
        self.meeting = meeting
        self.batch = QComboBox()
        for b in meetings.batches_waiting(actor=ctx.actor, village_id=meeting.village_id):
            self.batch.addItem(QCoreApplication.translate("BatchDecisionDialog", "#{0} {1}（{2} 条，{3:+d} 分）").format(
                b.batch_id, b.title, b.entries, b.points), b.batch_id)
        # spelled out: pyside6-lupdate reads an alias's tr(context, text) as tr(text, disambiguation)
        super().__init__(ctx, QCoreApplication.translate("BatchDecisionDialog", "评议会审议批次"),
                         QCoreApplication.translate("BatchDecisionDialog", "驳回"),
                         [(QCoreApplication.translate("BatchDecisionDialog", "评议会："),
                           QLabel(f"{meeting.held_on} {meeting.title}")),
                          (QCoreApplication.translate("BatchDecisionDialog", "批次："), self.batch)], parent)

    def save(self) -> None:
        if self.batch.currentData() is None:
            show_error(self, self.tr("没有待审核的批次。"))
            return
        self.decide(meetings.decide_batch, meeting_id=self.meeting.id, batch_id=self.batch.currentData())
