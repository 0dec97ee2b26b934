"""Property tests (hypothesis, 1,000 examples each, derandomised): whatever comes in, the answer is a
result or a clear :class:`AlAssessError` — never another exception — and a rejected bundle leaves
the target database exactly as it was.

Covered: number normalisation, the assessment parser and file loader, the bundle importer.
"""

from __future__ import annotations

import copy
import hashlib
import json
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alassess.domain.assessment import Assessment, parse_assessment
from alassess.domain.errors import AlAssessError
from alassess.domain.numbers import MAX_EXPONENT, parse_number
from alassess.services import bundles
from alassess.services.files import load_assessment_file
from alassess.store.bundle import Outcome
from tests.bundle_helpers import pack, seed, unpack
from tests.conftest import make_doc

FUZZ = settings(max_examples=1000, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

NUMBERISH = "0123456789０１２３４５６７８９.,，．。、%％+-－−eE ＿\u3000\u00a0_ab∞"

json_scalars = (st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
                | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
                | st.text(alphabet=NUMBERISH, max_size=20))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=8)


# ---- number normalisation -------------------------------------------------------------------------

@FUZZ
@given(raw=st.one_of(st.text(alphabet=NUMBERISH, max_size=30), st.text(max_size=30), st.floats(),
                     st.integers(), st.decimals(), st.fractions(), st.booleans(), st.none(), st.binary(max_size=8),
                     st.lists(st.integers(), max_size=2)),
       percent=st.booleans())
def test_parse_number_gives_a_finite_decimal_or_a_clear_error(raw, percent):
    try:
        value = parse_number(raw, "field", percent=percent, unit="t")
    except AlAssessError as exc:
        assert exc.message("zh") and exc.message("en")
        return
    assert value is None or (isinstance(value, Decimal) and value.is_finite())
    if value:
        assert -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT
        Fraction(value)  # exact arithmetic on it stays cheap


@FUZZ
@given(n=st.integers(min_value=0, max_value=10**12), cents=st.integers(min_value=0, max_value=99),
       full_width=st.booleans(), pct=st.booleans())
def test_what_people_type_parses_to_the_number_they_meant(n, cents, full_width, pct):
    text = f"{n:,}.{cents:02d}" + ("%" if pct else "")
    if full_width:
        text = text.translate({ord(c): ord(c) - ord("0") + ord("０") for c in "0123456789"})
        text = text.replace(",", "，").replace("%", "％")
    assert parse_number(f" {text} ", "f", percent=True) == Decimal(n) + Decimal(cents) / 100


# ---- the assessment parser and file loader ----------------------------------------------------------

FULL_DOC = make_doc("electrolytic", {"energy_output": 0.56, "cell_current_ka": 400, "env_performance_grade": "A",
                                     "new_or_expansion_project": False},
                    dross={"production_t": 100000, "self_utilization": True, "primary_generated_t": 1200,
                           "requirements": {"6.1.1": True, "6.1.5": False},
                           "receivers": [{"name": "持证单位", "licence_no": "L-1", "codes": ["321-024-48"],
                                          "valid_from": "2025-01-01", "valid_to": "2027-12-31"}],
                           "ledger": [{"date": "2025-03-02", "code": "321-024-48", "kind": "primary",
                                       "movement": "generated", "quantity_t": 12.5, "container": "C-001"}]})


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, (*prefix, i))


