"""Downloads and subscriptions of the filtered timeline: iCalendar, TimelineJS, event data; embeds and oEmbed.

Every view reads the timeline page's filters from the query string (timeline/filters.py), so one
filtered view is one query string in every format, and streams its rows so an export of any size
keeps memory flat.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from exports import eventdata, ical, timelinejs
from exports.common import base_url, filtered_events, read_filter, stream, title_for
from timeline.dates import Precision


@require_GET
def calendar(request):
    """The filtered events as an iCalendar feed (subscribe to it, or download it)."""
    event_filter = read_filter(request)
    events = _dated(filtered_events(event_filter))
    body = ical.calendar(
        stream(events), name=title_for(event_filter), base_url=base_url(request), host=request.get_host()
    )
    response = StreamingHttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timeline.ics"'
    return response


def _dated(events):
    return events.filter(date_start__isnull=False).exclude(date_precision=Precision.UNKNOWN)


@require_GET
def timelinejs_export(request):
    """The filtered events as TimelineJS3 JSON (CORS-open: a TimelineJS page elsewhere may load it)."""
    event_filter = read_filter(request)
    body = timelinejs.document(
        stream(_dated(filtered_events(event_filter))),
        title=title_for(event_filter),
        description="Diplomatic events from news articles, each linked to its sources.",
        base_url=base_url(request),
    )
    response = StreamingHttpResponse(body, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def eventdata_csv(request):
    """Event data as CSV: one row per event, with its CAMEO code and PLOVER type."""
    events = stream(filtered_events(read_filter(request)))
    response = StreamingHttpResponse(
        eventdata.csv_rows(events, base_url=base_url(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="timeline-events.csv"'
    return response


@require_GET
def eventdata_jsonl(request):
    """Event data as JSON Lines: one PLOVER-style record per line."""
    events = stream(filtered_events(read_filter(request)))
    response = StreamingHttpResponse(
        eventdata.jsonl(events, base_url=base_url(request)), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="timeline-events.jsonl"'
    return response
