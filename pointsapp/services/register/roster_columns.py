"""花名册 columns: reading the header row by its Chinese names, and turning cells into clean values."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pointsapp.services.register import textnorm
from pointsapp.text import translate

# field -> (label shown to the user, header texts that mean it). Matching ignores spaces and punctuation.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "household_no": ("户号", ("户号", "户编号", "户编码", "户序号", "家庭户号", "户口编号")),
    "group": ("组别", ("组别", "村民小组", "小组", "组", "所属小组", "组名", "村组", "所在组")),
    "grid": ("网格", ("网格", "所属网格", "网格名称")),
    "head_name": ("户主姓名", ("户主姓名", "户主", "户主名字")),
    "relation": ("与户主关系", ("与户主关系", "关系", "家庭关系", "与户主的关系", "成员关系")),
    "name": ("姓名", ("姓名", "名字", "成员姓名", "家庭成员姓名", "人员姓名")),
    "sex": ("性别", ("性别",)),
    "id_number": ("身份证号码", ("身份证号码", "身份证号", "公民身份号码", "身份证", "证件号码", "身份证件号码")),
    "phone": ("联系电话", ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式")),
    "address": ("家庭住址", ("家庭住址", "住址", "地址", "居住地址", "现住址")),
    "tags": ("标签", ("标签", "户类别", "户类型", "人员类别")),
    "note": ("备注", ("备注", "说明")),
}
REQUIRED = ("household_no", "name")
TOTAL_WORDS = ("合计", "总计", "小计", "共计")
_PUNCT = re.compile(r"[\s:：*＊()（）【】\[\]]+")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE][+]?\d+")


def header_key(text) -> str:
    return _PUNCT.sub("", textnorm.nfkc(text))


_SYNONYMS = {header_key(s): f for f, (_, names) in FIELDS.items() for s in names}


def field_of(header) -> str | None:
    """The field a header cell names, or None when unknown."""
    return _SYNONYMS.get(header_key(header)) if header not in (None, "") else None


@dataclass
class ColumnMap:
    """Which column (0-based) holds each field, found from the header row or set by the user."""

    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    columns: dict[str, int]
    unknown: list[str]  # header cells that named nothing we know

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]

    @property
    def unsure(self) -> bool:
        """Whether a person should look at the mapping before importing."""
        return bool(self.missing) or ("relation" not in self.columns and "head_name" not in self.columns)


def find_header(rows: list[tuple[int, list]], limit: int = 30) -> ColumnMap | None:
    """The header is the first row among the top ``limit`` that names at least three known fields."""
    best: ColumnMap | None = None
    for number, cells in rows[:limit]:
        columns: dict[str, int] = {}
        unknown = []
        for i, cell in enumerate(cells):
            f = field_of(cell)
            if f and f not in columns:
                columns[f] = i
            elif cell not in (None, "") and not f:
                unknown.append(textnorm.clean(cell))
        if len(columns) >= 3 and (best is None or len(columns) > len(best.columns)):
            best = ColumnMap(number, [textnorm.clean(c) for c in cells], columns, unknown)
            if not best.missing:
                break
    return best


def is_blank(cells: list) -> bool:
    return all(textnorm.clean(c) == "" for c in cells)


def is_total_row(cells: list) -> bool:
    for c in cells:
        text = textnorm.clean(c).replace(" ", "")
        if text:
            return text.startswith(TOTAL_WORDS)
    return False


def text(value) -> str:
    """A cell as clean text; whole numbers lose Excel's ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return textnorm.clean(value)


def id_number(value) -> tuple[str, str | None]:
    """The ID number and, when Excel mangled it, why it cannot be used."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = f"{value:.5E}" if isinstance(value, float) and value > 1e15 else text(value)
        return shown, translate("services.roster_columns", "身份证号码被 Excel 转成了数字（{0}），后几位已丢失，"
                                "请把该列设为文本后重新填写").format(shown)
    s = textnorm.nfkc(value or "").replace(" ", "").strip().upper()
    s = s.strip("'‘’\"")  # a leading apostrophe forces text in Excel and sometimes survives a CSV round trip
    if "*" in s:
        return s, translate("services.roster_columns", "身份证号码是隐去了中间位的（{0}），请用含完整身份证号码的花名册"
                            ).format(s)
    if _SCIENTIFIC.fullmatch(s):
        return s, translate("services.roster_columns", "身份证号码被 Excel 转成了科学计数法（{0}），后几位已丢失，"
                            "请把该列设为文本后重新填写").format(s)
    return s, None


def group_name(value) -> str:
    s = text(value)
    return f"{int(s)}组" if s.isdigit() else s


def sex(value) -> str:
    s = text(value)
    return {"男性": "男", "女性": "女", "M": "男", "F": "女"}.get(s, s)


def tags(value) -> list[str]:
    return [t for t in re.split(r"[、,，;；/ ]+", text(value)) if t]
