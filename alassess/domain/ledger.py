"""Ledger rows as people type them into a spreadsheet: headers, cells, validation. No I/O.

A row from Excel, a CSV file or a table cell in the GUI becomes a normalised ledger entry
(``date`` ISO, ``code``, ``kind``, ``movement``, ``quantity_t`` as Decimal, texts stripped) or a list
of problems, each naming the column. Chinese and English headers and values are both accepted.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from alassess.domain import messages
from alassess.domain.assessment import CODE_RE
from alassess.domain.errors import InputError
from alassess.domain.fields import SANITY_MAX
from alassess.domain.limits import CODE_MAX, NAME_MAX, TEXT_MAX, check_length
from alassess.domain.numbers import normalise_text, parse_number
from alassess.domain.wastecodes import check_known
from alassess.domain.words import pick

# field → (Chinese header used in templates and exports, English header, other accepted headers)
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "date": ("日期", "date", ("产生日期", "发生日期", "日期(yyyy-mm-dd)")),
    "code": ("废物代码", "code", ("危险废物代码", "危废代码", "代码", "waste_code", "wastecode")),
    "kind": ("铝灰类型", "kind", ("类型", "种类", "一次/二次", "类别")),
    "movement": ("业务类型", "movement", ("动作", "流向", "出入库类型", "去向")),
    "quantity_t": ("数量(吨)", "quantity_t", ("数量(t)", "数量", "重量(吨)", "重量(t)", "quantity", "quantity(t)")),
    "container": ("容器编号", "container", ("容器", "包装编号", "container_id")),
    "receiver": ("接收单位", "receiver", ("利用处置单位", "接收单位名称", "receiver_name")),
    "manifest_no": ("转移联单号", "manifest_no", ("联单号", "转移联单编号", "manifest")),
    "note": ("备注", "note", ("说明", "notes", "remark", "remarks")),
}
REQUIRED = ("date", "code", "kind", "movement", "quantity_t")
TEXT_LIMITS = {"container": NAME_MAX, "receiver": NAME_MAX, "manifest_no": CODE_MAX, "note": TEXT_MAX}
ORDER = tuple(COLUMNS)

KIND_VALUES = {"primary": ("primary", "一次", "一次铝灰", "白灰", "一次铝灰(白灰)", "primarydross", "p"),
               "secondary": ("secondary", "二次", "二次铝灰", "黑灰", "二次铝灰(黑灰)", "secondarydross", "s")}
MOVEMENT_VALUES = {
    "generated": ("generated", "产生", "产生入库", "入库", "generation"),
    "self_utilized": ("self_utilized", "自行利用", "厂内利用", "自用", "usedin-plant", "self-utilized", "selfutilized"),
    "transferred": ("transferred", "转移", "转移出厂", "委托利用处置", "出库转移", "transfer"),
    "disposed": ("disposed", "处置", "自行处置", "disposal"),
    "adjustment": ("adjustment", "调整", "盘点调整", "盘盈盘亏", "adjust"),
}
_DATE_RES = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$"),
             re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: 0?0:00(?::00)?)?$"),
             re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
             re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
             re.compile(r"^(\d{4})(\d{2})(\d{2})$"))
_SERIAL_RE = re.compile(r"^([0-9]{5})(?:\.0*)?$")  # an Excel date serial written out as text (a CSV file)
EXCEL_EPOCH = _dt.date(1899, 12, 30)
MIN_DATE = _dt.date(1990, 1, 1)


def _key(text: str) -> str:
    t = normalise_text(str(text)).lower()
    return t.replace("（", "(").replace("）", ")").replace("＿", "_")


def _lookup(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out = {}
    for canon, names in table.items():
        for n in names:
            out[_key(n)] = canon
    return out


_HEADERS = _lookup({f: (zh, en, *more) for f, (zh, en, more) in COLUMNS.items()})
_KINDS = _lookup(KIND_VALUES)
_MOVEMENTS = _lookup(MOVEMENT_VALUES)
IGNORED_HEADERS = {_key(h) for h in ("序号", "no", "no.", "#", "id", "编号")}


def header(field: str, lang: str) -> str:
    """The column's header in a spreadsheet the program writes (Chinese, or the field id in English)."""
    zh, en, _more = COLUMNS[field]
    return pick({"zh": zh, "en": en}, lang)


