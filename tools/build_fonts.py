"""Rebuild the bundled fonts in ``resources/fonts`` (run by maintainers, not at install).

Source: Noto Sans CJK SC Regular and Bold (SIL Open Font License 1.1), as shipped by Debian's
``fonts-noto-cjk`` package (CFF outlines in a TTC). reportlab embeds TrueType outlines only, so the
SC face is taken out of the collection, subset to the characters AlAssess needs (GB 2312, ASCII,
Latin-1, general punctuation, CJK symbols, full-width forms, the signs used in reports and labels)
and its cubic CFF outlines are converted to quadratic TrueType outlines with fontTools.

    python tools/build_fonts.py [--src /usr/share/fonts/opentype/noto]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

OUT = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FACES = {"NotoSansSC-Regular.ttf": "NotoSansCJK-Regular.ttc", "NotoSansSC-Bold.ttf": "NotoSansCJK-Bold.ttc"}
SC_INDEX = 2  # JP, KR, SC, TC, HK …


def charset() -> str:
    chars: set[str] = set()
    for b1 in range(0xA1, 0xF8):  # GB 2312: every valid two-byte code
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF),
              (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF),
              (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2070, 0x209F), (0x0370, 0x03FF)]
    for lo, hi in ranges:
        chars.update(chr(c) for c in range(lo, hi + 1))
    # characters the product prints that lie outside GB 2312 (names of standards, units, symbols)
    chars.update("铝灰渣烟尘堆焙炭镁锌钛镍锰硅铬铅镉汞砷锑氟氰碱矾陶瓷瓩㎡㎥㎏㎞℃℉Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ Ⅵ Ⅶ Ⅷ Ⅸ Ⅹ")
    chars.update("鍊煉鋁廢棄貯處設標誌識別碼聯繫電話產單位數量")
    return "".join(sorted(c for c in chars if not c.isspace() or c == " "))


def to_truetype(font) -> None:
    """Replace CFF outlines by quadratic glyf outlines (max error 1 unit)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        rec = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def build(src: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    text = charset()
    for out_name, ttc in FACES.items():
        font = TTCollection(str(src / ttc)).fonts[SC_INDEX]
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GPOS", "GSUB"]
        sub = subset.Subsetter(opts)
        sub.populate(text=text)
        sub.subset(font)
        to_truetype(font)
        path = OUT / out_name
        font.save(str(path))
        print(f"{path.name}: {len(font.getGlyphOrder())} glyphs, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    build(ap.parse_args().src)
