"""Report commands: report (build and sign), verify, identity (create, import, trust, list)."""

from __future__ import annotations

import argparse
from pathlib import Path

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
                       description="Exit 0 when the signature is intact and valid, covers the whole file and the "
                                   "embedded data matches the printed hash; 1 otherwise; 2 for a file that cannot "
                                   "be read. Whether the signer is trusted is shown (see --require-trusted).")
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


def _zh(args: argparse.Namespace) -> bool:
    return args.lang == "zh"


def cmd_report(args: argparse.Namespace) -> int:
    from alassess.domain.errors import InputError
    from alassess.services import report

    if args.file is None and (args.db is None or args.assessment is None):
        raise InputError("report_source_required", None)
    passphrase = None
    if args.sign:
        if not args.identity or not args.passphrase_file:
            raise InputError("report_sign_needs_identity", "--sign")
        passphrase = report.read_passphrase_file(args.passphrase_file)
    # the report is Chinese unless English is asked for (--lang en or ALASSESS_LANG), whatever the locale
    report_lang = args.lang if getattr(args, "lang_explicit", False) else "zh"
    res = report.issue_report(out=args.out, lang=report_lang, file=args.file, db_path=args.db,
                              assessment_id=args.assessment if args.file is None else None,
                              identity=args.identity, passphrase=passphrase, sign=args.sign)
    if _zh(args):
        state = f"已签署（{res.signer}）" if res.signed else "未签署"
        print(f"报告已写入 {res.path}：{res.pages} 页，{state}，报告编号 {res.report_id}")
        print(f"内嵌 assessment.json 的 SHA-256：{res.data_sha256}")
        if res.signed and res.assessment_id is not None:
            print(f"评估 {res.assessment_id} 已标记为已签署，不能再修改")
    else:
        state = f"signed by {res.signer}" if res.signed else "not signed"
        print(f"report written to {res.path}: {res.pages} pages, {state}, report id {res.report_id}")
        print(f"embedded assessment.json SHA-256: {res.data_sha256}")
        if res.signed and res.assessment_id is not None:
            print(f"assessment {res.assessment_id} is now signed and can no longer be edited")
    return 0


def _yes(v: bool | None, zh: bool) -> str:
    if v is None:
        return "—"
    return ("是" if v else "否") if zh else ("yes" if v else "no")


def cmd_verify(args: argparse.Namespace) -> int:
    from alassess.domain.errors import InputError
    from alassess.services.files import atomic_write
    from alassess.services.signatures import fingerprint_text, verify_pdf

    r = verify_pdf(args.pdf, trust_dir=args.trust_dir)
    ok = r.ok and (r.trusted or not args.require_trusted)
    extracted = None
    zh = _zh(args)
    if args.extract is not None:
        if ok and r.data is not None:
            try:
                atomic_write(args.extract, r.data)
            except OSError as exc:
                raise InputError("file_unwritable", "--extract", path=str(args.extract),
                                 reason=exc.strerror or str(exc)) from None
            extracted = str(args.extract)
        else:
            r.problems.append("未导出评估数据：报告未通过核验" if zh else
                              "the assessment data was not extracted: the report did not verify")
    if args.json:
        d = r.to_json()
        d["ok"] = ok
        d["extracted"] = extracted
        print_json(d)
        return 0 if ok else 1
    if zh:
        print(("签名有效" if ok else "签名无效或报告已被改动") + f"：{r.path}")
        print(f"  签名人：{r.signer or '—'}" + (f"（{r.signer_organisation}）" if r.signer_organisation else ""))
        print(f"  签名时间：{r.signing_time or '—'}")
        print(f"  完整（未被改动）：{_yes(r.intact if r.signed else None, zh)}；签名有效：{_yes(r.valid if r.signed else None, zh)}；"
              f"覆盖整个文件：{_yes(r.covers_whole_file if r.signed else None, zh)}")
        print(f"  证书受信任：{_yes(r.trusted, zh)}" + ("" if r.trusted or not r.signed else
                                                  "（证书不在信任列表中；核对指纹后可用 alassess identity trust --from-report 添加）"))
        if r.signer_certificate:
            print(f"  证书指纹 SHA-256：{fingerprint_text(r.signer_certificate)}")
        print(f"  报告编号：{r.report_id or '—'}")
        print(f"  内嵌数据与打印的哈希一致：{_yes(r.data_matches, zh)}（SHA-256 {r.data_hash or '—'}）")
        if extracted:
            print(f"  已导出评估数据到 {extracted}（可用 alassess import 导入）")
    else:
        print(("signature OK" if ok else "NOT VALID: the signature is broken or the report was changed") + f": {r.path}")
        print(f"  signer: {r.signer or '—'}" + (f" ({r.signer_organisation})" if r.signer_organisation else ""))
        print(f"  signing time: {r.signing_time or '—'}")
        print(f"  intact: {_yes(r.intact if r.signed else None, zh)}; valid: {_yes(r.valid if r.signed else None, zh)}; "
              f"covers the whole file: {_yes(r.covers_whole_file if r.signed else None, zh)}")
        print(f"  certificate trusted: {_yes(r.trusted, zh)}" + ("" if r.trusted or not r.signed else
                                                               " (not in the trust list; compare the fingerprint with "
                                                               "the signer's, then add it with alassess identity trust "
                                                               "--from-report)"))
        if r.signer_certificate:
            print(f"  certificate SHA-256 fingerprint: {fingerprint_text(r.signer_certificate)}")
        print(f"  report id: {r.report_id or '—'}")
        print(f"  embedded data matches the printed hash: {_yes(r.data_matches, zh)} (SHA-256 {r.data_hash or '—'})")
        if extracted:
            print(f"  assessment data written to {extracted} (load it with alassess import)")
    for p in r.problems:
        print(("  问题：" if zh else "  problem: ") + p)
    if args.require_trusted and r.ok and not r.trusted:
        print("  问题：签名人证书不受信任" if zh else "  problem: the signer's certificate is not trusted")
    return 0 if ok else 1


