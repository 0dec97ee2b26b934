"""The live results panel: index, grade, indicator bars, the gap to the next grade, findings.

It shows the result dict of :func:`alassess.services.scoring.evaluate` (the ``score --json``
object) as it is — it never computes a score — and the findings of the evaluation it was built
from, as the domain worded and graded them (most serious first) — it never classifies one. Bars are painted: each indicator's value as a share
of its benchmark, the industry survey's range (min–max) as a band and its average as a tick.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from alassess.domain import fields as _fields
from alassess.domain.clauses import clause_text
from alassess.domain.evaluation import Evaluation
from alassess.domain.findings import by_severity
from alassess.ui import style

SCALE_MAX = 1.2  # bars run from 0 to 120 % of the benchmark


def _fmt(v: float | None, places: int = 4) -> str:
    if v is None:
        return "—"
    text = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def _row_key(ind: dict[str, Any]) -> tuple[Any, ...]:
    """What a bar row shows: the row is repainted only when this changes."""
    s = ind.get("survey") or {}
    return (ind.get("id"), ind.get("value"), ind.get("benchmark"), ind.get("score"), ind.get("note"),
            s.get("min"), s.get("max"), s.get("avg"))


class IndicatorBars(QWidget):
    """One painted row per indicator: label, value / benchmark, score, bar with the survey band."""

    ROW_H = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicators: list[dict[str, Any]] = []
        self.lang = "en"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._rows: dict[int, tuple[tuple[Any, ...], QPixmap]] = {}

    def set_data(self, indicators: list[dict[str, Any]], lang: str) -> None:
        """Show these indicators. Only the rows whose figures changed are repainted (one per keystroke)."""
        old, old_lang = self.indicators, self.lang
        self.indicators = indicators
        self.lang = lang
        if len(old) != len(indicators) or old_lang != lang:
            self.setFixedHeight(max(1, len(indicators)) * self.ROW_H + 6)
            self.update()
            return
        for i, (a, b) in enumerate(zip(old, indicators, strict=True)):
            if _row_key(a) != _row_key(b):
                self.update(0, i * self.ROW_H, self.width(), self.ROW_H + 4)

    def sizeHint(self) -> QSize:
        return QSize(320, len(self.indicators) * self.ROW_H + 6)

    def row_at(self, y: float) -> dict[str, Any] | None:
        i = int(y // self.ROW_H)
        return self.indicators[i] if 0 <= i < len(self.indicators) else None

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        ind = self.row_at(ev.position().y())
        self.setToolTip(self.tooltip_for(ind) if ind else "")

    def tooltip_for(self, ind: dict[str, Any]) -> str:
        f = _fields.get(ind["id"])
        s = ind.get("survey") or {}
        lines = [f.label(self.lang),
                 self.tr("Benchmark %1 %2").replace("%1", _fmt(ind["benchmark"])).replace("%2", f.unit),
                 self.tr("Industry survey: average %1, min %2, max %3").replace("%1", _fmt(s.get("avg")))
                 .replace("%2", _fmt(s.get("min"))).replace("%3", _fmt(s.get("max"))),
                 clause_text(f.source, self.lang)]
        if ind.get("note"):
            lines.append(ind["note"])
        return "\n".join(lines)

    def paintEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        """Rows are drawn once into pixmaps and reused until their figures, the width or the language change."""
        p = QPainter(self)
        w, dpr = self.width(), self.devicePixelRatioF()
        clip = ev.rect()
        for i, ind in enumerate(self.indicators):
            top = i * self.ROW_H
            if top > clip.bottom() or top + self.ROW_H + 4 < clip.top():
                continue
            key = (_row_key(ind), w, dpr, self.lang, self.font().key())
            cached = self._rows.get(i)
            if cached is None or cached[0] != key:
                pm = QPixmap(int(w * dpr), int((self.ROW_H + 4) * dpr))
                pm.setDevicePixelRatio(dpr)
                pm.fill(Qt.GlobalColor.transparent)
                rp = QPainter(pm)
                rp.setRenderHint(QPainter.RenderHint.Antialiasing)
                self._paint_row(rp, ind, w)
                rp.end()
                cached = (key, pm)
                self._rows[i] = cached
            p.drawPixmap(0, top, cached[1])
        for i in [k for k in self._rows if k >= len(self.indicators)]:
            del self._rows[i]
        p.end()

    def _paint_row(self, p: QPainter, ind: dict[str, Any], w: int) -> None:
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.9)
        bold = QFont(self.font())
        bold.setBold(True)
        top = 2
        f = _fields.get(ind["id"])
        value, bm, score = ind.get("value"), ind.get("benchmark") or 0, ind.get("score")
        # first line: label left, value / benchmark and score right
        p.setFont(self.font())
        p.setPen(QColor(style.INK))
        right = f"{_fmt(score, 1) if value is not None else '—'}"
        p.setFont(bold)
        rw = p.fontMetrics().horizontalAdvance("100.0") + 4
        p.drawText(QRectF(w - rw, top, rw, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        p.setFont(small)
        p.setPen(QColor(style.MUTED))
        missing = self.tr("missing")
        vb = f"{_fmt(value) if value is not None else missing} / {_fmt(bm)} {f.unit}"
        vbw = p.fontMetrics().horizontalAdvance(vb) + 8
        p.drawText(QRectF(w - rw - vbw, top, vbw, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, vb)
        p.setFont(self.font())
        p.setPen(QColor(style.INK))
        label = p.fontMetrics().elidedText(f.label(self.lang), Qt.TextElideMode.ElideRight, int(w - rw - vbw - 4))
        p.drawText(QRectF(0, top, w - rw - vbw, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        # the bar
        bar = QRectF(0, top + 24, w - 2, 12)
        scale = bar.width() / SCALE_MAX

        def x_of(v: float | None, _bar=bar, _scale=scale, _bm=bm) -> float:
            if v is None or not _bm:
                return _bar.left()
            return _bar.left() + min(max(v / _bm, 0.0), SCALE_MAX) * _scale

        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#eef1f4"))
        p.drawRoundedRect(bar, 3, 3)
        s = ind.get("survey") or {}
        if s.get("min") is not None and s.get("max") is not None:
            x0, x1 = x_of(s["min"]), x_of(s["max"])
            p.setBrush(QColor("#d8dee4"))
            p.drawRect(QRectF(x0, bar.top() + 1, max(x1 - x0, 2), bar.height() - 2))
        if value is not None:
            p.setBrush(style.score_colour(score))
            fill = QRectF(bar.left(), bar.top() + 3, max(x_of(value) - bar.left(), 2), bar.height() - 6)
            p.drawRoundedRect(fill, 2, 2)
        else:
            pen = QPen(QColor("#afb8c1"))
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(bar.adjusted(1, 1, -1, -1), 3, 3)
            p.setPen(Qt.PenStyle.NoPen)
        if s.get("avg") is not None:
            xa = x_of(s["avg"])
            p.setPen(QPen(QColor("#57606a"), 1.5))
            p.drawLine(QPointF(xa, bar.top() - 1), QPointF(xa, bar.bottom() + 1))
        xb = x_of(bm)
        p.setPen(QPen(QColor(style.INK), 2))
        p.drawLine(QPointF(xb, bar.top() - 3), QPointF(xb, bar.bottom() + 3))


class Legend(QWidget):
    """Value, survey range, survey average, benchmark — wrapping onto a second line when narrow."""

    LINE_H = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, str]] = []
        self.setFixedHeight(self.LINE_H)

    def set_texts(self, value: str, band: str, avg: str, bench: str) -> None:
        self.items = [("value", value), ("band", band), ("avg", avg), ("bench", bench)]
        self._relayout()

    def _font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(self.font().pointSizeF() * 0.85)
        return f

    def _positions(self, width: int) -> list[tuple[float, float]]:
        fm = QFontMetricsF(self._font())
        out, x, line = [], 0.0, 0
        for _kind, text in self.items:
            w = 18 + fm.horizontalAdvance(text) + 14
            if x > 0 and x + w > width:
                x, line = 0.0, line + 1
            out.append((x, line * self.LINE_H))
            x += w
        return out

    def _relayout(self) -> None:
        pos = self._positions(max(self.width(), 200))
        lines = 1 + int(max((y for _x, y in pos), default=0) // self.LINE_H)
        self.setFixedHeight(lines * self.LINE_H)
        self.update()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._relayout()

    def paintEvent(self, _ev) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self._font())
        for (kind, text), (x, top) in zip(self.items, self._positions(self.width()), strict=True):
            y = top + self.LINE_H / 2
            if kind == "value":
                p.fillRect(QRectF(x, y - 4, 14, 8), QBrush(style.score_colour(95)))
            elif kind == "band":
                p.fillRect(QRectF(x, y - 5, 14, 10), QBrush(QColor("#d8dee4")))
            elif kind == "avg":
                p.setPen(QPen(QColor("#57606a"), 1.5))
                p.drawLine(QPointF(x + 7, y - 6), QPointF(x + 7, y + 6))
            else:
                p.setPen(QPen(QColor(style.INK), 2))
                p.drawLine(QPointF(x + 7, y - 7), QPointF(x + 7, y + 7))
            p.setPen(QColor(style.MUTED))
            tw = p.fontMetrics().horizontalAdvance(text)
            p.drawText(QRectF(x + 18, top, tw + 2, self.LINE_H), Qt.AlignmentFlag.AlignVCenter, text)
        p.end()


class StableLabel(QLabel):
    """A label whose text changes at every keystroke without laying out the whole panel again.

    A QLabel asks its parent for a new layout whenever its text changes, and the results panel then
    lays out and repaints every card. This one has a fixed size: the width follows its card (see
    :class:`_FitWidth`) and the height is set again only when the new text needs more or less room.
    """

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        if text == self.text():
            return
        super().setText(text)
        self.fit()

    def fit(self, width: int | None = None) -> bool:
        """Fix the size for this width (or the current one); whether it changed."""
        changed = False
        if width is not None and width != self.maximumWidth():
            self.setFixedWidth(width)
            changed = True
        w = self.maximumWidth() if self.maximumWidth() < 16777215 else self.width()
        h = self._needed_height(w)
        if h != self.maximumHeight():
            self.setFixedHeight(max(h, 0))
            changed = True
        return changed

    def _needed_height(self, width: int) -> int:
        """The height the text needs at this width. A QLabel's own size hints never go below its minimum
        size, so a hidden twin (same name, so the same style; not in any layout) measures it."""
        probe = getattr(self, "_probe", None)
        if probe is None:
            probe = self._probe = QLabel(self)
            probe.hide()
        probe.setObjectName(self.objectName())
        probe.setWordWrap(self.wordWrap())
        probe.setTextFormat(self.textFormat())
        probe.setText(self.text())
        probe.ensurePolished()
        return probe.heightForWidth(width) if self.wordWrap() else probe.sizeHint().height()


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    lay = QVBoxLayout(card)
    lay.setContentsMargins(14, 12, 14, 12)
    lay.setSpacing(6)
    return card, lay


def _label(text: str = "", name: str | None = None, wrap: bool = True, stable: bool = False) -> QLabel:
    lab = StableLabel(text) if stable else QLabel(text)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def _title(text: str) -> QLabel:
    """A card's heading (no space above it: the card has its margin)."""
    lab = _label(text, "heading")
    lab.setStyleSheet("padding-top: 0")
    return lab


