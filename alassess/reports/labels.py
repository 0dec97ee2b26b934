"""The dross hazardous-waste label and the signs, drawn with reportlab's canvas (004 附录A).

Geometry is in millimetres: every item is drawn in a user space scaled once to mm, with its origin
at the item's lower-left corner; colours are exact DeviceRGB fills from ``labels.json``.

* :func:`plan_label` lays a label out (text at the minimum height of its size, the hazard
  pictograms, the QR code); when the text does not fit the minimum size it tries tighter line
  spacing and mild condensing, then enlarges the label in steps (the sizes are minimums).
* :class:`LabelDrawer` draws a batch: the static part once as a form XObject, then per label the
  identification code and the QR code.
* :func:`draw_warning_sign`, :func:`draw_zone_sign`, :func:`draw_facility_sign` draw the signs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from alassess import catalogue
from alassess.domain import labels as content
from alassess.domain.errors import InputError
from alassess.reports import labeltext as lt
from alassess.reports import pictograms as pg
from alassess.reports import qr as qrmod


def _zh(key: str, **args: object) -> str:
    """Label and sign text is Chinese by rule (HJ 1276, 004 附录A)."""
    return catalogue.text(key, "zh", **args)


def set_fill(c, colour: str) -> None:
    pg.fill(c, content.rgb(colour))


def set_stroke(c, colour: str) -> None:
    pg.stroke(c, content.rgb(colour))


def _panel(c, part: dict, w: float, h: float, border: float, blank: float = 0.0) -> None:
    """A ``w`` × ``h`` field in the part's background colour, framed by a ``border`` in its foreground
    colour ``blank`` inside the edge; leaves the stroke colour and width set."""
    set_fill(c, part["background"])
    c.rect(0, 0, w, h, stroke=0, fill=1)
    set_stroke(c, part["foreground"])
    c.setLineWidth(border)
    o = blank + border / 2
    c.rect(o, o, w - 2 * o, h - 2 * o, stroke=1, fill=0)


@dataclass(frozen=True)
class TextItem:
    x: float
    baseline: float
    text: str
    style: lt.Style
    centred: bool = False


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float


@dataclass(frozen=True)
class Picto:
    hazard: str
    cx: float
    cy: float
    diag: float


@dataclass
class LabelPlan:
    width_mm: float
    height_mm: float
    text_mm: float
    blank_mm: float
    border_mm: float
    line_pitch_ratio: float
    hscale: float
    texts: list[TextItem] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pictos: list[Picto] = field(default_factory=list)
    code_item: TextItem | None = None
    qr_box: tuple[float, float, float] = (0.0, 0.0, 0.0)  # x, y, size (quiet zone included)
    grown: bool = False

    @property
    def inner(self) -> tuple[float, float, float, float]:
        """The rectangle inside the border (x, y, w, h)."""
        o = self.blank_mm + self.border_mm
        return o, o, self.width_mm - 2 * o, self.height_mm - 2 * o


class _Overflow(Exception):
    def __init__(self, field_zh: str) -> None:
        self.field_zh = field_zh


def _caption(f: content.LabelField) -> str:
    return f"{f.zh}："


def _field_lines(f: content.LabelField, style: lt.Style, width: float) -> tuple[float, list[str]]:
    """(caption width, value lines) of a field in a cell ``width`` wide (hanging indent)."""
    cap_w = lt.width(_caption(f), style)
    if not f.value:
        return cap_w, [""]
    rest = width - cap_w
    if rest < 3 * style.cjk_size:  # no room beside the caption: the value goes under it
        return cap_w, [""] + lt.wrap(f.value, style, width, width)
    return cap_w, lt.wrap(f.value, style, rest, rest)


def _min_lines(f: content.LabelField, style: lt.Style, width: float) -> int:
    """A lower bound of ``len(_field_lines(f, style, width)[1])`` found without wrapping: every line
    but a single over-wide character is at most its width, and spaces at breaks are dropped.
    Layout attempts that cannot fit are refused with it before any text is wrapped."""
    if not f.value:
        return 1
    cap_w = lt.width(_caption(f), style)
    ink, widest = lt.ink_width(f.value, style)
    rest = width - cap_w
    if rest < 3 * style.cjk_size:
        return 1 + math.ceil(ink / max(width, widest, 1e-9) - 1e-9)
    return max(1, math.ceil(ink / max(rest, widest, 1e-9) - 1e-9))


def _blame(by_id: dict[str, content.LabelField], st: lt.Style) -> str:
    """The caption of the longest of the texts a user can change (named when a label cannot fit)."""
    blame = max(("precautions", "main_components", "unit", "name", "remarks"),
                key=lambda k: lt.ink_width(by_id[k].value, st)[0])
    return by_id[blame].zh


class _Builder:
    """One layout attempt; raises :class:`_Overflow` when it does not fit."""

    def __init__(self, w: float, h: float, t: float, pitch: float, hscale: float) -> None:
        lab = content.spec()["label"]
        lay = lab["layout"]
        self.lay = lay
        self.plan = LabelPlan(w, h, t, float(lab["blank_outside_border_mm"]), float(lab["border_mm"]), pitch, hscale)
        self.t = t
        self.style = lt.Style(t, bold=True, hscale=hscale)
        self.line = pitch * self.style.cjk_size
        ix, iy, iw, ih = self.plan.inner
        self.pad = float(lay["padding_ratio"]) * t
        self.x0 = ix + self.pad
        self.x1 = ix + iw - self.pad
        self.cw = self.x1 - self.x0
        self.top = iy + ih  # y of the inner top edge (PDF y grows upwards)
        self.bottom = iy
        self.gap = float(lay["block_gap_ratio"]) * t
        self.rule = float(lay["rule_mm"])

    def min_lines(self, fields: Sequence[content.LabelField], width: float) -> int:
        return sum(_min_lines(f, self.style, width) for f in fields)

    def rows(self, fields: Sequence[content.LabelField], x: float, width: float) -> list[tuple]:
        """Row records (field, caption width, lines) for fields in a column."""
        out = []
        for f in fields:
            cap_w, lines = _field_lines(f, self.style, width)
            out.append((f, cap_w, lines, x, width))
        return out

    @staticmethod
    def nlines(rows: list[tuple]) -> int:
        return sum(len(r[2]) for r in rows)

    def emit_rows(self, rows: list[tuple], y_top: float) -> None:
        """Text items for rows starting at ``y_top`` (top of the first line box)."""
        y = y_top
        for f, cap_w, lines, x, width in rows:
            base = y - self.style.baseline_below_top(self.line)
            self.plan.texts.append(TextItem(x, base, _caption(f), self.style))
            if not f.value:
                # blank: a line to write on
                ux0 = x + cap_w + 0.3 * self.t
                self.plan.lines.append(Line(ux0, base - 0.15 * self.t, x + width, base - 0.15 * self.t, 0.3))
            for i, text in enumerate(lines):
                # a value that did not fit beside its caption starts on the next line, at the left
                bx = x if (lines[0] == "" and i > 0) else x + cap_w
                self.plan.texts.append(TextItem(bx, base - i * self.line, text, self.style))
            y -= len(lines) * self.line


def _hrule(plan: LabelPlan, y: float, width: float) -> None:
    ix, _, iw, _ = plan.inner
    plan.lines.append(Line(ix, y, ix + iw, y, width))


def plan_label(fields: Sequence[content.LabelField], hazards: Sequence[str], size: content.LabelSize,
               qr_modules: int, code_sample: str) -> LabelPlan:
    """Lay out a label of ``size`` (a minimum) for ``fields`` and ``hazards``.

    ``qr_modules`` is the QR symbol's width in modules (without the quiet zone); ``code_sample`` an
    identification code of the batch (all have the same width). Raises :class:`InputError` naming
    the field that does not fit when even the largest allowed size fails.
    """
    lab = content.spec()["label"]
    lay = lab["layout"]
    qrspec = content.spec()["qr"]
    total_modules = qr_modules + 2 * int(qrspec["quiet_zone_modules"])
    min_module = float(qrspec["min_module_mm"])
    by_id = {f.id: f for f in fields}
    step = float(lay["grow_step_mm"])
    sizes = [(size.width_mm, size.height_mm)]
    if size.may_grow:
        k = 1
        while size.width_mm + k * step <= size.width_mm * float(lay["grow_max_ratio"]) + 1e-9:
            sizes.append((size.width_mm + k * step, size.height_mm + k * step))
            k += 1
    last: _Overflow | None = None
    # tighter line spacing before condensing, a slightly larger label before strong condensing
    cond = [float(x) for x in lay["condense_percent"]]
    tries = [(w, h, hs, float(p)) for group in (cond[:2], cond[2:]) for (w, h) in sizes for hs in group
             for p in lay["line_pitch_ratios"]]
    for w, h, hscale, pitch in tries:
        try:
            plan = _attempt(w, h, size.text_mm, pitch, hscale, by_id, hazards, total_modules, min_module,
                            code_sample)
        except _Overflow as exc:
            last = exc
            continue
        plan.grown = (w, h) != (size.width_mm, size.height_mm)
        return plan
    assert last is not None
    raise InputError("labels_text_too_long", None, caption=last.field_zh, w=f"{sizes[-1][0]:g}",
                     h=f"{sizes[-1][1]:g}", t=f"{size.text_mm:g}")


@dataclass
class _Blocks:
    """The measured blocks of one layout attempt, top to bottom: title, A (name … hazards beside the
    pictograms), B (components and precautions), C (the identification code), D (unit … remarks
    beside the QR code)."""

    title: str
    tstyle: lt.Style
    title_h_mm: float
    title_band: float
    hazards: Sequence[str]
    pic_gap: float
    diag: float
    right_w: float
    rows_a: list[tuple]
    h_a: float
    rows_b: list[tuple]
    h_b: float
    code_field: content.LabelField
    code_cap_w: float
    code_style: lt.Style
    code_lines: int
    h_c: float
    q: float = 0.0
    rows_d: list[tuple] = field(default_factory=list)
    h_d: float = 0.0


def _title(b: _Builder) -> tuple[str, lt.Style, float, float]:
    """(title, its style, its text height, the height of its band)."""
    t, lay = b.t, b.lay
    title_h_mm = float(lay["title_height_ratio"]) * t
    tstyle = lt.Style(title_h_mm, bold=True)
    tstyle = tstyle.with_(char_space_mm=float(lay["title_letter_spacing_em"]) * tstyle.cjk_size)
    title = content.spec()["label"]["title_zh"]
    if lt.width(title, tstyle) > b.cw:
        raise _Overflow(title)
    return title, tstyle, title_h_mm, title_h_mm + 1.1 * t


def _code_style(b: _Builder, cf: content.LabelField, code_sample: str) -> tuple[float, lt.Style, int]:
    """(caption width, style, lines) of the identification code: one line beside its caption, or
    under it, condensed as little as needed."""
    st = b.style
    cap_w = lt.width(_caption(cf), st)
    for hs in b.lay["condense_percent"]:
        s2 = st.with_(hscale=float(hs))
        if cap_w + lt.width(code_sample, s2) <= b.cw:
            return cap_w, s2, 1
    for hs in b.lay["condense_percent"]:
        s2 = st.with_(hscale=float(hs))
        if lt.width(code_sample, s2) <= b.cw:
            return cap_w, s2, 2
    raise _Overflow(cf.zh)


def _measure(b: _Builder, by_id: dict[str, content.LabelField], hazards: Sequence[str],
             code_sample: str, q_min: float = 0.0) -> _Blocks:
    """Blocks title, A, B and C (D depends on the room they leave). A label that cannot hold the
    texts even beside the smallest QR code (``q_min`` wide) is refused before any text is wrapped."""
    line = b.line
    title, tstyle, title_h_mm, title_band = _title(b)
    n_pic = max(1, len(hazards))
    pic_gap = float(b.lay["pictogram_gap_ratio"]) * b.t
    a_fields = [by_id[k] for k in ("name", "category", "code", "form", "hazards")]
    diag = min(len(a_fields) * line, (0.52 * b.cw - (n_pic - 1) * pic_gap) / n_pic)
    right_w = n_pic * diag + (n_pic - 1) * pic_gap
    b_fields = [by_id[k] for k in ("main_components", "harmful_components", "precautions")]
    d_fields = [by_id[f] for f in ("unit", "contact", "date", "weight", "remarks")]
    lower = (b.min_lines(a_fields, b.cw - right_w - 2 * pic_gap) + b.min_lines(b_fields, b.cw)
             + b.min_lines(d_fields, b.cw - q_min - 2 * pic_gap)) * line
    if lower > b.top - b.bottom - title_band:
        raise _Overflow(_blame(by_id, b.style))
    rows_a = b.rows(a_fields, b.x0, b.cw - right_w - 2 * pic_gap)
    rows_b = b.rows(b_fields, b.x0, b.cw)
    cf = by_id["id_code"]
    cap_w, code_style, code_lines = _code_style(b, cf, code_sample)
    return _Blocks(title, tstyle, title_h_mm, title_band, hazards, pic_gap, diag, right_w,
                   rows_a, max(b.nlines(rows_a) * line, diag), rows_b, b.nlines(rows_b) * line,
                   cf, cap_w, code_style, code_lines, code_lines * line)


def _fit_qr(b: _Builder, k: _Blocks, by_id: dict[str, content.LabelField], avail: float, total_modules: int,
            min_module: float) -> None:
    """Block D with the largest QR code that fits the room left (``avail``)."""
    d_fields = [by_id[f] for f in ("unit", "contact", "date", "weight", "remarks")]
    module = float(content.spec()["qr"]["max_module_mm"])
    while module >= min_module - 1e-9:
        q = total_modules * module
        if max(b.min_lines(d_fields, b.cw - q - 2 * k.pic_gap) * b.line, q) > avail:
            module -= 0.05  # cannot fit beside a QR code this size: not worth wrapping
            continue
        rows_d = b.rows(d_fields, b.x0, b.cw - q - 2 * k.pic_gap)
        h_d = max(b.nlines(rows_d) * b.line, q)
        if h_d <= avail and q <= float(b.lay["qr_max_share"]) * b.cw:
            k.q, k.rows_d, k.h_d = q, rows_d, h_d
            return
        module -= 0.05
    raise _Overflow(_blame(by_id, b.style))


def _rule_below(b: _Builder, y: float) -> float:
    """A rule whose top is at ``y``; returns the y below it."""
    _hrule(b.plan, y - b.rule / 2, b.rule)
    return y - b.rule


def _emit(b: _Builder, k: _Blocks, w: float, gap: float) -> LabelPlan:
    """Place the measured blocks, ``gap`` above and below each."""
    plan, line, st = b.plan, b.line, b.style
    y = b.top
    plan.texts.append(TextItem(w / 2, y - k.title_band / 2 - k.title_h_mm / 2
                               - k.tstyle.cjk_size * lt.metrics().cjk_bottom, k.title, k.tstyle, centred=True))
    y -= k.title_band
    _hrule(plan, y - float(b.lay["title_rule_mm"]) / 2, float(b.lay["title_rule_mm"]))
    y -= b.rule
    y -= gap
    b.emit_rows(k.rows_a, y - (k.h_a - b.nlines(k.rows_a) * line) / 2)
    cx0 = b.x1 - k.right_w + k.diag / 2
    for i, hz in enumerate(k.hazards):
        plan.pictos.append(Picto(hz, cx0 + i * (k.diag + k.pic_gap), y - k.h_a / 2, k.diag))
    y = _rule_below(b, y - (k.h_a + gap)) - gap
    b.emit_rows(k.rows_b, y)
    y = _rule_below(b, y - (k.h_b + gap)) - gap
    base = y - st.baseline_below_top(line)
    plan.texts.append(TextItem(b.x0, base, _caption(k.code_field), st))
    if k.code_lines == 1:
        plan.code_item = TextItem(b.x0 + k.code_cap_w, base, "", k.code_style)
    else:
        plan.code_item = TextItem(b.x0, base - line, "", k.code_style)
    y = _rule_below(b, y - (k.h_c + gap)) - gap
    b.emit_rows(k.rows_d, y - (k.h_d - b.nlines(k.rows_d) * line) / 2)
    plan.qr_box = (b.x1 - k.q, y - k.h_d / 2 - k.q / 2, k.q)
    return plan


def _attempt(w: float, h: float, t: float, pitch: float, hscale: float, by_id: dict[str, content.LabelField],
             hazards: Sequence[str], total_modules: int, min_module: float, code_sample: str) -> LabelPlan:
    b = _Builder(w, h, t, pitch, hscale)
    k = _measure(b, by_id, hazards, code_sample, q_min=total_modules * min_module)
    fixed = k.title_band + b.rule + 4 * (2 * b.gap) + 3 * b.rule + k.h_a + k.h_b + k.h_c
    avail = b.top - b.bottom - fixed
    _fit_qr(b, k, by_id, avail, total_modules, min_module)
    extra = (avail - k.h_d) / 8  # spread what is left over the eight block paddings
    return _emit(b, k, w, b.gap + extra)


# ---- drawing ------------------------------------------------------------------------------------

def draw_text_item(c, item: TextItem, text: str | None = None) -> None:
    s = item.text if text is None else text
    if item.centred:
        lt.draw_centred(c, item.x, item.baseline, s, item.style)
    else:
        lt.draw(c, item.x, item.baseline, s, item.style)


def draw_label_static(c, plan: LabelPlan) -> None:
    """Background, border, rules, captions and batch-constant values, pictograms (mm user space)."""
    w, h = plan.width_mm, plan.height_mm
    lab = content.spec()["label"]
    c.saveState()
    # the whole label is orange: the blank outside the border too
    _panel(c, lab, w, h, plan.border_mm, plan.blank_mm)
    c.setLineCap(0)
    for ln in plan.lines:
        c.setLineWidth(ln.width)
        c.line(ln.x0, ln.y0, ln.x1, ln.y1)
    set_fill(c, lab["foreground"])
    for item in plan.texts:
        draw_text_item(c, item)
    for p in plan.pictos:
        pg.hazard_pictogram(c, p.hazard, p.cx, p.cy, p.diag)
    c.restoreState()


def draw_label_variable(c, plan: LabelPlan, id_code: str, symbol: qrmod.QrSymbol) -> None:
    """The identification code and the QR code of one label."""
    set_fill(c, content.spec()["label"]["foreground"])
    assert plan.code_item is not None
    draw_text_item(c, plan.code_item, id_code)
    x, y, size = plan.qr_box
    qrmod.draw_qr(c, x, y, size, symbol, int(content.spec()["qr"]["quiet_zone_modules"]))


# ---- warning sign (A.1) -------------------------------------------------------------------------

def warning_sign_size() -> tuple[float, float]:
    ws = content.spec()["warning_sign"]
    side = float(ws["side_mm"])
    return side, side * math.sqrt(3) / 2


def draw_warning_sign(c) -> None:
    ws = content.spec()["warning_sign"]
    pg.warning_triangle(c, 0, 0, float(ws["side_mm"]), float(ws["edge_mm"]))


# ---- zone sign (A.4) ----------------------------------------------------------------------------

def _zone_title(c, z: dict, sign: content.ZoneSign, w: float, h: float, pad: float, border: float) -> float:
    """The title, bold and larger, centred, and the separator below it; returns the y below."""
    th = float(z["title_text_mm"])
    tstyle = lt.Style(th, bold=True)
    while lt.width(sign.title, tstyle) > w - 2 * pad - 2 * border:
        tstyle = tstyle.with_(hscale=tstyle.hscale - 4)
    y = h - border - pad
    band = th * 2.0
    set_fill(c, z["foreground"])
    lt.draw_centred(c, w / 2, y - band / 2 - th / 2 - tstyle.cjk_size * lt.metrics().cjk_bottom, sign.title, tstyle)
    y -= band
    sep = float(z["separator_mm"])
    c.setLineWidth(sep)
    c.setLineCap(0)
    c.line(border, y - sep / 2, w - border, y - sep / 2)
    return y - (sep + pad * 0.8)


def _zone_footer_lines(sign: content.ZoneSign, body: lt.Style, width: float) -> list[tuple[str, float, list[str]]]:
    """(caption, caption width, value lines) of the footer: unit, person in charge, the no-mixing rule."""
    foot = [(_zh("sign.unit_name"), sign.unit_name), (_zh("sign.manager"), sign.manager), ("", sign.note)]
    out = []
    for cap, val in foot:
        cw = lt.width(cap, body)
        out.append((cap, cw, lt.wrap(val, body, width - cw, width - cw) if val else [""]))
    return out


def _zone_cell(c, z: dict, zone, box: tuple[float, float, float, float], pad: float, t: float,
               body: lt.Style, line: float) -> None:
    """One zone's cell (orange): its letter, name, code, category, hazards and pictograms."""
    cx, cy, cell_w, cell_h = box
    set_fill(c, z["cells"])
    set_stroke(c, z["foreground"])
    c.setLineWidth(0.8)
    c.rect(cx, cy, cell_w, cell_h, stroke=1, fill=1)
    set_fill(c, z["foreground"])
    big = lt.Style(float(z["zone_letter_mm"]), bold=True)
    ty = cy + cell_h - pad * 0.6
    lt.draw_centred(c, cx + cell_w / 2, ty - big.baseline_below_top(1.35 * big.cjk_size), zone.letter, big)
    ty -= 1.35 * big.cjk_size
    hz = _zh("sign.list_sep").join(content.spec()["hazards"]["items"][h]["zh"] for h in zone.hazards)
    for text in (zone.name, _zh("sign.code", code=zone.code), _zh("sign.category", category=zone.category),
                 _zh("sign.hazards", hazards=hz)):
        s = body
        while lt.width(text, s) > cell_w - 4 and s.hscale > 70:
            s = s.with_(hscale=s.hscale - 4)
        lt.draw_centred(c, cx + cell_w / 2, ty - s.baseline_below_top(line), text, s)
        ty -= line
    # hazard pictograms fill the rest of the cell
    room = ty - cy - pad * 0.6
    if room > 2 * t:
        n = len(zone.hazards)
        pgap = pad * 0.5
        diag = min(room, (cell_w - pad - (n - 1) * pgap) / n)
        for k, hname in enumerate(zone.hazards):
            pcx = cx + cell_w / 2 + (k - (n - 1) / 2) * (diag + pgap)
            pg.hazard_pictogram(c, hname, pcx, cy + pad * 0.3 + room / 2, diag)
            set_fill(c, z["foreground"])


