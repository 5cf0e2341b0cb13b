"""The options of each printable document on the print page, and the job each one runs.

A panel's ``job()`` reads its fields on the UI thread and returns a :class:`PrintJob`
whose ``run(path, report)`` does the database and PDF work on the worker thread. The public papers (ranking
notice, notice list, certificates, statement) publish the ledger's fingerprint there and print it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from pointsapp import clock
from pointsapp.services.ops import preferences
from pointsapp.printing.page import PAPER_LABELS
from pointsapp.services import periods
from pointsapp.services.register import cards
from pointsapp.services.auth import Actor, Permission
from pointsapp.errors import UserError
from pointsapp.services.register import choices
from pointsapp.services.register.choices import VillageChoice
from pointsapp.services.scoring import fingerprint
from pointsapp.ui import domain_labels
from pointsapp.services.changes import Changes
from pointsapp.ui.operations import changes_of
from pointsapp.ui.period_chooser import PeriodChooser
from pointsapp.ui.village_picker import VillagePicker

Report = Callable[[str], None]



@dataclass(frozen=True)
class PrintJob:
    title: str       # shown above the preview
    file_name: str   # suggested when saving
    run: Callable[[str, Report], str]  # writes the PDF to the path, returns a one-line summary
    changes: Changes = Changes.NONE  # what making it changes (cards issued on the way), for the broadcast


def _document(*parts: str) -> str:
    """What a published fingerprint was printed on: the paper's title and what it covers."""
    return " ".join(p for p in parts if p)


def _publish(actor: Actor, document: str, report: Report) -> fingerprint.Fingerprint:
    """Record the ledger's fingerprint the paper about to be made prints (a few seconds on a township's ledger)."""
    report(QCoreApplication.translate("print_options", "正在计算账本指纹…"))
    return fingerprint.publish(actor=actor, document=document)


def _form(panel: QWidget, picker: VillagePicker, *rows: tuple[str, QWidget] | QWidget) -> None:
    """A panel's form: where (the picker's rows), then each row, a (label, field) or a lone widget (a check box)."""
    form = QFormLayout(panel)
    picker.add_rows(form)
    for row in rows:
        if isinstance(row, tuple):
            form.addRow(*row)
        else:
            form.addRow(row)


def _period(text: str) -> periods.Period:
    return periods.parse(text.strip())


class CardsOptions(QWidget):
    reissue_requested = Signal()

    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.picker = VillagePicker(villages, all_villages=QCoreApplication.translate("print_options", "全部村"), with_groups=True)
        self.households = QLineEdit()
        self.households.setPlaceholderText(QCoreApplication.translate("print_options", "不填：全部户；多个户号用空格或逗号分开"))
        self.single = QCheckBox(QCoreApplication.translate("print_options", "每页一张（制卡机，85.6×54 毫米）"))
        self.stars = QCheckBox(QCoreApplication.translate("print_options", "卡上印星级"))
        self.stars.setChecked(True)
        self.reissue = QPushButton(QCoreApplication.translate("print_options", "补卡…"))
        self.reissue.setToolTip(QCoreApplication.translate("print_options", "卡片遗失或损坏：作废旧卡，补发新卡"))
        self.reissue.setVisible(actor.can(Permission.CARD_ISSUE))
        self.reissue.clicked.connect(self.reissue_requested)
        _form(self, self.picker, (QCoreApplication.translate("print_options", "户号"), self.households), self.single,
              self.stars, self.reissue)

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.cards import cards_pdf

        village_id, group_id = self.picker.village_id(), self.picker.group_id()
        numbers = [n for n in re.split(r"[\s,，、;；]+", self.households.text()) if n]
        single, stars = self.single.isChecked(), self.stars.isChecked()

        def run(path: str, report: Report) -> str:
            report(QCoreApplication.translate("print_options", "正在准备积分卡…"))
            ids = cards.households_for_cards(actor=actor, village_id=village_id, group_id=group_id,
                                             household_nos=numbers or None)
            if not ids:
                raise UserError(QCoreApplication.translate("print_options", "没有符合条件的在册户。"))
            issued = cards.issue_cards(actor=actor, household_ids=ids)  # printing a card issues it
            faces = cards.card_faces(actor=actor, issued=[issued[h] for h in ids if h in issued])
            pages = cards_pdf(path, faces, single=single, show_stars=stars, progress=report)
            return QCoreApplication.translate("print_options", "积分卡 {0} 张，共 {1} 页").format(len(faces), pages)

        return PrintJob(QCoreApplication.translate("print_options", "积分卡"), QCoreApplication.translate("print_options", "积分卡.pdf"), run,
                        changes_of(cards.issue_cards))


