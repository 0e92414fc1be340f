"""The reader's pages: the timeline, an event's permalink, an actor, an article.

One URL, two renderings: the full page, or for an htmx request (not a history restore) the partial
the full page itself includes. Every such response says `Vary: HX-Request, HX-Target`, so no cache
hands a partial to a browser that asked for the page.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from articles.models import Article
from timeline.listing import TimelineState, continue_groups, filter_choices, timeline_context, with_cards
from timeline.models import Actor, Event
from timeline.pagecache import cached_by_timeline
from timeline.pages import co_participants, event_json_ld, highlighted_paragraphs, neighbours, survivor, with_sources

VARY = ("HX-Request", "HX-Target")
PAGER_TARGETS = {"pager-later", "pager-earlier"}


def _partial(request) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _vary(response):
    patch_vary_headers(response, VARY)
    return response


def _timeline(request, state: TimelineState, template: str, extra: dict):
    """The timeline for `state` as a whole page, its results region, or a chunk of cards for the pagers."""
    if _partial(request) and request.htmx.target in PAGER_TARGETS and state.view == "list":
        cursor = state.after or state.before
        if cursor is not None:
            context = timeline_context(state, path=request.path, with_density=False)
            continue_groups(context["groups"], cursor, state.zoom, at_end=state.after is not None)
            context["direction"] = "later" if state.after is not None else "earlier"
            return _vary(render(request, "timeline/_chunk.html", {**context, **extra}))
    context = {**timeline_context(state, path=request.path), **extra}
    if _partial(request):
        response = render(request, "timeline/_results.html", {**context, "oob": True})
        # The address bar gets the canonical form of the view (no empty fields, a stable order).
        position = {"after": state.after, "before": state.before, "at": request.GET.get("at") if state.at else None}
        query = state.querystring(**position)
        response["HX-Push-Url"] = request.path + (f"?{query}" if query else "")
        return _vary(response)
    context.update(filter_choices(state))
    return _vary(render(request, template, context))


@require_GET
@cached_by_timeline
def home(request):
    return _timeline(request, TimelineState.from_query(request.GET), "timeline/home.html", {"base_path": request.path})


@require_GET
@cached_by_timeline
def event_detail(request, pk, slug):
    event = get_object_or_404(Event.objects.only("id", "slug", "merged_into", "review"), pk=pk)
    kept = survivor(event)
    if kept.pk != event.pk:
        return redirect(kept, permanent=True)
    if event.review == Event.Review.REJECTED and not request.user.is_staff:
        raise Http404("A curator rejected this event.")
    if slug != event.slug:
        return redirect(event, permanent=True)
    event = with_sources(with_cards(Event.objects.filter(pk=pk))).get()
    if _partial(request):
        return _vary(render(request, "timeline/_event_card.html", {"event": event, "expanded": True}))
    url = request.build_absolute_uri(event.get_absolute_url())
    previous, following = neighbours(event)
    context = {
        "event": event,
        "canonical": url,
        "json_ld": event_json_ld(event, url, request.build_absolute_uri),
        "previous": previous,
        "next": following,
        "description": _description(event),
    }
    return _vary(render(request, "timeline/event_detail.html", context))


def _description(event: Event) -> str:
    """One line for link previews: the summary, or what, when, where and who."""
    if event.summary:
        return event.summary[:300]
    names = [p.actor.name for p in event.participations.all()]
    names = list(dict.fromkeys(names))
    parts = [f"{event.get_kind_display()}, {event.date_display}"]
    if event.place:
        parts.append(f"in {event.place.name}")
    if names:
        parts.append("with " + ", ".join(names[:6]))
    return " ".join(parts) + "."


@require_GET
@cached_by_timeline
def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    kept = survivor(actor)
    if kept.pk != actor.pk:
        return redirect(kept, permanent=True)
    state = TimelineState.from_query(request.GET)
    state.filter.actors = [s for s in state.filter.actors if s != actor.slug]
    state.pinned_actor = actor.slug
    state.view = "list"
    extra = {"actor": actor, "co_participants": co_participants(actor) if not _partial(request) else []}
    return _timeline(request, state, "timeline/actor_detail.html", extra)


@require_GET
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.defer("raw"), pk=pk)
    evidence = list(
        article.evidence.filter(event__in=Event.objects.visible()).select_related("event").order_by("start", "end")
    )
    context = {"article": article, "evidence": evidence, "paragraphs": highlighted_paragraphs(article, evidence)}
    return render(request, "timeline/article_detail.html", context)
