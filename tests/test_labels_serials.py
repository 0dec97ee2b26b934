"""Label serials: consecutive within a batch, never issued twice, kept per unit, code and date."""

from __future__ import annotations

import threading

import pytest
from conftest import VALID_CODE

from alassess.domain.credit_code import complete
from alassess.domain.errors import InputError
from alassess.store import serials
from alassess.store.db import open_db, schema_version


def test_migration_3_creates_the_serial_tables(db_path):
    db = open_db(db_path)
    assert schema_version(db) >= 3
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"label_serials", "label_batches"} <= names


def test_batches_are_consecutive_and_never_overlap(db_path):
    db = open_db(db_path)
    a = serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 3)
    b = serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 5)
    assert list(a) == [1, 2, 3] and list(b) == [4, 5, 6, 7, 8]
    # another date, another code and another unit each start their own sequence
    assert list(serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-02", 1)) == [1]
    assert list(serials.allocate(db, VALID_CODE, "321-026-48", "2025-03-01", 1)) == [1]
    other = complete("91500000MA0000001")
    assert list(serials.allocate(db, other, "321-024-48", "2025-03-01", 2)) == [1, 2]
    assert serials.last_serial(db, VALID_CODE, "321-024-48", "2025-03-01") == 8
    log = serials.batches(db, VALID_CODE)
    assert [(r["first_serial"], r["last_serial"]) for r in log][-2:] == [(4, 8), (1, 3)]
    db.conn.close()
    # and they survive reopening the file
    db = open_db(db_path)
    assert list(serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 1)) == [9]


def test_the_999th_serial_is_the_last(db_path):
    db = open_db(db_path)
    serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 990)
    with pytest.raises(InputError) as e:
        serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 10)
    assert e.value.key == "labels_serials_exhausted"
    # a refused batch reserves nothing
    assert serials.last_serial(db, VALID_CODE, "321-024-48", "2025-03-01") == 990
    assert list(serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 9)) == list(range(991, 1000))


def test_two_writers_at_once_never_get_the_same_serial(db_path):
    open_db(db_path).conn.close()
    got: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        db = open_db(db_path)
        try:
            for _ in range(15):
                r = serials.allocate(db, VALID_CODE, "321-024-48", "2025-03-01", 2)
                with lock:
                    got.extend(r)
        finally:
            db.conn.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 91))
