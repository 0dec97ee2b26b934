"""Draw the application icon (PNG for Linux/macOS, ICO for Windows) with the bundled font.

    python packaging/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "resources" / "fonts" / "NotoSansSC-Bold.ttf"


def draw(size: int = 512) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 6
    d.rounded_rectangle([0, 0, size - 1, size - 1], radius=r, fill=(31, 95, 153, 255))
    # the hazard-label orange as a band along the bottom
    band = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    bd = ImageDraw.Draw(band)
    bd.rectangle([0, int(size * 0.78), size, size], fill=(255, 150, 0, 255))
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, size - 1, size - 1], radius=r, fill=255)
    img.paste(band, (0, 0), Image.composite(band, Image.new("RGBA", (size, size)), mask).split()[3])
    font = ImageFont.truetype(str(FONT), int(size * 0.58))
    d.text((size / 2, size * 0.40), "铝", font=font, fill=(255, 255, 255, 255), anchor="mm")
    small = ImageFont.truetype(str(FONT), int(size * 0.13))
    d.text((size / 2, size * 0.89), "AlAssess", font=small, fill=(27, 38, 49, 255), anchor="mm")
    return img


if __name__ == "__main__":
    out = HERE / "icons"
    out.mkdir(exist_ok=True)
    img = draw(512)
    img.resize((256, 256), Image.LANCZOS).save(out / "alassess.png")
    img.save(out / "alassess.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print("icons written to", out)
