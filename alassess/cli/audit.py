"""Audit and revisions: ``alassess audit verify|log``, ``alassess amend``."""

from __future__ import annotations

import argparse

from alassess.cli.core import add_db, db_path, print_json
from alassess.domain import messages


def add_user(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="who makes the change, recorded in the audit log "
                                  "(default: $ALASSESS_USER or the login name) / 操作人")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="check or show the audit log / 审计日志")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True, parser_class=type(p))
    v = asub.add_parser("verify", help="check the log's hash chain and that the data matches it / 校验")
    v.add_argument("anchors", nargs="*", metavar="REPORT.pdf|BUNDLE.alassess",
                   help="signed reports or bundles made from this database: the log must still hold the "
                        "head each of them quotes (finds a rewritten log)")
    add_db(v)
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_verify)
    lg = asub.add_parser("log", help="print the change log / 显示修改记录")
    add_db(lg)
    lg.add_argument("--assessment", type=int, help="only this assessment")
    lg.add_argument("--plant", type=int, help="only this plant: its details, dross records and assessments")
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(func=cmd_log)

    p = sub.add_parser("amend", help="create a new revision of a signed assessment / 修订已签署的评估")
    add_db(p)
    p.add_argument("--assessment", type=int, required=True, help="the signed assessment's id")
    add_user(p)
    p.set_defaults(func=cmd_amend)


def cmd_verify(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import audit

    report = audit.verify(db_path(args), args.anchors)
    if args.json:
        print_json({"ok": report.ok, "entries": report.entries, "head_id": report.head_id,
                    "head_hash": report.head_hash,
                    "problems": [{"key": p.key, **{k: str(v) for k, v in p.params.items()},
                                  "message": p.message(args.lang)} for p in report.problems]})
        return 0 if report.ok else 1
    if report.ok:
        print(messages.text("audit_ok", args.lang, entries=report.entries, head_id=report.head_id,
                            head=report.head_hash))
        return 0
    print(messages.text("audit_failed", args.lang, n=len(report.problems)))
    for p in report.problems:
        print("  - " + p.message(args.lang))
    return 1


def cmd_log(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import audit

    rows = audit.history(db_path(args), args.assessment, args.plant)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        about = f"A{r['assessment_id']}  " if r["assessment_id"] is not None else ""
        print(f"#{r['id']:<6} {r['at']}  {r['who']}  {about}{r['field']}: "
              f"{'∅' if r['old'] is None else r['old']} → {'∅' if r['new'] is None else r['new']}")
    return 0


def cmd_amend(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.services import audit

    new_id, revision = audit.amend(db_path(args), args.assessment, who=args.user)
    print(messages.text("amended", args.lang, id=new_id, revision=revision, parent=args.assessment))
    return 0


