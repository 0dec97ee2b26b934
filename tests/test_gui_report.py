"""The report dialog signs a report a second tool accepts; the verify dialog says plainly what it found."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from alassess.services import records
from alassess.services import report as report_service
from tests.gui_fixtures import find_assessment, open_assessment, open_window

PASS = "correct horse"


@pytest.fixture
def identities(tmp_path, monkeypatch):
    from alassess.signing import identities as ident

    folder = tmp_path / "identities"
    monkeypatch.setattr(ident, "identities_dir", lambda: folder)
    return folder


def _sign_to(dlg, p12, out) -> bool:
    """Sign and save the report to ``out`` with the identity made in ``signed_setup``."""
    dlg.set_identity_path(p12)
    dlg.passphrase.setText(PASS)
    dlg.out_path.setText(str(out))
    return dlg.save(sign=True)


@pytest.fixture
def signed_setup(app, qtbot, demo_copy, tmp_path, identities):
    from alassess.ui.report_dialog import NewIdentityDialog, ReportDialog

    w = open_window(qtbot, demo_copy)
    aid = find_assessment(demo_copy, "electrolytic", "2025")
    open_assessment(w, qtbot, aid)
    nd = NewIdentityDialog("en", w)
    nd.name.setText("陈评估")
    nd.organisation.setText("重庆市循环经济评估中心")
    nd.pass1.setText(PASS)
    nd.pass2.setText(PASS)
    nd.accept()
    assert nd.path and (identities / "陈评估.p12").exists()
    dlg = ReportDialog(demo_copy, w.session, "en", w)
    qtbot.addWidget(dlg)
    dlg.wait_preview()
    return w, dlg, nd.path, aid


def test_report_dialog_previews_signs_and_locks(signed_setup, qtbot, tmp_path, demo_copy):
    w, dlg, p12, aid = signed_setup
    assert dlg.pdf is not None and dlg.pdf.startswith(b"%PDF") and dlg.page_count >= 2
    assert dlg.identity.findData(p12) >= 0
    dlg.set_identity_path(p12)
    out = tmp_path / "signed.pdf"
    dlg.out_path.setText(str(out))
    dlg.passphrase.setText("wrong passphrase")
    assert not dlg.save(sign=True)
    assert "wrong passphrase" in dlg.result.text() and not out.exists()
    dlg.passphrase.setText(PASS)
    assert dlg.save(sign=True)
    assert dlg.signed and "陈评估" in dlg.result.text()
    assert dlg.passphrase.text() == ""  # never kept
    result = report_service.verify_pdf(out)
    assert result.ok and result.signer == "陈评估"
    if shutil.which("pdfsig"):
        text = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in text
    # the stored assessment is now signed: the window reopens it read-only
    dlg.accept()
    w.session.reload()
    w._build_page()
    assert w.session.readonly and w.page.form.editor_for("values.cell_current_ka").isReadOnly()
    assert [r["status"] for r in records.overview(demo_copy) if r["id"] == aid] == ["signed"]
    w.close()


def test_unsigned_report_and_the_verify_dialog(signed_setup, qtbot, tmp_path):
    from alassess.ui.report_dialog import VerifyDialog

    w, dlg, p12, _aid = signed_setup
    unsigned = tmp_path / "unsigned.pdf"
    dlg.out_path.setText(str(unsigned))
    assert dlg.save(sign=False) and unsigned.exists() and not dlg.signed
    signed = tmp_path / "signed.pdf"
    assert _sign_to(dlg, p12, signed)

    v = VerifyDialog("en", w)
    qtbot.addWidget(v)
    v.verify(str(signed))
    assert "Valid: the report is intact and signed" in v.headline.text()
    assert "陈评估" in v.details.text() and v.save_data_button.isEnabled()
    v.verify(str(unsigned))
    assert "NOT valid" in v.headline.text() and "not signed" in v.details.text()
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed.read_bytes())
    i = data.index(b"/Producer")
    data[i + 12] = (data[i + 12] + 1) % 256
    tampered.write_bytes(bytes(data))
    v.verify(str(tampered))
    assert "NOT valid" in v.headline.text()
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello")
    v.verify(str(not_pdf))
    assert "Cannot read this file" in v.headline.text()
    w.close()


def test_preview_saved_and_signed_reports_carry_one_report_id(signed_setup, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    w, dlg, p12, _aid = signed_setup
    preview = dlg.built
    assert preview is not None and preview.pdf == dlg.pdf
    unsigned = tmp_path / "unsigned.pdf"
    dlg.out_path.setText(str(unsigned))
    qtbot.mouseClick(dlg.save_unsigned_button, Qt.MouseButton.LeftButton)
    assert unsigned.read_bytes() == preview.pdf and preview.report_id in dlg.result.text()
    signed = tmp_path / "signed.pdf"
    dlg.set_identity_path(p12)
    dlg.out_path.setText(str(signed))
    qtbot.keyClicks(dlg.passphrase, PASS)
    qtbot.mouseClick(dlg.sign_button, Qt.MouseButton.LeftButton)
    assert dlg.signed and preview.report_id in dlg.result.text()
    result = report_service.verify_pdf(signed)
    assert result.ok and result.report_id == preview.report_id
    assert signed.read_bytes().startswith(preview.pdf)
    w.close()


def test_verify_dialog_accepts_a_dropped_file(app, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from alassess.ui.report_dialog import VerifyDialog

    v = VerifyDialog("en")
    qtbot.addWidget(v)
    f = tmp_path / "dropped.pdf"
    f.write_bytes(b"%PDF-1.7\n%%EOF\n")
    seen = []
    v.drop.dropped.connect(seen.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    ev = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    v.drop.dropEvent(ev)
    assert seen == [str(f)]
    assert "✗" in v.headline.text()  # verified, and not valid: an empty PDF is no signed report


def test_trust_the_signer_from_the_verify_dialog(signed_setup, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from alassess.signing import trust
    from alassess.ui.report_dialog import VerifyDialog

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the trust list of this test only
    w, dlg, p12, _aid = signed_setup
    signed = tmp_path / "signed.pdf"
    assert _sign_to(dlg, p12, signed)
    v = VerifyDialog("en", w)
    qtbot.addWidget(v)
    v.show()
    v.verify(str(signed))
    assert "not in the trust list" in v.details.text() and v.trust_button.isVisible()
    asked = []

    def answer(choice):
        def ask(_parent, _title, text, *_a):
            asked.append(text)
            return choice
        return ask

    # the user looks at the fingerprint and cancels: nothing is trusted
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    v.trust_button.click()
    assert trust.list_trusted() == [] and v.trust_button.isVisible()
    fp = asked[0].split("(SHA-256):\n")[1].split("\n")[0]
    assert len(fp.replace(" ", "")) == 64 and fp in v.details.text()
    # … and then confirms: the report shows as trusted, the button goes away
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    v.trust_button.click()
    assert [c.sha256.upper() for c in trust.list_trusted()] == [fp.replace(" ", "")]
    assert "Signer's certificate trusted</td><td>yes" in v.details.text()
    assert not v.trust_button.isVisible()
    w.close()
