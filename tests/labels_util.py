"""Measuring label PDFs the way an inspector would: rectangles in mm, colours, renderings, QR codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
from PIL import Image

PT_PER_MM = 72 / 25.4


def mm(pt: float) -> float:
    return pt / PT_PER_MM


def rgb255(colour) -> tuple[int, ...] | None:
    """A pdfplumber colour as 0–255 integers (gray becomes RGB)."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    vals = [round(float(v) * 255) for v in colour]
    if len(vals) == 1:
        vals = vals * 3
    return tuple(vals)


def filled(objs, colour: tuple[int, int, int]) -> list[dict]:
    return [o for o in objs if o.get("fill") and rgb255(o.get("non_stroking_color")) == colour]


def size_mm(o: dict) -> tuple[float, float]:
    return mm(o["x1"] - o["x0"]), mm(o["bottom"] - o["top"])


def render(pdf: Path, page: int, dpi: int, out_dir: Path,
           crop_px: tuple[int, int, int, int] | None = None) -> Image.Image:
    """Render one page (1-based) with poppler's pdftoppm, as a user's viewer would; ``crop_px`` is
    (x, y, w, h) in pixels of the full page (the image is still of the whole page's coordinates
    only inside the crop: pixel (0, 0) is (x, y))."""
    stem = out_dir / f"r{page}_{dpi}"
    crop = []
    if crop_px is not None:
        x, y, w, h = crop_px
        crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", *crop,
                    str(pdf), str(stem)], check=True, capture_output=True)
    return Image.open(f"{stem}.png").convert("RGB")


def decode_qr(img: Image.Image) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]


def pdffonts(pdf: Path) -> list[dict]:
    """``pdffonts`` rows: name, type, emb (bool)."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type [subtype…] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5] == "yes", "line": line})
    return rows


def open_pdf(path: Path):
    return pdfplumber.open(str(path))


def pdftext(pdf: Path, page: int | None = None) -> str:
    """Text as poppler's pdftotext reads it (baseline-aware), white space removed."""
    import re

    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)
