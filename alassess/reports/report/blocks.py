"""Building blocks several sections share: a level in words and colour, what a section shows when
its module gave no result, the entered values, a module's extra results and its source note."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from alassess.domain import dross as _dross
from alassess.domain import fields as _fields
from alassess.reports.report.context import Ctx
from alassess.reports.report.numbers import num
from alassess.reports.report.styles import CONTENT_W
from alassess.reports.report.tables import kv, table

LEVEL_TONE = {"advanced": "good", "compliant": "good", "pass": "good", "benchmark": "good", "baseline": "warn",
              "below": "bad", "fail": "bad", "below_baseline": "bad", "missing": "none", "not_applicable": "none",
              "present": "bad", "absent": "good"}


def level(ctx: Ctx, v: Any) -> Paragraph:
    """A level or status (``advanced``, ``pass``, ``missing``…) in words, coloured by its tone."""
    key = str(v) if v is not None else "missing"
    return ctx.coloured(ctx.w.term("level", key), LEVEL_TONE.get(key, "none"))


def applies(ctx: Ctx, module: str) -> bool:
    """Whether a module applies to the plant's sector (from the field catalogue and dross data)."""
    sector = ctx.a.plant.sector
    if module == "dross":
        return _dross.applies(sector)
    groups = {"guideline": ("guideline", "technology"), "energy": ("energy",)}[module]
    return any(_fields.for_sector(sector, g) for g in groups)


def absent(ctx: Ctx, module: str, entered_groups: tuple[str, ...]) -> list[Any]:
    """What a section shows when its module gave no result."""
    if not applies(ctx, module):
        return [ctx.p(ctx.w("not_for_sector", sector=ctx.sector()))]
    return [ctx.p(ctx.w("no_result"))] + entered(ctx, entered_groups)


def entered(ctx: Ctx, groups: tuple[str, ...]) -> list[Any]:
    """The entered values of these field groups."""
    rows: list[list[Any]] = [[ctx.w("indicator"), ctx.w("value")]]
    for g in groups:
        for f in _fields.for_sector(ctx.a.plant.sector, g):
            if f.id in ctx.a.values:
                rows.append([f.label(ctx.lang), ctx.value_text(f.id, ctx.a.values[f.id])])
    if len(rows) == 1:
        return []
    return [ctx.p(ctx.w("entered"), "h2"), table(ctx, rows, [120 * mm, CONTENT_W - 120 * mm])]


def rest(ctx: Ctx, d: dict[str, Any], skip: set[str]) -> list[Any]:
    """Scalar results a module returns beyond the contract's keys (shown, not dropped)."""
    pairs = [(k.replace("_", " "), ctx.yn(v) if isinstance(v, bool) else num(v))
             for k, v in d.items() if k not in skip and v is not None and not isinstance(v, (dict, list))]
    return [ctx.p(ctx.w("other_results"), "h2"), kv(ctx, pairs)] if pairs else []


def extra_lists(ctx: Ctx, d: dict[str, Any], skip: set[str], text: Any) -> list[Any]:
    """Lists a module returns beyond the contract's keys: a heading and one row per item."""
    story: list[Any] = []
    for key, val in d.items():
        if key in skip or not isinstance(val, list) or not val:
            continue
        story.append(ctx.p(key.replace("_", " "), "h2"))
        story.append(table(ctx, [[text(x)] for x in val], [CONTENT_W], header=False))
    return story


def standard_note(ctx: Ctx, d: dict[str, Any]) -> list[Any]:
    """The module's source and edition, when it names them."""
    std = d.get("standard")
    if not isinstance(std, dict) or not (std.get("source") or std.get("edition")):
        return []
    text = " — ".join(str(x) for x in (std.get("source"), std.get("edition")) if x)
    return [Spacer(1, 1.5 * mm), ctx.p(ctx.w.labelled(ctx.w("source"), text), "small")]
