"""What the timeline page shows for one query string: the state of the view, one page of cards, the
density strip and the filter choices.

A state is read from the query string (`TimelineState.from_query`) and written back to one
(`querystring`), so every view of the page is a link. A request costs a constant number of queries
whatever the table holds: the page's ids and dates (keyset pagination, never OFFSET) and one row of
the other side (two when the undated events are that side). The cards' HTML, the density strip and
the actor choices come from the cache, keyed on `timeline_version()` (the actor ranking on time);
a miss costs two queries for the cards missing and one grouped query for the strip.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from timeline.changes import timeline_version
from timeline.filters import EventFilter
from timeline.models import Actor, Event, Evidence, Participation
from timeline.pagination import Cursor, Page, paginate

ZOOMS = ("year", "month", "day")
DEFAULT_ZOOM = "month"
VIEWS = ("list", "lanes")
PAGE_SIZE = {"year": 100, "month": 50, "day": 30}
MAX_LANES = 6
DEFAULT_LANES = 5
TOP_ACTORS = 30
# Past this many months the density strip counts years instead: a bar per month stays readable up to ten years.
MAX_MONTH_BARS = 120
# Where a view without a cursor starts: the latest dated events (the page before the end of time).
LATEST = Cursor(dt.date.max, 2**62)
CACHE_SECONDS = 60 * 60
TOP_ACTORS_SECONDS = 10 * 60


def _month(value: str) -> dt.date | None:
    """'2018-09' or '2018' or '2018-09-10' as the first day of that period; None for anything else."""
    parts = value.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return None


@dataclass
class TimelineState:
    filter: EventFilter = field(default_factory=EventFilter)
    zoom: str = DEFAULT_ZOOM
    view: str = "list"
    after: Cursor | None = None
    before: Cursor | None = None
    at: dt.date | None = None
    # An actor every event must have, not part of the query string (the actor page's own actor).
    pinned_actor: str = ""

    @classmethod
    def from_query(cls, params) -> TimelineState:
        zoom = params.get("zoom", "")
        view = params.get("view", "")
        return cls(
            filter=EventFilter.from_query(params),
            zoom=zoom if zoom in ZOOMS else DEFAULT_ZOOM,
            view=view if view in VIEWS else "list",
            after=Cursor.parse(params.get("after")),
            before=Cursor.parse(params.get("before")),
            at=_month(params.get("at", "")),
        )

    @property
    def page_size(self) -> int:
        return PAGE_SIZE[self.zoom]

    def view_params(self) -> list[tuple[str, str]]:
        """The filter, the zoom and the view (not the position): what the filter form and exports carry."""
        pairs = self.filter.to_params()
        if self.zoom != DEFAULT_ZOOM:
            pairs.append(("zoom", self.zoom))
        if self.view != "list":
            pairs.append(("view", self.view))
        return pairs

    def querystring(self, **extra) -> str:
        """The view's query string plus extra parameters (None drops one), without a leading '?'."""
        pairs = self.view_params() + [(k, str(v)) for k, v in extra.items() if v is not None]
        return urlencode(pairs)

    def with_zoom(self, zoom: str) -> TimelineState:
        return replace(self, zoom=zoom)


# --- Periods: how cards are grouped under headings -------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str  # "2018", "2018-09", "2018-09-10" or "unknown": the section's id
    label: str

    @classmethod
    def of(cls, day: dt.date | None, zoom: str) -> Period:
        if day is None:
            return cls("unknown", "Date unknown")
        if zoom == "year":
            return cls(str(day.year), str(day.year))
        if zoom == "day":
            return cls(day.isoformat(), f"{day:%A} {day.day} {day:%B %Y}")
        return cls(f"{day:%Y-%m}", f"{day:%B %Y}")


@dataclass
class Group:
    period: Period
    events: list[Event]
    continues: bool = False  # the section is already on the page (a chunk adds to it)


def group_events(events: list[Event], zoom: str) -> list[Group]:
    by_period = itertools.groupby(events, lambda e: Period.of(e.date_start, zoom))
    return [Group(period, list(items)) for period, items in by_period]


# --- Queries ---------------------------------------------------------------------------------------


def with_cards(events: QuerySet) -> QuerySet:
    """What an event card shows, in a constant number of queries: place, participants, number of sources."""
    sources = (
        Evidence.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    return (
        events.select_related("place")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("actor").order_by("id"))
        )
        .annotate(source_count=Coalesce(Subquery(sources, output_field=IntegerField()), Value(0)))
    )


def lane_actors(state: TimelineState) -> list[Actor]:
    """The lanes of the lanes view: the chosen actors, or the most active ones when none is chosen."""
    if state.filter.actors:
        by_slug = {a.slug: a for a in Actor.objects.filter(slug__in=state.filter.actors[:MAX_LANES])}
        return [by_slug[s] for s in state.filter.actors[:MAX_LANES] if s in by_slug]
    return [a for a, _ in top_actors()[:DEFAULT_LANES]]


