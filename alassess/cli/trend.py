"""``alassess trend --db DB --plant ID [--json]``: a plant's indicators over its periods (002)."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import Any

from alassess.cli._words import by_lang, say
from alassess.cli.core import add_db, db_path, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trend", help="a plant's indicators over its periods with year-over-year change / 多期趋势",
                       description="Every indicator of a plant per period (latest revision of each) with the change "
                                   "from the previous period: relative change in % for quantities, the change in "
                                   "percentage points for rates; the circular-economy index and grade, guideline "
                                   "levels and energy & carbon checks per period. / 企业各评估期指标及同比变化。")
    add_db(p)
    p.add_argument("--plant", required=True,
                   help="plant id (alassess list --json shows plant_id), unified social credit code or exact name")
    p.add_argument("--json", action="store_true", help="print the trend as JSON")
    p.set_defaults(func=cmd_trend)


def cmd_trend(args: argparse.Namespace) -> int:
    from alassess.services import trends  # deferred: start-up time (see alassess.cli)

    data = trends.plant_trend(db_path(args), args.plant, args.lang)
    if args.json:
        print_json(data)
    else:
        sys.stdout.write(render(data, args.lang))
    return 0


# ---- the text table -------------------------------------------------------------------------------

def width(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, cols: int, right: bool = False) -> str:
    fill = " " * max(cols - width(text), 0)
    return fill + text if right else text + fill


def _table(rows: list[list[str]]) -> list[str]:
    n = max(len(r) for r in rows)
    cols = [max(width(r[i]) if i < len(r) else 0 for r in rows) for i in range(n)]
    out = []
    for r in rows:
        cells = [_pad(c, cols[i], right=i >= 2) for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def _signed(v: float | int) -> str:
    return ("+" if v > 0 else "") + _fmt(v)


def change_text(ch: dict[str, Any] | None, unit: str, lang: str) -> str:
    """``(+3.64%)`` for a quantity, ``(+2 pp)`` for a rate in %, ``(±0)`` when unchanged."""
    if ch is None:
        return ""
    if ch["direction"] == "flat":
        return "(±0)"
    if unit == "%":
        return f"({_signed(ch['absolute'])} {say('cli.trend.pp', lang)})"
    if ch["relative_pct"] is None:
        return f"({_signed(ch['absolute'])})"
    return f"({_signed(ch['relative_pct'])}%)"


def _status(status: str, lang: str) -> str:
    return say(f"cli.trend.status.{status}", lang) if status in ("draft", "final", "signed") else status


def render(data: dict[str, Any], lang: str = "en") -> str:
    # deferred: start-up time (see alassess.cli)
    from alassess.domain import energy, guideline, messages
    from alassess.domain import fields as _fields

    p = data["plant"]
    periods = data["periods"]
    lines = [f"{p['name']}  [{messages.sector_name(p['sector'], lang)}]  "
             + say("cli.trend.plant", lang, id=p["id"])
             + (f"  {periods[0]}–{periods[-1]}" if periods else "")]
    if not periods:
        lines.append(messages.text("tr_plant_no_assessments", lang, id=p["id"]))
        return "\n".join(lines) + "\n"
    rows = [[say("cli.trend.assessment", lang), ""]
            + [f"#{m.get('assessment_id', '')} r{m.get('revision', '')} {_status(m.get('status', ''), lang)}"
               for m in data["assessments"]]]
    rows.append([say("cli.trend.indicator", lang), say("cli.trend.unit", lang)] + periods)
    for ind in data["indicators"]:
        row = [by_lang(lang, ind["label_zh"], ind["label_en"]), ind["unit"]]
        for pt in ind["points"]:
            cell = _fmt(pt["value"])
            if pt["entered_as"] == "consumption":
                cell += "*"
            ch = change_text(pt["change"], ind["unit"], lang)
            row.append(f"{cell} {ch}".strip())
        rows.append(row)
    ce = data.get("circular_economy")
    if ce:
        row = [say("cli.trend.circular_economy", lang), ""]
        for pt in ce:
            ch = pt["change"]
            ch = "" if ch is None else " (±0)" if ch["direction"] == "flat" else f" ({ch['absolute']:+.2f})"
            row.append(f"{pt['index']:.2f} {pt['grade']}{ch}")
        rows.append(row)
    lines += _table(rows)
    if any(pt["entered_as"] == "consumption" for ind in data["indicators"] for pt in ind["points"]):
        lines.append(say("cli.trend.from_consumption", lang))
    lines.append(say("cli.trend.change_legend", lang))

    gl = data.get("guideline") or []
    ids = [i for i in (s.id for s in guideline.specs()) if any(i in g["levels"] for g in gl)]
    if ids:
        lines.append("")
        rows = [[say("cli.trend.guideline_levels", lang)] + periods]
        for iid in ids:
            rows.append([_fields.get(iid).label(lang)]
                        + [guideline.level_word(g["levels"].get(iid, "missing"), lang) for g in gl])
        if any(g["technology_status"] != "not_applicable" for g in gl):
            rows.append([say("cli.trend.banned_technologies", lang)]
                        + [say(f"cli.trend.technology.{g['technology_status']}", lang) for g in gl])
        lines += _table_left(rows)
    ec = data.get("energy_carbon")
    if ec:
        lines.append("")
        rows = [[say("cli.trend.energy_carbon", lang)] + periods]
        for spec in energy.data()["checks"]:
            label = energy.check_label(spec["id"], lang)
            cells = []
            for e in ec:
                st = e["statuses"].get(spec["id"], "missing")
                word = energy.status_word(st, lang)
                if spec["id"] == "energy_efficiency" and e.get("energy_efficiency_level"):
                    word += "·" + energy.level_word(e["energy_efficiency_level"], lang)
                cells.append(word)
            rows.append([label] + cells)
        lines += _table_left(rows)
    return "\n".join(lines) + "\n"


def _table_left(rows: list[list[str]]) -> list[str]:
    n = max(len(r) for r in rows)
    cols = [max(width(r[i]) if i < len(r) else 0 for r in rows) for i in range(n)]
    return ["  ".join(_pad(c, cols[i]) for i, c in enumerate(r)).rstrip() for r in rows]
