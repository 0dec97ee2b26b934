"""Part 1, the summary: key figures of every module, the most serious findings, the gap to the
next grade."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm

from alassess.reports.report import findings
from alassess.reports.report.context import Ctx
from alassess.reports.report.cover import unmet_text
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import kv, table


def _circular(ctx: Ctx, ce: dict[str, Any] | None) -> list[tuple[str, Any]]:
    w = ctx.w
    if not ce:
        return [(w("grade"), w("no_ce", sector=ctx.sector()))]
    grade = w("grade_with_label", label=ce.get("grade_label"), grade=ce.get("grade"))
    return [(w("grade_is"), grade), (w("index"), num(ce.get("index"), 2)),
            (w("basic_met"), unmet_text(ctx, ce.get("requirements_unmet") or []))]


def _guideline(ctx: Ctx, g: Any) -> list[tuple[str, Any]]:
    w = ctx.w
    if not isinstance(g, dict):
        return []
    counts = {k: 0 for k in ("advanced", "compliant", "below", "missing")}
    for it in g.get("indicators") or []:
        if isinstance(it, dict) and it.get("level") in counts:
            counts[it["level"]] += 1
    banned = g.get("banned_technologies") or []
    return [(w("guideline_sum"), w("guideline_counts", **counts)),
            (w("banned_sum"), w("banned_count", n=len(banned)) if banned else w("none_present"))]


def _energy(ctx: Ctx, e: Any) -> list[tuple[str, Any]]:
    if not isinstance(e, dict):
        return []
    c = {"pass": 0, "fail": 0, "missing": 0, "not_applicable": 0}
    for it in e.get("checks") or []:
        if isinstance(it, dict) and it.get("status") in c:
            c[it["status"]] += 1
    return [(ctx.w("energy_sum"), ctx.w("energy_counts", passed=c["pass"], failed=c["fail"],
                                        missing=c["missing"], na=c["not_applicable"]))]


def _dross(ctx: Ctx, d: Any) -> list[tuple[str, Any]]:
    if not isinstance(d, dict):
        return []
    pairs: list[tuple[str, Any]] = []
    if d.get("compliance_pct") is not None:
        pairs.append((ctx.w("dross_sum"), f"{num(d['compliance_pct'], 1)}%"))
    pairs.append((ctx.w("dross_findings_sum"), findings.dross_counts(ctx, d)))
    return pairs


def _gap(ctx: Ctx, ce: dict[str, Any]) -> list[Any]:
    w = ctx.w
    story: list[Any] = [ctx.p(w("gap"), "h2")]
    ng = ce.get("next_grade")
    if not ng:
        return story + [ctx.p(w("gap_top"))]
    story.append(ctx.p(w("gap_line", target=ng["target"], points=num(ng.get("points_needed"), 2))))
    if ng.get("requirements_unmet"):
        story.append(ctx.p(w("gap_reqs", names=w.sep.join(ctx.label(x) for x in ng["requirements_unmet"]))))
    if ng.get("plan"):
        rows: list[list[Any]] = [[w("plan"), ""]]
        for s in ng["plan"]:
            rows.append([f"{ctx.label(s['id'])} ({ctx.unit(s['id'])})",
                         w("raise", a=num(s.get("from")), b=num(s.get("to")), p=num(s.get("points"), 2))])
        story.append(table(ctx, rows, [70 * mm, CONTENT_W - 70 * mm]))
        if not ng.get("plan_reaches", True):
            story.append(ctx.p(w("plan_no"), "small"))
    return story


def summary(ctx: Ctx) -> list[Any]:
    w, r, ce = ctx.w, ctx.r, ctx.r.get("circular_economy")
    pairs = (_circular(ctx, ce) + _guideline(ctx, r.get("guideline")) + _energy(ctx, r.get("energy_carbon"))
             + _dross(ctx, r.get("dross")))
    story: list[Any] = [ctx.p(w("s_summary"), "h1"), ctx.p(w("key_figures"), "h2"), kv(ctx, pairs),
                        ctx.p(w("findings"), "h2")]
    story += findings.summary_table(ctx)
    if ce:
        story += _gap(ctx, ce)
    return story
