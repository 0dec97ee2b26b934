"""Offline hand-over bundles (``.alassess``): one assessment with its evidence, as a zip file.

Layout::

    manifest.json      format, version, who and when, origin, the assessment's identity and content
                       digest, its exchange history, every entry's size and SHA-256, attachments
    assessment.json    the assessment file (the interchange format, ledger and receivers included)
    attachments/<sha256>[.ext]   each attachment's bytes once, named by their hash

Reading (:func:`read_bundle`) checks everything before anything is written: the zip structure,
entry names (only the three kinds above; no absolute paths, ``..``, links, directories or
duplicates), sizes against limits and against the manifest, the compression ratio (zip bombs),
every SHA-256, the manifest's schema, the assessment file itself and that its content matches
the manifest's digest. Any failure is one :class:`InputError` and the database is not touched.

Importing (:func:`apply`) is one transaction and decides by content digests:

* the same plant, period and revision absent → created;
* present with the same content → unchanged (a bundle imported twice changes nothing);
* present, and its current content is one the bundle's source had seen (it is in the bundle's
  history) → the target did not change since the common base: updated ("fast-forward");
* present, and the bundle's content is one the target has seen before → the bundle is older than
  the target's copy: unchanged;
* otherwise both sides changed since they last exchanged it → :class:`BundleConflict`, nothing
  written (or, on request, imported as a new revision next to the target's for comparison).

The content digest covers what an assessor edits — plant identity, period, revision, status,
assessor, values, the dross figures and checklist, attachments — and not the plant-level dross
records (ledger, receivers), which merge by union (``repo.merge_dross_records``; ledger rows are
recognised by their fingerprint), nor the editions of the reference data (``standards``; digests
recorded before assessments named their editions stay valid). The editions travel in
``assessment.json``; an assessment created or updated by an import takes the bundle's.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from alassess import catalogue
from alassess.domain.assessment import Assessment, parse_assessment, to_document
from alassess.domain.errors import AlAssessError, InputError, StateError
from alassess.store import attachments, audit, repo

FORMAT = "alassess.bundle"
VERSION = 1
MANIFEST = "manifest.json"
ASSESSMENT = "assessment.json"
REPORT = "report.pdf"  # the signed report of a signed assessment: the proof of its status
SUFFIX = ".alassess"

# Limits: generous for real hand-overs (a year's ledger, a few hundred photos), small enough that a
# hostile file cannot exhaust memory or disk.
MAX_ENTRIES = 2000
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_ASSESSMENT_BYTES = 64 * 1024 * 1024
MAX_ATTACHMENT_BYTES = attachments.MAX_BYTES
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 100  # uncompressed : compressed, checked for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_HISTORY = 10000

_ATTACHMENT_NAME = re.compile(r"^attachments/([0-9a-f]{64})(\.[A-Za-z0-9]{1,10})?$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
STATUSES = ("draft", "final", "signed")


class BundleConflict(StateError):
    """The same assessment was changed here and in the bundle; nothing was written."""

    def __init__(self, key: str, target_id: int, **params: Any) -> None:
        self.target_id = target_id
        super().__init__(key, None, id=target_id, **params)


@dataclass
class Bundle:
    manifest: dict[str, Any]
    assessment: Assessment
    assessment_doc: dict[str, Any]
    blobs: dict[str, bytes]
    sha256: str  # of the whole bundle file
    report_pdf: bytes | None = None  # the signed report (a signed assessment's bundle only)
    report: dict[str, Any] | None = None  # what verifying it found (set by the importing service)

    @property
    def info(self) -> dict[str, Any]:
        return self.manifest["assessment"]


@dataclass
class Outcome:
    kind: str  # created | updated | unchanged | stale | as_revision
    assessment_id: int
    revision: int
    parent_id: int | None = None
    ledger_added: int = 0
    details: dict[str, Any] = field(default_factory=dict)


# ---- the content digest -----------------------------------------------------------------------

def content_digest(doc: dict[str, Any], status: str, revision: int, atts: list[dict[str, Any]]) -> str:
    """SHA-256 of what an assessor edits, from an assessment document (see the module doc)."""
    a = parse_assessment(doc)  # normalises the numbers exactly as an import would store them
    norm = to_document(a)
    # the editions are not in the digest: bundles made before assessments named them must still match
    norm.pop("standards", None)
    plant = norm["plant"]
    norm["plant"] = {"key": plant.get("credit_code") or f"name:{plant['name']}", "sector": plant["sector"]}
    dross = norm.get("dross")
    if dross is not None:
        # plant-level lists (ledger, receivers, …) merge on import; they are not part of the content
        norm["dross"] = {k: v for k, v in dross.items() if not isinstance(v, list)}
    norm["status"] = status
    norm["revision"] = revision
    norm["attachments"] = sorted([a["field"] or "", a["file_name"], a["sha256"]] for a in atts)
    payload = json.dumps(norm, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stored_document(db: sqlite_utils.Database, assessment_id: int) -> dict[str, Any]:
    return json.loads(json.dumps(to_document(repo.load_assessment(db, assessment_id)), ensure_ascii=False))


def attachment_meta(db: sqlite_utils.Database, assessment_id: int) -> list[dict[str, Any]]:
    return [{"sha256": r["sha256"], "field": r["field_id"], "file_name": r["file_name"],
             "media_type": r["media_type"], "size": r["size"]} for r in attachments.list_for(db, assessment_id)]


def current_digest(db: sqlite_utils.Database, assessment_id: int) -> str:
    row = repo.get_row(db, assessment_id)
    return content_digest(stored_document(db, assessment_id), row.status, row.revision,
                          attachment_meta(db, assessment_id))


def known_digests(db: sqlite_utils.Database, assessment_id: int) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT content_sha256 FROM bundle_exchanges WHERE assessment_id = ? "
                                     "ORDER BY content_sha256", [assessment_id]).fetchall()]


def database_id(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT value FROM store_meta WHERE key = 'database_id'").fetchone()
    return row[0] if row else ""


def record_exchange(db: sqlite_utils.Database, assessment_id: int, direction: str, digest: str, *,
                    bundle_sha256: str = "", origin: str = "", who: str | None = None) -> None:
    db.execute("INSERT INTO bundle_exchanges (assessment_id, direction, content_sha256, bundle_sha256, origin_db, at, "
               "who) VALUES (?,?,?,?,?,?,?)",
               [assessment_id, direction, digest, bundle_sha256, origin, repo.now(), audit.actor(who)])


# ---- reading and checking -------------------------------------------------------------------------



def _bad_manifest(where: str, problem: str, **params: Any) -> InputError:
    return InputError("bundle_bad_manifest", None, where=where,
                      reason=catalogue.Term(f"bundle_problem.{problem}", params))


def _expect(obj: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, kind) or isinstance(obj, bool) and kind is not bool:
        raise _bad_manifest(where, "type")
    return obj


def _text(obj: Any, where: str, *, limit: int = 500, empty: bool = True) -> str:
    s = _expect(obj, str, where)
    if len(s) > limit or (not empty and not s):
        raise _bad_manifest(where, "empty" if not s else "long")
    return s


def _check_manifest(m: Any) -> dict[str, Any]:
    m = _expect(m, dict, "manifest")
    allowed = {"format", "version", "created", "created_by", "application", "origin", "assessment", "entries",
               "attachments", "audit_anchor"}
    unknown = set(m) - allowed
    if unknown:
        raise _bad_manifest("manifest", "unknown_key", key=sorted(unknown)[0][:40])
    if m.get("format") != FORMAT:
        raise _bad_manifest("format", "format", expected=FORMAT)
    if m.get("version") != VERSION or isinstance(m.get("version"), bool):
        raise _bad_manifest("version", "version", value=repr(m.get("version"))[:20], expected=VERSION)
    _text(m.get("created"), "created", limit=64)
    _text(m.get("created_by", ""), "created_by")
    _text(m.get("application", ""), "application")
    anchor = _expect(m.get("audit_anchor", {}), dict, "audit_anchor")
    _text(anchor.get("database_id", ""), "audit_anchor.database_id", limit=64)
    if "entry" in anchor:
        _expect(anchor["entry"], int, "audit_anchor.entry")
    if "hash" in anchor and (not isinstance(anchor["hash"], str) or not _HEX64.match(anchor["hash"])):
        raise _bad_manifest("audit_anchor.hash", "sha256")
    origin = _expect(m.get("origin", {}), dict, "origin")
    _text(origin.get("database_id", ""), "origin.database_id", limit=64)
    a = _expect(m.get("assessment"), dict, "assessment")
    for key in ("plant", "period", "sector", "status", "content_sha256"):
        _text(a.get(key), f"assessment.{key}", empty=False)
    _text(a.get("credit_code", ""), "assessment.credit_code", limit=64)
    if a["status"] not in STATUSES:
        raise _bad_manifest("assessment.status", "status")
    rev = _expect(a.get("revision"), int, "assessment.revision")
    if not 1 <= rev <= 100000:
        raise _bad_manifest("assessment.revision", "range")
    if a.get("parent_revision") is not None:
        _expect(a["parent_revision"], int, "assessment.parent_revision")
    history = _expect(a.get("history", []), list, "assessment.history")
    if len(history) > MAX_HISTORY:
        raise _bad_manifest("assessment.history", "long")
    for h in [a["content_sha256"], *history]:
        if not isinstance(h, str) or not _HEX64.match(h):
            raise _bad_manifest("assessment.content_sha256/history", "sha256")
    entries = _expect(m.get("entries"), list, "entries")
    if len(entries) > MAX_ENTRIES:
        raise InputError("bundle_too_many", None, n=len(entries), limit=MAX_ENTRIES)
    for i, e in enumerate(entries):
        e = _expect(e, dict, f"entries[{i + 1}]")
        if extra := set(e) - {"name", "size", "sha256"}:
            raise _bad_manifest(f"entries[{i + 1}]", "unknown_key", key=sorted(extra)[0][:40])
        _text(e.get("name"), f"entries[{i + 1}].name", empty=False)
        size = _expect(e.get("size"), int, f"entries[{i + 1}].size")
        if size < 0:
            raise _bad_manifest(f"entries[{i + 1}].size", "negative")
        if not isinstance(e.get("sha256"), str) or not _HEX64.match(e["sha256"]):
            raise _bad_manifest(f"entries[{i + 1}].sha256", "sha256")
    atts = _expect(m.get("attachments", []), list, "attachments")
    if len(atts) > MAX_ENTRIES:
        raise InputError("bundle_too_many", None, n=len(atts), limit=MAX_ENTRIES)
    for i, t in enumerate(atts):
        where = f"attachments[{i + 1}]"
        t = _expect(t, dict, where)
        if extra := set(t) - {"sha256", "field", "file_name", "media_type", "size"}:
            raise _bad_manifest(where, "unknown_key", key=sorted(extra)[0][:40])
        t.setdefault("field", None)
        if not isinstance(t.get("sha256"), str) or not _HEX64.match(t["sha256"]):
            raise _bad_manifest(f"{where}.sha256", "sha256")
        if t.get("field") is not None:
            _text(t["field"], f"{where}.field", limit=200)
        name = _text(t.get("file_name"), f"{where}.file_name", empty=False)
        try:
            if attachments.clean_name(name) != name:
                raise _bad_manifest(f"{where}.file_name", "file_name")
        except InputError:
            raise _bad_manifest(f"{where}.file_name", "file_name") from None
        _text(t.get("media_type"), f"{where}.media_type", limit=200, empty=False)
        _expect(t.get("size"), int, f"{where}.size")
    return m


def _check_name(info: zipfile.ZipInfo, seen: set[str]) -> str:
    name = info.filename
    folded = name.casefold()
    mode = info.external_attr >> 16
    unsafe = (not name or name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/")
              or re.match(r"^[A-Za-z]:", name) is not None or "\x00" in name or info.is_dir()
              or stat.S_ISLNK(mode) or folded in seen)
    if unsafe or not (name in (MANIFEST, ASSESSMENT, REPORT) or _ATTACHMENT_NAME.match(name)):
        raise InputError("bundle_bad_name", None, name=name[:120])
    seen.add(folded)
    return name


def _limit(name: str) -> int:
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name in (ASSESSMENT, REPORT):
        return MAX_ASSESSMENT_BYTES
    return MAX_ATTACHMENT_BYTES


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    limit = min(_limit(info.filename), info.file_size)
    out = io.BytesIO()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > limit:
                raise InputError("bundle_too_large", None, name=info.filename, limit=limit)
    return out.getvalue()


def _load_json(data: bytes, name: str) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not_utf8", name) from None

    def reject(_: str) -> Any:
        raise InputError("not_finite", name)

    try:
        return json.loads(text, parse_constant=reject)
    except json.JSONDecodeError as exc:
        raise InputError("bad_json", name, line=exc.lineno, col=exc.colno, reason=exc.msg) from None
    except RecursionError:
        raise InputError("bad_json", name, line=0, col=0, reason="nested too deeply") from None


def read_bundle(data: bytes, label: str = "bundle") -> Bundle:
    """Check a bundle completely (see the module doc) and return its contents, or raise InputError."""
    if len(data) > MAX_TOTAL_BYTES:
        raise InputError("bundle_too_large", None, name=label, limit=MAX_TOTAL_BYTES)
    try:
        return _read(data, label)
    except AlAssessError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:  # what zipfile raises on a damaged or hostile file
        reason = str(exc) or type(exc).__name__
        raise InputError("bundle_not_zip", None, path=label, reason=reason[:200]) from None


def _read(data: bytes, label: str) -> Bundle:
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError("bundle_too_many", None, n=len(infos), limit=MAX_ENTRIES)
    seen: set[str] = set()
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = _check_name(info, seen)
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError("bundle_encrypted", None, name=name)
        if info.file_size > _limit(name):
            raise InputError("bundle_too_large", None, name=name, limit=_limit(name))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError("bundle_ratio", None, name=name, ratio=info.file_size // max(info.compress_size, 1))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError("bundle_too_large", None, name=label, limit=MAX_TOTAL_BYTES)
        by_name[name] = info
    for required in (MANIFEST, ASSESSMENT):
        if required not in by_name:
            raise InputError("bundle_missing_entry", None, name=required)
    manifest = _check_manifest(_load_json(_read_entry(zf, by_name[MANIFEST]), MANIFEST))
    listed = {}
    for e in manifest["entries"]:
        if e["name"] in listed or e["name"] == MANIFEST:
            raise InputError("bundle_bad_name", None, name=e["name"][:120])
        listed[e["name"]] = e
    for name in by_name:
        if name != MANIFEST and name not in listed:
            raise InputError("bundle_unlisted_entry", None, name=name)
    contents: dict[str, bytes] = {}
    for name, e in listed.items():
        if name not in by_name:
            raise InputError("bundle_missing_entry", None, name=name[:120])
        info = by_name[name]
        if info.file_size != e["size"]:
            raise InputError("bundle_hash_mismatch", None, name=name)
        body = _read_entry(zf, info)
        if len(body) != e["size"] or hashlib.sha256(body).hexdigest() != e["sha256"]:
            raise InputError("bundle_hash_mismatch", None, name=name)
        m = _ATTACHMENT_NAME.match(name)
        if m and m.group(1) != e["sha256"]:
            raise InputError("bundle_hash_mismatch", None, name=name)
        contents[name] = body
    doc = _load_json(contents[ASSESSMENT], ASSESSMENT)
    try:
        assessment = parse_assessment(doc)
    except InputError as exc:
        where = f"{ASSESSMENT}: {exc.field}" if exc.field else ASSESSMENT
        raise InputError(exc.key, where, **exc.params) from None
    blobs = {_ATTACHMENT_NAME.match(n).group(1): b for n, b in contents.items() if _ATTACHMENT_NAME.match(n)}
    for i, t in enumerate(manifest.get("attachments", [])):
        if t["sha256"] not in blobs:
            raise InputError("bundle_missing_entry", None, name=f"attachments/{t['sha256']}")
        if t["size"] != len(blobs[t["sha256"]]):
            raise InputError("bundle_hash_mismatch", None, name=f"attachments/{t['sha256']}")
        try:
            attachments.check_field(t["field"])
        except InputError:
            raise _bad_manifest(f"attachments[{i + 1}].field", "field", value=str(t["field"])[:40]) from None
    info = manifest["assessment"]
    if (info["period"] != assessment.period or info["sector"] != assessment.plant.sector
            or info["plant"] != assessment.plant.name
            or info.get("credit_code", "") != assessment.plant.credit_code):
        raise _bad_manifest("assessment", "differs")
    if content_digest(doc, info["status"], info["revision"], manifest.get("attachments", [])) != info["content_sha256"]:
        raise InputError("bundle_content_mismatch", None)
    if info["status"] == "signed" and REPORT not in contents:
        raise InputError("bundle_signed_without_report", None)
    return Bundle(manifest=manifest, assessment=assessment, assessment_doc=doc, blobs=blobs,
                  sha256=hashlib.sha256(data).hexdigest(), report_pdf=contents.get(REPORT))


# ---- writing ----------------------------------------------------------------------------------

def build_manifest(db: sqlite_utils.Database, assessment_id: int, doc: dict[str, Any], *, created: str,
                   created_by: str, application: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The manifest for an assessment (entries filled by the caller) and its attachment rows."""
    row = repo.get_row(db, assessment_id)
    a = parse_assessment(doc)
    atts = attachment_meta(db, assessment_id)
    digest = content_digest(doc, row.status, row.revision, atts)
    parent_rev = repo.get_row(db, row.parent_id).revision if row.parent_id else None
    history = sorted(set(known_digests(db, assessment_id)) | {digest})
    manifest = {
        "format": FORMAT, "version": VERSION, "created": created, "created_by": created_by,
        "application": application,
        "origin": {"database_id": database_id(db), "assessment_id": assessment_id},
        "assessment": {"plant": a.plant.name, "credit_code": a.plant.credit_code, "sector": a.plant.sector,
                       "period": a.period, "revision": row.revision, "parent_revision": parent_rev,
                       "status": row.status, "content_sha256": digest, "history": history},
        "entries": [], "attachments": atts, "audit_anchor": audit.anchor(db)}
    return manifest, atts