def _zone_footer(c, foot_lines: list[tuple[str, float, list[str]]], x0: float, x1: float, top: float,
                 body: lt.Style, line: float) -> None:
    yy = top
    for cap, cw, lines in foot_lines:
        for k, text in enumerate(lines):
            base = yy - body.baseline_below_top(line)
            if k == 0 and cap:
                lt.draw(c, x0, base, cap, body)
            if not text and cap:
                c.setLineWidth(0.3)
                c.line(x0 + cw + 1, base - 1, x1, base - 1)
            lt.draw(c, x0 + cw, base, text, body)
            yy -= line


def draw_zone_sign(c, sign: content.ZoneSign) -> tuple[float, float]:
    """Draw the storage-zone sign at the origin; returns its size."""
    z = content.spec()["zone_sign"]
    w, h = float(z["width_mm"]), float(z["height_mm"])
    t = float(z["text_mm"])
    pad = float(z["padding_mm"])
    border = float(z["border_mm"])
    body = lt.Style(t, bold=True)
    line = 1.3 * body.cjk_size
    c.saveState()
    _panel(c, z, w, h, border)
    y = _zone_title(c, z, sign, w, h, pad, border)
    x0, x1 = border + pad, w - border - pad
    foot_lines = _zone_footer_lines(sign, body, x1 - x0)
    bottom = border + pad + sum(len(fl[2]) for fl in foot_lines) * line
    # zone cells (orange), as many columns as zones (max 2), rows as needed
    zones = sign.zones
    cols = 1 if len(zones) == 1 else 2
    rows = math.ceil(len(zones) / cols)
    gap = pad * 0.8
    cell_w = (x1 - x0 - (cols - 1) * gap) / cols
    cell_h = (y - bottom - gap - (rows - 1) * gap) / rows
    for i, zone in enumerate(zones):
        r, col = divmod(i, cols)
        box = (x0 + col * (cell_w + gap), y - (r + 1) * cell_h - r * gap, cell_w, cell_h)
        _zone_cell(c, z, zone, box, pad, t, body, line)
    set_fill(c, z["foreground"])
    _zone_footer(c, foot_lines, x0, x1, bottom, body, line)
    c.restoreState()
    return w, h


