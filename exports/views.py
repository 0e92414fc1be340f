"""Downloads and subscriptions of the filtered timeline: iCalendar, TimelineJS, event data; embeds and oEmbed.

Every view reads the timeline page's filters from the query string (timeline/filters.py), so one
filtered view is one query string in every format, and streams its rows so an export of any size
keeps memory flat.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from exports import eventdata, ical, timelinejs
from exports.caching import etag_by_timeline
from exports.common import base_url, filtered_events, read_filter, stream, title_for, with_actors
from exports.framing import allow_framing
from timeline.dates import Precision
from timeline.models import Event, Evidence


def open_to_all_origins(view):
    """Access-Control-Allow-Origin: * on every answer of the view, a 304 included: other sites' pages may read it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _dated(events):
    return events.filter(date_start__isnull=False).exclude(date_precision=Precision.UNKNOWN)


@require_GET
@etag_by_timeline
def calendar(request):
    """The filtered events as an iCalendar feed (subscribe to it, or download it)."""
    event_filter = read_filter(request)
    events = _dated(filtered_events(event_filter))
    # UIDs take SITE_URL's host, not the request's: a subscriber sees the same event under the same UID
    # whichever address served the calendar.
    host = urlsplit(settings.SITE_URL).hostname or request.get_host()
    body = ical.calendar(
        stream(events, sources=False), name=title_for(event_filter), base_url=base_url(request), host=host
    )
    response = StreamingHttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timeline.ics"'
    return response


@require_GET
@open_to_all_origins
@etag_by_timeline
def timelinejs_export(request):
    """The filtered events as TimelineJS3 JSON (CORS-open: a TimelineJS page elsewhere may load it)."""
    event_filter = read_filter(request)
    body = timelinejs.document(
        stream(_dated(filtered_events(event_filter))),
        title=title_for(event_filter),
        description="Diplomatic events from news articles, each linked to its sources.",
        base_url=base_url(request),
    )
    return StreamingHttpResponse(body, content_type="application/json")


@require_GET
@etag_by_timeline
def eventdata_csv(request):
    """Event data as CSV: one row per event, with its CAMEO code and PLOVER type."""
    events = stream(filtered_events(read_filter(request)))
    response = StreamingHttpResponse(
        eventdata.csv_rows(events, base_url=base_url(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="timeline-events.csv"'
    return response


@require_GET
@etag_by_timeline
def eventdata_jsonl(request):
    """Event data as JSON Lines: one PLOVER-style record per line."""
    events = stream(filtered_events(read_filter(request)))
    response = StreamingHttpResponse(
        eventdata.jsonl(events, base_url=base_url(request)), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="timeline-events.jsonl"'
    return response


EMBED_SIZE = 100


@require_GET
@allow_framing
@etag_by_timeline
def embed(request):
    """A compact timeline for an iframe: the filtered events in time order, each linking to its permalink."""
    event_filter = read_filter(request)
    rows = list(with_actors(filtered_events(event_filter))[: EMBED_SIZE + 1])
    query = event_filter.querystring()
    context = {
        "events": rows[:EMBED_SIZE],
        "more": len(rows) > EMBED_SIZE,
        "title": title_for(event_filter),
        "timeline_url": request.build_absolute_uri(reverse("timeline:home") + (f"?{query}" if query else "")),
    }
    return render(request, "exports/embed.html", context)


@require_GET
@allow_framing
@etag_by_timeline
def embed_event(request, pk):
    """One event as a card, for the iframe oEmbed gives out."""
    first_source = Evidence.objects.only("event_id", "quote", "start").order_by("article_id", "start")
    events = with_actors(Event.objects.visible()).prefetch_related(Prefetch("evidence", queryset=first_source))
    event = get_object_or_404(events, pk=pk)
    return render(request, "exports/embed_event.html", {"event": event})


OEMBED_WIDTH, OEMBED_HEIGHT = 500, 260


def _dimension(value: str | None, default: int) -> int:
    return min(default, int(value)) if value and value.isdigit() and 0 < int(value) < 10_000 else default


@require_GET
@open_to_all_origins
def oembed(request):
    """oEmbed 1.0 (https://oembed.com/) for event permalinks: a "rich" embed, an iframe of the event's card."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only format=json is provided.", status=501, content_type="text/plain")
    url = urlsplit(request.GET.get("url", ""))
    hosts = {request.get_host(), urlsplit(settings.SITE_URL).netloc}
    try:
        match = resolve(url.path) if url.scheme in ("http", "https") and url.netloc in hosts else None
    except Resolver404:
        match = None
    if match is None or match.view_name != "timeline:event":
        raise Http404("Not an event permalink of this site.")
    event = Event.objects.filter(pk=match.kwargs["pk"]).first()
    while event is not None and event.merged_into_id:
        event = event.merged_into
    if event is None or not event.is_visible:
        raise Http404("No such event.")
    width = _dimension(request.GET.get("maxwidth"), OEMBED_WIDTH)
    height = _dimension(request.GET.get("maxheight"), OEMBED_HEIGHT)
    src = request.build_absolute_uri(reverse("exports:embed-event", kwargs={"pk": event.pk}))
    iframe = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" frameborder="0"></iframe>',
        src,
        width,
        height,
        event.title,
    )
    data = {
        "version": "1.0",
        "type": "rich",
        "title": event.title,
        "provider_name": "Diplomatic timeline",
        "provider_url": base_url(request) + "/",
        "html": str(iframe),
        "width": width,
        "height": height,
        "cache_age": 3600,
    }
    return JsonResponse(data)
