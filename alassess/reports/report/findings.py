"""Every finding the report shows, in one place: the summary's most serious findings across the
modules, the dross findings table, and a severity in words and colour.

Findings, their severity and their words are the domain's (:class:`alassess.domain.findings.Finding`,
gathered by the evaluation the report is drawn from): the report lists them, most serious first,
and never classifies anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from alassess.domain.findings import Severity, by_severity
from alassess.reports.report.context import Ctx
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table

TONE = {Severity.CRITICAL: "bad", Severity.MAJOR: "warn", Severity.MINOR: "none", Severity.INFO: "none"}
SUMMARY_ROWS = 12  # findings listed in the summary; the rest are counted
SEVERITIES = {s.value: s for s in Severity}


@dataclass(frozen=True)
class Shown:
    """A finding as the report prints it."""

    severity: Severity
    text: str
    clause: str
    module: str


def shown(ctx: Ctx, module: str | None = None) -> list[Shown]:
    """The findings (of one module, or all), most serious first, in the report's language.

    From the typed evaluation when the report has it; else from the ``findings`` list of the result
    (the ``score --json`` object), whose entries are already worded in the report's language."""
    ev = ctx.inp.evaluation
    if ev is not None:
        found = ev.findings if module is None else ev.findings_of(module)
        return [Shown(f.severity, f.text(ctx.lang), f.clause, f.module) for f in by_severity(found)]
    out = [Shown(SEVERITIES[f["severity"]], str(f.get("text") or ""), str(f.get("clause") or ""),
                 str(f.get("module") or ""))
           for f in ctx.r.get("findings") or []
           if isinstance(f, dict) and f.get("severity") in SEVERITIES and module in (None, f.get("module"))]
    return sorted(out, key=lambda s: s.severity.rank)


def severity(ctx: Ctx, sev: Severity | str | None) -> Paragraph:
    """A severity in words, coloured by how serious it is."""
    s = SEVERITIES.get(str(getattr(sev, "value", sev) or ""))
    if s is None:
        return ctx.coloured(str(sev or "—"), "none")
    return ctx.coloured(s.text(ctx.lang), TONE[s])


def summary_table(ctx: Ctx) -> list[Any]:
    """The most serious findings across the modules (the first :data:`SUMMARY_ROWS`)."""
    w = ctx.w
    found = shown(ctx)
    if not found:
        return [ctx.p(w("no_findings"))]
    rows: list[list[Any]] = [[w("severity"), w("detail")]]
    for f in found[:SUMMARY_ROWS]:
        rows.append([severity(ctx, f.severity), f.text])
    story: list[Any] = [table(ctx, rows, [22 * mm, CONTENT_W - 22 * mm])]
    if len(found) > SUMMARY_ROWS:
        story.append(ctx.p(w("more_findings", n=len(found) - SUMMARY_ROWS), "small"))
    return story


def dross_counts(ctx: Ctx) -> str:
    """How many dross findings of each severity."""
    n = {s: 0 for s in Severity}
    for f in shown(ctx, "dross"):
        n[f.severity] += 1
    return ctx.w("dross_counts", critical=n[Severity.CRITICAL], major=n[Severity.MAJOR], minor=n[Severity.MINOR])


def dross_table(ctx: Ctx, res: dict[str, Any]) -> list[Any]:
    """The dross findings, most serious first, with their clauses."""
    w = ctx.w
    if not res:
        return [ctx.p(w("no_result"))]
    found = shown(ctx, "dross")
    if not found:
        return [ctx.p(w("no_findings"))]
    rows: list[list[Any]] = [[w("severity"), w("clause"), w("detail")]]
    rows += [[severity(ctx, f.severity), ctx.source(f.clause), f.text] for f in found]
    return [table(ctx, rows, [20 * mm, 32 * mm, CONTENT_W - 52 * mm])]


def check_label(ctx: Ctx, item: dict[str, Any]) -> str:
    """The name of an energy & carbon check."""
    if item.get("label"):
        return str(item["label"])
    cid = str(item.get("id", ""))
    if ctx.w.knows("check", cid):
        return ctx.w.term("check", cid)
    return ctx.label(cid)
