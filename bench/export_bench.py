"""Export benchmark: every streamed format over a large timeline, with seconds and peak memory.

    .venv/bin/python bench/export_bench.py [--events 100000] [--formats ics,csv,...]

Builds (once, then reuses) a database of N events, each with two actors and one source, in
/tmp/export_bench_<N>.sqlite3, or in DATABASE_URL when it is set (use a throwaway database such
as postgres://postgres@127.0.0.1:5432/tl_exports: the events are added to it). Then each
format runs in a fresh process, through its view, and the whole response is read. The process
reports seconds (wall, and CPU: the machine is shared, and CPU time says more about the code),
bytes, its resident memory before the export (Django loaded, connected) and the highest it
reached during the export (sampled every 500 pieces written). Flat memory means the export
streams: run with --events 10000 and --events 100000 and compare the growth column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = {
    "ics": "/exports/events.ics",
    "timelinejs": "/exports/timelinejs.json",
    "csv": "/exports/events.csv",
    "jsonl": "/exports/events.jsonl",
    "export_events": None,  # manage.py export_events --format json (the API's serializer)
    "api_page": "/api/events?limit=100",  # one API page, deep in the list (cursor near the end)
}
KINDS = ["summit", "meeting", "talks", "visit", "letter", "call", "statement", "agreement", "parade", "test_launch"]
PRECISIONS = ["day", "day", "day", "month", "year", "range", "unknown"]


def setup_django(events: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DATABASE_URL", f"sqlite:////tmp/export_bench_{events}.sqlite3")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()


def build(events: int) -> None:
    """N visible events, two participations and one evidence span each; reused when already there."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article
    from timeline.changes import timeline_changed
    from timeline.models import Actor, Event, Evidence, Participation, make_slug

    have = Event.objects.filter(title__startswith="Bench event ").count()
    if have >= events:
        return
    print(f"building {events - have} events...", file=sys.stderr)
    actors = [
        Actor.objects.get_or_create(slug=f"bench-actor-{n}", defaults={"name": f"Bench Actor {n}", "kind": "person"})[0]
        for n in range(200)
    ]
    articles = []
    for n in range(50):
        body = f"Bench article {n}\n\n" + " ".join(
            f"Envoys met for round {k} of talks, officials said." for k in range(60)
        )
        article = Article.objects.filter(source_name=f"bench-{n}.txt").first()
        if article is None:
            article = Article.objects.create(
                title=f"Bench article {n}", body=body, raw=body.encode(), source_name=f"bench-{n}.txt"
            )
        articles.append(article)
    start_day = dt.date(1990, 1, 1)
    batch = 5000
    for offset in range(have, events, batch):
        rows = []
        for i in range(offset, min(events, offset + batch)):
            precision = PRECISIONS[i % len(PRECISIONS)]
            day = start_day + dt.timedelta(days=i // 8)
            end = day + dt.timedelta(days=2) if precision == "range" else day
            title = f"Bench event {i}: envoys of {i % 200} and {(i * 7) % 200} meet"
            rows.append(
                Event(
                    title=title,
                    slug=make_slug(title, "event"),
                    kind=KINDS[i % len(KINDS)],
                    date_start=None if precision == "unknown" else day,
                    date_end=None if precision == "unknown" else end,
                    date_precision=precision,
                    date_value="" if precision == "unknown" else day.isoformat(),
                    summary="The envoys met for talks; officials said they would meet again.",
                )
            )
        created = Event.objects.bulk_create(rows)
        parts, evidence = [], []
        for n, event in enumerate(created, start=offset):
            parts.append(Participation(event=event, actor=actors[n % 200], role="host"))
            parts.append(Participation(event=event, actor=actors[(n * 7 + 1) % 200], role="guest"))
            article = articles[n % 50]
            evidence.append(Evidence(event=event, article=article, quote=article.body[20:70], start=20, end=70))
        Participation.objects.bulk_create(parts)
        Evidence.objects.bulk_create(evidence)
        print(f"  {offset + len(rows)} / {events}", file=sys.stderr)
    timeline_changed()


def rss_mb() -> float:
    """Resident memory now (not the peak so far, which Django's start-up already set higher than an export)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(fmt: str, events: int) -> dict:
    """In a fresh process: one export, read to the end."""
    setup_django(events)
    from django.db import connection

    connection.ensure_connection()
    from timeline.models import Event

    Event.objects.exists()
    before = peak = rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    size = 0
    if fmt == "export_events":

        class Sampler:
            def __init__(self):
                self.writes = 0

            def write(self, text):
                nonlocal peak
                self.writes += 1
                if self.writes % 500 == 0:
                    peak = max(peak, rss_mb())

        sampler = Sampler()
        from timeline.management.commands.export_events import Command

        Command().write_json(sampler.write, {"base_url": None, "include_rejected": False})
        size = -1
    else:
        from django.test import Client

        path = FORMATS[fmt]
        if fmt == "api_page":
            from timeline.pagination import Cursor

            last = Event.objects.visible().in_time_order().filter(date_start__isnull=False).last()
            path += f"&after={Cursor(last.date_start - dt.timedelta(days=30), 0)}"
        response = Client().get(path)
        assert response.status_code == 200, response.status_code
        chunks = response.streaming_content if response.streaming else [response.content]
        for n, chunk in enumerate(chunks):
            size += len(chunk)
            if n % 500 == 0:
                peak = max(peak, rss_mb())
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = max(peak, rss_mb())
    return {"format": fmt, "seconds": seconds, "cpu": cpu, "bytes": size, "before_mb": before, "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.events)))
        return
    setup_django(args.events)
    build(args.events)
    from django.db import connection

    load = os.getloadavg()[0]
    print(f"{args.events:,} events, database: {connection.vendor}, load average {load:.1f} on {os.cpu_count()} cores")
    print(
        f"{'format':<14} {'seconds':>8} {'CPU s':>7} {'events/s':>9} {'MB out':>8} "
        f"{'RSS before':>11} {'peak RSS':>9} {'growth':>7}"
    )
    for fmt in args.formats.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--events", str(args.events), "--child", fmt],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rate = (args.events if fmt != "api_page" else 100) / r["seconds"]
        size = f"{r['bytes'] / 1e6:8.1f}" if r["bytes"] >= 0 else f"{'-':>8}"
        print(
            f"{fmt:<14} {r['seconds']:8.2f} {r['cpu']:7.2f} {rate:9.0f} {size} {r['before_mb']:9.1f}MB "
            f"{r['peak_mb']:7.1f}MB {r['peak_mb'] - r['before_mb']:5.1f}MB"
        )


if __name__ == "__main__":
    main()
