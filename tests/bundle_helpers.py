"""Helpers for bundle tests: build databases, take snapshots, rewrite bundles."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

from alassess.domain.assessment import parse_assessment
from alassess.store import attachments, repo
from alassess.store.db import open_db
from tests.conftest import make_doc

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20
LEDGER = [{"date": "2025-02-01", "code": "321-024-48", "kind": "primary", "movement": "generated",
           "quantity_t": 12.5, "container": "C-1"}]


def seed(db_path: Path, values: dict | None = None, *, photo: bool = True) -> int:
    """An electrolytic plant's 2025 assessment with a ledger entry and a photo."""
    db = open_db(db_path)
    doc = make_doc("electrolytic", values or {"energy_output": 0.56, "cell_current_ka": 400},
                   dross={"production_t": 100000, "ledger": LEDGER,
                          "receivers": [{"name": "持证单位", "licence_no": "L-1", "codes": ["321-024-48"],
                                         "valid_from": "2025-01-01", "valid_to": "2027-12-31"}],
                          "requirements": {"6.1.1": True}})
    aid, _ = repo.save_assessment(db, parse_assessment(doc))
    if photo:
        attachments.add(db, aid, "电表.jpg", PHOTO, field_id="energy_output")
    db.conn.close()
    return aid


def snapshot(db_path: Path) -> str:
    """Everything in the database and its attachment folder, as text (equal = unchanged)."""
    if not db_path.exists():
        return "<no database>"
    conn = sqlite3.connect(db_path)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    folder = db_path.parent / "attachments"
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
    return dump + "\n" + "\n".join(files)


def unpack(data: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(files.pop("manifest.json"))
    return manifest, files


def pack(manifest: dict | bytes | None, files: dict[str, bytes], *, fix_hashes: bool = False,
         infos: dict[str, zipfile.ZipInfo] | None = None) -> bytes:
    if fix_hashes and isinstance(manifest, dict):
        manifest["entries"] = [{"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                               for n, b in files.items()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if manifest is not None:
            body = manifest if isinstance(manifest, bytes) else json.dumps(manifest, ensure_ascii=False).encode()
            zf.writestr("manifest.json", body)
        for name, body in files.items():
            zf.writestr((infos or {}).get(name) or name, body)
    return buf.getvalue()
