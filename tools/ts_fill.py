"""Fill a Qt Linguist .ts file from tools/ts_en.py, tools/ts_en_messages.py and every other tools/ts_en_*.py:
``python tools/ts_fill.py resources/translations/pointsapp_en.ts``.

Run after ``make translations`` has extracted new strings; every message whose source is in the dictionaries gets
its English (finished), and the sources still missing are listed so they can be added to a dictionary. A source
is translated the same way in every context unless ``BY_CONTEXT`` names the context.
"""
from __future__ import annotations

import html
import importlib
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ts_en import TRANSLATIONS as SCREENS  # noqa: E402
from ts_en_messages import BY_CONTEXT, TRANSLATIONS as MESSAGES  # noqa: E402

TRANSLATIONS = {**SCREENS, **MESSAGES}
# One more dictionary per subject (ts_en_events.py, ts_en_shop.py …), so that work on two subjects at once
# does not edit the same file; each has a TRANSLATIONS dict and may have BY_CONTEXT.
for _extra in sorted(Path(__file__).resolve().parent.glob("ts_en_*.py")):
    if _extra.stem == "ts_en_messages":
        continue
    _module = importlib.import_module(_extra.stem)
    TRANSLATIONS.update(_module.TRANSLATIONS)
    BY_CONTEXT.update(getattr(_module, "BY_CONTEXT", {}))
CONTEXT = re.compile(r"(<context>\s*<name>)(.*?)(</name>.*?</context>)", re.S)
MESSAGE = re.compile(r"(<source>)(.*?)(</source>\s*)<translation[^>]*?(?:/>|>.*?</translation>)", re.S)


def fill(text: str) -> tuple[str, list[str]]:
    missing: list[str] = []

    def context(block: re.Match) -> str:
        name = html.unescape(block.group(2))

        def one(match: re.Match) -> str:
            source = html.unescape(match.group(2))
            english = BY_CONTEXT.get((name, source), TRANSLATIONS.get(source))
            if english is None:
                missing.append(source)
                return match.group(0)
            return f"{match.group(1)}{match.group(2)}{match.group(3)}<translation>{escape(english)}</translation>"

        return block.group(1) + block.group(2) + MESSAGE.sub(one, block.group(3))

    return CONTEXT.sub(context, text), missing


def main(path: str) -> int:
    file = Path(path)
    text, missing = fill(file.read_text(encoding="utf-8"))
    file.write_text(text, encoding="utf-8")
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
