"""Clause references of the standards as a reader of either language reads them.

The sources are written the way the Chinese documents number themselves ("001 表2, §七.2",
"003 二.(一)", "000 §5.3(5)(二) 国家明令禁止……"). In Chinese they are shown as they are; in English the
numbering is said in English (表2 → Table 2, §七 → §7, 二.(一) → 2.(1), 第四部分 → Part 4) and the
descriptive words come from the catalogue (ids ``clause.*``: the Chinese words and their English).
Document numbers, GB/T numbers and § numbers stay as they are.
"""

from __future__ import annotations

import re
from functools import cache

from alassess import catalogue

SOURCE_LANG = "zh"  # the language the references are written in
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMERAL = "[一二三四五六七八九十]+"


def chinese_numeral(text: str) -> int:
    """一 … 九十九 as a number."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) * 10) + (_DIGITS.get(ones, 0))
    return _DIGITS[text]


@cache
def _phrases() -> list[tuple[str, str]]:
    """(Chinese, English) of every ``clause.*`` entry, longest first so that longer phrases win."""
    out = []
    for key in catalogue.entries():
        if key.startswith("clause."):
            out.append((catalogue.text(key, "zh"), catalogue.text(key, "en")))
    return sorted(out, key=lambda p: -len(p[0]))


def clause_text(source: str, lang: str) -> str:
    """``source`` for a reader of ``lang``."""
    if lang == SOURCE_LANG or not source:
        return source
    text = source
    for zh, en in _phrases():
        text = text.replace(zh, en)
    text = re.sub(r"第(" + _NUMERAL + r")部分", lambda m: f"Part {chinese_numeral(m.group(1))}", text)
    text = re.sub(r"表\s*(\d+)", r"Table \1", text)
    text = re.sub(r"\((" + _NUMERAL + r")\)", lambda m: f"({chinese_numeral(m.group(1))})", text)
    text = re.sub(r"§(" + _NUMERAL + ")", lambda m: f"§{chinese_numeral(m.group(1))}", text)
    # 003's own numbering: "003 二.(一)、三" — numerals that start a part of the reference
    text = re.sub(r"(^|[\s,、;.])(" + _NUMERAL + r")(?=$|[\s,、;.(])",
                  lambda m: m.group(1) + str(chinese_numeral(m.group(2))), text)
    return (text.replace("、", ", ").replace("（", " (").replace("）", ")").replace("《", "“").replace("》", "”")
            .replace("·", " · ").replace("  ", " ").strip())
