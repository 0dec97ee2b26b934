"""Offline hand-over bundles: ``alassess bundle export|import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alassess.cli._words import error_line
from alassess.cli.audit import add_user
from alassess.cli.core import add_db, db_path
from alassess.domain import messages


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bundle", help="hand an assessment over offline (.alassess file) / 离线数据包")
    bsub = p.add_subparsers(dest="bundle_command", metavar="ACTION", required=True, parser_class=type(p))
    e = bsub.add_parser("export", help="write one assessment with its attachments into a bundle / 导出数据包")
    add_db(e)
    e.add_argument("--assessment", type=int, required=True)
    e.add_argument("--out", type=Path, required=True, help="the bundle file (FILE.alassess)")
    add_user(e)
    e.set_defaults(func=cmd_export)

    i = bsub.add_parser("import", help="import a bundle: all or nothing, conflicts reported / 导入数据包")
    i.add_argument("file", type=Path)
    add_db(i)
    i.add_argument("--as-new-revision", action="store_true",
                   help="on a conflict, import the bundle as a new revision next to the existing one")
    add_user(i)
    i.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import bundles

    out = args.out if args.out.suffix else args.out.with_suffix(".alassess")
    manifest = bundles.export_bundle(db_path(args), args.assessment, out, who=args.user)
    print(messages.text("bundle_exported", args.lang, path=out, id=args.assessment,
                        n=len(manifest["attachments"])))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import bundles

    try:
        outcome = bundles.import_bundle(args.file, db_path(args), as_new_revision=args.as_new_revision,
                                        who=args.user)
    except bundles.BundleConflict as exc:
        sys.stderr.write(error_line(exc.message(args.lang), args.lang))
        return 1
    key = {"created": "bundle_created", "updated": "bundle_updated", "unchanged": "bundle_unchanged",
           "stale": "bundle_stale", "as_revision": "bundle_as_revision"}[outcome.kind]
    print(messages.text(key, args.lang, id=outcome.assessment_id, revision=outcome.revision,
                        parent=outcome.parent_id))
    return 0
