"""Signs measured back from the PDF: the 40 cm warning triangle (tiled and whole), the storage-zone
sign and the facility signs, with their colours, sizes and separators."""

from __future__ import annotations

import math

import pytest
from labels_util import filled, mm, open_pdf, pdffonts, pdftext, render, rgb255, size_mm
from test_labels_pdf import ORANGE, YELLOW, source, write

from alassess.domain import labels as L
from alassess.reports import sheets

BLACK = (0, 0, 0)


def _triangle(page, side_mm: float) -> dict:
    tris = [c for c in filled(page.curves, BLACK) if abs(size_mm(c)[0] - side_mm) < 0.5 and len(c["pts"]) <= 4]
    assert len(tris) == 1
    return tris[0]


def _side_lengths(curve) -> list[float]:
    pts = curve["pts"][:3]
    return [mm(math.dist(pts[i], pts[(i + 1) % 3])) for i in range(3)]


def test_warning_triangle_is_40_cm_with_a_25_mm_edge_on_a2(tmp_path):
    path, res = write(tmp_path, "w.pdf", source(), kind="warning", paper="A2")
    assert res.pages == 1 and res.tiles_per_item == 1
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        outer = _triangle(page, 400)
        for s in _side_lengths(outer):
            assert s == pytest.approx(400, abs=0.01)
        inner = [c for c in filled(page.curves, YELLOW) if size_mm(c)[0] > 200]
        assert len(inner) == 1
        # a 25 mm edge measured perpendicular to the sides: the yellow triangle's side is 400 - 2·25·√3
        for s in _side_lengths(inner[0]):
            assert s == pytest.approx(400 - 2 * 25 * math.sqrt(3), abs=0.01)
        # the figure is black on the yellow field
        assert len([c for c in filled(page.curves, BLACK) if 50 < size_mm(c)[0] < 200]) >= 1


def _windows_in_item_coords(path) -> tuple[list[tuple[float, float, float, float]], int]:
    """For every tile page: the printed window (grey frame) in the sign's own coordinates (mm, origin
    at the triangle's lower-left corner), found from the PDF alone."""
    grey = round(L.spec()["sheets"]["tile_window_grey"] * 255)
    out = []
    with open_pdf(path) as pdf:
        for page in pdf.pages:
            tri = _triangle(page, 400)
            vx = min(p[0] for p in tri["pts"])
            vbottom = max(p[1] for p in tri["pts"])  # top-based coordinates: the base of the triangle
            frames = [r for r in page.rects if r.get("stroke") and rgb255(r.get("stroking_color")) == (grey,) * 3]
            assert len(frames) == 1
            f = frames[0]
            out.append((mm(f["x0"] - vx), mm(vbottom - f["bottom"]), mm(f["x1"] - vx), mm(vbottom - f["top"])))
        return out, len(pdf.pages)


def test_tiles_of_the_triangle_on_a4_cover_the_whole_sign(tmp_path):
    path, res = write(tmp_path, "w4.pdf", source(), kind="warning", paper="A4")
    windows, pages = _windows_in_item_coords(path)
    assert pages == res.pages == res.tiles_per_item == 4
    w, h = 400, 400 * math.sqrt(3) / 2
    step = 2.0
    for i in range(int(w / step) + 1):
        for j in range(int(h / step) + 1):
            x, y = min(i * step, w), min(j * step, h)
            assert any(x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6 for x0, y0, x1, y1 in windows), (x, y)
    # neighbours overlap by at least 10 mm
    xs = sorted({round(win[0], 3) for win in windows})
    assert len(xs) == 2
    left = [win for win in windows if round(win[0], 3) == xs[0]][0]
    assert left[2] - xs[1] >= 10 - 1e-6
    with open_pdf(path) as pdf:
        for k, page in enumerate(pdf.pages, 1):
            text = pdftext(path, k)
            assert f"拼接块{k}/4" in text and "请按实际尺寸（100%）打印" in text
            # dashed cut lines and cross-hair marks
            assert any(ln.get("dash") and ln["dash"][0] for ln in page.lines)
            assert len([c for c in page.curves if c.get("stroke") and 5 < size_mm(c)[0] < 8]) >= 2


@pytest.mark.parametrize("paper", ["A4", "A3", "A2", "300x300mm", "1000x700mm"])
@pytest.mark.parametrize("size", [(400, 400 * math.sqrt(3) / 2), (300, 300), (300, 186), (186, 300), (200, 200)])
def test_tile_plans_cover_items_on_every_paper(paper, size):
    p = L.parse_paper(paper)
    w, h = size
    grid = sheets.grid_plan(p, w, h)
    if grid is not None:
        for x, y in grid.positions:
            assert x >= 0 and y >= 0 and x + w <= grid.page_w + 1e-9 and y + h <= grid.page_h + 1e-9
        return
    tp = sheets.tile_plan(p, w, h)
    wx, wy, ww, wh = tp.window
    assert wx >= 0 and wy >= 0 and wx + ww <= tp.page_w and wy + wh <= tp.page_h
    xs = sorted({(t.x0, t.x1) for t in tp.tiles})
    ys = sorted({(t.y0, t.y1) for t in tp.tiles})
    assert xs[0][0] <= 0 and xs[-1][1] >= w and ys[0][0] <= 0 and ys[-1][1] >= h
    for (_a0, a1), (b0, _b1) in zip(xs, xs[1:], strict=False):
        assert a1 - b0 >= 10 - 1e-9  # overlap
    for (_a0, a1), (b0, _b1) in zip(ys, ys[1:], strict=False):
        assert a1 - b0 >= 10 - 1e-9