def _find_target(db: sqlite_utils.Database, b: Bundle) -> tuple[int | None, int | None]:
    plant_id = repo.find_plant(db, b.assessment.plant)
    if plant_id is None:
        return None, None
    row = db.execute("SELECT id FROM assessments WHERE plant_id = ? AND period = ? AND revision = ?",
                     [plant_id, b.assessment.period, b.info["revision"]]).fetchone()
    return plant_id, (row[0] if row else None)


def _write_content(db: sqlite_utils.Database, aid: int, plant_id: int, b: Bundle, *, who: str | None,
                   status: str) -> int:
    a = b.assessment
    folder = attachments.store_dir(db)
    repo.set_assessor(db, aid, a.assessor, who=who)
    repo.set_standards(db, aid, a.standards, who=who)
    repo.replace_values(db, aid, repo.stored_values(a), who=who)
    added = repo.merge_dross_records(db, plant_id, a.dross, who=who, source={"bundle": b.sha256})
    wanted = {(t["field"] or "", t["sha256"]): t for t in b.manifest.get("attachments", [])}
    for r in attachments.list_for(db, aid):
        if (r["field_id"] or "", r["sha256"]) not in wanted:
            attachments.remove(db, r["id"], who=who)
    for t in wanted.values():
        attachments.put_blob(folder, b.blobs[t["sha256"]])
        attachments._insert(db, aid, t["field"], t["file_name"], t["media_type"], t["size"], t["sha256"], who=who)
    current = repo.get_row(db, aid).status
    if status != current:
        repo.set_status(db, aid, status, who=who)
    return added