class PublicBoardOptions(QWidget):
    """What the two papers posted on the village board share (the ranking notice, the red-black board): where (the
    township, a village or one of its groups), the period, which class of households (户类), the paper, and
    whether names are masked; ``lay_out`` puts the paper's own rows after the class of households."""

    def __init__(self, actor: Actor, villages: list[VillageChoice], period: QWidget, parent=None):
        super().__init__(parent)
        from pointsapp.services.register import households as register

        self.picker = VillagePicker(villages, all_villages=QCoreApplication.translate("print_options", "全镇"), with_groups=True)
        if villages:
            self.picker.village.setCurrentIndex(1)
        self.period = period
        self.tag = QComboBox()  # 党员户, 干部户 … ranked apart
        self.tag.addItem(QCoreApplication.translate("print_options", "全部户"), "")
        for tag in register.all_tags(actor=actor):
            self.tag.addItem(tag, tag)
        self.mask = QCheckBox(QCoreApplication.translate("print_options", "隐藏姓名中间的字（张*丰）"))
        self.mask.setChecked(bool(preferences.value(actor=actor, key="mask_names")))
        self.paper = QComboBox()
        for key, label in PAPER_LABELS.items():
            self.paper.addItem(domain_labels.label(label), key)

    def lay_out(self, *rows: tuple[str, QWidget]) -> None:
        _form(self, self.picker, (QCoreApplication.translate("print_options", "期间"), self.period),
              (QCoreApplication.translate("print_options", "户类"), self.tag), *rows,
              (QCoreApplication.translate("print_options", "纸张"), self.paper), self.mask)

    def document(self, title: str, period: periods.Period, *more: str) -> str:
        """What the published fingerprint is printed on: the paper, its period, where, the class, then ``more``."""
        group = self.picker.group.currentText() if self.picker.group_id() is not None else ""
        return _document(title, period.code, self.picker.village.currentText(), group, self.tag.currentData() or "",
                         *more)


class RankingOptions(PublicBoardOptions):
    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        # the last finished quarter: a notice is of a period that is over
        super().__init__(actor, villages, PeriodChooser(kind="quarter"), parent)
        from pointsapp.services.scoring import rankings

        self.category = QComboBox()
        self.category.addItem(QCoreApplication.translate("print_options", "按总分"), "")
        only = villages[0].id if len(villages) == 1 else None
        for code, name in rankings.category_choices(actor=actor, village_id=only):
            self.category.addItem(name, code)
        self.lay_out((QCoreApplication.translate("print_options", "类别"), self.category))

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.ranking import ranking_pdf

        period = _period(self.period.text())
        village_id, group_id = self.picker.village_id(), self.picker.group_id()
        mask, paper = self.mask.isChecked(), self.paper.currentData()
        tag, category = self.tag.currentData() or None, self.category.currentData() or None
        document = self.document(QCoreApplication.translate("print_options", "积分公示榜"), period, category or "")

        def run(path: str, report: Report) -> str:
            printed = _publish(actor, document, report)
            rows = ranking_pdf(path, actor=actor, period=period, village_id=village_id, group_id=group_id,
                               mask_names=mask, paper=paper, progress=report, fingerprint=printed, tag=tag,
                               category=category)
            return QCoreApplication.translate("print_options", "{0}积分公示榜，{1} 户").format(domain_labels.period_label(period), rows)

        return PrintJob(QCoreApplication.translate("print_options", "积分公示榜"), QCoreApplication.translate("print_options", "积分公示榜-{0}.pdf").format(period.code), run)


