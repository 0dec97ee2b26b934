"""One catalogue of the words the user reads outside widgets (messages, findings, report and label text).

Every entry is a message id with its text in Chinese (``zh_CN``) and English (``en``), kept in the
JSON files of ``resources/words/`` (one file per area, so areas grow without touching each
other; an id may appear in one file only). Texts are ``str.format`` templates with named arguments.
Code names ids, never sentences, and never chooses a language inline: ``text(id, lang, **args)``.

An argument may itself be something that says itself in a language (anything with a
``text(lang)`` method, such as :class:`Term`), so a finding can carry "the field's name" or "the
sector's name" and have it rendered in the reader's language.

Widgets keep Qt Linguist (.ts/.qm); this catalogue is for everything else.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Protocol, runtime_checkable

WORDS_PACKAGE = "alassess.resources"
WORDS_FOLDER = "words"
LANGS = ("zh", "en")
# The language codes of the catalogue's files, by the code used in the program.
FILE_LANG = {"zh": "zh_CN", "en": "en"}


@runtime_checkable
class Says(Protocol):
    """Anything that can put itself into words in a language."""

    def text(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Term:
    """A catalogue entry with its arguments, rendered when the reader's language is known."""

    id: str
    args: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return text(self.id, lang, **self.args)


@dataclass(frozen=True)
class Literal:
    """Words that are the same in every language (a proper name, a code, a number)."""

    value: str

    def text(self, lang: str) -> str:  # noqa: ARG002 - the same in every language
        return self.value


class CatalogueError(Exception):
    """The catalogue's files are inconsistent (a programming error, found by the tests)."""


@cache
def entries() -> dict[str, dict[str, str]]:
    """Every entry: id → {"zh": …, "en": …} (cached; treat as read-only)."""
    folder = resources.files(WORDS_PACKAGE).joinpath(WORDS_FOLDER)
    out: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        with item.open("r", encoding="utf-8") as fh:
            data = json.load(fh)
        for key, texts in data.items():
            if key in out:
                raise CatalogueError(f"message id {key!r} is in both {where[key]} and {item.name}")
            out[key] = {lang: texts.get(code, "") for lang, code in FILE_LANG.items()}
            where[key] = item.name
    return out


def has(key: str) -> bool:
    return key in entries()


def template(key: str, lang: str) -> str:
    """The raw template of ``key`` in ``lang`` ('zh' or 'en'; anything else reads as English)."""
    try:
        texts = entries()[key]
    except KeyError:
        raise CatalogueError(f"unknown message id {key!r}") from None
    return texts["zh" if lang == "zh" else "en"]


def render_arg(value: object, lang: str) -> object:
    """An argument as the reader sees it: words that say themselves are said in ``lang``."""
    # what ``isinstance(value, Says)`` decides (a ``text`` attribute that is not None), without the
    # runtime protocol check's cost (it walks the protocol's members on every call)
    if type(value) in _PLAIN or isinstance(value, str) or getattr(value, "text", None) is None:
        return value
    return value.text(lang)  # type: ignore[attr-defined]


_PLAIN = frozenset({int, float, bool, type(None)})


def text(key: str, lang: str = "en", /, **args: object) -> str:
    """The message ``key`` in ``lang`` with its arguments filled in."""
    return template(key, lang).format(**{k: render_arg(v, lang) for k, v in args.items()})


def both(key: str, /, **args: object) -> tuple[str, str]:
    """The message in Chinese and in English (for bilingual outputs such as the label sheet)."""
    return text(key, "zh", **args), text(key, "en", **args)


def placeholders(tmpl: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(tmpl) if name}


def problems() -> list[str]:
    """What is wrong with the catalogue: an entry without both languages, or whose languages
    ask for different arguments. Empty when all is well (a test checks it)."""
    out: list[str] = []
    for key, texts in entries().items():
        for lang in LANGS:
            if not texts.get(lang, "").strip():
                out.append(f"{key}: no {FILE_LANG[lang]} text")
        if texts.get("zh") and texts.get("en") and placeholders(texts["zh"]) != placeholders(texts["en"]):
            out.append(f"{key}: zh_CN asks for {sorted(placeholders(texts['zh']))}, "
                       f"en for {sorted(placeholders(texts['en']))}")
    return out
