"""Part 8, method and sources: how the scores are computed, the application defaults, the source
documents and the editions of the reference data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from alassess import __version__, catalogue, standards
from alassess.reports.report import blocks
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import kv, table

SOURCE_DOCUMENTS = ("001", "000", "003", "004", "002")  # catalogue ids report.document.<code>


def _scoring(ctx: Ctx, ce: dict[str, Any]) -> list[Any]:
    w = ctx.w
    grades = w.sep.join(f"{g['id']} ≥ {g['min_index']}" for g in ce["grades"])
    src = ctx.source(ce["grades"][0].get("source", ""))
    pairs = [(w("m_score"), w("m_score_text")), (w("m_index"), w("m_index_text")),
             (w("m_rounding"), w("m_rounding_text")),
             (w("m_grades"), w("m_grades_text", grades=grades, rule=w("m_requirements"), source=src))]
    cei = ctx.r.get("circular_economy") or {}
    if cei.get("indicators"):
        weights = w.sep.join(f"{ctx.label(i['id'])} {i.get('weight')}" for i in cei["indicators"])
        pairs.append((w("m_weights"), weights))
    return [ctx.p(w("m_scoring"), "h2"), kv(ctx, pairs)]


def _module_methods(ctx: Ctx) -> list[Any]:
    """The guideline levels and technology rules, and the energy & carbon thresholds, as their data
    files state them (only the parts that apply to the sector)."""
    w, story = ctx.w, []
    names = set(standards.available())
    if "guideline" in names and blocks.applies(ctx, "guideline"):
        m = standards.load("guideline").get("method") or {}
        lines = [ctx.data_text(m, k) for k in ("levels", "technologies") if m.get(f"{k}_zh") and m.get(f"{k}_en")]
        if lines:
            story.append(ctx.p(w("m_guideline"), "h2"))
            story += [ctx.p("• " + str(x), "small") for x in lines]
    if "energy_carbon" in names and blocks.applies(ctx, "energy"):
        th = standards.load("energy_carbon").get("thresholds") or {}
        rows: list[list[Any]] = [[w("m_rule"), w("threshold"), w("source")]]
        for t in th.values():
            if isinstance(t, dict) and t.get("value") is not None:
                src = " — ".join(str(x) for x in (t.get("source"), t.get("edition")) if x)
                note = ctx.data_text(t, "note") if "note_zh" in t and "note_en" in t else ""
                rows.append([note, str(t["value"]), ctx.source(src)])
        if len(rows) > 1:
            story.append(ctx.p(w("m_energy"), "h2"))
            story.append(table(ctx, rows, [70 * mm, 18 * mm, CONTENT_W - 88 * mm]))
    return story


def _defaults(ctx: Ctx, ce: dict[str, Any]) -> list[Any]:
    """The application defaults, where the documents are silent."""
    w = ctx.w
    m = ce["method"]
    plaus = ce.get("plausibility") or {}
    defaults = [ctx.data_text(m, "weights_note")]
    if plaus.get("low_factor") and plaus.get("high_factor"):
        defaults.append(w("m_plausibility", low=plaus["low_factor"], high=plaus["high_factor"]))
    dr = standards.load("dross")
    if (dr.get("tolerance") or {}).get("value") is not None:
        defaults.append(w("m_tolerance", pct=num(Decimal(str(dr["tolerance"]["value"])) * 100)))
    if dr.get("requirements_severity_source"):
        defaults.append(w("m_severity"))
    for v in (ce.get("conversions") or {}).values():
        defaults.append(w("m_conversion", v=v.get("value"), s=v.get("source")))
    for name in standards.available():
        if name in ("circular_economy", "dross", "fields"):
            continue
        app = standards.load(name).get("app_defaults")
        items = app.items() if isinstance(app, dict) else enumerate(app) if isinstance(app, list) else []
        for k, v in items:
            defaults.append(f"{name} · {k}: {v}" if isinstance(k, str) else f"{name}: {v}")
    return [ctx.p(w("m_defaults"), "h2")] + [ctx.p("• " + str(d), "small") for d in defaults]


def _sources(ctx: Ctx) -> list[Any]:
    w = ctx.w
    rows: list[list[Any]] = [["", w("m_document")]]
    rows += [[code, w(f"document.{code}")] for code in SOURCE_DOCUMENTS]
    return [ctx.p(w("m_sources"), "h2"), table(ctx, rows, [14 * mm, CONTENT_W - 14 * mm])]


def _editions(ctx: Ctx) -> list[Any]:
    """The edition of the reference data each module that applied was scored with (the result's
    ``standards``: module → edition id)."""
    w = ctx.w
    rows: list[list[Any]] = [[w("m_file"), w("m_edition"), w("source")]]
    for module, edition_id in (ctx.r.get("standards") or {}).items():
        ed = standards.edition(module, edition_id)
        status = catalogue.text(f"editions.status.{ed.status}", ctx.lang)
        rows.append([f"{module}/{ed.id}", f"{ed.title}{w.sep}{ed.date}{w.sep}{status}", ctx.source(ed.source)])
    return [ctx.p(w("m_editions"), "h2"), table(ctx, rows, [46 * mm, 66 * mm, CONTENT_W - 112 * mm])]


def section(ctx: Ctx) -> list[Any]:
    ce = standards.load("circular_economy")
    story: list[Any] = [CondPageBreak(90 * mm), ctx.p(ctx.w("s_method"), "h1")]
    story += _scoring(ctx, ce) + _module_methods(ctx) + _defaults(ctx, ce) + _sources(ctx) + _editions(ctx)
    return story + [ctx.p(ctx.w("m_app"), "h2"), ctx.p(f"AlAssess {__version__}")]
