"""The printable user manual: every chapter in it (title and text), its screenshots drawn, fonts embedded."""
from __future__ import annotations

import re
import subprocess

from pointsapp import manual
from pointsapp.printing.manual import manual_pdf
from tests.cli_helpers import run_cli
from tests.pdf_helpers import page_count, pdf_fonts, pdf_text


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_manual_pdf_holds_every_chapter_with_its_pictures_and_embedded_fonts(tmp_path):
    out = tmp_path / "manual.pdf"
    titles = manual_pdf(out, language="zh")
    assert len(titles) == len(manual.CHAPTERS)
    text = _flat(pdf_text(out))
    for chapter, title in zip(manual.CHAPTERS, titles, strict=True):
        assert title == manual.title(manual.chapter_path(chapter.file, "zh"))
        assert _flat(title) in text, f"chapter title missing from the PDF: {title}"
    # body text, a list item, a table cell, the English summary and a bold word, markup gone
    for words in ("每一笔兑换都从扫积分卡开始", "按F2“查找户(F2)”", "确认兑换", "Thetillisbuiltforabarcodescanner",
                  "查找户（村民没带卡）"):
        assert _flat(words) in text, words
    assert "**" not in text and "![" not in text and "|---" not in text
    # each chapter starts a page: the table of contents page, then at least one page per chapter
    assert page_count(out) >= len(manual.CHAPTERS) + 1
    fonts = pdf_fonts(out)
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    # one drawn picture per screenshot the chapters show
    pictures = sum(manual.chapter_path(c.file, "zh").read_text(encoding="utf-8").count("](images/")
                   for c in manual.CHAPTERS)
    listed = subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert len([line for line in listed if " image " in line]) == pictures > 0


def test_pointsapp_manual_prints_the_english_chapters_with_english_furniture(tmp_path):
    out = tmp_path / "manual-en.pdf"
    result = run_cli("--lang", "en", "manual", "--out", str(out), user=None)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    for chapter in manual.CHAPTERS:
        title = manual.title(manual.chapter_path(chapter.file, "en"))
        assert title.isascii() or "·" in title, f"{chapter.file}: the English chapter is missing ({title})"
        assert _flat(title) in _flat(text), title
    assert "Chapter 6 Points shop" in text and "Every sale starts from a card." in text
    assert "Contents" in text and "Page 1 of" in text  # the page furniture in English too
    assert "第 1 页" not in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(out))
