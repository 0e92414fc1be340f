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


# Each side of a position is read as two index ranges, the dated events and then the undated ones,
# because an OR over "later date, or same date and larger id, or no date" cannot seek an index: with
# 100,000 events the database scanned every row before the cursor (200 ms on SQLite for a page in the
# middle). `date_start >= d` (or `<=`) is the range both databases seek; the rest filters inside it.


def _dated_after(events: QuerySet, c: Cursor) -> QuerySet:
    return events.filter(date_start__gte=c.date).filter(Q(date_start__gt=c.date) | Q(id__gt=c.id))


def _dated_before(events: QuerySet, c: Cursor) -> QuerySet:
    return events.filter(date_start__lte=c.date).filter(Q(date_start__lt=c.date) | Q(id__lt=c.id))


def _rows_after(events: QuerySet, c: Cursor | None, n: int) -> list:
    """Up to n events after position c (from the start when c is None), in time order."""
    rows: list = []
    if c is None:
        rows = list(events.filter(date_start__isnull=False).order_by("date_start", "id")[:n])
    elif c.date is not None:
        rows = list(_dated_after(events, c).order_by("date_start", "id")[:n])
    if len(rows) < n:
        undated = events.filter(date_start__isnull=True)
        if c is not None and c.date is None:
            undated = undated.filter(id__gt=c.id)
        # (date_start, id) rather than id alone, though date_start is NULL throughout: it is the index's
        # order, so the database seeks the NULL range; ordered by id, PostgreSQL walked the primary key
        # through every event looking for undated ones (40 ms at 100,000 when there are none).
        rows += list(undated.order_by("date_start", "id")[: n - len(rows)])
    return rows


def _rows_before(events: QuerySet, c: Cursor, n: int) -> list:
    """Up to n events before position c, nearest first."""
    rows: list = []
    if c.date is None:
        rows = list(events.filter(date_start__isnull=True, id__lt=c.id).order_by("-date_start", "-id")[:n])
        if len(rows) < n:
            rows += list(events.filter(date_start__isnull=False).order_by("-date_start", "-id")[: n - len(rows)])
        return rows
    return list(_dated_before(events, c).order_by("-date_start", "-id")[:n])


def _ids(events: QuerySet) -> QuerySet:
    return events.prefetch_related(None).values_list("id", "date_start")


def paginate(events: QuerySet, *, size: int, after: Cursor | None = None, before: Cursor | None = None) -> Page:
    """One page of `events` in time order: the first page, the page after `after`, or the page before `before`.

    Two queries for a page inside the dated (or the undated) events: the page itself (size + 1 rows
    tell whether more follow) and one row of the other side; a page that straddles the end of the
    dated events reads the undated ones too. The count never depends on how many events there are.
    """
    if before is not None:
        rows = _rows_before(events, before, size + 1)
        items = rows[:size][::-1]
        has_earlier = len(rows) > size
        # Later: anything after the last item, or (for an empty page) at or after the cursor itself.
        edge = Cursor.of(items[-1]) if items else Cursor(before.date, before.id - 1)
        return Page(items, has_earlier, bool(_rows_after(_ids(events), edge, 1)))
    rows = _rows_after(events, after, size + 1)
    items = rows[:size]
    has_later = len(rows) > size
    if items:
        has_earlier = bool(_rows_before(_ids(events), Cursor.of(items[0]), 1))
    else:
        has_earlier = after is not None and bool(_rows_before(_ids(events), Cursor(after.date, after.id + 1), 1))
    return Page(items, has_earlier, has_later)
