"""One counter that says "the timeline changed", for caches that must not serve stale events.

Saving or deleting an event, an actor, a participation, an evidence span or a place bumps it
(signals connected in TimelineConfig.ready). Bulk writes that skip signals (QuerySet.update,
bulk_create, raw SQL: admin actions such as verify, reject or merge, the ingestion's batch
saves) must call `timeline_changed()` themselves once they are done. A cache key that includes
`timeline_version()` is never served after a change.
"""

from __future__ import annotations

import time

from django.core.cache import cache

VERSION_KEY = "timeline:version"


def timeline_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key): a new, larger value than any earlier one.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def timeline_changed() -> None:
    """Call after any write to events, actors, participations, evidence or places."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _on_change(sender, **kwargs) -> None:
    timeline_changed()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from timeline.models import Actor, Event, Evidence, Participation, Place

    for model in (Actor, Event, Evidence, Participation, Place):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"timeline-changed-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"timeline-changed-delete-{model.__name__}")
