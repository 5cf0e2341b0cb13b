"""积分超市报表导出: the daily close, inventory and household redemptions as .xlsx workbooks."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pointsapp import clock
from pointsapp.services.exports import cells
from pointsapp.services.shop import reports as shop_reports
from pointsapp.services.shop.money import yuan
from pointsapp.services.auth import Actor
from pointsapp.text import domain_label, translate

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="C8102E")
_TITLE_FONT = Font(bold=True, size=14)


def _sheet(wb: Workbook, title: str, heading: str, columns: Sequence[tuple[str, str]], rows: Sequence[dict],
           first: bool = False, notes: Sequence[tuple[str, object]] = ()):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    cells.append(ws, [heading])
    ws["A1"].font = _TITLE_FONT
    for label, value in notes:
        cells.append(ws, [label, value])
    ws.append([])
    cells.append(ws, [domain_label(h) for _, h in columns])  # listed in ui/domain_labels.py
    head_row = ws.max_row
    for cell in ws[head_row]:
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center")
    for r in rows:  # status and stock state are fixed words, listed in ui/domain_labels.py
        cells.append(ws, [domain_label(r.get(k, "")) if k in ("status", "state") else r.get(k, "") for k, _ in columns])
    for i, (key, header) in enumerate(columns, start=1):
        width = max([len(str(header)) * 2] + [len(str(r.get(key, ""))) * 2 for r in rows[:500]]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width))
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    return ws


def _save(wb: Workbook, path: str | Path) -> Path:
    path = Path(path)
    cells.save_workbook(wb, path, translate("services.shop_export", "无法保存文件 {0}：{1}"))
    return path


def daily_close_xlsx(*, actor: Actor, day: dt.date, path: str | Path) -> Path:
    report = shop_reports.daily_close(actor=actor, day=day)
    wb = Workbook()
    notes = [(translate("services.shop_export", "兑换笔数"), report.redeemed_count),
             (translate("services.shop_export", "兑换积分"), report.redeemed_points),
             (translate("services.shop_export", "作废笔数"), report.void_count),
             (translate("services.shop_export", "作废退回积分"), report.void_points),
             (translate("services.shop_export", "净兑换积分"), report.net_points),
             (translate("services.shop_export", "积分账本记录"), report.ledger_net),
             (translate("services.shop_export", "核对结果"), translate("services.shop_export", "一致")
              if report.balanced else translate("services.shop_export", "不一致，请检查"))]
    if report.cash_fen or report.void_cash_fen:  # 现金补差: the money, exact, as 元 text
        notes += [(translate("services.shop_export", "收现金（元）"), yuan(report.cash_fen)),
                  (translate("services.shop_export", "作废退还现金（元）"), yuan(report.void_cash_fen)),
                  (translate("services.shop_export", "钱箱应有（元）"), yuan(report.net_cash_fen))]
    _sheet(wb, translate("services.shop_export", "日结汇总"),
           translate("services.shop_export", "积分超市日结 {0}").format(day.isoformat()), shop_reports.PRODUCT_COLUMNS,
           report.products, first=True, notes=notes)
    _sheet(wb, translate("services.shop_export", "收银员"),
           translate("services.shop_export", "收银员汇总 {0}").format(day.isoformat()), shop_reports.CASHIER_COLUMNS,
           report.cashiers)
    _sheet(wb, translate("services.shop_export", "兑换明细"),
           translate("services.shop_export", "兑换明细 {0}").format(day.isoformat()), shop_reports.REDEMPTION_COLUMNS,
           report.redemptions)
    return _save(wb, path)


def inventory_xlsx(*, actor: Actor, path: str | Path, start: dt.date | None = None,
                   end: dt.date | None = None) -> Path:
    rows = shop_reports.inventory(actor=actor, start=start, end=end)
    span = translate("services.shop_export", "{0} 至 {1}").format(start or translate("services.shop_export", "开始"),
                                                                   end or clock.today())
    wb = Workbook()
    _sheet(wb, translate("services.shop_export", "库存"),
           translate("services.shop_export", "积分超市库存表（出入库统计：{0}）").format(span),
           shop_reports.INVENTORY_COLUMNS, rows, first=True)
    return _save(wb, path)


def by_household_xlsx(*, actor: Actor, path: str | Path, start: dt.date, end: dt.date,
                      household_id: int | None = None) -> Path:
    rows = shop_reports.by_household(actor=actor, start=start, end=end, household_id=household_id)
    detail = shop_reports.redemptions(actor=actor, start=start, end=end, household_id=household_id, limit=100000)
    wb = Workbook()
    _sheet(wb, translate("services.shop_export", "按户汇总"),
           translate("services.shop_export", "各户兑换汇总 {0} 至 {1}").format(start, end),
           shop_reports.HOUSEHOLD_COLUMNS, rows, first=True)
    _sheet(wb, translate("services.shop_export", "兑换明细"),
           translate("services.shop_export", "兑换明细 {0} 至 {1}").format(start, end),
           shop_reports.REDEMPTION_COLUMNS, detail)
    return _save(wb, path)
