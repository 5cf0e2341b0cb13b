"""Tables that never overlap: every cell fits its column, shrinks (never below a floor) or wraps inside its row.

Column widths are worked out from the text they hold; a cell whose text is still wider than its column is
set a little smaller, down to the floor, and what is still too wide is broken into lines here (not by
reportlab), so that no line starts with closing punctuation and each line is known to fit. Every cell is a
paragraph in the font chain, so rare characters reach the paper in the fallback font.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table

from pointsapp.printing.fonts import cjk_font, markup, text_width, undrawable
from pointsapp.printing.page import DARK_RED, INK, table_style

# characters that never begin a line, and those that never end one (GB/T 15834 and common practice)
NO_LINE_START = set("，。、；：？！）」』》〉】〕］｝”’…—·,.;:?!)]}%％")
NO_LINE_END = set("（「『《〈【〔［｛“‘([{")
ALIGNS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_LATIN_WORD = re.compile(r"[0-9A-Za-z_.@+\-]+")


@dataclass(frozen=True)
class Column:
    """A column: its header, how its cells align, whether they may wrap, and whether it takes what is left."""

    header: str
    align: str = "center"
    wrap: bool = True        # numbers and dates keep to one line (they shrink instead)
    flex: bool = False       # takes the width left over
    least_chars: float = 2   # never narrower than this many characters (at the floor size)


def break_lines(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` at ``size``: between any two CJK characters,
    at spaces in other text (a word longer than the line is cut), never starting a line with closing
    punctuation or ending one with opening punctuation."""
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        rest = paragraph
        while rest:
            if text_width(rest, size) <= width:
                lines.append(rest)
                break
            cut = 1
            while cut < len(rest) and text_width(rest[:cut + 1], size) <= width:
                cut += 1
            # prefer a space in Latin text, when one is in the line's second half
            space = rest.rfind(" ", 0, cut + 1)
            if space > cut // 2 and not _is_cjk(rest[cut - 1]):
                cut = space + 1
            # keep closing punctuation with what it closes, opening punctuation with what it opens
            while cut > 1 and (rest[cut] in NO_LINE_START if cut < len(rest) else False):
                cut -= 1
            while cut > 1 and rest[cut - 1] in NO_LINE_END:
                cut -= 1
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
    return lines or [""]


def _balanced(text: str, width: float, size: float, count: int) -> list[str]:
    """The same number of lines as at ``width``, but as even as they go (环境|卫生, not 环境卫|生)."""
    if count == 2 and "·" in text and "\n" not in text:  # a minority name: after its middle dot, when that fits
        for _distance, i in sorted((abs(i - len(text) / 2), i) for i, ch in enumerate(text) if ch == "·"):
            parts = [text[:i + 1], text[i + 1:]]
            if all(text_width(p, size) <= width for p in parts):
                return parts
    natural = text_width(text.replace("\n", ""), size)
    target = natural / count
    while target < width:
        lines = break_lines(text, target, size)
        if len(lines) <= count:
            return lines
        target += size * 0.5
    return break_lines(text, width, size)


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


