"""The bad-input corpus (tests/bad_input_corpus.py) through `manage.py ingest` and the admin upload.

Every file gets the outcome the corpus expects, on one line of its own; nothing is half-written:
a failed file leaves no article, a stored one keeps the bytes as received, and the rows that the
stored articles produce stay consistent with their text.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article
from curation.models import Job
from tests.bad_input_corpus import Case, cases
from timeline.models import Evidence

pytestmark = pytest.mark.django_db

CASES = cases()
STATUSES = ("created", "needs_date", "unchanged", "updated", "failed")


def printable(text: str) -> str:
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def run_ingest(folder, case: Case) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    args = ["ingest", str(folder)] + (["--published", case.published] if case.published else [])
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        assert error.returncode == 1, error  # "some files failed", never a crash
    return out.getvalue().splitlines(), err.getvalue()


def test_the_corpus_is_large_and_every_case_is_named_once():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert sum(len(case.expect) for case in CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gets_a_clear_outcome_and_writes_nothing_half_way(case, tmp_path):
    folder = case.write(tmp_path)
    before = set(Article.objects.values_list("pk", flat=True))
    lines, errors = run_ingest(folder, case)

    # One line per file, each starting with an outcome, then the summary: no tracebacks, no forged lines.
    outcome_lines = lines[:-1]
    assert len(outcome_lines) == len(case.expect), lines
    assert lines[-1].startswith(f"{len(case.expect)} file")
    assert "Traceback" not in errors
    for fragment in case.warnings:
        assert fragment in errors

    new_articles = {a.pk: a for a in Article.objects.exclude(pk__in=before)}
    stored_new, last_bytes = 0, {}
    for name, expect in case.expect.items():
        shown = printable(str(folder / name))
        [line] = [line for line in outcome_lines if f" {shown}: " in line]
        status = line.split("] ")[-1].split()[0]
        assert status in STATUSES
        assert status == expect.status, line
        assert expect.reason in line, line
        if status == "failed":
            assert not Article.objects.filter(source_name=str(folder / name)).exists()
            continue
        pk = int(re.search(r"article (\d+)", line).group(1))
        if status != "unchanged":
            last_bytes[pk] = case.files[name]  # files are ingested in name order
        stored_new += status in ("created", "needs_date")
        if status == "needs_date":
            article = Article.objects.get(pk=pk)
            assert article.published_on is None and article.status == Article.Status.NEEDS_DATE
    assert len(new_articles) == stored_new
    for pk, data in last_bytes.items():
        assert bytes(Article.objects.get(pk=pk).raw) == data, "the bytes as received are kept"

    # What was stored is consistent with its text.
    for article in new_articles.values():
        assert article.body.strip()
        assert "\x00" not in article.body
        for evidence in Evidence.objects.filter(article=article):
            assert 0 <= evidence.start < evidence.end <= len(article.body)


def test_script_and_markup_in_a_web_page_are_not_kept_as_markup(tmp_path):
    [case] = [c for c in CASES if c.name == "html-script"]
    run_ingest(case.write(tmp_path), case)
    article = Article.objects.get()
    assert "<script" not in article.body and "onerror" not in article.body and "<iframe" not in article.body
    assert "<" not in article.title


def test_a_javascript_canonical_url_is_never_stored(tmp_path):
    [case] = [c for c in CASES if c.name == "html-js-canonical"]
    run_ingest(case.write(tmp_path), case)
    assert Article.objects.get().url == ""


def test_the_same_corpus_twice_writes_nothing_new(tmp_path):
    """Idempotence under bad input: a second run stores nothing, whatever the first did."""
    chosen = [c for c in CASES if c.name in {"utf8", "duplicate-bytes", "html-script", "empty", "manifest-escape"}]
    for number, case in enumerate(chosen):
        run_ingest(case.write(tmp_path / f"{number}"), case)
    count = Article.objects.count()
    for number, case in enumerate(chosen):
        lines, _errors = run_ingest(tmp_path / f"{number}", case)
        assert not any(line.split("] ")[-1].startswith(("created", "updated")) for line in lines), lines
    assert Article.objects.count() == count


# The same corpus through the admin's upload form, as a curator: the background job (run inline, as
# django-tasks documents for tests) gives every file an outcome.
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


def uploads(case: Case) -> list:
    """Every article file of the case as an upload (no manifest, no links: a browser sends files)."""
    return [
        SimpleUploadedFile(name.rsplit("/", 1)[-1], data)
        for name, data in case.files.items()
        if name != "manifest.json" and name in case.expect
    ]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_through_the_admin_upload(case, curator_client, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    files = uploads(case)
    if not files:
        pytest.skip("no article file a browser could send")
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("admin:articles_article_import"), {"files": files, "published": case.published or ""}
        )
    # Every file is taken and given its own outcome: one bad file does not refuse the others.
    assert response.status_code == 302, response.content[:2000]
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE, job.error
    items = list(job.items.order_by("position"))
    assert len(items) == len(files)
    for item in items:
        assert item.status in STATUSES and item.reason.strip(), (item.name, item.status, item.reason)
        assert item.raw is None  # the job lets go of the bytes once the file is handled
        if item.status == "failed":
            assert item.article_id is None
        else:
            assert Article.objects.filter(pk=item.article_id).exists()
    stored = {item.article_id for item in items if item.article_id}
    assert Article.objects.count() == len(stored)
    if case.single_file:  # one plain file: the same outcome as through `manage.py ingest`
        [expect] = case.expect.values()
        assert (items[0].status, expect.reason in items[0].reason) == (expect.status, True), items[0].reason
        if items[0].article_id:
            assert bytes(Article.objects.get(pk=items[0].article_id).raw) == case.single_file[1]
    page = curator_client.get(job.get_absolute_url())
    assert page.status_code == 200
