"""Reading a 花名册 (.xlsx or .csv) into households and people, with every fault named by its row."""
from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pointsapp.services.register import idnumber
from pointsapp.services.register import roster_columns as rc
from pointsapp.services.register import roster_limits as bounds
from pointsapp.services.register import textnorm
from pointsapp.errors import UserError
from pointsapp.services import limits
from pointsapp.services.register.households import HEAD_RELATIONS
from pointsapp.text import translate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    row: int | None  # the spreadsheet row number a user sees; None for the file as a whole
    reason: str

    def __str__(self) -> str:
        return f"第 {self.row} 行：{self.reason}" if self.row else self.reason


class Checked:
    """What an import found in its file: ``faults`` (none: the file can be imported), each as a line of text."""

    faults: list

    @property
    def ok(self) -> bool:
        return not self.faults

    def fault_lines(self) -> list[str]:
        return [str(f) for f in self.faults]


@dataclass
class RosterPerson:
    row: int
    name: str
    relation: str
    is_head: bool
    id_number: str | None
    sex: str
    phone: str


@dataclass
class RosterHousehold:
    household_no: str
    first_row: int
    group: str = ""
    grid: str = ""
    address: str = ""
    head_name: str = ""  # what the 户主姓名 column says, checked against the head row
    tags: list[str] | None = None
    note: str = ""
    people: list[RosterPerson] = field(default_factory=list)

    @property
    def head(self) -> RosterPerson | None:
        return next((p for p in self.people if p.is_head), None)


@dataclass
class Roster:
    path: Path
    sheet: str
    columns: rc.ColumnMap | None
    title: str = ""
    households: dict[str, RosterHousehold] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(len(h.people) for h in self.households.values())

    def village_guess(self) -> str:
        """"东村" from a title like "阎良区北屯街道东村村民花名册"."""
        for line in self.title.splitlines():
            tail = re.split(r"省|市|区|县|旗|镇|乡|街道|填报单位|[:：]", line)[-1]
            m = re.match(r"([\u4e00-\u9fff]{1,10}?村)(村民|花名册|户籍|村委会|$)", tail)
            if m:
                return m.group(1)
        return ""