def filtered_events(state: TimelineState, lanes: list[Actor] | None = None) -> QuerySet:
    """Visible events that pass the filter. In the lanes view the actors are lanes, so an event in any lane counts."""
    base = Event.objects.visible()
    if state.pinned_actor:
        base = base.filter(Exists(Participation.objects.filter(event=OuterRef("pk"), actor__slug=state.pinned_actor)))
    if lanes is None:
        return state.filter.apply(base)
    events = replace(state.filter, actors=[]).apply(base)
    return events.filter(Exists(Participation.objects.filter(event=OuterRef("pk"), actor__in=lanes)))


def page_of(state: TimelineState, events: QuerySet) -> Page:
    """The page of events the state points at; from the latest dated events when it names no position."""
    if state.before is not None:
        return paginate(events, size=state.page_size, before=state.before)
    if state.after is not None:
        return paginate(events, size=state.page_size, after=state.after)
    if state.at is not None:
        return paginate(events, size=state.page_size, after=Cursor.at(state.at))
    page = paginate(events, size=state.page_size, before=LATEST)
    if not page.items and page.has_later:
        # Only undated events: start at the beginning instead of before the (empty) dated part.
        page = paginate(events, size=state.page_size)
    return page


def _cache_key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"timeline:{kind}:{timeline_version()}:{digest}"


def month_counts(state: TimelineState, lanes: list[Actor] | None) -> dict[str | None, int]:
    """Events per month ("2018-09") of the filtered set, None for undated ones; cached until the timeline changes.

    The query groups by the stored day (not a truncated month), which every database answers from the
    date index and which returns at most a few thousand rows; the months are summed here.
    """
    lane_key = ",".join(a.slug for a in lanes) if lanes is not None else ""
    key = _cache_key("months", state.filter.querystring(), lane_key, state.pinned_actor)
    counts = cache.get(key)
    if counts is None:
        rows = filtered_events(state, lanes).order_by().values_list("date_start").annotate(n=Count("id"))
        per: Counter = Counter()
        for day, n in rows:
            per[f"{day:%Y-%m}" if day else None] += n
        counts = dict(per)
        cache.set(key, counts, CACHE_SECONDS)
    return counts


def top_actors(limit: int = TOP_ACTORS) -> list[tuple[Actor, int]]:
    """The actors in the most visible events, for the filter's choices and the default lanes.

    Cached for ten minutes whatever changes: counting every participation takes 100+ ms with
    100,000 events, too much to pay after each curator's edit, and a ranking a few minutes old
    only changes which actors are offered first (a chosen actor is always offered).
    """
    key = f"timeline:top-actors:{limit}"
    top = cache.get(key)
    if top is None:
        rows = (
            Participation.objects.filter(event__in=Event.objects.visible(), actor__merged_into__isnull=True)
            .order_by()
            .values("actor")
            .annotate(n=Count("event", distinct=True))
            .order_by("-n", "actor")[:limit]
        )
        counts = {r["actor"]: r["n"] for r in rows}
        actors = Actor.objects.in_bulk(list(counts))
        top = [(actors[pk], n) for pk, n in counts.items() if pk in actors]
        cache.set(key, top, TOP_ACTORS_SECONDS)
    return top


# --- The density strip -----------------------------------------------------------------------------


@dataclass
class Bar:
    key: str  # "2018-09" or "2018": the `at` parameter that jumps there
    label: str  # "September 2018: 12 events"
    level: int  # 0..10, the bar's height class
    href: str
    current: bool = False
    axis: str = ""  # the year written under the bar that starts it


@dataclass
class Density:
    bars: list[Bar]
    total: int
    undated: int
    unit: str  # "month" or "year"


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    keys = []
    while f"{y:04d}-{m:02d}" <= last:
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return keys


def density(counts: dict[str | None, int], zoom: str, shown: list[Event], prefix: str) -> Density:
    """Events per month (or per year, for the year zoom or a span over ten years), with the shown range marked.

    `prefix` is the link to the view without a position ("/?kind=summit&"): a bar links to prefix + "at=KEY".
    """
    undated = counts.get(None, 0)
    total = sum(counts.values())
    months = sorted(k for k in counts if k is not None)
    if not months:
        return Density([], total, undated, "month")
    keys = _months_between(months[0], months[-1])
    unit = "year" if zoom == "year" or len(keys) > MAX_MONTH_BARS else "month"
    if unit == "year":
        per: Counter[str] = Counter()
        for month, n in counts.items():
            if month is not None:
                per[month[:4]] += n
        keys = [str(y) for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)]
    else:
        per = Counter({k: n for k, n in counts.items() if k is not None})
    dated_shown = [e.date_start for e in shown if e.date_start]
    lo = hi = None
    if dated_shown:
        cut = 4 if unit == "year" else 7
        lo, hi = min(dated_shown).isoformat()[:cut], max(dated_shown).isoformat()[:cut]
    peak = max(per.values()) if per else 1
    bars = []
    for i, key in enumerate(keys):
        n = per.get(key, 0)
        name = key if unit == "year" else f"{_MONTHS[int(key[5:])]} {key[:4]}"
        axis = key if unit == "year" else (key[:4] if key.endswith("-01") or i == 0 else "")
        bars.append(
            Bar(
                key=key,
                label=f"{name}: {n} event{'' if n == 1 else 's'}",
                level=0 if n == 0 else max(1, round(10 * n / peak)),
                href=f"{prefix}at={key}",
                current=lo is not None and lo <= key <= hi,
                axis=axis,
            )
        )
    return Density(bars, total, undated, unit)


