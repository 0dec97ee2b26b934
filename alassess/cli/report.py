"""Report commands: report (build and sign), verify, identity (create, import, trust, list)."""

from __future__ import annotations

import argparse
from pathlib import Path

from alassess.cli._words import say
from alassess.cli.core import add_db, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the assessment report as PDF, optionally signed / 生成（签署）评估报告",
                       description="Build the PDF report of an assessment file or a stored assessment; with --sign, "
                                   "sign it (PAdES) with a PKCS#12 identity. Signing a stored assessment marks it "
                                   "signed (no further edits).")
    p.add_argument("file", type=Path, nargs="?", help="assessment file (JSON, format alassess.assessment)")
    add_db(p)
    p.add_argument("--assessment", type=int, help="stored assessment id (with --db)")
    p.add_argument("--out", type=Path, required=True, help="PDF to write")
    p.add_argument("--sign", action="store_true", help="sign the report")
    p.add_argument("--identity", help="PKCS#12 identity (.p12 path, or the name of an imported identity)")
    p.add_argument("--passphrase-file", type=Path, help="file whose first line is the identity's passphrase")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("verify", help="verify a signed report and its embedded data / 核验签名报告",
                       description="Lists every signature and what it covers. Exit 0: valid (the assessor's "
                                   "signature is intact and valid, only validation data follows it, the embedded "
                                   "data matches the printed hash), whether or not the signer is trusted (the words "
                                   "say which); 1: the signature is broken or the report or its data changed after "
                                   "signing; 2: the file cannot be read or is not a PDF; 3: not signed; 4: valid but "
                                   "the signer is not trusted, with --require-trusted.")
    p.add_argument("pdf", type=Path)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--extract", type=Path, metavar="FILE", help="write the embedded assessment.json to FILE")
    p.add_argument("--trust-dir", type=Path, help="folder of trusted certificates (default: in the user data folder)")
    p.add_argument("--require-trusted", action="store_true", help="also fail (exit 1) when the signer is not trusted")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("identity", help="signing identities and trusted certificates / 签名身份与信任证书")
    isub = p.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    c = isub.add_parser("create", help="create a self-signed identity (.p12)")
    c.add_argument("--name", required=True, help="signer's name (certificate common name)")
    c.add_argument("--organisation", "--organization", default="", help="organisation")
    c.add_argument("--email", default="")
    c.add_argument("--out", type=Path, required=True, help=".p12 file to create (owner-only permissions)")
    c.add_argument("--passphrase-file", type=Path, required=True)
    c.add_argument("--days", type=int, default=5 * 365, help="validity in days")
    c.add_argument("--trust", action="store_true", help="also add its certificate to the trust list")
    c.add_argument("--trust-dir", type=Path)
    c.set_defaults(func=cmd_identity_create)
    c = isub.add_parser("import", help="import a PKCS#12 issued by your organisation's CA")
    c.add_argument("file", type=Path)
    c.add_argument("--passphrase-file", type=Path, required=True)
    c.add_argument("--identities-dir", type=Path, help="where to keep it (default: the user data folder)")
    c.set_defaults(func=cmd_identity_import)
    c = isub.add_parser("trust", help="add a certificate (PEM, DER or .p12), or the signer of a verified report, "
                                      "to the trust list")
    c.add_argument("cert", type=Path, nargs="?", help="certificate file")
    c.add_argument("--from-report", type=Path, metavar="PDF",
                   help="trust whoever signed this report (it must verify); compare the printed fingerprint "
                        "with the signer's first")
    c.add_argument("--passphrase-file", type=Path, help="for a passphrase-protected .p12")
    c.add_argument("--trust-dir", type=Path)
    c.set_defaults(func=cmd_identity_trust)
    c = isub.add_parser("list", help="list trusted certificates and imported identities")
    c.add_argument("--trust-dir", type=Path)
    c.add_argument("--identities-dir", type=Path)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_identity_list)


