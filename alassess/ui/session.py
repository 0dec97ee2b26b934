"""The open assessment: its values in memory, edits with undo/redo, saving, the live result.

Data flows one way: a widget hands over what was typed → the domain validates it (a bad value
raises :class:`InputError`; nothing changes) → the value goes on the undo stack, into memory and
into the save queue → the services score the assessment → the results panel shows the result.
The session never computes a score itself; it calls :func:`alassess.services.scoring.evaluate`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from alassess import catalogue, logs
from alassess.domain import fields as _fields
from alassess.domain.errors import AlAssessError, InputError, StateError
from alassess.domain.evaluation import Evaluation
from alassess.services import editing, scoring
from alassess.ui.autosave import Saver

FIELD_EDIT_ID = 1001


class EditCommand(QUndoCommand):
    """One field edit (consecutive keystrokes in the same field merge into one step)."""

    def __init__(self, session: Session, old: dict[str, Any], new: dict[str, Any], text: str,
                 merge_key: object, source: str | None) -> None:
        super().__init__(text)
        self.session = session
        self.old = old
        self.new = new
        self.merge_key = merge_key
        self.source = source  # the bind being typed into: not rewritten on the first redo
        self._first = True

    def id(self) -> int:
        return FIELD_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key is None or other.merge_key != self.merge_key:
            return False
        if set(other.new) != set(self.new):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed back to where it was: no undo step left
        return True

    def redo(self) -> None:
        # the first time, the row being typed into shows what it holds already: neither its value nor
        # the other form of an indicator (cleared by this edit) is loaded back into it
        self.session._apply(self.new, skip=set(self.new) if self._first and self.source else None)
        self._first = False

    def undo(self) -> None:
        self.session._apply(self.old, skip=None)


class Session(QObject):
    """One assessment being viewed or edited."""

    evaluated = Signal(object)  # the result dict of scoring.evaluate (or None on an error)
    values_changed = Signal(list)  # binds whose values changed other than by typing (undo, reload)
    plant_changed = Signal()
    save_failed = Signal(str)
    save_locked = Signal(str, object)  # the message, and the save to retry (another program held the lock)

    def __init__(self, editor: editing.Editor, assessment_id: int, saver: Saver, lang: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.id = assessment_id
        self.saver = saver
        self.lang = lang
        self.undo_stack = QUndoStack(self)
        self.result: dict[str, Any] | None = None  # the ``score --json`` object of ``evaluation``
        self.evaluation: Evaluation | None = None  # module results and their findings
        self.eval_error: str | None = None
        self.typing = False
        self._dross_dirty = True  # the dross part of the result must be recomputed
        self._result_lang = lang
        saver.failed.connect(self._on_failed)
        self.reload()

    # ---- state --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.typing = False
        self._dross_dirty = True
        self.saver.flush()
        self.info = self.editor.info(self.id)
        self.assessment = self.editor.load(self.id)
        self.evaluate()

    @property
    def readonly(self) -> bool:
        return self.info["status"] == "signed"

    @property
    def sector(self) -> str:
        return self.assessment.plant.sector

    def value(self, bind: str) -> Any:
        a = self.assessment
        head, _, key = bind.partition(".")
        if head == "values":
            return a.values.get(key)
        if head == "plant":
            return getattr(a.plant, key)
        if head == "assessor":
            return getattr(a.assessor, key)
        if head == "assessment":
            return self.info.get(key) if key != "period" else a.period
        if head == "dross":
            d = a.dross or {}
            if key.startswith("requirements."):
                return (d.get("requirements") or {}).get(key[len("requirements."):])
            return d.get(key)
        raise KeyError(bind)

    def flat_values(self) -> dict[str, Any]:
        """Current values by bind, for the forms' relevance conditions."""
        d = self.assessment.dross or {}
        out = {f"values.{k}": v for k, v in self.assessment.values.items()}
        out.update({f"dross.{k}": v for k, v in d.items() if k not in ("requirements", "receivers", "ledger")})
        return out

    # ---- validation ---------------------------------------------------------------------------

    def parse(self, bind: str, raw: Any) -> Any:
        """Validate what was typed for ``bind`` (raises InputError, stores nothing)."""
        head, _, key = bind.partition(".")
        if head == "values":
            return _fields.get(key).parse(raw)
        if head == "plant":
            value = editing.parse_plant_value(key, raw)
            if key == "credit_code" and value:  # another plant's code: said at the field, not when saving
                self.editor.check_credit_code_free(self.info["plant_id"], value)
            return value
        if head == "assessor":
            if raw is not None and not isinstance(raw, str):
                raise InputError("expected_text", bind, value=str(raw))
            return (raw or "").strip()
        if head == "dross":
            if key.startswith("requirements."):
                if raw is not None and not isinstance(raw, bool):
                    raise InputError("expected_bool", bind, value=str(raw))
                return raw
            return editing.parse_dross_value(key, raw)
        raise InputError("unknown_key", bind, key=bind, hint="values, plant, assessor, dross")

    # ---- editing ------------------------------------------------------------------------------

    def edit(self, bind: str, raw: Any, *, form: str | None = None, merge_key: object = None,
             label: str = "") -> Any:
        """Validate and apply an edit; raises InputError (nothing stored) or StateError (read-only)."""
        if self.readonly:
            raise StateError("assessment_signed", None, id=self.id)
        if form is not None:
            target, other = editing.indicator_forms(bind[len("values."):], form)
            source = f"values.{target}"
            value = self.parse(source, raw)
            new = {source: value}
            if other is not None:
                new[f"values.{other}"] = None
        else:
            value = self.parse(bind, raw)
            new = {bind: value}
            source = bind
        old = {b: self.value(b) for b in new}
        if old == new:
            return value
        text = self.tr_edit(label or bind)
        self.undo_stack.push(EditCommand(self, old, new, text, merge_key, source))
        return value

    def revert_typing(self, merge_key: object, source: str | None) -> None:
        """What is being typed became invalid: the field goes back to its value before this typing.

        The text stays in the box (with its message) for the user to correct; the stored value and
        the result are those from before the first keystroke, so a bad entry never stays stored
        through a valid prefix of it (typing "4,00" stores "4" on the way).
        """
        if merge_key is None or self.undo_stack.index() == 0:
            return
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if not isinstance(top, EditCommand) or top.merge_key != merge_key or top.new == top.old:
            return
        self.undo_stack.push(EditCommand(self, dict(top.new), dict(top.old), top.text(), merge_key, source))

    def tr_edit(self, label: str) -> str:
        return self.tr("edit “%1”").replace("%1", label)

    def set_status(self, status: str) -> None:
        self.saver.flush()
        self.editor.set_status(self.id, status)
        self.info = self.editor.info(self.id)

    def _apply(self, mapping: dict[str, Any], skip: set[str] | None) -> None:
        """Put values into memory and the save queue (called by the undo commands)."""
        self.typing = skip is not None  # a keystroke (not an undo or a reload): the panel may defer text
        if any(not b.startswith(("values.", "assessor.")) for b in mapping):
            self._dross_dirty = True  # dross values, checklist or plant details feed the dross evaluation
        a = self.assessment
        values: dict[str, Any] = {}
        jobs = []
        for bind, value in mapping.items():
            head, _, key = bind.partition(".")
            if head == "values":
                if value is None:
                    a.values.pop(key, None)
                else:
                    a.values[key] = value
                values[key] = value
            elif head == "plant":
                setattr(a.plant, key, value)
                jobs.append((bind, lambda ed, k=key, v=value, p=self.info["plant_id"]: ed.update_plant(p, k, v)))
            elif head == "assessor":
                setattr(a.assessor, key, value)
                jobs.append((bind, lambda ed, k=key, v=value, a_=self.id: ed.set_assessor(a_, k, v)))
            elif head == "dross":
                if a.dross is None:
                    a.dross = {"requirements": {}, "receivers": [], "ledger": []}
                if key.startswith("requirements."):
                    rid = key[len("requirements."):]
                    reqs = a.dross.setdefault("requirements", {})
                    if value is None:
                        reqs.pop(rid, None)
                    else:
                        reqs[rid] = value
                    jobs.append((bind, lambda ed, r=rid, v=value, a_=self.id: ed.set_dross_requirement(a_, r, v)))
                else:
                    if value is None:
                        a.dross.pop(key, None)
                    else:
                        a.dross[key] = value
                    jobs.append((bind, lambda ed, k=key, v=value, a_=self.id: ed.set_dross_value(a_, k, v)))
        aid = self.id
        if values:
            # one held write per group of fields: typing in a field is saved once the typing pauses
            self.saver.submit_coalesced(("values", aid, tuple(sorted(values))),
                                        lambda ed, v=dict(values): ed.set_values(aid, v))
        for bind, job in jobs:
            self.saver.submit_coalesced((bind, aid), job)
        changed = [b for b in mapping if not skip or b not in skip]
        if changed:
            self.values_changed.emit(changed)
        if any(b.startswith("plant.") for b in mapping):
            self.plant_changed.emit()
        self.evaluate()

    def _on_failed(self, seq: int, exc: object) -> None:
        """A save the domain refused after all (or a disk error): show it and reload what is stored."""
        if isinstance(exc, sqlite3.Error):  # read-only, full, locked: say what happened (never "damaged" unless so)
            from alassess.services import faults  # deferred: loaded only when a save failed

            job = getattr(exc, "alassess_job", None)
            exc = faults.explain(exc, self.saver.db_path)
            if isinstance(exc, faults.DatabaseLockedError) and job is not None:
                self.save_locked.emit(exc.message(self.lang), job)  # the window offers to retry
                return
        if isinstance(exc, AlAssessError):
            msg = exc.message(self.lang)
        else:
            msg = (self.tr("Saving failed: %1").replace("%1", str(exc)) + " "
                   + catalogue.text("log_details", self.lang, log=logs.where()))  # logged by the saver
        self.save_failed.emit(msg)
        self.undo_stack.clear()
        self.reload()
        self.values_changed.emit(["*"])

    def retry_save(self, job) -> None:
        """Submit again a save that another program's lock refused."""
        self.saver.submit(job)

    def discard_unsaved(self) -> None:
        """Give up a save that could not be made: show what is stored."""
        self.undo_stack.clear()
        self.reload()
        self.values_changed.emit(["*"])

    # ---- scoring ------------------------------------------------------------------------------

    def evaluate(self) -> dict[str, Any] | None:
        reuse = self.evaluation if not self._dross_dirty else None
        try:
            self.evaluation = scoring.assess(self.assessment, reuse_dross=reuse)
            self.result = self.evaluation.to_json(self.lang)
            self._dross_dirty = False
            self._result_lang = self.lang
            self.eval_error = None
        except AlAssessError as exc:
            self.result = None
            self.evaluation = None
            self.eval_error = exc.message(self.lang)
        self.evaluated.emit(self.result)
        return self.result
