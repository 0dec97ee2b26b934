"""What the dross labels and signs say (004 附录A, after HJ 1276 and GB 15562.2) — no drawing, no I/O.

* :func:`dross_class` — the dross class, waste code and hazards of a plant's sector (an alumina
  plant has none: a clear input error).
* :func:`label_size` — the label size and minimum text height: 200×200 mm / 6 mm for dross by
  default (004 A.3), the HJ 1276 sizes by container volume as an option, or a custom size; and
  how many labels a container needs (two, on opposite faces, above 450 L).
* :func:`identification_code` / :func:`split_identification_code` — the 37-character 数字识别码:
  unified social credit code (18) + waste code without hyphens (8) + date yyyymmdd (8) + serial (3).
* :func:`label_info` / :func:`label_fields` — the fields printed on a label, with the dross defaults
  of seed 004 for components and precautions, each overridable.
* :func:`qr_payload` / :func:`parse_qr_payload` — the text carried by the label's QR code.
* :func:`zone_sign` / :func:`facility_sign` — the content of the storage-zone and facility signs.
* :func:`parse_paper`, :func:`parse_size`, :func:`parse_day`, :func:`parse_count` … — what people type.

The geometry, colours and default texts live in ``resources/standards/labels.json`` with their
sources; this module only reads them.

QR payload (format ``HWL1``), UTF-8 text, one ``key:value`` per line, keys in Chinese so that a
phone shows something readable::

    危险废物标签/HWL1
    识别码:<37 characters>
    名称:<waste name>
    类别:HW48
    代码:321-024-48
    形态:固态
    危险特性:反应性、毒性
    单位:<unit name>
    信用代码:<18 characters>
    联系人:<contact and phone>          (omitted when unknown)
    产生日期:YYYY-MM-DD
    重量:<weight> t                     (omitted when not given)

Values never contain a line break (they are folded into spaces).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from alassess import catalogue, standards
from alassess.domain import credit_code as _cc
from alassess.domain.assessment import CODE_RE, Plant
from alassess.domain.errors import InputError
from alassess.domain.limits import LABEL_TEXT_MAX, check_length
from alassess.domain.numbers import normalise_text, parse_number

KINDS = ("label", "warning", "zone", "facility")
DROSS_KINDS = ("primary", "secondary")
FACILITY_TYPES = ("storage", "utilisation", "disposal")
LAYOUTS = ("horizontal", "vertical")
SIZE_STANDARDS = ("dross", "hj1276")

QR_KEYS = {
    "id_code": "识别码", "name": "名称", "category": "类别", "code": "代码", "form": "形态",
    "hazards": "危险特性", "unit": "单位", "credit_code": "信用代码", "contact": "联系人",
    "date": "产生日期", "weight": "重量",
}
OVERRIDABLE = ("name", "main_components", "harmful_components", "precautions", "remarks")

_SIZE = re.compile(r"^(\d+(?:\.\d+)?)[x×*](\d+(?:\.\d+)?)(?:mm)?$")
_WS = re.compile(r"\s+")


def spec() -> dict[str, Any]:
    """The reference data of labels and signs (``labels.json``)."""
    return standards.load("labels")


def rgb(colour: str) -> tuple[int, int, int]:
    """An RGB triple (0–255) of a named colour of the data file (orange, yellow, black, white)."""
    r, g, b = spec()["colours"][colour]["rgb"]
    return int(r), int(g), int(b)


# ---- dross class ------------------------------------------------------------------------------

@dataclass(frozen=True)
class DrossClass:
    sector: str
    class_zh: str
    class_en: str
    code: str
    hazards: tuple[str, ...]
    category: str
    category_name_zh: str
    form_zh: str
    source: str

    def hazards_zh(self) -> list[str]:
        items = spec()["hazards"]["items"]
        return [items[h]["zh"] for h in self.hazards]


def dross_class(sector: str, field: str = "plant.sector") -> DrossClass:
    """The dross class of a plant's sector (004 §5 表4); alumina plants produce no dross."""
    d = standards.load("dross")
    cls = d["classes"].get(sector)
    if cls is None:
        raise InputError("labels_no_dross", field, sector=catalogue.Term(f"sector.{sector}"))
    cat = d["category"]
    return DrossClass(sector=sector, class_zh=cls["class_zh"], class_en=cls["class_en"], code=cls["code"],
                      hazards=tuple(cls["hazards"]), category=cat["id"], category_name_zh=cat["name_zh"],
                      form_zh=cat["form_zh"], source=cls["source"])


