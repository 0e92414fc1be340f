"""The admin's import page: uploads and the seed folder become a background job with outcomes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from curation.models import Job

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}

STORY = (
    "Envoys agree to meet again in Geneva\n\n"
    "GENEVA (Wire) - Envoys from the two countries met on Monday in Geneva and agreed to hold a "
    "second round of talks next month, officials said.\n"
    "The talks were described as frank and useful by both delegations.\n"
)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """The framework's documented way to run tasks in tests: the immediate backend runs them inline."""
    settings.TASKS = IMMEDIATE


def _upload(client, files, captured, **fields):
    with captured(execute=True):
        return client.post(reverse("admin:articles_article_import"), {"files": files, **fields})


def test_import_page_renders_for_curator(curator_client):
    response = curator_client.get(reverse("admin:articles_article_import"))
    assert response.status_code == 200
    assert b"Import the seed articles" in response.content
    assert b'type="file"' in response.content and b"multiple" in response.content


def test_upload_creates_article_with_given_metadata(curator_client, django_capture_on_commit_callbacks):
    story = SimpleUploadedFile("geneva.txt", STORY.encode("utf-8"), content_type="text/plain")
    response = _upload(
        curator_client,
        [story],
        django_capture_on_commit_callbacks,
        outlet="The Test Gazette",
        credit="Wire",
        url="https://news.example/geneva",
        published="2019-03-04",
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE
    item = job.items.get()
    assert item.status == "created"
    article = Article.objects.get(pk=item.article_id)
    assert (article.outlet, article.credit, article.url) == ("The Test Gazette", "Wire", "https://news.example/geneva")
    assert article.published_on.isoformat() == "2019-03-04"
    assert item.raw is None  # the article keeps the bytes, the job does not

    page = curator_client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert b"1 of 1 file done" in page.content
    assert b"created" in page.content


def test_failing_file_does_not_stop_the_others_and_the_page_says_why(
    curator_client, django_capture_on_commit_callbacks
):
    files = [
        SimpleUploadedFile("first.txt", STORY.encode("utf-8")),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        SimpleUploadedFile("second.txt", STORY.replace("Monday", "Tuesday").encode("cp1252")),
    ]
    _upload(curator_client, files, django_capture_on_commit_callbacks, published="2019-03-04")
    job = Job.objects.get()
    outcomes = {item.name: (item.status, item.reason) for item in job.items.all()}
    assert outcomes["first.txt"][0] == "created"
    assert outcomes["second.txt"][0] == "created"
    assert outcomes["empty.txt"] == ("failed", "empty file")
    assert outcomes["photo.png"][0] == "failed" and "binary file" in outcomes["photo.png"][1]
    assert Article.objects.count() == 2
    assert job.state == Job.State.DONE

    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "2 of 4 failed" in page
    assert "<strong>empty.txt</strong>: empty file" in page
    assert "<strong>photo.png</strong>: binary file" in page


def test_same_file_again_is_unchanged_and_dateless_file_needs_a_date(
    curator_client, django_capture_on_commit_callbacks
):
    _upload(curator_client, [SimpleUploadedFile("a.txt", STORY.encode())], django_capture_on_commit_callbacks)
    first = Job.objects.get().items.get()
    assert first.status == "needs_date"
    _upload(
        curator_client,
        [SimpleUploadedFile("a.txt", STORY.encode())],
        django_capture_on_commit_callbacks,
        published="2019-03-04",
    )
    second = Job.objects.latest("pk").items.get()
    assert second.status == "updated"
    _upload(curator_client, [SimpleUploadedFile("a.txt", STORY.encode())], django_capture_on_commit_callbacks)
    assert Job.objects.latest("pk").items.get().status == "unchanged"
    assert Article.objects.count() == 1


def test_too_large_file_fails_without_being_read(curator_client, settings, django_capture_on_commit_callbacks):
    settings.INGEST_MAX_BYTES = 100
    _upload(curator_client, [SimpleUploadedFile("big.txt", STORY.encode() * 3)], django_capture_on_commit_callbacks)
    item = Job.objects.get().items.get()
    assert item.status == "failed" and item.reason.startswith("too large")
    assert Article.objects.count() == 0


def test_url_with_several_files_is_refused(curator_client):
    files = [SimpleUploadedFile("a.txt", STORY.encode()), SimpleUploadedFile("b.txt", STORY.encode())]
    response = curator_client.post(
        reverse("admin:articles_article_import"), {"files": files, "url": "https://news.example/x"}
    )
    assert response.status_code == 200
    assert b"A URL names one article" in response.content
    assert not Job.objects.exists()


def test_no_file_chosen_is_an_error(curator_client):
    response = curator_client.post(reverse("admin:articles_article_import"), {"outlet": "X"})
    assert response.status_code == 200 and b"Choose at least one file" in response.content


def test_seed_button_imports_the_seed_folder_with_its_manifest(curator_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(reverse("admin:articles_article_import"), {"seeds": "1"})
    job = Job.objects.get()
    assert response.status_code == 302
    item = job.items.get()
    assert item.name == "seeds/000_0dcf6ac655a67240.txt"
    assert item.status == "created", item.reason
    article = Article.objects.get(pk=item.article_id)
    # From seeds/manifest.json, as `manage.py ingest seeds/` reads it.
    assert (article.outlet, article.credit, article.published_on.isoformat()) == ("Arab News", "Reuters", "2018-09-11")
    assert article.published_source == Article.DateSource.MANIFEST


def test_progress_partial_for_htmx_polls_until_done(curator, client):
    client.force_login(curator)
    job = Job.objects.create(kind=Job.Kind.IMPORT, created_by=curator)
    job.items.create(position=1, name="a.txt", raw=b"x")
    job.items.create(position=2, name="b.txt", status="created", reason="article 1")
    url = job.get_absolute_url()
    partial = client.get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and 'hx-trigger="every 1s"' in body
    assert '<progress class="job-bar" max="2" value="1">' in body
    assert "HX-Request" in partial["Vary"]
    full = client.get(url).content.decode()
    assert "<html" in full and "htmx" in full
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    assert "hx-trigger" not in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_import_stores_without_parsing_and_offers_the_parse_preview(
    curator_client, monkeypatch, django_capture_on_commit_callbacks
):
    """The curator sees the parse before it happens: the import page stores, the preview parses."""
    from articles import ingest, parsing
    from tests.curation_parse import toy_parse
    from timeline.models import Event

    monkeypatch.setattr(ingest, "parse_article", toy_parse)
    monkeypatch.setattr(parsing, "parse_article", toy_parse)
    text = "Envoys meet\n\nAlma Reyes met Boris Tal in Geneva on Monday.\n"
    _upload(
        curator_client,
        [SimpleUploadedFile("a.txt", text.encode()), SimpleUploadedFile("b.txt", b"")],
        django_capture_on_commit_callbacks,
        published="2019-03-04",
    )
    job = Job.objects.get()
    article = Article.objects.get()
    assert article.status == Article.Status.NEW and not Event.objects.exists()
    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "Preview the parse of 1 article" in page
    assert f'name="_selected_action" value="{article.pk}"' in page
    preview = curator_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "parse_into_timeline", "_selected_action": [article.pk]},
    )
    assert "New events (1)" in preview.content.decode()


def test_an_upload_too_large_in_total_is_refused(curator_client, monkeypatch):
    from curation import forms

    monkeypatch.setattr(forms, "MAX_TOTAL_BYTES", 300)
    files = [SimpleUploadedFile(f"{n}.txt", STORY.encode()) for n in range(2)]
    response = curator_client.post(reverse("admin:articles_article_import"), {"files": files})
    assert response.status_code == 200 and b"upload at most" in response.content
    assert not Job.objects.exists()
