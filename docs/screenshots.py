"""Screenshots of the desktop application's main screens, taken offscreen on the demo database.

    python docs/screenshots.py [--out docs/screenshots] [--lang zh|en|both]

Everything happens in a temporary home folder (database, settings, signing identity), so the
user's own data are never touched. Writes welcome, main, dross, ledger, labels, report and verify PNGs
per language.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "screenshots")
    ap.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="alassess-shots-"))
    os.environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
                      ALASSESS_SETTINGS=str(home / "settings.ini"), QT_QPA_PLATFORM="offscreen")
    os.environ.pop("ALASSESS_LANG", None)
    langs = ["zh", "en"] if args.lang == "both" else [args.lang]
    for lang in langs:
        shoot(lang, home / lang, args.out)
    return 0


def shoot(lang: str, folder: Path, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from alassess.services import records
    from alassess.services import report as report_service
    from alassess.services.demo import create_demo
    from alassess.ui import i18n
    from alassess.ui.app import create_app
    from alassess.ui.main_window import MainWindow
    from alassess.ui.report_dialog import ReportDialog, VerifyDialog

    folder.mkdir(parents=True)
    create_app()
    i18n.install(lang)

    def settle() -> None:
        for _ in range(3):
            QApplication.processEvents()

    def save(widget, name: str) -> None:
        settle()
        path = out / f"{name}_{lang}.png"
        widget.grab().save(str(path))
        print(path)

    # welcome page: an empty database
    w = MainWindow(folder / "empty.db", lang)
    w.resize(1280, 800)
    w.show()
    save(w, "welcome")
    w.close()

    # the demo: electrolytic plant, 2025, indicators
    db = folder / "demo.db"
    create_demo(db)
    aid = next(r["id"] for r in records.overview(db) if r["sector"] == "electrolytic" and r["period"] == "2025")
    w = MainWindow(db, lang)
    w.resize(1440, 900)
    w.show()
    w.tree.select_assessment(aid)
    form = w.page.form
    form.setCurrentIndex(form.page_of("values.energy_output"))
    save(w, "main")
    form.setCurrentIndex(form.page_of("dross.production_t"))
    save(w, "dross")
    form.setCurrentWidget(form.ledger_page)
    save(w, "ledger")

    from alassess.ui.labels_dialog import LabelsDialog

    labels = LabelsDialog(db, w.session.info["plant_id"], lang, w)
    labels.resize(1120, 820)
    labels.show()
    save(labels, "labels")
    labels.close()

    # report dialog with an identity ready
    ident = folder / "data" / "identities"
    ident.mkdir(parents=True, exist_ok=True)
    name = "陈评估" if lang == "zh" else "Chen Pinggu"
    p12 = ident / "assessor.p12"
    report_service.create_identity(name, "重庆市循环经济评估中心", p12, b"demo passphrase")
    dlg = ReportDialog(db, w.session, lang, w)
    dlg.set_identity_path(p12)
    dlg.resize(1180, 820)
    dlg.show()
    dlg.wait_preview()
    save(dlg, "report")
    dlg.passphrase.setText("demo passphrase")
    signed = folder / "signed-report.pdf"
    dlg.out_path.setText(str(signed))
    dlg.save(sign=True)
    dlg.close()

    v = VerifyDialog(lang, w)
    v.resize(680, 600)
    v.show()
    v.verify(str(signed))
    save(v, "verify")
    v.close()
    w.close()


if __name__ == "__main__":
    sys.exit(main())
