"""Plain-text summary of a scored assessment (``alassess score`` without ``--json``)."""

from __future__ import annotations

from typing import Any

from alassess.domain import circular, messages
from alassess.domain import fields as _fields
from alassess.domain.assessment import Assessment


def text_summary(a: Assessment, result: dict[str, Any], lang: str = "en") -> str:
    zh = lang == "zh"
    lines = [f"{a.plant.name}  [{messages.sector_name(a.plant.sector, lang)}]  {a.period}"]
    ce = result.get("circular_economy")
    if ce:
        label = circular.grade_label(ce["grade"], lang)
        grade = label if ce["grade"] == "none" else f"{ce['grade']} ({label})"  # never the raw "none"
        lines.append(("循环经济指数 " if zh else "Circular-economy index ") + f"{ce['index']:.2f}  →  {grade}")
        for i in ce["indicators"]:
            f = _fields.get(i["id"])
            val = "—" if i["value"] is None else f"{i['value']:g}"
            lines.append(f"  {f.label(lang):<28} {val:>10} {f.unit:<6} / {i['benchmark']:g}  {i['score']:6.2f}")
        if ce["missing"]:
            lines.append(("缺失指标（计 0 分）：" if zh else "Missing (scored 0): ") + ", ".join(ce["missing"]))
        for r in ce["reasons"]:
            lines.append(("未定级原因：" if zh else "Not graded: ") + r)
        ng = ce.get("next_grade")
        if ng and (ng["points_needed"] or 0) <= 0 and ng.get("requirements_unmet"):
            # the index is enough: only basic requirements are missing (not "0.00 points to go")
            names = circular.FieldNames(tuple(ng["requirements_unmet"]))
            lines.append(messages.text("summary_next_grade_requirements_only", lang, target=ng["target"], names=names))
        elif ng:
            lines.append((f"距 {ng['target']} 还差 " if zh else f"To reach {ng['target']}: ")
                         + f"{ng['points_needed']:.2f}" + (" 分" if zh else " points"))
            for step in ng["plan"]:
                f = _fields.get(step["id"])
                lines.append(f"    {f.label(lang)}: {step['from'] if step['from'] is not None else '—'} → {step['to']} {f.unit}")
    else:
        lines.append("循环经济评价不适用于该行业" if zh else "Circular-economy evaluation does not apply to this sector")
    for key, title_zh, title_en in (("guideline", "导则指标", "Guideline"), ("energy_carbon", "节能降碳", "Energy & carbon"),
                                    ("dross", "铝灰", "Dross")):
        part = result.get(key)
        if part is None:
            continue
        lines.append(title_zh if zh else title_en)
        if key == "guideline":
            lines += _guideline_lines(part, zh)
        elif key == "energy_carbon":
            lines += _energy_lines(part, zh)
        elif key == "dross":
            lines.append(f"  {part.get('code')}  {', '.join(part.get('hazards', []))}  "
                         + (f"{part.get('compliance_pct')}%" if part.get("compliance_pct") is not None else ""))
            for f in part.get("findings", []):
                lines.append(f"  [{f['severity']}] {f['id']}: {f.get('detail', '')}")
    for w in result.get("warnings", []) + (ce or {}).get("warnings", []):
        lines.append(("提示：" if zh else "warning: ") + w)
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (CJK characters take two)."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - cols, 0)


def _num(v: Any) -> str:
    return "—" if v is None else f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _guideline_lines(part: dict[str, Any], zh: bool) -> list[str]:
    lines = []
    for i in part.get("indicators", []):
        if i.get("level") == "not_applicable":
            continue
        value = f"{_num(i.get('value'))} {i.get('unit', '')}".strip() if i.get("value") is not None else "—"
        lines.append(f"  {_pad(i.get('label', i['id']), 34)} {value:>9}  [{i.get('level_label', i['level'])}]  "
                     + (f"{i['detail']}" if i.get("detail") else ""))
    tech = part.get("technology") or {}
    names = {t["id"]: t.get("label", t["id"]) for t in tech.get("items", [])}
    for t in part.get("banned_technologies", []):
        lines.append(("  ✗ 淘汰类工艺仍在使用：" if zh else "  ✗ banned technology still in use: ") + names.get(t, t))
    status = tech.get("status")
    if status == "pass":
        lines.append("  ✓ 淘汰类工艺均未使用" if zh else "  ✓ no banned technology in use")
    elif status == "missing":
        n = len(tech.get("unanswered", []))
        lines.append(f"  ? 淘汰类工艺有 {n} 项未回答" if zh else f"  ? {n} banned-technology question(s) unanswered")
    enc = part.get("encouraged") or {}
    if enc.get("total"):
        lines.append((f"  鼓励类技术已采用 {enc['adopted_count']}/{enc['total']}（已回答 {enc['answered_count']}，不计分）"
                      if zh else f"  encouraged technologies adopted: {enc['adopted_count']}/{enc['total']} "
                      f"({enc['answered_count']} answered; reported, not scored)"))
    return lines


def _energy_lines(part: dict[str, Any], zh: bool) -> list[str]:
    lines = []
    for c in part.get("checks", []):
        status = c.get("status_label", c["status"])
        if c.get("level_label"):
            status += f" · {c['level_label']}"
        lines.append(f"  {_pad(c.get('label', c['id']), 40)} [{status}]  {c.get('detail', '')}  ({c.get('clause', '')})")
    return lines
