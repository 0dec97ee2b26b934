"""Part 6, the energy-saving and carbon-reduction checks (003)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from alassess.reports.report import blocks
from alassess.reports.report.context import Ctx
from alassess.reports.report.findings import check_label
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import table

# The fields each energy & carbon check reads (ids fixed by the assessment-file contract), shown
# when the module gives no value of its own
ENERGY_CHECK_FIELDS = {
    "cell_current": ("cell_current_ka",), "energy_efficiency": ("ac_consumption_kwh_per_t",),
    "renewable_share": ("renewable_share_pct",), "direct_alloying": ("direct_alloying_pct",),
    "clean_transport": ("clean_transport_pct",), "env_performance": ("env_performance_grade", "new_or_expansion_project"),
    "new_project_efficiency": ("new_or_expansion_project", "ac_consumption_kwh_per_t"),
    "key_region_capacity": ("new_or_expansion_project",), "coal_units": ("new_self_owned_coal_units",),
}


def _row(ctx: Ctx, c: dict[str, Any]) -> list[Any]:
    cid = str(c.get("id", ""))
    if "value" in c:
        value = ctx.value_text(str(c.get("field") or cid), c["value"], c.get("unit"))
    else:
        value = "\n".join(ctx.value_text(f, ctx.a.values[f]) for f in ENERGY_CHECK_FIELDS.get(cid, ())
                          if f in ctx.a.values) or "—"
    status = [blocks.level(ctx, c.get("status"))]
    if c.get("level") and c.get("level") != c.get("status"):
        status.append(blocks.level(ctx, c.get("level")))
    name: list[Any] = [ctx.p(check_label(ctx, c), "cell")]
    if c.get("detail"):
        name.append(ctx.p(str(c["detail"]), "small"))
    return [name, value, status, c.get("clause") or ""]


def section(ctx: Ctx) -> list[Any]:
    w, e = ctx.w, ctx.r.get("energy_carbon")
    story: list[Any] = [CondPageBreak(60 * mm), ctx.p(w("s_energy"), "h1")]
    if not isinstance(e, dict):
        return story + blocks.absent(ctx, "energy", ("energy",))
    checks = [c for c in e.get("checks") or [] if isinstance(c, dict)]
    if checks:
        rows: list[list[Any]] = [[w("check"), w("value"), w("status"), w("clause")]]
        rows += [_row(ctx, c) for c in checks]
        story.append(table(ctx, rows, [CONTENT_W - 82 * mm, 26 * mm, 26 * mm, 30 * mm]))
    story += blocks.extra_lists(ctx, e, {"checks"},
                                lambda x: str(x.get("id", x)) if isinstance(x, dict) else str(x))
    return story + blocks.standard_note(ctx, e) + blocks.rest(ctx, e, {"checks"})
