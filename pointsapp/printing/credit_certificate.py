"""积分证明: one household's points certificate for a bank (积分贷), A4, with the signed QR code the bank checks with
the village's public key alone, and the ledger fingerprint line of every public paper."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from pointsapp.printing.cards import draw_qr
from pointsapp.printing.fonts import draw_text, markup, unrendered_note
from pointsapp.printing.layout import Column, TableFit, break_lines
from pointsapp.printing.page import (
    GREY,
    INK,
    LIST_RULES,
    RED,
    RULE,
    ZEBRA,
    OfficialDocument,
    Output,
    PageFurniture,
    SealBlock,
    Title,
    cn_date,
    fingerprint_line,
    fingerprint_now,
    styles,
)
from pointsapp.services.credit.certificates import IssuedCertificate
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.text import translate

QR_SIZE = 56 * mm  # a typical payload (~360 bytes) is version 17 at Q: modules of 0.66 mm, read by a phone
QR_Q_BYTES = 400   # up to this, level Q (a folded, handled paper); a longer chain of keys gets M, keeping modules big


class QrBlock(Flowable):
    """The signed payload's QR code at the left (with its quiet zone) and how to check it at the right."""

    def __init__(self, payload: str, lines: list[str]):
        super().__init__()
        self.payload, self.lines = payload, lines

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, QR_SIZE + 6 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        level = "Q" if len(self.payload.encode("utf-8")) <= QR_Q_BYTES else "M"
        draw_qr(c, self.payload, 3 * mm, 3 * mm, QR_SIZE, level=level)
        x, y = QR_SIZE + 10 * mm, self.height - 8 * mm
        room = self.width - x - 4 * mm
        for i, text in enumerate(self.lines):
            size = 11 if i == 0 else 8.5
            c.setFillColor(INK if i == 0 else GREY)
            for line in break_lines(text, room, size):
                draw_text(c, x, y, line, size)
                y -= size * 1.4
            y -= 2 if i == 0 else 0
        c.restoreState()


