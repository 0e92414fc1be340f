"""What the permalink, actor and article pages need beyond one model: survivors of merges, neighbours
in time, schema.org data, co-participants, and an article's text cut at its evidence."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, QuerySet

from timeline.changes import timeline_version
from timeline.dates import Precision
from timeline.models import Actor, Event, Evidence, Participation
from timeline.pagination import Cursor, paginate

MAX_MERGE_HOPS = 20


def survivor(obj):
    """Follow `merged_into` to the event or actor that absorbed this one (merges may chain: A into B into C)."""
    seen = {obj.pk}
    model = type(obj)
    while obj.merged_into_id and obj.merged_into_id not in seen and len(seen) < MAX_MERGE_HOPS:
        obj = model.objects.get(pk=obj.merged_into_id)
        seen.add(obj.pk)
    return obj


def with_sources(events: QuerySet) -> QuerySet:
    """Evidence with its article's title and outlet, without the article's body and raw bytes."""
    return events.prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("article")
            .defer("article__raw", "article__body", "article__structure", "article__repairs", "article__metadata")
            .order_by("article_id", "start"),
        )
    )


def neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The visible events just before and after this one in time order."""
    visible = Event.objects.visible().only("id", "title", "slug", "date_start", "date_end", "date_precision")
    cursor = Cursor.of(event)
    before = paginate(visible, size=1, before=cursor).items
    after = paginate(visible, size=1, after=cursor).items
    return (before[0] if before else None), (after[0] if after else None)


_STATUS = {
    Event.Status.OCCURRED: "https://schema.org/EventScheduled",
    Event.Status.PLANNED: "https://schema.org/EventScheduled",
    Event.Status.PROPOSED: "https://schema.org/EventScheduled",
    Event.Status.SPECULATIVE: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}
_ACTOR_TYPE = {Actor.Kind.PERSON: "Person", Actor.Kind.STATE: "Country", Actor.Kind.ORGANISATION: "Organization"}


def iso_at_precision(day: dt.date | None, precision: str) -> str | None:
    """An ISO 8601 date that says no more than is known: 2018-09-10, 2018-09 or 2018."""
    if day is None or precision == Precision.UNKNOWN:
        return None
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


def event_json_ld(event: Event, url: str, absolute) -> dict:
    """schema.org Event for the permalink page. `absolute` turns a path into a full URL."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "eventStatus": _STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "description": event.summary or f"{event.get_kind_display()}, {event.date_display}",
    }
    start = iso_at_precision(event.date_start, event.date_precision)
    if start:
        data["startDate"] = start
        end = iso_at_precision(event.date_end, event.date_precision)
        if end and end != start:
            data["endDate"] = end
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place.name}
    actors = []
    for p in event.participations.all():
        if p.actor_id not in {a["_id"] for a in actors}:
            actors.append(
                {
                    "_id": p.actor_id,
                    "@type": _ACTOR_TYPE.get(p.actor.kind, "Thing"),
                    "name": p.actor.name,
                    "url": absolute(p.actor.get_absolute_url()),
                }
            )
    if actors:
        data["attendee"] = [{k: v for k, v in a.items() if k != "_id"} for a in actors]
    sources, seen = [], set()
    for ev in event.evidence.all():
        if ev.article_id in seen:
            continue
        seen.add(ev.article_id)
        source = {
            "@type": "NewsArticle",
            "headline": str(ev.article),
            "url": ev.article.url or absolute(ev.get_absolute_url()),
        }
        if ev.article.outlet:
            source["publisher"] = {"@type": "Organization", "name": ev.article.outlet}
        sources.append(source)
    if sources:
        data["subjectOf"] = sources
    return data


def co_participants(actor: Actor, limit: int = 12) -> list[tuple[Actor, int]]:
    """The actors most often in the same visible events as this one, with how many events they share.

    Cached until the timeline changes: for an actor in thousands of events the count takes a while.
    """
    key = f"timeline:co-participants:{timeline_version()}:{actor.pk}:{limit}"
    found = cache.get(key)
    if found is None:
        found = _co_participants(actor, limit)
        cache.set(key, found, 60 * 60)
    return found


def _co_participants(actor: Actor, limit: int) -> list[tuple[Actor, int]]:
    rows = (
        Participation.objects.filter(
            event__in=Event.objects.visible().filter(participations__actor=actor), actor__merged_into__isnull=True
        )
        .exclude(actor=actor)
        .order_by()
        .values("actor")
        .annotate(n=Count("event", distinct=True))
        .order_by("-n", "actor")[:limit]
    )
    counts = {r["actor"]: r["n"] for r in rows}
    actors = Actor.objects.in_bulk(list(counts))
    return [(actors[pk], n) for pk, n in counts.items() if pk in actors]


# --- An article's text with its evidence marked ------------------------------------------------------


@dataclass
class Segment:
    text: str
    evidence: list[Evidence] = field(default_factory=list)  # empty: plain text
    anchor: int | None = None  # the id this mark carries (s<start>), on the first mark of a span


@dataclass
class Paragraph:
    segments: list[Segment]
    caption: bool = False


def _paragraph_spans(article) -> list[tuple[int, int, bool]]:
    """(start, end, is_caption) of the article's paragraphs and captions, from its structure, else blank lines."""
    structure = article.structure or {}
    spans = [(s, e, False) for s, e in structure.get("paragraphs") or [] if e > s]
    spans += [(s, e, False) for s, e in structure.get("bullets") or [] if e > s]
    spans += [(s, e, True) for s, e in structure.get("captions") or [] if e > s]
    headline = structure.get("headline")
    if spans:
        if headline and headline[1] > headline[0]:
            # The headline is the page's title; evidence in it would still show below.
            spans = [sp for sp in spans if sp[1] <= headline[0] or sp[0] >= headline[1]]
        return sorted(spans)
    body, spans, pos = article.body, [], 0
    for block in body.split("\n\n"):
        start, end = pos, pos + len(block)
        pos = end + 2
        text = block.strip()
        if text:
            lead = len(block) - len(block.lstrip())
            spans.append((start + lead, start + lead + len(text), False))
    return spans


def highlighted_paragraphs(article, evidence: list[Evidence]) -> list[Paragraph]:
    """The body in paragraphs, each cut into plain text and marked evidence (overlapping spans share a mark).

    Evidence outside every paragraph (a headline, a caption the structure left out) gets a paragraph of its own.
    """
    body = article.body
    spans = _paragraph_spans(article)
    covered = [(s, e) for s, e, _ in spans]
    extra = [
        (ev.start, min(ev.end, len(body)), False)
        for ev in evidence
        if ev.start < len(body) and not any(s <= ev.start and ev.end <= e for s, e in covered)
    ]
    anchored: set[int] = set()
    paragraphs = []
    for p_start, p_end, caption in sorted(spans + list(dict.fromkeys(extra))):
        cuts = {p_start, p_end}
        inside = [ev for ev in evidence if ev.start < p_end and ev.end > p_start]
        for ev in inside:
            cuts.add(max(ev.start, p_start))
            cuts.add(min(ev.end, p_end))
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            marks = [ev for ev in inside if ev.start < b and ev.end > a]
            anchor = None
            if any(ev.start == a for ev in marks) and a not in anchored:
                anchored.add(a)
                anchor = a
            segments.append(Segment(body[a:b], marks, anchor))
        paragraphs.append(Paragraph(segments, caption))
    return paragraphs
