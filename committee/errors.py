"""Errors a clerk can act on. Their text is Vietnamese and is shown as it is."""

from __future__ import annotations

from datetime import datetime


class UserError(Exception):
    """Bad input or a refused action; the message says what and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    pass


class OutputExists(UserError):
    """The file to write is already there and replacing it was not asked for (--force);
    `path` is that file, so that a UI can offer to replace it."""

    def __init__(self, path: object, message: str) -> None:
        super().__init__(message)
        self.path = path


class InvalidInput(UserError):
    """One field's value is refused; `field` names it so a form can show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ReadOnlyDecision(UserError):
    pass


class NotADatabase(UserError):
    pass


class DatabaseLocked(UserError):
    """Another session holds the database's write lock for longer than we wait."""


class StaleRecord(UserError):
    """A record changed by someone else since it was read: the write is refused.

    `updated_by` and `updated_at` say who changed it last and when, when known."""

    def __init__(
        self, message: str, updated_by: str | None = None, updated_at: datetime | None = None
    ) -> None:
        super().__init__(message)
        self.updated_by = updated_by
        self.updated_at = updated_at


class ConcurrentChange(UserError):
    """Two sessions changed the same records at once and the database kept the first."""
