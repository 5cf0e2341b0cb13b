"""评议会记录: the minutes of a review meeting on A4 — when, where, who chaired, who recorded, who attended in
which role, what the meeting decided (each claim and batch, passed or not, with the reason), then a line for
every attendee to sign and the chair's and recorder's signatures."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from pointsapp import clock
from pointsapp.printing.fonts import markup, unrendered_note
from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import (
    LIST_RULES, RED, RULE, OfficialDocument, Output, PageFurniture, Title, cn_date, styles,
)
from pointsapp.printing.signatures import SignatureLines
from pointsapp.services.auth import Actor
from pointsapp.services.scoring import meetings
from pointsapp.text import list_sep, translate

CELL_SIZE, CELL_FLOOR = 10, 8


def _decision_columns() -> list[Column]:
    return [Column(translate("printing.minutes", "序号"), wrap=False),
            Column(translate("printing.minutes", "评议事项"), align="left", flex=True, least_chars=10),
            Column(translate("printing.minutes", "结果"), wrap=False),
            Column(translate("printing.minutes", "积分"), align="right", wrap=False),
            Column(translate("printing.minutes", "理由"), align="left", flex=True, least_chars=6)]


def _attendee_columns() -> list[Column]:
    return [Column(translate("printing.minutes", "序号"), wrap=False),
            Column(translate("printing.minutes", "姓名"), least_chars=4),
            Column(translate("printing.minutes", "职务/身份"), least_chars=5),
            Column(translate("printing.minutes", "签字"), flex=True, least_chars=6)]


def _outcome(d: meetings.Decision) -> str:
    return translate("printing.minutes", "通过") if d.approved else translate("printing.minutes", "不通过")


def _points(d: meetings.Decision) -> str:
    if not d.approved:
        return "—"
    if d.what == "batch":
        return translate("printing.minutes", "{0} 条 {1:+d}").format(d.entries, d.points)
    return f"{d.points:+d}"


def minutes_pdf(out: Output, *, actor: Actor, meeting_id: int, printed_on: dt.date | None = None) -> int:
    """Write the minutes of a meeting; returns how many decisions they record."""
    m = meetings.minutes(actor=actor, meeting_id=meeting_id)
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.minutes", "{0}积分评议会记录").format(m.village)
    doc = OfficialDocument(out, furniture=PageFurniture(m.village, title, printed_on))
    people = list_sep().join(f"{a.name}（{a.role}）" if a.role else a.name for a in m.attendees)
    story = [
        Title(title),
        Paragraph(markup(m.title), st.subtitle),
        Paragraph(translate("printing.minutes", "会议时间：{0}").format(cn_date(m.held_on)), st.body),
        Paragraph(translate("printing.minutes", "会议地点：{0}").format(markup(m.place or "—")), st.body),
        Paragraph(translate("printing.minutes", "主持人：{0}　　记录人：{1}").format(
            markup(m.chair or "—"), markup(m.recorder or "—")), st.body),
        Paragraph(translate("printing.minutes", "参会人员（{0} 人）：{1}").format(len(m.attendees), markup(people)),
                  st.body),
    ]
    if m.summary:
        story.append(Paragraph(translate("printing.minutes", "会议情况：{0}").format(markup(m.summary)), st.body))
    story += [Spacer(1, 3 * mm), Paragraph(translate("printing.minutes", "<font color='#c8102e'>■</font> 评议事项及结果"),
                                           st.body), Spacer(1, 1.5 * mm)]
    unrendered: list[str] = []
    if m.decisions:
        rows = [[str(n), d.subject, _outcome(d), _points(d), d.reason or ""]
                for n, d in enumerate(m.decisions, start=1)]
        colors = {(2, r): RED for r, d in enumerate(m.decisions) if not d.approved}
        fit = TableFit(_decision_columns(), doc.width, CELL_SIZE, CELL_FLOOR)
        story.append(fit.table(rows, commands=LIST_RULES, colors=colors))
        unrendered += fit.unrendered
        passed = sum(1 for d in m.decisions if d.approved)
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(translate("printing.minutes", "共评议 {0} 项：通过 {1} 项，不通过 {2} 项。").format(
            len(m.decisions), passed, len(m.decisions) - passed), st.note))
    else:
        story.append(Paragraph(translate("printing.minutes", "本次会议没有评议事项。"), st.body))
    story += [Spacer(1, 4 * mm), CondPageBreak(40 * mm),
              Paragraph(translate("printing.minutes", "<font color='#c8102e'>■</font> 参会人员签到"), st.body),
              Spacer(1, 1.5 * mm)]
    fit = TableFit(_attendee_columns(), doc.width, CELL_SIZE, CELL_FLOOR)
    rows = [[str(n), a.name, a.role, ""] for n, a in enumerate(m.attendees, start=1)]
    padding = LIST_RULES + [("TOPPADDING", (0, 1), (-1, -1), 7), ("BOTTOMPADDING", (0, 1), (-1, -1), 7)]
    # the last attendees go with the signature lines, which never stand alone on a page
    tail = 3 if len(rows) > 4 else 0
    story.append(fit.table(rows[:len(rows) - tail], commands=padding, measure=rows))
    closing = []
    if tail:
        closing.append(fit.table(rows[-tail:], header=False, measure=rows, commands=[
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 0.25, RULE), ("LINEBELOW", (0, -1), (-1, -1), 1.2, RED),
            ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    unrendered += fit.unrendered
    if unrendered:
        closing.append(Paragraph(markup(unrendered_note(unrendered)), st.note))
    closing += [Spacer(1, 10 * mm), SignatureLines(
        [translate("printing.minutes", "主持人（签字）"), translate("printing.minutes", "记录人（签字）")],
        date_label=translate("printing.minutes", "日期"))]
    story.append(KeepTogether(closing))
    doc.build(story)
    return len(m.decisions)
