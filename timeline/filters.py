"""The timeline's filters, read from a query string and applied to events.

One class serves the timeline page, the embeds, the feeds, the API and every export, so a filtered
view is one query string in every format: `?actor=donald-trump&actor=kim-jong-un&kind=summit&from=2018-01-01`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from timeline.models import Event, Participation

MAX_VALUES = 20  # per repeated parameter; more is not a real filter, only a costly query
MAX_QUERY_LENGTH = 200


def _many(params, name: str) -> list[str]:
    """Repeated parameters and comma-separated values both work: ?kind=summit&kind=call or ?kind=summit,call."""
    values: list[str] = []
    for raw in params.getlist(name):
        for value in raw.split(","):
            value = value.strip()
            if value and value not in values:
                values.append(value)
    return values[:MAX_VALUES]


def _date(value: str) -> dt.date:
    """YYYY-MM-DD, YYYY-MM (the first day) or YYYY (1 January)."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(value)
    year, month, day = (int(parts[i]) if i < len(parts) else 1 for i in range(3))
    return dt.date(year, month, day)


def _end_of(value: str, start: dt.date) -> dt.date:
    """The last day a 'to' bound can mean: to=2019 is up to 31 December 2019."""
    parts = value.split("-")
    if len(parts) == 1:
        return dt.date(start.year, 12, 31)
    if len(parts) == 2:
        next_month = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)
    return start


@dataclass
class EventFilter:
    actors: list[str] = field(default_factory=list)  # actor slugs; every one must take part
    kinds: list[str] = field(default_factory=list)  # any of these kinds
    statuses: list[str] = field(default_factory=list)  # any of these statuses
    start: dt.date | None = None  # events overlapping [start, end]
    end: dt.date | None = None
    q: str = ""  # text search
    verified: bool = False  # only events a curator verified
    place: str = ""  # a place slug
    errors: dict[str, str] = field(default_factory=dict)  # parameter -> what was wrong (it is ignored)

    PARAMS = ("actor", "kind", "status", "from", "to", "q", "verified", "place")

    @classmethod
    def from_query(cls, params) -> EventFilter:
        """Read a QueryDict. Unknown kinds or statuses and malformed dates are ignored and reported in `errors`."""
        f = cls()
        f.actors = _many(params, "actor")
        kinds, statuses = set(Event.Kind.values), set(Event.Status.values)
        f.kinds = [k for k in _many(params, "kind") if k in kinds]
        if len(f.kinds) != len(_many(params, "kind")):
            f.errors["kind"] = "Unknown kind: choose from " + ", ".join(Event.Kind.values) + "."
        f.statuses = [s for s in _many(params, "status") if s in statuses]
        if len(f.statuses) != len(_many(params, "status")):
            f.errors["status"] = "Unknown status: choose from " + ", ".join(Event.Status.values) + "."
        for name in ("from", "to"):
            value = params.get(name, "").strip()
            if not value:
                continue
            try:
                day = _date(value)
            except ValueError:
                f.errors[name] = f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY."
                continue
            if name == "from":
                f.start = day
            else:
                f.end = _end_of(value, day)
        if f.start and f.end and f.end < f.start:
            f.errors["to"] = "The end of the date range is before its start."
            f.end = None
        # NUL characters mean nothing in a search, and PostgreSQL refuses them in a query (a 500).
        f.q = " ".join(params.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
        f.verified = params.get("verified", "").strip().lower() in {"1", "true", "yes", "on"}
        f.place = params.get("place", "").strip()[:100]
        return f

    @property
    def is_empty(self) -> bool:
        return not (
            self.actors
            or self.kinds
            or self.statuses
            or self.start
            or self.end
            or self.q
            or self.verified
            or self.place
        )

    def apply(self, events: QuerySet) -> QuerySet:
        for slug in self.actors:
            events = events.filter(Exists(Participation.objects.filter(event=OuterRef("pk"), actor__slug=slug)))
        if self.kinds:
            events = events.filter(kind__in=self.kinds)
        if self.statuses:
            events = events.filter(status__in=self.statuses)
        if self.start or self.end:
            events = events.between(self.start, self.end)
        if self.verified:
            events = events.verified()
        if self.place:
            events = events.filter(place__slug=self.place)
        if self.q:
            events = search(events, self.q)
        return events

    def to_params(self) -> list[tuple[str, str]]:
        """The filter as query-string pairs, in a canonical order (the same view is the same URL)."""
        pairs: list[tuple[str, str]] = [("actor", a) for a in self.actors]
        pairs += [("kind", k) for k in self.kinds]
        pairs += [("status", s) for s in self.statuses]
        if self.start:
            pairs.append(("from", self.start.isoformat()))
        if self.end:
            pairs.append(("to", self.end.isoformat()))
        if self.q:
            pairs.append(("q", self.q))
        if self.verified:
            pairs.append(("verified", "1"))
        if self.place:
            pairs.append(("place", self.place))
        return pairs

    def querystring(self, **extra) -> str:
        """'actor=...&kind=...' plus extra parameters (None drops one); '' when there is nothing."""
        pairs = self.to_params() + [(k, str(v)) for k, v in extra.items() if v is not None]
        return urlencode(pairs)


def search(events: QuerySet, q: str) -> QuerySet:
    """Full-text search on PostgreSQL; on SQLite every word must appear in the title, summary or an actor's name."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", weight="A", config="english") + SearchVector(
            "summary", "date_text", weight="B", config="english"
        )
        query = SearchQuery(q, search_type="websearch", config="english")
        actor_match = Exists(Participation.objects.filter(event=OuterRef("pk"), actor__name__icontains=q))
        return events.annotate(_search=vector).filter(Q(_search=query) | actor_match)
    for word in q.split():
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Exists(Participation.objects.filter(event=OuterRef("pk"), actor__name__icontains=word))
        )
    return events
