"""Registers the CJK TrueType font with reportlab (embedded as a subset in every PDF)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pointsapp.fonts import find_cjk_font
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
