"""The packaged application (PyInstaller one-folder bundle) starts and does the day's work.

Builds the bundle from ``packaging/alassess.spec`` into a temporary folder, then runs the bundled
``alassess`` on the demo data: score, labels and a signed report that pdfsig accepts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("pyinstaller")
    proc = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                           str(ROOT / "packaging" / "alassess.spec")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    exe = work / "dist" / "AlAssess" / ("alassess.exe" if sys.platform == "win32" else "alassess")
    assert exe.exists()
    return exe


def run(exe: Path, *args: object, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "ALASSESS_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(exe), *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_the_bundle_scores_prints_labels_and_signs_a_report_on_the_demo(bundle: Path, tmp_path: Path):
    assert run(bundle, "--version", cwd=tmp_path).stdout.startswith("alassess ")
    db = tmp_path / "demo.db"
    r = run(bundle, "demo", "--db", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = json.loads(run(bundle, "list", "--db", db, "--json", cwd=tmp_path).stdout)
    electrolytic = [x for x in rows if x["sector"] == "electrolytic" and x["period"] == "2025"][0]
    aid = electrolytic["id"]
    # score
    assert run(bundle, "export", "--db", db, "--assessment", aid, "--out", "a.json", cwd=tmp_path).returncode == 0
    r = run(bundle, "score", "a.json", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["circular_economy"]["grade"] == electrolytic["grade"]
    assert result["dross"]["code"] == "321-024-48"
    # labels (the bundled font and data files are found inside the bundle)
    r = run(bundle, "labels", "a.json", "--out", "labels.pdf", "--count", "2", "--no-persist", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF")
    # a signed report
    (tmp_path / "pw").write_text("bundle-passphrase\n", encoding="utf-8")
    r = run(bundle, "identity", "create", "--name", "Bundle Tester", "--organisation", "AlAssess",
            "--out", "me.p12", "--passphrase-file", "pw", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(bundle, "report", "--db", db, "--assessment", aid, "--out", "r.pdf", "--sign",
            "--identity", "me.p12", "--passphrase-file", "pw", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert run(bundle, "verify", "r.pdf", cwd=tmp_path).returncode == 0
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", str(tmp_path / "r.pdf")], capture_output=True, text=True).stdout
        assert "Signature is Valid" in out
    # the desktop application starts from the bundle (Qt plugins, translations and fonts inside it)
    env_gui = {"ALASSESS_EXIT_WHEN_SHOWN": "1", "ALASSESS_STARTUP_FILE": str(tmp_path / "shown.json")}
    r = subprocess.run([str(bundle), "gui", "--db", str(db)], cwd=tmp_path, capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", **env_gui},
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "shown.json").read_text(encoding="utf-8"))["title"].startswith("AlAssess")
    # bad input from the bundle: one line, exit 2, no traceback
    r = run(bundle, "score", "missing.json", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
