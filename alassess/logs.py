"""One log: stdlib :mod:`logging`, configured once by each entry point (the CLI's ``main`` and the
desktop application's ``run``).

The file is ``alassess.log`` in the user's data directory — the folder that also holds the
database (``alassess.db``), the signing identities and the trust list — rotating at 1 MiB with
three old files kept, readable by the user only (0600). Every exception the user does not see in
full is written there with its traceback; the user is shown where the file is (the CLI's
"internal error" line, the GUI's error dialogs and Help › About).

Secrets never reach the file: :class:`RedactSecrets` replaces every passphrase the application
was given (:func:`keep_secret`, called where one is read), ``passphrase=…``-style values and PEM
private keys with ``***`` in the message, its arguments and the traceback.

This module imports nothing of the application, so every layer may log through it.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import threading
from pathlib import Path

import platformdirs

APP_NAME = "AlAssess"
FILE_NAME = "alassess.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
MASK = "***"

_secrets: set[str] = set()
_lock = threading.Lock()
_KEY_VALUE = re.compile(r"(?i)\b(pass(?:phrase|word|wd)?|pw|secret|token|api[_-]?key|private[_-]?key)"
                        r"(\s*[=:]\s*)(b?['\"]?)([^\s'\",;)}\]]+)")
_PEM_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.S)
_MIN_SECRET = 4  # shorter strings would mask ordinary words; passphrases are longer (identities.MIN_PASSPHRASE)


def data_dir() -> Path:
    """The user's data directory (the database's default folder)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return data_dir() / FILE_NAME


def keep_secret(value: str | bytes | None) -> None:
    """Never write ``value`` (a passphrase, say) to the log, in whatever message it turns up."""
    if not value:
        return
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    with _lock:
        for s in {text, text.strip()}:
            if len(s) >= _MIN_SECRET:
                _secrets.add(s)
                _secrets.add(repr(s.encode("utf-8"))[2:-1])  # as it shows inside b'…'


def redact(text: str) -> str:
    """``text`` with the known secrets, ``passphrase=…`` values and private keys masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for s in known:
        if s in text:
            text = text.replace(s, MASK)
    text = _PEM_KEY.sub("-----PRIVATE KEY " + MASK + "-----", text)
    return _KEY_VALUE.sub(lambda m: m[1] + m[2] + m[3] + MASK, text)


class RedactSecrets(logging.Filter):
    """Renders a record's message and traceback, masked (see :func:`redact`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, masked
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read (0600), the rotated ones too."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.chmod(self.baseFilename, 0o600)  # a file made earlier with wider rights
        except OSError:
            pass
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


_handler: PrivateRotatingFileHandler | None = None


def _formatter(entry: str) -> logging.Formatter:
    return logging.Formatter(FORMAT.replace("%(name)s", f"{entry} %(name)s"))


def configure(entry: str) -> Path | None:
    """Send the application's log records (and other libraries' warnings) to the log file.

    Called once by each entry point (``entry`` is ``"cli"`` or ``"gui"``, written with each record's
    process); calling again is harmless, and follows a changed data directory. Returns the file, or
    ``None`` when its folder cannot be made (the application then runs without a log file).
    """
    global _handler
    path = log_path()
    root = logging.getLogger()
    if _handler is not None and _handler.baseFilename == os.path.abspath(path):
        _handler.setFormatter(_formatter(entry))  # ``alassess gui``: the CLI hands over to the GUI
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder: the owner's only
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                             delay=True)
    except OSError:
        return None
    handler.setFormatter(_formatter(entry))
    handler.addFilter(RedactSecrets())
    handler.setLevel(logging.INFO)
    root.addHandler(handler)  # other libraries: their warnings (the root logger's default level)
    logging.raiseExceptions = False  # a log that cannot be written (a full disk) prints no traceback
    logging.getLogger("alassess").setLevel(logging.INFO)
    _handler = handler
    return path


def where() -> str:
    """The log file's path as shown to the user (``—`` when there is none)."""
    return str(log_path()) if _handler is not None else "—"
