"""Fill a Qt Linguist .ts file from tools/ts_en.py: ``python tools/ts_fill.py resources/translations/pointsapp_en.ts``.

Run after ``make translations`` has extracted new strings; every message whose source is in the dictionary gets
its English (finished), and the sources still missing are listed so they can be added to the dictionary.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ts_en import TRANSLATIONS  # noqa: E402

MESSAGE = re.compile(r"(<source>)(.*?)(</source>\s*)<translation[^>]*?(?:/>|>.*?</translation>)", re.S)


def fill(text: str) -> tuple[str, list[str]]:
    missing: list[str] = []

    def one(match: re.Match) -> str:
        source = html.unescape(match.group(2))
        english = TRANSLATIONS.get(source)
        if english is None:
            missing.append(source)
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{match.group(3)}<translation>{escape(english)}</translation>"

    return MESSAGE.sub(one, text), missing


def main(path: str) -> int:
    file = Path(path)
    text, missing = fill(file.read_text(encoding="utf-8"))
    file.write_text(text, encoding="utf-8")
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
