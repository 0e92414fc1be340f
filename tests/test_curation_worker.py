"""Jobs through the real queue: the database backend stores the task, `db_worker --batch` runs it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from curation.models import Job

# The worker commits and checks its connection between tasks, as in production: real transactions.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

STORY = (
    "Ministers sign a fisheries accord\n\n"
    "OSLO (Wire) - The two fisheries ministers signed an accord on Thursday in Oslo, ending a dispute "
    "over quotas that had run for three years, officials said.\n"
    "Both ministers called the accord a fair compromise.\n"
)


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE


def test_job_waits_for_the_worker_and_the_worker_runs_it(curator_client):
    files = [
        SimpleUploadedFile("accord.txt", STORY.encode()),
        SimpleUploadedFile("blank.txt", b"   \n\n  "),
    ]
    curator_client.post(reverse("admin:articles_article_import"), {"files": files, "published": "2020-01-09"})
    job = Job.objects.get()
    assert job.state == Job.State.QUEUED and job.task_id
    assert DBTaskResult.objects.filter(pk=job.task_id, status="READY").exists()
    waiting = curator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "0 of 2 files done" in waiting and "hx-trigger" in waiting

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.finished_at
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"
    assert dict(job.items.values_list("name", "status")) == {"accord.txt": "created", "blank.txt": "failed"}
    assert Article.objects.get().published_on.isoformat() == "2020-01-09"
    done = curator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "2 of 2 files done" in done and "hx-trigger" not in done
    assert "<strong>blank.txt</strong>: only whitespace, no text" in done


def test_job_left_half_done_goes_on_from_where_it_stopped(curator):
    """A worker that died mid-job left some items done: enqueueing again does only the rest."""
    from curation.tasks import run_job

    job = Job.objects.create(kind=Job.Kind.IMPORT, created_by=curator, options={"published": "2020-01-09"})
    job.items.create(position=1, name="done.txt", status="created", reason="article 99")
    job.items.create(position=2, name="accord.txt", raw=STORY.encode())
    run_job.enqueue(job.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert dict(job.items.values_list("name", "status")) == {"done.txt": "created", "accord.txt": "created"}
    assert job.items.get(name="done.txt").reason == "article 99"


def test_resume_action_queues_a_stopped_job_again(curator_client):
    job = Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.FAILED, options={"published": "2020-01-09"})
    job.items.create(position=1, name="accord.txt", raw=STORY.encode())
    finished = Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.DONE)
    finished.items.create(position=1, name="old.txt", status="created")
    listing = curator_client.get(reverse("admin:curation_job_changelist")).content.decode()
    assert "0 of 1" in listing and "1 of 1" in listing
    curator_client.post(
        reverse("admin:curation_job_changelist"),
        {"action": "resume_jobs", "_selected_action": [job.pk, finished.pk]},
    )
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.items.get().status == "created"
    assert DBTaskResult.objects.count() == 1  # the finished job was left alone


def test_resuming_a_job_still_waiting_replaces_its_task_instead_of_adding_one(curator_client):
    curator_client.post(
        reverse("admin:articles_article_import"),
        {"files": [SimpleUploadedFile("accord.txt", STORY.encode())], "published": "2020-01-09"},
    )
    job = Job.objects.get()
    waiting = job.task_id
    curator_client.post(
        reverse("admin:curation_job_changelist"), {"action": "resume_jobs", "_selected_action": [job.pk]}
    )
    job.refresh_from_db()
    assert job.task_id != waiting
    assert DBTaskResult.objects.get(pk=waiting).status == "FAILED"
    assert "Superseded" in DBTaskResult.objects.get(pk=waiting).exception_class_path
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "SUCCESSFUL"]
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.items.get().status == "created"


def test_an_item_that_fails_after_its_article_was_written_leaves_no_article(curator, monkeypatch):
    """The item's work and its outcome are one transaction: an error between them rolls the article back."""
    import curation.tasks

    record = curation.tasks._record

    def record_then_fail(item, outcome):
        record(item, outcome)
        if item.name == "broken.txt":
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(curation.tasks, "_record", record_then_fail)
    job = Job.objects.create(kind=Job.Kind.IMPORT, created_by=curator, options={"published": "2020-01-09"})
    job.items.create(position=1, name="broken.txt", raw=STORY.replace("Oslo", "Bergen").encode())
    job.items.create(position=2, name="accord.txt", raw=STORY.encode())
    curation.tasks.run_job.enqueue(job.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    broken, accord = job.items.order_by("position")
    assert (broken.status, broken.reason, broken.article_id) == ("failed", "RuntimeError: disk on fire", None)
    assert accord.status == "created" and Article.objects.get().pk == accord.article_id


def test_job_page_says_when_a_running_job_stopped_moving(curator_client, settings):
    """A killed worker leaves its job running: past JOB_STALL_SECONDS the page says so and how to resume."""
    settings.JOB_STALL_SECONDS = 300
    started = timezone.now() - dt.timedelta(minutes=12)
    job = Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.RUNNING, started_at=started)
    job.items.create(position=1, name="done.txt", status="created", finished_at=started + dt.timedelta(minutes=4))
    job.items.create(position=2, name="accord.txt", raw=STORY.encode())
    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "No file has finished for 8 minutes" in page and "Run the selected jobs again" in page

    job.items.filter(name="done.txt").update(finished_at=timezone.now() - dt.timedelta(seconds=30))
    assert "has finished for" not in curator_client.get(job.get_absolute_url()).content.decode()
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    job.items.update(finished_at=started)
    assert "has finished for" not in curator_client.get(job.get_absolute_url()).content.decode()
