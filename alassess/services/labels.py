"""Dross labels and signs as true-size PDF sheets — what ``alassess labels`` and the GUI's label
dialog both call.

* :func:`plant_from_file` / :func:`plant_from_db` — the plant (and which dross kinds it stores).
* :func:`build` — the PDF bytes of a batch of labels or of a sign, with the serials reserved in
  the database (when one is given) in one transaction before drawing.
* :func:`issue` — :func:`build`, then the file written atomically.

Serials: a batch of N labels gets N consecutive serials, reserved per unit (credit code), waste code
and date in the ``label_serials`` table, so an identification code is never issued twice. The CLI
keeps them in the user's default database unless told ``--db`` (another database) or
``--no-persist`` (nothing recorded; serials then start at ``first_serial``).
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qrcode.exceptions import DataOverflowError

from alassess import __version__
from alassess.domain import labels as content
from alassess.domain.assessment import Plant
from alassess.domain.errors import InputError
from alassess.services.files import atomic_write, load_assessment_file
from alassess.store import repo, serials
from alassess.store.db import open_db

FIELD_OPTIONS = {"unit": "plant.name", "contact": "plant.contact", "name": "--name",
                 "main_components": "--main-components", "harmful_components": "--harmful-components",
                 "precautions": "--precautions", "remarks": "--remarks", "facility_code": "--facility-code",
                 "manager": "plant.contact"}


@dataclass
class LabelOptions:
    """What to print. Values may be typed text (the CLI passes strings); they are validated here."""

    kind: str = "label"
    count: Any = 1
    paper: str | None = "A4"
    container_volume_l: Any = None
    label_size: str | None = None  # dross (default) | hj1276 | WxHmm
    weight_t: Any = None
    date: Any = None  # YYYY-MM-DD or a date; None = today
    dross_kind: str | None = "primary"
    facility: str | None = "storage"
    layout: str | None = "horizontal"
    facility_code: str | None = None
    zones: tuple[str, ...] | None = None
    overrides: dict[str, str | None] = field(default_factory=dict)
    first_serial: Any = 1  # only when serials are not persisted


@dataclass
class LabelResult:
    pdf: bytes
    kind: str
    pages: int
    items: int
    per_sheet: int
    tiles_per_item: int
    orientation: str
    paper: str
    width_mm: float
    height_mm: float
    text_mm: float | None = None
    faces: int = 1
    serials: list[int] = field(default_factory=list)
    id_codes: list[str] = field(default_factory=list)
    persisted: bool = False
    size_basis: str = ""
    grown: bool = False
    path: Path | None = None


@dataclass
class PlantSource:
    plant: Plant
    plant_id: int | None = None
    self_utilization: bool | None = None


def open_database(path: str | Path):
    """Open (create, upgrade) the database; a path that cannot hold it is a one-line error (open_db)."""
    return open_db(path)


def plant_from_file(path: str | Path) -> PlantSource:
    a = load_assessment_file(path)
    su = (a.dross or {}).get("self_utilization")
    return PlantSource(a.plant, None, su)


def plant_from_db(db_path: str | Path, plant_id: int) -> PlantSource:
    db = open_database(db_path)
    try:
        plant = repo.get_plant(db, plant_id)
        su = None
        rows = repo.list_assessments(db, plant_id)
        if rows:
            latest = max(rows, key=lambda r: (r["period"], r["revision"]))
            v = repo.get_values(db, latest["id"]).get("dross.self_utilization")
            su = v if isinstance(v, bool) else None
    finally:
        db.conn.close()
    return PlantSource(plant, plant_id, su)


def _check_glyphs(values: dict[str, str]) -> None:
    # deferred: reportlab and the drawing code load only when a PDF is made (start-up time)
    from alassess.reports import fonts

    for key, text in values.items():
        missing = fonts.missing_glyphs(text, bold=True)
        if missing:
            raise InputError("labels_missing_glyph", FIELD_OPTIONS.get(key, key), chars="".join(missing))


def _canvas(buf: io.BytesIO, title: str):
    # deferred: reportlab and the drawing code load only when a PDF is made (start-up time)
    from reportlab.pdfgen import canvas

    from alassess.reports import fonts

    fonts.register_fonts()
    c = canvas.Canvas(buf, initialFontName=fonts.BOLD, initialFontSize=10, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("AlAssess")
    c.setCreator(f"AlAssess {__version__}")
    c.setSubject("危险废物识别标志 / hazardous-waste identification signs (004 附录A, HJ 1276, GB 15562.2)")
    return c


@contextmanager
def _binary_streams():
    """Flate-compressed streams without the ASCII85 wrapping (smaller files, much faster to write)."""
    # deferred: reportlab and the drawing code load only when a PDF is made (start-up time)
    from reportlab import rl_config

    old = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = old


def build(src: PlantSource, opts: LabelOptions, *, db_path: str | Path | None = None,
          today: _dt.date | None = None) -> LabelResult:
    """Build the PDF. With ``db_path`` the serials of a label batch are reserved there first."""
    kind = content.parse_choice(opts.kind, content.KINDS, "--kind", "label")
    paper = content.parse_paper(opts.paper)
    content.dross_class(src.plant.sector)  # alumina: no dross, no labels or signs
    with _binary_streams():
        if kind == "label":
            return _build_labels(src, opts, paper, db_path, today)
        return _build_sign(src, opts, kind, paper)


def _qr_batch(qrmod, payload: bytes):
    """The batch encoder for the labels' QR codes; texts too long for the largest QR code are bad
    input (named with the size), not an encoder's error."""
    try:
        return qrmod.QrBatch(payload, content.spec()["qr"]["error_correction"])
    except (ValueError, DataOverflowError):
        raise InputError("labels_qr_too_long", None, n=f"{len(payload):,}") from None


