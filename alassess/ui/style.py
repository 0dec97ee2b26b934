"""The application's look: one palette and one style sheet, a CJK font everywhere."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

ACCENT = "#1f6feb"
INK = "#1f2328"
MUTED = "#656d76"
BORDER = "#d0d7de"
SURFACE = "#f6f8fa"
ERROR = "#cf222e"
WARN = "#9a6700"
OK = "#1a7f37"

GRADE_COLOURS = {"5A": "#1a7f37", "4A": "#2da44e", "3A": "#bf8700", "none": "#8c959f"}
SEVERITY_COLOURS = {"critical": "#cf222e", "major": "#d1242f", "minor": "#bf8700", "warning": "#9a6700",
                    "info": "#656d76", "ok": "#1a7f37"}


def score_colour(score: float | None) -> QColor:
    if score is None:
        return QColor("#afb8c1")
    if score >= 90:
        return QColor("#2da44e")
    if score >= 80:
        return QColor("#4ac26b")
    if score >= 70:
        return QColor("#d4a72c")
    return QColor("#e16f24")


def display_path(path: object) -> str:
    """A path as the user reads it: the home folder shown as "~"."""
    p = Path(str(path))
    try:
        return "~/" + p.resolve().relative_to(Path.home().resolve()).as_posix()
    except (ValueError, OSError):
        return str(p)


_FONT_FAMILIES: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled Noto Sans SC so Chinese renders on any machine (and offscreen)."""
    if _FONT_FAMILIES:
        return _FONT_FAMILIES
    folder = resources.files("alassess.resources").joinpath("fonts")
    for name in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"):
        fid = QFontDatabase.addApplicationFont(str(folder.joinpath(name)))
        if fid >= 0:
            for fam in QFontDatabase.applicationFontFamilies(fid):
                if fam not in _FONT_FAMILIES:
                    _FONT_FAMILIES.append(fam)
    return _FONT_FAMILIES


STYLE = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog {{ background: #ffffff; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER}; spacing: 4px; padding: 4px 6px; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 5px; }}
QToolBar QToolButton:hover {{ background: #eaeef2; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; }}
QLineEdit, QComboBox, QPlainTextEdit, QSpinBox {{ border: 1px solid {BORDER}; border-radius: 5px; padding: 4px 6px;
    background: #ffffff; selection-background-color: {ACCENT}; }}
QLineEdit:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit[state="error"], QComboBox[state="error"] {{ border: 1px solid {ERROR}; background: #fff5f5; }}
QLineEdit[state="warning"] {{ border: 1px solid #d4a72c; background: #fffbeb; }}
QLineEdit:read-only {{ background: {SURFACE}; color: {MUTED}; }}
QTreeView {{ border: none; background: #ffffff; }}
QTreeView::item {{ padding: 3px 0; }}
QTreeView::item:selected {{ background: #ddf4ff; color: {INK}; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {BORDER}; }}
QTabBar::tab {{ padding: 6px 14px; border: none; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {INK}; border-bottom: 2px solid {ACCENT}; }}
QScrollArea {{ border: none; background: #ffffff; }}
QWidget#formPage, QWidget#resultsBody {{ background: #ffffff; }}
QWidget#resultsBody {{ background: {SURFACE}; }}
QFrame#card {{ background: #ffffff; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#demoBanner {{ background: #ddf4ff; border: none; border-bottom: 1px solid #54aeff; }}
QFrame#banner {{ background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; }}
QFrame#formRow {{ border: none; border-bottom: 1px solid #eaeef2; }}
QLabel#rowLabel {{ font-weight: 500; }}
QLabel#hint {{ color: {MUTED}; font-size: 11px; }}
QLabel#error {{ color: {ERROR}; font-size: 11px; }}
QLabel#warning {{ color: {WARN}; font-size: 11px; }}
QLabel#heading {{ font-size: 14px; font-weight: 600; padding-top: 10px; }}
QLabel#sectionIntro {{ color: {MUTED}; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#title {{ font-size: 18px; font-weight: 600; }}
QLabel#bigIndex {{ font-size: 34px; font-weight: 600; }}
QLabel#chip {{ border-radius: 9px; padding: 1px 8px; color: #ffffff; font-weight: 600; }}
QPushButton {{ border: 1px solid {BORDER}; border-radius: 5px; padding: 5px 12px; background: {SURFACE}; }}
QPushButton:hover {{ background: #eaeef2; }}
QPushButton#primary {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT}; }}
QPushButton:disabled {{ color: #8c959f; }}
QPushButton#segGood, QPushButton#segBad {{ border-radius: 0; padding: 3px 12px; min-width: 34px; }}
QPushButton#segBad:checked {{ background: {ERROR}; color: #ffffff; border-color: {ERROR}; }}
QPushButton#segGood:checked {{ background: {OK}; color: #ffffff; border-color: {OK}; }}
QPushButton#segGood:disabled:checked, QPushButton#segBad:disabled:checked {{
    background: #8c959f; border-color: #8c959f; }}
QWidget[yesno="true"]:focus {{ border: 1px solid {ACCENT}; border-radius: 5px; }}
QToolButton#formToggle {{ border: 1px solid {BORDER}; padding: 2px 8px; background: #ffffff; }}
QToolButton#formToggle:checked {{ background: #ddf4ff; border-color: {ACCENT}; color: {ACCENT}; }}
"""


def apply(app: QApplication) -> None:
    """Font, Fusion style and style sheet for the application (once: each change re-polishes every widget)."""
    if app.property("alassess_styled"):
        return
    app.setProperty("alassess_styled", True)
    families = load_fonts()
    font = QFont(app.font())
    if families:
        # the bundled Noto Sans SC first (it covers Latin and Chinese alike, so every machine shows the
        # same shapes and widths); the platform font after it as a fallback
        base = [f for f in QFont(app.font()).families() if f not in families]
        font.setFamilies(families[:1] + base[:1])
    font.setPointSizeF(max(font.pointSizeF(), 9.5))
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
