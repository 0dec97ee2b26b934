"""Evidence attachments: ``alassess attach add|list|extract|remove``."""

from __future__ import annotations

import argparse
from pathlib import Path

from alassess.cli._words import say
from alassess.cli.audit import add_user
from alassess.cli.core import add_db, db_path, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("attach", help="evidence attachments (photos, scans) / 证据附件")
    asub = p.add_subparsers(dest="attach_command", metavar="ACTION", required=True, parser_class=type(p))
    a = asub.add_parser("add", help="attach files to an assessment or one of its fields / 添加附件")
    add_db(a)
    a.add_argument("--assessment", type=int, required=True)
    a.add_argument("--field", help="the field the evidence is for (default: the assessment as a whole)")
    a.add_argument("files", type=Path, nargs="+")
    add_user(a)
    a.set_defaults(func=cmd_add)

    ls = asub.add_parser("list", help="list an assessment's attachments / 列出附件")
    add_db(ls)
    ls.add_argument("--assessment", type=int, required=True)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    x = asub.add_parser("extract", help="write attachments out as files (hash checked) / 导出附件")
    add_db(x)
    g = x.add_mutually_exclusive_group(required=True)
    g.add_argument("--id", type=int, help="one attachment")
    g.add_argument("--assessment", type=int, help="every attachment of an assessment")
    x.add_argument("--out", type=Path, required=True, help="a file (with --id) or a folder")
    x.set_defaults(func=cmd_extract)

    r = asub.add_parser("remove", help="detach an attachment (its file is kept) / 移除附件")
    add_db(r)
    r.add_argument("--id", type=int, required=True)
    add_user(r)
    r.set_defaults(func=cmd_remove)


def cmd_add(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import attachments

    ids = attachments.add_files(db_path(args), args.assessment, args.files, field_id=args.field, who=args.user)
    for f, i in zip(args.files, ids, strict=True):
        print(say("cli.attach.added", args.lang, id=i, name=f.name))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import attachments

    rows = attachments.list_for(db_path(args), args.assessment)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['id']:>5}  {r['field_id'] or '-':<32} {r['file_name']}  {r['media_type']}  {r['size']} B  "
              f"sha256 {r['sha256'][:16]}…  {r['added_by']} {r['added_at']}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import attachments

    if args.id is not None:
        paths = [attachments.extract(db_path(args), args.id, args.out)]
    else:
        paths = attachments.extract_all(db_path(args), args.assessment, args.out)
    for p in paths:
        print(say("cli.attach.written", args.lang, path=p))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import attachments

    attachments.remove(db_path(args), args.id, who=args.user)
    print(say("cli.attach.removed", args.lang, id=args.id))
    return 0
