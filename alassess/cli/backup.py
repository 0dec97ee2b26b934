"""Backups: ``alassess backup``, ``alassess restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from alassess.cli.core import add_db, db_path, print_json
from alassess.domain import messages
from alassess.domain.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="back the database up (kept, never rotated away) / 备份数据库")
    add_db(p)
    p.add_argument("--out", type=Path, help="backup file (default: backups/ next to the database)")
    p.add_argument("--list", action="store_true", help="list the existing backups instead / 列出备份")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore the database from a backup (the current file is kept aside) / 恢复")
    add_db(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--from", dest="source", type=Path, help="the backup file to restore")
    g.add_argument("--latest", action="store_true", help="the latest backup that passes the integrity check")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import backups

    path = db_path(args)
    if args.list:
        rows = backups.list_backups(path)
        if args.json:
            print_json(rows)
        else:
            for r in rows:
                print(f"{r['when']}  {r['kind']:<8} {r['size']:>10}  {r['path']}")
        return 0
    out = backups.backup_now(path, args.out)
    print(messages.text("backup_written", args.lang, path=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import backups

    if not args.source and not args.latest:
        raise InputError("restore_source_required", None)
    used, aside = backups.restore(db_path(args), args.source)
    print(messages.text("restore_done", args.lang, backup=used, aside=aside or "-"))
    return 0
