"""Plain-text summary of a scored assessment (``alassess score`` without ``--json``).

Each module's figures, then every finding as the domain graded and worded it (the ``findings`` list
of the result), most serious first; nothing is classified here. The words are the catalogue's."""

from __future__ import annotations

import unicodedata
from typing import Any

from alassess import catalogue
from alassess.domain import circular, messages, words
from alassess.domain import fields as _fields
from alassess.domain.assessment import Assessment
from alassess.domain.findings import Severity

MODULE_SECTIONS = ("guideline", "energy_carbon", "dross")


def text_summary(a: Assessment, result: dict[str, Any], lang: str = "en") -> str:
    lines = [f"{a.plant.name}  [{messages.sector_name(a.plant.sector, lang)}]  {a.period}"]
    ce = result.get("circular_economy")
    lines += _circular_lines(ce, lang) if ce else [catalogue.text("summary.ce_not_applicable", lang)]
    for key in MODULE_SECTIONS:
        part = result.get(key)
        if part is None:
            continue
        lines.append(catalogue.text(f"summary.title.{key}", lang))
        if key == "guideline":
            lines += _guideline_lines(part, lang)
        elif key == "energy_carbon":
            lines += _energy_lines(part)
        else:
            lines.append(f"  {part.get('code')}  {', '.join(part.get('hazards', []))}  "
                         + (f"{part.get('compliance_pct')}%" if part.get("compliance_pct") is not None else ""))
    found = sorted(result.get("findings") or [], key=lambda f: Severity(f["severity"]).rank)
    if found:
        lines.append(catalogue.text("summary.title.findings", lang))
    for f in found:
        lines.append(f"  [{Severity(f['severity']).text(lang)}] {f['id']}: {f['text']}")
    return "\n".join(lines) + "\n"


def _circular_lines(ce: dict[str, Any], lang: str) -> list[str]:
    label = circular.grade_label(ce["grade"], lang)
    if ce["grade"] == "none":  # never the raw "none"
        lines = [catalogue.text("summary.ce_index_no_grade", lang, index=f"{ce['index']:.2f}", label=label)]
    else:
        lines = [catalogue.text("summary.ce_index", lang, index=f"{ce['index']:.2f}", grade=ce["grade"], label=label)]
    for i in ce["indicators"]:
        f = _fields.get(i["id"])
        val = "—" if i["value"] is None else f"{i['value']:g}"
        lines.append(f"  {f.label(lang):<28} {val:>10} {f.unit:<6} / {i['benchmark']:g}  {i['score']:6.2f}")
    ng = ce.get("next_grade")
    if ng and (ng["points_needed"] or 0) <= 0 and ng.get("requirements_unmet"):
        # the index is enough: only basic requirements are missing (not "0.00 points to go")
        names = words.joined(_fields.FieldName(r) for r in ng["requirements_unmet"])
        lines.append(catalogue.text("summary_next_grade_requirements_only", lang, target=ng["target"], names=names))
    elif ng:
        lines.append(catalogue.text("summary.to_reach", lang, target=ng["target"], points=f"{ng['points_needed']:.2f}"))
        for step in ng["plan"]:
            f = _fields.get(step["id"])
            lines.append(f"    {f.label(lang)}: {step['from'] if step['from'] is not None else '—'} → {step['to']} {f.unit}")
    return lines


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (CJK characters take two)."""
    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - cols, 0)


def _num(v: Any) -> str:
    return "—" if v is None else f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _guideline_lines(part: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for i in part.get("indicators", []):
        if i.get("level") == "not_applicable":
            continue
        value = f"{_num(i.get('value'))} {i.get('unit', '')}".strip() if i.get("value") is not None else "—"
        lines.append(f"  {_pad(i.get('label', i['id']), 34)} {value:>9}  [{i.get('level_label', i['level'])}]  "
                     + (f"{i['detail']}" if i.get("detail") else ""))
    tech = part.get("technology") or {}
    status = tech.get("status")
    if status == "pass":
        lines.append("  " + catalogue.text("summary.no_banned", lang))
    elif status == "missing":
        lines.append("  " + catalogue.text("summary.banned_unanswered", lang, n=len(tech.get("unanswered", []))))
    enc = part.get("encouraged") or {}
    if enc.get("total"):
        lines.append("  " + catalogue.text("summary.encouraged", lang, adopted=enc["adopted_count"], total=enc["total"],
                                           answered=enc["answered_count"]))
    return lines


def _energy_lines(part: dict[str, Any]) -> list[str]:
    lines = []
    for c in part.get("checks", []):
        status = c.get("status_label", c["status"])
        if c.get("level_label"):
            status += f" · {c['level_label']}"
        lines.append(f"  {_pad(c.get('label', c['id']), 40)} [{status}]  {c.get('detail', '')}  ({c.get('clause', '')})")
    return lines
