"""Translations: the .ts source lists every text of the code, and the committed .qm matches it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "alassess_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr.get("type") in ("vanished", "obsolete"):
                continue
            text = tr.text if m.get("numerus") != "yes" else tr.find("numerusform").text
            out[(name, m.find("source").text)] = text
    return out


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    return str(path) if path.exists() else (shutil.which(name) or pytest.skip(f"{name} not installed"))


def test_every_text_of_the_code_is_in_the_ts_and_translated(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "alassess" / "ui").glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-locations", "none"],
                   check=True, capture_output=True)
    wanted = set(_messages(fresh))
    have = _messages(TS)
    missing = sorted(wanted - set(have))
    assert not missing, f"run pyside6-lupdate and translate: {missing[:5]}"
    untranslated = [k for k, v in have.items() if k in wanted and not v]
    assert not untranslated, untranslated[:5]


def test_the_committed_qm_holds_the_ts_translations(app):
    from PySide6.QtCore import QTranslator

    t = QTranslator()
    assert t.load(str(QM))
    for (ctx, src), zh in _messages(TS).items():
        n = 1 if "%n" in src else -1
        got = t.translate(ctx, src, None, n)
        assert got == zh.replace("%n", "%n"), (ctx, src, got)


def test_chinese_is_chosen_from_the_locale(app, monkeypatch):
    from alassess.ui.app import choose_lang

    monkeypatch.delenv("ALASSESS_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert choose_lang(None) == "zh"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert choose_lang(None) == "en"
