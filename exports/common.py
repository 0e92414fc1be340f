"""What every export shares: the filtered events, streamed in time order, and the site's address."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from timeline.filters import EventFilter
from timeline.models import Actor, Event, Evidence, Participation

# Rows fetched per query when streaming: big enough to keep queries few, small enough to keep memory flat.
CHUNK = 500


def filtered_events(event_filter: EventFilter) -> QuerySet:
    """The visible events the filter selects, in time order (undated events last)."""
    return event_filter.apply(Event.objects.visible()).in_time_order()


# What the exports read of an event, in four queries per chunk. Unlike the API's serializer they never
# show an article's text, so its body and raw bytes stay in the database.
ARTICLE_TEXT = ("article__raw", "article__body", "article__structure", "article__metadata", "article__repairs")


def for_export(events: QuerySet, sources: bool = True) -> QuerySet:
    """Prefetched into plain lists (to_attr): Django then skips building a queryset per event, a third of
    the time an export took. `sources=False` leaves out the evidence (the calendar shows none)."""
    lookups = [
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("actor__state").order_by("id"),
            to_attr="export_participations",
        )
    ]
    if sources:
        lookups.append(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("article")
                .defer(*ARTICLE_TEXT)
                .order_by("article_id", "start"),
                to_attr="export_evidence",
            )
        )
    return events.select_related("place__country").prefetch_related(*lookups)


def with_actors(events: QuerySet) -> QuerySet:
    """For pages that show an event's place and actors but not its sources (embeds, feeds)."""
    return events.select_related("place").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("actor").order_by("id"))
    )


def participations_of(event: Event) -> list[Participation]:
    """The event's participations, from for_export's lists when it was used, else from the database."""
    found = getattr(event, "export_participations", None)
    return found if found is not None else list(event.participations.all())


def evidence_of(event: Event) -> list[Evidence]:
    found = getattr(event, "export_evidence", None)
    return found if found is not None else list(event.evidence.all())


def stream(events: QuerySet, chunk: int = CHUNK, sources: bool = True) -> Iterator[Event]:
    """Events with their place, actors and sources, `chunk` at a time: memory does not grow with the export."""
    return for_export(events, sources).iterator(chunk_size=chunk)


def read_filter(request) -> EventFilter:
    """The timeline's filter from the request's query string; NUL characters (which no slug or word holds, and
    PostgreSQL refuses in a query) are dropped first."""
    params = request.GET.copy()
    for key in params:
        params.setlist(key, [value.replace("\x00", "") for value in params.getlist(key)])
    return EventFilter.from_query(params)


def base_url(request) -> str:
    """The scheme and host the request came to, without a trailing slash: the prefix of absolute links."""
    return request.build_absolute_uri("/").rstrip("/")


def describe(event_filter: EventFilter) -> str:
    """The filter in words, for feed and calendar titles: 'Donald Trump and Kim Jong-un · summit · from 2018-01-01'."""
    parts = []
    if event_filter.actors:
        names = dict(Actor.objects.filter(slug__in=event_filter.actors).values_list("slug", "name"))
        parts.append(" and ".join(names.get(slug, slug) for slug in event_filter.actors))
    labels = dict(Event.Kind.choices)
    if event_filter.kinds:
        parts.append(", ".join(labels[k].lower() for k in event_filter.kinds))
    if event_filter.statuses:
        statuses = dict(Event.Status.choices)
        parts.append(", ".join(statuses[s].lower() for s in event_filter.statuses))
    if event_filter.start and event_filter.end:
        parts.append(f"{event_filter.start.isoformat()} to {event_filter.end.isoformat()}")
    elif event_filter.start:
        parts.append(f"from {event_filter.start.isoformat()}")
    elif event_filter.end:
        parts.append(f"until {event_filter.end.isoformat()}")
    if event_filter.place:
        parts.append(f"in {event_filter.place}")
    if event_filter.verified:
        parts.append("verified")
    if event_filter.q:
        parts.append(f"“{event_filter.q}”")
    return " · ".join(parts)


def title_for(event_filter: EventFilter) -> str:
    described = describe(event_filter)
    return "Diplomatic timeline" + (f": {described}" if described else "")


PRIMARY_ROLES = ("sender", "host", "speaker", "participant", "guest", "recipient", "target")


def main_actor(event: Event):
    """The actor an event is mainly about: the sender, host or speaker before the others (TimelineJS's group)."""
    participations = participations_of(event)
    if not participations:
        return None
    order = {role: n for n, role in enumerate(PRIMARY_ROLES)}
    return min(participations, key=lambda p: (order.get(p.role, len(order)), p.pk)).actor


class Permalinks:
    """Absolute event and article URLs for many rows: reverse() once, then string formatting.

    reverse() took a fifth of an export's time; the URL patterns are reversed once with marker
    values, so this follows them whatever their shape.
    """

    PK, SLUG = "987654321", "slugmarker"

    def __init__(self, base_url: str):
        event = reverse("timeline:event", kwargs={"pk": int(self.PK), "slug": self.SLUG})
        article = reverse("timeline:article", kwargs={"pk": int(self.PK)})
        self._event = (base_url + event).replace("%", "%%").replace(self.PK, "%(pk)s").replace(self.SLUG, "%(slug)s")
        self._article = (base_url + article).replace("%", "%%").replace(self.PK, "%(pk)s")

    def event(self, event: Event) -> str:
        return self._event % {"pk": event.pk, "slug": event.slug or "event"}

    def article(self, article) -> str:
        return self._article % {"pk": article.pk}
