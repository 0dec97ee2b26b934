"""Fuzzing every parser the user can feed: at least 1,000 generated inputs each, run through the
command line's entry point (``alassess.cli.main``, in-process, as ``python -m alassess`` runs it).

Parsers: the assessment file (``score``), ledger spreadsheets (``ledger import``, .csv and .xlsx),
label and sign options (``labels``), report options (``report``), bundles (``bundle import``) and
signed reports (``verify``). Inputs are generated from valid ones by seeded random mutation
(deleted and retyped keys, huge and hostile texts, broken encodings, flipped bytes, hostile zip
entries, …), so a run is reproducible (``--seed``).

For each parser three figures must all be 0:

* **tracebacks**: an input that reached "internal error" (the CLI's last resort, which logs a
  traceback) or let an exception escape the entry point;
* **hangs**: an input that took more than 10 s (stopped by an alarm);
* **unexpected exit codes**: other than 0/1/2 (``verify``: its documented 0/1/2/3/4).

    python bench/bench_fuzz.py [--n 1000] [--seed 1] [--only assessment ledger …]

Failing inputs are written to ``bench/fuzz-failures/<parser>/`` to be replayed. As part of
``bench/run.py`` the default is 1,000 inputs per parser, run on two processes (a few minutes).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import csv
import io
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Figure  # noqa: E402

HANG_S = 10
VERIFY_CODES = {0, 1, 2, 3, 4}
CODES = {0, 1, 2}
PARSERS = ("assessment", "ledger", "labels", "report", "bundle", "verify")
FAILURES = HERE / "fuzz-failures"

CREDIT = "91500114MA60E0B20Q"  # a valid unified social credit code (check character included)
HEAD = ["日期", "废物代码", "铝灰类型", "业务类型", "数量(吨)", "容器编号", "接收单位", "转移联单号", "备注"]
NASTY = ["", " ", "\u0000", "\u202e", "\ufeff", "\ud800"[:0], "𠀀", "١٢٣", "=1+1", "-1", "+1", "@x", "\t", "\r\n",
         "NaN", "Infinity", "1e309", "-0", "0x10", "１２", "../../etc/passwd", "/absolute/path", "C:\\x", "*?[",
         "%s%n", "{0}", "{", "'\"", "<script>", "铝" * 5, "A" * 300, "😀", "\x1b[31m", "a\nb", "\u3000"]


class Hang(BaseException):
    """Raised by the alarm: the input took longer than HANG_S."""


def _on_alarm(_sig, _frame):
    raise Hang()


def _text(rnd: random.Random, big: bool = True) -> str:
    r = rnd.random()
    if r < 0.35:
        return rnd.choice(NASTY)
    if r < 0.55:
        return "".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(0x4E00, 0x9FFF),
                                       rnd.randrange(0, 0x3000), rnd.randrange(0xE000, 0x10FFFF)]))
                       for _ in range(rnd.randrange(1, 40))).replace("\ud800", "")
    if r < 0.6 and big:
        return rnd.choice(["名", "x", "铝灰 "]) * rnd.choice([201, 501, 2001, 3000, 100_000, 1_000_000])
    return rnd.choice(["测试电解铝厂", "321-024-48", "2025", "primary", "C-1", "备注"]) + rnd.choice(["", " ", "x"])


def _value(rnd: random.Random):
    return rnd.choice([None, True, False, 0, -1, 1.5, 1e308, -1e308, 10**30, "12", _text(rnd), [], {}, [1, "a"],
                       {"a": 1}, 0.52, 58, 1680])


def _mutate_json(rnd: random.Random, obj, depth: int = 0):
    if isinstance(obj, dict):
        obj = dict(obj)
        for k in list(obj):
            r = rnd.random()
            if r < 0.08:
                del obj[k]
            elif r < 0.18:
                obj[k] = _value(rnd)
            elif r < 0.7 and depth < 4:
                obj[k] = _mutate_json(rnd, obj[k], depth + 1)
        if rnd.random() < 0.08:
            obj[_text(rnd, big=False)] = _value(rnd)
        return obj
    if isinstance(obj, list):
        obj = [_mutate_json(rnd, x, depth + 1) for x in obj]
        if rnd.random() < 0.1:
            obj.append(_value(rnd))
        if rnd.random() < 0.05 and obj:
            obj = obj * rnd.randrange(2, 50)
        return obj
    if rnd.random() < 0.25:
        return _value(rnd)
    return obj


def _doc(dross: bool = True) -> dict:
    doc = {"format": "alassess.assessment", "version": 1,
           "plant": {"name": "测试电解铝厂", "credit_code": CREDIT, "sector": "electrolytic", "region": "重庆市",
                     "key_region": False, "contact": "李四", "phone": "023-12345678"},
           "period": "2025", "assessor": {"name": "测试员", "organisation": "测试中心"},
           "values": {"energy_consumption_kgce_per_t": 1680, "alumina_output": 0.52, "water_output": 0.64,
                      "anode_output": 2.02, "fluoride_output": 58, "solid_waste_utilization_pct": 71,
                      "req_legal_compliance": True, "req_metrology_system": True, "req_emissions_compliant": True,
                      "req_cleaner_production_audit": True, "req_env_management_system": True,
                      "req_complete_chain": True}}
    if dross:
        doc["dross"] = {"production_t": 100000, "requirements": {"6.1.1": True},
                        "receivers": [{"name": "持证单位", "licence_no": "L-1", "codes": ["321-024-48"],
                                       "valid_from": "2025-01-01", "valid_to": "2027-12-31"}],
                        "ledger": [{"date": "2025-02-01", "code": "321-024-48", "kind": "primary",
                                    "movement": "generated", "quantity_t": 12.5, "container": "C-1"}]}
    return doc


def _raw_bytes(rnd: random.Random, data: bytes) -> bytes:
    """Byte-level damage: truncation, flips, insertions, another encoding, a BOM."""
    r = rnd.random()
    b = bytearray(data)
    if r < 0.2 and b:
        return bytes(b[: rnd.randrange(len(b))])
    if r < 0.5:
        for _ in range(rnd.randrange(1, 20)):
            if b:
                b[rnd.randrange(len(b))] = rnd.randrange(256)
        return bytes(b)
    if r < 0.6:
        return b"\xef\xbb\xbf" + bytes(b)
    if r < 0.7:
        try:
            return data.decode("utf-8").encode(rnd.choice(["utf-16", "gb18030", "utf-32"]))
        except (UnicodeError, LookupError):
            return bytes(b)
    return os.urandom(rnd.randrange(0, 4096))


# ---- generators: each returns the argv for alassess (files written in ``work``) -------------------

def gen_assessment(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    path = work / f"a{i % 8}.json"
    if rnd.random() < 0.15:
        path.write_bytes(_raw_bytes(rnd, json.dumps(_doc(), ensure_ascii=False).encode()))
    else:
        doc = _doc(dross=rnd.random() < 0.7)
        for _ in range(rnd.choice([0, 1, 1, 2])):  # none to a few rounds of mutation
            doc = _mutate_json(rnd, doc)
        text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    cmd = rnd.choice([["score", str(path), "--json"], ["score", str(path)],
                      ["score", str(path), "--as-of", _text(rnd, big=False)],
                      ["import", str(path), "--db", ctx["db"]]])
    return cmd


def _ledger_cell(rnd: random.Random, col: int, p_good: float):
    good = ["2025-03-02", "321-024-48", "一次铝灰", "产生", "12.5", "TB-01", "", "", ""] + ["x"] * 8
    good = good[col]
    r = rnd.random()
    if r < p_good:
        return good
    if r < 0.7:
        return rnd.choice(["321-999-48", "999-999-99", "321-034-48", "2025/13/40", "45718", "-5", "1,250.5",
                           "1e400", "二次铝灰", "转移", "调整", "0"])
    return _text(rnd)


def gen_ledger(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    rows = [HEAD if rnd.random() < 0.9 else [_text(rnd, big=False) for _ in HEAD]]
    if rnd.random() < 0.1:
        rows.insert(0, ["2025年铝灰管理台账"])
    p_good = rnd.choice([0.6, 0.97, 0.995])  # mostly broken files, and files with a few bad cells or none
    for _ in range(rnd.randrange(0, 30)):
        rows.append([_ledger_cell(rnd, c, p_good) for c in range(rnd.choice([9, 9, 9, 5, 12]))])
    if rnd.random() < 0.35:
        path = work / f"l{i % 8}.xlsx"
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = rnd.choice(["台账", "ledger", "Sheet"])
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        for row in rows:  # characters a workbook cannot hold become "?"
            ws.append([ILLEGAL_CHARACTERS_RE.sub("?", c[:32000]) if isinstance(c, str) else c for c in row])
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        path.write_bytes(_raw_bytes(rnd, data) if rnd.random() < 0.15 else data)
    else:
        path = work / f"l{i % 8}.csv"
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        enc = rnd.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
        data = buf.getvalue().encode(enc, errors="replace")
        path.write_bytes(_raw_bytes(rnd, data) if rnd.random() < 0.15 else data)
    return ["ledger", "import", str(path), "--db", ctx["db"], "--plant", "1"]


LABEL_OPTS = {"--kind": ["label", "warning", "zone", "facility", "poster", ""],
              "--count": ["1", "2", "0", "999", "1000", "-1", "1.5", "一", "1e3"],
              "--paper": ["A4", "A3", "A2", "B5", "600x900mm", "50x50mm", "0x0mm", "99999x99999mm", "A4x"],
              "--container-volume-l": ["200", "451", "0", "-1", "1e9", "x"],
              "--label-size": ["dross", "hj1276", "300x300mm", "120x120mm", "10x10mm", "1e9x1e9mm"],
              "--weight-t": ["0.5", "-1", "0", "1e300", "NaN", "x"],
              "--date": ["2025-03-02", "2025-02-30", "1899-01-01", "9999-12-31", "today", ""],
              "--dross": ["primary", "secondary", "tertiary"],
              "--facility": ["storage", "utilisation", "disposal", "x"],
              "--layout": ["horizontal", "vertical", "diagonal"],
              "--zones": ["primary,secondary", "primary", "x,y", ""],
              "--first-serial": ["1", "999", "0", "1000", "x"]}
LABEL_TEXTS = ("--name", "--main-components", "--harmful-components", "--precautions", "--remarks",
               "--facility-code")


def gen_labels(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    cmd = ["labels", ctx["doc"], "--out", str(work / "l.pdf"), "--no-persist"]
    for opt, values in LABEL_OPTS.items():
        if rnd.random() < 0.25:
            cmd += [opt, rnd.choice(values) if rnd.random() < 0.8 else _text(rnd, big=False)]
    for opt in LABEL_TEXTS:
        if rnd.random() < 0.2:
            cmd += [opt, _text(rnd)[:5000]]
    if rnd.random() < 0.05:
        cmd[1] = rnd.choice([str(work / "missing.json"), str(work), ctx["junk"]])
    # a sign or a label batch of a few, so that the run stays within minutes
    if "--count" in cmd and cmd[cmd.index("--count") + 1] in ("999",) and rnd.random() < 0.9:
        cmd[cmd.index("--count") + 1] = "3"
    return cmd


def gen_report(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    src = rnd.choice([ctx["doc"]] * 2 + [ctx["junk"], str(work / "missing.json"), str(work), ctx["big"]])
    out = rnd.choice([str(work / "r.pdf"), str(work / "no" / "such" / "dir" / "r.pdf"), str(work), "",
                      "/proc/nowhere/r.pdf", str(work / ("x" * 300 + ".pdf"))])
    cmd = ["report", src, "--out", out]
    if rnd.random() < 0.85:  # most runs exercise the signing options (refused before any rendering)
        cmd.append("--sign")
        ident = rnd.choice([ctx["p12"], ctx["p12"], str(work / "missing.p12"), "/absolute/missing.p12", "*[?",
                            ctx["junk"], str(work), _text(rnd, big=False), "x" * 5000])
        pw = rnd.choice([ctx["pw_wrong"], ctx["pw_empty"], str(work / "nopw"), str(work), ctx["junk"]])
        if rnd.random() < 0.03:
            pw = ctx["pw"]
        if rnd.random() < 0.9:
            cmd += ["--identity", ident]
        if rnd.random() < 0.9:
            cmd += ["--passphrase-file", pw]
    elif rnd.random() < 0.7:  # an unsigned report of a stored assessment that does not exist, or bad ids
        cmd = ["report", "--db", ctx["db"], "--assessment", rnd.choice(["999", "-1", "x", "0"]), "--out", out]
    if rnd.random() < 0.2:
        cmd += ["--lang", rnd.choice(["en", "zh"])]
    return cmd


def _bundle_variant(rnd: random.Random, data: bytes) -> bytes:
    r = rnd.random()
    if r < 0.25:
        return _raw_bytes(rnd, data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(files.pop("manifest.json"))
    if r < 0.7:
        manifest = _mutate_json(rnd, manifest)
        if rnd.random() < 0.3 and isinstance(manifest.get("assessment"), dict):
            manifest["assessment"]["status"] = rnd.choice(["signed", "final", "draft", "x"])
    if rnd.random() < 0.3:
        doc = _mutate_json(rnd, json.loads(files["assessment.json"]))
        files["assessment.json"] = json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if rnd.random() < 0.15:
        files[rnd.choice(["../evil", "/abs", "attachments/../../x", "report.pdf", "attachments/" + "0" * 64,
                          "C:/x", "a\\b", "x" * 300])] = os.urandom(rnd.randrange(0, 2000))
    if rnd.random() < 0.3:  # recompute the entries, as a careful forger would
        import hashlib

        manifest["entries"] = [{"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                               for n, b in files.items()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        for n, b in files.items():
            zf.writestr(n, b)
    return buf.getvalue()


def gen_bundle(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    path = work / f"b{i % 8}.alassess"
    path.write_bytes(_bundle_variant(rnd, ctx["bundle"]))
    cmd = ["bundle", "import", str(path), "--db", ctx["db2"]]
    if rnd.random() < 0.2:
        cmd.append("--as-new-revision")
    return cmd


def gen_verify(rnd: random.Random, i: int, work: Path, ctx: dict) -> list[str]:
    path = work / f"v{i % 8}.pdf"
    data = ctx["signed"]
    r = rnd.random()
    if r < 0.1:
        path.write_bytes(data)
    elif r < 0.25:
        path.write_bytes(data + _raw_bytes(rnd, data[-3000:]))  # something appended
    else:
        b = bytearray(data)
        for _ in range(rnd.randrange(1, 6)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        path.write_bytes(bytes(b))
    cmd = ["verify", str(path)]
    for extra in (["--json"], ["--require-trusted"], ["--extract", str(work / "x.json")]):
        if rnd.random() < 0.3:
            cmd += extra
    return cmd


GENERATORS = {"assessment": gen_assessment, "ledger": gen_ledger, "labels": gen_labels, "report": gen_report,
              "bundle": gen_bundle, "verify": gen_verify}


# ---- running ------------------------------------------------------------------------------------

def _setup(work: Path) -> dict:
    """Valid inputs to start from: a file, databases with a plant, an identity, a signed report, a bundle."""
    from alassess.cli import main

    ctx: dict = {}
    doc = work / "doc.json"
    doc.write_text(json.dumps(_doc(), ensure_ascii=False), encoding="utf-8")
    ctx["doc"] = str(doc)
    (work / "junk.bin").write_bytes(os.urandom(3000))
    ctx["junk"] = str(work / "junk.bin")
    big = _doc()
    big["plant"]["name"] = "厂" * 200
    big["assessor"] = {"name": "评" * 200, "organisation": "构" * 200}
    (work / "big.json").write_text(json.dumps(big, ensure_ascii=False), encoding="utf-8")
    ctx["big"] = str(work / "big.json")
    quiet = contextlib.redirect_stdout(io.StringIO())
    with quiet, contextlib.redirect_stderr(io.StringIO()):
        ctx["db"] = str(work / "fuzz.db")
        assert main(["import", str(doc), "--db", ctx["db"]]) == 0
        ctx["db2"] = str(work / "target.db")
        assert main(["import", str(doc), "--db", ctx["db2"]]) == 0
        (work / "pw").write_text("fuzz passphrase kettle 7\n", encoding="utf-8")
        (work / "pw-wrong").write_text("not the passphrase at all\n", encoding="utf-8")
        (work / "pw-empty").write_text("", encoding="utf-8")
        ctx["pw"], ctx["pw_wrong"], ctx["pw_empty"] = (str(work / n) for n in ("pw", "pw-wrong", "pw-empty"))
        ctx["p12"] = str(work / "me.p12")
        assert main(["identity", "create", "--name", "Fuzz", "--out", ctx["p12"], "--passphrase-file", ctx["pw"]]) == 0
        signed = work / "signed.pdf"
        assert main(["report", str(doc), "--out", str(signed), "--sign", "--identity", ctx["p12"],
                     "--passphrase-file", ctx["pw"]]) == 0
        ctx["signed"] = signed.read_bytes()
        out = work / "b.alassess"
        assert main(["bundle", "export", "--db", ctx["db"], "--assessment", "1", "--out", str(out)]) == 0
        ctx["bundle"] = out.read_bytes()
    return ctx


def fuzz(parser: str, n: int, seed: int) -> dict:
    """Run ``n`` generated inputs for one parser in this process; returns the counts."""
    work = Path(tempfile.mkdtemp(prefix=f"alassess-fuzz-{parser}-"))
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(work / var.lower())
    os.environ["ALASSESS_LANG"] = "en"
    os.environ["ALASSESS_BACKUP_KEEP"] = "0"
    from alassess.cli import main

    ctx = _setup(work)
    rnd = random.Random(f"{seed}-{parser}")
    allowed = VERIFY_CODES if parser == "verify" else CODES
    counts = {"parser": parser, "inputs": 0, "tracebacks": 0, "hangs": 0, "bad_exit": 0, "slowest_s": 0.0,
              "codes": {}, "examples": []}
    signal.signal(signal.SIGALRM, _on_alarm)
    fail_dir = FAILURES / parser
    for i in range(n):
        argv = GENERATORS[parser](rnd, i, work, ctx)
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        problem = None
        signal.alarm(HANG_S)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                rc = main(argv)
        except Hang:
            rc, problem = None, "hangs"
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # an exception that escaped the entry point
            rc, problem = None, "tracebacks"
            err.write(f"escaped: {type(exc).__name__}: {exc}")
        finally:
            signal.alarm(0)
        took = time.perf_counter() - t0
        counts["inputs"] += 1
        counts["slowest_s"] = max(counts["slowest_s"], took)
        counts["codes"][str(rc)] = counts["codes"].get(str(rc), 0) + 1
        text = err.getvalue()
        if problem is None and ("internal error" in text or "Traceback" in text or "Traceback" in out.getvalue()):
            problem = "tracebacks"
        if problem is None and rc not in allowed:
            problem = "bad_exit"
        if problem is not None:
            counts[problem] += 1
            if len(counts["examples"]) < 5:
                counts["examples"].append({"problem": problem, "rc": rc, "argv": [a[:200] for a in argv],
                                           "stderr": text[-500:]})
            fail_dir.mkdir(parents=True, exist_ok=True)
            case = fail_dir / f"{i:05d}"
            case.mkdir(exist_ok=True)
            (case / "argv.json").write_text(json.dumps(argv, ensure_ascii=False), encoding="utf-8")
            for a in argv:
                with contextlib.suppress(OSError, ValueError):
                    p = Path(a)
                    if p.parent == work and p.is_file():
                        shutil.copy(p, case / p.name)
    shutil.rmtree(work, ignore_errors=True)
    return counts


def run(n: int = 1000, seed: int = 1, only: list[str] | None = None, jobs: int = 2) -> list[Figure]:
    names = [p for p in PARSERS if not only or p in only]
    shutil.rmtree(FAILURES, ignore_errors=True)
    results = []
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        for res in pool.map(fuzz, names, [n] * len(names), [seed] * len(names)):
            results.append(res)
    figures = []
    for res in results:
        p, k = res["parser"], res["inputs"]
        codes = ", ".join(f"{c}: {m}" for c, m in sorted(res["codes"].items()))
        detail = f"{k} inputs, exit codes {codes}, slowest {res['slowest_s']:.2f} s"
        if res["examples"]:
            detail += "; e.g. " + json.dumps(res["examples"][0], ensure_ascii=False)[:400]
        for key, label in (("tracebacks", "tracebacks"), ("hangs", f"hangs over {HANG_S} s"),
                           ("bad_exit", "unexpected exit codes")):
            figures.append(Figure(f"fuzz: {p} ({k} inputs): {label}", float(res[key]), 0.0, "", "hardening",
                                  detail))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="inputs per parser (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", choices=PARSERS)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    figures = run(args.n, args.seed, args.only, args.jobs)
    for f in figures:
        print(f"{f.name:<70} {f.value:>6g}  (budget {f.budget:g})")
        if f.name.endswith("tracebacks"):
            print(f"    {f.detail}")
    print(f"fuzzing took {time.perf_counter() - t0:.0f} s")
    return 0 if all(f.within for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
