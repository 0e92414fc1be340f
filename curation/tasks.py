"""The background side of the admin's import and parse pages (django-tasks).

`start(job)` enqueues `run_job` on the default backend: the database backend in development and
production (a `manage.py db_worker` process picks it up), the immediate backend in tests that
want it inline. `run_job` works through the job's pending items, one transaction per item, so a
file or an article that fails is recorded with its reason and never stops the others.

An item's work and its outcome commit together: a worker killed half-way leaves each item either
done (article stored, outcome recorded) or pending with nothing written, and the job can be
resumed (JobAdmin.resume_jobs). An item is claimed inside its transaction, so two runs of one job
(a resume while the first worker was only slow) never do an item twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from articles.extraction.pipeline import PIPELINE_VERSION
from articles.ingest import FAILED, Outcome, ingest_bytes
from articles.management.commands.ingest import EXTENSIONS
from articles.management.commands.ingest import Command as IngestCommand
from articles.models import Article
from curation.diff import parse_with_diff
from curation.models import Job, JobItem
from timeline.changes import timeline_changed

log = logging.getLogger(__name__)

PARSED = "parsed"
NEEDS_DATE = "needs_date"


def start(job: Job) -> Job:
    """Enqueue the job once its rows are committed (a worker must find them)."""

    def enqueue():
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job


class Superseded(Exception):
    """The job was queued again as another task: the worker that ran this one had stopped."""


def resume(job: Job) -> bool:
    """Queue a job that stopped half-way again, for its pending items only; False if none is left.

    The task the job had (a worker killed in the middle leaves it "running" for ever, and /health
    counting it as stuck) is closed as failed. Should that worker only have been slow, both runs
    share the items (`_claim`) and the slow one still records its own result when it ends.
    """
    if not job.items.filter(status=JobItem.PENDING).exists():
        return False
    _close_task(job.task_id)
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, task_id="", error="", finished_at=None)
    start(job)
    return True


def _close_task(task_id: str) -> None:
    if not task_id or not apps.is_installed("django_tasks_db"):
        return
    try:
        task_id = str(uuid.UUID(task_id))
    except ValueError:  # not a database backend's task
        return
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    results.filter(pk=task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{Superseded.__module__}.{Superseded.__qualname__}",
        traceback=f"{Superseded.__qualname__}: {Superseded.__doc__}",
    )


@task()
def run_job(job_id: int) -> dict:
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started_at=job.started_at or timezone.now())
    work = {Job.Kind.IMPORT: _import_item, Job.Kind.PARSE: _parse_item}[job.kind]
    context = {"manifests": {}}
    try:
        # Ids only: the uploaded bytes are read one item at a time.
        for item_id in job.items.filter(status=JobItem.PENDING).order_by("position").values_list("pk", flat=True):
            _run_item(job, item_id, work, context)
    except Exception as error:
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED, error=f"{type(error).__name__}: {_one_line(error)}", finished_at=timezone.now()
        )
        raise
    finally:
        timeline_changed()
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, finished_at=timezone.now())
    statuses = list(job.items.values_list("status", flat=True))
    return {status: statuses.count(status) for status in sorted(set(statuses))}


def _run_item(job: Job, item_id: int, work, context: dict) -> None:
    """Do one item and record its outcome in one transaction; a failure rolls the item's writes back."""
    try:
        with transaction.atomic():
            item = _claim(item_id)
            if item is None:
                return
            work(job, item, context)
            _finish(item)
    except Exception as error:  # one bad item never stops the others
        log.exception("job %s: item %s failed", job.pk, item_id)
        with transaction.atomic():
            item = _claim(item_id)
            if item is None:
                return
            item.status = FAILED
            item.reason = f"{type(error).__name__}: {_one_line(error)}"
            _finish(item)


def _claim(item_id: int) -> JobItem | None:
    """The item, locked, if it is still pending (another run of the job may have done it meanwhile)."""
    return JobItem.objects.select_for_update().filter(pk=item_id, status=JobItem.PENDING).first()


def _finish(item: JobItem) -> None:
    item.raw = None  # the article keeps the bytes; the job need not
    item.finished_at = timezone.now()
    item.save()


def _import_item(job: Job, item: JobItem, context: dict) -> None:
    options = job.options
    if item.path:
        # A file on the server (the seed folder): exactly what `manage.py ingest FOLDER` does, manifest included.
        path = Path(item.path)
        root = Path(options.get("root") or settings.SEEDS_DIR)
        command = IngestCommand()
        outcome = command.ingest_file(
            path,
            root,
            context["manifests"],
            {"published": None, "outlet": "", "credit": "", "url": "", "parse": False},
        )
    else:
        published = dt.date.fromisoformat(options["published"]) if options.get("published") else None
        outcome = ingest_bytes(
            bytes(item.raw or b""),
            name=item.name,
            outlet=options.get("outlet", ""),
            credit=options.get("credit", ""),
            url=options.get("url", ""),
            published=published,
            published_source=Article.DateSource.FLAG,
            media_type=EXTENSIONS.get(Path(item.name).suffix.lower()),
            parse=False,  # the curator previews the parse, then confirms it
        )
    _record(item, outcome)


def _record(item: JobItem, outcome: Outcome) -> None:
    item.status = outcome.status
    item.reason = outcome.reason
    if outcome.article_id and Article.objects.filter(pk=outcome.article_id).exists():
        item.article_id = outcome.article_id


def _parse_item(job: Job, item: JobItem, context: dict) -> None:
    article = item.article
    if article is None:
        item.status, item.reason = FAILED, "the article no longer exists"
        return
    if not article.published_on:
        item.status = NEEDS_DATE
        item.reason = "no publication date: give one on the parse page, then parse again"
        return
    try:
        with transaction.atomic():
            diff = parse_with_diff(article)
            article.status = Article.Status.PARSED
            article.error = ""
            article.parser_version = PIPELINE_VERSION
            article.save(update_fields=["status", "error", "parser_version", "updated_at"])
    except Exception as error:
        log.exception("parsing article %s failed", article.pk)
        reason = f"parsing failed ({type(error).__name__}: {_one_line(error)})"
        Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error=reason)
        item.status, item.reason = FAILED, reason
        return
    item.status = PARSED
    item.reason = diff.summary()
    item.report = diff.as_json()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]