class RedBlackOptions(PublicBoardOptions):
    """红黑榜: a month's best households per heading and its deductions with their rules, of one class of
    households when a tag is chosen."""

    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        from pointsapp.services.scoring.boards import RED_PER_HEADING

        today = clock.today()
        period = QLineEdit(f"{today.year}-{today.month:02d}")
        period.setPlaceholderText(QCoreApplication.translate("print_options", "通常是一个月，如 2026-10"))
        super().__init__(actor, villages, period, parent)
        self.top = QSpinBox()
        self.top.setRange(1, 20)
        self.top.setValue(RED_PER_HEADING)
        self.lay_out((QCoreApplication.translate("print_options", "红榜每类户数"), self.top))

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.red_black import red_black_pdf

        period = _period(self.period.text())
        village_id, group_id = self.picker.village_id(), self.picker.group_id()
        tag, top = self.tag.currentData() or None, self.top.value()
        mask, paper = self.mask.isChecked(), self.paper.currentData()
        document = self.document(QCoreApplication.translate("print_options", "红黑榜"), period)

        def run(path: str, report: Report) -> str:
            printed = _publish(actor, document, report)
            red, black = red_black_pdf(path, actor=actor, period=period, village_id=village_id, group_id=group_id,
                                       tag=tag, per_heading=top, mask_names=mask, paper=paper, progress=report,
                                       fingerprint=printed)
            return QCoreApplication.translate("print_options", "{0}红黑榜：红榜 {1} 户次，黑榜 {2} 条").format(
                domain_labels.period_label(period), red, black)

        return PrintJob(QCoreApplication.translate("print_options", "红黑榜"),
                        QCoreApplication.translate("print_options", "红黑榜-{0}.pdf").format(period.code), run)


class NoticeOptions(QWidget):
    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.picker = VillagePicker(villages, all_villages=None, with_groups=False)
        self.mask = QCheckBox(QCoreApplication.translate("print_options", "隐藏姓名中间的字（张*丰）"))
        _form(self, self.picker, self.mask)

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.notice_list import notice_pdf

        village_id, mask = self.picker.village_id(), self.mask.isChecked()
        if village_id is None:
            raise UserError(QCoreApplication.translate("print_options", "请先选择村。"))
        document = _document(QCoreApplication.translate("print_options", "积分公示名单"),
                             self.picker.village.currentText())

        def run(path: str, report: Report) -> str:
            printed = _publish(actor, document, report)
            count = notice_pdf(path, actor=actor, village_id=village_id, mask_names=mask, progress=report,
                               fingerprint=printed)
            return QCoreApplication.translate("print_options", "公示中的积分记录 {0} 条").format(count)

        return PrintJob(QCoreApplication.translate("print_options", "积分公示名单"), QCoreApplication.translate("print_options", "积分公示名单.pdf"), run)


class CertificatesOptions(QWidget):
    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.picker = VillagePicker(villages, all_villages=QCoreApplication.translate("print_options", "全部村"), with_groups=False)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.top = QSpinBox()
        self.top.setRange(1, 1000)
        self.top.setValue(10)
        self.top.setToolTip(QCoreApplication.translate("print_options", "这一年还没有授星的村，按累计积分排名前几名发证"))
        _form(self, self.picker, (QCoreApplication.translate("print_options", "年度"), self.year),
              (QCoreApplication.translate("print_options", "未授星时取前"), self.top))

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.certificates import certificates_pdf

        year, village_id, top = self.year.value(), self.picker.village_id(), self.top.value()
        document = _document(QCoreApplication.translate("print_options", "证书"), str(year),
                             self.picker.village.currentText())

        def run(path: str, report: Report) -> str:
            printed = _publish(actor, document, report)
            count = certificates_pdf(path, actor=actor, year=year, village_id=village_id, top=top, progress=report,
                                     fingerprint=printed)
            return QCoreApplication.translate("print_options", "{0}年度证书 {1} 张").format(year, count)

        return PrintJob(QCoreApplication.translate("print_options", "证书"), QCoreApplication.translate("print_options", "证书-{0}.pdf").format(year), run)


