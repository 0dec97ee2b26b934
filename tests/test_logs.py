"""One log: a rotating ``alassess.log`` (0600) in the user's data directory, written by the CLI and
the GUI; what the user is not shown in full is there with its traceback; passphrases never are."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from alassess import logs
from alassess.cli import main

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield tmp_path / "data" / "AlAssess"
    logs.configure("test")  # the next tests log to their own data directory, not to this one


def _log_text(folder: Path) -> str:
    return (folder / "alassess.log").read_text(encoding="utf-8")


def test_an_internal_error_is_one_line_naming_the_log_which_holds_the_traceback(data_home, tmp_path, capsys,
                                                                                 monkeypatch):
    from alassess.services import records

    def broken(_path):
        raise RuntimeError("the index is upside down")

    monkeypatch.setattr(records, "overview", broken)
    assert main(["list", "--db", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    log = data_home / "alassess.log"
    assert err == [f"internal error: RuntimeError: the index is upside down (details written to {log})"]
    text = _log_text(data_home)
    assert "Traceback (most recent call last)" in text and "RuntimeError: the index is upside down" in text
    assert "internal error in alassess" in text and " cli " in text
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(log).st_mode) == 0o600


def test_a_passphrase_given_to_a_command_never_reaches_the_log(data_home, tmp_path, capsys, monkeypatch):
    from alassess.signing import identities

    pw_file = tmp_path / "pw.txt"
    pw_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    def leaky(name, organisation, out, passphrase, **_kw):  # a failure whose text carries the secret
        raise RuntimeError(f"cannot protect the key with {passphrase!r} (passphrase={passphrase.decode()})")

    monkeypatch.setattr(identities, "create_identity", leaky)
    code = main(["identity", "create", "--name", "Test", "--out", str(tmp_path / "id.p12"),
                 "--passphrase-file", str(pw_file)])
    assert code == 1
    capsys.readouterr()
    text = _log_text(data_home)
    assert "RuntimeError: cannot protect the key with" in text  # the error is there …
    assert PASSPHRASE not in text and "horse" not in text       # … its secret is not
    assert "passphrase=***" in text


def test_secrets_in_messages_arguments_and_keys_are_masked(data_home):
    logs.configure("test")
    log = logging.getLogger("alassess.test")
    log.warning("opening with password=%s", "hunter22")
    log.warning("key follows:\n-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----")
    for h in logging.getLogger().handlers:
        h.flush()
    text = _log_text(data_home)
    assert "hunter22" not in text and "password=***" in text
    assert "MIIEv" not in text and "PRIVATE KEY ***" in text


def test_the_gui_started_from_the_cli_logs_as_the_gui(data_home):
    logs.configure("cli")
    logs.configure("gui")
    logging.getLogger("alassess.ui.test").warning("from the window")
    for h in logging.getLogger().handlers:
        h.flush()
    assert " gui alassess.ui.test " in _log_text(data_home)


def test_the_rotated_files_stay_private(tmp_path):
    handler = logs.PrivateRotatingFileHandler(tmp_path / "a.log", maxBytes=200, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    for n in range(20):
        handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, f"line {n} " + "x" * 40, None, None))
    handler.close()
    files = sorted(tmp_path.glob("a.log*"))
    assert [f.name for f in files] == ["a.log", "a.log.1", "a.log.2"]
    if sys.platform != "win32":
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}


def test_a_failed_autosave_is_logged_and_the_dialog_names_the_log(window, qtbot, demo_copy, data_home,
                                                                   monkeypatch):
    from decimal import Decimal

    from PySide6.QtWidgets import QMessageBox

    from alassess.services.editing import Editor
    from tests.gui_fixtures import find_assessment, open_assessment, retype, stored_values

    logs.configure("gui")  # as the application's start does
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))

    def disk_gone(self, aid, values):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Editor, "set_values", disk_gone)
    aid = find_assessment(demo_copy, "alumina", "2025")
    form = open_assessment(window, qtbot, aid)
    before = stored_values(demo_copy, aid).get("red_mud_utilization_pct")
    retype(qtbot, form.editor_for("values.red_mud_utilization_pct"), "55")
    window.saver.flush()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    log = data_home / "alassess.log"
    assert str(log) in shown[0] and "Input/output error" in shown[0]
    assert window.save_label.text() == "Not saved"
    text = _log_text(data_home)
    assert "saving failed" in text and "Traceback (most recent call last)" in text
    assert "OSError: [Errno 5] Input/output error" in text and " gui " in text
    assert stored_values(demo_copy, aid).get("red_mud_utilization_pct") == before != Decimal(55)


def test_help_about_names_the_log_file(window, qtbot, data_home, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    help_menu = window.menuBar().actions()[-1].menu()
    about = next(a for a in help_menu.actions() if a.text() == "About AlAssess")
    about.trigger()
    assert shown and f"Log file: {data_home / 'alassess.log'}" in shown[0]
