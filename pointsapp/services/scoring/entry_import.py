"""导入积分录入表: a group's month of entries from the sheet ``entry_sheet`` wrote (or a .csv list), checked line by
line, written as one batch through the same door as typed entries — or, on any fault, not at all.

Every fault is listed with its sheet and row (an unknown household, a rule of another village, a date outside
the month, a mark no one can read, a cap the file itself would pass). The file is read with the roster import's
safeguards (``roster_limits``: size, zip bombs, DTDs, row counts; ``textnorm``: control and invisible
characters). The entries start in the village's workflow (录入 → 审核 → 公示 in a reviewed village; effective
at once in a simple one, where a veto among them withdraws the stars as a typed one would).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pointsapp.db.connection import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import Batch, EntryStatus, Household, Member, Rule, Village
from pointsapp.services import audit, periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import roster_limits as bounds
from pointsapp.services.register import textnorm
from pointsapp.services.register.roster_read import Checked, read_rows
from pointsapp.services.scoring import entry_sheet as sheet
from pointsapp.services.scoring.entries import (
    _check_day, _check_household, _check_rule, _draft, household_label, initial_status, inspection_day,
    withdraw_stars_after_veto,
)
from pointsapp.services.scoring.ledger import append
from pointsapp.services.scoring.rules import Usage, limit_problem, usage
from pointsapp.text import translate

log = logging.getLogger(__name__)

LINE_LIMIT = 20_000  # entries in one file: a township's month is far fewer
MARKS = {"√", "✓", "✔", "v", "V", "y", "Y", "是", "x", "X", "○", "●", "1"}
_NOTE_MAX = 200


@dataclass(frozen=True)
class SheetFault:
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        if self.row:
            return translate("services.entry_import", "{0} 第 {1} 行：{2}").format(self.sheet, self.row, self.reason)
        return f"{self.sheet}：{self.reason}" if self.sheet else self.reason


@dataclass
class ImportLine:
    sheet: str
    row: int
    household_no: str
    head_name: str
    rule_code: str
    day: dt.date | None
    note: str = ""
    member: str = ""


@dataclass
class EntryImportResult(Checked):
    file: str
    group: str
    period: str
    dry_run: bool
    written: bool = False
    entries: int = 0
    points: int = 0
    households: int = 0
    status: str = ""
    batch_id: int | None = None
    faults: list[SheetFault] = field(default_factory=list)

    def summary(self) -> str:
        if self.faults:
            return translate("services.entry_import", "发现 {0} 处问题，没有导入任何记录。").format(len(self.faults))
        if self.dry_run:
            return translate("services.entry_import", "{0}{1}：将导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分。").format(
                self.group, self.period, self.households, self.entries, self.points)
        return translate("services.entry_import", "{0}{1}：已导入 {2} 户 {3} 条积分记录，合计 {4:+d} 分（{5}）。").format(
            self.group, self.period, self.households, self.entries, self.points, EntryStatus.LABELS.get(self.status, ""))


def _read_book(path: Path) -> dict[str, list[tuple[int, list]]]:
    """Every sheet's rows, with the roster's limits checked before and while reading."""
    import openpyxl

    bounds.check_workbook(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged file raises many kinds; the user needs the one sentence
        log.warning("cannot read %s: %r", path, exc)
        raise bounds.not_a_workbook(path) from exc
    try:
        out: dict[str, list[tuple[int, list]]] = {}
        for ws in book.worksheets:
            if (ws.max_row or 0) > bounds.ROW_LIMIT:
                raise bounds.too_many_rows(path, ws.max_row)
            ws.reset_dimensions()
            rows = []
            for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > bounds.ROW_LIMIT:
                    raise bounds.too_many_rows(path, bounds.ROW_LIMIT)
                rows.append((number, list(cells)))
            out[ws.title] = rows
        return out
    finally:
        book.close()


def read_sheets(path: str | Path) -> dict[str, list[tuple[int, list]]]:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.exists():
            raise UserError(translate("services.roster_read", "找不到文件：{0}").format(path))
        return _read_book(path)
    name, rows = read_rows(path)  # .csv (and the refusals of .xls and other kinds)
    return {sheet.LIST_SHEET: rows}


def _text(value) -> str:
    return "" if value is None else textnorm.clean(value)


def _shown(value) -> str:
    text = _text(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _header_row(rows, first: str, needed: str | None = None) -> tuple[int, list[str]] | None:
    for index, (_number, cells) in enumerate(rows[:12]):
        texts = [_text(c) for c in cells]
        if texts and texts[0] == first and (needed is None or needed in texts):
            return index, texts
    return None


def _mark_count(value) -> int | None:
    """How many times a grid cell says (0: none); None when it cannot be read."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and 0 <= value <= 31 else None
    text = _text(value)
    if text in ("", "0", "-", "—"):
        return 0
    if text in MARKS:
        return 1
    return int(text) if text.isdigit() and int(text) <= 31 else None


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _day(value) -> dt.date | None | str:
    """A date cell as a date, None when blank, or the text when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    match = _DATE.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return text
    return text


def _grid_lines(rows, faults: list[SheetFault]) -> list[ImportLine]:
    found = _header_row(rows, "户号")
    if found is None:
        return []
    index, header = found
    codes: dict[int, str] = {}
    for column, text in enumerate(header[2:], start=2):
        if text:
            codes[column] = text.split()[0]
    lines = []
    for number, cells in rows[index + 1:]:
        household_no = _text(cells[0] if cells else None)
        marks = {c: _mark_count(cells[c] if c < len(cells) else None) for c in codes}
        if not household_no:
            if any(m for m in marks.values()):
                faults.append(SheetFault(sheet.GRID_SHEET, number, translate("services.entry_import", "有打分但没有户号。")))
            continue
        head = _text(cells[1] if len(cells) > 1 else None)
        for column, count in marks.items():
            if count is None:
                faults.append(SheetFault(sheet.GRID_SHEET, number, translate(
                    "services.entry_import", "“{0}”一列填的“{1}”看不懂：请打 √ 或填次数，不得分的留空。").format(
                    codes[column], _shown(cells[column]))))
                continue
            lines += [ImportLine(sheet.GRID_SHEET, number, household_no, head, codes[column], None)
                      for _ in range(count)]
    return lines


_LIST_COLUMNS = {"户号": "household_no", "户主": "head_name", "细则代码": "rule_code", "细则": "rule_code",
                 "日期": "day", "说明": "note", "备注": "note", "成员": "member"}


def _list_lines(name: str, rows, faults: list[SheetFault]) -> list[ImportLine]:
    found = _header_row(rows, "户号", "细则代码") or _header_row(rows, "户号", "细则")
    if found is None:
        return []
    index, header = found
    columns = {_LIST_COLUMNS[t]: i for i, t in enumerate(header) if t in _LIST_COLUMNS}
    lines = []
    for number, cells in rows[index + 1:]:
        value = {key: (cells[i] if i < len(cells) else None) for key, i in columns.items()}
        household_no, code = _text(value.get("household_no")), _text(value.get("rule_code"))
        if not household_no and not code:
            if any(_text(v) for v in value.values()):
                faults.append(SheetFault(name, number, translate("services.entry_import", "户号和细则代码都没有填。")))
            continue
        if not household_no or not code:
            faults.append(SheetFault(name, number, translate("services.entry_import", "户号和细则代码都必须填写。")))
            continue
        day = _day(value.get("day"))
        if isinstance(day, str):
            faults.append(SheetFault(name, number, translate(
                "services.entry_import", "日期“{0}”看不懂，请写成 2026-10-05。").format(_shown(day))))
            continue
        try:
            note = textnorm.free_text(value.get("note") or "", translate("services.entries", "说明"), max_length=_NOTE_MAX)
        except UserError as exc:
            faults.append(SheetFault(name, number, str(exc)))
            continue
        lines.append(ImportLine(name, number, household_no, _text(value.get("head_name")), code.split()[0], day,
                                note, _text(value.get("member"))))
    return lines


def _meta_fault(book: dict, where: sheet.SheetScope) -> SheetFault | None:
    rows = book.get(sheet.META_SHEET)
    if not rows:
        return None
    meta = {_text(cells[0]): _text(cells[1]) for _n, cells in rows if len(cells) > 1}
    if (meta.get("village_code"), meta.get("group"), meta.get("period")) != (where.village_code, where.group,
                                                                               where.period.code):
        return SheetFault("", None, translate(
            "services.entry_import", "这个文件是 {0} {1} 的录入表，不是本次选择的 {2} {3} 的。请选对小组和月份，"
            "或重新下载模板。").format(meta.get("group", ""), meta.get("period", ""), where.group, where.period.code))
    return None


def read_lines(path: str | Path, where: sheet.SheetScope) -> tuple[list[ImportLine], list[SheetFault]]:
    """The file's entries as lines, and the faults of its cells (the database not asked yet)."""
    book = read_sheets(path)
    faults: list[SheetFault] = []
    meta = _meta_fault(book, where)
    if meta:
        return [], [meta]
    lines: list[ImportLine] = []
    for name, rows in book.items():
        if name in (sheet.META_SHEET, sheet.RULES_SHEET):
            continue
        if name == sheet.GRID_SHEET or (_header_row(rows, "户号") and not _header_row(rows, "户号", "细则代码")
                                        and not _header_row(rows, "户号", "细则")):
            lines += _grid_lines(rows, faults)
        else:
            lines += _list_lines(name, rows, faults)
    if len(lines) > LINE_LIMIT:
        return [], [SheetFault("", None, translate("services.entry_import", "文件里有 {0:,} 条记录，超过一次导入的上限 {1:,} 条，"
                                                    "请按小组分开。").format(len(lines), LINE_LIMIT))]
    if not lines and not faults:
        faults.append(SheetFault("", None, translate("services.entry_import", "文件里没有要导入的积分记录（没有打 √ 的格子，明细表也是空的）。")))
    return lines, faults


