"""二维码: the one function turning text into a QR module matrix, for the PDFs and the Qt preview alike.

Error correction Q (25 %): a card lives in a pocket, and with blots and scratches Q reads where M
did not. A card's payload fits version 2 (25 modules) at Q for village codes of up to four characters;
a longer payload keeps the version M would give it (larger modules read better than more correction
at 72 dpi), so the level is Q when that costs no larger symbol, else M. The matrix has no quiet zone,
so each drawer leaves the four-module margin itself.
"""
from __future__ import annotations

from functools import lru_cache

import zxingcpp

QUIET_ZONE = 4  # modules of white a reader needs around the symbol
LEVELS = ("L", "M", "Q", "H")
LEVEL = "Q"      # the level wanted
FALLBACK = "M"   # the level a payload too long for Q at M's version gets


@lru_cache(maxsize=4096)
def qr_matrix(text: str, level: str | None = None) -> tuple[tuple[bool, ...], ...]:
    """Rows of modules, ``True`` for dark, smallest version that holds ``text`` at ``level``; by default Q,
    or M when Q would need a larger symbol than M (see the module's note)."""
    if level is None:
        wanted, fallback = _symbol(text, LEVEL), _symbol(text, FALLBACK)
        return wanted if len(wanted) <= len(fallback) else fallback
    return _symbol(text, level)


def _symbol(text: str, level: str) -> tuple[tuple[bool, ...], ...]:
    """The smallest symbol holding ``text`` at ``level``, by zxing-cpp's encoder (C++: a thousand cards' codes
    in a third of a second, where the pure-Python ``qrcode`` spent six seconds choosing masks)."""
    if level not in LEVELS:
        raise ValueError(f"unknown QR error correction level: {level!r}")
    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=level).to_image(
        scale=1, add_quiet_zones=False)
    size = image.shape[1]
    pixels = bytes(memoryview(image))  # one byte a module, 0 for dark
    return tuple(tuple(pixels[r * size + c] == 0 for c in range(size)) for r in range(image.shape[0]))


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