# ---- facility signs (A.5) -------------------------------------------------------------------------

def _facility_triangle(c, f: dict, sign: content.FacilitySign, t: float) -> tuple[float, float, float, float]:
    """The warning triangle with its caption and the separator beside (horizontal) or below
    (vertical) it; returns the text area (x0, x1, y top, y bottom)."""
    ws = content.spec()["warning_sign"]
    w, h = sign.width_mm, sign.height_mm
    border, sep = float(f["border_mm"]), float(f["separator_mm"])
    pad = 2.0 * t
    cap_text = " ".join(f["triangle_caption_zh"])
    cap_style = lt.Style(t * 1.5, bold=True)
    cap_h = 1.6 * cap_style.cjk_size
    if sign.layout == "horizontal":
        left_w = h * 0.78  # the triangle panel
        side = left_w - 2 * pad
        tri_h = side * math.sqrt(3) / 2
        block = tri_h + cap_h
        ty = (h - block) / 2 + cap_h
        pg.warning_triangle(c, border + pad, ty, side, side * float(ws["edge_mm"]) / float(ws["side_mm"]))
        set_fill(c, f["foreground"])
        lt.draw_centred(c, border + pad + side / 2, ty - cap_h * 0.75, cap_text, cap_style)
        sx = border + pad + side + pad
        c.setLineWidth(sep)
        c.line(sx + sep / 2, border, sx + sep / 2, h - border)
        return sx + sep + pad, w - border - pad, h - border - pad * 0.8, border + pad * 0.8
    side = w - 2 * border - 2 * pad
    tri_h = side * math.sqrt(3) / 2
    top = h - border - pad * 0.8
    pg.warning_triangle(c, border + pad, top - tri_h, side, side * float(ws["edge_mm"]) / float(ws["side_mm"]))
    set_fill(c, f["foreground"])
    lt.draw_centred(c, w / 2, top - tri_h - cap_h * 0.8, cap_text, cap_style)
    sy = top - tri_h - cap_h - pad * 0.4
    c.setLineWidth(sep)
    c.line(border, sy - sep / 2, w - border, sy - sep / 2)
    return border + pad * 0.8, w - border - pad * 0.8, sy - sep - pad * 0.6, border + pad * 0.6


