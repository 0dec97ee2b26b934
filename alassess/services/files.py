"""Reading and writing assessment files (the format in README, "The assessment file")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alassess import standards
from alassess.domain.assessment import Assessment, parse_assessment, to_document
from alassess.domain.errors import InputError
from alassess.fileio import atomic_write  # noqa: F401 (the services' way to write a file)


def read_json(path: str | Path) -> Any:
    path = Path(path)
    return _parse_json(_read_bytes(path), path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file_not_found", None, path=str(path)) from None
    except IsADirectoryError:
        raise InputError("file_unreadable", None, path=str(path), reason="is a directory") from None
    except OSError as exc:
        raise InputError("file_unreadable", None, path=str(path), reason=exc.strerror or str(exc)) from None


def _parse_json(raw: bytes, path: Path) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not_utf8", str(path)) from None
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError("bad_json", str(path), line=exc.lineno, col=exc.colno, reason=exc.msg) from None
    except RecursionError:
        raise InputError("bad_json", str(path), line=0, col=0, reason="nested too deeply") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A key given twice in one object is an error: which of the two values was meant is unknown."""
    out: dict[str, Any] = dict(pairs)  # built in C; only an object with a repeated key is looked at again
    if len(out) == len(pairs):
        return out
    out = {}
    for key, value in pairs:
        if key in out:
            raise InputError("duplicate_key", key, key=key)
        out[key] = value
    return out


def _reject_constant(name: str) -> Any:
    raise InputError("not_finite", None)


def load_assessment_file(path: str | Path) -> Assessment:
    return parse_assessment(read_json(path))


def load_assessment_file_bytes(path: str | Path) -> tuple[Assessment, bytes]:
    """The assessment in a file and the very bytes it was read from (read once)."""
    path = Path(path)
    raw = _read_bytes(path)
    return parse_assessment(_parse_json(raw, path)), raw


def names_its_editions(raw: bytes) -> bool:
    """Whether an assessment file (already parsed once) names the edition of every recorded module."""
    named = json.loads(raw.decode("utf-8-sig")).get("standards")
    return isinstance(named, dict) and all(isinstance(named.get(m), str) for m in standards.RECORDED)


def assessment_bytes(a: Assessment) -> bytes:
    return (json.dumps(to_document(a), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def save_assessment_file(a: Assessment, path: str | Path) -> None:
    atomic_write(path, assessment_bytes(a))
