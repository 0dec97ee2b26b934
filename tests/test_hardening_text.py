"""Long free texts on labels, signs and reports: rendered in time linear in their length, capped
with a clear message (the attack: ``labels … --remarks`` with thousands of characters hung)."""

from __future__ import annotations

import time

import pytest
from conftest import make_doc

from alassess.cli import main
from alassess.domain.limits import LABEL_TEXT_MAX
from alassess.reports import fonts
from alassess.reports import labeltext as lt


@pytest.fixture
def label_file(write_doc, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return write_doc(make_doc("electrolytic"), "plant.json")


def _elapsed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def test_wrapping_is_linear_in_the_text_length():
    style = lt.Style(6.0)
    short = "备注文字，" * 400  # 2,000 characters
    long = short * 8  # 16,000 characters
    lt.wrap(short[:10], style, 120, 120)  # font loading outside the measurement
    t_short = min(_elapsed(lambda: lt.wrap(short, style, 120, 120)) for _ in range(3))
    t_long = min(_elapsed(lambda: lt.wrap(long, style, 120, 120)) for _ in range(3))
    # quadratic fitting made 8 times the text take ~64 times as long
    assert t_long < 20 * t_short + 0.05
    # a word longer than many lines is cut without re-measuring each piece
    word = "A" * 20000
    assert _elapsed(lambda: lt.wrap(word, style, 120, 120)) < 1.0
    lines = lt.wrap(word, style, 120, 120)
    assert "".join(lines) == word and all(lt.width(x, style) <= 120 + 1e-6 for x in lines)


def test_fit_is_linear():
    font = fonts.register_fonts()
    text = "很长的企业名称" * 20000
    assert _elapsed(lambda: fonts.fit(text, font, 9, 200)) < 1.0
    out = fonts.fit(text, font, 9, 200)
    assert out.endswith("…") and len(out) < 40


@pytest.mark.parametrize("n", [1000, 2000])
def test_long_remarks_are_refused_at_once_with_the_limit(label_file, tmp_path, capsys, n):
    out = tmp_path / "l.pdf"
    t = time.perf_counter()
    rc = main(["labels", str(label_file), "--out", str(out), "--no-persist", "--remarks", "备注" * (n // 2)])
    assert time.perf_counter() - t < 5
    assert rc == 2 and not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--remarks" in err[0] and f"at most {LABEL_TEXT_MAX}" in err[0]


def test_remarks_at_the_limit_render_in_time(label_file, tmp_path, capsys):
    out = tmp_path / "l.pdf"
    t = time.perf_counter()
    rc = main(["labels", str(label_file), "--out", str(out), "--no-persist", "--remarks", "备" * LABEL_TEXT_MAX])
    assert time.perf_counter() - t < 10
    assert rc == 0 and out.exists(), capsys.readouterr().err