# ---- what people type -------------------------------------------------------------------------

def parse_choice(value: str | None, choices: tuple[str, ...], field: str, default: str) -> str:
    if value is None or str(value).strip() == "":
        return default
    v = str(value).strip().lower()
    if v not in choices:
        raise InputError("bad_choice", field, value=value, choices=", ".join(choices))
    return v


def parse_day(value: str | _dt.date | None, field: str = "--date", *, today: _dt.date | None = None) -> _dt.date:
    """A date typed as YYYY-MM-DD (full-width digits accepted); ``None`` means today."""
    if value is None:
        return today or _dt.date.today()
    if isinstance(value, _dt.date):
        return value
    text = normalise_text(str(value))
    try:
        if len(text) != 10:
            raise ValueError
        day = _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("bad_date", field, value=value) from None
    if not 1990 <= day.year <= 2100:
        raise InputError("bad_date", field, value=value)
    return day


def parse_count(value: object, field: str = "--count") -> int:
    """How many labels (containers): a whole number 1–999 (the serial has three digits)."""
    max_serial = int(spec()["identification_code"]["max_serial"])
    n = parse_number(value, field)
    if n is None or n != n.to_integral_value() or not 1 <= n <= max_serial:
        raise InputError("labels_bad_count", field, value=value, max=max_serial)
    return int(n)


def parse_volume(value: object, field: str = "--container-volume-l") -> Decimal | None:
    v = parse_number(value, field, unit="L")
    if v is not None and v <= 0:
        raise InputError("labels_bad_volume", field, value=value)
    return v


def parse_weight(value: object, field: str = "--weight-t") -> Decimal | None:
    w = parse_number(value, field, unit="t")
    limit = Decimal(str(spec()["label"]["max_weight_t"]))
    if w is not None and not Decimal(0) < w <= limit:
        raise InputError("labels_bad_weight", field, value=value, max=limit)
    return w


def _parse_wh(text: str) -> tuple[float, float] | None:
    m = _SIZE.match(normalise_text(text).lower().replace("毫米", "mm"))
    if not m:
        return None
    return float(m.group(1)), float(m.group(2))


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float


def parse_paper(value: str | None, field: str = "--paper") -> Paper:
    """A4, A3, A2 or a custom ``WxHmm`` (e.g. ``600x900mm``)."""
    sheets = spec()["sheets"]
    if value is None or str(value).strip() == "":
        value = "A4"
    key = normalise_text(str(value)).upper()
    if key in sheets["papers"]:
        p = sheets["papers"][key]
        return Paper(key, float(p["width_mm"]), float(p["height_mm"]))
    wh = _parse_wh(str(value))
    if wh is None:
        raise InputError("labels_bad_paper", field, value=value)
    lo, hi = float(sheets["min_paper_mm"]), float(sheets["max_paper_mm"])
    if not (lo <= wh[0] <= hi and lo <= wh[1] <= hi):
        raise InputError("labels_paper_range", field, value=value, min=f"{lo:g}", max=f"{hi:g}")
    return Paper(f"{wh[0]:g}x{wh[1]:g}mm", wh[0], wh[1])


# ---- label size ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelSize:
    width_mm: float
    height_mm: float
    text_mm: float
    faces: int  # labels per container (2 on opposite faces above 450 L)
    basis: str  # where the size comes from
    may_grow: bool = True  # a minimum size: the layout may enlarge it when the text does not fit


def _hj_row(volume_l: Decimal) -> dict[str, Any]:
    rows = spec()["label"]["by_container_volume"]["rows"]
    for row in rows:
        if row["max_volume_l"] is None or volume_l <= Decimal(str(row["max_volume_l"])):
            return dict(row)
    return dict(rows[-1])  # pragma: no cover - the last row has no upper bound


def faces_for(volume_l: Decimal | None) -> int:
    return 1 if volume_l is None else int(_hj_row(volume_l)["faces"])