def _mutate(doc, data):
    """Apply 1–3 random edits (replace, delete, add an unknown key) at random places of ``doc``."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        paths = list(_paths(doc))
        path = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if action == "replace":
                doc = data.draw(json_values)
            continue
        parent = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
        except (KeyError, IndexError, TypeError):
            continue
        last = path[-1]
        if action == "replace":
            parent[last] = data.draw(json_values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8))] = data.draw(json_values)
    return doc


@FUZZ
@given(data=st.data())
def test_parse_assessment_on_mutated_documents(data):
    doc = _mutate(FULL_DOC, data)
    try:
        a = parse_assessment(doc)
    except AlAssessError as exc:
        assert exc.message("zh") and exc.message("en")
        return
    assert isinstance(a, Assessment)


documents = st.fixed_dictionaries(
    {"format": st.just("alassess.assessment"), "version": st.just(1)},
    optional={"plant": st.fixed_dictionaries({}, optional={k: json_scalars for k in ("name", "credit_code", "sector",
                                                                                      "region", "key_region")}),
              "period": json_scalars, "assessor": json_values,
              "values": st.dictionaries(st.sampled_from(sorted(FULL_DOC["values"]) + ["anode_output", "x"]),
                                        json_scalars, max_size=6),
              "dross": json_values})


@FUZZ
@given(doc=st.one_of(json_values, documents))
def test_parse_assessment_on_random_values(doc):
    try:
        parse_assessment(doc)
    except AlAssessError as exc:
        assert exc.message("zh") and exc.message("en")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


VALID_BYTES = json.dumps(FULL_DOC, ensure_ascii=False).encode("utf-8")


@FUZZ
@given(data=st.data())
def test_file_loader_on_random_and_damaged_bytes(scratch, data):
    kind = data.draw(st.sampled_from(["random", "flip", "cut", "splice"]))
    if kind == "random":
        raw = data.draw(st.binary(max_size=300))
    else:
        raw = bytearray(VALID_BYTES)
        if kind == "flip":
            for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
                i = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
                raw[i] = data.draw(st.integers(min_value=0, max_value=255))
        elif kind == "cut":
            raw = raw[: data.draw(st.integers(min_value=0, max_value=len(raw)))]
        else:
            i = data.draw(st.integers(min_value=0, max_value=len(raw)))
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=20))
        raw = bytes(raw)
    path = scratch / "fuzz.json"
    path.write_bytes(raw)
    try:
        load_assessment_file(path)
    except AlAssessError as exc:
        assert exc.message("zh") and exc.message("en")


# ---- the bundle importer ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundle-fuzz")
    source = root / "source" / "s.db"
    aid = seed(source)
    good = root / "good.alassess"
    bundles.export_bundle(source, aid, good)
    target = root / "target" / "t.db"
    seed(target, {"energy_output": 0.4}, photo=False)  # the same plant and period, other values: a conflict
    return {"good": good.read_bytes(), "target": target, "file": root / "fuzz.alassess"}


def _file_state(db_path) -> bytes:
    """The bytes of the database file, its WAL and the attachment folder's listing: stricter than a
    logical comparison (any committed change shows) and much cheaper, for 2,000 examples."""
    h = hashlib.sha256()
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        h.update(p.read_bytes() if p.exists() else b"-")
    folder = db_path.parent / "attachments"
    h.update(repr(sorted(folder.rglob("*")) if folder.exists() else []).encode())
    return h.digest()


def _import_and_check(env, data: bytes) -> None:
    env["file"].write_bytes(data)
    before = env.get("state") or _file_state(env["target"])
    try:
        outcome = bundles.import_bundle(env["file"], env["target"])
    except AlAssessError as exc:
        assert exc.message("zh") and exc.message("en")
        env["state"] = _file_state(env["target"])
        assert env["state"] == before, "a rejected bundle changed the database"
        return
    assert isinstance(outcome, Outcome)
    env["state"] = _file_state(env["target"])


@FUZZ
@given(data=st.data())
def test_bundle_import_on_damaged_zips(bundle_env, data):
    raw = bytearray(bundle_env["good"])
    kind = data.draw(st.sampled_from(["random", "flip", "cut", "splice"]))
    if kind == "random":
        raw = bytearray(data.draw(st.binary(max_size=400)))
    elif kind == "flip":
        for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
            i = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
            raw[i] = data.draw(st.integers(min_value=0, max_value=255))
    elif kind == "cut":
        raw = raw[: data.draw(st.integers(min_value=0, max_value=len(raw)))]
    else:
        i = data.draw(st.integers(min_value=0, max_value=len(raw)))
        raw[i:i] = data.draw(st.binary(min_size=1, max_size=40))
    _import_and_check(bundle_env, bytes(raw))


@FUZZ
@given(data=st.data())
def test_bundle_import_on_mutated_contents(bundle_env, data):
    """Well-formed zips whose manifest or assessment file were changed (entry hashes kept right, so
    the checks behind the hash check are reached too)."""
    manifest, files = unpack(bundle_env["good"])
    target = data.draw(st.sampled_from(["manifest", "assessment", "names"]))
    if target == "manifest":
        manifest = _mutate(manifest, data)
    elif target == "assessment":
        files["assessment.json"] = json.dumps(_mutate(json.loads(files["assessment.json"]), data),
                                              ensure_ascii=False).encode()
    else:
        name = data.draw(st.sampled_from(sorted(files)))
        new = data.draw(st.text(max_size=40) | st.sampled_from(["../a", "/abs", "attachments/x/../../y",
                                                                "C:\\w", "attachments/" + "0" * 64]))
        assume(new)
        files[new] = files.pop(name)
    fix = data.draw(st.booleans())
    try:
        raw = pack(manifest if isinstance(manifest, dict) else json.dumps(manifest).encode(), files, fix_hashes=fix)
    except (ValueError, IndexError, UnicodeEncodeError, zipfile.BadZipFile):
        assume(False)  # zipfile itself cannot write that name (e.g. "\x00"): nothing to import
    _import_and_check(bundle_env, raw)
