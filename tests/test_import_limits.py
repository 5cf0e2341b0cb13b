"""A roster too big or built to hurt is refused before it is parsed: quickly, in bounded memory, with a Chinese
sentence saying what to do, and nothing written."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from pointsapp.errors import UserError
from pointsapp.models import Household
from pointsapp.services.register import roster_limits
from pointsapp.services.register.roster_import import import_roster
from pointsapp.services.register.roster_read import parse
from tests.test_roster_import import good_people, write_roster

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
                 'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+'
                 'xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
                 '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name='
            '"花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
           'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
           'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
           '</Relationships>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>户号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>与户主关系</t></is></c></row>')


def handmade_xlsx(path: Path, *, dimension: str = "A1:C2", shared_strings: bytes | None = None,
                  sheet_rows: str = "", doctype: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD.replace("?>", "?>" + doctype) + f'<dimension ref="{dimension}"/>'
                   f"<sheetData>{HEADER_ROW}{sheet_rows}</sheetData></worksheet>")
        if shared_strings is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main">')
                chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
                for _ in range(shared_strings and int(shared_strings) or 0):
                    part.write(chunk * 1000)
                part.write(b"</sst>")
        else:
            z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                                               'spreadsheetml/2006/main"></sst>')
    return path


def refuse_in_child(path: Path) -> tuple[str, float, int]:
    """Parse ``path`` in a fresh process: (message, seconds, peak memory in MB) — the parent's memory stays out."""
    code = textwrap.dedent(f"""
        import sys, time
        from pointsapp.services.register.roster_read import parse
        from pointsapp.errors import UserError
        start = time.monotonic()
        try:
            roster = parse({str(path)!r})
            message = "; ".join(str(f) for f in roster.faults) or "accepted"
        except UserError as exc:
            message = exc.message
        took = time.monotonic() - start
        # VmHWM: this program's own peak (ru_maxrss would keep the forked parent's from before exec)
        peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print(message); print(took); print(peak // 1024)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    message, took, peak = done.stdout.strip().splitlines()[-3:]
    return message, float(took), int(peak)


def test_a_shared_strings_bomb_is_refused_at_once_in_little_memory(tmp_path):
    bomb = handmade_xlsx(tmp_path / "bomb.xlsx", shared_strings=b"70")  # 70 MB of text, ~100 KB on disk
    assert bomb.stat().st_size < 2_000_000
    message, took, peak = refuse_in_child(bomb)
    assert "文字表解压后" in message and "上限" in message, message
    assert took < 2 and peak < 300


def test_a_sheet_claiming_four_million_rows_is_refused_before_reading_a_row(tmp_path):
    claim = handmade_xlsx(tmp_path / "claim.xlsx", dimension="A1:C4000000")
    message, took, peak = refuse_in_child(claim)
    assert "4,000,000 行" in message and "200,000" in message, message
    assert took < 2 and peak < 300


def test_rows_beyond_the_limit_are_refused_even_when_the_sheet_hides_its_size(tmp_path, monkeypatch):
    from pointsapp.services.register import roster_read

    monkeypatch.setattr(roster_limits, "ROW_LIMIT", 50)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{n}</t></is></c><c r="B{n}" t="inlineStr"><is>'
                   f'<t>张{n}</t></is></c></row>' for n in range(2, 80))
    hidden = handmade_xlsx(tmp_path / "hidden.xlsx", dimension="A1", sheet_rows=rows)
    with pytest.raises(UserError, match="超过花名册的上限"):
        roster_read.read_rows(hidden)
    csv_path = tmp_path / "many.csv"
    csv_path.write_text("户号,姓名,与户主关系\n" + "".join(f"{n},张{n},户主\n" for n in range(100)), encoding="utf-8")
    with pytest.raises(UserError, match="超过花名册的上限"):
        roster_read.read_rows(csv_path)


def test_a_dtd_or_a_file_that_is_not_a_workbook_gets_a_chinese_sentence(db, admin, tmp_path):
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'
              '&lol;">]>')
    for path in (handmade_xlsx(tmp_path / "dtd.xlsx", doctype=laughs), tmp_path / "fake.xlsx"):
        if path.name == "fake.xlsx":
            path.write_text("户号,姓名\n1,张三\n", encoding="utf-8")
        with pytest.raises(UserError) as refused:
            import_roster(actor=admin, path=path, village="柳溪村")
        assert "不是有效的 Excel 文件" in refused.value.message and "另存为" in refused.value.message
        assert not any(c.isascii() and c.isalpha() for c in refused.value.message.replace(path.name, "").replace("Excel", "")
                       .replace("WPS", "").replace("xlsx", ""))  # no English tail
    assert Household.select().count() == 0


def test_an_oversized_file_is_refused_by_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(roster_limits, "FILE_BYTES", 1000)
    path = write_roster(tmp_path / "r.xlsx", good_people() * 20)
    with pytest.raises(UserError, match="超过花名册的上限"):
        parse(path)


def test_the_limit_is_documented():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "200,000" in readme and str(roster_limits.PEOPLE_LIMIT) == "200000"
