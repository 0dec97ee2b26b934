"""A signed report as the office receives it: a second tool accepts it, any change is caught, the
data inside comes back out unchanged, and bad input is one readable line (exit 2)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alassess import standards
from alassess.cli import main
from alassess.signing.verify import verify_pdf
from tests.conftest import make_doc

PASS = "an office passphrase 42"
VALUES = {"energy_consumption_kgce_per_t": 1680, "alumina_output": 0.52, "water_output": 0.64,
          "anode_output": 2.02, "fluoride_output": 58, "solid_waste_utilization_pct": 71}

needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
needs_pdfdetach = pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler's pdfdetach is not installed")


def cli(*args: object, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it (its own data and log folders under ``home``)."""
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CONFIG_HOME": str(home / "config"), "HOME": str(home), "ALASSESS_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "alassess", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """One signed report made through the command line, reused by the tests of this module."""
    home = tmp_path_factory.mktemp("office")
    (home / "pw").write_text(PASS + "\n", encoding="utf-8")
    src = home / "assessment.json"
    # a file that names its editions of the reference data is embedded byte for byte
    doc = make_doc("electrolytic", VALUES, standards=standards.current_ids())
    src.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    r = cli("identity", "create", "--name", "陈评估", "--organisation", "评估中心", "--out", home / "me.p12",
            "--passphrase-file", home / "pw", home=home)
    assert r.returncode == 0, r.stderr
    out = home / "report.pdf"
    r = cli("report", src, "--out", out, "--sign", "--identity", home / "me.p12", "--passphrase-file", home / "pw",
            home=home)
    assert r.returncode == 0, r.stderr
    return {"home": home, "src": src, "pdf": out, "stdout": r.stdout}


def signed_ranges(pdf: bytes) -> list[tuple[int, int]]:
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, d = map(int, m.groups())
    return [(a, a + b), (c, c + d)]


@needs_pdfsig
def test_pdfsig_accepts_the_signature(signed):
    r = subprocess.run(["pdfsig", str(signed["pdf"])], capture_output=True, text=True)
    assert "Signature is Valid" in r.stdout, r.stdout + r.stderr
    assert "ETSI.CAdES.detached" in r.stdout
    assert "Total document signed" in r.stdout


@needs_pdfdetach
def test_pdfdetach_lists_and_saves_the_assessment_data(signed, tmp_path):
    r = subprocess.run(["pdfdetach", "-list", str(signed["pdf"])], capture_output=True, text=True)
    assert r.returncode == 0 and "assessment.json" in r.stdout
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(signed["pdf"])], check=True)
    assert (tmp_path / "assessment.json").read_bytes() == signed["src"].read_bytes()


