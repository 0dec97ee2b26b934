"""Clause references (where a requirement, an indicator or a check comes from) in the reader's language.

The source documents are Chinese. A Chinese report prints their references as they are; an English
report gives the clause numbers in English ("第四部分" → "Part 4", "表1" → "Table 1", "二.(一)" →
"2.(1)") and leaves out the Chinese description that may follow a reference: the documents are
listed with their English titles in part 8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alassess import catalogue

AS_WRITTEN = {"zh"}  # languages that read the references as the documents write them
_NUMERAL = "〇一二三四五六七八九十"
_N = rf"([{_NUMERAL}\d]+)"
# (pattern, catalogue id of its English words): ids report.clause.*
_TOKENS = [
    (re.compile(rf"第{_N}部分"), "part"),
    (re.compile(rf"第{_N}项"), "item"),
    (re.compile(rf"第{_N}条"), "article"),
    (re.compile(r"表\s*(\d+)"), "table"),
    (re.compile(r"附录\s*([A-Z]\d*)"), "annex"),
    (re.compile(r"基本要求()"), "basic_requirements"),
]
_SECTION = re.compile(rf"§([{_NUMERAL}]+)")
_BRACKETED = re.compile(rf"[（(]([{_NUMERAL}]+)[)）]")
_BARE = re.compile(rf"(?<![\u4e00-\u9fff])([{_NUMERAL}]+)(?=[.．、;,]|\s|$|\))")
_CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”…]+")


def number(s: str) -> str:
    """A Chinese numeral (一 … 九十九) as digits; digits pass through."""
    values = {ch: i for i, ch in enumerate(_NUMERAL)}
    if s.isdigit() or not all(ch in values for ch in s):
        return s
    if "十" not in s:
        return "".join(str(values[ch]) for ch in s)
    tens, _, units = s.partition("十")
    return str((values[tens] if tens else 1) * 10 + (values[units] if units else 0))


@dataclass(frozen=True)
class _Token:
    key: str
    n: str

    def text(self, lang: str) -> str:
        return catalogue.text(f"report.clause.{self.key}", lang, n=number(self.n) if self.n else "")


def _english(src: str, lang: str) -> str:
    # "reference — edition": an edition written in Chinese (a title, an issuing body) is left out
    first, *rest = src.split(" — ")
    return " — ".join([_reference(first, lang)] + [_reference(r, lang) for r in rest if not _CJK_RUN.search(r)])


_GLOSS = re.compile(r"[（(][\u4e00-\u9fff][^()（）]*[)）]")  # "(指标)": a description in brackets
_FIRST_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”…]")


def _reference(src: str, lang: str) -> str:
    """One reference ("doc clause; doc clause…") with its clause numbers in ``lang``; each part ends
    where its Chinese description begins."""
    out = src
    for pattern, key in _TOKENS:
        def token(m: re.Match[str], key: str = key) -> str:
            return "\x00" + _Token(key, m.group(1)).text(lang) + "\x01"

        out = pattern.sub(token, out)
    out = _SECTION.sub(lambda m: f"§{number(m.group(1))}", out)
    out = _BRACKETED.sub(lambda m: f"({number(m.group(1))})", out)
    out = _BARE.sub(lambda m: number(m.group(1)), out)
    out = re.sub("(?<=[\\d)\x01])、(?=[\\d(\x00])", ", ", out)  # 一、三 → 1, 3
    out = _GLOSS.sub("", out)
    pieces = []
    for piece in out.split(";"):
        words = re.split("(\x00[^\x01]*\x01)", piece)
        kept = []
        for w in words:
            if w.startswith("\x00"):
                kept.append(w[1:-1])
                continue
            m = _FIRST_CJK.search(w)
            kept.append(w[:m.start()] if m else w)
            if m:
                break
        text = re.sub(r"\s+", " ", "".join(kept))
        text = re.sub(r"\s+([,;.)])", r"\1", text).strip()
        text = re.sub(r"[\s,(—:]+$", "", text)
        if text:
            pieces.append(text)
    return "; ".join(pieces)


def clause(src: object, lang: str) -> str:
    """The reference ``src`` as a reader of ``lang`` reads it."""
    text = "" if src is None else str(src)
    if lang in AS_WRITTEN or not _CJK_RUN.search(text):
        return text
    return _english(text, lang)
