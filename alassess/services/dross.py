"""Dross management on a stored plant: checks as of a date, summaries, spreadsheets, single edits.

Shared by the CLI (``alassess ledger …``) and the GUI's ledger table. pandas is imported only in
the functions that read or write spreadsheets, so scoring never pays for it.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alassess.domain import dross as dd
from alassess.domain import edits, messages, words
from alassess.domain import ledger as dl
from alassess.domain.assessment import parse_date, parse_filings
from alassess.domain.errors import InputError, NotFoundError
from alassess.services.files import atomic_write
from alassess.store import dross as store
from alassess.store import repo
from alassess.store.attachments import file_sha256
from alassess.store.db import open_db

if TYPE_CHECKING:  # annotations only: importing sqlite-utils here, before the store hides pandas, would load pandas
    import sqlite_utils

log = logging.getLogger(__name__)

SHEET_NAMES = ("台账", "ledger")
HELP_SHEET = "说明"
TEMPLATE_ROWS = 5000  # rows that carry the drop-down lists in the template


@contextmanager
def opened(db_path: str | Path, *, write: bool = True) -> Iterator[sqlite_utils.Database]:
    """The database, closed afterwards; ``write=False`` for a command that only reads (no backup)."""
    db = open_db(db_path, write=write)
    try:
        yield db
    finally:
        db.conn.close()


def resolve_plant(db: sqlite_utils.Database, plant: str | int) -> int:
    """A plant by id, unified social credit code or exact name."""
    text = str(plant).strip()
    if text.isdigit():
        row = db.execute("SELECT id FROM plants WHERE id = ?", [int(text)]).fetchone()
        if row:
            return row[0]
    row = db.execute("SELECT id FROM plants WHERE credit_code = ? OR name = ? ORDER BY id LIMIT 1",
                     [text.upper(), text]).fetchone()
    if row is None:
        raise NotFoundError("dross_plant_not_found", "--plant", plant=text)
    return row[0]


def _period_range(period: str | None) -> tuple[str | None, str | None]:
    """First and last day (ISO) of a year or quarter; no bounds without a period."""
    if not period:
        return None, None
    start, end = dd.period_bounds(period)
    return start.isoformat(), end.isoformat()


def _plant_info(db: sqlite_utils.Database, plant_id: int) -> dict[str, Any]:
    p = repo.get_plant(db, plant_id)
    return {"id": plant_id, "name": p.name, "credit_code": p.credit_code, "sector": p.sector, "region": p.region}


# ---- checks -----------------------------------------------------------------------------------

def dross_input(db: sqlite_utils.Database, plant_id: int, period: str, as_of: str | None) -> dict[str, Any]:
    """The dross section for a stored plant: the year's assessment answers, receivers, ledger, filings."""
    period = dd.normalise_period(period)
    start, end = dd.period_bounds(period)
    year = str(start.year)
    d: dict[str, Any] = {}
    row = repo.find_assessment(db, plant_id, year)
    if row is not None:
        a = repo.load_assessment(db, row.id, with_ledger=False)
        d = {k: v for k, v in (a.dross or {}).items() if k not in ("ledger", "receivers", "filings")}
    if len(period) > 4:  # a quarter: the year's production and reported totals do not apply
        for k in ("production_t", "primary_generated_t", "secondary_generated_t"):
            d.pop(k, None)
    until = max(as_of or end.isoformat(), end.isoformat())
    d["receivers"] = store.receivers(db, plant_id)
    d["ledger"] = store.ledger_entries(db, plant_id, until=until)
    d["filings"] = store.list_filings(db, plant_id)
    d.setdefault("requirements", {})
    return d


def check(db_path: str | Path, plant: str | int, period: str, *, as_of: str | None = None,
          lang: str = "en") -> dict[str, Any]:
    """Every dross check of a stored plant for a year or quarter, as of a date (default: period end)."""
    if as_of is not None:
        as_of = parse_date(as_of, "--as-of")
    with opened(db_path, write=False) as db:
        pid = resolve_plant(db, plant)
        info = _plant_info(db, pid)
        if not dd.applies(info["sector"]):
            raise InputError("dross_sector_no_dross", None, sector=messages.sector_name(info["sector"], lang))
        d = dross_input(db, pid, period, as_of)
        cont = store.containers(db, pid)
    result = dd.evaluate(info["sector"], period, d, as_of=as_of, plant_region=info["region"], containers=cont)
    out = dd.to_json(result, lang) or {}
    out["plant"] = info
    return out


# ---- summaries --------------------------------------------------------------------------------

