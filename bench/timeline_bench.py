"""Server time of the timeline page and its htmx requests with 100,000 generated events.

    .venv/bin/python bench/timeline_bench.py                       # SQLite and PostgreSQL
    .venv/bin/python bench/timeline_bench.py --db sqlite --events 20000 --reps 20

For each database: an empty schema (SQLite: a file under /tmp; PostgreSQL: BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/tl_timeline, which is flushed), 100 generated events
(bench/timeline_data.py), every request measured and its queries counted; then the rest of the
events, and the same again. Requests go through Django's whole stack in-process (middleware,
view, templates), so the time is the server's time without the network. Each request is first
made once (caches warm, as on a running site), then timed `--reps` times: p50 and p90 in ms. The
"cold" column is the first request after `timeline_changed()`, when the density strip and the
actor list are not cached yet.

Targets (issue 7): the page p50 < 50 ms, an htmx filter request p50 < 20 ms, and every request
making the same number of queries with 100 events as with 100,000.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SQLITE_PATH = "/tmp/tl_timeline_bench.sqlite3"
POSTGRES_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tl_timeline")
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "timeline-results"}


def requests(ids: dict) -> list[tuple[str, str, dict]]:
    """(label, url, headers): the page, htmx filter requests, a pager chunk, a permalink and its expanded card."""
    return [
        ("page /", "/", {}),
        ("page /?kind=summit&zoom=day", "/?kind=summit&zoom=day", {}),
        ("htmx kind=summit", "/?kind=summit", HX),
        ("htmx actor=kim-jong-un", "/?actor=kim-jong-un", HX),
        ("htmx actor x2 + kind", "/?actor=kim-jong-un&actor=donald-trump&kind=letter", HX),
        ("htmx from/to 2018-06..09", "/?from=2018-06&to=2018-09", HX),
        ("htmx status=planned,verified", "/?status=planned&verified=1", HX),
        ("htmx q=summit", "/?q=summit", HX),
        ("htmx at=2018-03", "/?at=2018-03", HX),
        ("htmx lanes", "/?view=lanes", HX),
        ("htmx later chunk", f"/?after={ids['cursor']}", {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "pager-later"}),
        ("permalink", ids["permalink"], {}),
        ("expand card", ids["permalink"], {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "event-x"}),
        ("actor page", "/actors/kim-jong-un/", {}),
    ]


def measure(reps: int) -> dict[str, dict]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from timeline.changes import timeline_changed
    from timeline.models import Event

    in_2018 = Event.objects.visible().filter(date_start__year=2018).order_by("date_start", "id")
    event = in_2018[in_2018.count() // 2]
    ids = {"cursor": f"{event.date_start.isoformat()}_{event.pk}", "permalink": event.get_absolute_url()}
    client = Client()
    results = {}
    for label, url, headers in requests(ids):
        timeline_changed()
        start = time.perf_counter()
        response = client.get(url, **headers)
        cold = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        reset_queries()  # a request empties the log when it starts; the count must start from empty
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, **headers)
        queries = len(ctx)  # now: the log is read lazily, and the next request empties it
        times = []
        for _ in range(reps):
            start = time.perf_counter()
            client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results[label] = {
            "p50": statistics.median(times),
            "p90": times[int(len(times) * 0.9) - 1] if len(times) >= 10 else times[-1],
            "cold": cold,
            "queries": queries,
            "bytes": len(response.content),
        }
    return results


def run_one(db: str, total: int, reps: int) -> None:
    """In a child process: one database, settings fixed before Django starts."""
    if db == "sqlite":
        Path(SQLITE_PATH).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        os.environ["DATABASE_URL"] = POSTGRES_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("STATICFILES_MANIFEST", "false")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.timeline_data import generate

    if db != "sqlite":
        with connection._nodb_cursor() as cursor:
            name = connection.settings_dict["NAME"]
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    if db != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    generate(100, seed=1)
    small = measure(reps)
    t0 = time.perf_counter()
    generate(total - 100, seed=2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\n## {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"generated {total:,} events in {time.perf_counter() - t0:.0f} s; {reps} timed requests each\n")
    big = measure(reps)
    print("| request | p50 ms | p90 ms | cold ms | queries | queries at 100 | KB | p50 ms at 100 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in big.items():
        s = small[label]
        flag = "" if r["queries"] == s["queries"] else " (!)"
        print(
            f"| {label} | {r['p50']:.1f} | {r['p90']:.1f} | {r['cold']:.0f} | {r['queries']}{flag} | {s['queries']} "
            f"| {r['bytes'] / 1024:.0f} | {s['p50']:.1f} |"
        )
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.events, args.reps)
        return
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        cmd = [sys.executable, __file__, "--child", db, "--events", str(args.events), "--reps", str(args.reps)]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
