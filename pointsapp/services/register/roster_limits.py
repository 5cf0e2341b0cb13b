"""How big a roster may be, checked before any parsing: file size, the .xlsx's zip members, the rows it claims.

A village has a few thousand people; a township a few tens of thousands. ``PEOPLE_LIMIT`` (200,000) leaves room for
the largest merged "big village" and keeps an import's memory near 300 MB. A damaged or hostile file (a shared-strings
bomb, a sheet that claims millions of rows, an XML entity bomb) is refused from the zip directory and the first bytes
of its parts, in milliseconds and without reading it whole: Python's zipfile never inflates a member past the size
its directory declares, so the declared sizes bound what the parser can be fed. defusedxml is not needed: the
bundled expat (2.4.1 and later) already limits entity amplification, a DTD is refused here anyway (an .xlsx never has
one), and defusedxml does nothing against a compression bomb, the real danger.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pointsapp.errors import UserError
from pointsapp.text import translate

PEOPLE_LIMIT = 200_000
ROW_LIMIT = PEOPLE_LIMIT + 5_000   # rows of a sheet: people, plus titles, blank and total rows
FILE_BYTES = 100 * 1024 * 1024     # the file on disk (.xlsx or .csv)
SHARED_STRINGS_BYTES = 64 * 1024 * 1024   # sharedStrings.xml inflated: ~1 M distinct texts
SHEET_BYTES = 256 * 1024 * 1024    # one worksheet inflated: 200,000 rows of 13 columns is about 100 MB
TOTAL_BYTES = 512 * 1024 * 1024    # every member inflated
_PROLOG = 64 * 1024
_ROOT = re.compile(rb"<(?![?!])")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def check_file(path: Path) -> None:
    size = path.stat().st_size
    if size > FILE_BYTES:
        raise UserError(translate("services.roster_limits", "文件“{0}”有 {1}，超过花名册的上限 {2}（约 {3} 人）。"
                                  "请按村或按组分成几个文件再导入。").format(
            path.name, _mb(size), _mb(FILE_BYTES), f"{PEOPLE_LIMIT:,}"))


def not_a_workbook(path: Path) -> UserError:
    return UserError(translate("services.roster_limits", "“{0}”不是有效的 Excel 文件（.xlsx）：可能已损坏，或只是把扩展名改成了"
                               " .xlsx。请在 Excel 或 WPS 中打开它，“另存为” Excel 工作簿（.xlsx）后再导入。").format(path.name))


def check_workbook(path: Path) -> None:
    """Refuse an .xlsx whose parts would inflate beyond the limits or that carries a DTD, before openpyxl sees it."""
    check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_a_workbook(path) from exc
    with archive:
        members = archive.infolist()
        if len(members) > 10_000:
            raise _too_big(path, translate("services.roster_limits", "文件内部的部件太多（{0} 个）").format(len(members)))
        total = 0
        for info in members:
            total += info.file_size
            name = info.filename.lower()
            if name.endswith("sharedstrings.xml") and info.file_size > SHARED_STRINGS_BYTES:
                raise _too_big(path, translate("services.roster_limits", "文字表解压后有 {0}，上限 {1}").format(
                    _mb(info.file_size), _mb(SHARED_STRINGS_BYTES)))
            if "worksheets/" in name and info.file_size > SHEET_BYTES:
                raise _too_big(path, translate("services.roster_limits", "工作表解压后有 {0}，上限 {1}").format(
                    _mb(info.file_size), _mb(SHEET_BYTES)))
            if name.endswith((".xml", ".rels")):
                _check_prolog(path, archive, info)
        if total > TOTAL_BYTES:
            raise _too_big(path, translate("services.roster_limits", "解压后共 {0}，上限 {1}").format(
                _mb(total), _mb(TOTAL_BYTES)))


def _check_prolog(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        with archive.open(info) as part:
            head = part.read(_PROLOG)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:  # damaged or encrypted
        raise not_a_workbook(path) from exc
    root = _ROOT.search(head)
    prolog = head[:root.start()] if root else head
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper() or (root is None and len(head) == _PROLOG):
        raise not_a_workbook(path)


def _too_big(path: Path, why: str) -> UserError:
    return UserError(translate("services.roster_limits", "“{0}”不能导入：{1}。正常的花名册（最多 {2} 人）远小于此；"
                               "文件可能已损坏。请在 Excel 或 WPS 中打开后“另存为”，或分成几个文件再导入。").format(
        path.name, why, f"{PEOPLE_LIMIT:,}"))


def too_many_rows(path: Path, rows: int | str) -> UserError:
    return UserError(translate("services.roster_limits", "“{0}”有 {1} 行，超过花名册的上限 {2} 人。请按村或按组分成几个文件"
                               "再导入。").format(path.name, rows if isinstance(rows, str) else f"{rows:,}",
                                              f"{PEOPLE_LIMIT:,}"))