def _facility_title(c, sign: content.FacilitySign, tstyle: lt.Style, rx0: float, rx1: float, y: float) -> float:
    """危险废物 / 贮存设施, bold, larger, centred; returns the y below."""
    cx = (rx0 + rx1) / 2
    for text in sign.title_lines:
        s = tstyle
        while lt.width(text, s) > rx1 - rx0 and s.hscale > 70:
            s = s.with_(hscale=s.hscale - 4)
        lt.draw_centred(c, cx, y - s.baseline_below_top(1.3 * s.cjk_size), text, s)
        y -= 1.3 * s.cjk_size
    return y


def _facility_fields(c, sign: content.FacilitySign, body: lt.Style, t: float, area: tuple[float, float, float, float]) -> None:
    """The fields, spread over the space that is left."""
    rx0, rx1, y, ry_bottom = area
    line = 1.35 * body.cjk_size
    rows = []
    for fld in sign.fields:
        cw = lt.width(f"{fld.zh}：", body)
        width = rx1 - rx0
        if fld.value and cw + lt.width(fld.value, body) > width:
            lines = [""] + lt.wrap(fld.value, body, width, width)
        else:
            lines = [fld.value]
        rows.append((fld, cw, lines))
    n = sum(len(r[2]) for r in rows)
    space = y - ry_bottom
    step = min(line * 1.5, space / max(n, 1))
    yy = y - max(0.0, (space - step * n) / 2)
    for fld, cw, lines in rows:
        for k, text in enumerate(lines):
            base = yy - body.baseline_below_top(step)
            if k == 0:
                lt.draw(c, rx0, base, f"{fld.zh}：", body)
                if not text and len(lines) == 1:
                    c.setLineWidth(0.4)
                    c.line(rx0 + cw + 1, base - 1.2, rx1, base - 1.2)
                lt.draw(c, rx0 + cw, base, text, body)
            else:
                lt.draw(c, rx0 + 2 * t, base, text, body)
            yy -= step


def draw_facility_sign(c, sign: content.FacilitySign) -> tuple[float, float]:
    """Draw a facility sign (horizontal or vertical) at the origin; returns its size."""
    f = content.spec()["facility_sign"]
    w, h = sign.width_mm, sign.height_mm
    t = float(f["text_mm"])
    body = lt.Style(t, bold=True)
    tstyle = lt.Style(float(f["title_text_mm"]), bold=True)
    c.saveState()
    _panel(c, f, w, h, float(f["border_mm"]))
    c.setLineCap(0)
    rx0, rx1, ry_top, ry_bottom = _facility_triangle(c, f, sign, t)
    set_fill(c, f["foreground"])
    y = _facility_title(c, sign, tstyle, rx0, rx1, ry_top)
    _facility_fields(c, sign, body, t, (rx0, rx1, y, ry_bottom))
    c.restoreState()
    return w, h