def test_verify_reports_signer_time_trust_and_data(signed, tmp_path, capsys):
    home = signed["home"]
    out = tmp_path / "back.json"
    assert main(["verify", str(signed["pdf"]), "--json", "--extract", str(out), "--trust-dir", str(tmp_path / "t")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    d = json.loads(captured.out)
    assert d["ok"] and d["intact"] and d["valid"] and d["covers_whole_file"]
    assert d["signer"] == "陈评估" and d["signer_organisation"] == "评估中心"
    assert d["signing_time"] and d["subfilter"] == "ETSI.CAdES.detached"
    assert d["trusted"] is False  # a fresh self-signed identity: valid, but not in the trust list yet
    assert d["data_matches"] is True and d["data_hash"] == d["printed_hash"]
    # the extracted data is the source file, byte for byte, and imports into a database
    assert out.read_bytes() == signed["src"].read_bytes()
    assert d["data_hash"] in signed["stdout"]
    assert main(["import", str(out), "--db", str(tmp_path / "office.db")]) == 0
    # the office trusts the assessor's certificate: now trusted
    assert main(["identity", "trust", str(home / "me.p12"), "--passphrase-file", str(home / "pw"),
                 "--trust-dir", str(tmp_path / "t")]) == 0
    capsys.readouterr()
    assert main(["verify", str(signed["pdf"]), "--json", "--trust-dir", str(tmp_path / "t"), "--require-trusted"]) == 0
    assert json.loads(capsys.readouterr().out)["trusted"] is True


def test_verify_text_output_in_chinese(signed, capsys):
    assert main(["--lang", "zh", "verify", str(signed["pdf"])]) == 0
    out = capsys.readouterr().out
    assert "签名有效" in out and "陈评估" in out and "证书受信任：否" in out


def test_one_changed_byte_anywhere_in_the_signed_range_is_rejected(signed, tmp_path):
    pdf = signed["pdf"].read_bytes()
    (a0, a1), (b0, b1) = signed_ranges(pdf)
    title = pdf.index(b"/Title")  # a byte of the document information, well inside the first range
    positions = [title + 9, (a0 + a1) // 3, (a0 + a1) // 2, a1 - 40, b0 + 10, (b0 + b1) // 2, b1 - 30, 3]
    for pos in positions:
        bad = bytearray(pdf)
        bad[pos] = bad[pos] ^ 0x01
        p = tmp_path / f"changed-{pos}.pdf"
        p.write_bytes(bytes(bad))
        res = verify_pdf(p)
        assert not res.ok, pos
        code = main(["verify", str(p)])
        assert code == 1, pos
        if shutil.which("pdfsig") and pos == title + 9:
            r = subprocess.run(["pdfsig", str(p)], capture_output=True, text=True)
            assert "Signature is Valid" not in r.stdout
            assert "Digest Mismatch" in r.stdout or "Invalid" in r.stdout or "invalid" in r.stdout.lower(), r.stdout


def test_content_added_after_signing_is_reported(signed, tmp_path):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(signed["pdf"].read_bytes()))
    info = w.trailer["/Info"].get_object()
    info[generic.NameObject("/Title")] = generic.TextStringObject("a changed title")
    w.update_container(info)
    out = BytesIO()
    w.write(out)
    res = verify_pdf(out.getvalue())
    assert res.intact and res.valid  # the signed revision itself is untouched …
    assert not res.covers_whole_file and not res.ok  # … but the file was changed after signing


def test_unsigned_report_is_not_ok(tmp_path, write_doc):
    src = write_doc(make_doc("electrolytic", VALUES))
    assert main(["report", str(src), "--out", str(tmp_path / "u.pdf")]) == 0
    res = verify_pdf(tmp_path / "u.pdf")
    assert not res.signed and not res.ok and res.data_matches is True
    assert main(["verify", str(tmp_path / "u.pdf"), "--extract", str(tmp_path / "x.json")]) == 3  # not signed
    assert not (tmp_path / "x.json").exists()  # nothing is extracted from a report that does not verify


@pytest.mark.parametrize("make", ["missing", "directory", "text", "empty", "truncated_header"])
def test_unreadable_pdf_is_one_line_exit_2(make, tmp_path, capsys):
    p = tmp_path / "x.pdf"
    if make == "directory":
        p.mkdir()
    elif make == "text":
        p.write_text("hello, this is not a report\n")
    elif make == "empty":
        p.write_bytes(b"")
    elif make == "truncated_header":
        p.write_bytes(b"%PDF-1.7\n")
    assert main(["verify", str(p)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unreadable_pdf_whole_process(signed, tmp_path):
    (tmp_path / "x.pdf").write_text("hello, this is not a report\n")
    r = cli("verify", tmp_path / "x.pdf", home=signed["home"])
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_wrong_passphrase_or_missing_identity_is_one_line_exit_2(signed, tmp_path, capsys):
    home = signed["home"]
    (tmp_path / "bad").write_text("not the passphrase\n")
    for args in (["--identity", home / "me.p12", "--passphrase-file", tmp_path / "bad"],
                 ["--identity", tmp_path / "nobody.p12", "--passphrase-file", home / "pw"],
                 ["--identity", home / "me.p12", "--passphrase-file", tmp_path / "no-such-file"],
                 ["--identity", signed["src"], "--passphrase-file", home / "pw"],
                 []):
        code = main(["report", str(signed["src"]), "--out", str(tmp_path / "r.pdf"), "--sign", *map(str, args)])
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        assert not (tmp_path / "r.pdf").exists()
    # and as a whole process
    r = cli("report", signed["src"], "--out", tmp_path / "r.pdf", "--sign", "--identity", home / "me.p12",
            "--passphrase-file", tmp_path / "bad", home=home)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "passphrase" in r.stderr and not (tmp_path / "r.pdf").exists()


def test_passphrase_is_never_stored_or_logged(signed, tmp_path, monkeypatch, capsys):
    """After identity creation, signing, a failed run and a verification, the passphrase appears in
    no file the application wrote: not the identity, not the report, not a log, not the database."""
    home = signed["home"]
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(var, str(home / sub))
    db = tmp_path / "d.db"
    assert main(["import", str(signed["src"]), "--db", str(db)]) == 0
    assert main(["report", "--db", str(db), "--assessment", "1", "--out", str(tmp_path / "r.pdf"), "--sign",
                 "--identity", str(home / "me.p12"), "--passphrase-file", str(home / "pw")]) == 0
    (tmp_path / "bad").write_text("the wrong one\n")
    assert main(["report", "--db", str(db), "--assessment", "1", "--out", str(tmp_path / "x.pdf"), "--sign",
                 "--identity", str(home / "me.p12"), "--passphrase-file", str(tmp_path / "bad")]) == 2
    assert main(["verify", str(tmp_path / "r.pdf")]) == 0
    # an unexpected failure while signing is logged (with its traceback) — without the passphrase
    from alassess.services import report as svc

    def broken(*_a, **_k):
        raise RuntimeError("simulated failure inside signing")

    monkeypatch.setattr(svc, "sign_report", broken)
    assert main(["report", str(signed["src"]), "--out", str(tmp_path / "y.pdf"), "--sign",
                 "--identity", str(home / "me.p12"), "--passphrase-file", str(home / "pw")]) == 1
    logs = list((home / "data").rglob("*.log"))  # alassess.log, in the data directory with the database
    assert logs and "simulated failure inside signing" in logs[0].read_text(encoding="utf-8")
    out = capsys.readouterr()
    secret = PASS.encode()
    written = [p for root in (home, tmp_path) for p in root.rglob("*") if p.is_file() and p.name not in ("pw", "bad")]
    assert any(p.suffix == ".db" for p in written) and any(p.suffix == ".p12" for p in written)
    for p in written:
        assert secret not in p.read_bytes(), p
    assert PASS not in out.out and PASS not in out.err


def test_trust_the_signer_of_a_verified_report(signed, tmp_path, capsys):
    trust_dir = tmp_path / "trusted"
    assert main(["verify", str(signed["pdf"]), "--trust-dir", str(trust_dir)]) == 0
    out = capsys.readouterr().out
    fp = re.search(r"certificate SHA-256 fingerprint: ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})", out).group(1)
    assert "--from-report" in out
    # the fingerprint printed when the identity was made is the one the verifier sees
    r = cli("identity", "create", "--name", "x", "--out", tmp_path / "other.p12", "--passphrase-file",
            signed["home"] / "pw", home=tmp_path)
    assert re.search(r"fingerprint: (?:[0-9A-F]{4} ){15}[0-9A-F]{4}", r.stdout), r.stdout
    assert main(["identity", "trust", "--from-report", str(signed["pdf"]), "--trust-dir", str(trust_dir)]) == 0
    assert fp in capsys.readouterr().out
    assert main(["verify", str(signed["pdf"]), "--require-trusted", "--trust-dir", str(trust_dir)]) == 0
    capsys.readouterr()


def test_the_signer_of_a_changed_report_cannot_be_trusted(signed, tmp_path, capsys):
    data = bytearray(signed["pdf"].read_bytes())
    i = data.index(b"/Producer")
    data[i + 12] = (data[i + 12] + 1) % 256
    bad = tmp_path / "changed.pdf"
    bad.write_bytes(bytes(data))
    trust_dir = tmp_path / "trusted"
    assert main(["identity", "trust", "--from-report", str(bad), "--trust-dir", str(trust_dir)]) == 2
    err = capsys.readouterr().err
    assert "cannot trust the signer" in err and len(err.strip().splitlines()) == 1
    assert not trust_dir.exists() or not any(trust_dir.iterdir())
    # one source, not none and not two
    assert main(["identity", "trust", "--trust-dir", str(trust_dir)]) == 2
    assert "one of them" in capsys.readouterr().err
