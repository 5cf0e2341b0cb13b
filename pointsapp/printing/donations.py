"""爱心捐赠: the public list of a period's donations (公示, A4) and a receipt for each donor (收据, A5).

Both read ``services.donations`` only. No ID numbers or phones: a donation names its donor
(a person or a business) and nothing else. The points value is at the product's current price
(the stock-in stores none), and both prints say so.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.fonts import cjk_font, markup
from pointsapp.printing.page import (
    GREY, HEADER_FILL, INK, LIST_RULES, RED, RULE, OfficialDocument, Output, PageFurniture, Progress, SealBlock, Title,
    bold_text, build_keeping_the_seal,
    cn_date, fitted_widths, no_progress, styles, table_style, target, word_wrap,
)
from pointsapp.services.auth import Actor
from pointsapp.services.register.notice_facts import supervision_phone
from pointsapp.services.shop.donations import (
    DonationList, DonationRow, anonymous_donors, donations, donations_by_id, public_donor,
)
from pointsapp.services.periods import Period
from pointsapp.text import list_sep, translate

def _columns() -> list[tuple[str, int]]:
    """(header, width in mm; 0 = what is left), in the chosen language."""
    return [(translate("printing.donations", "序号"), 10), (translate("printing.donations", "日期"), 24),
            (translate("printing.donations", "捐赠人（单位）"), 0), (translate("printing.donations", "捐赠物品"), 34),
            (translate("printing.donations", "数量"), 18), (translate("printing.donations", "折合积分"), 20)]


def _donor_columns() -> list[tuple[str, int]]:
    return [(translate("printing.donations", "捐赠人（单位）"), 0), (translate("printing.donations", "笔数"), 14),
            (translate("printing.donations", "捐赠物品"), 70), (translate("printing.donations", "折合积分"), 22)]


def donation_list_pdf(out: Output, *, actor: Actor, period: Period, village_id: int | None = None,
                      donor: str | None = None, printed_on: dt.date | None = None,
                      progress: Progress = no_progress) -> int:
    """Write the public donation list of a period. Returns the number of donations listed."""
    progress(translate("printing.donations", "正在读取爱心捐赠记录…"))
    listing = donations(actor=actor, period=period, village_id=village_id, donor=donor)
    render_donation_list(out, listing, printed_on=printed_on)
    return len(listing.rows)


def _table(data: list[list], widths: list[float], numeric: Sequence[int], *, total_row: bool = False) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("FONTSIZE", (0, 1), (-1, -1), 9),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        *LIST_RULES,
    ]
    for col in numeric:
        commands += [("ALIGN", (col, 1), (col, -1), "RIGHT"), ("RIGHTPADDING", (col, 1), (col, -1), 8)]
    if total_row:
        commands += [("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL), ("TEXTCOLOR", (0, -1), (-1, -1), RED),
                     ("LINEABOVE", (0, -1), (-1, -1), 0.8, RED)]
    table.setStyle(table_style(commands))
    return table


def render_donation_list(out: Output, listing: DonationList, *, printed_on: dt.date | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    period = listing.period.label if listing.period else ""
    title = translate("printing.donations", "{0}{1}爱心捐赠公示").format(listing.title, period)

    def make_doc(target_out: Output) -> OfficialDocument:
        return OfficialDocument(target_out, furniture=PageFurniture(listing.title, title, printed_on))

    width = make_doc(io.BytesIO()).width
    hidden = anonymous_donors()

    def make_story(keep_seal: bool) -> list:
        story = [
            Title(title),
            Paragraph(translate("printing.donations", "共 {0} 笔捐赠，折合 {1} 积分　　打印日期：{2}").format(
                len(listing.rows), listing.total_points, cn_date(printed_on)), st.subtitle),
            Spacer(1, 2 * mm),
        ]
        closing: list = []
        if not listing.rows:
            empty = st.body.clone("empty", alignment=TA_CENTER, fontSize=13, leading=20)
            story += [Spacer(1, 8 * mm), Paragraph(translate("printing.donations", "本期没有爱心捐赠记录。"), empty)]
        else:
            story += [Paragraph(translate(
                "printing.donations", "{0}以下单位和个人向积分超市爱心捐赠物品，现予公示。捐赠物品全部用于村民积分兑换。"
                                      "折合积分按商品现行兑换价计算（按现价折合积分）。").format(period), st.body),
                      Spacer(1, 3 * mm)]
            columns = _columns()
            rows = [[str(i), r.created_at.date().isoformat(), Paragraph(markup(public_donor(r.donor, hidden)), st.cell),
                     Paragraph(markup(r.product), st.cell), f"{r.quantity}{r.unit}", str(r.points)]
                    for i, r in enumerate(listing.rows, start=1)]
            data = [[Paragraph(h, st.head_cell) for h, _w in columns]] + rows
            story.append(_table(data, fitted_widths(columns, rows, width, 9), numeric=(4, 5)))
            heading = translate("printing.donations", "<font color='#c8102e'>■</font> 按捐赠人合计")
            story += [Spacer(1, 6 * mm), CondPageBreak(40 * mm), Paragraph(heading, st.body), Spacer(1, 1.5 * mm)]
            totals = _donor_columns()
            rows = [[Paragraph(markup(public_donor(d.donor, hidden)), st.cell), str(d.count),
                     Paragraph(list_sep().join(f"{p} {q}{u}" for p, q, u in d.goods), st.cell), str(d.points)]
                    for d in listing.donors]
            rows.append([translate("printing.donations", "合计（{0} 位捐赠人）").format(len(listing.donors)),
                         str(len(listing.rows)), "", str(listing.total_points)])
            head = [Paragraph(h, st.head_cell) for h, _w in totals]
            widths = fitted_widths(totals, rows, width, 9)
            # the last rows go with the seal when it would otherwise stand alone (a second build: see page.py)
            tail = 3 if keep_seal and len(rows) > 4 else 0
            if tail:
                story.append(_table([head] + rows[:-tail], widths, numeric=(1, 3)))
                closing.append(_table([head] + rows[-tail:], widths, numeric=(1, 3), total_row=True))
            else:
                story.append(_table([head] + rows, widths, numeric=(1, 3), total_row=True))
        thanks = translate("printing.donations", "衷心感谢以上爱心单位和人士对本村积分制管理和乡风文明建设的关心与支持！")
        closing += [Spacer(1, 6 * mm), Paragraph(thanks, st.body),
                    Paragraph(translate("printing.donations", "如对公示内容有疑问，请向村委会办公室反映。"), st.note),
                    Spacer(1, 6 * mm), SealBlock(listing.title, printed_on, phone=supervision_phone())]
        return story + [KeepTogether(closing)]

    build_keeping_the_seal(out, make_doc, make_story)


# --- receipts ---------------------------------------------------------------------------------------------

def donation_receipts_pdf(out: Output, *, actor: Actor, move_ids: Sequence[int],
                          progress: Progress = no_progress) -> int:
    """Write one A5 receipt per donation stock-in. Returns how many were printed."""
    progress(translate("printing.donations", "正在读取爱心捐赠记录…"))
    render_receipts(out, donations_by_id(actor=actor, move_ids=move_ids))
    return len(move_ids)


def render_receipts(out: Output, rows: Sequence[DonationRow]) -> None:
    c = Canvas(target(out), pagesize=A5, initialFontName=cjk_font())
    c.setTitle(translate("printing.donations", "爱心捐赠收据"))
    c.setCreator(translate("printing.donations", "村民积分管理系统"))
    for row in rows:
        draw_receipt(c, row)
        c.showPage()
    c.save()


def _issuer(row: DonationRow) -> str:
    if row.township:
        return translate("printing.donations", "{0}积分超市").format(row.village)
    return translate("printing.page", "{0}村民委员会").format(row.village)


def draw_receipt(c: Canvas, row: DonationRow) -> None:
    width, height = A5
    font = cjk_font()
    c.saveState()
    c.setStrokeColor(RED)
    c.setLineWidth(1.6)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.restoreState()
    bold_text(c, width / 2, height - 32 * mm, translate("printing.donations", "爱心捐赠收据"), 24, RED, align="center")
    c.setFont(font, 9)
    c.setFillColor(GREY)
    number = translate("printing.donations", "收据编号：{0}").format(row.receipt_no)
    c.drawRightString(width - 16 * mm, height - 18 * mm, number)
    left, text_width = 18 * mm, width - 36 * mm
    body = ParagraphStyle("receipt", fontName=font, fontSize=12, leading=21, textColor=INK, wordWrap=word_wrap())
    y = height - 44 * mm
    intro = Paragraph(translate("printing.donations", "兹收到 <u>{0}</u> 向{1}积分超市爱心捐赠以下物品：").format(
        markup(row.donor), markup(row.village)), body)
    _w, h = intro.wrapOn(c, text_width, 40 * mm)
    intro.drawOn(c, left, y - h)
    y -= h + 4 * mm
    cell = ParagraphStyle("receipt_cell", parent=body, fontSize=11, leading=15)
    data = [[translate("printing.donations", "捐赠物品"), translate("printing.donations", "数量"),
             translate("printing.donations", "折合积分")],
            [Paragraph(row.product, cell), f"{row.quantity} {row.unit}", str(row.points)]]
    table = Table(data, colWidths=[text_width - 60 * mm, 30 * mm, 30 * mm])
    table.setStyle(table_style([
        ("FONTSIZE", (0, 0), (-1, -1), 11), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TEXTCOLOR", (0, 0), (-1, 0), RED),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    _w, h = table.wrapOn(c, text_width, 60 * mm)
    table.drawOn(c, left, y - h)
    y -= h + 3 * mm
    note = Paragraph(translate("printing.donations", "折合积分按商品现行兑换价计算（按现价折合积分，{0} 积分/{1}）。").format(row.price, row.unit),
                     ParagraphStyle("receipt_note", parent=body, fontSize=8.5, leading=12, textColor=GREY))
    _w, h = note.wrapOn(c, text_width, 30 * mm)
    note.drawOn(c, left, y - h)
    y -= h + 6 * mm
    thanks = Paragraph(translate("printing.donations", "捐赠物品将全部用于村民积分兑换。衷心感谢您对乡风文明建设的关心与支持！"),
                       ParagraphStyle("receipt_thanks", parent=body, firstLineIndent=24))
    _w, h = thanks.wrapOn(c, text_width, 40 * mm)
    thanks.drawOn(c, left, y - h)

    c.setFont(font, 11)
    c.setFillColor(INK)
    c.drawString(left, 44 * mm, translate("printing.donations", "捐赠日期：{0}").format(cn_date(row.created_at.date())))
    c.drawString(left, 35 * mm, translate("printing.donations", "经手人：{0}").format(row.receiver))
    sign_x = width - 42 * mm
    c.saveState()
    c.setStrokeColor(colors.HexColor("#e8a0a8"))
    c.setDash(3, 3)
    c.circle(sign_x, 38 * mm, 17 * mm)
    c.setFillColor(colors.HexColor("#e8a0a8"))
    c.setFont(font, 8)
    c.drawCentredString(sign_x, 25 * mm, translate("printing.donations", "（盖章）"))
    c.restoreState()
    c.setFont(font, 11)
    c.setFillColor(INK)
    c.drawCentredString(sign_x, 42 * mm, _issuer(row))
    c.drawCentredString(sign_x, 34 * mm, cn_date(row.created_at.date()))
