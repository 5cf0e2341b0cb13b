"""二维码: the one function turning text into a QR module matrix, for the PDFs and the Qt preview alike.

Error correction Q (25 %): a card lives in a pocket, and with blots and scratches Q reads where M
did not. A card's payload fits version 2 (25 modules) at Q for village codes of up to four characters;
a longer payload keeps the version M would give it (larger modules read better than more correction
at 72 dpi), so the level is Q when that costs no larger symbol, else M. The matrix has no quiet zone,
so each drawer leaves the four-module margin itself.
"""
from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

QUIET_ZONE = 4  # modules of white a reader needs around the symbol
LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
LEVEL = "Q"      # the level wanted
FALLBACK = "M"   # the level a payload too long for Q at M's version gets


@lru_cache(maxsize=4096)
def qr_matrix(text: str, level: str | None = None) -> tuple[tuple[bool, ...], ...]:
    """Rows of modules, ``True`` for dark, smallest version that holds ``text`` at ``level``; by default Q,
    or M when Q would need a larger symbol than M (see the module's note)."""
    if level is None:
        level = LEVEL if _version(text, LEVEL) <= _version(text, FALLBACK) else FALLBACK
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def _version(text: str, level: str) -> int:
    """The smallest QR version holding ``text`` at ``level`` (cheap: no mask is tried)."""
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0)
    code.add_data(text)
    return code.best_fit()


def dark_runs(matrix: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as ``(row, first column, length)``.

    Drawing one rectangle per run instead of per module keeps PDFs small and fast,
    and leaves no hairline gaps between neighbouring modules when rasterised.
    """
    runs = []
    for r, row in enumerate(matrix):
        c, width = 0, len(row)
        while c < width:
            if row[c]:
                start = c
                while c < width and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return runs
