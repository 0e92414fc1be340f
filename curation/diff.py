"""What a parse of one article adds to the timeline, found by comparing the rows before and after.

`articles.parsing.parse_article(article, analysis=None)` writes actors, events, participations and
evidence. Whatever it returns, the rows themselves say what it did: actors and events with ids
above the highest before are new; an event that existed before and gains evidence from this
article is one the article was merged into; an event that had this article as a source and is
gone, or lost it, was dropped by the re-parse.

`preview()` runs the parse of each article inside a transaction that is rolled back, so the
curator sees exactly what confirming would do, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from articles import parsing
from articles.models import Article
from timeline.models import Actor, Event, Evidence


@dataclass
class EventRow:
    id: int
    title: str
    kind: str
    date: str
    actors: list[str]
    review: str = ""
    quotes: list[str] = field(default_factory=list)


@dataclass
class ParseDiff:
    actors_created: list[dict] = field(default_factory=list)  # {"id", "name", "kind"}
    events_created: list[EventRow] = field(default_factory=list)
    events_merged: list[EventRow] = field(default_factory=list)  # existing events that gain this article
    events_kept: list[EventRow] = field(default_factory=list)  # existing events already from this article
    events_dropped: list[EventRow] = field(default_factory=list)
    report: object = None  # what parse_article returned, for the record

    def counts(self) -> dict:
        return {
            "actors_created": len(self.actors_created),
            "events_created": len(self.events_created),
            "events_merged": len(self.events_merged),
            "events_kept": len(self.events_kept),
            "events_dropped": len(self.events_dropped),
        }

    def as_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["report"] = _jsonable(self.report)
        data["counts"] = self.counts()
        return data

    def summary(self) -> str:
        c = self.counts()
        parts = [
            f"{c['events_created']} new event{'s' if c['events_created'] != 1 else ''}",
            f"{c['events_merged']} merged into existing events",
            f"{c['actors_created']} new actor{'s' if c['actors_created'] != 1 else ''}",
        ]
        if c["events_kept"]:
            parts.append(f"{c['events_kept']} already in the timeline")
        if c["events_dropped"]:
            parts.append(f"{c['events_dropped']} no longer found")
        return ", ".join(parts)


def parse_with_diff(article: Article) -> ParseDiff:
    """Run the parse of `article` (in the caller's transaction) and say what it changed."""
    before = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in (Actor, Event, Evidence)}
    linked_before = {
        e.pk: _row(e, article) for e in _with_rows(Event.objects.filter(evidence__article=article).distinct())
    }
    report = parsing.parse_article(article, None)
    diff = ParseDiff(report=report)
    diff.actors_created = [
        {"id": a.pk, "name": a.name, "kind": a.get_kind_display()}
        for a in Actor.objects.filter(pk__gt=before[Actor]).order_by("pk")
    ]
    created = _with_rows(Event.objects.filter(pk__gt=before[Event]).order_by("pk"))
    diff.events_created = [_row(e, article) for e in created]
    gained = set(
        Evidence.objects.filter(pk__gt=before[Evidence], article=article, event__pk__lte=before[Event]).values_list(
            "event_id", flat=True
        )
    )
    linked_after = set(
        Evidence.objects.filter(article=article, event__pk__lte=before[Event]).values_list("event_id", flat=True)
    )
    for event in _with_rows(Event.objects.filter(pk__in=gained | linked_after).order_by("pk")):
        if event.pk in linked_before:
            diff.events_kept.append(_row(event, article))
        else:
            diff.events_merged.append(_row(event, article))
    diff.events_dropped = [row for pk, row in linked_before.items() if pk not in linked_after]
    return diff


@dataclass
class ArticlePreview:
    article: Article
    diff: ParseDiff | None = None
    needs_date: bool = False
    error: str = ""


def preview(articles: list[Article], dates: dict[int, dt.date] | None = None) -> list[ArticlePreview]:
    """What parsing `articles` (in this order) would do, with the publication dates in `dates`.

    Nothing is written: every parse runs inside one transaction that is rolled back. Each article
    sees what the ones before it would have created, as the real run does.
    """
    dates = dates or {}
    previews = []
    with transaction.atomic():
        for article in articles:
            item = ArticlePreview(article)
            previews.append(item)
            date = dates.get(article.pk) or article.published_on
            if not date:
                item.needs_date = True
                continue
            try:
                with transaction.atomic():
                    if article.published_on != date:
                        Article.objects.filter(pk=article.pk).update(published_on=date)
                        article.published_on = date
                    item.diff = parse_with_diff(article)
            except Exception as error:
                item.error = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
        transaction.set_rollback(True)
    for item in previews:
        item.article.refresh_from_db(fields=["published_on"])
    return previews


def _with_rows(queryset):
    return queryset.prefetch_related("participations__actor")


def _row(event: Event, article: Article) -> EventRow:
    return EventRow(
        id=event.pk,
        title=event.title,
        kind=event.get_kind_display(),
        date=event.date_display,
        actors=[p.actor.name for p in event.participations.all()],
        review=event.get_review_display(),
        quotes=list(event.evidence.filter(article=article).values_list("quote", flat=True)[:3]),
    )


def _jsonable(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return str(value)
