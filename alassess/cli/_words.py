"""What the commands print: words from the catalogue (``resources/words/cli.json``), never
chosen inline by language."""

from __future__ import annotations

from typing import TypeVar

from alassess import catalogue

T = TypeVar("T")


def say(key: str, lang: str, /, **args: object) -> str:
    """The catalogue's message ``key`` in ``lang``."""
    return catalogue.text(key, lang, **args)


def error_line(message: str, lang: str) -> str:
    """``错误：…`` / ``error: …``: the one line a refused command writes to stderr (with its newline)."""
    return catalogue.text("cli.error", lang, message=message) + "\n"


def by_lang(lang: str, zh: T, en: T) -> T:
    """Of data that a service hands over in both languages (a plant's class, an indicator's label),
    the reader's. Words of the program itself are catalogue entries, never chosen with this."""
    return {"zh": zh}.get(lang, en)
