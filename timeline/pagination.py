"""Cursor (keyset) pagination over events in time order, in both directions.

Events are ordered by (date_start ascending, unknown dates last, id). A cursor names one event's
position, "2018-09-10_123" or "x_123" for an event without a date; a page fetches `size + 1` rows
after or before it, so a request costs the same few queries however many events there are, and
no OFFSET ever scans the rows it skips.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

UNKNOWN = "x"


@dataclass(frozen=True)
class Cursor:
    date: dt.date | None
    id: int

    def __str__(self) -> str:
        return f"{self.date.isoformat() if self.date else UNKNOWN}_{self.id}"

    @classmethod
    def parse(cls, value: str | None) -> Cursor | None:
        """A cursor from a query string; None for anything malformed (the first page is shown)."""
        if not value or "_" not in value:
            return None
        day, _, pk = value.rpartition("_")
        if not pk.isdigit() or len(pk) > 18:
            return None
        if day == UNKNOWN:
            return cls(None, int(pk))
        try:
            return cls(dt.date.fromisoformat(day), int(pk))
        except ValueError:
            return None

    @classmethod
    def of(cls, event) -> Cursor:
        return cls(event.date_start, event.pk)

    @classmethod
    def at(cls, day: dt.date) -> Cursor:
        """A position just before the first event on or after `day`: `after` it starts the page there."""
        return cls(day, 0)


def _after(c: Cursor) -> Q:
    if c.date is None:
        return Q(date_start__isnull=True, id__gt=c.id)
    return Q(date_start__gt=c.date) | Q(date_start=c.date, id__gt=c.id) | Q(date_start__isnull=True)


def _before(c: Cursor) -> Q:
    if c.date is None:
        return Q(date_start__isnull=False) | Q(date_start__isnull=True, id__lt=c.id)
    return Q(date_start__lt=c.date) | Q(date_start=c.date, id__lt=c.id)


FORWARD = (F("date_start").asc(nulls_last=True), "id")
BACKWARD = (F("date_start").desc(nulls_first=True), "-id")


@dataclass
class Page:
    items: list
    has_earlier: bool
    has_later: bool

    @property
    def earlier_cursor(self) -> Cursor | None:
        """Pass as ?before= to get the page before this one."""
        return Cursor.of(self.items[0]) if self.items and self.has_earlier else None

    @property
    def later_cursor(self) -> Cursor | None:
        """Pass as ?after= to get the page after this one."""
        return Cursor.of(self.items[-1]) if self.items and self.has_later else None


def paginate(events: QuerySet, *, size: int, after: Cursor | None = None, before: Cursor | None = None) -> Page:
    """One page of `events` in time order: the first page, the page after `after`, or the page before `before`.

    Two queries: the page itself (size + 1 rows tell whether more follow) and an EXISTS for the other side.
    """
    if before is not None:
        rows = list(events.filter(_before(before)).order_by(*BACKWARD)[: size + 1])
        items = rows[:size][::-1]
        has_earlier = len(rows) > size
        # Later: anything after the last item, or (for an empty page) at or after the cursor itself.
        edge = Cursor.of(items[-1]) if items else Cursor(before.date, before.id - 1)
        return Page(items, has_earlier, events.filter(_after(edge)).exists())
    rows = list((events.filter(_after(after)) if after else events).order_by(*FORWARD)[: size + 1])
    items = rows[:size]
    has_later = len(rows) > size
    if items:
        has_earlier = events.filter(_before(Cursor.of(items[0]))).exists()
    else:
        has_earlier = after is not None and events.filter(_before(Cursor(after.date, after.id + 1))).exists()
    return Page(items, has_earlier, has_later)
