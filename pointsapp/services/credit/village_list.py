"""整村授信: the whole village's list for a bank as .xlsx — each active household's points per year, available
points, stars and black-board entries; ID numbers masked; every text cell kept text (services/exports/cells)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import Village
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.credit import facts as facts_mod
from pointsapp.services.exports import cells
from pointsapp.text import translate


def village_list_xlsx(*, actor: Actor, village_id: int, path: str | Path,
                      years: int = facts_mod.DEFAULT_YEARS) -> int:
    """Write the list; returns the number of households in it."""
    require(actor, Permission.REPORT_VIEW)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.credit", "找不到这个村。"))
    today = clock.today()
    rows = facts_mod.gather(facts_mod.households_of(village_id=village_id), as_of=today, years=years)
    span = facts_mod.year_span(today, years)
    wb = Workbook()
    ws = wb.active
    ws.title = translate("services.credit", "整村授信名单")
    cells.append(ws, [translate("services.credit", "{0} 整村授信积分名单").format(village.name)])
    ws["A1"].font = Font(bold=True, size=14)
    cells.append(ws, [translate("services.credit", "村代码"), village.code, translate("services.credit", "出具日期"), today.isoformat()])
    cells.append(ws, [translate("services.credit", "身份证号只显示前 4 位和后 4 位；{0} 年的积分截至出具日。").format(today.year)])
    ws.append([])
    headers = [translate("services.credit", "户号"), translate("services.credit", "小组"), translate("services.credit", "户主"), translate("services.credit", "户主身份证号"), translate("services.credit", "家庭人口")]
    headers += [translate("services.credit", "{0}年积分").format(y) for y in span] + [translate("services.credit", "可用积分"), translate("services.credit", "星级数"), translate("services.credit", "星级")]
    headers += [translate("services.credit", "{0}年上黑榜次数").format(y) for y in span]
    cells.append(ws, headers)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for f in rows:
        black = dict(f.black_per_year())
        cells.append(ws, [f.household_no, f.group, f.head_name, f.head_id_masked, f.members,
                          *[points for _y, points in f.years], f.available, len(f.stars), "、".join(f.stars),
                          *[black.get(y, 0) for y in span]])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(40, len(header) * 2 + 2))
    path = Path(path)
    cells.save_workbook(wb, path, translate("services.credit", "无法保存文件 {0}：{1}"))
    with write_transaction():
        audit.record(actor, "certificate.village_list", "village", village_id,
                     new={"households": len(rows), "years": years, "file": path.name})
    return len(rows)
