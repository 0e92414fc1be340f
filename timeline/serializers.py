"""Plain-dict representations of articles, actors and events.

One serializer for every export: the `export_events` command and the JSON API both use these, so
the README's description of the format is true of both.
"""

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from articles.models import Article
from timeline.models import Actor, Event, Evidence, Participation


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def with_related(events: QuerySet) -> QuerySet:
    """Fetch what event_to_dict reads in a constant number of queries."""
    return events.select_related("place").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("actor").order_by("id")),
        Prefetch("evidence", queryset=Evidence.objects.select_related("article").order_by("article_id", "start")),
    )


def event_to_dict(event: Event, base_url: str | None = None) -> dict:
    base_url = base_url if base_url is not None else settings.SITE_URL
    return {
        "id": event.pk,
        "url": absolute(base_url, event.get_absolute_url()),
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "review": event.review,
        "date": {
            "value": event.date_value or None,
            "start": event.date_start.isoformat() if event.date_start else None,
            "end": event.date_end.isoformat() if event.date_end else None,
            "precision": event.date_precision,
            "text": event.date_text or None,
            "display": event.date_display,
        },
        "place": event.place.name if event.place else None,
        "summary": event.summary,
        "actors": [
            {"name": p.actor.name, "kind": p.actor.kind, "role": p.role, "slug": p.actor.slug}
            for p in event.participations.all()
        ],
        "sources": [
            {
                "article": ev.article_id,
                "title": ev.article.title,
                "outlet": ev.article.outlet,
                "url": ev.article.web_url or absolute(base_url, ev.article.get_absolute_url()),
                "quote": ev.quote,
                "start": ev.start,
                "end": ev.end,
            }
            for ev in event.evidence.all()
        ],
    }


def actor_to_dict(actor: Actor, base_url: str | None = None) -> dict:
    base_url = base_url if base_url is not None else settings.SITE_URL
    return {
        "id": actor.pk,
        "url": absolute(base_url, actor.get_absolute_url()),
        "name": actor.name,
        "kind": actor.kind,
        "role": actor.role,
        "aliases": list(actor.aliases),
    }


def article_to_dict(article: Article, include_body: bool = True) -> dict:
    data = {
        "id": article.pk,
        "title": article.title,
        "outlet": article.outlet,
        "credit": article.credit,
        "url": article.web_url,
        "published": article.published_on.isoformat() if article.published_on else None,
        "published_source": article.published_source or None,
        "dateline": article.dateline,
        "status": article.status,
        "repairs": article.repairs,
    }
    if include_body:
        data["body"] = article.body
    return data
