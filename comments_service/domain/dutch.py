"""Dutch for people, written once: a count with its noun, a duration, a moment (Europe/Amsterdam, through
Babel's Dutch calendar)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# (seconds, singular, plural, the fewest counted in it): a day is said as "24 uur", two as "2 dagen".
_UNITS = ((86400, "dag", "dagen", 2), (3600, "uur", "uur", 1), (60, "minuut", "minuten", 1), (1, "seconde", "seconden", 0))


def plural(count: int, one: str, many: str) -> str:
    """'1 reactie', '2 reacties'."""
    return f"{count} {one if count == 1 else many}"


def duration(span: timedelta) -> str:
    """'7 dagen', '24 uur', '15 minuten': in the largest unit that divides it."""
    seconds = int(span.total_seconds())
    size, one, many, _ = next(unit for unit in _UNITS if seconds % unit[0] == 0 and seconds // unit[0] >= unit[3])
    return plural(seconds // size, one, many)


def moment(when: datetime) -> str:
    """'23 november 2026 om 14:05', as the clocks in the Netherlands show it."""
    return format_datetime(when, "d MMMM y 'om' HH:mm", tzinfo=AMSTERDAM, locale="nl")


def day(when: datetime) -> str:
    """'15 december 2026', the day as the calendar in the Netherlands shows it."""
    return format_datetime(when, "d MMMM y", tzinfo=AMSTERDAM, locale="nl")


def short_moment(when: datetime) -> str:
    """'23-11-2026 14:05', for the admin's dense lists, in Amsterdam time too."""
    return format_datetime(when, "dd-MM-y HH:mm", tzinfo=AMSTERDAM, locale="nl")