def _text_card(title: str) -> tuple[QFrame, QLabel]:
    """A card with a heading and one rich-text label below it."""
    card, lay = _card()
    text = _label("")
    text.setTextFormat(Qt.TextFormat.RichText)
    lay.addWidget(_title(title))
    lay.addWidget(text)
    return card, text


class ResultsPanel(QScrollArea):
    """Shows a scoring result; :meth:`show_result` is called after every accepted keystroke."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWidgetResizable(True)
        self.setMinimumWidth(340)
        body = QWidget()
        body.setObjectName("resultsBody")
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(12)

        # the score card follows every keystroke: its labels keep their size (StableLabel)
        self.score_card, sl = _card()
        self.score_title = _label(self.tr("Circular-economy index"), "muted")
        self.index_label = _label("—", "bigIndex", wrap=False, stable=True)
        self.grade_chip = QLabel("")
        self.grade_chip.setObjectName("chip")
        self.grade_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade_text = _label("", stable=True)
        self.requirements_label = _label("", stable=True)
        sl.addWidget(self.score_title)
        sl.addWidget(self.index_label)
        sl.addWidget(self.grade_chip, 0, Qt.AlignmentFlag.AlignLeft)
        sl.addWidget(self.grade_text)
        sl.addWidget(self.requirements_label)
        lay.addWidget(self.score_card)

        self.bars_card, bl = _card()
        self.bars_title = _title(self.tr("Indicators against their benchmarks"))
        self.legend = Legend()
        self.legend.set_texts(self.tr("value"), self.tr("survey range"), self.tr("survey average"),
                              self.tr("benchmark"))
        self.bars = IndicatorBars()
        bl.addWidget(self.bars_title)
        bl.addWidget(self.legend)
        bl.addWidget(self.bars)
        lay.addWidget(self.bars_card)

        self.gap_card, self.gap_label = _text_card(self.tr("Gap to the next grade"))
        lay.addWidget(self.gap_card)
        self.modules_card, self.modules_label = _text_card(self.tr("Other modules"))
        lay.addWidget(self.modules_card)
        self.modules_card.hide()
        self.findings_card, self.findings_label = _text_card(self.tr("Findings"))
        lay.addWidget(self.findings_card)
        lay.addStretch(1)
        self.result: dict[str, Any] | None = None
        self.evaluation: Evaluation | None = None
        self._pending_text: tuple[dict[str, Any] | None, str | None] = (None, None)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(150)
        self._text_timer.timeout.connect(self._show_text)

    def viewportEvent(self, ev) -> bool:  # noqa: N802 - Qt naming
        """The score card's labels take the width the panel gives the card (never the other way round)."""
        if ev.type() == QEvent.Type.Resize:
            self._fit_labels(ev.size().width())
        return super().viewportEvent(ev)

    def _fit_labels(self, viewport_width: int) -> None:
        body = self.widget().layout().contentsMargins()
        card = self.score_card.layout().contentsMargins()
        frame = self.score_card.width() - self.score_card.contentsRect().width()
        width = viewport_width - body.left() - body.right() - card.left() - card.right() - frame
        changed = False
        for lab in (self.index_label, self.grade_text, self.requirements_label):
            changed |= lab.fit(max(width, 50))
        if changed:  # the body may have kept the width the labels had: lay it out again (once, later)
            QTimer.singleShot(0, lambda: self.setWidgetResizable(True))

    # ---- showing a result ---------------------------------------------------------------------

    def show_result(self, result: dict[str, Any] | None, error: str | None = None, *, typing: bool = False,
                    evaluation: Evaluation | None = None) -> None:
        """Show a result (``evaluation``: the evaluation ``result`` was made from, whose findings are
        listed). While the user types, the score card and the bars follow each keystroke and the text
        cards (gap, other modules, findings) follow once the typing pauses (~0.15 s)."""
        self.result = result
        self.evaluation = evaluation
        self._pending_text = (result, error)
        if typing:
            self._show_numbers(result)
            self._text_timer.start()
            return
        self._text_timer.stop()
        self._show_numbers(result)
        self._show_text()

    def flush_text(self) -> None:
        """Bring the text cards up to date now."""
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._show_text()

    def _show_text(self) -> None:
        result, error = self._pending_text
        ce = (result or {}).get("circular_economy")
        if ce:
            self._show_gap(ce)
        else:
            self.gap_card.hide()
        self._show_findings(result, ce, error)

    def _show_numbers(self, result: dict[str, Any] | None) -> None:
        ce = (result or {}).get("circular_economy")
        if ce:
            self.score_card.show()
            self.bars_card.show()
            self.index_label.setText(f"{ce['index']:.2f}")
            grade = ce["grade"]
            self.grade_chip.setText(grade if grade != "none" else self.tr("no grade"))
            _set_style(self.grade_chip, f"background: {style.GRADE_COLOURS.get(grade, '#8c959f')};")
            self._fix_chip_size()
            self.grade_text.setText(ce.get("grade_label") or "")
            if ce.get("basic_requirements_met"):
                self.requirements_label.setText(self.tr("✓ All basic requirements met"))
                _set_style(self.requirements_label, f"color: {style.OK}")
            else:
                n = len(ce.get("requirements_unmet") or [])
                self.requirements_label.setText(self.tr("✗ Basic requirements not met: %n", "", n))
                _set_style(self.requirements_label, f"color: {style.ERROR}")
            self.bars.set_data(ce.get("indicators") or [], self.lang)
        else:
            self.score_card.hide()
            self.bars_card.hide()

    def _fix_chip_size(self) -> None:
        """The grade chip keeps a fixed size, set again only when the grade's text needs another: typing
        that does not change the grade does not lay the panel out."""
        self.grade_chip.ensurePolished()
        hint = self.grade_chip.sizeHint()
        if (self.grade_chip.maximumWidth(), self.grade_chip.maximumHeight()) != (hint.width(), hint.height()):
            self.grade_chip.setFixedSize(hint)

    def _show_gap(self, ce: dict[str, Any]) -> None:
        ng = ce.get("next_grade")
        if not ng:
            self.gap_card.show()
            self.gap_label.setText(self.tr("The highest grade (5A) is reached."))
            return
        self.gap_card.show()
        lines = []
        pts = ng.get("points_needed") or 0
        if pts > 0:
            lines.append(self.tr("<b>%1</b> points to reach <b>%2</b>").replace("%1", f"{pts:.2f}")
                         .replace("%2", ng["target"]))
        unmet = ng.get("requirements_unmet") or []
        if unmet and pts <= 0:  # the index is enough: only basic requirements stand between the plant and the grade
            lines.append(self.tr("The index is enough for <b>%1</b>; what is missing is the basic requirements:")
                         .replace("%1", ng["target"]))
            lines.extend("&nbsp;&nbsp;• " + html.escape(_fields.get(rid).label(self.lang), quote=False)
                         for rid in unmet)
        else:
            for rid in unmet:
                lines.append(self.tr("and the basic requirement: %1").replace("%1", _fields.get(rid).label(self.lang)))
        if pts > 0:
            alone = []
            for g in ng.get("indicators") or []:
                f = _fields.get(g["id"])
                if g.get("reachable_alone"):
                    txt = f"{f.label(self.lang)} ≥ {_fmt(g['value_needed'])} {f.unit}"
                    if g.get("consumption_needed") is not None and g.get("consumption_id"):
                        cf = _fields.get(g["consumption_id"])
                        txt += " " + self.tr("(or %1 ≤ %2 %3)").replace("%1", cf.label(self.lang)).replace(
                            "%2", _fmt(g["consumption_needed"], 2)).replace("%3", cf.unit)
                    alone.append(txt)
            if alone:
                lines.append("<span style='color:%s'>%s</span>" % (style.MUTED, self.tr("Any one of these alone:")))
                lines.extend("&nbsp;&nbsp;• " + t for t in alone)
            plan = ng.get("plan") or []
            if plan:
                lines.append("<span style='color:%s'>%s</span>" % (style.MUTED, self.tr("Or together:")))
                for step in plan:
                    f = _fields.get(step["id"])
                    lines.append(f"&nbsp;&nbsp;• {f.label(self.lang)}: {_fmt(step['from'])} → {_fmt(step['to'])} {f.unit}")
        self.gap_label.setText("<br>".join(lines) if lines else self.tr("Nothing is missing for %1.")
                               .replace("%1", ng["target"]))

    def _show_findings(self, result: dict[str, Any] | None, ce: dict[str, Any] | None, error: str | None) -> None:
        """Every finding of the evaluation with the severity and the words the domain gave it."""
        items: list[tuple[str, str]] = []
        if error:
            items.append(("critical", error))
        if result is None and not error:
            self.findings_label.setText("")
            return
        result = result or {}
        if result and not ce:
            items.append(("info", self.tr("The circular-economy evaluation does not apply to this sector.")))
        if self.evaluation is not None:
            items += [(f.severity.value, f.text(self.lang)) for f in by_severity(self.evaluation.findings)]
        self._show_modules(result)
        if not items:
            self.findings_label.setText(f"<span style='color:{style.OK}'>" + self.tr("No findings.") + "</span>")
            return
        paragraphs = []
        for sev, text in items:
            colour = style.SEVERITY_COLOURS.get(sev, style.MUTED)
            paragraphs.append(f"<p style='margin:0 0 6px 0'><span style='color:{colour}'>●</span>&nbsp;"
                              f"{html.escape(text, quote=False)}</p>")
        self.findings_label.setText("".join(paragraphs))

    def _show_modules(self, result: dict[str, Any]) -> None:
        """One line per module that applies: guideline levels, energy checks, dross compliance."""
        lines = []
        gl = result.get("guideline")
        if gl and gl.get("level_counts"):
            c = gl["level_counts"]
            lines.append("<b>" + self.tr("Guideline") + "</b>&nbsp; " + self.tr(
                "advanced %1 · compliant %2 · below %3 · missing %4").replace("%1", str(c.get("advanced", 0)))
                .replace("%2", str(c.get("compliant", 0))).replace("%3", str(c.get("below", 0)))
                .replace("%4", str(c.get("missing", 0))))
        ec = result.get("energy_carbon")
        if ec and ec.get("checks"):
            st = [c.get("status") for c in ec["checks"]]
            lines.append("<b>" + self.tr("Energy & carbon") + "</b>&nbsp; " + self.tr(
                "pass %1 · fail %2 · missing %3").replace("%1", str(st.count("pass")))
                .replace("%2", str(st.count("fail"))).replace("%3", str(st.count("missing"))))
        dr = result.get("dross")
        if dr:
            pct = dr.get("compliance_pct")
            text = "<b>" + self.tr("Dross") + f"</b>&nbsp; {dr.get('code', '')}"
            if pct is not None:
                text += " · " + self.tr("management requirements met %1 %").replace("%1", f"{pct:g}")
            text += " · " + self.tr("%n finding(s)", "", len(dr.get("findings") or []))
            lines.append(text)
        self.modules_label.setText("<br>".join(lines))
        self.modules_card.setVisible(bool(lines))

    def findings_text(self) -> str:
        self.flush_text()
        return self.findings_label.text()


def _set_style(w: QWidget, sheet: str) -> None:
    """Style sheets re-polish the widget: only when it changes (this runs at every keystroke)."""
    if w.styleSheet() != sheet:
        w.setStyleSheet(sheet)

