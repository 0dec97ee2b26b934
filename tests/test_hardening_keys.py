"""Key policy: passphrases of at least 8 characters that are not trivially weak, PKCS#12 files with
600,000 PBKDF2-HMAC-SHA256 iterations (older files still read), private folders and log (the attack:
"1234" and four spaces were accepted, 20,000 iterations, identities/ and trusted/ 0755, log 0644)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import pkcs12 as asn1_p12
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from alassess.cli import main
from alassess.domain.errors import InputError
from alassess.signing import identities, trust

GOOD = b"kettle mosaic 29 lantern"


@pytest.mark.parametrize("weak", [b"1234", b"    ", b"        ", b"abc", b"12345678", b"87654321", b"abcdefgh",
                                  b"aaaaaaaaaa", b"12121212", b"password", b"Password1", b" qwertyuiop ",
                                  b"\xe7\x94\xb2" * 3])
def test_weak_passphrases_are_refused(tmp_path, weak):
    out = tmp_path / "x.p12"
    with pytest.raises(InputError) as e:
        identities.create_identity("X", "", out, weak)
    assert e.value.key in ("passphrase_too_short", "passphrase_too_weak")
    assert not out.exists()


def test_the_cli_refuses_a_four_character_passphrase_in_one_line(tmp_path, capsys):
    (tmp_path / "pw").write_text("1234\n", encoding="utf-8")
    rc = main(["identity", "create", "--name", "X", "--out", str(tmp_path / "x.p12"),
               "--passphrase-file", str(tmp_path / "pw")])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "8" in err[0] and not (tmp_path / "x.p12").exists()


def _iterations(data: bytes) -> tuple[int, list[int]]:
    """(MAC iterations, PBKDF2 iterations of each encrypted bag) of a PKCS#12 file."""
    pfx = asn1_p12.Pfx.load(data)
    mac = pfx["mac_data"]["iterations"].native
    kdf = []
    for ci in asn1_p12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native):
        if ci["content_type"].native == "encrypted_data":
            alg = ci["content"]["encrypted_content_info"]["content_encryption_algorithm"]
            kdf.append(alg["parameters"]["key_derivation_func"]["parameters"]["iteration_count"].native)
        else:
            for bag in asn1_p12.SafeContents.load(ci["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    alg = bag["bag_value"]["encryption_algorithm"]
                    kdf.append(alg["parameters"]["key_derivation_func"]["parameters"]["iteration_count"].native)
    return mac, kdf


def test_new_identities_use_600000_pbkdf2_iterations_and_old_files_still_load(tmp_path):
    out = tmp_path / "me.p12"
    identities.create_identity("Chen", "Office", out, GOOD)
    mac, kdf = _iterations(out.read_bytes())
    assert identities.PBKDF2_ITERATIONS == 600_000 and kdf and all(k == 600_000 for k in kdf)
    assert mac >= 2048  # the integrity MAC (HMAC-SHA256): cryptography's own count
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    ident = identities.load_identity(out, GOOD)
    # a file written the old way (cryptography's BestAvailableEncryption: 20,000 iterations) still opens
    old = pkcs12.serialize_key_and_certificates(b"Chen", ident.key, ident.cert, None,
                                                serialization.BestAvailableEncryption(b"1234"))
    assert set(_iterations(old)[1]) == {20_000}
    (tmp_path / "old.p12").write_bytes(old)
    assert identities.load_identity(tmp_path / "old.p12", b"1234").cert == ident.cert


def test_data_folders_and_the_error_log_are_private(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    monkeypatch.setattr(identities, "user_data_dir", lambda: data)
    monkeypatch.setattr(trust, "user_data_dir", lambda: data)
    # folders an older version left with the umask's 0755
    (data / "identities").mkdir(parents=True, mode=0o755)
    (data / "trusted").mkdir(mode=0o755)
    src = tmp_path / "ca.p12"
    identities.create_identity("Wang", "Office", src, GOOD)
    identities.import_identity(src, GOOD)
    trust.add_trusted(src, passphrase=GOOD)
    for sub in ("identities", "trusted"):
        assert stat.S_IMODE((data / sub).stat().st_mode) == 0o700, sub
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(identities, "user_data_dir", lambda: fresh)
    identities.create_identity("New", "", identities.identities_dir() / "new.p12", GOOD)
    assert stat.S_IMODE((fresh / "identities").stat().st_mode) == 0o700
    # the log (details of internal errors): 0600, in a folder made 0700; an older, wider file is narrowed
    home = tmp_path / "home"
    script = ("import logging; from alassess import logs; logs.configure('cli'); "
              "logging.getLogger('alassess.test').error('boom')")
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    log = home / "AlAssess" / "alassess.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    log.chmod(0o644)  # written by an older version
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and log.read_text().count("boom") == 2


def test_the_new_identity_dialog_refuses_a_weak_passphrase_at_the_field(app, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from alassess.ui.report_dialog import NewIdentityDialog

    folder = tmp_path / "identities"
    monkeypatch.setattr(identities, "identities_dir", lambda: folder)
    dlg = NewIdentityDialog("en")
    qtbot.addWidget(dlg)
    create = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Create")
    qtbot.keyClicks(dlg.name, "Chen")
    for weak in ("1234", "    ", "12345678"):
        dlg.pass1.clear()
        dlg.pass2.clear()
        qtbot.keyClicks(dlg.pass1, weak)
        qtbot.keyClicks(dlg.pass2, weak)
        qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
        assert dlg.result() == 0 and dlg.path is None
        assert "passphrase" in dlg.error.text()
        assert not folder.exists() or not list(folder.glob("*.p12"))
    dlg.pass1.clear()
    dlg.pass2.clear()
    qtbot.keyClicks(dlg.pass1, GOOD.decode())
    qtbot.keyClicks(dlg.pass2, GOOD.decode())
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    assert dlg.path and (folder / "Chen.p12").exists()