class StatementOptions(QWidget):
    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.picker = VillagePicker(villages, all_villages=None, with_groups=False)
        self.household = QLineEdit()
        self.household.setPlaceholderText(QCoreApplication.translate("print_options", "如 01001"))
        self.period = PeriodChooser(kind="year", current=True, allow_all=True)  # this year so far, or everything
        _form(self, self.picker, (QCoreApplication.translate("print_options", "户号"), self.household),
              (QCoreApplication.translate("print_options", "期间"), self.period))

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.statement import statement_pdf

        village_id, number = self.picker.village_id(), self.household.text().strip()
        if village_id is None or not number:
            raise UserError(QCoreApplication.translate("print_options", "请选择村并填写户号。"))
        period = _period(self.period.text()) if self.period.text().strip() else None
        document = _document(QCoreApplication.translate("print_options", "积分明细单"),
                             self.picker.village.currentText(), number, period.code if period else "")

        def run(path: str, report: Report) -> str:
            household = choices.require_household(actor=actor, village_id=village_id, household_no=number)
            printed = _publish(actor, document, report)
            count = statement_pdf(path, actor=actor, household_id=household.id, period=period, progress=report,
                                  fingerprint=printed)
            return QCoreApplication.translate("print_options", "{0} {1} 的积分明细，{2} 条").format(household.household_no, household.head_name, count)

        return PrintJob(QCoreApplication.translate("print_options", "积分明细单"), QCoreApplication.translate("print_options", "积分明细单-{0}.pdf").format(number), run)


class DonationsOptions(QWidget):
    """爱心捐赠公示 (the public list of a period) or, with ``receipts``, a receipt for each of its donations."""

    receipts = False

    def __init__(self, actor: Actor, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.picker = VillagePicker(villages, all_villages=QCoreApplication.translate("print_options", "全镇"), with_groups=False)
        if len(villages) == 1:
            self.picker.village.setCurrentIndex(1)
        self.period = PeriodChooser(kind="quarter")  # the last finished quarter: a notice is of a period that is over
        self.donor = QLineEdit()
        self.donor.setPlaceholderText(QCoreApplication.translate("print_options", "不填：全部捐赠人"))
        _form(self, self.picker, (QCoreApplication.translate("print_options", "期间"), self.period),
              (QCoreApplication.translate("print_options", "捐赠人"), self.donor))

    def job(self, actor: Actor) -> PrintJob:
        from pointsapp.printing.donations import donation_list_pdf, donation_receipts_pdf
        from pointsapp.services.shop.donations import donations

        period = _period(self.period.text())
        village_id, donor = self.picker.village_id(), self.donor.text().strip()
        label = domain_labels.period_label(period)
        if not self.receipts:
            def run(path: str, report: Report) -> str:
                count = donation_list_pdf(path, actor=actor, period=period, village_id=village_id, donor=donor,
                                          progress=report)
                return QCoreApplication.translate("print_options", "{0}爱心捐赠公示，{1} 笔").format(label, count)

            return PrintJob(QCoreApplication.translate("print_options", "爱心捐赠公示"),
                            QCoreApplication.translate("print_options", "爱心捐赠公示-{0}.pdf").format(period.code), run)

        def run_receipts(path: str, report: Report) -> str:
            ids = [r.id for r in donations(actor=actor, period=period, village_id=village_id, donor=donor).rows]
            if not ids:
                raise UserError(QCoreApplication.translate("print_options", "{0}没有爱心捐赠记录，没有可打印的收据。").format(label))
            count = donation_receipts_pdf(path, actor=actor, move_ids=ids, progress=report)
            return QCoreApplication.translate("print_options", "捐赠收据 {0} 张").format(count)

        return PrintJob(QCoreApplication.translate("print_options", "捐赠收据"),
                        QCoreApplication.translate("print_options", "捐赠收据-{0}.pdf").format(period.code), run_receipts)


class DonationReceiptsOptions(DonationsOptions):
    receipts = True


# (key, title, panel class) in the order the page offers them
KINDS = [
    ("cards", QT_TRANSLATE_NOOP("print_options", "积分卡"), CardsOptions),
    ("ranking", QT_TRANSLATE_NOOP("print_options", "积分公示榜"), RankingOptions),
    ("red_black", QT_TRANSLATE_NOOP("print_options", "红黑榜"), RedBlackOptions),
    ("notice", QT_TRANSLATE_NOOP("print_options", "积分公示名单"), NoticeOptions),
    ("certificates", QT_TRANSLATE_NOOP("print_options", "星级文明户证书"), CertificatesOptions),
    ("statement", QT_TRANSLATE_NOOP("print_options", "积分明细单"), StatementOptions),
    ("donations", QT_TRANSLATE_NOOP("print_options", "爱心捐赠公示"), DonationsOptions),
    ("donation_receipts", QT_TRANSLATE_NOOP("print_options", "捐赠收据"), DonationReceiptsOptions),
]
