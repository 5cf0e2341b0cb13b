"""积分明细单: one household's entries in a period with running balances, who entered and approved each,
and the ledger's chain head so the paper can later be checked against the books."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.page import (
    GREY, INK, LIST_RULES, RED, RULE, ZEBRA, OfficialDocument, Output, PageFurniture, Progress, Title, cn_date,
    fitted_widths, no_progress, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.periods import Period
from pointsapp.services.scoring.statements import Statement, household_statement, rejected
from pointsapp.text import domain_label, translate


def _columns() -> list[tuple[str, int]]:
    """(header, width in mm; 0 = what is left), in the chosen language."""
    return [(translate("printing.statement", "序号"), 8), (translate("printing.statement", "日期"), 17),
            (translate("printing.statement", "类别"), 14), (translate("printing.statement", "事项"), 0),
            (translate("printing.statement", "类型"), 9), (translate("printing.statement", "积分"), 10),
            (translate("printing.statement", "状态"), 12), (translate("printing.statement", "累计积分"), 14),
            (translate("printing.statement", "可用积分"), 14), (translate("printing.statement", "录入"), 14),
            (translate("printing.statement", "审核"), 14)]


def statement_pdf(out: Output, *, actor: Actor, household_id: int, period: Period | None = None,
                  printed_on: dt.date | None = None, progress: Progress = no_progress) -> int:
    """Write the statement. Returns the number of entries listed."""
    progress(translate("printing.statement", "正在读取积分明细…"))
    statement = household_statement(actor=actor, household_id=household_id, period=period)
    render_statement(out, statement, printed_on=printed_on)
    return len(statement.lines)


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


def render_statement(out: Output, s: Statement, *, printed_on: dt.date | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    small_cell = st.cell.clone("statement_cell", fontSize=8, leading=10)
    pending_cell = small_cell.clone("statement_pending", textColor=GREY)
    head = st.head_cell.clone("statement_head", fontSize=8, leading=10)
    title = translate("printing.statement", "村民积分明细单")
    doc = OfficialDocument(out, furniture=PageFurniture(
        s.village, translate("printing.statement", "{0}（{1} {2}）").format(title, s.household_no, s.head_name),
        printed_on))
    period = (translate("printing.statement", "{0}（{1}至{2}）").format(s.period.label, cn_date(s.period.start),
                                                                     cn_date(s.period.end)) if s.period
              else translate("printing.statement", "全部记录"))
    info = [
        [translate("printing.statement", "户号"), s.household_no, translate("printing.statement", "户主"), s.head_name,
         translate("printing.statement", "村"), s.village, translate("printing.statement", "小组"), s.group],
        [translate("printing.statement", "期间"), period, "", "", "", "", "", ""],
    ]
    info_table = Table(info, colWidths=[14 * mm, 30 * mm, 14 * mm, 30 * mm, 14 * mm, 34 * mm, 14 * mm, 30 * mm])
    info_table.setStyle(table_style([
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("SPAN", (1, 1), (7, 1)),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
    ] + [cmd for col in (0, 2, 4, 6) for cmd in (("TEXTCOLOR", (col, 0), (col, 0), GREY),
                                                  ("BACKGROUND", (col, 0), (col, 0), ZEBRA))]
      + [("TEXTCOLOR", (0, 1), (0, 1), GREY), ("BACKGROUND", (0, 1), (0, 1), ZEBRA)]))

    columns = _columns()
    data = [[Paragraph(h, head) for h, _w in columns]]
    commands = [
        ("FONTSIZE", (0, 1), (-1, -1), 8),
        ("LEADING", (0, 1), (-1, -1), 10),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "RIGHT"), ("ALIGN", (7, 1), (8, -1), "RIGHT"),
        *LIST_RULES,
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    first = 1
    if s.period is not None:  # what the household had when the period began
        data.append(["", "", "", translate("printing.statement", "上期结转"), "", "", "", str(s.opening_earned),
                     str(s.opening_available), "", ""])
        commands.append(("TEXTCOLOR", (0, 1), (-1, 1), GREY))
        first = 2
    for row, line in enumerate(s.lines, start=first):
        what = line.rule or line.note or "—"
        if line.rule and line.note and line.note not in line.rule:
            what = translate("printing.statement", "{0}（{1}）").format(line.rule, line.note)
        data.append([str(line.seq), line.occurred_on.isoformat(), line.category or "—", Paragraph(what, small_cell if line.counts else pending_cell),
                     domain_label(line.kind_label), _signed(line.points), domain_label(line.status_label),
                     str(line.earned_balance), str(line.available_balance), line.entered_by or "—",
                     line.approved_by or "—"])
        if line.points < 0:
            commands.append(("TEXTCOLOR", (5, row), (5, row), RED))
        if not line.counts:  # not effective: shown, but outside the balances
            commands.append(("TEXTCOLOR", (0, row), (-1, row), GREY))
        if rejected(line):
            commands.append(("TEXTCOLOR", (6, row), (6, row), RED))
    if not s.lines:
        data.append([translate("printing.statement", "本期间没有积分记录。")] + [""] * (len(columns) - 1))
        commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    widths = fitted_widths(columns, data[first:] if s.lines else [], doc.width, 8)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(commands))

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
        KeepTogether([Spacer(1, 8 * mm),
                      Paragraph(translate("printing.statement", "{0}村民委员会<br/>{1}").format(
                          s.village, cn_date(printed_on)), st.signature)]),
    ]
    doc.build(story)
