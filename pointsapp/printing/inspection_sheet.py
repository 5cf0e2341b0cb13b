"""空白月度检查表: one group's households × the month's inspection items, a box to tick in each cell and lines to
sign, in the grid's order (so typing it in afterwards goes row by row as the paper reads)."""
from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.fonts import cjk_font
from pointsapp.printing.page import (
    HEADER_FILL, INK, RULE, OfficialDocument, Output, PageFurniture, Title, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.scoring.inspection_sheet import BlankSheet, blank_sheet
from pointsapp.text import translate

BOX = "□"
ROW_HEIGHT = 8.5 * mm  # room for a tick made standing at a gate
WIDE_ITEMS = 6  # more items than this: the sheet is printed landscape


def inspection_sheet_pdf(out: Output, *, actor: Actor, group_id: int, period_code: str,
                         printed_on: dt.date | None = None) -> int:
    """Write the blank sheet of a group for a month; returns the number of households on it."""
    sheet = blank_sheet(actor=actor, group_id=group_id, period_code=period_code)
    render_sheet(out, sheet, printed_on=printed_on)
    return len(sheet.households)


def render_sheet(out: Output, sheet: BlankSheet, *, printed_on: dt.date | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.inspection_sheet", "{0}{1}月度卫生检查表").format(sheet.village, sheet.group)
    pagesize = landscape(A4) if len(sheet.items) > WIDE_ITEMS else A4
    doc = OfficialDocument(out, furniture=PageFurniture(sheet.village, title, printed_on), pagesize=pagesize)
    head_style = st.head_cell
    header = [Paragraph(translate("printing.inspection_sheet", "序号"), head_style),
              Paragraph(translate("printing.inspection_sheet", "户号"), head_style),
              Paragraph(translate("printing.inspection_sheet", "户主"), head_style),
              *[Paragraph(f"{item.title}<br/><font color='#6b6b6b'>{item.code} {item.points:+d}</font>", head_style)
                for item in sheet.items],
              Paragraph(translate("printing.inspection_sheet", "备注"), head_style)]
    rows = [[str(n), number, head, *[BOX] * len(sheet.items), ""]
            for n, (number, head) in enumerate(sheet.households, start=1)]
    fixed = [12 * mm, 18 * mm, 26 * mm]
    note = 30 * mm
    item_width = max(16 * mm, (doc.width - sum(fixed) - note) / max(len(sheet.items), 1))
    widths = [*fixed, *[item_width] * len(sheet.items), doc.width - sum(fixed) - note - item_width * len(sheet.items)
              + note]
    table = Table([header, *rows], colWidths=widths, rowHeights=[None] + [ROW_HEIGHT] * len(rows), repeatRows=1)
    first_item, last_item = 3, 2 + len(sheet.items)
    table.setStyle(table_style([
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (first_item, 1), (last_item, -1), "CENTER"),
        ("FONTSIZE", (0, 1), (-1, -1), 11),
        ("FONTSIZE", (first_item, 1), (last_item, -1), 16),
        ("TEXTCOLOR", (first_item, 1), (last_item, -1), colors.HexColor("#555555")),
        ("TEXTCOLOR", (0, 1), (2, -1), INK),
    ]))
    how = translate("printing.inspection_sheet", "检查月份：{0}　　共 {1} 户　　合格的项目在方框内打“√”，不合格的打“×”，"
                    "未检查的留空；回到办公室后在“积分录入→月度检查”中逐户录入。").format(sheet.period.label,
                                                                        len(sheet.households))
    signature = translate("printing.inspection_sheet", "检查人（签字）：＿＿＿＿＿＿＿＿　　检查日期：＿＿＿＿年＿＿月＿＿日"
                          "　　录入人：＿＿＿＿＿＿＿＿　　录入日期：＿＿＿＿年＿＿月＿＿日")
    story = [Title(title, size=18), Paragraph(how, st.note), Spacer(1, 3 * mm), table, Spacer(1, 8 * mm),
             KeepTogether([Paragraph(signature, st.body)])]  # the footer dates the print
    doc.build(story)