def summary(db_path: str | Path, plant: str | int, period: str) -> dict[str, Any]:
    """Per code and kind: opening, generated, used in-plant, transferred, disposed, adjustment, closing."""
    period = dd.normalise_period(period)
    start, end = dd.period_bounds(period)
    with opened(db_path, write=False) as db:
        pid = resolve_plant(db, plant)
        rows = store.summary(db, pid, start.isoformat(), end.isoformat())
        info = _plant_info(db, pid)
    for r in rows:
        for k, v in r.items():
            if k.endswith("_t"):
                r[k] = round(v, 6) + 0.0
    return {"plant": info, "period": period, "start": start.isoformat(), "end": end.isoformat(), "rows": rows}


# ---- spreadsheets -----------------------------------------------------------------------------

@dataclass
class ParsedLedger:
    entries: list[dict[str, Any]]
    problems: list[dl.Problem]
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0


class LedgerImportError(InputError):
    """A spreadsheet with bad rows: nothing was imported; ``problems`` lists every bad cell."""

    def __init__(self, problems: list[dl.Problem]) -> None:
        self.problems = problems
        super().__init__("ledger_import_bad_rows", None, n=len({p.row for p in problems}))

    def lines(self, lang: str = "en") -> list[str]:
        return [self.message(lang)] + [p.message(lang) for p in self.problems]


def _decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode" saves), else GBK/GB18030."""
    bom16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    for enc in ("utf-16", "utf-8-sig", "gb18030") if bom16 else ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("ledger_import_encoding", None)  # bytes no encoding tried can read: not a text file


def read_table(path: str | Path) -> list[list[Any]]:
    """The cells of the ledger sheet (or the CSV file) as rows of raw values, the header row included."""
    path = Path(path)
    if not path.exists():
        raise InputError("file_not_found", None, path=str(path))
    ext = path.suffix.lower()
    try:
        if ext == ".csv":
            return _read_csv(path.read_bytes())
        if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
            if not _looks_like_workbook(path, ext):  # a text file, a PDF or a photo named .xlsx
                raise InputError("ledger_not_a_workbook", None, name=path.name)
            rows = _read_calamine(path)
            if rows is not None:
                return rows
            # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
            import pandas as pd

            with pd.ExcelFile(path, engine="openpyxl") as book:
                df = pd.read_excel(book, sheet_name=_ledger_sheet(book.sheet_names), header=None, dtype=object)
        else:
            raise InputError("ledger_import_format", None, ext=ext or path.name)
    except InputError:
        raise
    except Exception as exc:  # a corrupt or password-protected workbook, a broken CSV
        log.info("ledger file %s cannot be read", path, exc_info=True)
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line, whatever the library wrote
        raise InputError("file_unreadable", None, path=str(path), reason=reason) from None
    return df.values.tolist()


