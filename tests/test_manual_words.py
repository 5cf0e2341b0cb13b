"""The manual quotes the screens' own words: every “…” in a chapter is a label or message of the program
(with … for the parts filled in), so a renamed button makes this fail until the manual follows."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from pointsapp import manual

ROOT = Path(__file__).resolve().parent.parent
# quotes that are the manual's own words, not the screen's (explanations, placeholders for a name or a date)
OWN_WORDS = {
    "当前用户：姓名（角色）", "新增户(&N)", "公示 #…：开始日 至 结束日", "清掉", "全部成功或全部不做",
    "积分超市日结-日期.xlsx", "已从备份恢复。程序将关闭，请重新打开。", "列出最近 … 年", "积分证明_日期.pdf",
    "…户兑换成功：… 分，剩余 … 分。请扫描下一位村民的积分卡。",  # the screen's words when no cash was taken
}


def _program_texts() -> str:
    """Every string literal of the program, with {0}-style fields as … and mnemonics (&) dropped."""
    texts = []
    for path in (ROOT / "pointsapp").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for literal in re.findall(r'"([^"\n]*)"|\'([^\'\n]*)\'', source):
            text = literal[0] or literal[1]
            texts.append(re.sub(r"\{[^}]*\}", "…", text.replace("&", "")).replace("\\n", ""))
    return "\n".join(texts)


def test_every_quoted_label_of_the_manual_is_on_a_screen():
    program = _program_texts()
    stale = []
    for chapter in manual.CHAPTERS:
        for quoted in re.findall(r"“([^”]+)”", manual.chapter_path(chapter.file).read_text(encoding="utf-8")):
            if quoted in OWN_WORDS:
                continue
            if not all(part in program for part in quoted.split("…") if part):
                stale.append(f"{chapter.file}: “{quoted}”")
    assert stale == []


def test_every_quoted_label_of_the_english_manual_is_on_an_english_screen():
    """The English chapters quote the English screens: each "…" is a translation in pointsapp_en.ts."""
    ts = ET.parse(ROOT / "resources" / "translations" / "pointsapp_en.ts")
    english = "\n".join(re.sub(r"\{[^}]*\}", "…", (m.findtext("translation") or "").replace("&", ""))
                        for m in ts.iter("message"))
    stale = []
    for chapter in manual.CHAPTERS:
        text = manual.chapter_path(chapter.file, "en").read_text(encoding="utf-8")
        quoted = re.findall(r'"([^"]+)"', text)
        assert quoted, f"en/{chapter.file} quotes no screen"
        stale += [f"en/{chapter.file}: \"{q}\"" for q in quoted
                  if not all(part in english for part in q.split("…") if part)]
    assert stale == []


def test_the_check_catches_a_label_the_program_does_not_have():
    program = _program_texts()
    assert "审核通过 (A)" in program and "确认兑换 (F12)" in program
    assert "一键审核全部 (A)" not in program
