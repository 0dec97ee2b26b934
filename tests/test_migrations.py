"""Schema migrations: a populated database of every schema version upgrades with its data intact.

The fixtures ``tests/fixtures/schema_v<N>.sql`` are made by ``tests/fixtures/make_fixtures.py``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from alassess.domain.errors import StateError
from alassess.store import audit, backup, migrations, repo
from alassess.store.db import open_db

FIXTURES = Path(__file__).with_name("fixtures")
VERSIONS = sorted(migrations.MIGRATIONS)
HINT = "run: python tests/fixtures/make_fixtures.py (or --all before a release, see its docstring)"


def load_fixture(version: int, path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"schema_v{version}.sql").read_text(encoding="utf-8"))
    conn.close()


def rows(path: Path) -> dict[str, list[dict]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for t in tables:
            try:
                out[t] = [dict(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid')]
            except sqlite3.OperationalError:  # a WITHOUT ROWID table: in primary-key order
                out[t] = [dict(r) for r in conn.execute(f'SELECT * FROM "{t}"')]
        return out
    finally:
        conn.close()


def schema(path: Path) -> set[tuple]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def test_every_schema_version_has_a_fixture():
    missing = [v for v in VERSIONS if not (FIXTURES / f"schema_v{v}.sql").exists()]
    assert not missing, f"no fixture for schema version(s) {missing}; {HINT}"


@pytest.mark.parametrize("version", VERSIONS)
def test_fixture_upgrades_to_the_latest_with_its_data_intact(version, tmp_path):
    if not (FIXTURES / f"schema_v{version}.sql").exists():
        pytest.fail(f"no fixture for schema version {version}; {HINT}")
    path = tmp_path / "old.db"
    load_fixture(version, path)
    before = rows(path)
    assert before["plants"] and before["field_values"], "the fixture holds data"
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest()
    db.conn.close()
    after = rows(path)
    for table, old_rows in before.items():
        assert table in after, f"table {table} vanished in the upgrade"
        if table == "store_meta":  # the log's head moves on when an upgrade logs (6: plant-level records)
            old_rows = [r for r in old_rows if r["key"] != audit.HEAD_KEY]
            after[table] = [r for r in after[table] if r["key"] != audit.HEAD_KEY]
        new_rows = after[table][: len(old_rows)]
        for old, new in zip(old_rows, new_rows, strict=True):
            assert {k: new[k] for k in old} == old, f"{table}: row changed by the upgrade"
    fresh = tmp_path / "fresh.db"
    open_db(fresh).conn.close()
    assert schema(path) == schema(fresh), f"the upgraded schema differs from a new database's; {HINT}"
    # a backup was taken before the upgrade, and it still has the old version
    kept = backup.list_backups(path)
    assert kept and sqlite3.connect(kept[0].path).execute("PRAGMA user_version").fetchone()[0] == version


@pytest.mark.parametrize("version", VERSIONS)
def test_upgraded_fixture_works_with_todays_code(version, tmp_path):
    path = tmp_path / "old.db"
    load_fixture(version, path)
    db = open_db(path)
    report = audit.verify(db)
    assert report.ok, [p.message() for p in report.problems]
    signed = repo.load_assessment(db, 1)
    assert float(signed.values["energy_output"]) == 0.56 and signed.values["env_performance_grade"] == "B"
    assert signed.dross["requirements"] == {"6.1.1": True}
    assert [e["movement"] for e in signed.dross["ledger"]] == ["generated", "transferred"]
    with pytest.raises(StateError):
        repo.set_value(db, 1, "energy_output", 0.6)
    repo.set_value(db, 2, "energy_output", 0.6, who="升级后")
    assert float(repo.get_values(db, 2)["energy_output"]) == 0.6
    assert audit.verify(db).ok


def test_fixture_generator_reproduces_version_1():
    """The generator reproduces the committed fixture of version 1 byte for byte: migration 1 and the
    data written at that version never change, so neither may its fixture."""
    sys.path.insert(0, str(FIXTURES))
    try:
        import make_fixtures
    finally:
        sys.path.remove(str(FIXTURES))
    v = VERSIONS[0]
    assert make_fixtures.build(v) == (FIXTURES / f"schema_v{v}.sql").read_text(encoding="utf-8")


def test_a_migration_landing_below_the_files_version_is_still_applied(tmp_path):
    """Numbers are taken per area: a file at version 5 made by a build without migration 4 gets 4
    (and everything after it) on its next open, with its data intact and the schema of a new file."""
    import sqlite_utils

    path = tmp_path / "gap.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    skipped = 4
    for v in sorted(x for x in migrations.MIGRATIONS if x <= 5 and x != skipped):
        migrations.MIGRATIONS[v](db)
        conn.execute(f"PRAGMA user_version = {v}")
    conn.execute("INSERT INTO plants (id, name, sector, created_at, updated_at) "
                 "VALUES (1, '缺号厂', 'recycled', 't', 't')")
    conn.close()
    db = open_db(path)
    assert migrations.pending(db) == []
    assert migrations.applied(db) == set(migrations.MIGRATIONS)
    assert db.execute("SELECT name FROM plants").fetchall() == [("缺号厂",)]
    assert audit.verify(db).ok
    db.conn.close()
    fresh = tmp_path / "fresh.db"
    open_db(fresh).conn.close()
    assert schema(path) == schema(fresh)


def test_applied_migrations_are_recorded_and_nothing_runs_twice(tmp_path):
    path = tmp_path / "new.db"
    db = open_db(path)
    assert migrations.applied(db) == set(migrations.MIGRATIONS)
    assert migrations.upgrade(db) == []
    db.conn.close()
