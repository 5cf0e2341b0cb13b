"""Cells safe to open: every text cell of every export passes here, so that no name becomes a live formula.

OWASP's CSV-injection rule: a text beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is a formula
to Excel and WPS. In an .xlsx such a text is stored as a string (with Excel's "quote prefix", so editing the cell
keeps it text); in a .csv it gets a leading apostrophe. Numbers stay numbers (−5 points is −5). Characters an
.xlsx cannot hold (control characters left in old data) become "�" instead of failing the whole export.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Iterable

from pointsapp.errors import UserError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def xlsx_text(value: Any) -> Any:
    """``value`` with the characters an .xlsx cannot store replaced; non-text values as they are."""
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("\ufffd", value)
    return value


def csv_text(value: Any) -> Any:
    """A CSV field: text that Excel would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _mark_text(cell) -> None:
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def append(sheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` for a normal or a write-only sheet, with every text cell kept as text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    values = [xlsx_text(v) for v in values]
    if isinstance(sheet, WriteOnlyWorksheet):
        cells = []
        for v in values:
            if isinstance(v, str) and is_formula_like(v):
                cell = WriteOnlyCell(sheet, v)
                _mark_text(cell)
                cells.append(cell)
            else:
                cells.append(v)
        sheet.append(cells)
        return
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        _mark_text(cell)


def set_cell(sheet, row: int, column: int, value: Any):
    """``sheet.cell(row, column, value)`` with the same rule as :func:`append`."""
    cell = sheet.cell(row=row, column=column, value=xlsx_text(value))
    _mark_text(cell)
    return cell


def write_csv(stream, rows: Iterable[Iterable[Any]], **kwargs) -> None:
    """Every row through :func:`csv_text`; ``kwargs`` go to ``csv.writer``."""
    writer = csv.writer(stream, **kwargs)
    for row in rows:
        writer.writerow([csv_text(v) for v in row])


def formulas_in(path: str | Path) -> list[str]:
    """Every cell of an .xlsx that a spreadsheet would run as a formula ("Sheet!A1: =…"); for tests and `check`."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    found = []
    try:
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")
                                                 and not cell.quotePrefix and cell.data_type != "s"):
                        found.append(f"{ws.title}!{cell.coordinate}: {cell.value}")
    finally:
        book.close()
    return found


__all__ = ["FORMULA_STARTS", "append", "csv_text", "formulas_in", "is_formula_like", "set_cell", "write_csv",
           "xlsx_text"]


def save_workbook(book, path: Path | str, cannot: str, *, make_folder: bool = False) -> None:
    """Write ``book`` (an openpyxl workbook) to ``path``. A file that cannot be written — a full disk, the file
    open in Excel, a folder that is not there — is for the user to put right: ``cannot``, already translated,
    with the path ({0}) and the reason ({1}), as a UserError."""
    try:
        if make_folder:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        book.save(path)
    except OSError as exc:
        raise UserError(cannot.format(path, exc.strerror or exc)) from exc