def read_rows(path: Path) -> tuple[str, list[tuple[int, list]]]:
    """(sheet name, [(row number, cells)]) from the first sheet that has a recognisable header."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UserError(translate("services.roster_read", "找不到文件：{0}").format(path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return "CSV", _read_csv(path)
    if suffix == ".xls":
        raise UserError(translate("services.roster_read", "不支持旧版 .xls 文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。"))
    raise UserError(translate("services.roster_read", "不支持的文件类型“{0}”，请用 .xlsx 或 .csv。").format(suffix))


def _read_xlsx(path: Path) -> tuple[str, list[tuple[int, list]]]:
    import openpyxl

    bounds.check_workbook(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; its English text helps nobody here
        log.warning("cannot read %s: %r", path, exc)
        raise bounds.not_a_workbook(path) from exc
    try:
        first: tuple[str, list] | None = None
        for ws in wb.worksheets:
            claimed = ws.max_row if ws.max_row else 0
            if claimed > bounds.ROW_LIMIT:  # from the sheet's own <dimension>: refused before reading a row
                raise bounds.too_many_rows(path, claimed)
            ws.reset_dimensions()  # some programs write a wrong size; read every row instead
            rows = []
            for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > bounds.ROW_LIMIT:
                    raise bounds.too_many_rows(path, translate("services.roster_read", "超过 {0:,}").format(
                        bounds.ROW_LIMIT))
                rows.append((number, list(cells)))
            if first is None:
                first = (ws.title, rows)
            if rc.find_header(rows) is not None:
                return ws.title, rows
        return first or ("", [])
    finally:
        wb.close()


def _read_csv(path: Path) -> list[tuple[int, list]]:
    bounds.check_file(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(translate("services.roster_read", "无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码。"))
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(content), dialect), start=1):
            if n > bounds.ROW_LIMIT:
                raise bounds.too_many_rows(path, translate("services.roster_read", "超过 {0:,}").format(bounds.ROW_LIMIT))
            rows.append((n, row))
    except csv.Error as exc:  # a NUL byte, a field longer than csv's limit …
        raise UserError(translate("services.roster_read", "CSV 文件第 {0} 行无法读取（格式不对，或含有不能识别的字符）。"
                                  "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。").format(len(rows) + 1)) from exc
    return rows


def parse(path: str | Path, columns: dict[str, int] | None = None, header_row: int | None = None) -> Roster:
    """Read and check a roster; ``columns`` (field → 0-based column) and ``header_row`` override the guess."""
    path = Path(path)
    sheet, rows = read_rows(path)
    found = rc.find_header(rows)
    if columns is not None:
        header_row = header_row or (found.header_row if found else _first_nonblank(rows))
        headers = next((list(map(rc.text, cells)) for n, cells in rows if n == header_row), [])
        found = rc.ColumnMap(header_row, headers, dict(columns), [])
    roster = Roster(path=path, sheet=sheet, columns=found)
    if found is None:
        roster.faults.append(Fault(None, translate("services.roster_read", "找不到表头行（应有“户号”“姓名”“身份证号码”等列名）")))
        return roster
    missing = found.missing
    if missing:
        names = "、".join(rc.FIELDS[f][0] for f in missing)
        roster.faults.append(Fault(found.header_row, translate("services.roster_read", "表头缺少必需的列：{0}").format(names)))
        return roster
    roster.title = "\n".join(" ".join(rc.text(c) for c in cells if rc.text(c)) for n, cells in rows
                             if n < found.header_row)
    _read_people(roster, [(n, cells) for n, cells in rows if n > found.header_row])
    if roster.people > bounds.PEOPLE_LIMIT:
        roster.faults.append(Fault(None, str(bounds.too_many_rows(path, roster.people))))
        roster.households.clear()
        return roster
    _check_households(roster)
    _name_formulas(roster)
    return roster


def _name_formulas(roster: Roster) -> None:
    """A name cell holding a formula that no spreadsheet program computed (a script wrote it) reads as empty:
    say it is a formula instead of "缺少姓名". Looked up only when such rows exist (a second, streaming read)."""
    missing = translate("services.roster_read", "缺少姓名")
    rows = {f.row for f in roster.faults if f.reason == missing and f.row}
    if not rows or roster.path.suffix.lower() not in (".xlsx", ".xlsm") or "name" not in roster.columns.columns:
        return
    import openpyxl

    column = roster.columns.columns["name"]
    formulas: dict[int, str] = {}
    book = openpyxl.load_workbook(roster.path, read_only=True, data_only=False)
    try:
        sheet = book[roster.sheet]
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(values_only=True, max_row=max(rows)), start=1):
            value = cells[column] if column < len(cells) else None
            if number in rows and isinstance(value, str) and value.startswith("="):
                formulas[number] = value
    finally:
        book.close()
    roster.faults = [Fault(f.row, translate("services.roster_read", "姓名一格是公式（{0}），不是姓名：请改成文字后再导入")
                           .format(formulas[f.row][:40])) if f.reason == missing and f.row in formulas else f
                     for f in roster.faults]


def _first_nonblank(rows) -> int:
    return next((n for n, cells in rows if not rc.is_blank(cells)), 1)


def _read_people(roster: Roster, rows: list[tuple[int, list]]) -> None:
    cols = roster.columns.columns
    first_row_of_id: dict[str, int] = {}
    last: dict[str, str] = {}  # carried down from the row above: merged cells leave the lower ones empty

    def cell(cells: list, name: str):
        i = cols.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    for number, cells in rows:
        if rc.is_blank(cells) or rc.is_total_row(cells):
            continue
        why = _text_fault(cols, cells)
        if why:
            roster.faults.append(Fault(number, why))
            continue
        name = textnorm.clean_name(cell(cells, "name"))
        number_text = rc.text(cell(cells, "household_no"))
        raw_id = cell(cells, "id_number")
        if not name and not number_text and rc.text(raw_id) == "":
            continue  # a footnote such as "制表人：…" under the table
        relation = rc.text(cell(cells, "relation"))
        head_col = textnorm.clean_name(cell(cells, "head_name"))
        is_head = relation in HEAD_RELATIONS or ("relation" not in cols and bool(name) and name == head_col)
        if not number_text:
            if is_head or not last.get("household_no"):
                roster.faults.append(Fault(number, translate("services.roster_read", "缺少户号")))
                continue
            number_text = last["household_no"]
        household = roster.households.get(number_text)
        if household is None:
            household = roster.households[number_text] = RosterHousehold(number_text, number)
            last = {"household_no": number_text, "group": last.get("group", "")}
        for key, convert in (("group", rc.group_name), ("grid", rc.text), ("address", rc.text),
                             ("head_name", textnorm.clean_name), ("note", rc.text)):
            value = convert(cell(cells, key)) if key in cols else ""
            if not value:
                value = last.get(key, "") if key != "note" else ""
            if value:
                last[key] = value
                current = getattr(household, key)
                if not current:
                    setattr(household, key, value)
                elif current != value and key == "group":
                    roster.faults.append(Fault(number, translate(
                        "services.roster_read", "户号 {0} 的组别前后不一致（{1}／{2}）").format(number_text, current, value)))
                elif current != value and key == "head_name":
                    roster.faults.append(Fault(number, translate(
                        "services.roster_read", "户号 {0} 的户主姓名前后不一致（{1}／{2}）").format(number_text, current, value)))
        if "tags" in cols:
            household.tags = sorted(set((household.tags or []) + rc.tags(cell(cells, "tags"))))
        if not name:
            roster.faults.append(Fault(number, translate("services.roster_read", "缺少姓名")))
            continue
        id_text, id_fault = rc.id_number(raw_id)
        if id_fault:
            roster.faults.append(Fault(number, id_fault))
        elif id_text:
            why = idnumber.problem(id_text)
            if why:
                roster.faults.append(Fault(number, translate("services.roster_read", "{0}的{1}（{2}）").format(
                    name, why, id_text)))
            elif id_text in first_row_of_id:
                roster.faults.append(Fault(number, translate("services.roster_read", "身份证号码 {0} 与第 {1} 行重复").format(
                    id_text, first_row_of_id[id_text])))
            else:
                first_row_of_id[id_text] = number
        phone = textnorm.clean_phone(rc.text(cell(cells, "phone")))
        why = (translate("services.roster_read", "电话号码是隐去了中间位的，请填完整号码") if "*" in phone
               else textnorm.phone_problem(phone))
        if why:
            roster.faults.append(Fault(number, f"{name}的{why}"))
        sex = rc.sex(cell(cells, "sex"))
        if sex and sex not in ("男", "女"):
            roster.faults.append(Fault(number, f"性别“{sex}”无法识别，应为“男”或“女”"))
        if not sex and id_text and not id_fault and idnumber.is_valid(id_text):
            sex = idnumber.sex(id_text)
        household.people.append(RosterPerson(number, name, "户主" if is_head else relation, is_head,
                                             id_text or None if not id_fault else None, sex, phone))


# field -> (a name, so emoji are refused too; the longest the database keeps)
_TEXT_RULES = {"household_no": (True, 30), "name": (True, textnorm.NAME_MAX), "head_name": (True, textnorm.NAME_MAX),
               "relation": (True, 20), "group": (True, 40), "grid": (True, 40), "address": (False, 200),
               "tags": (False, 200), "note": (False, 2000), "sex": (True, 10), "phone": (False, 40),
               "id_number": (False, 40)}


def _text_fault(cols: dict[str, int], cells: list) -> str | None:
    """The first text cell of a row that may not be stored, named by its column: the one door (textnorm)."""
    for key, i in cols.items():
        if i >= len(cells) or not isinstance(cells[i], str):
            continue
        name, longest = _TEXT_RULES.get(key, (False, 2000))
        value = textnorm.clean_name(cells[i]) if key in ("name", "head_name") else textnorm.clean(cells[i])
        why = textnorm.text_problem(value, name=name and key not in ("household_no", "sex"), max_length=longest)
        if why:
            return translate("services.roster_read", "“{0}”列{1}").format(rc.FIELDS[key][0], why)
    return None


def _check_households(roster: Roster) -> None:
    for household in roster.households.values():
        if not household.people:
            continue
        heads = [p for p in household.people if p.is_head]
        if len(household.people) > limits.MEMBERS:
            roster.faults.append(Fault(household.first_row, translate("services.roster_read", "户号 {0} 有 {1} 人，一户最多 {2} 人").format(
                household.household_no, len(household.people), limits.MEMBERS)))
        if not heads:
            roster.faults.append(Fault(household.first_row, f"户号 {household.household_no} 没有户主"
                                                            "（“与户主关系”应有一行是“户主”）"))
        for extra in heads[1:]:
            roster.faults.append(Fault(extra.row, f"户号 {household.household_no} 有两位户主"
                                                  f"（另一位在第 {heads[0].row} 行）"))
        if heads and household.head_name and household.head_name != heads[0].name:
            roster.faults.append(Fault(heads[0].row, f"户主姓名“{household.head_name}”与户主行的姓名"
                                                     f"“{heads[0].name}”不一致"))
        if not household.group and "group" in roster.columns.columns:
            roster.faults.append(Fault(household.first_row, f"户号 {household.household_no} 缺少组别"))
    roster.faults.sort(key=lambda f: (f.row or 0))
