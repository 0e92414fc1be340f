"""The read-only JSON API under /api/, described by OpenAPI at /api/openapi.json.

Responses are built by timeline/serializers.py, the serializer `manage.py export_events` uses, so
an event reads the same in the API, the JSON export and the README. The schemas below describe
those dictionaries for the OpenAPI document; django-ninja checks every response against them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.decorators import decorate_view

from articles.models import Article
from exports.common import base_url, filtered_events, read_filter
from timeline.dates import Precision
from timeline.models import Actor, Event
from timeline.pagecache import cached_by_timeline
from timeline.pagination import Cursor, paginate
from timeline.serializers import actor_to_dict, article_to_dict, event_to_dict, with_related

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# A day that no calendar has (2018-02-31) matches these and gets a 400 naming the parameter.
_YEAR, _MONTH, _DAY = r"[1-9]\d{3}", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
DATE_PATTERN = rf"^{_YEAR}(-{_MONTH}(-{_DAY})?)?$"
CURSOR_PATTERN = rf"^({_YEAR}-{_MONTH}-{_DAY}|x)_\d{{1,18}}$"

api = NinjaAPI(
    title="Diplomatic timeline API",
    version="1",
    description=(
        "Read-only access to the curated timeline: events (with the timeline page's filters and cursor "
        "pagination), actors and articles. Events are the visible ones: not rejected, not merged."
    ),
    urls_namespace="api",
    docs_url="/docs",
)


# Schemas: the shapes timeline/serializers.py produces.

EventKind = Literal[tuple(Event.Kind.values)]
EventStatus = Literal[tuple(Event.Status.values)]
EventReview = Literal[tuple(Event.Review.values)]
ActorKind = Literal[tuple(Actor.Kind.values)]


class Error(Schema):
    detail: str


class InvalidRequest(Schema):
    detail: list[dict[str, Any]] = Field(description="What was wrong with each parameter (pydantic's errors).")


class FilterError(Schema):
    detail: str
    errors: dict[str, str] = Field(description="Each query parameter that was wrong, and why.")


class EventDate(Schema):
    value: str | None = Field(description="The date as a TimeML TIMEX3 value, such as 2018-09-10 or 2018-09.")
    start: str | None = Field(description="The first day the date can mean (YYYY-MM-DD).")
    end: str | None = Field(description="The last day the date can mean (YYYY-MM-DD).")
    precision: Literal[tuple(Precision.values)]
    text: str | None = Field(description="The words in the article the date comes from.")
    display: str = Field(description="The date as the timeline shows it, such as '12 June 2018'.")


class EventActor(Schema):
    name: str
    kind: ActorKind
    role: str = Field(description="What the actor did in the event: sender, recipient, host, guest, speaker...")
    slug: str


class EventSource(Schema):
    article: int = Field(description="The article's id (see /api/articles/{id}).")
    title: str
    outlet: str
    url: str
    quote: str = Field(description="The sentence that supports the event.")
    start: int = Field(description="Where the quote starts in the article's body (characters).")
    end: int = Field(description="Where the quote ends in the article's body (exclusive).")


class EventOut(Schema):
    id: int
    url: str = Field(description="The event's permalink.")
    title: str
    kind: EventKind
    status: EventStatus
    review: EventReview
    date: EventDate
    place: str | None
    summary: str
    actors: list[EventActor]
    sources: list[EventSource]


class EventPage(Schema):
    items: list[EventOut]
    next: str | None = Field(description="The next (later) page, or null on the last page.")
    previous: str | None = Field(description="The previous (earlier) page, or null on the first page.")
    next_cursor: str | None = Field(description="Pass as `after` to get the next page.")
    previous_cursor: str | None = Field(description="Pass as `before` to get the previous page.")


class ActorOut(Schema):
    id: int
    url: str
    name: str
    kind: ActorKind
    role: str
    aliases: list[str]


class ActorPage(Schema):
    items: list[ActorOut]
    next: str | None
    next_cursor: int | None = Field(description="Pass as `after` to get the next page.")


class Repair(Schema):
    offset: int
    before: str
    after: str
    kind: str


class ArticleSummary(Schema):
    id: int
    title: str
    outlet: str
    credit: str
    url: str
    published: str | None
    published_source: str | None
    dateline: str
    status: str
    repairs: list[Repair]


class ArticleOut(ArticleSummary):
    body: str = Field(description="The repaired text; sources' start and end offsets point into it.")


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next: str | None
    next_cursor: int | None


# Query parameters. The events list reads them with EventFilter, exactly as the timeline page does;
# the schema documents them (and lets clients and fuzzers know their shape).


def _one_or_more(values) -> str:
    """A pattern for one value or several separated by commas (?kind=summit,call)."""
    choice = "|".join(values)
    return rf"^({choice})(,({choice}))*$"


class EventQuery(Schema):
    actor: list[str] = Field(
        default_factory=list, description="Actor slugs; every one must take part. Repeat, or separate with commas."
    )
    kind: list[Annotated[str, Field(pattern=_one_or_more(Event.Kind.values))]] = Field(
        default_factory=list,
        description="Any of these kinds (repeat, or separate with commas): " + ", ".join(Event.Kind.values),
    )
    status: list[Annotated[str, Field(pattern=_one_or_more(Event.Status.values))]] = Field(
        default_factory=list,
        description="Any of these statuses (repeat, or separate with commas): " + ", ".join(Event.Status.values),
    )
    from_: str | None = Field(
        None, alias="from", pattern=DATE_PATTERN, description="Events on or after: YYYY-MM-DD, YYYY-MM or YYYY."
    )
    to: str | None = Field(None, pattern=DATE_PATTERN, description="Events on or before: YYYY-MM-DD, YYYY-MM or YYYY.")
    q: str | None = Field(None, max_length=200, description="Words in the title, summary or an actor's name.")
    verified: bool | None = Field(None, description="Only events a curator verified.")
    place: str | None = Field(None, max_length=100, description="A place's slug.")
    after: str | None = Field(None, pattern=CURSOR_PATTERN, description="A cursor: the page after this position.")
    before: str | None = Field(None, pattern=CURSOR_PATTERN, description="A cursor: the page before this position.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Events per page.")


def _page_url(request: HttpRequest, path: str, params: list[tuple[str, str]]) -> str:
    return request.build_absolute_uri(path + ("?" + urlencode(params) if params else ""))


@api.get(
    "/events",
    tags=["events"],
    response={200: EventPage, 400: FilterError, 422: InvalidRequest},
    url_name="events",
    summary="Events, filtered and in time order",
    description="Events in time order (undated ones last), with the timeline page's filters, a page at a time. "
    "Follow `next` and `previous`: the cursors are positions, so pages stay stable while events are added.",
)
@decorate_view(cached_by_timeline)
def list_events(request, query: Query[EventQuery]):
    event_filter = read_filter(request)
    errors = dict(event_filter.errors)
    after = Cursor.parse(query.after) if query.after else None
    before = Cursor.parse(query.before) if query.before else None
    if query.after and after is None:
        errors["after"] = "Not a cursor: pass the next_cursor of a page."
    if query.before and before is None:
        errors["before"] = "Not a cursor: pass the previous_cursor of a page."
    if after and before:
        errors["before"] = "Give after or before, not both."
    if errors:
        return Status(400, {"detail": "Some query parameters are not valid.", "errors": errors})
    page = paginate(with_related(filtered_events(event_filter)), size=query.limit, after=after, before=before)
    site = base_url(request)
    path = reverse("api:events")
    common = [*event_filter.to_params(), ("limit", str(query.limit))]
    later, earlier = page.later_cursor, page.earlier_cursor
    return Status(
        200,
        {
            "items": [event_to_dict(e, site) for e in page.items],
            "next": _page_url(request, path, [*common, ("after", str(later))]) if later else None,
            "previous": _page_url(request, path, [*common, ("before", str(earlier))]) if earlier else None,
            "next_cursor": str(later) if later else None,
            "previous_cursor": str(earlier) if earlier else None,
        },
    )


@api.get(
    "/events/{event_id}",
    tags=["events"],
    response={200: EventOut, 301: None, 404: Error, 422: InvalidRequest},
    url_name="event",
    summary="One event",
    description="A curator may merge duplicates: a merged event's address redirects (301) to the event it "
    "was merged into, as its permalink does.",
)
def get_event(request, event_id: int = Path(..., ge=1, le=2**63 - 1)):
    event = with_related(Event.objects.visible()).filter(pk=event_id).first()
    if event is not None:
        return Status(200, event_to_dict(event, base_url(request)))
    merged = Event.objects.filter(pk=event_id, merged_into__isnull=False).select_related("merged_into").first()
    seen = set()
    while merged is not None and merged.merged_into_id and merged.pk not in seen:
        seen.add(merged.pk)
        merged = merged.merged_into
    if merged is not None and merged.is_visible:
        return HttpResponsePermanentRedirect(reverse("api:event", kwargs={"event_id": merged.pk}))
    return Status(404, {"detail": "No such event (or a curator rejected it)."})


class ActorQuery(Schema):
    kind: ActorKind | None = None
    after: int | None = Field(None, ge=0, le=2**63 - 1, description="A cursor: the actors after this id.")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


@api.get(
    "/actors",
    tags=["actors"],
    response={200: ActorPage, 422: InvalidRequest},
    url_name="actors",
    summary="Actors, by id",
)
def list_actors(request, query: Query[ActorQuery]):
    actors = Actor.objects.active().order_by("id")
    if query.kind:
        actors = actors.filter(kind=query.kind)
    if query.after is not None:
        actors = actors.filter(id__gt=query.after)
    rows = list(actors[: query.limit + 1])
    items, more = rows[: query.limit], len(rows) > query.limit
    site = base_url(request)
    params = [("limit", str(query.limit))] + ([("kind", query.kind)] if query.kind else [])
    cursor = items[-1].pk if more else None
    return {
        "items": [actor_to_dict(a, site) for a in items],
        "next": _page_url(request, reverse("api:actors"), [*params, ("after", str(cursor))]) if more else None,
        "next_cursor": cursor,
    }


@api.get(
    "/actors/{slug}",
    tags=["actors"],
    response={200: ActorOut, 404: Error, 422: InvalidRequest},
    url_name="actor",
    summary="One actor",
)
def get_actor(request, slug: str = Path(..., max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")):
    actor = Actor.objects.active().filter(slug=slug).first()
    if actor is None:
        return Status(404, {"detail": "No such actor (or it was merged into another)."})
    return Status(200, actor_to_dict(actor, base_url(request)))


class ArticleQuery(Schema):
    after: int | None = Field(None, ge=0, le=2**63 - 1, description="A cursor: the articles after this id.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


@api.get(
    "/articles",
    tags=["articles"],
    response={200: ArticlePage, 422: InvalidRequest},
    url_name="articles",
    summary="Articles, by id, without their text",
)
def list_articles(request, query: Query[ArticleQuery]):
    articles = Article.objects.defer("raw", "body", "structure", "metadata").order_by("id")
    if query.after is not None:
        articles = articles.filter(id__gt=query.after)
    rows = list(articles[: query.limit + 1])
    items, more = rows[: query.limit], len(rows) > query.limit
    cursor = items[-1].pk if more else None
    params = [("limit", str(query.limit)), ("after", str(cursor))]
    return {
        "items": [article_to_dict(a, include_body=False) for a in items],
        "next": _page_url(request, reverse("api:articles"), params) if more else None,
        "next_cursor": cursor,
    }


@api.get(
    "/articles/{article_id}",
    tags=["articles"],
    response={200: ArticleOut, 404: Error, 422: InvalidRequest},
    url_name="article",
    summary="One article",
)
def get_article(request, article_id: int = Path(..., ge=1, le=2**63 - 1)):
    article = Article.objects.defer("raw", "structure", "metadata").filter(pk=article_id).first()
    if article is None:
        return Status(404, {"detail": "No such article."})
    return Status(200, article_to_dict(article))
