"""Atom feeds of events as they appear on the timeline or are verified by a curator.

An entry's date is when the event became news here: when a curator verified it, or else when the
pipeline added it. A feed takes the timeline's filters (`/feeds/events.atom?actor=kim-jong-un&kind=summit`);
an actor's feed is the same with that actor (`/feeds/actors/kim-jong-un.atom`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from exports.common import read_filter, title_for, with_actors
from timeline.filters import EventFilter
from timeline.models import Actor, Event

FEED_SIZE = 50


@dataclass
class Scope:
    event_filter: EventFilter
    actor: Actor | None = None


class EventsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        event_filter = read_filter(request)
        actor = None
        if slug is not None:
            actor = get_object_or_404(Actor, slug=slug)
            while actor.merged_into_id:  # a merged actor's feed follows the actor it was merged into
                actor = actor.merged_into
            event_filter.actors = [actor.slug, *[a for a in event_filter.actors if a != actor.slug]]
        return Scope(event_filter, actor)

    def title(self, scope: Scope) -> str:
        return title_for(scope.event_filter) + ": new and verified events"

    def subtitle(self, scope: Scope) -> str:
        return "Events as they are added to the timeline or verified by a curator, newest first."

    def link(self, scope: Scope) -> str:
        if scope.actor is not None:
            return scope.actor.get_absolute_url()
        query = scope.event_filter.querystring()
        return reverse("timeline:home") + (f"?{query}" if query else "")

    def feed_url(self, scope: Scope) -> str:
        if scope.actor is not None:
            rest = EventFilter(**{**vars(scope.event_filter), "actors": scope.event_filter.actors[1:], "errors": {}})
            query = rest.querystring()
            return reverse("exports:actor-feed", kwargs={"slug": scope.actor.slug}) + (f"?{query}" if query else "")
        query = scope.event_filter.querystring()
        return reverse("exports:feed") + (f"?{query}" if query else "")

    def items(self, scope: Scope):
        events = scope.event_filter.apply(Event.objects.visible())
        events = events.annotate(news_at=Coalesce("verified_at", "created_at")).order_by("-news_at", "-id")
        return with_actors(events)[:FEED_SIZE]

    def item_title(self, event: Event) -> str:
        return f"{event.title} ({event.date_display})"

    def item_description(self, event: Event) -> str:
        """A few paragraphs of HTML (Atom's summary type='html'), every piece of text escaped."""
        actors = ", ".join(p.actor.name for p in event.participations.all())
        lines = [f"{event.get_kind_display()}, {event.date_display}" + (f", {event.place.name}" if event.place else "")]
        if actors:
            lines.append(f"Who: {actors}.")
        if event.summary:
            lines.append(event.summary)
        if event.review == Event.Review.VERIFIED:
            lines.append("Verified by a curator.")
        return "".join(format_html("<p>{}</p>", line) for line in lines)

    def item_link(self, event: Event) -> str:
        return event.get_absolute_url()

    def item_pubdate(self, event: Event):
        return event.created_at

    def item_updateddate(self, event: Event):
        return event.news_at

    def item_categories(self, event: Event) -> list[str]:
        categories = [event.kind, event.status]
        if event.review == Event.Review.VERIFIED:
            categories.append("verified")
        return categories
