"""Errors the user can fix: each names the field and the fix, in Chinese and English."""

from __future__ import annotations

from alassess.domain import messages


class AlAssessError(Exception):
    """Base class of errors shown to the user as one line (never a traceback)."""

    def __init__(self, key: str, field: str | None = None, /, **params: object) -> None:
        self.key = key
        self.field = field
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        body = messages.text(self.key, lang, **self.params)
        if self.field:
            return f"{self.field}: {body}"
        return body


class InputError(AlAssessError):
    """Bad input: a value, a file or a field that the user must correct."""


class NotFoundError(AlAssessError):
    """A plant, assessment or file that does not exist."""


class StateError(AlAssessError):
    """An action not allowed in the current state (e.g. editing a signed assessment)."""
