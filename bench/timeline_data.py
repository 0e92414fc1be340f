"""Generated diplomatic events for benchmarks, screenshots and development, before (and beside) real ones.

    .venv/bin/python bench/timeline_data.py 2000            # add 2,000 events to the configured database
    .venv/bin/python bench/timeline_data.py --peers DIR     # load run_peers fixtures DIR/events-N.json

Events look like the real ones: a handful of leaders, states and organisations who meet, write, call,
visit and test; dates at every precision (mostly days, some months, years, ranges and unknown); a
status mix with most events occurred; a few verified; one to three participants; one or two
sources, each a sentence of a generated article. Everything is written here (no shared text).
Rows go in with bulk_create in batches, and `timeline_changed()` is called once at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ACTORS = [
    ("Donald Trump", "person", "US President", "united-states"),
    ("Kim Jong Un", "person", "North Korean leader", "north-korea"),
    ("Moon Jae-in", "person", "South Korean President", "south-korea"),
    ("Xi Jinping", "person", "Chinese President", "china"),
    ("Vladimir Putin", "person", "Russian President", "russia"),
    ("Shinzo Abe", "person", "Japanese Prime Minister", "japan"),
    ("Mike Pompeo", "person", "US Secretary of State", "united-states"),
    ("Kim Yo Jong", "person", "senior North Korean official", "north-korea"),
    ("Sarah Sanders", "person", "White House spokeswoman", "united-states"),
    ("Ri Yong Ho", "person", "North Korean Foreign Minister", "north-korea"),
    ("Wang Yi", "person", "Chinese Foreign Minister", "china"),
    ("Stephen Biegun", "person", "US special envoy", "united-states"),
    ("United States", "state", "", ""),
    ("North Korea", "state", "", ""),
    ("South Korea", "state", "", ""),
    ("China", "state", "", ""),
    ("Russia", "state", "", ""),
    ("Japan", "state", "", ""),
    ("United Nations", "organisation", "", ""),
    ("IAEA", "organisation", "", ""),
]
PLACES = ["Singapore", "Panmunjom", "Pyongyang", "Seoul", "Hanoi", "Beijing", "Washington", "Vladivostok", "Tokyo"]

# kind -> (weight, title templates); {a} and {b} are participants, {p} a place.
KINDS = {
    "summit": (4, ["{a}–{b} summit in {p}", "{a} and {b} hold summit"]),
    "meeting": (12, ["{a} meets {b} in {p}", "{a} and {b} meet at {p}"]),
    "talks": (8, ["Working-level talks between {a} and {b}", "{a} and {b} resume talks in {p}"]),
    "visit": (7, ["{a} visits {p}", "{a} travels to {p} to see {b}"]),
    "letter": (8, ["{a} sends letter to {b}", "{b} receives a letter from {a}"]),
    "call": (6, ["{a} and {b} speak by phone", "Phone call between {a} and {b}"]),
    "statement": (14, ["{a} says talks with {b} are going well", "{a} issues statement on {b}"]),
    "briefing": (6, ["{a} briefs reporters on {b}", "Press briefing by {a}"]),
    "parade": (2, ["Military parade in {p}", "{a} holds anniversary parade"]),
    "military_display": (2, ["{a} shows new weapons", "Military display by {a}"]),
    "test_launch": (5, ["{a} test-fires a missile", "{a} launches short-range projectiles"]),
    "agreement": (3, ["{a} and {b} sign agreement", "{a} and {b} agree on next steps"]),
    "sanction": (3, ["{a} imposes sanctions on {b}", "New sanctions by {a} on {b}"]),
    "expulsion": (1, ["{a} recalls envoy from {b}", "{a} expels diplomats of {b}"]),
    "other": (2, ["{a} and {b}: other contact", "{a} comments on {b}"]),
}
STATUSES = [("occurred", 80), ("planned", 8), ("proposed", 5), ("speculative", 4), ("cancelled", 3)]
PRECISIONS = [("day", 78), ("month", 10), ("year", 3), ("range", 6), ("unknown", 3)]
ROLES = {
    "letter": ["sender", "recipient"],
    "visit": ["guest", "host"],
    "statement": ["speaker", "target"],
    "briefing": ["speaker", "participant"],
    "sanction": ["participant", "target"],
}
OUTLETS = ["The Test Gazette", "Daily Example", "Wire Review", "Northern Courier"]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def generate(n: int, *, seed: int = 7, start=dt.date(2017, 1, 1), end=dt.date(2020, 12, 31), articles_per=50):
    """Insert `n` events with participants, articles and evidence; returns the number of events made."""
    from django.db import transaction

    from articles.models import Article, content_hash
    from timeline.changes import timeline_changed
    from timeline.models import Actor, Event, Evidence, Participation, Place, make_slug

    rng = random.Random(seed)
    with transaction.atomic():
        actors = []
        for name, kind, role, _ in ACTORS:
            actor, _ = Actor.objects.get_or_create(name=name, defaults={"kind": kind, "role": role})
            actors.append(actor)
        by_slug = {a.slug: a for a in actors}
        for actor, (_, _, _, state) in zip(actors, ACTORS, strict=True):
            if state and actor.state_id is None and state in by_slug:
                actor.state = by_slug[state]
                actor.save(update_fields=["state"])
        places = [Place.objects.get_or_create(name=p)[0] for p in PLACES]
    people = [a for a in actors if a.kind == "person"]
    span = (end - start).days
    kinds = [(k, w) for k, (w, _) in KINDS.items()]
    batch = 5000
    made = 0
    serial = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    while made < n:
        size = min(batch, n - made)
        events, parts_for, articles = [], [], []
        for i in range(size):
            kind = _weighted(rng, kinds)
            who = rng.sample(people if rng.random() < 0.8 else actors, rng.choice([1, 2, 2, 2, 3]))
            place = rng.choice(places) if rng.random() < 0.6 else None
            if len(who) == 1 and rng.random() < 0.7:  # most titles name a second party: make it take part
                who.append(rng.choice([x for x in actors if x not in who]))
            a = who[0].name
            b = who[1].name if len(who) > 1 else rng.choice([x for x in actors if x not in who]).name
            title = rng.choice(KINDS[kind][1]).format(a=a, b=b, p=place.name if place else rng.choice(PLACES))
            precision = _weighted(rng, PRECISIONS)
            day = start + dt.timedelta(days=rng.randrange(span + 1))
            if precision == "unknown":
                d0 = d1 = None
                value = ""
            elif precision == "year":
                d0, d1, value = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year)
            elif precision == "month":
                d0 = day.replace(day=1)
                d1 = (d0 + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                value = f"{d0:%Y-%m}"
            elif precision == "range":
                d0, d1 = day, day + dt.timedelta(days=rng.randint(1, 4))
                value = d0.isoformat()
            else:
                d0 = d1 = day
                value = day.isoformat()
            review = "verified" if rng.random() < 0.15 else ("rejected" if rng.random() < 0.02 else "proposed")
            summary = f"{title}, according to officials quoted in the report." if rng.random() < 0.5 else ""
            events.append(
                Event(
                    title=title,
                    slug=make_slug(title, "event"),
                    kind=kind,
                    status=_weighted(rng, STATUSES),
                    date_start=d0,
                    date_end=d1,
                    date_precision=precision,
                    date_value=value,
                    date_text="" if d0 is None else f"on {d0:%B} {d0.day}",
                    place=place,
                    summary=summary,
                    review=review,
                )
            )
            roles = ROLES.get(kind, ["participant"])
            parts_for.append([(actor, roles[min(j, len(roles) - 1)]) for j, actor in enumerate(who)])
            if (made + i) % articles_per == 0:
                serial += 1
                body = f"Envoys report on diplomacy, dispatch {seed}-{serial}\n\n" + "\n\n".join(
                    f"In dispatch {serial}, officials said item {k} went as planned on the day." for k in range(8)
                )
                published = start + dt.timedelta(days=rng.randrange(span + 1))
                articles.append(
                    Article(
                        title=f"Envoys report on diplomacy, dispatch {seed}-{serial}",
                        outlet=rng.choice(OUTLETS),
                        credit="Wire",
                        published_on=published,
                        published_source="manifest",
                        body=body,
                        raw=body.encode(),
                        content_hash=content_hash(body),
                        source_name=f"generated-{seed}-{serial}.txt",
                        status="parsed",
                    )
                )
        with transaction.atomic():
            Event.objects.bulk_create(events, batch_size=1000)
            if not events[0].pk:  # SQLite before RETURNING support: fetch the ids back
                ids = list(Event.objects.order_by("-id").values_list("id", flat=True)[: len(events)])[::-1]
                for event, pk in zip(events, ids, strict=True):
                    event.pk = event.id = pk
            Article.objects.bulk_create(articles, batch_size=1000)
            parts = [
                Participation(event=event, actor=actor, role=role)
                for event, pairs in zip(events, parts_for, strict=True)
                for actor, role in pairs
            ]
            Participation.objects.bulk_create(parts, batch_size=2000, ignore_conflicts=True)
            evidence = []
            for i, event in enumerate(events):
                article = articles[i // articles_per] if articles else None
                if article is None:
                    continue
                for _ in range(1 if rng.random() < 0.7 else 2):
                    k = rng.randrange(8)
                    serial_of = article.title.rsplit("-", 1)[1]
                    quote = f"In dispatch {serial_of}, officials said item {k} went as planned on the day."
                    begin = article.body.find(quote)
                    if begin >= 0:
                        evidence.append(
                            Evidence(event=event, article=article, quote=quote, start=begin, end=begin + len(quote))
                        )
            Evidence.objects.bulk_create(evidence, batch_size=2000, ignore_conflicts=True)
        made += size
    timeline_changed()
    return made


def load_peers(folder: Path, sizes=None) -> dict[int, int]:
    """Load run_peers.py fixtures (events-N.json) so that /?place=peers-N shows exactly those N events."""
    from django.db import transaction

    from timeline.changes import timeline_changed
    from timeline.models import Actor, Event, Participation, Place, make_slug

    loaded = {}
    for path in sorted(folder.glob("events-*.json")):
        n = int(path.stem.split("-")[1])
        if sizes and n not in sizes:
            continue
        data = json.loads(path.read_text())
        items = data["events"] if isinstance(data, dict) else data
        with transaction.atomic():
            place, _ = Place.objects.get_or_create(name=f"peers-{n}", defaults={"slug": f"peers-{n}"})
            Event.objects.filter(place=place).delete()
            groups = {}
            for item in items:
                group = str(item.get("group") or "Unknown")
                if group not in groups:
                    groups[group] = Actor.objects.get_or_create(name=group, defaults={"kind": "person"})[0]
            events = []
            for item in items:
                day = dt.date.fromisoformat(item["start"][:10])
                events.append(
                    Event(
                        title=item["headline"][:300],
                        slug=make_slug(item["headline"], "event"),
                        kind="meeting",
                        date_start=day,
                        date_end=day,
                        date_precision="day",
                        date_value=day.isoformat(),
                        summary=item.get("text", ""),
                        place=place,
                    )
                )
            Event.objects.bulk_create(events, batch_size=1000)
            created = Event.objects.filter(place=place).order_by("id")
            pairs = zip(created, items, strict=True)
            Participation.objects.bulk_create(
                [Participation(event=e, actor=groups[str(item.get("group") or "Unknown")]) for e, item in pairs],
                batch_size=2000,
            )
        loaded[n] = len(items)
    timeline_changed()
    return loaded


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", nargs="?", type=int, default=0, help="events to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peers", type=Path, help="a folder of run_peers.py fixtures (events-N.json) to load")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if args.count:
        print(f"generated {generate(args.count, seed=args.seed)} events")
    if args.peers:
        for n, count in load_peers(args.peers).items():
            print(f"loaded peers-{n}: {count} events")


if __name__ == "__main__":
    main()
