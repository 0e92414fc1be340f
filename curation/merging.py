"""Merging events and actors: what moves to the survivor, and what the merged ones keep.

Both run in one transaction, leave a LogEntry on every row they touch (the admin's history),
and call `timeline_changed()` because they write with QuerySet.update.
"""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone

from timeline.changes import timeline_changed
from timeline.models import Actor, Event, Evidence, Participation, Place


def log(user, obj, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=CHANGE, change_message=message, single_object=True
    )


@transaction.atomic
def merge_events(survivor: Event, others: list[Event], user) -> None:
    """Participants and evidence of `others` go to `survivor`; the others point to it (merged_into).

    Evidence moves (the survivor cites the sentences); participants are copied (see below). A
    merged event keeps its review state, title and date, so its old permalink redirects and its
    history stays readable. Events already merged into one of `others` follow to the survivor.
    """
    others = [e for e in others if e.pk != survivor.pk]
    ids = [e.pk for e in others]
    # The survivor gains every participant. The merged events keep theirs as a record: it is how a
    # re-parse recognises a merged event (same kind, same actors) and leaves it merged instead of
    # proposing it again; readers never see them (merged events are not visible).
    have = set(Participation.objects.filter(event=survivor).values_list("actor_id", "role"))
    gained = []
    for actor_id, role in Participation.objects.filter(event_id__in=ids).order_by("pk").values_list("actor_id", "role"):
        if (actor_id, role) not in have:
            have.add((actor_id, role))
            gained.append(Participation(event=survivor, actor_id=actor_id, role=role))
    Participation.objects.bulk_create(gained)
    spans = set(Evidence.objects.filter(event=survivor).values_list("article_id", "start", "end"))
    for evidence in Evidence.objects.filter(event_id__in=ids).order_by("pk"):
        key = (evidence.article_id, evidence.start, evidence.end)
        if key in spans:
            evidence.delete()
        else:
            spans.add(key)
            Evidence.objects.filter(pk=evidence.pk).update(event=survivor)
    Event.objects.filter(merged_into_id__in=ids).update(merged_into=survivor)
    Event.objects.filter(pk__in=ids).update(merged_into=survivor, curator_edited=True, updated_at=timezone.now())
    Event.objects.filter(pk=survivor.pk).update(curator_edited=True, updated_at=timezone.now())
    for event in others:
        log(user, event, f"Merged into event {survivor.pk} “{survivor.title}”.")
    names = ", ".join(f"{e.pk} “{e.title}”" for e in others)
    log(user, survivor, f"Merged event{'s' if len(others) != 1 else ''} {names} into this one.")
    timeline_changed()


@transaction.atomic
def merge_actors(survivor: Actor, others: list[Actor], user) -> None:
    """Names, aliases and participations of `others` move to `survivor`; their slugs redirect to it."""
    others = [a for a in others if a.pk != survivor.pk]
    ids = [a.pk for a in others]
    aliases = list(survivor.aliases or [])
    known = {name.casefold() for name in [survivor.name, *aliases]}
    for actor in others:
        for name in [actor.name, *(actor.aliases or [])]:
            if name and name.casefold() not in known:
                known.add(name.casefold())
                aliases.append(name)
    have = set(Participation.objects.filter(actor=survivor).values_list("event_id", "role"))
    for participation in Participation.objects.filter(actor_id__in=ids).order_by("pk"):
        key = (participation.event_id, participation.role)
        if key in have:
            participation.delete()
        else:
            have.add(key)
            Participation.objects.filter(pk=participation.pk).update(actor=survivor)
    if survivor.kind == Actor.Kind.STATE:
        Actor.objects.filter(state_id__in=ids).exclude(pk=survivor.pk).update(state=survivor)
        Place.objects.filter(country_id__in=ids).update(country=survivor)
    else:
        Actor.objects.filter(state_id__in=ids).update(state=None)
        Place.objects.filter(country_id__in=ids).update(country=None)
    Actor.objects.filter(merged_into_id__in=ids).update(merged_into=survivor)
    Actor.objects.filter(pk__in=ids).update(merged_into=survivor, updated_at=timezone.now())
    Actor.objects.filter(pk=survivor.pk).update(aliases=aliases, updated_at=timezone.now())
    survivor.aliases = aliases
    for actor in others:
        log(user, actor, f"Merged into actor {survivor.pk} “{survivor.name}”.")
    names = ", ".join(f"{a.pk} “{a.name}”" for a in others)
    log(user, survivor, f"Merged actor{'s' if len(others) != 1 else ''} {names} into this one.")
    timeline_changed()