def _record_signed_report(db: sqlite_utils.Database, aid: int, b: Bundle) -> None:
    """A signed assessment arrives with its verified signed report: recorded as issued here too."""
    r = b.report
    if b.info["status"] != "signed" or r is None or b.report_pdf is None:
        return
    if db.execute("SELECT 1 FROM issued_reports WHERE report_id = ?", [r["report_id"]]).fetchone():
        return
    repo.insert_row(db, "issued_reports", {
        "assessment_id": aid, "report_id": r["report_id"], "pdf_sha256": hashlib.sha256(b.report_pdf).hexdigest(),
        "data_sha256": r["data_sha256"], "lang": r.get("lang", "zh"), "signed": 1, "signer": r["signer"],
        "signer_cert_sha256": r["signer_cert_sha256"], "created_at": repo.now()})
    db.execute("INSERT OR REPLACE INTO signed_report_pdfs (report_id, pdf) VALUES (?, ?)",
               [r["report_id"], b.report_pdf])


def _bundle_note(b: Bundle) -> str:
    return json.dumps({"bundle_sha256": b.sha256, "origin": b.manifest.get("origin", {}).get("database_id", ""),
                       "created": b.manifest.get("created"), "created_by": b.manifest.get("created_by", "")},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def apply(db: sqlite_utils.Database, b: Bundle, *, as_new_revision: bool = False,
          who: str | None = None) -> Outcome:
    """Import a checked bundle (one transaction); raises :class:`BundleConflict` and writes nothing
    when the assessment was changed on both sides."""
    info = b.info
    incoming = info["content_sha256"]
    history = set(info.get("history", [])) | {incoming}
    origin = b.manifest.get("origin", {}).get("database_id", "")
    with repo.transaction(db):
        plant_id, target = _find_target(db, b)
        if target is None:
            parent = None
            if plant_id is not None and info["revision"] > 1:
                found = db.execute("SELECT id FROM assessments WHERE plant_id = ? AND period = ? AND revision = ?",
                                   [plant_id, b.assessment.period, info["revision"] - 1]).fetchone()
                parent = found[0] if found else None
            plant_id = repo.upsert_plant(db, b.assessment.plant, who=who)
            aid = repo.create_assessment(db, plant_id, b.assessment.period, b.assessment.assessor,
                                         revision=info["revision"], parent_id=parent, who=who,
                                         standards=b.assessment.standards)
            added = _write_content(db, aid, plant_id, b, who=who, status=info["status"])
            _record_signed_report(db, aid, b)
            audit.record(db, aid, "@bundle", None, _bundle_note(b), who=who)
            record_exchange(db, aid, "import", incoming, bundle_sha256=b.sha256, origin=origin, who=who)
            return Outcome("created", aid, info["revision"], parent, added)
        here = current_digest(db, target)
        known = set(known_digests(db, target))
        row = repo.get_row(db, target)
        if here == incoming:
            added = repo.merge_dross_records(db, plant_id, b.assessment.dross, who=who, source={"bundle": b.sha256})
            if incoming not in known:
                record_exchange(db, target, "import", incoming, bundle_sha256=b.sha256, origin=origin, who=who)
            return Outcome("unchanged", target, row.revision, row.parent_id, added)
        if here in history and row.status != "signed":
            repo.upsert_plant(db, b.assessment.plant, who=who)
            added = _write_content(db, target, plant_id, b, who=who, status=info["status"])
            _record_signed_report(db, target, b)
            audit.record(db, target, "@bundle", None, _bundle_note(b), who=who)
            record_exchange(db, target, "import", incoming, bundle_sha256=b.sha256, origin=origin, who=who)
            return Outcome("updated", target, row.revision, row.parent_id, added)
        if incoming in known:
            return Outcome("stale", target, row.revision, row.parent_id)
        if not as_new_revision:
            if row.status == "signed":
                raise BundleConflict("bundle_signed_target", target)
            raise BundleConflict("bundle_conflict", target, plant=b.assessment.plant.name,
                                 period=b.assessment.period, revision=row.revision)
        newest = db.execute("SELECT max(revision) FROM assessments WHERE plant_id = ? AND period = ?",
                            [plant_id, b.assessment.period]).fetchone()[0]
        aid = repo.create_assessment(db, plant_id, b.assessment.period, b.assessment.assessor,
                                     revision=newest + 1, parent_id=target, who=who,
                                     standards=b.assessment.standards)
        added = _write_content(db, aid, plant_id, b, who=who, status="draft")
        audit.record(db, aid, "@bundle", None, _bundle_note(b), who=who)
        return Outcome("as_revision", aid, newest + 1, target, added)
