"""How long a text the product accepts, field by field (one place; the docs quote these numbers).

Every text a user or a file supplies is bounded: an assessment file's names and descriptions, a
ledger's cells, a label's or sign's free texts, report options. A longer text is bad input (one
line naming the field, its length and the limit), refused before it reaches a layout, an encoder
or the database, so that nothing downstream can be slowed down or broken by sheer size.
"""

from __future__ import annotations

from alassess.domain.errors import InputError

NAME_MAX = 200  # names: plant, assessor, organisation, contact, receiver, container, …
CODE_MAX = 64  # identifiers: credit code, licence number, phone, serial-like strings
TEXT_MAX = 2000  # longer descriptions: address, remarks in a file or a ledger row
LABEL_TEXT_MAX = 500  # a free text printed on a label or a sign (at 6 mm it fills a 300 mm label)
PATH_MAX = 4096  # a file path given on the command line


def check_length(text: str, field: str | None, limit: int) -> str:
    """``text`` unchanged, or :class:`InputError` ``text_too_long`` naming the field and the limit."""
    if len(text) > limit:
        raise InputError("text_too_long", field, n=f"{len(text):,}", limit=f"{limit:,}")
    return text
