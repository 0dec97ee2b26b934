"""Hand-overs to receivers: registered, licensed on the day for the code, with a transfer manifest
(004 §6.1.5, §6.1.6)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from alassess.domain import words
from alassess.domain.dross.common import Entry, finding, movement_noun, row_ref, t
from alassess.domain.findings import Finding

Receiver = dict[str, Any]


def receiver_index(receivers: list[Receiver]) -> dict[str, list[Receiver]]:
    """Receivers by name and by licence number."""
    idx: dict[str, list[Receiver]] = defaultdict(list)
    for r in receivers:
        for key in {(r.get("name") or "").strip(), (r.get("licence_no") or "").strip()}:
            if key:
                idx[key].append(r)
    return idx


def valid_on(r: Receiver, day: str) -> bool:
    return (not r.get("valid_from") or r["valid_from"] <= day) and (not r.get("valid_to") or day <= r["valid_to"])


def is_handover(e: Entry) -> bool:
    """A transfer, or a disposal by a named outside unit."""
    return e["movement"] == "transferred" or (e["movement"] == "disposed" and bool((e.get("receiver") or "").strip()))


def _licence_findings(e: Entry, name: str, cands: list[Receiver], common: dict[str, Any]) -> list[Finding]:
    row = common["row"]
    licensed = [r for r in cands if (r.get("licence_no") or "").strip()]
    if not cands:
        return [finding("unregistered_receiver", "dross_f_unregistered", entry=e, receiver=name, **common)]
    if not licensed:
        return [finding("unregistered_receiver", "dross_f_no_licence_no", entry=e, receiver=name, row=row,
                        date=e["date"])]
    valid = [r for r in licensed if valid_on(r, e["date"])]
    if not valid:
        r = max(licensed, key=lambda r: r.get("valid_to") or "9999")
        return [finding("licence_expired", "dross_f_expired", entry=e, receiver=name, licence=r["licence_no"],
                        valid_from=r.get("valid_from") or "—", valid_to=r.get("valid_to") or "—", row=row,
                        date=e["date"])]
    if not any(e["code"] in (r.get("codes") or []) for r in valid):
        return [_scope(e, name, valid[0], common)]
    return []


def _scope(e: Entry, name: str, r: Receiver, common: dict[str, Any]) -> Finding:
    codes = list(r.get("codes") or [])
    return finding("licence_scope", "dross_f_scope", entry=e, receiver=name, licence=r["licence_no"],
                   codes=words.joined(codes) if codes else "—", **common)


def check_receiver(e: Entry, idx: dict[str, list[Receiver]]) -> list[Finding]:
    """A hand-over to a receiver: registered, licensed that day, for this code, with a manifest."""
    out: list[Finding] = []
    mv = movement_noun(e["movement"])
    name = (e.get("receiver") or "").strip()
    common = {"row": row_ref(e), "date": e["date"], "code": e["code"], "quantity": t(e["quantity_t"])}
    if not name:
        out.append(finding("unregistered_receiver", "dross_f_no_receiver", entry=e, movement=mv, **common))
    else:
        out += _licence_findings(e, name, idx.get(name, []), common)
    if not (e.get("manifest_no") or "").strip():
        out.append(finding("missing_manifest", "dross_f_manifest", entry=e, receiver=name or "—", movement=mv,
                           **common))
    return out
