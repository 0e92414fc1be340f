"""iCalendar (RFC 5545) for the filtered events, written a line at a time so it streams.

Dates keep their precision: every event is an all-day event (`VALUE=DATE`), from the first to the
last day its date can mean, with RFC 5545's exclusive DTEND. A day is one day, a range its days,
a month or a year the whole month or year (marked `X-TIMELINE-PRECISION` and said in the
description, so nobody reads "September 2018" as 1-30 September). Events without a date have no
place in a calendar and are left out. Every event is TRANSPARENT: it never makes anyone look busy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from exports.common import Permalinks, participations_of
from timeline.dates import Precision
from timeline.models import Event

PRODID = "-//Diplomatic timeline//Exports 1.0//EN"
LINE_OCTETS = 75
STATUS = {
    Event.Status.OCCURRED: "CONFIRMED",
    Event.Status.PLANNED: "TENTATIVE",
    Event.Status.PROPOSED: "TENTATIVE",
    Event.Status.SPECULATIVE: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}
PRECISION_NOTE = {
    Precision.MONTH: "the day is not known",
    Precision.YEAR: "the month and day are not known",
}


CONTROL = dict.fromkeys([*range(0x09), *range(0x0A, 0x20), 0x7F])  # all but TAB: not allowed in TEXT


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, line breaks as \\n, other control characters dropped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return text.translate(CONTROL)


def fold(line: str) -> str:
    """A content line folded at 75 octets (never inside a UTF-8 character), ending in CRLF."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line + "\r\n"
    parts, start, limit = [], 0, LINE_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # back off a continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, LINE_OCTETS - 1  # continuation lines start with a space
    return "\r\n ".join(parts) + "\r\n"


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event: Event, links: Permalinks, host: str) -> str:
    start = event.date_start
    end = event.date_end if event.date_end and event.date_end >= start else start
    actors = ", ".join(p.actor.name for p in participations_of(event))
    permalink = links.event(event)
    note = PRECISION_NOTE.get(event.date_precision)
    description = [f"{event.get_kind_display()}, {event.date_display}" + (f" ({note})" if note else "") + "."]
    if actors:
        description.append(f"Who: {actors}.")
    if event.summary:
        description.append(event.summary)
    description.append(f"Sources and details: {permalink}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{_stamp(event.updated_at)}",
        f"DTSTART;VALUE=DATE:{_date(start)}",
        f"DTEND;VALUE=DATE:{_date(end + dt.timedelta(days=1))}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"URL:{permalink}",
        f"CATEGORIES:{escape(event.get_kind_display())}",
        f"STATUS:{STATUS.get(event.status, 'CONFIRMED')}",
        "TRANSP:TRANSPARENT",
        f"X-TIMELINE-PRECISION:{event.date_precision}",
    ]
    if event.place:
        lines.append(f"LOCATION:{escape(event.place.name)}")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def calendar(events: Iterable[Event], *, name: str, base_url: str, host: str) -> Iterator[str]:
    """The VCALENDAR, a piece at a time: the header, one VEVENT per dated event, the footer."""
    yield "".join(
        fold(line)
        for line in (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{escape(name)}",
            "X-WR-TIMEZONE:UTC",
        )
    )
    links = Permalinks(base_url)
    for event in events:
        if event.date_start is not None and event.date_precision != Precision.UNKNOWN:
            yield vevent(event, links, host)
    yield "END:VCALENDAR\r\n"
