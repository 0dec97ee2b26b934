"""Shared fixtures. Qt runs headless; every test gets its own temporary database."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ALASSESS_LANG", "en")
# The user's data directory (database, identities, trust list, the log): a folder of this test
# run, never the user's own (tests that need one of their own still set XDG_DATA_HOME).
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="alassess-tests-"))

from alassess.domain.credit_code import complete  # noqa: E402

pytest_plugins = ["tests.gui_fixtures"]  # fixtures of the desktop application's tests

ALL_REQS = ["req_legal_compliance", "req_metrology_system", "req_emissions_compliant",
            "req_cleaner_production_audit", "req_env_management_system", "req_complete_chain"]

VALID_CODE = complete("91500114MA60E0B20")


def make_doc(sector: str = "electrolytic", values: dict | None = None, reqs: bool = True, **extra) -> dict:
    doc = {"format": "alassess.assessment", "version": 1,
           "plant": {"name": "测试电解铝厂", "credit_code": VALID_CODE, "sector": sector, "region": "重庆市",
                     "key_region": False},
           "period": "2025", "assessor": {"name": "测试员", "organisation": "测试中心"},
           "values": dict(values or {})}
    if reqs and sector in ("alumina", "electrolytic"):
        for r in ALL_REQS:
            doc["values"].setdefault(r, True)
    doc.update(extra)
    return doc


@pytest.fixture
def doc_factory():
    return lambda *a, **k: copy.deepcopy(make_doc(*a, **k))


@pytest.fixture
def write_doc(tmp_path: Path):
    def write(doc: dict, name: str = "a.json") -> Path:
        p = tmp_path / name
        p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return p

    return write


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A demo database built once per session (treat as read-only; copy it to change it)."""
    from alassess.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path)
    return path
