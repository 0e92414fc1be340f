"""A small, test-only extraction for the curation tests, until the real one (issue 5) lands.

It writes real rows the way `articles.parsing.parse_article` does: one meeting per sentence that
says "met", between the envoys it names, dated the day before publication. A meeting with the
same title already in the timeline gains the article as a source instead of a second event.
Events a curator touched keep their fields.
"""

import datetime as dt
import re

from timeline.models import Actor, Event, Evidence, Participation

ENVOYS = ("Alma Reyes", "Boris Tal", "Chen Wu")
SENTENCE = re.compile(r"[^.\n]+[.]")


def toy_parse(article, analysis=None):
    report = {"events_created": 0, "events_merged": 0}
    for match in SENTENCE.finditer(article.body):
        sentence = match.group().strip()
        if " met " not in f" {sentence} ":
            continue
        names = [name for name in ENVOYS if name in sentence]
        if not names:
            continue
        title = " and ".join(names) + " meet"
        event = Event.objects.filter(title=title).first()
        if event is None:
            day = article.published_on - dt.timedelta(days=1)
            event = Event.objects.create(
                title=title, kind=Event.Kind.MEETING, date_start=day, date_end=day, date_precision="day"
            )
            report["events_created"] += 1
        else:
            # A curator merged it: the article supports the event that stays (merges keep chains flat).
            event = event.merged_into or event
            report["events_merged"] += 1
        for name in names:
            actor = Actor.objects.filter(name=name).first() or Actor.objects.create(name=name, kind="person")
            actor = actor.merged_into or actor
            Participation.objects.get_or_create(event=event, actor=actor, role="participant")
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        Evidence.objects.get_or_create(
            event=event, article=article, start=start, end=start + len(sentence), defaults={"quote": sentence}
        )
    return report


def story(*sentences: str, title: str = "Envoys in Geneva") -> str:
    return title + "\n\n" + "\n".join(sentences) + "\n"
