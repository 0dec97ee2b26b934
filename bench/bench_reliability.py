"""Budgets (reliability issue): the cost of crash safety, the audit log, the check and backup on open,
``audit verify`` and a bundle round trip, on a large database (200 assessments, 50,000 ledger rows,
about 8,000 audit entries) and an assessment with 5 photos of 1 MB."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from common import Figure, time_call

from alassess.domain.assessment import Assessor, Plant
from alassess.domain.credit_code import complete
from alassess.services import audit as audit_service
from alassess.services import bundles
from alassess.store import attachments, backup, repo
from alassess.store import db as store_db
from alassess.store.db import open_db

VALUES = {"energy_output": Decimal("0.56"), "alumina_output": Decimal("0.52"), "water_output": Decimal("0.6"),
          "anode_output": Decimal("2.0"), "fluoride_output": Decimal("60"), "cell_current_ka": Decimal("400"),
          "solid_waste_utilization_pct": Decimal("40"), "ac_consumption_kwh_per_t": Decimal("13100"),
          "renewable_share_pct": Decimal("20"), "direct_alloying_pct": Decimal("85"),
          "clean_transport_pct": Decimal("70"), "req_legal_compliance": True, "req_metrology_system": True,
          "req_emissions_compliant": True, "req_cleaner_production_audit": True,
          "req_env_management_system": True, "req_complete_chain": True, "dross.production_t": Decimal("100000")}


def build_large(path: Path) -> None:
    rng = random.Random(7)
    db = open_db(path)
    with repo.transaction(db):
        for p in range(50):
            pid = repo.upsert_plant(db, Plant(name=f"基准电解铝厂 {p}", sector="electrolytic",
                                              credit_code=complete(f"91500114MA60E{p:04d}")))
            for year in range(2022, 2026):
                aid = repo.create_assessment(db, pid, str(year), Assessor("基准", "AlAssess"))
                for fid, v in VALUES.items():
                    repo.set_value(db, aid, fid, v)
            entries = [{"date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "code": "321-024-48",
                        "kind": "primary", "movement": "generated", "quantity_t": Decimal(rng.randint(1, 500)) / 10,
                        "container": f"C-{i}"} for i in range(1000)]
            repo.add_ledger_entries(db, pid, entries)
    db.conn.close()


def run() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big" / "big.db"
        build_large(big)
        size_mb = big.stat().st_size / 1e6
        os.environ["ALASSESS_BACKUP_KEEP"] = "0"  # time the check alone first
        store_db.forget(big)

        def first_open():
            store_db.forget(big)
            open_db(big).conn.close()

        t = time_call(first_open, repeat=5)
        figures.append(Figure("reliability: first open with damage check (large db)", t, 0.5, "s", "reliability",
                              f"{size_mb:.1f} MB; quick_check + connect + pragmas"))
        os.environ.pop("ALASSESS_BACKUP_KEEP")
        t = time_call(lambda: backup.make_backup(big, kind="auto", check=False), repeat=3)
        figures.append(Figure("reliability: rotating backup on open (large db)", t, 1.0, "s", "reliability",
                              f"{size_mb:.1f} MB through the backup API"))
        t = time_call(lambda: audit_service.verify(big), repeat=3)
        figures.append(Figure("reliability: audit verify (large db)", t, 3.0, "s", "reliability",
                              "hash chain + replay against every value"))
        db = open_db(big)
        times = []
        for i in range(50):
            t0 = time.perf_counter()
            repo.set_value(db, 1, "energy_output", Decimal("0.5") + Decimal(i) / 1000)
            times.append(time.perf_counter() - t0)
        db.conn.close()
        figures.append(Figure("reliability: one edit, durable and logged (large db)", statistics.median(times) * 1000,
                              50.0, "ms", "reliability", "own transaction, audit row, WAL fsync (synchronous=FULL)"))

        src = Path(tmp) / "src" / "s.db"
        dst = Path(tmp) / "dst" / "d.db"
        db = open_db(src)
        pid = repo.upsert_plant(db, Plant(name="交接测试厂", sector="electrolytic"))
        aid = repo.create_assessment(db, pid, "2025", Assessor("基准"))
        for fid, v in VALUES.items():
            repo.set_value(db, aid, fid, v)
        rng = random.Random(3)
        for i in range(5):
            attachments.add(db, aid, f"photo-{i}.jpg", b"\xff\xd8\xff" + rng.randbytes(1_000_000),
                            field_id="energy_output")
        db.conn.close()
        out = Path(tmp) / "b.alassess"

        def round_trip():
            bundles.export_bundle(src, aid, out)
            bundles.import_bundle(out, dst)

        t = time_call(round_trip, repeat=3)
        figures.append(Figure("reliability: bundle export + import (5 photos of 1 MB)", t, 2.0, "s", "reliability",
                              "hashes checked on both sides"))
    return figures
