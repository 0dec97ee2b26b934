"""The waste codes the product knows (DOMAIN.md §6.1–6.2): the dross codes of its classes and the
code of dust-collection ash. A code in no catalogue of the product (e.g. 321-999-48), in a ledger
row, a receiver's licensed codes or a container, is bad input naming the code, never stored."""

from __future__ import annotations

from functools import cache

from alassess import standards
from alassess.domain.errors import InputError


@cache
def known_codes() -> tuple[str, ...]:
    dross = standards.load("dross")
    codes = {c["code"] for c in dross["classes"].values()}
    codes.add(dross["dust_ash_code"]["code"])
    return tuple(sorted(codes))


def check_known(code: str, field: str | None) -> str:
    """``code`` (already of the form 000-000-00) when the product knows it, else ``waste_code_unknown``."""
    if code not in known_codes():
        raise InputError("waste_code_unknown", field, code=code, known="、".join(known_codes()))
    return code
