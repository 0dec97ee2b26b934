"""Core commands: score, import, export, demo, gui."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alassess.cli._words import say


def add_db(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--db", type=Path, required=required,
                   help="database file (default: alassess.db in the user's data directory)")


def db_path(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        return args.db
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services.records import default_db_path

    return default_db_path()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score an assessment file / 评分")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="date for the dross stock ageing and deadlines (default: the file's dross.as_of, "
                        "else the last day of the period)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("import", help="import an assessment file into the database / 导入")
    p.add_argument("file", type=Path)
    add_db(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export a stored assessment as a file / 导出")
    add_db(p)
    p.add_argument("--assessment", type=int, required=True, help="assessment id")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("list", help="list plants and assessments in the database / 列表")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("demo", help="create a demo database / 创建演示数据库")
    add_db(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("gui", help="open the desktop application / 打开桌面程序")
    add_db(p)
    p.add_argument("--demo", action="store_true", help="fill an empty database with the demo data first")
    p.set_defaults(func=open_gui)


def print_json(obj: object) -> None:
    """``obj`` as indented JSON on stdout, Chinese text as it is (what every ``--json`` prints)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_score(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import scoring
    from alassess.services.files import load_assessment_file

    a = load_assessment_file(args.file)
    if args.as_of is not None:
        # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
        from alassess.domain.assessment import parse_date

        as_of = parse_date(args.as_of, "--as-of")
        if a.dross is not None:
            a.dross["as_of"] = as_of
    result = scoring.evaluate(a, args.lang)
    if args.json:
        print_json(result)
    else:
        # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
        from alassess.services.summary import text_summary

        sys.stdout.write(text_summary(a, result, args.lang))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import records

    aid, created = records.import_file(db_path(args), args.file)
    print(say("cli.imported" if created else "cli.updated", args.lang, id=aid))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import records

    records.export_file(db_path(args), args.assessment, args.out)
    print(say("cli.exported", args.lang, path=args.out))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import records

    rows = records.overview(db_path(args))
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        index = f"{r['index']:.2f}" if r["index"] is not None else "-"  # 31.0 reads as 31.00, like everywhere else
        print(f"{r['id']:>5}  {r['plant_name']}  [{r['sector']}]  {r['period']}  r{r['revision']}  "
              f"{r['status']}  {r['grade'] or '-'}  {index}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import demo

    path = db_path(args)
    counts = demo.create_demo(path)
    print(say("cli.demo_written", args.lang, path=path, plants=counts["plants"], assessments=counts["assessments"],
              ledger=counts["ledger"]))
    return 0


def open_gui(args: argparse.Namespace) -> int:
    try:
        # deferred: the desktop application (PySide6) loads only when it is opened, and may be missing
        from alassess.ui.app import run
    except ImportError as exc:
        sys.stderr.write(f"the desktop application is not available: {exc}\n")
        return 2
    lang = args.lang if getattr(args, "lang_explicit", True) else None
    path, demo = db_path(args), getattr(args, "demo", False)
    if getattr(args, "db", None) is None and not path.exists():
        # First run: nothing of the user's yet, so open the demo database (made once) to look around;
        # File › "Open my database" starts the real one.
        # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
        from alassess.services.demo import demo_path

        path = demo_path()
        demo = demo or not path.exists()
    return run(path, demo=demo, lang=lang)
