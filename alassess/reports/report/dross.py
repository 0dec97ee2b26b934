"""Part 7, aluminium dross (004): class and code, generation expected against reported, findings,
the management checklist, the ledger, stock and storage time, deadlines and receivers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from alassess import standards
from alassess.reports.report import blocks, findings
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import kv, table

KINDS = ("primary", "secondary")
GENERATION_TONE = {"within": "good", "below": "bad", "above": "bad", "not_determined": "none",
                   "not_checked": "none", "no_production": "none", "not_reported": "warn"}
DEADLINE_TONE = {"filed": "good", "filed_late": "warn", "met": "good", "upcoming": "none", "overdue": "bad"}
BALANCE_COLUMNS = ("opening_t", "generated_t", "self_utilized_t", "transferred_t", "disposed_t", "adjustment_t",
                   "closing_t")
SHOWN = {"code", "hazards", "findings", "expected_primary_t", "expected_secondary_t", "compliance_pct",
         "reported_primary_t", "reported_secondary_t", "primary_reported_t", "secondary_reported_t",
         "primary_generated_t", "secondary_generated_t", "class", "class_en", "tolerance", "as_of", "period",
         "region", "category", "entered"}  # results drawn in their place, not as "other results"


def period_entries(ctx: Ctx, ledger: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ledger entries of the assessment's period."""
    return [e for e in ledger if str(e.get("date", ""))[:4] == str(ctx.a.period)]


def kind_word(ctx: Ctx, kind: Any) -> str:
    kind = str(kind or "")
    return ctx.w(kind) if kind in KINDS else kind


def _overview(ctx: Ctx, cls: dict[str, Any], data: dict[str, Any], src: dict[str, Any],
              res: dict[str, Any]) -> Any:
    w = ctx.w
    hazards = res.get("hazards") or cls["hazards"]
    code = res.get("code") or cls["code"]
    return kv(ctx, [
        (w("dross_class"), ctx.data_text(cls, "class")),
        (w("dross_code"), w("code_with_category", code=code, category=data["category"]["id"])),
        (w("hazards"), w.sep.join(w.term("hazard", h) for h in hazards)),
        (w("production"), f"{num(src.get('production_t'))} t" if src.get("production_t") is not None else "—"),
        (w("self_util"), ctx.yn(src.get("self_utilization"))),
    ])


def _generation_row(ctx: Ctx, kind: str, res: dict[str, Any], src: dict[str, Any], coef: dict[str, Any],
                    gen_status: dict[str, Any]) -> list[Any]:
    exp = res.get(f"expected_{kind}_t")
    if isinstance(exp, (list, tuple)) and len(exp) == 2:
        exp_s = f"{num(exp[0], 1)} – {num(exp[1], 1)}"
    elif not coef.get(kind):
        exp_s = ctx.w("not_determined")
    else:
        exp_s = "—"
    rep = next((res[k] for k in (f"reported_{kind}_t", f"{kind}_reported_t", f"{kind}_generated_t")
                if res.get(k) is not None), src.get(f"{kind}_generated_t"))
    st = gen_status.get(kind)
    tone = GENERATION_TONE.get(str(st))
    status = ctx.coloured(ctx.w.term("generation", st), tone) if tone else (str(st) if st else "")
    return [ctx.w(kind), exp_s, num(rep, 3) if rep is not None else "—", status]


def _generation(ctx: Ctx, data: dict[str, Any], src: dict[str, Any], res: dict[str, Any]) -> list[Any]:
    """Expected (from the dross module) against reported (the module's figure, else the entered one)."""
    w = ctx.w
    gen_status = {str(g.get("kind")): g.get("status") for g in res.get("generation") or [] if isinstance(g, dict)}
    coef = data["coefficients_kg_per_t"].get(ctx.a.plant.sector) or {}
    rows: list[list[Any]] = [[w("kind"), w("expected"), w("reported"), w("status")]]
    rows += [_generation_row(ctx, kind, res, src, coef, gen_status) for kind in KINDS]
    story: list[Any] = [ctx.p(w("generation"), "h2"),
                        table(ctx, rows, [40 * mm, 50 * mm, 36 * mm, CONTENT_W - 126 * mm])]
    tol = data.get("tolerance") or {}
    if tol.get("value") is not None:
        story.append(ctx.p(w("tolerance_note", src=coef.get("source", ""),
                             pct=num(Decimal(str(tol["value"])) * 100)), "small"))
    return story


