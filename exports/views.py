"""Downloads and subscriptions of the filtered timeline: iCalendar, TimelineJS, event data; embeds and oEmbed.

Every view reads the timeline page's filters from the query string (timeline/filters.py), so one
filtered view is one query string in every format, and streams its rows so an export of any size
keeps memory flat.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from exports import ical
from exports.common import base_url, filtered_events, read_filter, stream, title_for
from timeline.dates import Precision


def _download_name(stem: str, extension: str) -> str:
    return f"{stem}.{extension}"


@require_GET
def calendar(request):
    """The filtered events as an iCalendar feed (subscribe to it, or download it)."""
    event_filter = read_filter(request)
    events = filtered_events(event_filter).filter(date_start__isnull=False).exclude(date_precision=Precision.UNKNOWN)
    body = ical.calendar(
        stream(events), name=title_for(event_filter), base_url=base_url(request), host=request.get_host()
    )
    response = StreamingHttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timeline.ics"'
    return response