def _build_labels(src: PlantSource, opts: LabelOptions, paper: content.Paper, db_path, today) -> LabelResult:
    # deferred: reportlab and the drawing code load only when a PDF is made (start-up time)
    from alassess.reports import labels as draw
    from alassess.reports import qr as qrmod
    from alassess.reports.sheets import Item, SheetWriter

    count = content.parse_count(opts.count)
    volume = content.parse_volume(opts.container_volume_l)
    weight = content.parse_weight(opts.weight_t)
    day = content.parse_day(opts.date, today=today)
    size = content.label_size(volume, opts.label_size)
    info = content.label_info(src.plant, day=day, dross_kind=opts.dross_kind or "primary", weight_t=weight,
                              overrides=opts.overrides)
    sample = content.label_fields(info, 1)
    _check_glyphs({f.id: f.value for f in sample})
    first_payload = content.qr_payload(info, 1).encode("utf-8")
    batch = _qr_batch(qrmod, first_payload)
    plan = draw.plan_label(sample, info.dross.hazards, size, batch.n, info.id_code(1))

    # everything checked: reserve the serials, then draw
    persisted = db_path is not None
    if persisted:
        db = open_database(db_path)
        try:
            rng = serials.allocate(db, info.credit_code, info.dross.code, day.isoformat(), count,
                                   max_serial=int(content.spec()["identification_code"]["max_serial"]),
                                   copies_per_serial=size.faces, plant_id=src.plant_id)
        finally:
            db.conn.close()
        numbers = list(rng)
    else:
        first = content.parse_count(opts.first_serial, "--first-serial")
        if first + count - 1 > int(content.spec()["identification_code"]["max_serial"]):
            raise InputError("labels_serials_exhausted", "--count", code=info.dross.code, date=day.isoformat(),
                             last=first - 1, count=count, max=content.spec()["identification_code"]["max_serial"])
        numbers = list(range(first, first + count))

    buf = io.BytesIO()
    c = _canvas(buf, f"危险废物标签 {info.unit_name} {info.dross.code} {day.isoformat()}")
    w, h = plan.width_mm, plan.height_mm
    c.beginForm("label_static", 0, 0, w, h)
    draw.draw_label_static(c, plan)
    c.endForm()
    writer = SheetWriter(c, paper, w, h)
    codes = []

    def make_item(serial: int, face: int) -> Item:
        code = info.id_code(serial)
        payload = content.qr_payload(info, serial).encode("utf-8")
        symbol = batch.encode(payload) if batch.fits(payload) else qrmod.encode(payload)

        def paint(cv) -> None:
            cv.doForm("label_static")
            draw.draw_label_variable(cv, plan, code, symbol)

        faces = f" · 第 {face}/{size.faces} 面（贴于相对两面）" if size.faces > 1 else ""
        cap = f"危险废物标签 {w:g}×{h:g} mm · 顺序号 {serial:03d}{faces} · {code}"
        return Item(w, h, paint, cap)

    for serial in numbers:
        codes.append(info.id_code(serial))
        for face in range(1, size.faces + 1):
            writer.add(make_item(serial, face))
    writer.close()
    c.save()
    tiles = len(writer.tiles.tiles) if writer.tiles else 1
    return LabelResult(pdf=buf.getvalue(), kind="label", pages=writer.pages, items=count * size.faces,
                       per_sheet=writer.per_sheet, tiles_per_item=tiles,
                       orientation=writer.plan.orientation, paper=paper.name, width_mm=w,
                       height_mm=h, text_mm=size.text_mm, faces=size.faces, serials=numbers, id_codes=codes,
                       persisted=persisted, size_basis=size.basis, grown=plan.grown)


