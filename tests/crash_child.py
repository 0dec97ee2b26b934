"""The process the kill test kills: applies edits through the store and acknowledges each.

    python tests/crash_child.py DB FIRST_EDIT_NUMBER

Opens the database (creating it and its assessment on the first run), prints ``READY <id>``, then
forever: edit number n sets a numeric field to n (through the field's own validation and
``repo.set_value``, one transaction each) — every seventh edit attaches a small file instead —
and prints ``ACK n field value`` only after the commit returned. The parent SIGKILLs it at random.
"""

from __future__ import annotations

import sys

from alassess.domain.assessment import Assessor, Plant
from alassess.domain.fields import get as field
from alassess.store import attachments, repo
from alassess.store.db import open_db

FIELDS = ("cell_current_ka", "ac_consumption_kwh_per_t", "dross.production_t", "energy_consumption_kgce_per_t")


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    db = open_db(path)
    with repo.transaction(db):
        pid = repo.upsert_plant(db, Plant(name="断电测试铝厂", sector="electrolytic"))
        row = repo.find_assessment(db, pid, "2025")
        aid = row.id if row else repo.create_assessment(db, pid, "2025", Assessor("断电测试"), who="child")
    print(f"READY {aid}", flush=True)
    out = sys.stdout
    while True:
        if n % 7 == 6:
            att = attachments.add(db, aid, f"evidence-{n}.txt", f"evidence {n}\n".encode(), who="child")
            out.write(f"ACK {n} @attachment {att}\n")
        else:
            fid = FIELDS[n % len(FIELDS)]
            value = n + 1 if fid.startswith("dross.") else field(fid).parse(str(n + 1))
            repo.set_value(db, aid, fid, value, who="child")
            out.write(f"ACK {n} {fid} {repo.encode(value)}\n")
        out.flush()
        n += 1


if __name__ == "__main__":
    main()
