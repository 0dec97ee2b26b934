"""Saving every edit as it is made, off the UI thread.

Edits are validated in the UI thread (so the message appears at the keystroke) and queued here; one
worker thread applies them in order through :class:`alassess.services.editing.Editor`, each in its
own transaction on its own SQLite connection, and reports back with a signal. The UI never waits
for a disk flush while the user types; :meth:`Saver.flush` waits when the order matters (before
loading, creating or closing).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from alassess.domain.errors import AlAssessError
from alassess.services.editing import Editor

log = logging.getLogger(__name__)
Job = Callable[[Any], object]


class Saver(QObject):
    """One writer thread per database. Signals arrive in the UI thread (queued connection)."""

    saved = Signal(int)  # sequence number of the job just stored
    failed = Signal(int, object)  # sequence number, the AlAssessError (or other exception)
    busy_changed = Signal(bool)

    COALESCE_MS = 250

    def __init__(self, db_path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._held: dict[object, Job] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.COALESCE_MS)
        self._timer.timeout.connect(self.release)
        self._queue: queue.Queue[tuple[int, Job] | None] = queue.Queue()
        self._seq = 0
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="alassess-saver", daemon=True)
        self._thread.start()

    # ---- UI thread ----------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self._pending + len(self._held) > 0

    def submit(self, job: Job) -> int:
        """Queue ``job(editor)`` now; returns its sequence number."""
        with self._lock:
            was_busy = self._busy()
            self._seq += 1
            seq = self._seq
            self._pending += 1
        if not was_busy:
            self.busy_changed.emit(True)
        self._queue.put((seq, job))
        return seq

    def submit_coalesced(self, key: object, job: Job) -> None:
        """Queue ``job`` after a short pause in typing; a later job with the same key replaces it.

        Keystrokes in one field become one write of the last value (so the writer thread never
        competes with the typing for the interpreter); :meth:`flush` and the timer release held
        jobs in the order they were first held.
        """
        with self._lock:
            was_busy = self._busy()
            self._held[key] = job
        if not was_busy:
            self.busy_changed.emit(True)
        self._timer.start()

    def release(self) -> None:
        """Hand every held job to the writer thread now."""
        self._timer.stop()
        with self._lock:
            held, self._held = list(self._held.values()), {}
            items = []
            for job in held:
                self._seq += 1
                self._pending += 1
                items.append((self._seq, job))
        for item in items:
            self._queue.put(item)

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending + len(self._held)

    def flush(self, timeout: float = 30.0) -> bool:
        """Write everything held or queued and wait until it is on disk (or failed)."""
        self.release()
        done = threading.Event()
        self._queue.put((0, lambda _ed: done.set()))
        return done.wait(timeout)

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=30)

    # ---- worker thread ------------------------------------------------------------------------

    def _run(self) -> None:
        editor = None
        while True:
            item = self._queue.get()
            if item is None:
                break
            seq, job = item
            if seq == 0:
                job(None)
                continue
            try:
                if editor is None:
                    editor = Editor(self.db_path)
                job(editor)
            except Exception as exc:  # the user sees a plain message, never a traceback
                if not isinstance(exc, AlAssessError):
                    log.exception("saving failed")  # refused input is expected; anything else is logged
                try:
                    exc.alassess_job = job  # type: ignore[attr-defined]  # so that a save refused by another program's lock can be retried
                except AttributeError:  # pragma: no cover - an exception type without attributes
                    pass
                self._done()
                self.failed.emit(seq, exc)
                continue
            self._done()
            self.saved.emit(seq)
        if editor is not None:
            editor.close()

    def _done(self) -> None:
        with self._lock:
            self._pending -= 1
            idle = not self._busy()
        if idle:
            self.busy_changed.emit(False)