def _check(lines: list[ImportLine], where: sheet.SheetScope, today: dt.date | None,
           faults: list[SheetFault]) -> list[tuple[ImportLine, object, Rule, dt.date, int | None]]:
    """Every line against the database: household in the group, rule of the village, date in the month, caps
    counted with the file's own earlier lines. Inside the caller's transaction."""
    numbers = sorted({line.household_no for line in lines})
    households = {}
    for start in range(0, len(numbers), 500):
        for h in Household.select().where(Household.village == where.village_id,
                                          Household.household_no.in_(numbers[start:start + 500])):
            households[h.household_no] = h
    rules = {r.code: r for r in Rule.select().where(Rule.village == where.village_id)}
    members: dict[tuple[int, str], int] = {}
    if any(line.member for line in lines) and households:
        for m in Member.select(Member.id, Member.household, Member.name).where(
                Member.household.in_([h.id for h in households.values()]), Member.active == True):  # noqa: E712
            members[(m.household_id, m.name)] = m.id
    default_day = inspection_day(where.period.code, today)
    used = usage([r.id for r in rules.values()], [h.id for h in households.values()], where.period.start.year)
    accepted = []
    for line in lines:
        def fault(reason: str, line: ImportLine = line) -> None:
            faults.append(SheetFault(line.sheet, line.row, reason))

        household = households.get(line.household_no)
        if household is None:
            fault(translate("services.entry_import", "{0}没有户号“{1}”。").format(where.village, _shown(line.household_no)))
            continue
        if household.group_id != where.group_id:
            fault(translate("services.entries", "{0} 不在{1}。").format(household_label(household), where.group))
            continue
        if line.head_name and textnorm.clean_name(line.head_name) != textnorm.clean_name(household.head_name):
            fault(translate("services.entry_import", "户号 {0} 的户主是“{1}”，表上写的是“{2}”：请核对这一行是否错位。").format(
                household.household_no, household.head_name, _shown(line.head_name)))
            continue
        day = line.day or default_day
        if periods.month(day).code != where.period.code:
            fault(translate("services.entry_import", "日期 {0} 不在 {1} 这个月里。").format(day, where.period.label))
            continue
        member_id = None
        if line.member:
            member_id = members.get((household.id, textnorm.clean_name(line.member)))
            if member_id is None:
                fault(translate("services.entry_import", "{0} 没有名叫“{1}”的家庭成员。").format(
                    household_label(household), _shown(line.member)))
                continue
        rule = rules.get(line.rule_code)
        if rule is None:
            fault(translate("services.entry_import", "{0}没有代码为“{1}”的细则。").format(
                where.village, _shown(line.rule_code)))
            continue
        try:
            _check_day(day, today)
            _check_household(household, day)
            _check_rule(rule, household)
        except UserError as exc:
            fault(str(exc))
            continue
        key = (household.id, rule.id)
        problem = limit_problem(rule, used[key], day, household_label(household))
        if problem:
            fault(problem)
            continue
        item: Usage = used[key]
        item.points, item.count = item.points + rule.points, item.count + 1
        item.months.add(day.month)
        accepted.append((line, household, rule, day, member_id))
    return accepted


