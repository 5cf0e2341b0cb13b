"""Reading real PDFs back as a person or a scanner would: poppler's tools and zxing-cpp."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def render_pages(pdf: Path, out_dir: Path, dpi: int = 150, first: int | None = None,
                 last: int | None = None, gray: bool = False) -> list[Path]:
    """Rasterise pages with ``pdftoppm -r DPI -png``; the image paths in page order.

    ``gray`` writes uncompressed greyscale PGM instead, several times faster for long
    documents; a scanner sees no colour either.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = ["pdftoppm", "-r", str(dpi)] + (["-gray"] if gray else ["-png"])
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    subprocess.run(cmd + [str(pdf), str(out_dir / "page")], check=True)
    return sorted(out_dir.glob("page-*.pgm" if gray else "page-*.png"))


def decode_qr(image_path: Path) -> list[str]:
    """Every QR code zxing-cpp finds on the image."""
    with Image.open(image_path) as image:
        found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found]


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    cmd = ["pdftotext"] + (["-layout"] if layout else [])
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run(cmd + [str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def page_count(pdf: Path) -> int:
    return int(pdf_info(pdf)["Pages"])


def page_size_pt(pdf: Path) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(pdf)["Page size"])
    assert match, pdf_info(pdf)
    return float(match.group(1)), float(match.group(2))


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type and whether each font is embedded and subset."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        # name, type words…, encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def word_boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word poppler finds, per page: (x0, y0, x1, y1, text) from ``pdftotext -bbox``, y downwards."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages: list[list[tuple[float, float, float, float, str]]] = []
    for chunk in out.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', chunk)]
        pages.append(words)
    return pages


def page_widths(pdf: Path) -> list[float]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [float(w) for w in re.findall(r'<page width="([\d.]+)"', out)]


def overlapping(words, tolerance: float = 0.6) -> list[tuple[str, str]]:
    """Pairs of word boxes that overlap by more than ``tolerance`` points both across and down."""
    found = []
    ordered = sorted(words)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2] - tolerance:
                break
            if min(a[2], b[2]) - max(a[0], b[0]) > tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance:
                found.append((a[4], b[4]))
    return found