def _looks_like_workbook(path: Path, ext: str) -> bool:
    """Whether the file starts as a workbook of its kind does: a zip archive (xlsx, xlsm, ods) or an
    OLE compound file (xls)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if ext == ".xls":
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or head.startswith(b"PK\x03\x04")
    return head.startswith(b"PK\x03\x04")


def _read_csv(raw: bytes) -> list[list[Any]]:
    """The rows of a CSV file as text cells. Rows may differ in length (a title row above the
    header, a trailing comma): the csv module reads them as they are, where pandas refuses a row
    longer than the first one."""
    return [[_csv_unguard(c) for c in row] for row in csv.reader(io.StringIO(_decode_csv(raw), newline=""))]


# A spreadsheet reads a CSV cell starting with one of these as a formula (or a formula's start):
# "CSV injection". Such text is written with an apostrophe in front (the spreadsheets' own "this is
# text" mark) and read back without it; text already starting with an apostrophe gets a second
# one, so every text reads back exactly. A plain number ("-12.5") is left as it is.
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)*|\.\d+)(?:[eE][+-]?\d+)?")


def _csv_guard(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value and (value[0] in _CSV_FORMULA_START or value[0] == "'") \
            and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_unguard(cell: str) -> str:
    """The text :func:`_csv_guard` wrote (an apostrophe before a formula start or an apostrophe)."""
    if len(cell) > 1 and cell[0] == "'" and (cell[1] in _CSV_FORMULA_START or cell[1] == "'"):
        return cell[1:]
    return cell


def _read_calamine(path: Path) -> list[list[Any]] | None:
    """The ledger sheet read by calamine (Rust), or ``None`` when python-calamine is not installed.

    Measured on a 100,000-row workbook: openpyxl ≈ 20 s, pandas with the calamine engine ≈ 1.5–4.5 s,
    calamine's own ``to_python`` ≈ 0.7–2.2 s (pandas converts every cell once more). The rows are the
    same either way (dates as date or datetime, numbers as float, text as str).
    """
    try:
        # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - the dependency is declared
        return None
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(_ledger_sheet(book.sheet_names)).to_python(skip_empty_area=False)


def _ledger_sheet(sheet_names: list[Any]) -> str:
    """The sheet named 台账 or ledger, else the first one."""
    names = [str(n) for n in sheet_names]
    return next((n for n in names if n.strip().lower() in SHEET_NAMES), names[0])


def parse_rows(table: list[list[Any]], *, today: _dt.date | None = None) -> ParsedLedger:
    """Validate every row; rows are numbered as the spreadsheet shows them (the first row is 1)."""
    header_at = None
    for i, row in enumerate(table[:10]):
        mapping, ignored, errors = dl.map_headers(list(row))
        if len(set(mapping.values()) & set(dl.REQUIRED)) >= 3:
            header_at = i
            break
    if header_at is None:
        mapping, ignored, errors = dl.map_headers(list(table[0]) if table else [])
        return ParsedLedger([], [dl.Problem(1, e.field or "", e) for e in errors], ignored, 0)
    headers = list(table[header_at])
    if errors:
        return ParsedLedger([], [dl.Problem(header_at + 1, e.field or "", e) for e in errors], ignored, 0)
    columns = {f: str(headers[i]).strip() for i, f in mapping.items()}
    items = list(mapping.items())
    entries: list[dict[str, Any]] = []
    problems: list[dl.Problem] = []
    n = 0
    parse = dl.RowParser(columns, today=today)
    empty = dl._empty
    for offset, row in enumerate(table[header_at + 1:]):
        width = len(row)
        cells = {f: row[i] if i < width else None for i, f in items}
        if empty(cells["date"]) and all(empty(v) for v in cells.values()):
            continue
        n += 1
        entry, errs = parse(cells)
        if errs:
            rownum = header_at + 2 + offset
            problems.extend(dl.Problem(rownum, e.field or "", e) for e in errs)
        else:
            entries.append(entry)  # type: ignore[arg-type]
    if n == 0 and not problems:
        problems.append(dl.Problem(header_at + 2, "", InputError("ledger_import_empty", None)))
    return ParsedLedger(entries, problems, ignored, n)


def parse_file(path: str | Path, *, today: _dt.date | None = None) -> ParsedLedger:
    return parse_rows(read_table(path), today=today)


@dataclass
class ImportResult:
    rows: int
    added: int
    duplicates: int
    ignored_columns: list[str]


def import_ledger(db_path: str | Path, plant: str | int, path: str | Path, *, who: str | None = None) -> ImportResult:
    """Check every row first; import nothing if any is bad; add only rows not already stored.

    The rows added are one audit entry naming the file (its name and SHA-256), not one per row.
    """
    with opened(db_path) as db:
        pid = resolve_plant(db, plant)
        parsed = parse_file(path)
        if parsed.problems:
            raise LedgerImportError(parsed.problems)
        source = {"file": Path(path).name, "sha256": file_sha256(Path(path))}
        added = store.insert_entries(db, pid, parsed.entries, source, who=who)
    return ImportResult(rows=len(parsed.entries), added=added, duplicates=len(parsed.entries) - added,
                        ignored_columns=parsed.ignored_columns)


def _frame(rows: list[tuple], lang: str, *, xlsx: bool = False):
    # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
    import pandas as pd

    fields = dl.ORDER
    headers = [dl.header(f, lang) for f in fields]
    data = []
    for r in rows:
        rec = dict(zip(("id", *fields), r, strict=True))
        values = [dl.display_value(f, rec[f], lang) for f in fields]
        if xlsx:
            data.append([_xlsx_text(v) if isinstance(v, str) else v for v in values])
        else:
            data.append([_csv_guard(v) for v in values])
    return pd.DataFrame(data, columns=headers)


_XLSX_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XLSX_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xlsx_text(text: str) -> str:
    """Text as a workbook stores it (ECMA-376 ``ST_Xstring``): a control character, which XML cannot
    hold, as ``_xHHHH_``, and a literal ``_xHHHH_`` escaped as ``_x005F_xHHHH_``, so that Excel and
    the importer read back exactly the stored text."""
    text = _XLSX_ESCAPED.sub(r"_x005F_\1", text)
    return _XLSX_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _cells_as_text(ws) -> None:
    """Cells whose text starts with "=" stay text: openpyxl would write them as formulas."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def export_ledger(db_path: str | Path, plant: str | int, out: str | Path, *, period: str | None = None,
                  lang: str = "zh") -> int:
    """Write the ledger (or one period of it) as .xlsx or .csv (UTF-8 with BOM, which Excel opens)."""
    out = Path(out)
    ext = out.suffix.lower()
    if ext not in (".xlsx", ".csv"):
        raise InputError("ledger_import_format", "--out", ext=ext or out.name)
    since, until = _period_range(period)
    with opened(db_path, write=False) as db:
        pid = resolve_plant(db, plant)
        rows = store.ledger_rows(db, pid, since=since, until=until)
    df = _frame(rows, lang, xlsx=ext == ".xlsx")

    if ext == ".csv":  # CRLF: a line break inside a cell, even a lone CR, is then quoted
        atomic_write(out, df.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
    else:
        buf = io.BytesIO()
        with _writer(buf) as xw:
            df.to_excel(xw, sheet_name=words.pick({"zh": SHEET_NAMES[0], "en": SHEET_NAMES[1]}, lang), index=False)
            _style_sheet(xw.book.worksheets[0])
            _cells_as_text(xw.book.worksheets[0])
        atomic_write(out, buf.getvalue())
    return len(rows)


def _writer(buf: io.BytesIO):
    # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
    import pandas as pd

    return pd.ExcelWriter(buf, engine="openpyxl")


def _style_sheet(ws) -> None:
    # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
    from openpyxl.styles import Font, PatternFill

    widths = {"date": 12, "code": 13, "kind": 11, "movement": 11, "quantity_t": 11, "container": 14,
              "receiver": 30, "manifest_no": 22, "note": 24}
    for i, f in enumerate(dl.ORDER):
        letter = chr(ord("A") + i)
        ws.column_dimensions[letter].width = widths[f]
        cell = ws.cell(row=1, column=i + 1)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE9A0" if f in dl.REQUIRED else "EEEEEE")
    ws.freeze_panes = "A2"


def write_template(out: str | Path, *, lang: str = "zh") -> None:
    """An empty ledger workbook: the headers, drop-down lists for kind and movement, a help sheet."""
    # deferred: pandas, openpyxl and python-calamine load only for a spreadsheet (about 0.6 s of start-up otherwise)
    from openpyxl.worksheet.datavalidation import DataValidation

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InputError("ledger_import_format", "--out", ext=out.suffix or out.name)
    df = _frame([], lang)
    buf = io.BytesIO()
    with _writer(buf) as xw:
        df.to_excel(xw, sheet_name=words.pick({"zh": SHEET_NAMES[0], "en": SHEET_NAMES[1]}, lang), index=False)
        ws = xw.book.worksheets[0]
        _style_sheet(ws)
        kinds = [dl.display_value("kind", k, lang) for k in dd.KINDS]
        moves = [dl.display_value("movement", m, lang) for m in dd.MOVEMENTS]
        for f, values in (("kind", kinds), ("movement", moves)):
            col = chr(ord("A") + dl.ORDER.index(f))
            v = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
            v.error = "请从下拉列表中选择 / choose from the list"
            v.showErrorMessage = True
            ws.add_data_validation(v)
            v.add(f"{col}2:{col}{TEMPLATE_ROWS}")
        for r in range(2, TEMPLATE_ROWS + 1):
            ws.cell(row=r, column=dl.ORDER.index("date") + 1).number_format = "yyyy-mm-dd"
        help_rows = _help_rows()
        pd_help = __import__("pandas").DataFrame(help_rows[1:], columns=help_rows[0])
        pd_help.to_excel(xw, sheet_name=HELP_SHEET, index=False)
        hs = xw.book[HELP_SHEET]
        for letter, w in zip("ABCDE", (14, 12, 8, 60, 60), strict=True):
            hs.column_dimensions[letter].width = w

    atomic_write(out, buf.getvalue())


_HELP = {
    "date": ("产生、出入库或转移的日期，YYYY-MM-DD 或 Excel 日期", "date of generation, storage movement or transfer: YYYY-MM-DD or an Excel date"),
    "code": ("国家危险废物名录代码：电解铝灰 321-024-48；再生铝灰、熔铸铝灰 321-026-48；铝除尘灰 321-034-48 须单独台账、不得混存",
             "waste code: electrolytic dross 321-024-48; recycled and casting dross 321-026-48; dust-collection ash 321-034-48 never mixed with dross"),
    "kind": ("一次铝灰（白灰）或二次铝灰（黑灰，厂内提铝后的残渣）", "primary (white) or secondary (black, the residue of in-plant recovery)"),
    "movement": ("产生 / 自行利用（仅一次铝灰）/ 转移（交持证单位，需接收单位和联单号）/ 处置 / 调整（盘点差额，可为负）",
                 "generated / self_utilized (primary only) / transferred (to a licensed unit: receiver and manifest needed) / disposed / adjustment (stock-taking difference, may be negative)"),
    "quantity_t": ("数量，单位吨，大于 0（调整可为负）", "quantity in tonnes, greater than 0 (an adjustment may be negative)"),
    "container": ("容器或包装编号（吨袋、铁桶），同一容器不得装不同代码的废物", "container or bag id; a container never holds two codes"),
    "receiver": ("接收单位名称，须与登记的持证单位一致", "receiver's name, as registered with its licence"),
    "manifest_no": ("危险废物转移联单编号，转移时必填", "hazardous-waste transfer manifest number, required for transfers"),
    "note": ("备注（不参与重复判断）", "note (not used to recognise duplicates)"),
}


def _help_rows() -> list[list[str]]:
    rows = [["表头 header", "English", "必填 required", "说明", "description"]]
    for f in dl.ORDER:
        zh, en, _more = dl.COLUMNS[f]
        rows.append([zh, en, "是 yes" if f in dl.REQUIRED else "否 no", _HELP[f][0], _HELP[f][1]])
    return rows


# ---- single edits (the GUI's ledger table) ----------------------------------------------------

def validate_entry(cells: dict[str, Any]) -> dict[str, Any]:
    """A ledger entry typed into a form: the normalised entry, or the first problem as :class:`InputError`."""
    entry, errors = dl.normalise_row(cells, {f: f for f in dl.COLUMNS})
    if errors:
        raise errors[0]
    return entry  # type: ignore[return-value]


def list_entries(db_path: str | Path, plant: str | int, *, period: str | None = None) -> list[dict[str, Any]]:
    since, until = _period_range(period)
    with opened(db_path, write=False) as db:
        pid = resolve_plant(db, plant)
        return [dict(zip(("id", *dl.ORDER), r, strict=True)) for r in store.ledger_rows(db, pid, since=since, until=until)]


def add_entry(db_path: str | Path, plant: str | int, cells: dict[str, Any], *, who: str | None = None) -> int:
    entry = validate_entry(cells)
    with opened(db_path) as db:
        return store.add_entry(db, resolve_plant(db, plant), entry, who=who)


def update_entry(db_path: str | Path, plant: str | int, entry_id: int, cells: dict[str, Any], *,
                 who: str | None = None) -> None:
    entry = validate_entry(cells)
    with opened(db_path) as db:
        store.update_entry(db, resolve_plant(db, plant), entry_id, entry, who=who)


def delete_entry(db_path: str | Path, plant: str | int, entry_id: int, *, who: str | None = None) -> None:
    with opened(db_path) as db:
        store.delete_entry(db, resolve_plant(db, plant), entry_id, who=who)


def validate_receiver(r: dict[str, Any]) -> dict[str, Any]:
    """A receiver as entered (the rules: :func:`alassess.domain.edits.receiver`)."""
    return edits.receiver(r)


def list_receivers(db_path: str | Path, plant: str | int) -> list[dict[str, Any]]:
    with opened(db_path, write=False) as db:
        return store.receivers(db, resolve_plant(db, plant))


def save_receiver(db_path: str | Path, plant: str | int, r: dict[str, Any], receiver_id: int | None = None, *,
                  who: str | None = None) -> int:
    rec = validate_receiver(r)
    with opened(db_path) as db:
        pid = resolve_plant(db, plant)
        if receiver_id is None:
            return repo.upsert_receiver(db, pid, rec, who=who)
        store.update_receiver(db, pid, receiver_id, rec, who=who)
        return receiver_id


def delete_receiver(db_path: str | Path, plant: str | int, receiver_id: int, *, who: str | None = None) -> None:
    with opened(db_path) as db:
        store.delete_receiver(db, resolve_plant(db, plant), receiver_id, who=who)


def save_container(db_path: str | Path, plant: str | int, c: dict[str, Any], *, who: str | None = None) -> int:
    rec = edits.container(c)
    with opened(db_path) as db:
        return store.upsert_container(db, resolve_plant(db, plant), rec, who=who)


def list_containers(db_path: str | Path, plant: str | int) -> list[dict[str, Any]]:
    with opened(db_path, write=False) as db:
        return store.containers(db, resolve_plant(db, plant))


def record_filing(db_path: str | Path, plant: str | int, kind: str, period: str, date: str, *,
                  who: str | None = None) -> None:
    f = parse_filings([{"kind": kind, "period": period, "date": date}])[0]
    with opened(db_path) as db:
        store.upsert_filing(db, resolve_plant(db, plant), f, who=who)