def label_size(volume_l: Decimal | None = None, standard: str | None = None) -> LabelSize:
    """Size and minimum text height of the hazardous-waste label.

    ``standard`` is ``dross`` (default: 004 A.3, at least 200×200 mm and 6 mm text whatever the
    container), ``hj1276`` (the HJ 1276 size for the container volume; needs the volume) or a custom
    ``WxHmm`` no smaller than the applicable minimum (text height as for that minimum).
    """
    lab = spec()["label"]
    faces = faces_for(volume_l)
    std = (standard or "dross").strip()
    if std.lower() == "dross":
        m = lab["dross_minimum"]
        return LabelSize(float(m["width_mm"]), float(m["height_mm"]), float(m["text_mm"]), faces, "004 附录A A.3")
    if std.lower() == "hj1276":
        if volume_l is None:
            raise InputError("labels_volume_required", "--label-size")
        row = _hj_row(volume_l)
        return LabelSize(float(row["width_mm"]), float(row["height_mm"]), float(row["text_mm"]), faces,
                         f"HJ 1276 ({volume_l.normalize():f} L)")
    wh = _parse_wh(std)
    if wh is None:
        raise InputError("labels_bad_size", "--label-size", value=standard)
    # the minimum is HJ 1276's for a given container, else the dross minimum of 004 A.3
    minimum = label_size(volume_l, "hj1276" if volume_l is not None else "dross")
    limit = float(lab["max_custom_mm"])
    if wh[0] < minimum.width_mm or wh[1] < minimum.height_mm:
        raise InputError("labels_size_too_small", "--label-size", w=f"{wh[0]:g}", h=f"{wh[1]:g}",
                         min_w=f"{minimum.width_mm:g}", min_h=f"{minimum.height_mm:g}", basis=minimum.basis)
    if wh[0] > limit or wh[1] > limit:
        raise InputError("labels_size_too_large", "--label-size", value=standard, max=f"{limit:g}")
    return replace(minimum, width_mm=wh[0], height_mm=wh[1], basis=f"{wh[0]:g}×{wh[1]:g} mm", may_grow=False)


# ---- identification code ------------------------------------------------------------------------

def _check_waste_code(code: str, field: str) -> str:
    code = normalise_text(code) if isinstance(code, str) else code
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise InputError("labels_bad_waste_code", field, value=code)
    return code


def _check_serial(serial: int, field: str = "serial") -> int:
    max_serial = int(spec()["identification_code"]["max_serial"])
    if isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= max_serial:
        raise InputError("labels_bad_serial", field, value=serial, max=max_serial)
    return serial


def identification_code(credit_code: str, waste_code: str, day: _dt.date, serial: int) -> str:
    """The 37-character 数字识别码 (HJ 1276): credit code + waste code digits + yyyymmdd + serial."""
    unit = _cc.validate(credit_code, "plant.credit_code")
    code = _check_waste_code(waste_code, "code").replace("-", "")
    if not isinstance(day, _dt.date):
        raise InputError("bad_date", "date", value=day)
    out = f"{unit}{code}{day:%Y%m%d}{_check_serial(serial):03d}"
    assert len(out) == int(spec()["identification_code"]["length"])
    return out


def split_identification_code(text: str, field: str = "id_code") -> dict[str, Any]:
    """The four segments of a 数字识别码, each validated."""
    code = normalise_text(text).upper()
    length = int(spec()["identification_code"]["length"])
    if len(code) != length:
        raise InputError("labels_bad_id_code", field, n=len(code), length=length)
    unit = _cc.validate(code[:18], field)
    waste = code[18:26]
    if not waste.isdigit():
        raise InputError("labels_bad_waste_code", field, value=waste)
    try:
        day = _dt.datetime.strptime(code[26:34], "%Y%m%d").date()
    except ValueError:
        raise InputError("bad_date", field, value=code[26:34]) from None
    if not code[34:].isdigit():
        raise InputError("labels_bad_serial", field, value=code[34:], max=spec()["identification_code"]["max_serial"])
    return {"unit": unit, "waste_code": f"{waste[:3]}-{waste[3:6]}-{waste[6:]}", "date": day,
            "serial": _check_serial(int(code[34:]), field)}


# ---- label content ------------------------------------------------------------------------------

