"""Parts 2–4, the circular-economy evaluation: basic requirements, indicators (with where the
plant sits in the industry survey and what each indicator alone would need), and the charts."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from alassess.domain import fields as _fields
from alassess.reports import charts
from alassess.reports.report import trends
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table


def requirements(ctx: Ctx) -> list[Any]:
    w, ce = ctx.w, ctx.r.get("circular_economy")
    story: list[Any] = [CondPageBreak(50 * mm), ctx.p(w("s_requirements"), "h1")]
    if not ce:
        return story + [ctx.p(w("no_ce", sector=ctx.sector()))]
    rows: list[list[Any]] = [[w("requirement"), w("status"), w("source")]]
    for rid, v in (ce.get("requirements") or {}).items():
        tone = "good" if v is True else ("bad" if v is False else "none")
        text = w("met") if v is True else (w("unmet") if v is False else w("unanswered"))
        src = ""
        try:
            src = _fields.get(rid).source
        except Exception:
            pass
        rows.append([ctx.label(rid), ctx.coloured(text, tone), src])
    story.append(table(ctx, rows, [CONTENT_W - 62 * mm, 22 * mm, 40 * mm]))
    story.append(ctx.p(w("m_requirements"), "small"))
    return story


def position(ctx: Ctx, val: float, sv: dict[str, Any], bench: float | None) -> str:
    """Where a value sits against the benchmark and the industry survey, in words."""
    w = ctx.w
    if bench is not None and val >= bench:
        return w("pos_bench")
    lo, avg, hi = sv.get("min"), sv.get("avg"), sv.get("max")
    if lo is None or avg is None or hi is None:
        return ""
    if val < lo:
        return w("pos_below_min")
    if val < avg:
        return w("pos_min_avg")
    if val <= hi:
        return w("pos_avg_max")
    return w("pos_above_max")


def _indicator_row(ctx: Ctx, it: dict[str, Any]) -> list[Any]:
    w, iid = ctx.w, it["id"]
    sv = it.get("survey") or {}
    val = it.get("value")
    name = ctx.label(iid)
    if it.get("entered_as") == "consumption":
        name += f"\n({w('entered_cons')})"
    if val is None:
        pos: list[Any] = [ctx.coloured(w("missing"), "bad")]
    else:
        pos = [ctx.p(position(ctx, val, sv, it.get("benchmark")), "cell")]
    if val is not None and sv and None not in (sv.get("min"), sv.get("avg"), sv.get("max")):
        pos.insert(0, charts.range_bar(ctx.font, val, sv["min"], sv["avg"], sv["max"],
                                       it.get("benchmark") or 0, width=34 * mm))
    return [name, ctx.unit(iid), num(val), num(it.get("benchmark")), num(it.get("score"), 2),
            it.get("weight") or "", f"{num(sv.get('avg'))} / {num(sv.get('min'))} / {num(sv.get('max'))}", pos]


def _notes(ctx: Ctx, ce: dict[str, Any]) -> list[Any]:
    w, story = ctx.w, []
    notes = [f"{ctx.label(it['id'])}: {it['note']}" for it in ce.get("indicators") or [] if it.get("note")]
    if notes:
        story.append(ctx.p(w("notes"), "h2"))
        story += [ctx.p("• " + n, "small") for n in notes]
    if ce.get("warnings"):
        story.append(ctx.p(w("warnings"), "h2"))
        story += [ctx.p("• " + n, "small") for n in ce["warnings"]]
    return story


def _per_indicator(ctx: Ctx, ng: dict[str, Any] | None) -> list[Any]:
    """What each indicator alone would need for the next grade."""
    w = ctx.w
    if not (ng and ng.get("indicators")):
        return []
    rows: list[list[Any]] = [[w("indicator"), w("current"), w("needed"), w("consumption_needed")]]
    for g in ng["indicators"]:
        needed = num(g.get("value_needed")) if g.get("reachable_alone") else w("not_alone")
        cons = ""
        if g.get("consumption_needed") is not None and g.get("consumption_id"):
            cons = f"{num(g['consumption_needed'])} {ctx.unit(g['consumption_id'])}"
        rows.append([f"{ctx.label(g['id'])} ({ctx.unit(g['id'])})", num(g.get("current")), needed, cons])
    return [KeepTogether([ctx.p(w("per_indicator", target=ng["target"]), "h2"),
                          table(ctx, rows, [62 * mm, 30 * mm, 40 * mm, CONTENT_W - 132 * mm])])]


def indicators(ctx: Ctx) -> list[Any]:
    w, ce = ctx.w, ctx.r.get("circular_economy")
    story: list[Any] = [CondPageBreak(80 * mm), ctx.p(w("s_indicators"), "h1")]
    if not ce:
        return story + [ctx.p(w("no_ce", sector=ctx.sector()))]
    rows: list[list[Any]] = [[w("indicator"), w("unit"), w("value"), w("benchmark"), w("score"), w("weight"),
                              w("survey"), w("position")]]
    rows += [_indicator_row(ctx, it) for it in ce.get("indicators") or []]
    widths = [32 * mm, 11 * mm, 15 * mm, 17 * mm, 12 * mm, 12 * mm, 24 * mm]
    widths.append(CONTENT_W - sum(widths))
    story += [table(ctx, rows, widths), Spacer(1, 1.5 * mm), ctx.p(w("legend_bar"), "small")]
    return story + _notes(ctx, ce) + _per_indicator(ctx, ce.get("next_grade"))


def _scores_chart(ctx: Ctx, ce: dict[str, Any] | None) -> list[Any]:
    w = ctx.w
    if not ce or not ce.get("indicators"):
        return [ctx.p(w("no_chart"))]
    labels, plant, survey = [], [], []
    for it in ce["indicators"]:
        b = it.get("benchmark") or 0
        labels.append(w.clean(ctx.label(it["id"])))
        plant.append(round(100.0 * (it.get("value") or 0) / b, 1) if b else 0.0)
        avg = (it.get("survey") or {}).get("avg")
        survey.append(round(100.0 * avg / b, 1) if b and avg is not None else 0.0)
    return [KeepTogether([
        ctx.p(w("chart_scores"), "h2"),
        charts.scores_chart(ctx.font, labels, plant, survey, (w("leg_plant"), w("leg_survey"), w("leg_bench"))),
        ctx.p(w("chart_scores_note"), "small")])]


def charts_section(ctx: Ctx) -> list[Any]:
    ce = ctx.r.get("circular_economy")
    return ([CondPageBreak(120 * mm), ctx.p(ctx.w("s_charts"), "h1")] + _scores_chart(ctx, ce)
            + trends.trend(ctx, ce))


def section(ctx: Ctx) -> list[Any]:
    """Parts 2–4, or one heading saying they do not apply (the numbering stays that of every report)."""
    if ctx.r.get("circular_economy"):
        return requirements(ctx) + indicators(ctx) + charts_section(ctx)
    return [ctx.p(ctx.w("s_ce_na"), "h1"), ctx.p(ctx.w("no_ce", sector=ctx.sector()))]
