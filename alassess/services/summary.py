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
        lines.append(("循环经济指数 " if zh else "Circular-economy index ") + f"{ce['index']:.2f}  →  {ce['grade']} ({label})")
        for i in ce["indicators"]:
            f = _fields.get(i["id"])
            val = "—" if i["value"] is None else f"{i['value']:g}"
            lines.append(f"  {f.label(lang):<28} {val:>10} {f.unit:<6} / {i['benchmark']:g}  {i['score']:6.2f}")
        if ce["missing"]:
            lines.append(("缺失指标（计 0 分）：" if zh else "Missing (scored 0): ") + ", ".join(ce["missing"]))
        for r in ce["reasons"]:
            lines.append(("未定级原因：" if zh else "Not graded: ") + r)
        ng = ce.get("next_grade")
        if ng:
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
            for i in part.get("indicators", []):
                lines.append(f"  {i['id']}: {i['level']}")
            for t in part.get("banned_technologies", []):
                lines.append(("  淘汰工艺仍在使用：" if zh else "  banned technology present: ") + t)
        elif key == "energy_carbon":
            for c in part.get("checks", []):
                lines.append(f"  {c['id']}: {c['status']}" + (f" ({c['level']})" if c.get("level") else ""))
        elif key == "dross":
            lines.append(f"  {part.get('code')}  {', '.join(part.get('hazards', []))}  "
                         + (f"{part.get('compliance_pct')}%" if part.get("compliance_pct") is not None else ""))
            for f in part.get("findings", []):
                lines.append(f"  [{f['severity']}] {f['id']}: {f.get('detail', '')}")
    for w in result.get("warnings", []) + (ce or {}).get("warnings", []):
        lines.append(("提示：" if zh else "warning: ") + w)
    return "\n".join(lines) + "\n"
