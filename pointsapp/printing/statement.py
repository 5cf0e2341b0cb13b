"""积分明细单: one household's entries in a period with running balances, who entered and approved each,
and the ledger's chain head so the paper can later be checked against the books."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.fonts import markup, unrendered_note
from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import (
    GREY, INK, LIST_RULES, RED, RULE, ZEBRA, OfficialDocument, Output, PageFurniture, Progress, SealBlock, Title,
    cn_date, fingerprint_line, fingerprint_now, no_progress, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.periods import Period
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.services.scoring.notice_board import entry_what
from pointsapp.services.scoring.statements import Statement, household_statement, rejected
from pointsapp.text import domain_label, translate


def _columns() -> list[Column]:
    """The statement's columns, in the chosen language: 事项 takes what the others leave."""
    return [Column(translate("printing.statement", "序号"), wrap=False),
            Column(translate("printing.statement", "日期"), wrap=False),
            Column(translate("printing.statement", "类别"), least_chars=2),
            Column(translate("printing.statement", "事项"), align="left", flex=True, least_chars=8),
            Column(translate("printing.statement", "类型"), wrap=False),
            Column(translate("printing.statement", "积分"), align="right", wrap=False),
            Column(translate("printing.statement", "状态"), wrap=False),
            Column(translate("printing.statement", "累计积分"), align="right", wrap=False),
            Column(translate("printing.statement", "可用积分"), align="right", wrap=False),
            Column(translate("printing.statement", "录入"), least_chars=2),
            Column(translate("printing.statement", "审核"), least_chars=2)]


def statement_pdf(out: Output, *, actor: Actor, household_id: int, period: Period | None = None,
                  printed_on: dt.date | None = None, progress: Progress = no_progress,
                  fingerprint: Fingerprint | None = None) -> int:
    """Write the statement, with the ledger's ``fingerprint`` (the one the caller published; today's when not
    given). Returns the number of entries listed."""
    progress(translate("printing.statement", "正在读取积分明细…"))
    statement = household_statement(actor=actor, household_id=household_id, period=period)
    render_statement(out, statement, printed_on=printed_on, fingerprint=fingerprint_now(fingerprint))
    return len(statement.lines)


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


CELL_SIZE, CELL_FLOOR = 9, 8  # eleven columns on A4 portrait


