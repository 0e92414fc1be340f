"""The filtered events as TimelineJS3 JSON, so a newsroom that uses TimelineJS can show ours.

TimelineJS's format (https://timeline.knightlab.com/docs/json-format.html): an object with a
`title` slide and `events`, each with `start_date` (and `end_date` for a range) holding only the
parts we know ({"year": 2018, "month": 9} for "September 2018"), `text.headline` and `text.text`
(HTML), `group` (we put the main actor there: TimelineJS draws one row per group) and
`unique_id`. The unique_id is "event-<id>", our permalink's stable id: TimelineJS rewrites ids
that start with a digit, and the prefix keeps it as we wrote it. Undated events have no place on
a timeline and are left out. The document is written a piece at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.utils.html import format_html, format_html_join

from exports.common import Permalinks, evidence_of, main_actor, participations_of
from timeline.dates import Precision
from timeline.models import Event


def date_parts(day, precision: str) -> dict:
    if precision == Precision.YEAR:
        return {"year": day.year}
    if precision == Precision.MONTH:
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def slide(event: Event, links: Permalinks) -> dict:
    permalink = links.event(event)
    actors = [p.actor.name for p in participations_of(event)]
    text = format_html("<p>{}</p>", event.summary) if event.summary else ""
    if actors:
        text += format_html("<p>{}</p>", ", ".join(actors))
    quotes = evidence_of(event)[:2]
    text += format_html_join("", "<blockquote>{}</blockquote><p>{}</p>", ((q.quote, q.article.title) for q in quotes))
    text += format_html('<p><a href="{}">Sources and details</a></p>', permalink)
    data = {
        "unique_id": f"event-{event.pk}",
        "start_date": date_parts(event.date_start, event.date_precision),
        "text": {"headline": format_html('<a href="{}">{}</a>', permalink, event.title), "text": text},
        "display_date": event.date_display,
    }
    if event.date_precision == Precision.RANGE and event.date_end and event.date_end != event.date_start:
        data["end_date"] = date_parts(event.date_end, Precision.DAY)
    actor = main_actor(event)
    if actor is not None:
        data["group"] = actor.name
    return data


def document(events: Iterable[Event], *, title: str, description: str, base_url: str) -> Iterator[str]:
    """The JSON document, one event at a time."""
    head = {"title": {"text": {"headline": format_html("{}", title), "text": format_html("<p>{}</p>", description)}}}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['
    links = Permalinks(base_url)
    separator = ""
    for event in events:
        if event.date_start is None or event.date_precision == Precision.UNKNOWN:
            continue
        yield separator + "\n" + json.dumps(slide(event, links), ensure_ascii=False)
        separator = ","
    yield "\n]}\n"
