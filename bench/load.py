"""Load test: gunicorn on PostgreSQL with 100,000 generated events, hit from a second process.

    .venv/bin/python bench/load.py                      # full run: 60 s per URL, 64 clients, wrk
    .venv/bin/python bench/load.py --seconds 10 --clients 16
    .venv/bin/python bench/load.py --smoke              # seconds, small data, Python client (the test suite)

Steps: create the database if needed (PostgreSQL: --database-url, default tl_bench on 127.0.0.1),
migrate, generate events until there are --events of them (kept between runs), start gunicorn on
--port with production settings and BENCH_PLAIN_VIEW=true, wait for /health, then load each URL in
turn: the timeline, an htmx filter (HX-Request), an event permalink, the JSON API when it exists,
and /bench/plain, a view returning a fixed string through the same middleware: the framework's
own ceiling on this machine. Prints requests per second, p50 and p99 latency and errors per URL.
wrk (Debian package `wrk`) is the load generator; without it (or with --python-client) a threaded
Python client does the same job, less efficiently.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/tl_bench"


def server_env(database_url: str, extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL")}
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATICFILES_MANIFEST="false",
        BENCH_PLAIN_VIEW="true",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    if os.environ.get("CACHE_URL"):
        env["CACHE_URL"] = os.environ["CACHE_URL"]
    env.update(extra or {})
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    if parts.scheme.startswith("postgres"):
        name = parts.path.lstrip("/")
        host, port, user = parts.hostname or "127.0.0.1", str(parts.port or 5432), parts.username or "postgres"
        made = subprocess.run(["createdb", "-h", host, "-p", port, "-U", user, name], capture_output=True, text=True)
        if made.returncode and "already exists" not in made.stderr:
            sys.exit(f"createdb {name}: {made.stderr.strip()}")


GENERATE = r"""
import datetime as dt, random, sys
from django.db import connection, transaction
from timeline.changes import timeline_changed
from timeline.models import Actor, Event, Participation, Place
from timeline.models import make_slug
wanted = int(sys.argv[1])
have = Event.objects.count()
rng = random.Random(have)
if have < wanted:
    actors = list(Actor.objects.all()[:400])
    if not actors:
        names = [f"Envoy {a} {b}" for a in ("North", "South", "East", "West") for b in range(100)]
        Actor.objects.bulk_create([Actor(name=n, slug=make_slug(n, "actor"), kind="person") for n in names])
        actors = list(Actor.objects.all())
    places = list(Place.objects.all()[:100])
    if not places:
        Place.objects.bulk_create([Place(name=f"City {n}", slug=f"city-{n}") for n in range(100)])
        places = list(Place.objects.all())
    kinds = [k for k, _ in Event.Kind.choices]
    start = dt.date(1990, 1, 1)
    while have < wanted:
        batch = []
        for n in range(have, min(wanted, have + 5000)):
            day = start + dt.timedelta(days=rng.randrange(12000))
            title = f"{rng.choice(actors).name} meets {rng.choice(actors).name} ({n})"
            batch.append(Event(title=title, slug=make_slug(title, "event"), kind=rng.choice(kinds), status="occurred",
                               date_start=day, date_end=day, date_precision="day", date_value=day.isoformat(),
                               place=rng.choice(places), review=rng.choice(["proposed", "verified"])))
        with transaction.atomic():
            events = Event.objects.bulk_create(batch)
            Participation.objects.bulk_create(
                [Participation(event=e, actor=a, role="participant") for e in events for a in rng.sample(actors, 2)]
            )
        have += len(batch)
    timeline_changed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics: without them the first timeline request took 100 s
event = Event.objects.visible().order_by("-date_start", "-pk").first()
print(Event.objects.count(), event.get_absolute_url())
"""


def prepare(database_url: str, events: int) -> str:
    env = server_env(database_url)
    ensure_database(database_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")  # whitenoise serves STATIC_ROOT, as in production
    if "db://" in env.get("CACHE_URL", ""):
        manage(env, "createcachetable")
    started = time.monotonic()
    out = manage(env, "shell", "-c", GENERATE.replace("sys.argv[1]", str(events)))
    count, permalink = out.split()[-2:]
    print(f"data: {count} events ({time.monotonic() - started:.0f} s to prepare); permalink {permalink}")
    return permalink


def start_server(database_url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env(database_url), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    sys.exit("gunicorn did not answer /health within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def status_of(url: str, headers: dict) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def run_wrk(url: str, headers: dict, seconds: int, clients: int) -> dict:
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"requests": total, "rps": rps, "p50": ms("50"), "p99": ms("99"), "errors": errors}


def run_python(url: str, headers: dict, seconds: float, clients: int) -> dict:
    """A keep-alive HTTP client per thread; latencies of every request."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, failed = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000 if latencies else float("nan")

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p99": pct(99),
        "errors": errors[0],
    }


def targets(permalink: str) -> list[tuple[str, str, dict]]:
    htmx = {"HX-Request": "true"}
    return [
        ("timeline", "/", {}),
        ("htmx filter", "/?kind=summit", htmx),
        ("permalink", permalink, {}),
        ("API", "/api/events?kind=meeting", {}),
        ("plain view", "/bench/plain", {}),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", ""),
        help="CACHE_URL for the server (a shared cache: redis://127.0.0.1:6379/0, db://table, file:///dir)",
    )
    parser.add_argument(
        "--warmup", type=float, default=5, help="seconds of load on each URL before the measured run (not counted)"
    )
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    parser.add_argument("--smoke", action="store_true", help="a few seconds on little data: does it all work?")
    args = parser.parse_args(argv)
    if args.smoke:
        args.events, args.seconds, args.clients, args.workers = min(args.events, 300), min(args.seconds, 2), 4, 2
        args.warmup = 0
    if args.cache_url:
        os.environ["CACHE_URL"] = args.cache_url
    use_wrk = shutil.which("wrk") and not args.python_client and args.seconds >= 1 and float(args.seconds).is_integer()

    permalink = prepare(args.database_url, args.events)
    server = start_server(args.database_url, args.port, args.workers, args.threads)
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads; load: {args.clients} clients, "
        f"{args.seconds:g} s per URL after {args.warmup:g} s of warm-up, {'wrk' if use_wrk else 'Python client'}; "
        f"cache {os.environ.get('CACHE_URL') or 'locmem:// (per process)'}"
    )
    print(f"{'target':<12} {'path':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'requests':>9}")
    failures = 0
    try:
        for label, path, headers in targets(permalink):
            url = f"http://127.0.0.1:{args.port}{path}"
            status = status_of(url, headers)
            if status == 404 and label == "API":
                print(f"{label:<12} {path:<28} {'(not there yet: skipped)':>36}")
                continue
            if status != 200:
                print(f"{label:<12} {path:<28} HTTP {status} before the run")
                failures += 1
                continue
            if args.warmup > 0:  # new workers compile templates and fill their caches: not the steady state
                if use_wrk:
                    run_wrk(url, headers, max(1, round(args.warmup)), args.clients)
                else:
                    run_python(url, headers, args.warmup, args.clients)
            if use_wrk:
                figures = run_wrk(url, headers, int(args.seconds), args.clients)
            else:
                figures = run_python(url, headers, args.seconds, args.clients)
            failures += figures["errors"] > 0
            print(
                f"{label:<12} {path[:28]:<28} {figures['rps']:>8.0f} {figures['p50']:>8.1f} {figures['p99']:>8.1f} "
                f"{figures['errors']:>7} {figures['requests']:>9}",
                flush=True,
            )
    finally:
        stop_server(server)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
