"""Part 5, guideline indicators (000 §6.2) and the technology checklist (000 §5.3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from alassess.domain import fields as _fields
from alassess.reports.report import blocks
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table


def threshold(it: dict[str, Any], level: str) -> str:
    """A threshold as the module gives it: ``compliant`` / ``advanced`` (number or {"min": …}),
    or ``thresholds: {"compliant": …}``."""
    v = it.get(level)
    if v is None and isinstance(it.get("thresholds"), dict):
        v = it["thresholds"].get(level)
    if isinstance(v, dict):
        v = v.get("min", v.get("value"))
    if v is None:
        return "—"
    return f"≥ {num(v)}" if isinstance(v, (int, float, Decimal)) else str(v)


def part(ctx: Ctx, p: Any) -> str:
    if not p:
        return ""
    return ctx.w.term("part", p)


def tech_label(ctx: Ctx, tid: Any, tech: dict[str, Any]) -> str:
    for t in tech.get("items") or []:
        if isinstance(t, dict) and t.get("id") == tid and t.get("label"):
            return str(t["label"])
    return ctx.label(tid)


def _indicators(ctx: Ctx, g: dict[str, Any]) -> list[Any]:
    """The indicators that apply to the sector (the module may list the others as not applicable)."""
    w = ctx.w
    items = [it for it in g.get("indicators") or [] if isinstance(it, dict) and it.get("applies", True) is not False]
    if not items:
        return []
    rows: list[list[Any]] = [[w("indicator"), w("value"), w("compliant_at"), w("advanced_at"), w("level"),
                              w("source")]]
    for it in items:
        iid = str(it.get("id", ""))
        val = it.get("value", ctx.a.values.get(iid))
        rows.append([it.get("label") or ctx.label(iid), ctx.value_text(iid, val, it.get("unit")),
                     threshold(it, "compliant"), threshold(it, "advanced"), blocks.level(ctx, it.get("level")),
                     it.get("source") or ""])
    return [ctx.p(w("guideline_table"), "h2"),
            table(ctx, rows, [CONTENT_W - 126 * mm, 22 * mm, 18 * mm, 18 * mm, 22 * mm, 46 * mm])]


def _tech_rows(ctx: Ctx, tech: dict[str, Any], banned: list[Any]) -> list[list[Any]]:
    tech_items = [t for t in tech.get("items") or [] if isinstance(t, dict)]
    rows: list[list[Any]] = []
    for t in tech_items:
        present = t.get("present")
        state = "missing" if present is None else ("present" if present else "absent")
        rows.append([t.get("label") or ctx.label(t.get("id")), part(ctx, t.get("part")), blocks.level(ctx, state)])
    if tech_items:
        return rows
    # the entered answers, marked by the module's list of technologies present
    for f in _fields.for_sector(ctx.a.plant.sector, "technology"):
        v = True if f.id in banned else ctx.a.values.get(f.id)
        state = "missing" if v is None else ("present" if v else "absent")
        rows.append([f.label(ctx.lang), "", blocks.level(ctx, state)])
    return rows


def _banned(ctx: Ctx, g: dict[str, Any]) -> list[Any]:
    """Technologies that must be phased out."""
    w = ctx.w
    banned = [b.get("id") if isinstance(b, dict) else b for b in g.get("banned_technologies") or []]
    tech = g.get("technology") if isinstance(g.get("technology"), dict) else {}
    story: list[Any] = [ctx.p(w("tech_list"), "h2")]
    if banned:
        names = w.sep.join(tech_label(ctx, b, tech) for b in banned)
        story.append(ctx.coloured(w("banned_present", names=names), "bad", "body"))
    rows = _tech_rows(ctx, tech, banned)
    if rows:
        story.append(table(ctx, [[w("technology"), w("part"), w("status")]] + rows,
                           [CONTENT_W - 60 * mm, 30 * mm, 30 * mm]))
    elif not banned:
        story.append(ctx.coloured(w("none_present"), "good", "body"))
    return story


def _encouraged(ctx: Ctx, g: dict[str, Any]) -> list[Any]:
    """Encouraged technologies: adoption reported, not scored."""
    w = ctx.w
    enc = g.get("encouraged") if isinstance(g.get("encouraged"), dict) else {}
    enc_items = [t for t in enc.get("items") or [] if isinstance(t, dict)]
    if not enc_items:
        return []
    story: list[Any] = [ctx.p(w("encouraged"), "h2")]
    if enc.get("total") is not None:
        story.append(ctx.p(w("encouraged_counts", adopted=enc.get("adopted_count", 0), total=enc["total"],
                             answered=enc.get("answered_count", 0)), "small"))
    rows: list[list[Any]] = [[w("technology"), w("part"), w("adopted")]]
    for t in enc_items:
        a = t.get("adopted")
        rows.append([t.get("label") or ctx.label(t.get("id")), part(ctx, t.get("part")),
                     ctx.coloured(ctx.yn(a), "good" if a else "none")])
    return story + [table(ctx, rows, [CONTENT_W - 60 * mm, 30 * mm, 30 * mm])]


def section(ctx: Ctx) -> list[Any]:
    g = ctx.r.get("guideline")
    story: list[Any] = [CondPageBreak(60 * mm), ctx.p(ctx.w("s_guideline"), "h1")]
    if not isinstance(g, dict):
        return story + blocks.absent(ctx, "guideline", ("guideline", "technology"))
    story += _indicators(ctx, g) + _banned(ctx, g) + _encouraged(ctx, g)
    story += blocks.extra_lists(ctx, g, {"indicators", "banned_technologies"},
                                lambda x: ctx.label(x.get("id") if isinstance(x, dict) else x))
    return story + blocks.standard_note(ctx, g) + blocks.rest(ctx, g, {"indicators", "banned_technologies"})
