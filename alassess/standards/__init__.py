"""Versioned reference data (benchmarks, thresholds, coefficients, field catalogue), by edition.

Layout: one folder per data file ("module"), one JSON file per edition, named by its id::

    resources/standards/<module>/<edition id>.json
    e.g. circular_economy/2015-draft.json, energy_carbon/2024-972.json

Each edition file carries, next to its numbers (each with its source clause), who and what it is:
``id`` (the module), ``edition_id`` (the file's name), ``edition`` (its title), ``edition_date``
(ISO, as precise as the document says: ``2015-11``, ``2024-07-03``), ``edition_status``
(``draft``, ``in_force`` or ``superseded``) and ``source`` (the document and its clauses). They make
the :class:`Edition` record. A new edition of a standard is a new file beside the old ones; an
edition is never edited in place, because assessments name the edition they were scored with and a
signed report must score the same in ten years (DOMAIN §8 "Editions"). A file per edition, rather
than one file listing every edition, keeps an old edition byte for byte what it was and makes
adding one a plain new file.

The *current* edition of a module — the one a new assessment records — is the newest (by date)
edition in force, or, when none is in force, the newest draft; a superseded edition is never current.

Which edition is read: ``load(name, edition_id)`` reads that edition; ``load(name)`` reads the edition
selected for ``name`` in the current scope (:func:`using`), else the current one. The reference data
are read by many small functions of the domain (a grade boundary, a check's threshold, a finding's
severity); rather than thread an edition through each, the places that score or read one assessment
(the domain's entry points, marked :func:`with_editions`, and the scoring and report services) open
``using(assessment.standards)`` once. The selection is a :class:`contextvars.ContextVar`, so it
belongs to the code running in that thread and ends with the ``with`` block.

:func:`extra_folder` adds a folder of further editions laid out the same way (tests build a second
edition in a temporary folder; an office could receive a new edition as data). An extra folder adds
editions; it cannot replace a shipped one (same module and id with other content is refused).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, wraps
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

STANDARDS_PACKAGE = "alassess.resources"
STATUSES = ("draft", "in_force", "superseded")
# The modules whose editions an assessment records (labels are printed for a plant's containers and
# are not part of scoring an assessment).
RECORDED = ("circular_economy", "guideline", "energy_carbon", "dross", "fields")


@dataclass(frozen=True)
class Edition:
    """One dated edition of one reference-data file (DOMAIN §8 "Editions").

    ``module`` is the data file's name (``circular_economy``, ``guideline``, ``energy_carbon``,
    ``dross``, ``labels``, ``fields``); ``status`` is ``draft``, ``in_force`` or ``superseded``.
    """

    module: str
    id: str
    title: str
    date: str
    status: str
    source: str


class UnknownEdition(LookupError):
    """An edition id (or a module) that no edition file has. ``known``: the module's edition ids."""

    def __init__(self, module: str, edition: str, known: tuple[str, ...]) -> None:
        self.module, self.edition, self.known = module, edition, known
        super().__init__(f"{module}: no edition {edition!r} (known: {', '.join(known) or 'none'})")


_EXTRA: list[Path] = []
_SELECTED: ContextVar[Mapping[str, str]] = ContextVar("alassess_editions", default=MappingProxyType({}))


@cache
def _shipped() -> Traversable:
    return resources.files(STANDARDS_PACKAGE).joinpath("standards")


def _folders() -> tuple[Traversable, ...]:
    return (_shipped(), *_EXTRA)


@contextmanager
def extra_folder(path: str | Path) -> Iterator[None]:
    """Editions in ``path`` (``<module>/<edition id>.json``) are known inside the block."""
    _EXTRA.append(Path(path))
    try:
        yield
    finally:
        _EXTRA.remove(Path(path))


def _edition_of(module: str, data: dict[str, Any], where: str) -> Edition:
    e = Edition(module=module, id=str(data.get("edition_id", "")), title=str(data.get("edition", "")),
                date=str(data.get("edition_date", "")), status=str(data.get("edition_status", "")),
                source=str(data.get("source", "")))
    if data.get("id") != module or not e.id or e.status not in STATUSES or not e.date:
        raise ValueError(f"{where}: an edition file needs id = {module!r}, edition_id, edition_date and "
                         f"edition_status ({'/'.join(STATUSES)})")
    return e