def clean_text(value: object, field: str, limit: int = LABEL_TEXT_MAX) -> str:
    """One line of text: surrounding spaces removed, inner runs of white space folded to one space,
    control characters rejected, at most ``limit`` characters (what a label or sign can print)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError("expected_text", field, value=repr(value))
    text = check_length(_WS.sub(" ", value).strip(), field, limit)
    bad = sorted({ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")})
    if bad:
        raise InputError("labels_bad_characters", field, chars=" ".join(f"U+{ord(c):04X}" for c in bad))
    return text


@dataclass(frozen=True)
class LabelInfo:
    """Everything a batch of labels shares (all but the serial)."""

    unit_name: str
    credit_code: str
    contact: str
    phone: str
    dross: DrossClass
    dross_kind: str
    name: str
    main_components: str
    harmful_components: str
    precautions: str
    remarks: str
    day: _dt.date
    weight_t: Decimal | None

    @property
    def contact_line(self) -> str:
        return " ".join(x for x in (self.contact, self.phone) if x)

    @property
    def weight_text(self) -> str:
        return "" if self.weight_t is None else f"{format(self.weight_t.normalize(), 'f')} t"

    @cached_property
    def id_prefix(self) -> str:
        """The first 34 characters of the identification code (all but the serial), validated."""
        return identification_code(self.credit_code, self.dross.code, self.day, 1)[:-3]

    def id_code(self, serial: int) -> str:
        return f"{self.id_prefix}{_check_serial(serial):03d}"


def default_texts(dross: DrossClass, dross_kind: str) -> dict[str, str]:
    """The dross defaults of seed 004 for the name, components and precautions."""
    dd = spec()["dross_defaults"]
    kind = dd["kinds"][dross_kind]["zh"]
    pre = dd["precautions"]
    parts = [pre[h]["text"] for h in dross.hazards if h in pre]
    parts.append(pre["mixing"]["text"])
    return {
        "name": dd["name_pattern_zh"].format(kind=kind, cls=dross.class_zh),
        "main_components": dd["main_components"][dross_kind],
        "harmful_components": dd["harmful_components"]["text"],
        "precautions": pre["separator"].join(parts),
        "remarks": "",
    }


def label_info(plant: Plant, *, day: _dt.date, dross_kind: str = "primary", weight_t: Decimal | None = None,
               overrides: dict[str, str | None] | None = None) -> LabelInfo:
    """The batch-constant content of a label for ``plant`` (raises for alumina or a missing code)."""
    dross = dross_class(plant.sector)
    if not plant.credit_code:
        raise InputError("labels_credit_code_required", "plant.credit_code")
    credit = _cc.validate(plant.credit_code, "plant.credit_code")
    kind = parse_choice(dross_kind, DROSS_KINDS, "--dross", "primary")
    texts = default_texts(dross, kind)
    for key, value in (overrides or {}).items():
        if key not in OVERRIDABLE:
            raise InputError("unknown_key", key, key=key, hint=", ".join(OVERRIDABLE))
        if value is not None:
            texts[key] = clean_text(value, f"--{key.replace('_', '-')}")
    if not texts["name"]:
        raise InputError("required", "--name")
    return LabelInfo(unit_name=clean_text(plant.name, "plant.name"), credit_code=credit,
                     contact=clean_text(plant.contact, "plant.contact"), phone=clean_text(plant.phone, "plant.phone"),
                     dross=dross, dross_kind=kind, name=texts["name"], main_components=texts["main_components"],
                     harmful_components=texts["harmful_components"], precautions=texts["precautions"],
                     remarks=texts["remarks"], day=day, weight_t=weight_t)


@dataclass(frozen=True)
class LabelField:
    id: str
    zh: str
    en: str
    value: str  # "" = left blank for handwriting


def label_fields(info: LabelInfo, serial: int | None = None) -> list[LabelField]:
    """The fields of the label in printing order (the identification code needs the serial)."""
    values = {
        "name": info.name,
        "category": info.dross.category,
        "code": info.dross.code,
        "form": info.dross.form_zh,
        "hazards": "、".join(info.dross.hazards_zh()),
        "main_components": info.main_components,
        "harmful_components": info.harmful_components,
        "precautions": info.precautions,
        "id_code": info.id_code(serial) if serial is not None else "",
        "unit": info.unit_name,
        "contact": info.contact_line,
        "date": info.day.isoformat(),
        "weight": info.weight_text,
        "remarks": info.remarks,
    }
    return [LabelField(f["id"], f["zh"], f["en"], values[f["id"]]) for f in spec()["label"]["fields"]]


def all_label_text(info: LabelInfo, serial: int = 1) -> str:
    """Every character a label of this batch prints (for the font-coverage check)."""
    fields = label_fields(info, serial)
    parts = [spec()["label"]["title_zh"], "：", "0123456789 t"]
    parts += [f.zh + f.value for f in fields]
    return "".join(parts)


def _one_line(value: str) -> str:
    return _WS.sub(" ", value).strip()


def qr_payload(info: LabelInfo, serial: int) -> str:
    """The text of the label's QR code (format HWL1, see the module docstring)."""
    values = {
        "id_code": info.id_code(serial),
        "name": info.name,
        "category": info.dross.category,
        "code": info.dross.code,
        "form": info.dross.form_zh,
        "hazards": "、".join(info.dross.hazards_zh()),
        "unit": info.unit_name,
        "credit_code": info.credit_code,
        "contact": info.contact_line,
        "date": info.day.isoformat(),
        "weight": info.weight_text,
    }
    lines = [spec()["qr"]["header"]]
    for key, label in QR_KEYS.items():
        v = _one_line(values[key])
        if v:
            lines.append(f"{label}:{v}")
    return "\n".join(lines)


