"""Property tests of the ledger importer (``alassess ledger import``), hypothesis, 1,000 examples
each, derandomised.

Spreadsheets are generated cell by cell — headers in Chinese, in English, as aliases, missing or
twice; dates as text in every usual form or as Excel serials; numbers typed every way; random text —
written as CSV (UTF-8, UTF-8 with BOM, GBK; most examples, they are cheap) or as .xlsx built with
openpyxl. Every cell carries what the importer must make of it: its normalised value, "must be
refused", or "either" (random text). So the tests check more than "no crash":

* whatever comes in, the answer is a result or an :class:`AlAssessError` whose messages are one
  line each and, for a bad cell, name its row and column;
* a refused file leaves the database byte for byte as it was;
* a file of good rows is imported with exactly the values meant; a file with a bad row is refused
  and every bad row is named;
* importing the same file again, or the exported ledger, adds nothing.

A second test damages such files (bytes flipped, cut, spliced, other encodings, other extensions).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl import Workbook

from alassess.domain import ledger as dl
from alassess.domain.assessment import Plant
from alassess.domain.errors import AlAssessError
from alassess.services import dross
from alassess.store import repo
from alassess.store.db import open_db
from tests.fuzz_helpers import FUZZ, file_state

VALID, BAD, EITHER = "valid", "bad", "either"
FIRST_DAY, LAST_DAY = _dt.date(1990, 1, 1), _dt.date(2026, 6, 30)  # always inside the accepted range
FULL = str.maketrans("0123456789-./", "０１２３４５６７８９－．／")
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|_x[0-9A-Fa-f]{4}_")  # openpyxl refuses or mangles
TEXT = st.text(max_size=12)
NUMBERISH = st.text(alphabet="0123456789０１２.,，．%+-－eE tT吨 ", max_size=10)
SHORT_TEXT = st.text(max_size=6)
FORMATS = st.sampled_from(["csv"] * 4 + ["xlsx"])  # .xlsx files cost ten times as much to write
CLEAN = st.sampled_from([True, False, False])  # clean: every cell good, so that imports succeed too
DAMAGES = st.sampled_from(["flip", "cut", "splice", "random", "encoding", "extension"])
SPLICES = st.binary(min_size=1, max_size=40) | st.sampled_from([b"\xef\xbb\xbf", b"\x00", b'"', b"\r", b"\n,,,"])


@dataclass
class Cell:
    raw: Any
    status: str
    value: Any = None


@dataclass
class Sheet:
    rows: list[list[Any]]
    fmt: str
    headers_ok: bool = True
    header_texts: set[str] = field(default_factory=set)
    bad_rows: set[int] = field(default_factory=set)
    either_rows: set[int] = field(default_factory=set)
    expected: list[tuple] = field(default_factory=list)
    data_rows: int = 0


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


class Gen:
    """One example's generator. Structure (which form, which value) comes from a ``Random`` that
    hypothesis seeds — a draw per decision made generation the slowest part of the test — and free
    text from hypothesis itself, which knows the nasty corners of Unicode."""

    def __init__(self, draw, fmt: str, clean: bool) -> None:
        self.draw, self.fmt, self.clean = draw, fmt, clean
        self.rnd = draw(st.randoms(use_true_random=True))

    def what(self, bad_share: int = 1) -> str:
        if self.clean:
            return VALID
        return self.rnd.choice([VALID] * 6 + [BAD] * bad_share + [EITHER])

    def text(self, strategy=TEXT) -> str:
        return self.draw(strategy)

    # ---- cells ----

    def date(self) -> Cell:
        rnd, what = self.rnd, self.what(2)
        if what == VALID:
            d = FIRST_DAY + _dt.timedelta(days=rnd.randrange((LAST_DAY - FIRST_DAY).days + 1))
            forms = ["iso", "slash", "dot", "cn", "compact", "midnight", "slash_midnight", "serial_text", "full"]
            if self.fmt == "xlsx":
                forms += ["date", "datetime", "serial", "serial_float"] * 2
            form = rnd.choice(forms)
            serial = (d - dl.EXCEL_EPOCH).days
            raw = {"iso": d.isoformat(), "slash": f"{d.year}/{d.month}/{d.day}", "dot": f"{d.year}.{d.month}.{d.day}",
                   "cn": f"{d.year}年{d.month}月{d.day}日", "compact": d.strftime("%Y%m%d"),
                   "midnight": f"{d.isoformat()} 00:00:00", "slash_midnight": f"{d.year}/{d.month}/{d.day} 0:00",
                   "serial_text": str(serial), "full": d.isoformat().translate(FULL),
                   "date": d, "serial": serial, "serial_float": float(serial),
                   "datetime": _dt.datetime(d.year, d.month, d.day, rnd.randrange(24), rnd.randrange(60))}[form]
            if isinstance(raw, str) and rnd.random() < 0.3:
                raw = f" {raw} "
            return Cell(raw, VALID, d.isoformat())
        if what == BAD:
            bad = ["2025-02-30", "2025-13-01", "1989-12-31", "2150-01-01", "2025-3", "03/02/2025", "2025-03-02 08:30",
                   "10000", "99999", "yesterday", "0", "", "   "]
            if self.fmt == "xlsx":
                bad += [100, 45718.5, True, _dt.date(1985, 5, 1), _dt.time(8, 30)]
            return Cell(rnd.choice(bad), BAD)
        return Cell(self.text(), EITHER)

    def code(self) -> Cell:
        rnd, what = self.rnd, self.what()
        if what == VALID:
            if rnd.random() >= 0.7:  # well-formed but in no catalogue of the product: refused
                return Cell(f"{rnd.randrange(1000):03d}-{rnd.randrange(1000):03d}-{rnd.randrange(100):02d}",
                            EITHER)
            code = rnd.choice(["321-024-48", "321-026-48", "321-034-48"])
            form = rnd.choice(["plain", "plain", "spaced", "full", "en_dash", "em_dash"])
            raw = {"plain": code, "spaced": " " + code.replace("-", " - ") + " ", "full": code.translate(FULL),
                   "en_dash": code.replace("-", "–"), "em_dash": code.replace("-", "—")}[form]
            return Cell(raw, VALID, code)
        if what == BAD:
            bad = ["321-024-4", "32102448", "321_024_48", "٣٢١-٠٢٤-٤٨", "HW48", "", "321-024-48-1"]
            if self.fmt == "xlsx":
                bad += [32102448, 321.024]
            return Cell(rnd.choice(bad), BAD)
        return Cell(self.text(), EITHER)

    def choice(self, table: dict[str, tuple[str, ...]], bad: list[Any]) -> Cell:
        rnd, what = self.rnd, self.what()
        if what == VALID:
            canon = rnd.choice(sorted(table))
            word = rnd.choice(table[canon])
            form = rnd.choice(["as_is", "upper", "spaced", "full_parens"])
            raw = {"as_is": word, "upper": word.upper(), "spaced": f" {word}\u3000",
                   "full_parens": word.replace("(", "（").replace(")", "）")}[form]
            return Cell(raw, VALID, canon)
        if what == BAD:
            return Cell(rnd.choice(bad), BAD)
        return Cell(self.text(), EITHER)

    def quantity(self, movement: Cell) -> Cell:
        rnd, what = self.rnd, self.what()
        if what == VALID:
            q = Decimal(rnd.randrange(1, 10**rnd.randrange(1, 10))).scaleb(-rnd.randrange(4))
            if movement.status == VALID and movement.value == "adjustment" and rnd.random() < 0.5:
                q = -q
            q = q.normalize()
            forms = ["plain", "plain", "thousands", "full", "plus", "exp", "spaced"]
            if self.fmt == "xlsx":
                forms += ["float", "float", "int"]
            form = rnd.choice(forms)
            if form == "int" and q != q.to_integral_value():
                form = "float"
            text = f"{q:f}"
            raw = {"plain": text, "thousands": f"{q:,f}", "full": text.translate(FULL), "exp": f"{q:E}",
                   "plus": ("+" + text) if q > 0 else text.replace("-", rnd.choice(["-", "－", "−"])),
                   "spaced": f" {text} ", "float": float(q), "int": int(q)}[form]
            return Cell(raw, VALID, q)
        if what == BAD:
            bad = ["0", "0.000", "abc", "12.5t", "12.5吨", "1,2", "nan", "-inf", "1e999", "2e9", "", "12.5%", "1.2.3"]
            if movement.status == VALID and movement.value != "adjustment":
                bad += ["-1.5", "－3"]
            if self.fmt == "xlsx":
                bad += [0, 0.0, True, 3e9]
            return Cell(rnd.choice(bad), BAD)
        return Cell(self.text(NUMBERISH | TEXT), EITHER)

    def free_text(self) -> Cell:
        rnd = self.rnd
        if rnd.random() < 0.3:
            raw = self.text()
        else:
            raw = rnd.choice(["", "", "  ", "重庆绿环危险废物处置有限公司", "TB-01", "HB-02", "500202501001", " 一号炉 "])
        if self.fmt == "xlsx":
            if ILLEGAL_XLSX.search(raw) or raw.startswith("="):
                raw = ""
            if rnd.random() < 0.1:  # a manifest number Excel stored as a number
                n = rnd.randrange(10**12)
                return Cell(n, VALID, str(n))
        return Cell(raw, VALID, raw.strip())

    # ---- headers and sheets ----

    def header(self, f: str) -> str:
        zh, en, more = dl.COLUMNS[f]
        name = self.rnd.choice([zh, zh, en, *more])
        form = self.rnd.choice(["as_is", "as_is", "upper", "spaced", "full_parens"])
        return {"as_is": name, "upper": name.upper(), "spaced": f" {name} ",
                "full_parens": name.replace("(", "（").replace(")", "）")}[form]

    def sheet(self) -> Sheet:
        rnd = self.rnd
        cols: list[tuple[str, str]] = []  # (field or "", header text)
        headers_ok = True
        for f in dl.ORDER:
            missing = (rnd.random() < 0.05 and not self.clean) if f in dl.REQUIRED else rnd.random() < 0.5
            if missing:
                headers_ok = headers_ok and f not in dl.REQUIRED
                continue
            cols.append((f, self.header(f)))
        if cols and not self.clean and rnd.random() < 0.05:  # a column twice
            f = rnd.choice([c[0] for c in cols])
            cols.append((f, self.header(f)))
            headers_ok = False
        for _ in range(rnd.randrange(3)):  # columns the importer does not know
            name = rnd.choice(["序号", "No.", "x_"])
            cols.append(("", name + self.text(SHORT_TEXT) if name == "x_" else name))
        rnd.shuffle(cols)
        sheet = Sheet(rows=[], fmt=self.fmt, headers_ok=headers_ok, header_texts={h.strip() for f, h in cols if f})
        for _ in range(rnd.randrange(3)):
            sheet.rows.append(rnd.choice([["2025年铝灰台账"], ["单位：再生铝厂", "", ""], []]))
        sheet.rows.append([h for _, h in cols])
        present = {f for f, _ in cols if f}
        for _ in range(rnd.randrange(8)):
            if rnd.random() < 0.1:
                sheet.rows.append([])
                continue
            cells: dict[str, Cell] = {
                "date": self.date(), "code": self.code(),
                "kind": self.choice(dl.KIND_VALUES, ["三次", "白", "x", "primaryx", ""]),
                "movement": self.choice(dl.MOVEMENT_VALUES, ["卖出", "出售", "y", ""])}
            cells["quantity_t"] = self.quantity(cells["movement"])
            for f in ("container", "receiver", "manifest_no", "note"):
                cells[f] = self.free_text()
            sheet.rows.append([cells[f].raw if f else rnd.choice(["", "1", "x"]) for f, _ in cols])
            if all(_blank(cells[f].raw) for f in present):
                continue  # a blank row: skipped
            sheet.data_rows += 1
            number = len(sheet.rows)
            statuses = {cells[f].status if f in present else (BAD if f in dl.REQUIRED else VALID) for f in dl.ORDER}
            if BAD in statuses:
                sheet.bad_rows.add(number)
            elif EITHER in statuses:
                sheet.either_rows.add(number)
            else:
                sheet.expected.append(tuple(cells[f].value if f in present else "" for f in dl.ORDER))
        return sheet

    def render(self, sheet: Sheet) -> tuple[bytes, str]:
        rnd = self.rnd
        if sheet.fmt == "csv":
            buf = io.StringIO()
            # with "\n" line ends Python's csv module leaves a lone "\r" in a cell unquoted: quote everything
            end = rnd.choice(["\r\n", "\n"])
            csv.writer(buf, lineterminator=end, quoting=csv.QUOTE_MINIMAL if end == "\r\n" else csv.QUOTE_ALL).writerows(
                [["" if c is None else str(c) for c in row] for row in sheet.rows])
            text = buf.getvalue()
            encoding = rnd.choice(["utf-8", "utf-8-sig", "gbk"])
            if encoding == "gbk":
                try:
                    raw = text.encode("gbk")
                except UnicodeEncodeError:
                    raw = text.encode("gb18030")
                try:
                    if raw.decode("utf-8") != text:  # bytes that read as other UTF-8 text: ambiguous
                        raw = text.encode("utf-8-sig")
                except UnicodeDecodeError:
                    pass
            else:
                raw = text.encode(encoding)
            return raw, ".csv"
        wb = Workbook()
        ws = wb.active
        layout = rnd.choice(["alone", "named_second", "named_first"])
        ws.title = "台账" if layout == "alone" else "说明"
        if layout != "alone":
            ws.append(["填表说明"])
            ws = wb.create_sheet(rnd.choice(["台账", "ledger", "Ledger"]), 1 if layout == "named_second" else 0)
        for row in sheet.rows:  # random text openpyxl cannot store (cells labelled "either" only)
            ws.append([ILLEGAL_XLSX.sub("", c).lstrip("=") if isinstance(c, str) else c for c in row])
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue(), ".xlsx"


# ---- checks -----------------------------------------------------------------------------------

def one_line(text: str) -> bool:
    return bool(text) and "\n" not in text and "\r" not in text


def check_refusal(exc: AlAssessError) -> None:
    for lang in ("zh", "en"):
        assert one_line(exc.message(lang)), exc.message(lang)
    if isinstance(exc, dross.LedgerImportError):
        assert exc.problems
        for p in exc.problems:
            assert p.row >= 1
            for lang in ("zh", "en"):
                line = p.message(lang)
                assert one_line(line), line
                assert str(p.row) in line and dl.shown(p.column or "") in line


ROW_KEYS = {"required", "ledger_bad_date", "ledger_date_range", "ledger_bad_code", "waste_code_unknown", "bad_choice",
            "not_a_number", "text_too_long",
            "ledger_bad_quantity_sign", "ledger_zero_adjustment", "above_max", "not_finite", "decimal_comma",
            "percent_not_allowed", "expected_number", "number_out_of_range"}


def stored(db_path, plant_id: int, after_id: int = 0) -> list[tuple]:
    db = open_db(db_path)
    try:
        return db.execute("SELECT date, code, kind, movement, quantity_t, container, receiver, manifest_no, note "
                          "FROM dross_ledger WHERE plant_id = ? AND id > ? ORDER BY id", [plant_id, after_id]).fetchall()
    finally:
        db.conn.close()


def check_invariants(rows: list[tuple]) -> None:
    """What every stored ledger row is, whatever file it came from."""
    for date, code, kind, movement, q, *texts in rows:
        assert FIRST_DAY <= _dt.date.fromisoformat(date) <= _dt.date.today() + _dt.timedelta(days=366)
        assert re.fullmatch(r"[0-9]{3}-[0-9]{3}-[0-9]{2}", code), code
        assert kind in dl.KIND_VALUES and movement in dl.MOVEMENT_VALUES
        assert q == q and abs(q) <= 1e9 and q != 0 and (q > 0 or movement == "adjustment")
        assert all(isinstance(t, str) and t == t.strip() for t in texts)


def max_id(db_path) -> int:
    db = open_db(db_path)
    try:
        return db.execute("SELECT ifnull(max(id), 0) FROM dross_ledger").fetchone()[0]
    finally:
        db.conn.close()


# ---- the tests --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("ledger-fuzz")
    db_path = root / "fuzz.db"
    db = open_db(db_path)
    try:
        pid = repo.upsert_plant(db, Plant(name="再生铝厂", sector="recycled", region="重庆市"))
    finally:
        db.conn.close()
    good = root / "good.csv"
    good.write_text("日期,废物代码,铝灰类型,业务类型,数量(吨)\n2025-01-05,321-026-48,一次铝灰,产生,12.5\n", encoding="utf-8")
    dross.import_ledger(db_path, pid, good)  # the database is never empty
    return {"root": root, "db": db_path, "plant": pid, "n": 0}


def _new_plant(env) -> int:
    env["n"] += 1
    db = open_db(env["db"])
    try:
        return repo.upsert_plant(db, Plant(name=f"再生铝厂{env['n']}", sector="recycled", region="重庆市"))
    finally:
        db.conn.close()


def _import(env, plant_id: int, raw: bytes, ext: str):
    """Import; on refusal check the message and that the database did not change. The result or None."""
    path = env["root"] / f"in{ext}"
    path.write_bytes(raw)
    before = file_state(env["db"])
    try:
        return dross.import_ledger(env["db"], plant_id, path)
    except AlAssessError as exc:
        check_refusal(exc)
        assert file_state(env["db"]) == before, "a refused file changed the database"
        env["refused"] = exc
        return None


def _as_row(t: tuple) -> tuple:
    date, code, kind, movement, q, *texts = t
    return (date, code, kind, movement, float(q), *texts)


@FUZZ
@given(data=st.data())
def test_ledger_import_of_generated_spreadsheets(env, data):
    draw = data.draw
    gen = Gen(draw, draw(FORMATS), clean=draw(CLEAN))
    sheet = gen.sheet()
    raw, ext = gen.render(sheet)
    pid = _new_plant(env)
    env.pop("refused", None)
    res = _import(env, pid, raw, ext)
    must_refuse = not sheet.headers_ok or sheet.data_rows == 0 or bool(sheet.bad_rows)
    event(f"{ext}: " + ("imported" if res else f"refused ({env['refused'].key})"))
    if res is None:
        exc = env["refused"]
        assert must_refuse or sheet.either_rows, f"good rows refused: {exc.message('en')}"
        if isinstance(exc, dross.LedgerImportError) and sheet.headers_ok and sheet.data_rows:
            named = {p.row for p in exc.problems}
            assert sheet.bad_rows <= named <= sheet.bad_rows | sheet.either_rows, (named, sheet.bad_rows)
            assert all(p.error.key in ROW_KEYS for p in exc.problems)
            assert {p.column for p in exc.problems} <= sheet.header_texts
        elif not sheet.headers_ok:
            assert all(p.error.key.startswith("ledger_import_") for p in exc.problems)
        elif not sheet.data_rows:
            assert [p.error.key for p in exc.problems] == ["ledger_import_empty"]
        return
    assert not must_refuse, f"a file that must be refused was imported: {sheet.rows}"
    rows = stored(env["db"], pid)
    check_invariants(rows)
    assert res.rows == sheet.data_rows == len(rows) == res.added and res.duplicates == 0
    if not sheet.either_rows:
        event("imported: values compared")
        assert sorted(rows) == sorted(_as_row(t) for t in sheet.expected)
    assert _import(env, pid, raw, ext).added == 0, "importing the same file again added rows"
    if gen.rnd.random() < 0.3:  # the exported ledger, imported back, is the same ledger
        out = env["root"] / ("export" + gen.rnd.choice([".csv", ".xlsx"]))
        dross.export_ledger(env["db"], pid, out, lang=gen.rnd.choice(["zh", "en"]))
        assert _import(env, pid, out.read_bytes(), out.suffix).added == 0, "re-importing the export added rows"


@FUZZ
@given(data=st.data())
def test_ledger_import_of_damaged_files(env, data):
    draw = data.draw
    gen = Gen(draw, draw(FORMATS), clean=draw(CLEAN))
    raw, ext = gen.render(gen.sheet())
    rnd = gen.rnd
    damage = draw(DAMAGES)
    b = bytearray(raw)
    if damage == "flip" and b:
        for _ in range(rnd.randrange(1, 9)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    elif damage == "cut":
        del b[rnd.randrange(len(b) + 1):]
    elif damage == "splice":
        i = rnd.randrange(len(b) + 1)
        b[i:i] = draw(SPLICES)
    elif damage == "random":
        b = bytearray(draw(st.binary(max_size=300)))
    elif damage == "encoding" and ext == ".csv":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        try:
            b = bytearray(text.encode(rnd.choice(["utf-16", "utf-16-le", "big5", "latin-1", "cp1252"])))
        except UnicodeEncodeError:
            b = bytearray(text.encode("utf-32"))
    else:
        ext = rnd.choice([".csv", ".xlsx", ".xls", ".xlsm", ".ods", ".txt", ".CSV", ""])
    before = max_id(env["db"])
    res = _import(env, env["plant"], bytes(b), ext)
    event(f"{damage}: " + ("imported" if res else f"refused ({env['refused'].key})"))
    if res is None:
        return
    rows = stored(env["db"], env["plant"], before)
    check_invariants(rows)
    assert res.added == len(rows) and res.added + res.duplicates == res.rows
    assert _import(env, env["plant"], bytes(b), ext).added == 0, "importing the same file again added rows"