def _checklist(ctx: Ctx, data: dict[str, Any], src: dict[str, Any], res: dict[str, Any]) -> list[Any]:
    """The answers entered; the compliance figure from the module."""
    w = ctx.w
    answers = src.get("requirements") or {}
    story: list[Any] = [ctx.p(w("checklist"), "h2")]
    if res.get("compliance_pct") is not None:
        story.append(ctx.p(w("compliance", pct=num(res["compliance_pct"], 1))))
    rows: list[list[Any]] = [["§", w("requirement"), w("severity"), w("status")]]
    for r in data["requirements"]:
        v = answers.get(r["id"])
        tone = "good" if v is True else ("bad" if v is False else "none")
        rows.append([r["id"], ctx.data_text(r, "text"), findings.severity(ctx, r.get("severity")),
                     ctx.coloured(w("met") if v is True else (w("unmet") if v is False else w("unanswered")), tone)])
    story.append(table(ctx, rows, [14 * mm, CONTENT_W - 54 * mm, 18 * mm, 22 * mm]))
    return story


def _balances(ctx: Ctx, balances: list[dict[str, Any]]) -> Any:
    w = ctx.w
    rows: list[list[Any]] = [[w("dross_code"), w("kind"), *(w(f"bal_{c}") for c in BALANCE_COLUMNS)]]
    for b in balances:
        rows.append([b.get("code") or "", kind_word(ctx, b.get("kind")), *(num(b.get(c), 3) for c in BALANCE_COLUMNS)])
    return table(ctx, rows, [20 * mm, 18 * mm] + [(CONTENT_W - 38 * mm) / 7] * 7,
                 extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")])


def _movements(ctx: Ctx, data: dict[str, Any], period: list[dict[str, Any]]) -> Any:
    """The period's movements summed by kind and movement. The entries are validated (the file's
    parser, the store): kind and movement of the data file's lists, quantity_t a finite Decimal."""
    w = ctx.w
    sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for e in period:
        key = (e["kind"], e["movement"])
        n, q = sums.get(key, (0, Decimal(0)))
        sums[key] = (n + 1, q + e["quantity_t"])
    rows: list[list[Any]] = [[w("kind"), w("movement"), w("entries"), w("quantity")]]
    kinds, movements = data["kinds"], data["movements"]
    for (kind, mv) in sorted(sums, key=lambda k: (kinds.index(k[0]), movements.index(k[1]))):
        n, q = sums[(kind, mv)]
        rows.append([w(kind), w.term("movement", mv), str(n), num(q, 3)])
    return table(ctx, rows, [40 * mm, 40 * mm, 25 * mm, CONTENT_W - 105 * mm],
                 extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")])


def _ledger(ctx: Ctx, data: dict[str, Any], src: dict[str, Any], res: dict[str, Any]) -> list[Any]:
    """The module's balances when it gives them, else the period's movements."""
    w = ctx.w
    ledger = [e for e in src.get("ledger") or [] if isinstance(e, dict)]
    period = period_entries(ctx, ledger)
    story: list[Any] = [ctx.p(w("ledger", period=ctx.a.period), "h2")]
    if period:
        dates = sorted(str(e.get("date")) for e in period)
        earlier = len(ledger) - len(period)
        story.append(ctx.p(w("ledger_span", n=len(period), a=dates[0], b=dates[-1], m=earlier) if earlier
                           else w("ledger_span_only", n=len(period), a=dates[0], b=dates[-1])))
    balances = [b for b in res.get("balances") or [] if isinstance(b, dict)]
    if balances:
        story.append(_balances(ctx, balances))
    elif not period:
        story.append(ctx.p(w("no_ledger")))
    else:
        story.append(_movements(ctx, data, period))
    return story


def _stock(ctx: Ctx, res: dict[str, Any]) -> list[Any]:
    w = ctx.w
    stock = [x for x in res.get("stock") or [] if isinstance(x, dict)]
    if not stock:
        return []
    rows: list[list[Any]] = [[w("dross_code"), w("kind"), w("stock_t"), w("oldest"), w("age_days"), w("over_limit")]]
    for x in stock:
        over = x.get("over_limit_t")
        rows.append([x.get("code") or "", kind_word(ctx, x.get("kind")), num(x.get("quantity_t"), 3),
                     x.get("oldest") or "—", num(x.get("age_days")),
                     ctx.coloured(num(over, 3), "bad") if over else num(over, 3)])
    return [ctx.p(w("stock"), "h2"),
            table(ctx, rows, [22 * mm, 22 * mm, 28 * mm, 30 * mm, 28 * mm, CONTENT_W - 130 * mm])]


def _deadlines(ctx: Ctx, res: dict[str, Any]) -> list[Any]:
    w = ctx.w
    deadlines = [x for x in res.get("deadlines") or [] if isinstance(x, dict)]
    if not deadlines:
        return []
    rows: list[list[Any]] = [[w("deadline"), w("period"), w("due"), w("filed_on"), w("status")]]
    for x in deadlines:
        tone = DEADLINE_TONE.get(str(x.get("status")))
        status = ctx.coloured(w.term("deadline_status", x.get("status")), tone) if tone else str(x.get("status") or "")
        rows.append([w.term("deadline", x.get("id")),
                     x.get("period") or "", x.get("due") or "", x.get("filed_on") or "—", status])
    return [ctx.p(w("deadlines"), "h2"), table(ctx, rows, [50 * mm, 28 * mm, 28 * mm, 28 * mm, CONTENT_W - 134 * mm])]


def _notes_and_receivers(ctx: Ctx, src: dict[str, Any], res: dict[str, Any]) -> list[Any]:
    w, story = ctx.w, []
    notes = [n for n in res.get("notes") or [] if isinstance(n, str) and n]
    if notes:
        story.append(Spacer(1, 2 * mm))
        story += [ctx.p("• " + n, "small") for n in notes]
    receivers = [r for r in src.get("receivers") or [] if isinstance(r, dict)]
    if receivers:
        rows: list[list[Any]] = [[w("receivers"), w("licence"), w("codes"), w("valid")]]
        for r in receivers:
            rows.append([r.get("name"), r.get("licence_no") or "—", ", ".join(r.get("codes") or []),
                         f"{r.get('valid_from') or '…'} – {r.get('valid_to') or '…'}"])
        story.append(Spacer(1, 3 * mm))
        story.append(table(ctx, rows, [58 * mm, 44 * mm, 30 * mm, CONTENT_W - 132 * mm]))
    return story


def section(ctx: Ctx) -> list[Any]:
    w = ctx.w
    data = standards.load("dross")
    cls = data["classes"].get(ctx.a.plant.sector)
    story: list[Any] = [CondPageBreak(90 * mm), ctx.p(w("s_dross"), "h1")]
    if cls is None:
        return story + [ctx.p(w("not_for_sector", sector=ctx.sector()))]
    src = ctx.a.dross or {}
    d = ctx.r.get("dross")
    res = d if isinstance(d, dict) else {}
    story.append(_overview(ctx, cls, data, src, res))
    if not src and not res:
        return story + [Spacer(1, 2 * mm), ctx.p(w("no_dross"))]
    if not res:
        story += [Spacer(1, 2 * mm), ctx.p(w("no_result"))]
    story += _generation(ctx, data, src, res)
    story += [ctx.p(w("findings_by_sev"), "h2")] + findings.dross_table(ctx, res)
    story += _checklist(ctx, data, src, res) + _ledger(ctx, data, src, res) + _stock(ctx, res)
    story += _deadlines(ctx, res) + _notes_and_receivers(ctx, src, res)
    return story + blocks.rest(ctx, res, SHOWN)