def parse_qr_payload(text: str) -> dict[str, str]:
    """Read a decoded QR text back into field ids (``id_code``, ``credit_code``, ``code``, …)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != spec()["qr"]["header"]:
        raise InputError("labels_bad_qr", None)
    by_label = {v: k for k, v in QR_KEYS.items()}
    out: dict[str, str] = {}
    for line in lines[1:]:
        if ":" not in line:
            continue
        label, value = line.split(":", 1)
        if label in by_label:
            out[by_label[label]] = value
    return out


# ---- signs ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Zone:
    letter: str
    name: str
    code: str
    category: str
    hazards: tuple[str, ...]


@dataclass(frozen=True)
class ZoneSign:
    title: str
    zones: tuple[Zone, ...]
    unit_name: str
    manager: str
    note: str


def zone_sign(plant: Plant, kinds: tuple[str, ...] | None = None) -> ZoneSign:
    """The storage-zone sign: one zone per dross kind stored (primary; secondary where the plant
    recovers metal in-plant or when asked)."""
    dross = dross_class(plant.sector)
    z = spec()["zone_sign"]
    dd = spec()["dross_defaults"]
    kinds = kinds or DROSS_KINDS
    zones = []
    for letter, kind in zip(z["zone_letters"], kinds, strict=False):
        k = dd["kinds"][kind]
        zones.append(Zone(letter=z["zone_caption_zh"].format(letter=letter),
                          name=f"{k['zh']}（{k['alias_zh']}）", code=dross.code, category=dross.category,
                          hazards=dross.hazards))
    manager = " ".join(x for x in (clean_text(plant.contact, "plant.contact"), clean_text(plant.phone, "plant.phone")) if x)
    return ZoneSign(title=z["title_zh"], zones=tuple(zones), unit_name=clean_text(plant.name, "plant.name"),
                    manager=manager, note=z["note_mixing"]["text"])


@dataclass(frozen=True)
class FacilitySign:
    facility: str
    layout: str
    title_lines: tuple[str, str]
    fields: tuple[LabelField, ...]
    width_mm: float
    height_mm: float


def facility_sign(plant: Plant, facility: str | None = None, layout: str | None = None,
                  facility_code: str | None = None) -> FacilitySign:
    """A storage / utilisation / disposal facility sign (A.5), horizontal or vertical."""
    dross_class(plant.sector)  # the signs are for dross: an alumina plant has none
    f = spec()["facility_sign"]
    ftype = parse_choice(facility, FACILITY_TYPES, "--facility", "storage")
    lay = parse_choice(layout, LAYOUTS, "--layout", "horizontal")
    manager = " ".join(x for x in (clean_text(plant.contact, "plant.contact"), clean_text(plant.phone, "plant.phone")) if x)
    values = {"unit": clean_text(plant.name, "plant.name"),
              "facility_code": clean_text(facility_code, "--facility-code"), "manager": manager}
    fields = tuple(LabelField(x["id"], x["zh"], x["en"], values[x["id"]]) for x in f["fields"])
    size = f["layouts"][lay]
    return FacilitySign(facility=ftype, layout=lay, title_lines=(f["title_prefix_zh"], f["types"][ftype]["zh"]),
                        fields=fields, width_mm=float(size["width_mm"]), height_mm=float(size["height_mm"]))
