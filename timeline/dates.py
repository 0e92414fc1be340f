"""Dates at their precision: how an event's (start, end, precision) reads to a person."""

import datetime as dt

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    RANGE = "range", "Range"
    UNKNOWN = "unknown", "Unknown"


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def format_span(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """'12 June 2018', 'September 2018', '2018', '7–10 September 2018' or 'date unknown'."""
    if start is None or precision == Precision.UNKNOWN:
        return "date unknown"
    if precision == Precision.MONTH:
        return f"{start:%B %Y}"
    if precision == Precision.YEAR:
        return str(start.year)
    if precision == Precision.DAY or end is None or end == start:
        return _day(start)
    # A range: say only what differs.
    if start.year != end.year:
        return f"{_day(start)} – {_day(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {_day(end)}"
    return f"{start.day}–{_day(end)}"
