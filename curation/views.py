"""The admin pages of curation: import files, confirm a parse, follow a job.

They are mounted by the model admins (articles.admin.ArticleAdmin, curation.admin.JobAdmin) and
wrapped in `admin_site.admin_view`, so anonymous visitors get the login page; each view checks
the permission itself (curators hold articles.ingest_article) and answers 403 otherwise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from articles.extraction.pubdate import parse_date
from articles.ingest import FAILED
from articles.management.commands.ingest import Command as IngestCommand
from articles.models import Article
from curation.diff import preview
from curation.forms import ImportForm, too_large
from curation.models import Job, JobItem
from curation.tasks import start

PREVIEW_LIMIT = 20  # articles previewed in detail on the parse page; the rest are parsed all the same

OUTCOME_LABELS = {
    "pending": "waiting",
    "created": "created",
    "unchanged": "unchanged",
    "updated": "updated",
    "needs_date": "needs a date",
    "parsed": "parsed",
    "failed": "failed",
}


def can_ingest(request) -> bool:
    return request.user.is_active and request.user.has_perm("articles.ingest_article")


def import_articles(model_admin, request):
    if not can_ingest(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if "seeds" in request.POST:
            job = _seed_job(request)
            if job is None:
                return redirect(request.path)
        else:
            job = _upload_job(request, form)
        return redirect(job)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import articles",
        "form": form,
        "seeds_dir": settings.SEEDS_DIR.name,
        "recent_jobs": Job.objects.filter(kind=Job.Kind.IMPORT).select_related("created_by")[:5],
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)


@transaction.atomic
def _upload_job(request, form) -> Job:
    data = form.cleaned_data
    options = {
        "outlet": data["outlet"].strip(),
        "credit": data["credit"].strip(),
        "url": data["url"].strip(),
        "published": data["published"].isoformat() if data["published"] else "",
    }
    job = Job.objects.create(kind=Job.Kind.IMPORT, created_by=request.user, options=options)
    for position, upload in enumerate(data["files"], 1):
        name = Path(upload.name).name[:500]
        reason = too_large(upload.size)
        if reason:
            JobItem.objects.create(job=job, position=position, name=name, status=FAILED, reason=reason)
            continue
        JobItem.objects.create(job=job, position=position, name=name, raw=upload.read())
    return start(job)


def _seed_job(request) -> Job | None:
    folder = Path(settings.SEEDS_DIR)
    try:
        files = IngestCommand().collect([str(folder)])
    except CommandError as error:
        messages.error(request, str(error))
        return None
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.IMPORT, created_by=request.user, options={"root": str(folder), "seeds": True}
        )
        for position, (path, _root, _problem) in enumerate(files, 1):
            name = str(Path(path).relative_to(folder)) if Path(path).is_relative_to(folder) else str(path)
            JobItem.objects.create(job=job, position=position, name=f"{folder.name}/{name}"[:500], path=str(path))
        return start(job)


def parse_articles(model_admin, request, queryset):
    """The "Parse into timeline" action: a preview page first, then a background job."""
    if not can_ingest(request):
        raise PermissionDenied
    articles = list(queryset.defer("raw").order_by("pk"))
    dates, date_errors = {}, {}
    for article in articles:
        value = request.POST.get(f"published-{article.pk}", "").strip()
        if not value:
            continue
        try:
            dates[article.pk] = parse_date(value)
        except ValueError as error:
            date_errors[article.pk] = str(error)
    if request.POST.get("post") == "yes" and not date_errors:
        job = _parse_job(model_admin, request, articles, dates)
        model_admin.message_user(
            request, f"Parsing {len(articles)} article{'s' if len(articles) != 1 else ''} in the background."
        )
        return redirect(job)
    previews = preview(articles[:PREVIEW_LIMIT], dates)
    for item in previews:
        item.date_error = date_errors.get(item.article.pk, "")
        item.date_given = request.POST.get(f"published-{item.article.pk}", "")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Parse into the timeline?",
        "subtitle": None,
        "articles": articles,
        "previews": previews,
        "not_previewed": articles[PREVIEW_LIMIT:],
        "needs_date": any(p.needs_date for p in previews),
        "action_checkbox_name": "_selected_action",
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/articles/article/parse_confirmation.html", context)


@transaction.atomic
def _parse_job(model_admin, request, articles: list[Article], dates: dict[int, dt.date]) -> Job:
    for article in articles:
        date = dates.get(article.pk)
        if date and date != article.published_on:
            article.published_on = date
            article.published_source = Article.DateSource.CURATOR
            if article.status == Article.Status.NEEDS_DATE:
                article.status = Article.Status.NEW
            article.save(update_fields=["published_on", "published_source", "status", "updated_at"])
            model_admin.log_change(request, article, f"Set the publication date to {date.isoformat()}.")
    job = Job.objects.create(kind=Job.Kind.PARSE, created_by=request.user)
    JobItem.objects.bulk_create(
        JobItem(job=job, position=position, name=str(article)[:500], article=article)
        for position, article in enumerate(articles, 1)
    )
    return start(job)


def stalled_minutes(job: Job, items: list[JobItem]) -> int | None:
    """Minutes since a running job last finished an item, once past JOB_STALL_SECONDS; else None.

    A worker killed in the middle leaves its job "running" for ever: this is how the curator tells
    a dead worker from a slow one (and learns to resume the job).
    """
    if job.state != Job.State.RUNNING:
        return None
    moments = [item.finished_at for item in items if item.finished_at] + [job.started_at or job.created_at]
    idle = (timezone.now() - max(moments)).total_seconds()
    return int(idle // 60) if idle >= settings.JOB_STALL_SECONDS else None


def job_progress(model_admin, request, job: Job):
    """The job's page: a progress bar htmx polls while it runs, and the table of outcomes."""
    items = list(job.items.select_related("article").defer("raw", "article__raw", "article__body"))
    done = sum(1 for item in items if item.status != JobItem.PENDING)
    counts = {}
    for item in items:
        item.label = OUTCOME_LABELS.get(item.status, item.status)
        if item.status != JobItem.PENDING:
            counts[item.label] = counts.get(item.label, 0) + 1
    context = {
        "job": job,
        "items": items,
        "done": done,
        "total": len(items),
        "failed": [item for item in items if item.status == FAILED],
        "article_ids": list(dict.fromkeys(item.article_id for item in items if item.article_id)),
        "counts": sorted(counts.items()),
        "poll_url": request.path,
        "stalled_minutes": stalled_minutes(job, items),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = TemplateResponse(request, "curation/_job_progress.html", context)
    else:
        context.update(
            {
                **model_admin.admin_site.each_context(request),
                "opts": model_admin.model._meta,
                "title": str(job),
                "original": job,
            }
        )
        response = TemplateResponse(request, "admin/curation/job/progress.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