def cmd_identity_create(args: argparse.Namespace) -> int:
    from alassess.services import signatures

    pw = signatures.read_passphrase_file(args.passphrase_file)
    info = signatures.create_identity(args.name, args.organisation, args.out, pw, email=args.email, days=args.days)
    zh = _zh(args)
    print(f"已创建签名身份 {args.out}（自签名证书，{info.common_name}，有效期至 {info.not_after[:10]}）" if zh else
          f"identity created: {args.out} (self-signed certificate for {info.common_name}, valid until {info.not_after[:10]})")
    fp = signatures.fingerprint_text(info.sha256)
    print(f"证书指纹 SHA-256：{fp}" if zh else f"certificate SHA-256 fingerprint: {fp}")
    if args.trust:
        signatures.add_trusted(args.out, args.trust_dir, passphrase=pw)
        print("证书已加入信任列表" if zh else "certificate added to the trust list")
    return 0


def cmd_identity_import(args: argparse.Namespace) -> int:
    from alassess.services import signatures

    pw = signatures.read_passphrase_file(args.passphrase_file)
    info = signatures.import_identity(args.file, pw, args.identities_dir)
    if _zh(args):
        print(f"已导入签名身份：{info.common_name}（签发者 {info.issuer}，有效期至 {info.not_after[:10]}）→ {info.path}")
    else:
        print(f"identity imported: {info.common_name} (issued by {info.issuer}, valid until {info.not_after[:10]}) → {info.path}")
    return 0


def cmd_identity_trust(args: argparse.Namespace) -> int:
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
        fp = signatures.fingerprint_text(info.sha256)
        print(f"已信任：{info.subject}（SHA-256 {fp}）" if _zh(args) else f"trusted: {info.subject} (SHA-256 {fp})")
    return 0


def cmd_identity_list(args: argparse.Namespace) -> int:
    from alassess.services import signatures

    certs = signatures.list_trusted(args.trust_dir)
    ids = signatures.list_identities(args.identities_dir)
    if args.json:
        print_json({"trusted": [c.to_json() for c in certs], "identities": ids})
        return 0
    zh = _zh(args)
    print(f"信任的证书（{signatures.trust_dir(args.trust_dir)}）：" if zh else f"trusted certificates ({signatures.trust_dir(args.trust_dir)}):")
    if not certs:
        print("  （无）" if zh else "  (none)")
    for c in certs:
        print(f"  {c.subject}  {'自签名' if zh and c.self_signed else ('self-signed' if c.self_signed else c.issuer)}  "
              f"{c.not_after[:10]}  {c.sha256[:16]}…")
    print("导入的签名身份：" if zh else "imported identities:")
    if not ids:
        print("  （无）" if zh else "  (none)")
    for i in ids:
        print(f"  {i['name']}  {i['path']}")
    return 0
