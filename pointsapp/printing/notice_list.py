"""积分公示名单: the entries now on public notice — what, whom, points, until when and how to object."""
from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp.printing.page import (
    HEADER_FILL, INK, RED, RULE, ZEBRA, OfficialDocument, Output, PageFurniture, Progress, Title, cn_date,
    no_progress, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.notice_board import NoticeBoard, notice_board
from pointsapp.services.privacy import mask_name

COLUMNS = [("序号", 10), ("户主", 18), ("小组", 13), ("类别", 20), ("事项", 0), ("加/扣分", 16), ("发生日期", 24)]


def notice_pdf(out: Output, *, actor: Actor, village_id: int, mask_names: bool = False,
               printed_on: dt.date | None = None, progress: Progress = no_progress) -> int:
    """Write the notice list of a village. Returns the number of entries listed."""
    progress("正在读取公示中的积分…")
    board = notice_board(actor=actor, village_id=village_id)
    render_notice(out, board, mask_names=mask_names, printed_on=printed_on)
    return board.count


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


def render_notice(out: Output, board: NoticeBoard, *, mask_names: bool = False,
                  printed_on: dt.date | None = None) -> None:
    printed_on = printed_on or dt.date.today()
    st = styles()
    title = f"{board.village}积分公示名单"
    doc = OfficialDocument(out, furniture=PageFurniture(board.village, title, printed_on))
    contact = board.objection_contact or "村委会办公室"
    latest_end = max((s.ends_on for s in board.sections if s.ends_on), default=None)
    story = [
        Title(title),
        Paragraph(f"共 {board.count} 条积分记录正在公示　　打印日期：{cn_date(printed_on)}", st.subtitle),
        Spacer(1, 2 * mm),
        Paragraph("以下积分记录已经审核，现予公示。公示期满无异议的，积分正式生效；公示期内如有异议，"
                  f"请在公示截止日前向<font color='#c8102e'>{contact}</font>提出（写明户主、事项和理由），"
                  "村委会核实后答复，异议成立的予以冲正。", st.body),
        Spacer(1, 3 * mm),
    ]
    if not board.sections:
        story.append(Paragraph("目前没有正在公示的积分记录。", st.body))
    fixed = sum(w for _h, w in COLUMNS) * mm
    widths = [w * mm if w else doc.width - fixed for _h, w in COLUMNS]
    for section in board.sections:
        period = (f"{cn_date(section.starts_on)}至{cn_date(section.ends_on)}" if section.starts_on and section.ends_on
                  else "")
        heading = Paragraph(f"<font color='#c8102e'>■</font> {section.title}　<font size=9 color='#6b6b6b'>"
                            f"公示期：{period}　异议截止：{cn_date(section.ends_on) if section.ends_on else '—'}"
                            f"　共 {len(section.items)} 条</font>", st.body)
        data = [[Paragraph(h, st.head_cell) for h, _w in COLUMNS]]
        for i, item in enumerate(section.items, start=1):
            data.append([str(i), mask_name(item.head_name) if mask_names else item.head_name, item.group,
                         item.category, Paragraph(item.what, st.cell), _signed(item.points),
                         item.occurred_on.isoformat()])
        table = Table(data, colWidths=widths, repeatRows=1)
        commands = [
            ("FONTSIZE", (0, 1), (-1, -1), 9),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (0, 1), (-1, -1), "CENTER"),
            ("ALIGN", (5, 1), (5, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, RED),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, RED),
            ("LINEBELOW", (0, -1), (-1, -1), 1.2, RED),
            ("INNERGRID", (0, 1), (-1, -1), 0.25, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ("RIGHTPADDING", (5, 1), (5, -1), 8),
        ]
        for row, item in enumerate(section.items, start=1):
            if item.points < 0:
                commands.append(("TEXTCOLOR", (5, row), (5, row), RED))
        table.setStyle(table_style(commands))
        story += [KeepTogether([heading, Spacer(1, 1.5 * mm)]), table, Spacer(1, 6 * mm)]
    closing = (f"异议截止日期：{cn_date(latest_end)}。" if latest_end else "") + f"异议受理：{contact}。"
    story += [Paragraph(closing, st.note),
              KeepTogether([Spacer(1, 8 * mm),
                            Paragraph(f"{board.village}村民委员会<br/>{cn_date(printed_on)}", st.signature)])]
    doc.build(story)