class TableFit:
    """Lays out one table: ``size`` is the body size, ``floor`` the smallest a crowded cell may get."""

    def __init__(self, columns: list[Column], width: float, size: float, floor: float, *, pad: float = 3,
                 head_color=DARK_RED, leading: float = 1.25):
        self.columns, self.width, self.size, self.floor = columns, width, size, max(1.0, min(floor, size))
        self.pad, self.head_color, self.leading = pad, head_color, leading
        self.unrendered: list[str] = []  # texts with characters no font has
        self._styles: dict[tuple, ParagraphStyle] = {}

    def style(self, size: float, align: str, color=INK) -> ParagraphStyle:
        key = (round(size, 2), align, str(color))
        if key not in self._styles:
            self._styles[key] = ParagraphStyle(f"fit{len(self._styles)}", fontName=cjk_font(), fontSize=size,
                                               leading=size * self.leading, alignment=ALIGNS[align],
                                               textColor=color, wordWrap=None, splitLongWords=0)
        return self._styles[key]

    def fits(self, rows: list[list[str]]) -> bool:
        """Whether every column gets at least its least width (else all columns are squeezed alike)."""
        return sum(self._measure(rows)[1]) <= self.width

    def widths(self, rows: list[list[str]]) -> list[float]:
        """Each column as wide as its longest cell (headers may break between words), then narrowed
        where the page is too small: wrapping columns first, down to ``least_chars``, then all alike."""
        wanted, least = self._measure(rows)
        total = sum(wanted)
        if total <= self.width:
            spare = self.width - total
            flex = [i for i, c in enumerate(self.columns) if c.flex] or list(range(len(wanted)))
            return [w + (spare / len(flex) if i in flex else 0) for i, w in enumerate(wanted)]
        give = [max(0.0, w - l) for w, l in zip(wanted, least)]
        need = total - self.width
        if sum(give) >= need:  # narrow every column toward its least, in proportion to what it can give
            share = need / sum(give)
            return [w - g * share for w, g in zip(wanted, give)]
        scale = self.width / sum(least)  # even the least is too wide: all alike (cells shrink and wrap)
        return [l * scale for l in least]

    def _measure(self, rows: list[list[str]]) -> tuple[list[float], list[float]]:
        size, floor, pad2 = self.size, self.floor, 2 * self.pad + 1
        em = text_width("国", size)
        wanted, least = [], []
        for i, col in enumerate(self.columns):
            words = col.header.split() or [""]
            head = max(text_width(w, size) for w in words)
            longest = max([text_width(r[i], size) for r in rows if i < len(r)] or [0])
            # a header of CJK text may break into lines of two characters
            head_least = head if " " in col.header or not _is_cjk(col.header[:1] or "a") else 2 * em
            wanted.append(max(longest, head, em) + pad2)
            if col.wrap:  # a Latin word (a user name, a number) is not broken when the column can help it
                words = [w for r in rows if i < len(r) for w in _LATIN_WORD.findall(r[i] or "")]
                word = max((text_width(w, floor) for w in words), default=0)
                least.append(max(col.least_chars * text_width("国", floor), head_least, min(word, self.width / 4))
                             + pad2)
            else:
                least.append(max(longest * floor / size, head_least) + pad2)
        return wanted, least

    def cell(self, text: str, width: float, align: str, *, wrap: bool = True, color=INK, size: float | None = None) -> Paragraph:
        """One cell's paragraph: at ``size``, smaller down to the floor if that makes it fit, else wrapped."""
        text = "" if text is None else str(text)
        if undrawable(text):
            self.unrendered.append(text)
        size = size or self.size
        inner = max(1.0, width - 2 * self.pad - 1)
        natural = max((text_width(line, size) for line in text.split("\n")), default=0)
        if natural > inner:
            # one line if it fits at the floor; a cell that may wrap keeps most of its size and wraps
            one_line = size * inner / natural * 0.999
            if one_line >= self.floor or not wrap:
                size = max(self.floor, one_line)
            else:
                size = max(self.floor, size * 0.85)
        lines = break_lines(text, inner, size) if (wrap or text_width(text, size) > inner) else [text]
        if len(lines) > 1:
            lines = _balanced(text, inner, size, len(lines))
        body = "<br/>".join(markup(line) for line in lines)
        return Paragraph(body, self.style(size, align, color))

    def table(self, rows: list[list[str]], *, commands: list[tuple] = (), colors: dict | None = None,
              repeat_header: bool = True, header: bool = True, measure: list[list[str]] | None = None) -> Table:
        """The table of ``rows`` (plain text) under the columns' headers; ``colors`` maps (col, row) of the
        body to a text colour. ``commands`` are extra TableStyle commands (rules, fills, spans); ``measure``
        the rows the widths are worked out from (all by default; leave out a row spanning the table)."""
        widths = self.widths(rows if measure is None else measure)
        colors = colors or {}
        data = []
        if header:
            data.append([self.cell(c.header.replace(" ", "\n") if " " in c.header else c.header, w, "center",
                                   color=self.head_color, wrap=True) for c, w in zip(self.columns, widths)])
        spans = {(c0, r0): c1 for cmd, (c0, r0), (c1, _r1), *_ in commands if cmd == "SPAN"}
        first = 1 if header else 0
        for r, row in enumerate(rows):
            cells = []
            for i, (c, w, text) in enumerate(zip(self.columns, widths, row)):
                end = spans.get((i, r + first))
                if end is not None:  # a spanning cell is as wide as the columns it covers
                    w = sum(widths[i:(end % len(widths)) + 1])
                cells.append(self.cell(text, w, c.align, wrap=c.wrap, color=colors.get((i, r), INK)))
            data.append(cells)
        table = Table(data, colWidths=widths, repeatRows=1 if header and repeat_header else 0)
        table.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), self.pad),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), self.pad),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + list(commands)))
        return table
