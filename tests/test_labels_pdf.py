"""The label PDF measured back: true size, exact colours, border, text height, fonts, QR, sheets."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import VALID_CODE
from labels_util import decode_qr, filled, mm, open_pdf, pdffonts, render, size_mm

from alassess.domain import labels as L
from alassess.domain.assessment import Plant
from alassess.reports import fonts
from alassess.reports import labeltext as lt
from alassess.services import labels as svc

ORANGE = (255, 150, 0)
YELLOW = (255, 255, 0)
WHITE = (255, 255, 255)
DAY = dt.date(2025, 3, 1)


def source(sector: str = "electrolytic", **kw) -> svc.PlantSource:
    base = {"name": "重庆某某铝业有限公司", "sector": sector, "credit_code": VALID_CODE, "contact": "张三",
            "phone": "13800000000"}
    base.update(kw)
    return svc.PlantSource(Plant(**base))


def write(tmp: Path, name: str, src: svc.PlantSource, **opts) -> tuple[Path, svc.LabelResult]:
    opts.setdefault("date", "2025-03-01")
    res = svc.build(src, svc.LabelOptions(**opts))
    path = tmp / name
    path.write_bytes(res.pdf)
    return path, res


@pytest.fixture(scope="module")
def default_label(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("label")
    return write(tmp, "label.pdf", source(), count=2, weight_t="1.25")


def label_rect(page) -> dict:
    rects = [r for r in filled(page.rects, ORANGE) if size_mm(r)[0] > 50]
    assert len(rects) == 1
    return rects[0]


def test_orange_label_area_is_at_least_200_mm_square(default_label):
    path, res = default_label
    with open_pdf(path) as pdf:
        assert len(pdf.pages) == 2 == res.pages
        for page in pdf.pages:
            w, h = size_mm(label_rect(page))
            assert w >= 200 - 1e-3 and h >= 200 - 1e-3
            assert w == pytest.approx(200, abs=0.01) and h == pytest.approx(200, abs=0.01)


def test_border_and_blank_margin_measured_on_a_rendering(default_label, tmp_path):
    path, _ = default_label
    with open_pdf(path) as pdf:
        r = label_rect(pdf.pages[0])
    dpi = 300
    px = dpi / 25.4
    y = int((r["top"] + (r["bottom"] - r["top"]) * 0.37) / 72 * dpi)
    x = int(r["x0"] / 72 * dpi) + 1
    img = render(path, 1, dpi, tmp_path, crop_px=(x, y, int(12 * px), 1))
    runs: list[tuple[str, int]] = []
    for xx in range(0, int(12 * px)):
        p = img.getpixel((xx, 0))
        kind = "orange" if abs(p[0] - 255) < 40 and abs(p[1] - 150) < 40 and p[2] < 60 else \
            "black" if max(p) < 60 else "other"
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + 1)
        else:
            runs.append((kind, 1))
    assert runs[0][0] == "orange" and runs[1][0] == "black"
    assert runs[0][1] / px >= 3 - 0.5  # ≥ 3 mm blank outside the border (004 A.3(5))
    assert runs[1][1] / px >= 1.0  # border ≥ 1 mm


def test_hazard_pictograms_in_the_exact_colours(default_label, tmp_path):
    path, _ = default_label
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        yellow = [c for c in filled(page.curves, YELLOW) if size_mm(c)[0] > 20]
        white = [c for c in filled(page.curves, WHITE) if size_mm(c)[0] > 20]
        assert len(yellow) == 1 and len(white) == 1  # reactivity on yellow, toxicity on white
        for diamond in yellow + white:
            w, h = size_mm(diamond)
            assert w == pytest.approx(h, abs=0.01) and w >= 30
    recycled, _ = write(tmp_path, "r.pdf", source("recycled"))
    with open_pdf(recycled) as pdf:
        page = pdf.pages[0]
        assert len([c for c in filled(page.curves, YELLOW) if size_mm(c)[0] > 20]) == 1
        assert [c for c in filled(page.curves, WHITE) if size_mm(c)[0] > 20] == []


def test_required_texts_are_printed(default_label):
    path, res = default_label
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    with open_pdf(path) as pdf:
        plumber = pdf.pages[0].extract_text()
    for t in (text, plumber):
        compact = re.sub(r"\s+", "", t)
        for needle in ("危险废物", "HW48", "321-024-48", res.id_codes[0], "数字识别码", "重庆某某铝业有限公司",
                       "13800000000", "2025-03-01", "1.25t", "氮化铝"):
            assert needle in compact, needle
    assert res.id_codes == [f"{VALID_CODE}3210244820250301001", f"{VALID_CODE}3210244820250301002"]


def test_every_font_is_embedded_and_no_standard_font(default_label):
    path, _ = default_label
    rows = pdffonts(path)
    assert rows and all(r["emb"] for r in rows), rows
    assert not any(re.search(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", r["line"]) for r in rows)
    assert all("NotoSansCJK" in r["name"] for r in rows)


def test_qr_decoded_from_a_150_dpi_rendering(default_label, tmp_path):
    path, res = default_label
    for page in (1, 2):
        texts = decode_qr(render(path, page, 150, tmp_path))
        assert len(texts) == 1
        data = L.parse_qr_payload(texts[0])
        assert VALID_CODE in texts[0] and "321-024-48" in texts[0]
        assert data["credit_code"] == VALID_CODE
        assert data["code"] == "321-024-48"
        assert data["id_code"] == res.id_codes[page - 1]
        assert data["unit"] == "重庆某某铝业有限公司"
        assert data["hazards"] == "反应性、毒性"
        assert data["weight"] == "1.25 t"


def _label_chars(page):
    r = label_rect(page)
    return [ch for ch in page.chars if r["x0"] <= ch["x0"] and ch["x1"] <= r["x1"] and r["top"] <= ch["top"]
            and ch["bottom"] <= r["bottom"]]


def test_text_height_is_at_least_6_mm(default_label):
    path, _ = default_label
    m = lt.metrics(True)
    with open_pdf(path) as pdf:
        chars = _label_chars(pdf.pages[0])
    cjk = [c for c in chars if unicodedata.name(c["text"], "").startswith("CJK UNIFIED")]
    latin = [c for c in chars if c["text"].isascii() and (c["text"].isupper() or c["text"].isdigit())]
    assert len(cjk) > 100 and len(latin) > 40
    assert min(mm(c["size"]) * m.cjk_ratio for c in cjk) >= 6 - 1e-6
    assert min(mm(c["size"]) * m.cap_ratio for c in latin) >= 6 - 1e-6
    # and the title is bold and larger
    title = [c for c in cjk if c["text"] in "危险废物"]
    assert max(c["size"] for c in title) > 1.5 * min(c["size"] for c in cjk)


def test_every_printed_character_exists_in_the_bundled_font(default_label, tmp_path):
    paths = [default_label[0]]
    for kind in ("warning", "zone", "facility"):
        paths.append(write(tmp_path, f"{kind}.pdf", source(), kind=kind, paper="A2")[0])
    for path in paths:
        with open_pdf(path) as pdf:
            for page in pdf.pages:
                for bold in (True, False):
                    text = "".join(c["text"] for c in page.chars if ("Bold" in c["fontname"]) == bold)
                    assert fonts.missing_glyphs(text, bold=bold) == [], path.name
                assert "\ufffd" not in "".join(c["text"] for c in page.chars)


def test_note_scale_bar_and_crop_marks_are_outside_the_label(default_label):
    path, _ = default_label
    with open_pdf(path) as pdf:
        for page in pdf.pages:
            r = label_rect(page)
            text = re.sub(r"\s+", "", page.extract_text())
            assert "请按实际尺寸（100%）打印" in text and "Printat100%(actualsize)" in text
            note = [c for c in page.chars if c["text"] == "请"]
            assert note and all(c["top"] > r["bottom"] for c in note)
            # 100 mm scale bar: ten 10 mm segments side by side
            segs = [x for x in page.rects if 9.9 < size_mm(x)[0] < 10.1 and 1.9 < size_mm(x)[1] < 2.1]
            assert len(segs) == 10
            assert mm(max(s["x1"] for s in segs) - min(s["x0"] for s in segs)) == pytest.approx(100, abs=0.01)
            assert all(s["top"] > r["bottom"] for s in segs)
            # crop marks: short lines at each corner, just outside the label
            short = [ln for ln in page.lines if 2 < mm(max(ln["x1"] - ln["x0"], ln["bottom"] - ln["top"])) < 5]
            for cx, cy in ((r["x0"], r["top"]), (r["x1"], r["top"]), (r["x0"], r["bottom"]), (r["x1"], r["bottom"])):
                near = [ln for ln in short if min(abs(ln["x0"] - cx), abs(ln["x1"] - cx)) < 20
                        and min(abs(ln["top"] - cy), abs(ln["bottom"] - cy)) < 20]
                assert len(near) >= 2
                for ln in near:  # outside the label rectangle
                    inside = r["x0"] < (ln["x0"] + ln["x1"]) / 2 < r["x1"] and r["top"] < (ln["top"] + ln["bottom"]) / 2 < r["bottom"]
                    assert not inside


def test_viewer_is_asked_to_print_at_actual_size(default_label):
    from pypdf import PdfReader

    prefs = PdfReader(str(default_label[0])).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"


def test_two_labels_per_container_above_450_litres(tmp_path):
    path, res = write(tmp_path, "two.pdf", source(), count=3, container_volume_l="1000")
    assert res.faces == 2 and res.items == 6 and res.pages == 6
    with open_pdf(path) as pdf:
        codes = []
        for page in pdf.pages:
            text = re.sub(r"\s+", "", page.extract_text())
            codes.append(re.search(VALID_CODE + r"\d{19}", text).group(0))
            assert "面" in text
    assert codes == [res.id_codes[0]] * 2 + [res.id_codes[1]] * 2 + [res.id_codes[2]] * 2


@pytest.mark.parametrize("paper, per_sheet, orientation", [("A4", 1, "portrait"), ("A3", 2, "landscape"),
                                                            ("A2", 4, "portrait"), ("640x450mm", 6, "landscape")])
def test_as_many_labels_per_sheet_as_fit(tmp_path, paper, per_sheet, orientation):
    path, res = write(tmp_path, "p.pdf", source(), count=per_sheet + 1, paper=paper)
    assert res.per_sheet == per_sheet and res.orientation == orientation
    assert res.pages == 2
    with open_pdf(path) as pdf:
        first = pdf.pages[0]
        rects = [r for r in filled(first.rects, ORANGE) if size_mm(r)[0] > 50]
        assert len(rects) == per_sheet
        pw, ph = mm(first.width), mm(first.height)
        assert (pw > ph) == (orientation == "landscape")
        for r in rects:  # all on the sheet, none overlapping
            assert r["x0"] >= 0 and r["x1"] <= first.width and r["top"] >= 0 and r["bottom"] <= first.height
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
        assert len([r for r in filled(pdf.pages[1].rects, ORANGE) if size_mm(r)[0] > 50]) == 1


@pytest.mark.parametrize("volume, side, text_mm", [("20", 100, 3), ("200", 150, 5)])
def test_hj1276_sizes_keep_their_minimums_and_scan(tmp_path, volume, side, text_mm):
    path, res = write(tmp_path, "s.pdf", source(), label_size="hj1276", container_volume_l=volume)
    m = lt.metrics(True)
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        w, h = size_mm(label_rect(page))
        assert w >= side - 1e-3 and h >= side - 1e-3 and w == pytest.approx(res.width_mm, abs=0.01)
        cjk = [c for c in _label_chars(page) if unicodedata.name(c["text"], "").startswith("CJK UNIFIED")]
        assert min(mm(c["size"]) * m.cjk_ratio for c in cjk) >= text_mm - 1e-6
    texts = decode_qr(render(path, 1, 150, tmp_path))
    assert texts and L.parse_qr_payload(texts[0])["id_code"] == res.id_codes[0]


def test_a_custom_size_that_cannot_hold_the_text_is_refused(tmp_path):
    from alassess.domain.errors import InputError

    with pytest.raises(InputError) as e:
        write(tmp_path, "x.pdf", source(), label_size="200x200mm", overrides={"precautions": "防潮" * 200})
    assert e.value.key == "labels_text_too_long"
    assert "注意事项" in e.value.message("zh")


def test_a_character_outside_the_font_is_refused_with_its_field(tmp_path):
    from alassess.domain.errors import InputError

    with pytest.raises(InputError) as e:
        write(tmp_path, "x.pdf", source(name="𠀀铝业"))
    assert e.value.key == "labels_missing_glyph" and e.value.field == "plant.name"
