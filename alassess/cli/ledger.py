"""Dross ledger commands: ``alassess ledger summary|check|template|import|export|receivers|containers|filing``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alassess.cli._words import by_lang, error_line, say
from alassess.cli.audit import add_user
from alassess.cli.core import add_db, db_path, print_json


def _plant(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plant", required=True, help="plant id, unified social credit code or name / 企业编号、信用代码或名称")


def register(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("ledger", help="dross ledger: summaries, checks, spreadsheets / 铝灰台账")
    lsub = top.add_subparsers(dest="ledger_command", metavar="SUBCOMMAND", required=True,
                              parser_class=type(top))

    p = lsub.add_parser("summary", help="opening, generated, used, transferred, disposed, closing per code and kind / 台账汇总")
    add_db(p)
    _plant(p)
    p.add_argument("--period", required=True, help="a year (2025) or a quarter (2025Q1)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = lsub.add_parser("check", help="every dross check of a stored plant as of a date / 台账检查")
    add_db(p)
    _plant(p)
    p.add_argument("--period", required=True, help="a year (2025) or a quarter (2025Q1)")
    p.add_argument("--as-of", help="evaluate as of this date, YYYY-MM-DD (default: the last day of the period)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = lsub.add_parser("template", help="an empty ledger workbook with Chinese headers / 台账模板")
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    p.add_argument("--english", action="store_true", help="English headers and values")
    p.set_defaults(func=cmd_template)

    p = lsub.add_parser("import", help="import a ledger spreadsheet (.xlsx/.xls/.ods/.csv) / 导入台账")
    p.add_argument("file", type=Path)
    add_db(p)
    _plant(p)
    add_user(p)
    p.set_defaults(func=cmd_import)

    p = lsub.add_parser("export", help="export the ledger as .xlsx or .csv / 导出台账")
    add_db(p)
    _plant(p)
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    p.add_argument("--period", help="only this year or quarter")
    p.add_argument("--english", action="store_true", help="English headers and values")
    p.set_defaults(func=cmd_export)

    p = lsub.add_parser("receivers", help="list or register licensed receivers / 接收单位")
    add_db(p)
    _plant(p)
    p.add_argument("--add", metavar="NAME", help="register (or update) a receiver with this name")
    p.add_argument("--licence", default="", help="licence number / 许可证编号")
    p.add_argument("--codes", default="", help="licensed waste codes, comma-separated")
    p.add_argument("--valid-from")
    p.add_argument("--valid-to")
    p.add_argument("--remove", type=int, metavar="ID", help="remove the receiver with this id")
    p.add_argument("--json", action="store_true")
    add_user(p)
    p.set_defaults(func=cmd_receivers)

    p = lsub.add_parser("containers", help="list or register containers / 容器")
    add_db(p)
    _plant(p)
    p.add_argument("--add", metavar="NAME", help="register (or update) a container with this id")
    p.add_argument("--type", default="", help="e.g. 吨袋 / steel drum")
    p.add_argument("--capacity-l", help="volume in litres")
    p.add_argument("--code", default="", help="the one waste code it holds")
    p.add_argument("--location", default="")
    p.add_argument("--json", action="store_true")
    add_user(p)
    p.set_defaults(func=cmd_containers)

    p = lsub.add_parser("filing", help="record a declaration or a quarterly ledger submission / 申报与台账报送记录")
    add_db(p)
    _plant(p)
    p.add_argument("--kind", choices=["declaration", "ledger"], required=True)
    p.add_argument("--period", required=True, help="2025 for a declaration, 2025Q1 for a ledger submission")
    p.add_argument("--date", required=True, help="the date it was filed, YYYY-MM-DD")
    add_user(p)
    p.set_defaults(func=cmd_filing)


def _t(v: float) -> str:
    return f"{v:,.3f}"


SUMMARY_COLUMNS = ("code", "kind", "opening", "generated", "used", "transferred", "disposed", "adjust", "closing")


def cmd_summary(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.domain.dross import kind_name
    from alassess.services import dross

    s = dross.summary(db_path(args), args.plant, args.period)
    if args.json:
        print_json(s)
        return 0
    lang = args.lang
    print(f"{s['plant']['name']}  {s['period']}  ({s['start']} – {s['end']})")
    heads = [say(f"cli.ledger.col.{c}", lang) for c in SUMMARY_COLUMNS]
    print(f"{heads[0]:<11} {heads[1]:<10}" + "".join(f"{h:>13}" for h in heads[2:]))
    if not s["rows"]:
        print(say("cli.ledger.no_entries", lang))
    for r in s["rows"]:
        vals = [r[k] for k in ("opening_t", "generated_t", "self_utilized_t", "transferred_t", "disposed_t",
                               "adjustment_t", "closing_t")]
        print(f"{r['code']:<11} {kind_name(r['kind'], lang):<10}" + "".join(f"{_t(v):>13}" for v in vals))
    print(say("cli.ledger.unit_t", lang))
    return 0


def _severity(severity: str, lang: str) -> str:
    return say(f"severity.{severity}", lang) if severity in ("critical", "major", "minor") else severity


def cmd_check(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.domain.dross import kind_name
    from alassess.services import dross

    r = dross.check(db_path(args), args.plant, args.period, as_of=args.as_of, lang=args.lang)
    if args.json:
        print_json(r)
        return 0
    lang = args.lang
    print(say("cli.ledger.check_head", lang, plant=r["plant"]["name"], period=r["period"], as_of=r["as_of"]))
    print(say("cli.ledger.check_class", lang, code=r["code"], cls=by_lang(lang, r["class"], r["class_en"]),
              pct=f"{r['compliance_pct']}%" if r["compliance_pct"] is not None else "—"))
    for b in r["balances"]:
        print(say("cli.ledger.balance", lang, code=b["code"], kind=kind_name(b["kind"], lang),
                  opening=_t(b["opening_t"]), closing=_t(b["closing_t"])))
    for s in r["stock"]:
        if s["oldest"]:
            print(say("cli.ledger.stock", lang, code=s["code"], kind=kind_name(s["kind"], lang),
                      quantity=_t(s["quantity_t"]), oldest=s["oldest"], days=s["age_days"]))
    for d in r["deadlines"]:
        status = say(f"cli.filing_status.{d['status']}", lang)
        if d["filed_on"]:
            status += f" {d['filed_on']}"
        if d["days_left"] is not None:
            status += say("cli.ledger.days_left", lang, n=d["days_left"])
        print(say("cli.ledger.deadline", lang, what=say(f"cli.deadline.{d['id']}", lang), period=d["period"],
                  due=d["due"], status=status))
    if not r["findings"]:
        print("  " + say("cli.no_findings", lang))
    for f in r["findings"]:
        print(f"  [{_severity(f['severity'], lang)}] {f['id']}: {f['detail']}")
    for n in r["notes"]:
        print("  " + say("cli.note", lang, note=n))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    dross.write_template(args.out, lang="en" if args.english else "zh")
    print(say("cli.ledger.template_written", args.lang, path=args.out))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    try:
        res = dross.import_ledger(db_path(args), args.plant, args.file, who=args.user)
    except dross.LedgerImportError as exc:
        lines = exc.lines(args.lang)
        sys.stderr.write(error_line(lines[0], args.lang) + "".join(f"  {line}\n" for line in lines[1:]))
        return 2
    print(say("cli.ledger.imported", args.lang, rows=res.rows, added=res.added, duplicates=res.duplicates))
    if res.ignored_columns:
        print(say("cli.ledger.columns_ignored", args.lang, columns=", ".join(res.ignored_columns)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    n = dross.export_ledger(db_path(args), args.plant, args.out, period=args.period,
                            lang="en" if args.english else "zh")
    print(say("cli.ledger.exported", args.lang, n=n, path=args.out))
    return 0


def cmd_receivers(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    path = db_path(args)
    if args.add:
        rid = dross.save_receiver(path, args.plant, {"name": args.add, "licence_no": args.licence, "codes": args.codes,
                                                     "valid_from": args.valid_from, "valid_to": args.valid_to},
                                 who=args.user)
        print(say("cli.ledger.receiver_saved", args.lang, id=rid))
    if args.remove is not None:
        dross.delete_receiver(path, args.plant, args.remove, who=args.user)
        print(say("cli.ledger.receiver_removed", args.lang, id=args.remove))
    rows = dross.list_receivers(path, args.plant)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['id']:>4}  {r['name']}  {r['licence_no'] or '—'}  {','.join(r['codes']) or '—'}  "
              f"{r['valid_from'] or '…'} – {r['valid_to'] or '…'}")
    return 0


def cmd_containers(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    path = db_path(args)
    if args.add:
        dross.save_container(path, args.plant, {"name": args.add, "type": args.type, "capacity_l": args.capacity_l,
                                                "code": args.code, "location": args.location}, who=args.user)
    rows = dross.list_containers(path, args.plant)
    if args.json:
        print_json(rows)
        return 0
    for c in rows:
        cap = f"{c['capacity_l']:g} L" if c["capacity_l"] is not None else "—"
        print(f"{c['id']:>4}  {c['name']}  {c['type'] or '—'}  {cap}  {c['code'] or '—'}  {c['location']}")
    return 0


def cmd_filing(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import dross

    dross.record_filing(db_path(args), args.plant, args.kind, args.period, args.date, who=args.user)
    print(say("cli.recorded", args.lang))
    return 0
