"""``alassess labels``: from a file and from the database, serials kept, bad input in one line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import VALID_CODE, make_doc
from labels_util import open_pdf, pdftext

from alassess.cli import main


@pytest.fixture
def label_file(write_doc):
    doc = make_doc("electrolytic")
    doc["plant"].update({"contact": "李四", "phone": "023-12345678"})
    return write_doc(doc, "plant.json")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """The default database lives in the user's data folder: keep it inside the test's folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


def codes_in(pdf: Path) -> list[str]:
    return re.findall(VALID_CODE + r"\d{19}", pdftext(pdf))


def test_file_mode_numbers_batches_in_the_given_database(label_file, tmp_path, capsys):
    db = tmp_path / "s.db"
    out1, out2 = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["labels", str(label_file), "--out", str(out1), "--db", str(db), "--count", "2",
                 "--date", "2025-03-01", "--weight-t", "0.9"]) == 0
    assert main(["labels", str(label_file), "--out", str(out2), "--db", str(db), "--count", "3",
                 "--date", "2025-03-01"]) == 0
    printed = capsys.readouterr().out
    assert "001–002" in printed and "003–005" in printed
    first = sorted(set(codes_in(out1)))
    second = sorted(set(codes_in(out2)))
    assert [c[-3:] for c in first] == ["001", "002"]
    assert [c[-3:] for c in second] == ["003", "004", "005"]
    assert all(c[18:34] == "3210244820250301" for c in first + second)


def test_file_mode_defaults_to_the_users_database(label_file, tmp_path, private_data_dir, capsys):
    out = tmp_path / "a.pdf"
    for _ in range(2):
        assert main(["labels", str(label_file), "--out", str(out), "--date", "2025-03-01"]) == 0
    assert codes_in(out)[0].endswith("002")  # the second batch continued the first
    assert list(private_data_dir.rglob("alassess.db"))


def test_no_persist_records_nothing_and_says_so(label_file, tmp_path, private_data_dir, capsys):
    out = tmp_path / "a.pdf"
    assert main(["labels", str(label_file), "--out", str(out), "--no-persist", "--first-serial", "41",
                 "--date", "2025-03-01"]) == 0
    assert codes_in(out)[0].endswith("041")
    assert "--no-persist" in capsys.readouterr().err
    assert not list(private_data_dir.rglob("alassess.db"))


def test_database_mode_and_signs(demo_db, tmp_path, capsys):
    import shutil

    from alassess.store.db import open_db

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_db(db)
    ids = {r["sector"]: r["id"] for r in conn.query("SELECT id, sector FROM plants")}
    conn.conn.close()
    out = tmp_path / "d.pdf"
    assert main(["labels", "--db", str(db), "--plant", str(ids["recycled"]), "--out", str(out), "--count", "2",
                 "--paper", "A3"]) == 0
    with open_pdf(out) as pdf:
        assert len(pdf.pages) == 1  # two labels on one A3 sheet
    assert "綦江再生铝业有限公司" in pdftext(out) and "321-026-48" in pdftext(out)
    for kind in ("warning", "zone", "facility"):
        assert main(["labels", "--db", str(db), "--plant", str(ids["processing"]), "--out", str(out),
                     "--kind", kind]) == 0
    code = main(["labels", "--db", str(db), "--plant", str(ids["alumina"]), "--out", str(out)])
    assert code == 2
    assert "alumina" in capsys.readouterr().err


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    env.pop("ALASSESS_LANG", None)
    return subprocess.run([sys.executable, "-m", "alassess", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("extra, words", [
    (["--date", "2025-02-30"], "date"),
    (["--count", "0"], "count"),
    (["--count", "1000"], "count"),
    (["--kind", "poster"], "poster"),
    (["--paper", "B5"], "paper"),
    (["--paper", "50x50mm"], "paper"),
    (["--weight-t", "-1"], "weight"),
    (["--label-size", "hj1276"], "container volume"),
    (["--label-size", "120x120mm"], "smaller"),
    (["--dross", "tertiary"], "tertiary"),
    (["--first-serial", "3"], "--no-persist"),
])
def test_bad_input_exits_2_with_one_line(label_file, tmp_path, extra, words):
    out = tmp_path / "x.pdf"
    r = run_cli("labels", str(label_file), "--out", str(out), "--db", str(tmp_path / "s.db"), *extra)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert words in lines[0]
    assert not out.exists()


def test_alumina_plant_and_missing_sources_exit_2(write_doc, tmp_path):
    alumina = write_doc(make_doc("alumina"), "alumina.json")
    r = run_cli("labels", str(alumina), "--out", str(tmp_path / "x.pdf"), "--no-persist")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "alumina" in r.stderr and "dross" in r.stderr
    r = run_cli("labels", "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "--plant" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run_cli("labels", str(tmp_path / "missing.json"), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_a_refused_batch_reserves_no_serial(label_file, tmp_path, capsys):
    db = tmp_path / "s.db"
    out = tmp_path / "a.pdf"
    assert main(["labels", str(label_file), "--out", str(out), "--db", str(db), "--date", "2025-03-01",
                 "--label-size", "200x200mm", "--precautions", "防潮" * 300]) == 2
    assert main(["labels", str(label_file), "--out", str(tmp_path / "dir" / "..", ), "--db", str(db),
                 "--date", "2025-03-01"]) == 2
    assert main(["labels", str(label_file), "--out", str(out), "--db", str(db), "--date", "2025-03-01"]) == 0
    assert codes_in(out)[0].endswith("001")


def test_chinese_messages(label_file, tmp_path):
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    env.pop("ALASSESS_LANG", None)
    r = subprocess.run([sys.executable, "-m", "alassess", "labels", str(label_file), "--out", str(tmp_path / "x.pdf"),
                        "--no-persist", "--count", "2", "--container-volume-l", "1000", "--lang", "zh"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "每个容器 2 张" in r.stdout and "请按实际尺寸（100%）打印" in r.stdout


def test_unusable_default_database_still_prints_and_says_so(label_file, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    out = tmp_path / "a.pdf"
    assert main(["labels", str(label_file), "--out", str(out), "--date", "2025-03-01"]) == 0
    assert "not recorded" in capsys.readouterr().err
    assert codes_in(out)[0].endswith("001")
    # an explicit database that cannot be opened is an error, in one line
    assert main(["labels", str(label_file), "--out", str(out), "--db", str(blocker / "s.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot open database" in err[0]