@cache
def _index(folders: tuple[Traversable, ...]) -> dict[str, dict[str, tuple[Edition, str]]]:
    """module → edition id → (record, file text), over every folder."""
    out: dict[str, dict[str, tuple[Edition, str]]] = {}
    for root in folders:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir(), key=lambda p: p.name):
            if not folder.is_dir() or folder.name.startswith(("_", ".")):
                continue
            for item in sorted(folder.iterdir(), key=lambda p: p.name):
                if not item.name.endswith(".json"):
                    continue
                text = item.read_text(encoding="utf-8")
                where = f"{folder.name}/{item.name}"
                ed = _edition_of(folder.name, json.loads(text), where)
                if ed.id != item.name[:-5]:
                    raise ValueError(f"{where}: edition_id is {ed.id!r}; the file must be named after it")
                known = out.setdefault(folder.name, {})
                if ed.id in known and known[ed.id][1] != text:
                    raise ValueError(f"{where}: edition {ed.id!r} of {folder.name} exists already with other "
                                     "content; a new edition needs a new id")
                known.setdefault(ed.id, (ed, text))
    return out


def available() -> list[str]:
    """The modules (data files) there are editions of."""
    return sorted(_index(_folders()))


def editions_of(module: str) -> list[Edition]:
    """Every edition of ``module``, oldest first."""
    return sorted((e for e, _ in _index(_folders()).get(module, {}).values()), key=lambda e: (e.date, e.id))


def edition(module: str, edition_id: str) -> Edition:
    """The record of one edition; :class:`UnknownEdition` if there is no such edition."""
    found = _index(_folders()).get(module, {}).get(edition_id)
    if found is None:
        raise UnknownEdition(module, edition_id, tuple(e.id for e in editions_of(module)))
    return found[0]


def current(module: str) -> Edition:
    """The edition a new assessment records: the newest in force, else the newest draft."""
    return _current(module, _folders())


@cache
def _current(module: str, folders: tuple[Traversable, ...]) -> Edition:
    eds = sorted((e for e, _ in _index(folders).get(module, {}).values()), key=lambda e: (e.date, e.id))
    for status in ("in_force", "draft"):
        picked = [e for e in eds if e.status == status]
        if picked:
            return picked[-1]
    raise UnknownEdition(module, "", tuple(e.id for e in eds))


def current_ids(modules: tuple[str, ...] = RECORDED) -> dict[str, str]:
    """module → id of its current edition (what an assessment without ``standards`` records)."""
    return {m: current(m).id for m in modules}


def selected(module: str) -> str:
    """The id of the edition of ``module`` read in this scope (see :func:`using`)."""
    return _SELECTED.get().get(module) or current(module).id


@contextmanager
def using(selection: Mapping[str, str] | None) -> Iterator[None]:
    """Read these editions (module → edition id) inside the block; modules not named keep the
    selection around the block, or the current edition. Unknown ids raise :class:`UnknownEdition`."""
    chosen = dict(selection or {})
    for module, eid in chosen.items():
        edition(module, eid)
    token = _SELECTED.set(MappingProxyType({**_SELECTED.get(), **chosen}))
    try:
        yield
    finally:
        _SELECTED.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


def with_editions(fn: F) -> F:
    """Decorate a function whose first argument is an assessment: it reads that assessment's editions
    (``assessment.standards``) of the reference data."""

    @wraps(fn)
    def run(assessment: Any, *args: Any, **kwargs: Any) -> Any:
        with using(getattr(assessment, "standards", None)):
            return fn(assessment, *args, **kwargs)

    return run  # type: ignore[return-value]


@cache
def _parsed(module: str, edition_id: str, folders: tuple[Traversable, ...]) -> dict[str, Any]:
    found = _index(folders).get(module, {}).get(edition_id)
    if found is None:
        raise UnknownEdition(module, edition_id, tuple(e.id for e in editions_of(module)))
    data: dict[str, Any] = json.loads(found[1])
    return data


def load(name: str, edition_id: str | None = None) -> dict[str, Any]:
    """The data of one edition of ``name`` (default: the edition selected in this scope, else the
    current one). Cached: treat the result as read-only."""
    return _parsed(name, edition_id or selected(name), _folders())


def editions() -> dict[str, str]:
    """Title of the edition of every data file read in this scope, for reports ("method and sources")."""
    return {name: load(name).get("edition", "") for name in available()}


def selected_editions(modules: tuple[str, ...] | None = None) -> dict[str, Edition]:
    """module → the :class:`Edition` read in this scope (every module, or those named)."""
    return {m: edition(m, selected(m)) for m in (modules if modules is not None else tuple(available()))}
