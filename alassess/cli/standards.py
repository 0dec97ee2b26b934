"""``alassess standards [--json]``: the editions of the reference data this installation knows."""

from __future__ import annotations

import argparse
import sys

from alassess.cli._words import say
from alassess.cli.core import print_json
from alassess.services import editions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("standards", help="the editions of the reference data / 标准数据版本",
                       description="Every edition of every reference-data file, with its date, status and source; "
                                   "the current one is what a new assessment records. Name an edition in an "
                                   "assessment file's \"standards\" object to score with it. / 列出各标准数据文件的"
                                   "全部版本（日期、状态、依据）；新评估记录当前版本。")
    p.add_argument("--json", action="store_true", help="print the editions as JSON")
    p.set_defaults(func=cmd_standards)


def cmd_standards(args: argparse.Namespace) -> int:
    rows = editions.known()
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        mark = say("editions.current", args.lang) if r["current"] else ""
        status = say(f"editions.status.{r['status']}", args.lang)
        sys.stdout.write(f"{r['module']}/{r['id']}\t{r['date']}\t{status}\t{mark}\t{r['title']}\n")
    return 0
