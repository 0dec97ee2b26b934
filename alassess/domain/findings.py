"""One kind of finding for every module: what the domain found, how serious it is, and its words.

Severity and wording are decided here, in the domain, once. The GUI, the report and the CLI render
findings (``finding.text(lang)``, ``finding.severity``) and never re-classify them; a form marks the
fields it concerns from ``finding.fields``, never by reading the message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from alassess import catalogue


class Severity(str, Enum):
    """How much a finding matters, most serious first (the order of ``RANK``)."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        return RANK[self]

    def text(self, lang: str) -> str:
        return catalogue.text(f"severity.{self.value}", lang)


RANK = {Severity.CRITICAL: 0, Severity.MAJOR: 1, Severity.MINOR: 2, Severity.INFO: 3}


@dataclass(frozen=True)
class Finding:
    """Something an assessor must see: a failed check, a missing value, an implausible figure.

    ``id`` is stable (it is in ``score --json``); ``module`` is the module that found it
    (``circular_economy``, ``guideline``, ``energy_carbon``, ``dross``, ``input``); ``clause`` the
    source clause of the rule; ``fields`` the field ids it concerns (paths such as
    ``values.energy_output`` or ``dross.requirements.6.1.5``); ``message`` a catalogue id and
    ``args`` its arguments (values that say themselves, such as :class:`catalogue.Term`, are
    rendered in the reader's language); ``context`` machine-readable particulars (ledger row,
    receiver, code…) for JSON and for linking to the place in the data.
    """

    id: str
    module: str
    severity: Severity
    message: str
    args: Mapping[str, Any] = field(default_factory=dict)
    clause: str = ""
    fields: tuple[str, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return catalogue.text(self.message, lang, **self.args)


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most serious first; the domain's order within one severity is kept."""
    return sorted(findings, key=lambda f: f.severity.rank)


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity (every severity present, zero included)."""
    out = {s: 0 for s in Severity}
    for f in findings:
        out[f.severity] += 1
    return out