def cmd_report(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.domain.errors import InputError
    from alassess.services import report, signatures

    if args.file is None and (args.db is None or args.assessment is None):
        raise InputError("report_source_required", None)
    passphrase = None
    if args.sign:
        if not args.identity or not args.passphrase_file:
            raise InputError("report_sign_needs_identity", "--sign")
        passphrase = signatures.read_passphrase_file(args.passphrase_file)
    # the report is Chinese unless English is asked for (--lang en or ALASSESS_LANG), whatever the locale
    report_lang = args.lang if getattr(args, "lang_explicit", False) else "zh"
    res = report.issue_report(out=args.out, lang=report_lang, file=args.file, db_path=args.db,
                              assessment_id=args.assessment if args.file is None else None,
                              identity=args.identity, passphrase=passphrase, sign=args.sign)
    lang = args.lang
    state = say("cli.report.signed_by", lang, signer=res.signer) if res.signed else say("cli.report.not_signed", lang)
    print(say("cli.report.written", lang, path=res.path, pages=res.pages, state=state, id=res.report_id))
    print(say("cli.report.data_sha256", lang, sha=res.data_sha256))
    if res.signed and res.assessment_id is not None:
        print(say("cli.report.now_signed", lang, id=res.assessment_id))
    return 0


def _yes(v: bool | None, lang: str) -> str:
    if v is None:
        return "—"
    return say("cli.yes" if v else "cli.no", lang)


# verify's exit codes: one per outcome (README, docs/reports.md)
VERIFY_EXIT = {"trusted": 0, "untrusted": 0, "broken": 1, "unsigned": 3, "untrusted_required": 4}


def cmd_verify(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess import catalogue
    from alassess.domain.errors import InputError
    from alassess.services.files import atomic_write
    from alassess.services.signatures import fingerprint_text, verify_pdf

    r = verify_pdf(args.pdf, trust_dir=args.trust_dir)
    status = r.status
    outcome = "untrusted_required" if status == "untrusted" and args.require_trusted else status
    code = VERIFY_EXIT[outcome]
    extracted = None
    lang = args.lang
    if args.extract is not None:
        if code == 0 and r.data is not None:
            try:
                atomic_write(args.extract, r.data)
            except OSError as exc:
                raise InputError("file_unwritable", "--extract", path=str(args.extract),
                                 reason=exc.strerror or str(exc)) from None
            extracted = str(args.extract)
        else:
            r.problems.append(say("cli.verify.not_extracted", lang))
    if args.json:
        d = r.to_json()
        d["ok"] = code == 0
        d["exit"] = code
        d["extracted"] = extracted
        print_json(d)
        return code
    org = say("cli.verify.organisation", lang, organisation=r.signer_organisation) if r.signer_organisation else ""
    print(catalogue.text(f"verify_{status}", lang, path=r.path, signer=(r.signer + org) if r.signer else "—"))
    for n, sg in enumerate(r.signatures, 1):
        kind = ("verify_kind_timestamp" if sg.kind == "timestamp" else
                "verify_kind_assessor" if n == _assessor_index(r) else "verify_kind_further")
        covers = ("verify_covers_whole" if sg.coverage == "entire_file" else
                  "verify_covers_changed" if sg.modified_after else "verify_covers_lta")
        visible = catalogue.text("verify_visible", lang, page=sg.page) if sg.visible and sg.page else ""
        print(catalogue.text("verify_signature_line", lang, n=n, count=len(r.signatures), field=sg.field,
                             signer=sg.signer or "—", kind=catalogue.text(kind, lang), rev=sg.revision,
                             revs=sg.revisions, visible=visible, covers=catalogue.text(covers, lang)))
    print(say("cli.verify.signer", lang, signer=r.signer or "—", organisation=org))
    print(say("cli.verify.signing_time", lang, time=r.signing_time or "—"))
    print(say("cli.verify.checks", lang, intact=_yes(r.intact if r.signed else None, lang),
              valid=_yes(r.valid if r.signed else None, lang),
              whole=_yes(r.covers_whole_file if r.signed else None, lang)))
    print(say("cli.verify.trusted", lang, trusted=_yes(r.trusted, lang),
              hint="" if r.trusted or not r.signed else say("cli.verify.how_to_trust", lang)))
    if r.signer_certificate:
        print("  " + say("cli.identity.fingerprint", lang, fingerprint=fingerprint_text(r.signer_certificate)))
    print(say("cli.verify.report_id", lang, id=r.report_id or "—"))
    print(say("cli.verify.data_matches", lang, matches=_yes(r.data_matches, lang), sha=r.data_hash or "—"))
    if extracted:
        print(say("cli.verify.extracted", lang, path=extracted))
    for p in r.problems:
        print(say("cli.verify.problem", lang, problem=p))
    if outcome == "untrusted_required":
        print(catalogue.text("verify_require_trusted", lang))
    return code


def _assessor_index(r) -> int:
    """1-based position of the assessor's signature (the first that is not a document time stamp)."""
    return next((n for n, sg in enumerate(r.signatures, 1) if sg.kind == "signature"), 0)


def cmd_identity_create(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import signatures

    pw = signatures.read_passphrase_file(args.passphrase_file)
    info = signatures.create_identity(args.name, args.organisation, args.out, pw, email=args.email, days=args.days)
    lang = args.lang
    print(say("cli.identity.created", lang, path=args.out, name=info.common_name, until=info.not_after[:10]))
    print(say("cli.identity.fingerprint", lang, fingerprint=signatures.fingerprint_text(info.sha256)))
    if args.trust:
        signatures.add_trusted(args.out, args.trust_dir, passphrase=pw)
        print(say("cli.identity.trusted_too", lang))
    return 0


def cmd_identity_import(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import signatures

    pw = signatures.read_passphrase_file(args.passphrase_file)
    info = signatures.import_identity(args.file, pw, args.identities_dir)
    print(say("cli.identity.imported", args.lang, name=info.common_name, issuer=info.issuer,
              until=info.not_after[:10], path=info.path))
    return 0


def cmd_identity_trust(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.domain.errors import InputError
    from alassess.services import signatures

    if (args.cert is None) == (args.from_report is None):
        raise InputError("trust_needs_one_source", "cert")
    if args.from_report is not None:
        added = [signatures.trust_report_signer(args.from_report, args.trust_dir)]
    else:
        pw = signatures.read_passphrase_file(args.passphrase_file) if args.passphrase_file else None
        added = signatures.add_trusted(args.cert, args.trust_dir, passphrase=pw)
    for info in added:
        print(say("cli.identity.trusted", args.lang, subject=info.subject,
                  fingerprint=signatures.fingerprint_text(info.sha256)))
    return 0


def cmd_identity_list(args: argparse.Namespace) -> int:
    # deferred: start-up time (see alassess.cli)
    from alassess.services import signatures

    certs = signatures.list_trusted(args.trust_dir)
    ids = signatures.list_identities(args.identities_dir)
    if args.json:
        print_json({"trusted": [c.to_json() for c in certs], "identities": ids})
        return 0
    lang = args.lang
    print(say("cli.identity.trusted_list", lang, folder=signatures.trust_dir(args.trust_dir)))
    if not certs:
        print("  " + say("cli.none", lang))
    for c in certs:
        print(f"  {c.subject}  {say('cli.identity.self_signed', lang) if c.self_signed else c.issuer}  "
              f"{c.not_after[:10]}  {c.sha256[:16]}…")
    print(say("cli.identity.imported_list", lang))
    if not ids:
        print("  " + say("cli.none", lang))
    for i in ids:
        print(f"  {i['name']}  {i['path']}")
    return 0
