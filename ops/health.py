"""/health: is this app server fit to take traffic? For load balancers and monitoring.

Each check returns a dict with at least "status". A failing *critical* check (the database, its
migrations) makes the answer HTTP 503, so a load balancer stops sending requests here until it
recovers; a non-critical one (the task worker) only turns the overall status to "degraded",
since a web node cannot fix a stalled worker by being taken out of rotation.

More checks register with `@register("name", critical=...)`; they run in registration order.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OK, DEGRADED, ERROR, UNKNOWN = "ok", "degraded", "error", "unknown"


@dataclass
class Check:
    name: str
    run: Callable[[], dict]
    critical: bool


CHECKS: list[Check] = []


def register(name: str, *, critical: bool):
    def decorator(function: Callable[[], dict]) -> Callable[[], dict]:
        CHECKS[:] = [c for c in CHECKS if c.name != name] + [Check(name, function, critical)]
        return function

    return decorator


def run_checks() -> tuple[dict, int]:
    """The JSON body and the HTTP status of /health."""
    results, overall = {}, OK
    for check in CHECKS:
        started = time.perf_counter()
        try:
            result = check.run()
        except Exception as error:  # a check that breaks reports it; /health itself never fails
            result = {"status": ERROR, "detail": _one_line(error)}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[check.name] = result
        if result["status"] == ERROR and check.critical:
            overall = ERROR
        elif result["status"] not in (OK, UNKNOWN) and overall == OK:
            overall = DEGRADED
    return {"status": overall, "checks": results}, 503 if overall == ERROR else 200


@register("database", critical=True)
def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # Drop the broken connection now so that the next request opens a fresh one.
        connection.close()
        return {"status": ERROR, "detail": _one_line(error)}
    return {"status": OK, "vendor": connection.vendor}


_migrations_applied = False  # once true in this process it stays true: nothing un-applies them


@register("migrations", critical=True)
def check_migrations() -> dict:
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            connection.close()
            return {"status": ERROR, "detail": _one_line(error)}
        if pending:
            names = [f"{m.app_label}.{m.name}" for m, _backwards in pending]
            return {"status": ERROR, "detail": f"{len(names)} not applied", "pending": names[:20]}
        _migrations_applied = True
    return {"status": OK}


@register("worker", critical=False)
def check_worker() -> dict:
    """The background task worker, judged by its queue: a task left waiting too long means no worker runs.

    django-tasks-db keeps no heartbeat, so an idle queue says nothing about the worker ("ok" with
    waiting 0 is the best it can say); a ready task older than HEALTH_TASK_MAX_WAIT seconds, or a
    task "running" for longer than HEALTH_TASK_MAX_RUN seconds (a worker killed in the middle), does.
    """
    if not apps.is_installed("django_tasks_db"):
        return {"status": UNKNOWN, "detail": "no database task queue installed"}
    # The app is django_tasks_db; its label (what get_model wants) is django_tasks_database.
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    now = timezone.now()
    max_wait = dt.timedelta(seconds=settings.HEALTH_TASK_MAX_WAIT)
    max_run = dt.timedelta(seconds=settings.HEALTH_TASK_MAX_RUN)
    try:
        ready = results.ready()
        waiting = ready.count()
        cutoff = now - max_wait
        # A task scheduled for later starts waiting at its run_after ("not scheduled" is year 9999).
        late = ready.filter(enqueued_at__lte=cutoff).exclude(run_after__gt=cutoff, run_after__year__lt=9999).count()
        stuck = results.running().filter(started_at__lte=now - max_run).count()
    except DatabaseError as error:
        connection.close()
        return {"status": ERROR, "detail": _one_line(error)}
    status = OK if not late and not stuck else DEGRADED
    result = {"status": status, "waiting": waiting, "late": late, "stuck": stuck}
    if late:
        result["detail"] = f"{late} task(s) waited over {settings.HEALTH_TASK_MAX_WAIT} s: is a worker running?"
    elif stuck:
        result["detail"] = f"{stuck} task(s) running for over {settings.HEALTH_TASK_MAX_RUN} s"
    return result


def _one_line(error: BaseException) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())[:300]
