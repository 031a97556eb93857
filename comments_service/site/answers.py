"""Reading the service's public answers at build time, where any value may be hostile or broken."""

from __future__ import annotations


def whole(value) -> int:
    """A count from the service's answer (a number, or the text of a header); anything else counts as 0."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isascii() or not str(value).isdigit():
        return 0
    return int(value)
