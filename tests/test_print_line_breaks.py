"""Chinese text in prints never starts a line with closing punctuation (，。、；：？！）」』》): reportlab's own list
lacked the full-width marks, and the table engine breaks lines itself."""
from __future__ import annotations

from reportlab.platypus import Paragraph, SimpleDocTemplate

from pointsapp.printing.fonts import text_width
from pointsapp.printing.layout import break_lines
from pointsapp.printing.page import styles
from tests.pdf_helpers import pdf_text

CLOSING = tuple("，。、；：？！）」』》〉”’…")
TEXT = ("在2026年度星级文明户评定中，经村民评议、村委会审核并公示，获得爱国守法星、孝老爱亲星、卫生整洁星、"
        "遵纪守法星，共 4 颗星；被评为“星级文明户”（经公示无异议）。特发此证！以资鼓励？是。")


def test_paragraphs_never_start_a_line_with_closing_punctuation(tmp_path):
    body = styles().body
    found = []
    em = text_width("国", body.fontSize)
    for chars in range(8, 30):  # every line length puts some mark at a break
        narrow = tmp_path / f"n{chars}.pdf"
        doc = SimpleDocTemplate(str(narrow), pagesize=(chars * em + 72 * 2 + 1, 842))
        doc.build([Paragraph(TEXT, body), Paragraph(f"<font color='#c8102e'>{TEXT}</font>还有", body)])
        lines = [line.strip() for line in pdf_text(narrow).splitlines() if line.strip()]
        found += [(chars, line) for line in lines if line.startswith(CLOSING)]
    assert found == []


def test_table_cells_break_lines_the_same_way():
    for chars in range(3, 20):
        lines = break_lines(TEXT, text_width("国" * chars, 10) + 0.5, 10)
        assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
        assert not [line for line in lines[1:] if line.startswith(CLOSING)], (chars, lines)
        assert all(text_width(line, 10) <= text_width("国" * chars, 10) + 0.5 or len(line) == 1 for line in lines)