def header_names(field: str) -> str:
    zh, en, more = COLUMNS[field]
    return "/".join((zh, en, *more))


@dataclass
class Problem:
    """One bad cell: spreadsheet row number (the header is row 1), the column as written, the error."""

    row: int
    column: str
    error: InputError

    def message(self, lang: str = "en") -> str:
        params = {k: shown(v) if isinstance(v, str) else v for k, v in self.error.params.items()}
        body = messages.text(self.error.key, lang, **params)
        return messages.text("ledger_import_row", lang, row=self.row, column=shown(self.column), message=body)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(text: str, limit: int = 60) -> str:
    """A cell's text as quoted in a one-line message: line breaks and control characters visible
    (``\\n``, ``\\x08``), at most ``limit`` characters."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def map_headers(headers: list[Any]) -> tuple[dict[int, str], list[str], list[InputError]]:
    """Column index → field; the headers ignored; problems (missing or repeated columns)."""
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    errors: list[InputError] = []
    seen: dict[str, str] = {}
    for i, h in enumerate(headers):
        if h is None or (isinstance(h, float) and math.isnan(h)) or str(h).strip() == "":
            continue
        name = str(h).strip()
        f = _HEADERS.get(_key(name))
        if f is None:
            if _key(name) not in IGNORED_HEADERS and not name.lower().startswith("unnamed:"):
                ignored.append(name)
            continue
        if f in seen:
            errors.append(InputError("ledger_import_duplicate_column", name, column=name))
            continue
        seen[f] = name
        mapping[i] = f
    for f in REQUIRED:
        if f not in seen:
            errors.append(InputError("ledger_import_missing_column", COLUMNS[f][0], column=COLUMNS[f][0],
                                     names=header_names(f)))
    return mapping, ignored, errors


_EMPTY_TYPES = ("NaTType", "NAType")


def _empty(v: Any) -> bool:
    """No value: None, NaN, blank text, pandas' NaT/NA (checked without importing pandas)."""
    if v is None:
        return True
    t = type(v)
    if t is str:
        return not v or bool(v.isspace())
    if t is float:
        return bool(v != v)
    return t.__name__ in _EMPTY_TYPES


def parse_date_cell(v: Any, column: str, *, today: _dt.date | None = None) -> str:
    """A date cell: an Excel date, ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY年M月D日`` or an Excel serial number
    (a number, or five digits of text as a CSV file carries it)."""
    d: _dt.date | None = None
    if isinstance(v, _dt.datetime):
        d = v.date()
    elif isinstance(v, _dt.date):
        d = v
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        if isinstance(v, float) and not math.isfinite(v):
            raise InputError("ledger_bad_date", column, value=str(v))
        if float(v) != int(v) or not 20000 <= int(v) <= 80000:
            raise InputError("ledger_bad_date", column, value=str(v))
        d = EXCEL_EPOCH + _dt.timedelta(days=int(v))
    elif isinstance(v, str):
        text = v.strip().translate({ord("／"): "/", ord("－"): "-", ord("．"): "."})
        text = normalise_text(text) if not re.search(r"\d[ T]\d", text) else text
        serial = _SERIAL_RE.match(text)
        if serial:
            return parse_date_cell(int(serial.group(1)), column, today=today)
        for rx in _DATE_RES:
            m = rx.match(text)
            if m:
                try:
                    d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    raise InputError("ledger_bad_date", column, value=v.strip()) from None
                break
        if d is None:
            raise InputError("ledger_bad_date", column, value=v.strip())
    else:
        raise InputError("ledger_bad_date", column, value=str(v))
    latest = (today or _dt.date.today()) + _dt.timedelta(days=366)
    if not MIN_DATE <= d <= latest:
        raise InputError("ledger_date_range", column, value=d.isoformat())
    return d.isoformat()


def _text_cell(v: Any) -> str:
    if _empty(v):
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))  # a manifest number Excel stored as a number
    return str(v).strip()


