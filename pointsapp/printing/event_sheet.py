"""活动签到表: an event's sign-in sheet — who came, how they checked in, what they were given — on A4, with
a column for signatures and the clerk's and the person in charge's signature lines. An event still open
prints blank rows too, for those who sign on paper."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from pointsapp import clock
from pointsapp.printing.fonts import markup, unrendered_note
from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import (
    LIST_RULES, OfficialDocument, Output, PageFurniture, Title, cn_date, styles,
)
from pointsapp.printing.signatures import SignatureLines
from pointsapp.services.auth import Actor
from pointsapp.services.scoring import events
from pointsapp.text import domain_label, translate

BLANK_ROWS_OPEN = 10
CELL_SIZE, CELL_FLOOR = 10, 8


def _columns() -> list[Column]:
    return [Column(translate("printing.event_sheet", "序号"), wrap=False),
            Column(translate("printing.event_sheet", "户号"), wrap=False),
            Column(translate("printing.event_sheet", "户主"), least_chars=3),
            Column(translate("printing.event_sheet", "小组"), least_chars=2),
            Column(translate("printing.event_sheet", "签到方式"), wrap=False),
            Column(translate("printing.event_sheet", "签到时间"), wrap=False),
            Column(translate("printing.event_sheet", "积分"), align="left", least_chars=4),
            Column(translate("printing.event_sheet", "本人签名"), flex=True, least_chars=5)]


def _points(event: events.EventInfo, p: events.Present) -> str:
    if p.entry_id is not None:  # its state beside it: a batch rejected at review gave nothing
        return f"+{event.points}（{domain_label(events.ENTRY_STATUS_LABELS[p.entry_status])}）"
    if p.note:
        return translate("printing.event_sheet", "不计分：{0}").format(p.note)
    return translate("printing.event_sheet", "待结束时计分") if event.is_open else ""


def event_sheet_pdf(out: Output, *, actor: Actor, event_id: int, printed_on: dt.date | None = None) -> int:
    """Write the sign-in sheet of an event; returns how many households it lists."""
    event = events.event(actor=actor, event_id=event_id)
    present = events.attendance(actor=actor, event_id=event_id)
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.event_sheet", "{0}活动签到表").format(event.village)
    doc = OfficialDocument(out, furniture=PageFurniture(event.village, title, printed_on))
    rows = [[str(n), p.household_no, p.head_name, p.group, domain_label(events.HOW_LABELS[p.how]),
             p.checked_in_at.strftime("%H:%M") if isinstance(p.checked_in_at, dt.datetime) else str(p.checked_in_at),
             _points(event, p), ""] for n, p in enumerate(present, start=1)]
    blank = BLANK_ROWS_OPEN if event.is_open else 0
    rows += [[str(len(present) + n), "", "", "", "", "", "", ""] for n in range(1, blank + 1)]
    fit = TableFit(_columns(), doc.width, CELL_SIZE, CELL_FLOOR)
    table = fit.table(rows, commands=LIST_RULES + [("TOPPADDING", (0, 1), (-1, -1), 5),
                                                    ("BOTTOMPADDING", (0, 1), (-1, -1), 5)])
    cap = (translate("printing.event_sheet", "名额 {0} 户").format(event.cap) if event.cap
           else translate("printing.event_sheet", "不限名额"))
    state = domain_label(events.STATUS_LABELS[event.status])
    story = [
        Title(title),
        Paragraph(markup(event.title), st.subtitle),
        Paragraph(translate("printing.event_sheet", "活动日期：{0}　　地点：{1}　　状态：{2}").format(
            cn_date(event.held_on), markup(event.place or "—"), state), st.body),
        Paragraph(translate("printing.event_sheet", "积分细则：{0} {1}　　每户 {2} 分　　{3}　　已签到 {4} 户").format(
            event.rule_code, markup(event.rule_title), event.points, cap, event.present), st.body),
        Spacer(1, 3 * mm),
        table,
    ]
    if fit.unrendered:
        story.append(Paragraph(markup(unrendered_note(fit.unrendered)), st.note))
    story += [Spacer(1, 8 * mm), KeepTogether([SignatureLines([
        translate("printing.event_sheet", "登记人（签字）"), translate("printing.event_sheet", "活动负责人（签字）")])])]
    doc.build(story)
    return len(present)