def render_certificate(out: Output, cert: IssuedCertificate, *, fingerprint: Fingerprint | None = None) -> None:
    """The certificate of ``cert`` (as ``services.credit.certificates.issue`` made it)."""
    f, s = cert.facts, cert.signed
    fingerprint = fingerprint_now(fingerprint)
    st = styles()
    title = translate("printing.credit_certificate", "村民积分证明")
    doc = OfficialDocument(out, furniture=PageFurniture(
        f.village, translate("printing.credit_certificate", "{0}（{1} {2}）").format(title, f.household_no, f.head_name), s.issued_on,
        fingerprint=fingerprint_line(fingerprint)))
    label = {"wrap": False}
    info = [[translate("printing.credit_certificate", "证明编号"), s.serial, translate("printing.credit_certificate", "出具日期"), cn_date(s.issued_on)],
            [translate("printing.credit_certificate", "村"), f.village, translate("printing.credit_certificate", "小组"), f.group],
            [translate("printing.credit_certificate", "户号"), f.household_no, translate("printing.credit_certificate", "户主"), f.head_name],
            [translate("printing.credit_certificate", "户主身份证号"), f.head_id_masked or translate("printing.credit_certificate", "（未登记）"), translate("printing.credit_certificate", "家庭人口"), translate("printing.credit_certificate", "{0} 人").format(f.members)]]
    info_fit = TableFit([Column("", **label), Column("", align="left", flex=True, least_chars=4),
                         Column("", **label), Column("", align="left", flex=True, least_chars=4)],
                        doc.width, 10.5, 8, pad=4)
    info_table = info_fit.table(info, header=False, colors={(c, r): GREY for c in (0, 2) for r in range(4)},
                                commands=[("BOX", (0, 0), (-1, -1), 0.6, RULE),
                                          ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE)] +
                                [("BACKGROUND", (c, 0), (c, -1), ZEBRA) for c in (0, 2)])
    black_years = dict(s.black) if s.black is not None else None
    columns = [Column(translate("printing.credit_certificate", "年度"), wrap=False), Column(translate("printing.credit_certificate", "获得积分"), align="right", wrap=False),
               Column(translate("printing.credit_certificate", "上黑榜次数"), align="right", wrap=False)]
    rows = []
    for year, points in s.years:
        shown_year = translate("printing.credit_certificate", "{0} 年（截至{1}）").format(year, cn_date(s.issued_on)) if year == s.issued_on.year \
            else translate("printing.credit_certificate", "{0} 年").format(year)
        rows.append([shown_year, str(points),
                     translate("printing.credit_certificate", "户主未同意出具") if black_years is None else str(black_years.get(year, 0))])
    rows.append([translate("printing.credit_certificate", "当前可用积分"), str(s.available), ""])
    points_fit = TableFit(columns, doc.width, 10.5, 9, pad=4)
    points_table = points_fit.table(rows, commands=[*LIST_RULES, ("BACKGROUND", (0, len(rows)), (-1, len(rows)), ZEBRA)],
                                    colors={(1, len(rows) - 1): RED})
    story = [Title(title), Spacer(1, 1 * mm), info_table, Spacer(1, 3 * mm),
             Paragraph(markup(translate("printing.credit_certificate", "兹证明 {0}{1} {2} 户（户号 {3}）在本村村民积分制管理中的积分情况如下。本证明经户主同意出具，"
                                 "只载明户主同意出具的内容。").format(f.village, f.group, f.head_name, f.household_no)),
                       st.body),
             Spacer(1, 2 * mm), points_table, Spacer(1, 3 * mm)]
    if cert.show_stars:
        stars = translate("printing.credit_certificate", "{0} 星（{1}）").format(len(f.stars), "、".join(f.stars)) if f.stars else translate("printing.credit_certificate", "无")
        story.append(Paragraph(markup(translate("printing.credit_certificate", "现持有星级（星级文明户）：{0}").format(stars)), st.body))
    else:
        story.append(Paragraph(translate("printing.credit_certificate", "星级：户主未同意出具"), st.body))
    if cert.show_black_board:
        if f.black:
            story.append(Paragraph(translate("printing.credit_certificate", "黑榜记录（扣分且未冲正）："), st.body))
            black_fit = TableFit([Column(translate("printing.credit_certificate", "日期"), wrap=False), Column(translate("printing.credit_certificate", "事项"), align="left", flex=True,
                                                                           least_chars=8),
                                  Column(translate("printing.credit_certificate", "扣分"), align="right", wrap=False)], doc.width, 9.5, 8, pad=3)
            story.append(black_fit.table([[e.occurred_on.isoformat(), e.rule or e.category, str(e.points)]
                                          for e in f.black], commands=[*LIST_RULES]))
            points_fit.unrendered += black_fit.unrendered
        else:
            story.append(Paragraph(translate("printing.credit_certificate", "黑榜记录：以上年度无黑榜记录。"), st.body))
    else:
        story.append(Paragraph(translate("printing.credit_certificate", "黑榜记录：户主未同意出具"), st.body))
    key_line = translate("printing.credit_certificate", "本村公钥短码：{0}").format(cert.root_code)
    story += [Spacer(1, 2 * mm), KeepTogether([QrBlock(cert.payload, [
        translate("printing.credit_certificate", "扫码验证本证明"),
        translate("printing.credit_certificate", "二维码内含本证明的编号、户号、户主（隐去名字）、各年积分、可用积分、星级、黑榜次数和"
                  "出具日期，由经办人的签名密钥签名，该密钥由本村根密钥登记。银行只需本村公钥即可验证："),
        "pointsapp certificate verify  |  tools/verify_certificate.py",
        key_line,
        translate("printing.credit_certificate", "经办人：{0}").format(cert.issued_by),
        translate("printing.credit_certificate", "证明编号：{0}").format(s.serial)])])]
    story += [Spacer(1, 2 * mm),
              Paragraph(translate("printing.credit_certificate", "说明：“获得积分”为当年已生效的加分、扣分及其冲正之和；“可用积分”为出具日可在积分超市兑换的积分；"
                           "身份证号只显示前 4 位和后 4 位。本证明以出具日的账本为准，二维码内容与纸面不符的，以二维码验证结果为准。"),
                        st.small)]
    if fingerprint is not None:
        story.append(Paragraph(markup(fingerprint_line(fingerprint)) + translate("printing.credit_certificate", 
            "　本户的记录都在这个指纹所覆盖的账本中。"), st.small))
    gaps = info_fit.unrendered + points_fit.unrendered
    if gaps:
        story.append(Paragraph(markup(unrendered_note(gaps)), st.note))
    story.append(KeepTogether([Spacer(1, 2 * mm), SealBlock(translate("printing.credit_certificate", "{0}村民委员会").format(f.village), s.issued_on)]))
    doc.build(story)