def render_statement(out: Output, s: Statement, *, printed_on: dt.date | None = None,
                     fingerprint: Fingerprint | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.statement", "村民积分明细单")
    doc = OfficialDocument(out, furniture=PageFurniture(
        s.village, translate("printing.statement", "{0}（{1} {2}）").format(title, s.household_no, s.head_name),
        printed_on, fingerprint=fingerprint_line(fingerprint)))
    period = (translate("printing.statement", "{0}（{1}至{2}）").format(s.period.label, cn_date(s.period.start),
                                                                     cn_date(s.period.end)) if s.period
              else translate("printing.statement", "全部记录"))
    info = [
        [translate("printing.statement", "户号"), s.household_no, translate("printing.statement", "户主"), s.head_name,
         translate("printing.statement", "村"), s.village, translate("printing.statement", "小组"), s.group],
        [translate("printing.statement", "期间"), period, "", "", "", "", "", ""],
    ]
    label = dict(wrap=False)
    info_fit = TableFit([Column("", **label), Column("", align="left", flex=True, least_chars=3),
                         Column("", **label), Column("", align="left", flex=True, least_chars=3),
                         Column("", **label), Column("", align="left", flex=True, least_chars=4),
                         Column("", **label), Column("", align="left", flex=True, least_chars=3)],
                        doc.width, 9.5, CELL_FLOOR, pad=4)
    info_table = info_fit.table(info, header=False, measure=info[:1], colors={(c, r): GREY for c in (0, 2, 4, 6) for r in (0, 1)},
                                commands=[
        ("SPAN", (1, 1), (7, 1)),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
    ] + [("BACKGROUND", (col, 0), (col, 0), ZEBRA) for col in (0, 2, 4, 6)] + [("BACKGROUND", (0, 1), (0, 1), ZEBRA)])

    columns = _columns()
    rows, colors = [], {}
    grey_rows = []
    if s.period is not None:  # what the household had when the period began
        rows.append(["", "", "", translate("printing.statement", "上期结转"), "", "", "", str(s.opening_earned),
                     str(s.opening_available), "", ""])
        grey_rows.append(0)
    for line in s.lines:
        r = len(rows)
        rows.append([str(line.seq), line.occurred_on.isoformat(), line.category or "—", entry_what(line.rule, line.note),
                     domain_label(line.kind_label), _signed(line.points), domain_label(line.status_label),
                     str(line.earned_balance), str(line.available_balance), line.entered_by or "—",
                     line.approved_by or "—"])
        if not line.counts:  # not effective: shown, but outside the balances
            grey_rows.append(r)
        if line.points < 0:
            colors[(5, r)] = RED
        if rejected(line):
            colors[(6, r)] = RED
    for r in grey_rows:
        for col in range(len(columns)):
            colors.setdefault((col, r), GREY)
    commands = [*LIST_RULES]
    if not s.lines:
        rows.append([translate("printing.statement", "本期间没有积分记录。")] + [""] * (len(columns) - 1))
        commands.append(("SPAN", (0, len(rows)), (-1, len(rows))))
    fit = TableFit(columns, doc.width, CELL_SIZE, CELL_FLOOR, pad=3)
    table = fit.table(rows, commands=commands, colors=colors)

    totals = Table([[translate("printing.statement", "期末累计积分"), str(s.closing_earned),
                     translate("printing.statement", "期末可用积分"), str(s.closing_available),
                     translate("printing.statement", "本期记录"), translate("printing.statement", "{0} 条").format(
                         len(s.lines))]],
                   colWidths=[26 * mm, 22 * mm, 26 * mm, 22 * mm, 20 * mm, 20 * mm], hAlign="RIGHT")
    totals.setStyle(table_style([
        ("FONTSIZE", (0, 0), (-1, -1), 10), ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (1, 0), (1, 0), RED), ("TEXTCOLOR", (3, 0), (3, 0), RED),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("ALIGN", (3, 0), (3, 0), "RIGHT"),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
    ]))
    story = [
        Title(title),
        Spacer(1, 1 * mm),
        info_table,
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 3 * mm),
        totals,
        Spacer(1, 4 * mm),
        Paragraph(translate("printing.statement", "说明：“累计积分”只计已生效的加分、扣分及其冲正，兑换不减少累计积分；"
                            "“可用积分”为可在积分超市兑换的积分。灰色行为尚未生效（待审核、公示中）或未通过的记录，不计入余额。"), st.small),
        Paragraph(translate("printing.statement", "账链校验值：<font name='{0}' size=7>{1}</font>").format(
            st.small.fontName, s.chain_head or translate("printing.statement", "（尚无记录）")), st.small),
        Paragraph(translate("printing.statement", "本明细单由系统生成。账链校验值是该户最新一条积分记录的哈希值，"
                            "可与系统中的记录核对，确认明细未被改动。"),
                  st.small),
    ]
    if fingerprint is not None:  # the whole ledger's head, as on the notice board: these rows are among its leaves
        story.append(Paragraph(markup(fingerprint_line(fingerprint)) + translate(
            "printing.statement", "　本户的记录都在这个指纹所覆盖的账本中；用“pointsapp check --fingerprint 指纹”"
            "可核对打印之后账本只有追加、没有改动。"), st.small))
    gaps = info_fit.unrendered + fit.unrendered
    if gaps:  # never a silent gap
        story.append(Paragraph(markup(unrendered_note(gaps)), st.note))
    story.append(KeepTogether([Spacer(1, 6 * mm), SealBlock(translate("printing.statement", "{0}村民委员会").format(
        s.village), printed_on)]))
    doc.build(story)