def _build_sign(src: PlantSource, opts: LabelOptions, kind: str, paper: content.Paper) -> LabelResult:
    # deferred: reportlab and the drawing code load only when a PDF is made (start-up time)
    from alassess.reports import labels as draw
    from alassess.reports.sheets import Item, SheetWriter

    plant = src.plant
    if kind == "warning":
        w, h = draw.warning_sign_size()
        title, caption = "危险废物警告标志", f"危险废物警告标志（等边三角形，边长 {w / 10:g} cm）"

        def paint(cv) -> None:
            draw.draw_warning_sign(cv)
    elif kind == "zone":
        if opts.zones:
            zones = tuple(content.parse_choice(z, content.DROSS_KINDS, "--zones", "primary") for z in opts.zones)
        else:
            zones = ("primary",) if src.self_utilization is False else content.DROSS_KINDS
        sign = content.zone_sign(plant, zones)
        _check_glyphs({"unit": sign.unit_name, "manager": sign.manager})
        z = content.spec()["zone_sign"]
        w, h = float(z["width_mm"]), float(z["height_mm"])
        title, caption = sign.title, f"{sign.title} {w:g}×{h:g} mm"

        def paint(cv) -> None:
            draw.draw_zone_sign(cv, sign)
    else:
        fsign = content.facility_sign(plant, opts.facility, opts.layout, opts.facility_code)
        _check_glyphs({f.id: f.value for f in fsign.fields})
        w, h = fsign.width_mm, fsign.height_mm
        title = "".join(fsign.title_lines) + "标志"
        caption = f"{title}（{'横版' if fsign.layout == 'horizontal' else '竖版'}）{w:g}×{h:g} mm"

        def paint(cv) -> None:
            draw.draw_facility_sign(cv, fsign)

    buf = io.BytesIO()
    c = _canvas(buf, f"{title} {plant.name}")
    c.beginForm("sign", 0, 0, w, h)
    paint(c)
    c.endForm()
    writer = SheetWriter(c, paper, w, h)
    writer.add_all([Item(w, h, lambda cv: cv.doForm("sign"), caption)])
    c.save()
    tiles = len(writer.tiles.tiles) if writer.tiles else 1
    return LabelResult(pdf=buf.getvalue(), kind=kind, pages=writer.pages, items=1, per_sheet=writer.per_sheet,
                       tiles_per_item=tiles, orientation=writer.plan.orientation,
                       paper=paper.name, width_mm=w, height_mm=h)


def issue(out: str | Path, src: PlantSource, opts: LabelOptions, *, db_path: str | Path | None = None,
          today: _dt.date | None = None) -> LabelResult:
    """Build and write the PDF atomically."""
    out = Path(out)
    # refuse an unwritable destination before any serial is reserved
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("labels_cannot_write", "--out", path=str(out), reason=exc.strerror or str(exc)) from None
    if out.is_dir() or not os.access(out.parent, os.W_OK):
        raise InputError("labels_cannot_write", "--out", path=str(out),
                         reason="is a directory" if out.is_dir() else "permission denied")
    res = build(src, opts, db_path=db_path, today=today)
    try:
        atomic_write(out, res.pdf)
    except OSError as exc:
        raise InputError("labels_cannot_write", "--out", path=str(out), reason=exc.strerror or str(exc)) from None
    res.path = out
    return res
