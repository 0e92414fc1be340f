from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from articles.models import Article
from timeline.models import Actor, Event
from timeline.serializers import with_related

PAGE_SIZE = 50


@require_GET
def home(request):
    events = with_related(Event.objects.visible().newest_first())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "timeline/home.html", {"page": page})


@require_GET
def event_detail(request, pk, slug):
    event = get_object_or_404(with_related(Event.objects.all()), pk=pk)
    if event.merged_into_id:
        return redirect(event.merged_into, permanent=True)
    if slug != event.slug:
        return redirect(event, permanent=True)
    return render(request, "timeline/event_detail.html", {"event": event})


@require_GET
def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    if actor.merged_into_id:
        return redirect(actor.merged_into, permanent=True)
    events = with_related(Event.objects.visible().filter(participations__actor=actor).distinct().newest_first())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "timeline/actor_detail.html", {"actor": actor, "page": page})


@require_GET
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.defer("raw"), pk=pk)
    evidence = article.evidence.select_related("event").order_by("start")
    return render(request, "timeline/article_detail.html", {"article": article, "evidence": evidence})
