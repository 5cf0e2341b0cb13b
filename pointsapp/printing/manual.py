"""使用手册: the user manual (docs/manual, one Markdown file per chapter) as a printable A4 PDF.

Reads the small Markdown subset the chapters use: ``#``/``##``/``###`` headings, paragraphs, ``-`` and ``1.``
lists, ``>`` notes (the English summaries), ``| a | b |`` tables, ``![alt](images/x.png)`` pictures and
``**bold**`` (drawn in dark red: the CJK font has no bold face). Every chapter starts on a new page; a table of
contents comes first. Only the CJK TrueType font is used, so every font in the PDF is embedded.

    pointsapp manual --out manual.pdf;  pointsapp --lang en manual --out manual-en.pdf     (``make manual``)
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, PageBreak, Paragraph, Spacer, Table

from pointsapp import clock, manual
from pointsapp.printing.fonts import markup
from pointsapp.printing.page import (
    DARK_RED, GREY, LIST_RULES, RED, OfficialDocument, Output, PageFurniture, Title, styles, table_style,
)
from pointsapp.text import translate

IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]+)\)\s*$")
NUMBERED = re.compile(r"^(\d+)\.\s+")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    """A line of Markdown as Paragraph markup: escaped, ``**bold**`` in dark red."""
    parts = BOLD.split(text)
    colour = "#" + DARK_RED.hexval()[2:]
    return "".join(markup(part) if i % 2 == 0 else f"<font color='{colour}'>{markup(part)}</font>"
                   for i, part in enumerate(parts))


class _Styles:
    def __init__(self):
        base = styles()
        self.body, self.note, self.cell = base.body, base.note, base.cell
        self.h2 = _derive(base.body, "h2", 14, RED, space_before=8, space_after=4)
        self.h3 = _derive(base.body, "h3", 12, DARK_RED, space_before=6, space_after=3)
        self.item = _derive(base.body, "item", 10.5, None, left_indent=14, bullet_indent=3)
        self.quote = _derive(base.note, "quote", 9.5, GREY, left_indent=10, space_before=6)
        self.toc = _derive(base.body, "toc", 12, None, space_after=5)


def _derive(parent, name, size, color, *, space_before=0, space_after=None, left_indent=0, bullet_indent=0):
    kw = {"parent": parent, "fontSize": size, "leading": size * 1.45, "spaceBefore": space_before,
          "leftIndent": left_indent, "bulletIndent": bullet_indent, "bulletFontName": parent.fontName}
    if color is not None:
        kw["textColor"] = color
    if space_after is not None:
        kw["spaceAfter"] = space_after
    return ParagraphStyle(name, **kw)


def _picture(path: Path, width: float) -> Image:
    iw, ih = ImageReader(str(path)).getSize()
    scale = min(1.0, width / iw)
    return Image(str(path), width=iw * scale, height=ih * scale)


def _table(rows: list[str], st: _Styles, width: float) -> Table:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    cells = [r for r in cells if not all(set(c) <= set("-: ") for c in r)]  # drop the |---|---| line
    data = [[Paragraph(inline(c), st.cell) for c in r] for r in cells]
    columns = max(len(r) for r in data)
    return Table(data, colWidths=[width / columns] * columns, repeatRows=1, hAlign="LEFT",
                 style=table_style(LIST_RULES))


def chapter_story(path: Path, st: _Styles, width: float) -> list:
    """The flowables of one chapter file."""
    story: list = []
    paragraph: list[str] = []
    table: list[str] = []

    def flush():
        if paragraph:
            story.append(Paragraph(inline(" ".join(paragraph)), st.body))
            paragraph.clear()
        if table:
            story.append(_table(table, st, width))
            story.append(Spacer(1, 3 * mm))
            table.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if paragraph:
                flush()
            table.append(line)
            continue
        if table:
            flush()
        if not line:
            flush()
        elif line.startswith("# "):
            flush()
            story.append(Title(line[2:].strip(), size=20))
        elif line.startswith("## "):
            flush()
            story.append(Paragraph(inline(line[3:].strip()), st.h2))
        elif line.startswith("### "):
            flush()
            story.append(Paragraph(inline(line[4:].strip()), st.h3))
        elif match := IMAGE.match(line):
            flush()
            picture = path.parent / match["src"]
            story.append(_picture(picture, width) if picture.is_file()
                         else Paragraph(markup(f"[{match['alt']}]"), st.note))
            story.append(Spacer(1, 3 * mm))
        elif line.startswith(("- ", "* ")):
            flush()
            story.append(Paragraph(inline(line[2:]), st.item, bulletText="•"))
        elif match := NUMBERED.match(line):
            flush()
            story.append(Paragraph(inline(line[match.end():]), st.item, bulletText=f"{match[1]}."))
        elif line.startswith(">"):
            flush()
            story.append(Paragraph(inline(line.lstrip("> ").strip()), st.quote))
        else:
            paragraph.append(line)
    flush()
    return story


def manual_pdf(out: Output, *, language: str | None = None, printed_on: dt.date | None = None) -> list[str]:
    """Write the whole manual in ``language`` ("zh", "en"; default: the interface's); returns the chapter
    titles in order."""
    st = _Styles()
    title = translate("printing.manual", "使用手册")
    app = translate("printing.manual", "村民积分管理系统")
    doc = OfficialDocument(out, furniture=PageFurniture(app, title, printed_on or clock.today()))
    paths = [manual.chapter_path(c.file, language) for c in manual.CHAPTERS]
    titles = [manual.title(p) for p in paths]
    story: list = [Spacer(1, 40 * mm), Title(app, size=28), Title("使用手册 · User manual" if title == "使用手册" else title, size=20),
                   Spacer(1, 20 * mm), Paragraph(markup(translate("printing.manual", "目录")), st.h2)]
    story += [Paragraph(markup(t), st.toc) for t in titles]
    for path in paths:
        story.append(PageBreak())
        story += chapter_story(path, st, doc.width)
    doc.build(story)
    return titles