_MONTHS = [""] + [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]


# --- Lanes -----------------------------------------------------------------------------------------


@dataclass
class LaneRow:
    period: Period
    cells: list[list[Event]]


def lane_rows(events: list[Event], lanes: list[Actor], zoom: str) -> list[LaneRow]:
    """One row per period, one cell per lane; an event sits in the lane of every participant it has there."""
    index = {a.pk: i for i, a in enumerate(lanes)}
    rows = []
    for group in group_events(events, zoom):
        cells: list[list[Event]] = [[] for _ in lanes]
        for event in group.events:
            seen = set()
            for p in event.participations.all():
                i = index.get(p.actor_id)
                if i is not None and i not in seen:
                    seen.add(i)
                    cells[i].append(event)
        rows.append(LaneRow(group.period, cells))
    return rows


# --- Everything the page needs ---------------------------------------------------------------------


def timeline_context(state: TimelineState, *, path: str = "/", with_density: bool = True) -> dict:
    lanes = lane_actors(state) if state.view == "lanes" else None
    events = filtered_events(state, lanes)
    if lanes is None:
        # Only what places a card on the page: the cards themselves come from the cache.
        page = page_of(state, events.only("id", "date_start"))
        attach_cards(page.items, compact=state.zoom == "year")
    else:
        page = page_of(state, with_cards(events))
    groups = group_events(page.items, state.zoom)
    context = {
        "state": state,
        "page": page,
        "groups": groups,
        "lanes": lanes,
        "lane_rows": lane_rows(page.items, lanes, state.zoom) if lanes is not None else None,
        "view_query": state.querystring(),
        "query_prefix": path + "?" + (state.querystring() + "&" if state.view_params() else ""),
        "filter_query": state.filter.querystring(),
        "later_query": state.querystring(after=page.later_cursor) if page.later_cursor else None,
        "earlier_query": state.querystring(before=page.earlier_cursor) if page.earlier_cursor else None,
    }
    if with_density:
        context["density"] = density(month_counts(state, lanes), state.zoom, page.items, context["query_prefix"])
    return context


def attach_cards(events: list[Event], *, compact: bool) -> None:
    """Give each event its card's HTML (`event.card_html`), drawn once per version of the timeline.

    A card shows only the event's own rows, so it is the same in every view that lists it; it is
    cached under `timeline_version()`, which any change to events, actors or evidence bumps.
    The events may be bare (only their id and date): the cards not in the cache are drawn from
    their full rows, fetched in two queries (events with places and source counts, participants).
    """
    version = timeline_version()
    keys = {event.pk: f"timeline:card:{version}:{int(compact)}:{event.pk}" for event in events}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        drawn = {}
        for event in with_cards(Event.objects.filter(pk__in=missing)):
            context = {"event": event, "compact": compact}
            drawn[keys[event.pk]] = render_to_string("timeline/_event_card.html", context)
        cache.set_many(drawn, CACHE_SECONDS)
        found.update(drawn)
    for event in events:
        event.card_html = mark_safe(found.get(keys[event.pk], ""))  # noqa: S308 (our own template's output)


def continue_groups(groups: list[Group], edge: Cursor, zoom: str, *, at_end: bool) -> None:
    """Mark the group a chunk shares with the page it joins: its cards go into the section already there.

    `edge` is the cursor the chunk was asked with: the last event shown, for a chunk added after it
    (`at_end`), or the first one, for a chunk added before it.
    """
    if not groups:
        return
    group = groups[0] if at_end else groups[-1]
    if group.period == Period.of(edge.date, zoom):
        group.continues = True


def filter_choices(state: TimelineState) -> dict:
    """The filter form's options: kinds, statuses, and actors (the most active ones plus any chosen)."""
    top = top_actors()
    chosen = set(state.filter.actors)
    listed = {a.slug for a, _ in top}
    extra = []
    missing = [s for s in state.filter.actors if s not in listed]
    if missing:
        extra = [(a, None) for a in Actor.objects.filter(slug__in=missing)]
    return {
        "actor_choices": [(a, n, a.slug in chosen) for a, n in [*extra, *top]],
        "kind_choices": [(v, label, v in state.filter.kinds) for v, label in Event.Kind.choices],
        "status_choices": [(v, label, v in state.filter.statuses) for v, label in Event.Status.choices],
        "zoom_choices": [(z, z.capitalize(), z == state.zoom) for z in ZOOMS],
        "view_choices": [(v, "Lanes by actor" if v == "lanes" else "List", v == state.view) for v in VIEWS],
    }
