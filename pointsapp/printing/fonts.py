"""Registers the CJK TrueType font with reportlab (embedded as a subset in every PDF), and the fallback
fonts used character by character where it has no glyph (王䶮, 张𠈌): text is split into runs by font."""
from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from pointsapp.fonts import find_cjk_font, find_fallback_fonts
from pointsapp.errors import UserError
from pointsapp.text import translate

FONT_NAME = "PointsCJK"


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The reportlab font name to use for Chinese text (registered on first use)."""
    found = find_cjk_font()
    if found is None:
        raise UserError(translate("printing.fonts", "找不到中文 TrueType 字体（如微软雅黑、宋体、文泉驿微米黑），无法生成 PDF。"
                                  "请安装中文字体，或在设置中指定字体文件。"))
    path, index = found
    kwargs = {"subfontIndex": index} if str(path).lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), **kwargs))
    return FONT_NAME


def _covered(name: str) -> frozenset[int]:
    """The code points a registered font has a glyph for, from the cmap reportlab read when registering it
    (reading the font file a second time cost a third of a second a font, in every printing process)."""
    return frozenset(code for code, glyph in pdfmetrics.getFont(name).face.charToGlyph.items() if glyph)


@lru_cache(maxsize=1)
def _main() -> tuple[str, frozenset[int]]:
    """(reportlab font name, code points it covers) of the main font."""
    main = cjk_font()
    return main, _covered(main)


@lru_cache(maxsize=1)
def _fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback fonts, registered the first time a character the main font lacks is asked for: most prints
    never need them, and reading HanaMin's tables costs more than the rest of a small print."""
    chain = []
    for i, fallback in enumerate(find_fallback_fonts()):
        name = f"PointsFallback{i}"
        pdfmetrics.registerFont(TTFont(name, str(fallback)))
        chain.append((name, _covered(name)))
    return tuple(chain)


def font_of(ch: str) -> str | None:
    """The first font of the chain with a glyph for ``ch``; None when none has one."""
    code = ord(ch)
    name, covered = _main()
    if code in covered:
        return name
    for name, covered in _fallbacks():
        if code in covered:
            return name
    return None


def runs(text: str, main: str | None = None) -> list[tuple[str, str]]:
    """``text`` as (font, piece) runs: each character in the first font that has it (the main font when none
    does, and for spaces and ASCII punctuation the main font draws anyway)."""
    main = main or cjk_font()
    out: list[tuple[str, str]] = []
    for ch in text:
        font = main if ch.isspace() else (font_of(ch) or main)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` no font can draw (they would print as a gap)."""
    return [ch for ch in dict.fromkeys(text or "") if not ch.isspace() and font_of(ch) is None]


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, with each run the main font lacks in its fallback font."""
    main = cjk_font()
    return "".join(escape(piece) if font == main else f"<font name='{font}'>{escape(piece)}</font>"
                   for font, piece in runs(text or "", main))


def text_width(text: str, size: float) -> float:
    return sum(stringWidth(piece, font, size) for font, piece in runs(text))


def draw_text(canvas, x: float, y: float, text: str, size: float, *, align: str = "left",
              render_mode: int | None = None) -> float:
    """Draw ``text`` run by run in the chain's fonts (the fill colour is the canvas'). Returns its width."""
    width = text_width(text, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    obj = canvas.beginText(x, y)
    if render_mode is not None:
        obj.setTextRenderMode(render_mode)
    for font, piece in runs(text):
        obj.setFont(font, size)
        obj.textOut(piece)
    canvas.drawText(obj)
    return width


def unrendered_note(texts: list[str]) -> str:
    """The sentence a print ends with when some names hold characters no font has: each name (its gap
    shown as □) and the code of each missing character, so the office can write it in by hand."""
    from pointsapp.text import list_sep

    shown = []
    for text in dict.fromkeys(texts):
        missing = undrawable(text)
        visible = "".join("□" if ch in missing else ch for ch in text)
        shown.append(translate("printing.fonts", "{0}（缺字 {1}）").format(
            visible, list_sep().join(f"U+{ord(ch):04X}" for ch in missing)))
    return translate("printing.fonts", "以下名称中有字无法打印（显示为空白），请手写补全：{0}").format(list_sep().join(shown))
