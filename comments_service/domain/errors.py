"""What the domain refuses, said once: a stable code, a Dutch message and per-field messages. The web
layer decides how a refusal travels (its HTTP status, the envelope, a page)."""

from __future__ import annotations

CHECK_FIELDS = "Controleer de gemarkeerde velden."


class DomainError(Exception):
    """A rule refused the request."""

    def __init__(self, code: str, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.code, self.message, self.fields = code, message, fields or {}


class InvalidInput(DomainError):
    """Input that breaks a rule, with a Dutch message per field."""

    def __init__(self, fields: dict[str, str], message: str = CHECK_FIELDS):
        super().__init__("invalid_input", message, fields)
