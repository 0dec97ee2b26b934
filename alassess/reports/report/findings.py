"""Every finding the report shows, in one place: the summary's most serious findings across the
modules, the dross findings table, and a severity in words and colour."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from alassess.reports.report.context import Ctx
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table

SEVERITY_TONE = {"critical": "bad", "major": "warn", "minor": "none"}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
SUMMARY_ROWS = 12  # findings listed in the summary; the rest are counted


def severity(ctx: Ctx, sev: Any) -> Paragraph:
    """A severity in words, coloured by how serious it is."""
    s = str(sev or "")
    return ctx.coloured(ctx.w(s) if s in SEVERITY_ORDER else s or "—", SEVERITY_TONE.get(s, "none"))


def finding_label(ctx: Ctx, fid: Any) -> str:
    s = str(fid or "")
    if ctx.w.knows("finding", s):
        return ctx.w.term("finding", s)
    if s.startswith("requirement_"):
        return ctx.w("finding.requirement", id=s[len("requirement_"):])
    return s


def check_label(ctx: Ctx, item: dict[str, Any]) -> str:
    """The name of an energy & carbon check."""
    if item.get("label"):
        return str(item["label"])
    cid = str(item.get("id", ""))
    if ctx.w.knows("check", cid):
        return ctx.w.term("check", cid)
    return ctx.label(cid)


def _circular(ctx: Ctx) -> list[tuple[str, str]]:
    ce, w, out = ctx.r.get("circular_economy"), ctx.w, []
    if ce:
        for rid in ce.get("requirements_unmet") or []:
            out.append(("critical", w.labelled(w("basic_met"), f"{ctx.label(rid)} — {w('unmet')}")))
        for mid in ce.get("missing") or []:
            out.append(("major", w.labelled(ctx.label(mid), w("missing"))))
    return out


def _guideline(ctx: Ctx) -> list[tuple[str, str]]:
    g, w, out = ctx.r.get("guideline"), ctx.w, []
    if isinstance(g, dict):
        for tid in g.get("banned_technologies") or []:
            tid_s = tid.get("id") if isinstance(tid, dict) else tid
            out.append(("critical", w.labelled(w("banned_sum"), f"{ctx.label(tid_s)} — {w('present')}")))
        for item in g.get("indicators") or []:
            if isinstance(item, dict) and item.get("level") == "below":
                out.append(("major", w.labelled(ctx.label(item.get("id")), w.term("level", "below"))))
    return out


def _energy(ctx: Ctx) -> list[tuple[str, str]]:
    e, w, out = ctx.r.get("energy_carbon"), ctx.w, []
    if isinstance(e, dict):
        for item in e.get("checks") or []:
            if isinstance(item, dict) and item.get("status") in ("fail", "below_baseline"):
                lvl = str(item.get("level"))
                detail = item.get("detail") or w.term("level", lvl if w.knows("level", lvl) else "fail")
                out.append((item.get("severity") or "major", w.labelled(check_label(ctx, item), detail)))
    return out


def _dross(ctx: Ctx) -> list[tuple[str, str]]:
    d, out = ctx.r.get("dross"), []
    if isinstance(d, dict):
        for f in d.get("findings") or []:
            if isinstance(f, dict):
                label, detail = finding_label(ctx, f.get("id")), f.get("detail")
                out.append((f.get("severity") or "minor", ctx.w.labelled(label, detail) if detail else label))
    return out


def summary_findings(ctx: Ctx) -> list[tuple[str, str]]:
    """(severity, text) for the summary, most serious first."""
    out = _circular(ctx) + _guideline(ctx) + _energy(ctx) + _dross(ctx)
    out.sort(key=lambda x: SEVERITY_ORDER.get(x[0], 3))
    return out


def summary_table(ctx: Ctx) -> list[Any]:
    """The most serious findings across the modules (the first :data:`SUMMARY_ROWS`)."""
    w = ctx.w
    found = summary_findings(ctx)
    if not found:
        return [ctx.p(w("no_findings"))]
    rows: list[list[Any]] = [[w("severity"), w("detail")]]
    for sev, text in found[:SUMMARY_ROWS]:
        rows.append([severity(ctx, sev), text])
    story: list[Any] = [table(ctx, rows, [22 * mm, CONTENT_W - 22 * mm])]
    if len(found) > SUMMARY_ROWS:
        story.append(ctx.p(w("more_findings", n=len(found) - SUMMARY_ROWS), "small"))
    return story


def dross_counts(ctx: Ctx, d: dict[str, Any]) -> str:
    """How many dross findings of each severity."""
    sev = {"critical": 0, "major": 0, "minor": 0}
    for f in d.get("findings") or []:
        if isinstance(f, dict) and f.get("severity") in sev:
            sev[f["severity"]] += 1
    return ctx.w("dross_counts", **sev)


def dross_table(ctx: Ctx, res: dict[str, Any]) -> list[Any]:
    """The dross module's findings, most serious first."""
    w = ctx.w
    if not res:
        return [ctx.p(w("no_result"))]
    fs = sorted((f for f in res.get("findings") or [] if isinstance(f, dict)),
                key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 3))
    if not fs:
        return [ctx.p(w("no_findings"))]
    rows: list[list[Any]] = [[w("severity"), w("check"), w("detail")]]
    for f in fs:
        rows.append([severity(ctx, f.get("severity")), finding_label(ctx, f.get("id")),
                     f.get("detail") or f.get("message") or ""])
    return [table(ctx, rows, [20 * mm, 46 * mm, CONTENT_W - 66 * mm])]