def import_entries(*, actor: Actor, group_id: int, period_code: str, path: str | Path, dry_run: bool = False,
                   today: dt.date | None = None) -> EntryImportResult:
    """Import a group's month of entries from ``path``; any fault (or ``dry_run``) and nothing is written."""
    require(actor, Permission.ENTRY_CREATE)
    where = sheet.scope(group_id, period_code)
    result = EntryImportResult(file=str(path), group=where.group, period=where.period.label, dry_run=dry_run)
    lines, result.faults = read_lines(path, where)
    if not lines:
        return result
    with write_transaction():  # the checks and the write see the same ledger (caps, households)
        accepted = _check(lines, where, today, result.faults)
        order = {name: i for i, name in enumerate((sheet.GRID_SHEET, sheet.LIST_SHEET))}
        result.faults.sort(key=lambda f: (order.get(f.sheet, 9), f.sheet, f.row or 0))
        result.entries = len(accepted)
        result.points = sum(rule.points for _l, _h, rule, _d, _m in accepted)
        result.households = len({h.id for _l, h, _r, _d, _m in accepted})
        if result.faults or dry_run:
            return result
        village = Village.get_by_id(where.village_id)
        status = initial_status(village)
        batch = Batch.create(village=village.id, group=group_id, period=where.period.code,
                             title=translate("services.entry_import", "{0}{1}导入").format(where.group, where.period.label),
                             created_by=actor.user_id)
        drafts = []
        for line, household, rule, day, member_id in accepted:
            draft = _draft(household, rule, day, line.note or translate("services.entry_import", "表格导入"), status,
                           batch.id)
            if member_id is not None:
                draft.member_id = member_id
            drafts.append(draft)
        ids = append(drafts, created_by=actor.user_id)
        if status == EntryStatus.EFFECTIVE:
            withdraw_stars_after_veto(actor=actor, entry_ids=ids)
        audit.record(actor, "batch.import", "batch", batch.id, None,
                     {"group": where.group, "period": where.period.code, "entries": len(drafts),
                      "points": result.points, "status": status, "file": Path(path).name})
        result.written, result.status, result.batch_id = True, status, batch.id
    return result