def _parse_code(raw: Any, column: str) -> str:
    code = normalise_text(str(raw)).replace("—", "-").replace("–", "-")
    if not CODE_RE.match(code):
        raise InputError("ledger_bad_code", column, value=str(raw).strip()[:100])
    return check_known(code, column)


def _parse_kind(raw: Any, column: str) -> str:
    k = _KINDS.get(_key(raw))
    if k is None:
        raise InputError("bad_choice", column, value=str(raw).strip(), choices="一次铝灰/二次铝灰 (primary/secondary)")
    return k


def _parse_movement(raw: Any, column: str) -> str:
    m = _MOVEMENTS.get(_key(raw))
    if m is None:
        raise InputError("bad_choice", column, value=str(raw).strip(),
                         choices="产生/自行利用/转移/处置/调整 (generated/self_utilized/transferred/disposed/adjustment)")
    return m


class RowParser:
    """Validates the rows of one file: the column names and the cache of repeated cells are set up once.

    ``columns`` maps a field to the header as written, so that problems name the user's column.
    The cache remembers the verdict on repeated cells — dates, codes, kinds and movements repeat
    across thousands of rows.
    """

    def __init__(self, columns: dict[str, str] | None = None, *, today: _dt.date | None = None) -> None:
        self.col = {f: (columns or {}).get(f, COLUMNS[f][0]) for f in COLUMNS}
        self.today = today
        self.cache: dict[tuple[str, Any], Any] = {}
        self.parsers = (("date", self.col["date"], lambda raw, c: parse_date_cell(raw, c, today=today)),
                        ("code", self.col["code"], _parse_code), ("kind", self.col["kind"], _parse_kind),
                        ("movement", self.col["movement"], _parse_movement))

    def __call__(self, cells: dict[str, Any]) -> tuple[dict[str, Any] | None, list[InputError]]:
        col, cache = self.col, self.cache
        errors: list[InputError] = []
        entry: dict[str, Any] = {}
        for f, column, parse in self.parsers:
            raw = cells.get(f)
            if _empty(raw):
                errors.append(InputError("required", column))
                continue
            key = (f, raw)
            got = cache.get(key)
            if got is None:
                try:
                    got = parse(raw, column)
                except InputError as exc:
                    got = exc
                cache[key] = got
            if isinstance(got, InputError):
                errors.append(got)
            else:
                entry[f] = got
        raw = cells.get("quantity_t")
        if _empty(raw):
            errors.append(InputError("required", col["quantity_t"]))
        else:
            try:
                entry["quantity_t"] = _quantity(raw, col["quantity_t"], entry.get("movement"))
            except InputError as exc:
                errors.append(exc)
        for f in ("container", "receiver", "manifest_no", "note"):
            entry[f] = _text_cell(cells.get(f))
            try:
                check_length(entry[f], col.get(f, f), TEXT_LIMITS[f])
            except InputError as exc:
                errors.append(exc)
        if errors:
            return None, errors
        return entry, []


def _quantity(raw: Any, column: str, movement: str | None) -> Decimal:
    q = parse_number(raw, column, unit="t")
    assert q is not None  # not empty: checked by the caller
    if abs(q) > SANITY_MAX:
        raise InputError("above_max", column, value=f"{q.normalize():f}", max=f"{SANITY_MAX:f}", unit=" t")
    if movement == "adjustment":
        if q == 0:
            raise InputError("ledger_zero_adjustment", column)
    elif q <= 0:
        raise InputError("ledger_bad_quantity_sign", column, value=f"{q.normalize():f}")
    return q


def normalise_row(cells: dict[str, Any], columns: dict[str, str] | None = None,
                  *, today: _dt.date | None = None) -> tuple[dict[str, Any] | None, list[InputError]]:
    """Validate one row (field → raw cell). Returns the entry, or ``None`` and every problem found."""
    return RowParser(columns, today=today)(cells)


def display_value(field: str, value: Any, lang: str = "zh") -> Any:
    """A stored value as written in an exported spreadsheet (Chinese words for kind and movement)."""
    if field == "kind":
        return pick({"zh": KIND_VALUES[value][2], "en": value}, lang)
    if field == "movement":
        return pick({"zh": MOVEMENT_VALUES[value][1], "en": value}, lang)
    if isinstance(value, Decimal):
        return float(value)
    return value