def _black_run_mm(img, x: int, y0: int, y1: int, dpi: int) -> float:
    """Longest run of black pixels down a column, in mm."""
    best = run = 0
    for y in range(y0, y1):
        if max(img.getpixel((x, y))) < 60:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best / dpi * 25.4


def test_zone_sign_colours_size_title_and_separator(tmp_path):
    path, res = write(tmp_path, "z.pdf", source(), kind="zone", paper="A2")
    assert res.pages == 1
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        bg = [r for r in filled(page.rects, YELLOW) if size_mm(r)[0] > 250]
        assert len(bg) == 1 and min(size_mm(bg[0])) >= 300 - 1e-3
        cells = [r for r in filled(page.rects, ORANGE) if size_mm(r)[0] > 50]
        assert len(cells) == 2  # primary and secondary dross zones
        text = pdftext(path)
        for needle in ("危险废物贮存分区标志", "A区", "B区", "一次铝灰", "二次铝灰", "321-024-48", "HW48", "重庆某某铝业有限公司"):
            assert needle in text
        inside = [c for c in page.chars if bg[0]["x0"] <= c["x0"] <= bg[0]["x1"] and bg[0]["top"] <= c["top"] <= bg[0]["bottom"]]
        title = [c for c in inside if c["text"] == "志"]
        body = [c for c in inside if c["text"] == "单"]
        assert min(c["size"] for c in title) > 1.5 * max(c["size"] for c in body)
        sign = bg[0]
        # separator under the title: a black band ≥ 2 mm, found on a rendering
        title_bottom = max(c["bottom"] for c in title)
        cell_top = min(c["top"] for c in cells)
    dpi = 150
    img = render(path, 1, dpi, tmp_path)
    x = int((sign["x0"] + sign["x1"]) / 2 / 72 * dpi)
    assert _black_run_mm(img, x, int(title_bottom / 72 * dpi), int(cell_top / 72 * dpi), dpi) >= 2


def test_zone_sign_has_one_zone_when_the_plant_does_not_recover_metal(tmp_path):
    src = source()
    src.self_utilization = False
    path, _ = write(tmp_path, "z1.pdf", src, kind="zone", paper="A2")
    with open_pdf(path) as pdf:
        assert len([r for r in filled(pdf.pages[0].rects, ORANGE) if size_mm(r)[0] > 50]) == 1


@pytest.mark.parametrize("layout, w, h", [("horizontal", 300, 186), ("vertical", 186, 300)])
@pytest.mark.parametrize("facility, name", [("storage", "贮存设施"), ("utilisation", "利用设施"), ("disposal", "处置设施")])
def test_facility_signs(tmp_path, layout, w, h, facility, name):
    path, res = write(tmp_path, "f.pdf", source(), kind="facility", layout=layout, facility=facility,
                      facility_code="HW-01", paper="A2")
    assert (res.width_mm, res.height_mm) == (w, h)
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        bg = [r for r in filled(page.rects, YELLOW) if size_mm(r)[0] > 150]
        assert len(bg) == 1
        assert size_mm(bg[0]) == pytest.approx((w, h), abs=0.01)
        text = pdftext(path)
        for needle in ("危险废物", name, "单位名称：重庆某某铝业有限公司", "设施编码：HW-01", "负责人及联系方式",
                       "13800000000"):
            assert needle in text
        inside = [c for c in page.chars if bg[0]["x0"] <= c["x0"] <= bg[0]["x1"] and bg[0]["top"] <= c["top"] <= bg[0]["bottom"]]
        big = [c for c in inside if c["text"] == name[0]]
        small = [c for c in inside if c["text"] == "单"]
        assert max(c["size"] for c in big) > 1.5 * max(c["size"] for c in small)
        tri = [c for c in filled(page.curves, BLACK) if len(c["pts"]) <= 4 and size_mm(c)[0] > 60]
        assert len(tri) == 1  # the warning triangle
        sign = bg[0]
        tri_box = tri[0]
    dpi = 150
    img = render(path, 1, dpi, tmp_path)
    k = dpi / 72
    if layout == "horizontal":
        # a vertical black separator ≥ 3 mm between the triangle and the text: scan a row
        y = int((sign["top"] + sign["bottom"]) / 2 * k)
        best = run = 0
        for x in range(int(tri_box["x1"] * k) + 2, int((sign["x1"] - 5 * 72 / 25.4) * k)):  # not the border
            if max(img.getpixel((x, y))) < 60:
                run += 1
                best = max(best, run)
            else:
                run = 0
        assert best / dpi * 25.4 >= 3
    else:
        x = int((sign["x0"] + 8 * 72 / 25.4) * k)  # between the border and the text
        assert _black_run_mm(img, x, int(tri_box["bottom"] * k) + 2, int((sign["bottom"] - 5 * 72 / 25.4) * k), dpi) >= 3
    assert all(r["emb"] for r in pdffonts(path))
