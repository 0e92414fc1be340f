"""A worker killed in the middle of an import leaves the database consistent and the job resumable.

Real processes on a real database file (or the PostgreSQL test database when DATABASE_URL points
there): a curator uploads files through the admin, `manage.py db_worker` takes the job and is
SIGKILLed inside the second file's write (tests/paused_worker.py stops it at that point and says
so), then the curator resumes the job from the jobs list and a new `db_worker --batch` finishes it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article, content_hash
from curation.models import Job, JobItem
from tests.bad_input_corpus import article
from tests.conftest import ROOT
from timeline.models import Event, Evidence

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
FILES = {f"talks-{n}.txt": article(f"round {n} of the kill-test").encode() for n in range(1, 5)}
PUBLISHED = "2019-03-05"
KILL_AT = 2  # the worker dies while writing the second file's outcome
TIMEOUT = 60  # seconds; generous for a busy two-core machine, the run itself takes a few


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE


def worker_database_url() -> str:
    """The database this test process is using, as DATABASE_URL for a worker process."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def start_worker(tmp_path, label: str, *args: str, **env: str) -> subprocess.Popen:
    log = (tmp_path / f"{label}.log").open("w")
    command = [sys.executable, "-m", "tests.paused_worker", "db_worker", "--no-reload", "--no-startup-delay"]
    worker_env = {k: v for k, v in os.environ.items() if not k.startswith("PAUSE_")}
    worker_env.update(DATABASE_URL=worker_database_url(), TASKS_BACKEND=DATABASE["default"]["BACKEND"], **env)
    process = subprocess.Popen(
        [*command, "--interval", "0.1", *args], cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT
    )
    process.log_path = tmp_path / f"{label}.log"
    return process


def output(process) -> str:
    return process.log_path.read_text()


def wait_for(what: str, check, process: subprocess.Popen):
    """Poll `check` until it gives something true; fail early if the worker exits meanwhile."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if process.poll() is not None:
            pytest.fail(f"the worker exited ({process.returncode}) before {what}:\n{output(process)}")
        time.sleep(0.05)
    pytest.fail(f"no {what} after {TIMEOUT} s:\n{output(process)}")


def assert_consistent(job: Job) -> None:
    """Every stored article is whole and accounted for by exactly one finished item; waiting items wrote nothing."""
    articles = {a.pk: a for a in Article.objects.all()}
    done = [item for item in job.items.all() if item.status != JobItem.PENDING]
    waiting = [item for item in job.items.all() if item.status == JobItem.PENDING]
    assert sorted(item.article_id for item in done) == sorted(articles), "an article without its item, or not stored"
    for item in done:
        stored = articles[item.article_id]
        assert (item.status, item.raw, bool(item.finished_at)) == ("created", None, True), item.reason
        assert bytes(stored.raw) == FILES[item.name]
        assert stored.body.strip() and stored.content_hash == content_hash(stored.body)
        assert stored.structure["sentences"] and stored.source_name == item.name
        assert (stored.status, stored.published_on.isoformat()) == (Article.Status.NEW, PUBLISHED)
    for item in waiting:
        assert bytes(item.raw) == FILES[item.name] and item.article_id is None and item.finished_at is None
        assert not Article.objects.filter(content_hash=content_hash(FILES[item.name].decode())).exists()
    assert not Event.objects.exists() and not Evidence.objects.exists()  # an import parses nothing


def test_a_worker_killed_mid_import_leaves_whole_articles_and_a_job_that_resumes(curator_client, tmp_path):
    files = [SimpleUploadedFile(name, raw) for name, raw in FILES.items()]
    curator_client.post(reverse("admin:articles_article_import"), {"files": files, "published": PUBLISHED})
    job = Job.objects.get()
    first_task = job.task_id
    assert DBTaskResult.objects.get(pk=first_task).status == "READY"

    marker = tmp_path / "paused.json"
    worker = start_worker(tmp_path, "killed", PAUSE_AT_ITEM=str(KILL_AT), PAUSE_MARKER=str(marker))
    try:
        paused = json.loads(wait_for("the pause inside the second file", marker.exists, worker) and marker.read_text())
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=TIMEOUT) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=TIMEOUT)

    # What the killed transaction had written is gone, what was committed before it is whole.
    assert paused["item"] == "talks-2.txt" and paused["article_id"]
    assert not Article.objects.filter(pk=paused["article_id"]).exists()
    job.refresh_from_db()
    assert_consistent(job)
    assert dict(job.items.values_list("name", "status")) == {
        "talks-1.txt": "created",
        "talks-2.txt": "pending",
        "talks-3.txt": "pending",
        "talks-4.txt": "pending",
    }

    # The curator sees a job that never finished: running, one file of four, still polling.
    assert (job.state, job.finished_at) == (Job.State.RUNNING, None)
    assert DBTaskResult.objects.get(pk=first_task).status == "RUNNING"  # nobody is left to finish it
    page = curator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "1 of 4 files done" in page and "hx-trigger" in page

    # The curator's way out: the jobs list's "run again where they stopped" action.
    response = curator_client.post(
        reverse("admin:curation_job_changelist"),
        {"action": "resume_jobs", "_selected_action": [job.pk]},
        follow=True,
    )
    assert "1 job queued again." in response.content.decode()
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.task_id and job.task_id != first_task
    # The dead worker's task is closed, so /health stops counting it as stuck and no worker waits on it.
    assert DBTaskResult.objects.get(pk=first_task).status == "FAILED"
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"

    finisher = start_worker(tmp_path, "finisher", "--batch")
    try:
        assert finisher.wait(timeout=TIMEOUT) == 0, output(finisher)
    finally:
        if finisher.poll() is None:
            finisher.kill()
            finisher.wait(timeout=TIMEOUT)

    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.finished_at and not job.error
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"
    assert_consistent(job)
    # Each file gave exactly one article: nothing lost, nothing twice.
    assert set(job.items.values_list("status", flat=True)) == {"created"}
    assert sorted(bytes(raw) for raw in Article.objects.values_list("raw", flat=True)) == sorted(FILES.values())
    assert len(set(job.items.values_list("article_id", flat=True))) == len(FILES)
    page = curator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "4 of 4 files done" in page and "hx-trigger" not in page
