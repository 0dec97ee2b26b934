"""Which dross a plant generates: code, class, hazards, stages and disposal routes (004 §3–§5, 表1–表4)."""

from __future__ import annotations

from dataclasses import dataclass

from alassess.domain import words
from alassess.domain.dross.common import KINDS, data


@dataclass(frozen=True)
class Classification:
    sector: str
    code: str
    class_zh: str
    class_en: str
    hazards: tuple[str, ...]
    category: str
    industry_zh: str
    stages: dict[str, list[dict[str, str]]]
    routes: dict[str, list[dict[str, str]]]
    dust_ash_code: str
    source: str


def applies(sector: str) -> bool:
    return sector in data()["classes"]


def classify(sector: str) -> Classification | None:
    """The dross a plant of this sector generates; ``None`` for sectors without dross (alumina)."""
    d = data()
    cls = d["classes"].get(sector)
    if cls is None:
        return None
    stages = d["stages"][sector]
    routes = d["disposal_routes"]
    return Classification(
        sector=sector, code=cls["code"], class_zh=cls["class_zh"], class_en=cls["class_en"],
        hazards=tuple(cls["hazards"]), category=d["category"]["id"],
        industry_zh=d["sector_industries"][sector]["zh"],
        stages={k: [dict(s) for s in stages[k]] for k in KINDS},
        routes={k: [dict(r) for r in routes[k]] for k in KINDS},
        dust_ash_code=d["dust_ash_code"]["code"], source=cls["source"])


def kind_name(kind: str, lang: str) -> str:
    names = data()["kind_short"].get(kind)
    return words.pick(names, lang) if names else kind


def movement_name(movement: str, lang: str) -> str:
    names = data()["movement_names"].get(movement)
    return words.pick(names, lang) if names else movement
