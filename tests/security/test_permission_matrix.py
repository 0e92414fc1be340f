"""Every admin page as anonymous, plain staff and curator; every admin POST needs the CSRF token.

The page list is built from the admin registry, so a model registered later is covered without
editing this file. The curation pages (import, jobs, actions) are in tests/test_curation_permissions.py;
here their POSTs are also checked against a client that enforces CSRF like a browser's server does.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from curation.models import Job
from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

# Curators manage the timeline and the articles, never the logins.
# The task queue's own results (django-tasks-db) are for administrators too; curators see their jobs.
NOT_FOR_CURATORS = {("auth", "user"), ("auth", "group"), ("django_tasks_database", "dbtaskresult")}


@pytest.fixture
def objects():
    evidence = EvidenceFactory()
    ParticipationFactory(event=evidence.event, actor=ActorFactory())
    return {"article": evidence.article, "event": evidence.event, "job": Job.objects.create(kind=Job.Kind.IMPORT)}


def _admin_pages():
    """(app, model, url) for each registered model's list and its first object's change and history pages."""
    pages = []
    for model in admin.site._registry:
        meta = model._meta
        key = (meta.app_label, meta.model_name)
        pages.append((key, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            pages.append((key, reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])))
            pages.append((key, reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])))
    return pages


def test_every_admin_page_by_role(client, staff_client, curator, objects, django_user_model):
    pages = _admin_pages()
    assert len(pages) >= 20
    anonymous = Client()
    curator_client = Client()
    curator_client.force_login(curator)
    for key, url in pages:
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
        assert staff_client.get(url).status_code == 403, url
        assert curator_client.get(url).status_code == (403 if key in NOT_FOR_CURATORS else 200), url


def _csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("admin:index"))  # sets the csrftoken cookie, as a browser's first page does
    return client, client.cookies["csrftoken"].value


def test_admin_posts_need_the_csrf_token(curator, objects):
    client, token = _csrf_client(curator)
    event = objects["event"]
    other = EventFactory()
    actors = [ActorFactory(), ActorFactory()]
    posts = [
        (reverse("admin:articles_article_import"), {"seeds": "1"}),
        (
            reverse("admin:articles_article_changelist"),
            {"action": "parse_into_timeline", "_selected_action": [objects["article"].pk], "post": "yes"},
        ),
        (
            reverse("admin:timeline_event_changelist"),
            {"action": "verify_events", "_selected_action": [event.pk]},
        ),
        (
            reverse("admin:timeline_event_changelist"),
            {"action": "merge_events", "_selected_action": [event.pk, other.pk], "post": "yes", "survivor": event.pk},
        ),
        (
            reverse("admin:timeline_actor_changelist"),
            {"action": "merge_actors", "_selected_action": [a.pk for a in actors], "post": "yes"},
        ),
        (reverse("admin:timeline_event_change", args=[event.pk]), {"title": "Changed without a token"}),
        (reverse("admin:curation_job_change", args=[objects["job"].pk]), {}),
    ]
    for url, data in posts:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):  # htmx requests get no exemption
            response = client.post(url, data, **headers)
            assert response.status_code == 403 and b"CSRF" in response.content, (url, headers)
    event.refresh_from_db()
    assert event.review == event.Review.PROPOSED and event.merged_into_id is None
    assert event.title != "Changed without a token"
    assert not Job.objects.exclude(pk=objects["job"].pk).exists()
    # With the token, the same request goes through (so the 403 above was the token, nothing else).
    response = client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "verify_events", "_selected_action": [event.pk], "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.review == event.Review.VERIFIED


def test_htmx_token_header_is_accepted(curator, objects):
    """htmx sends the token in X-CSRFToken (base.html's hx-headers): that header alone is enough."""
    client, token = _csrf_client(curator)
    event = objects["event"]
    response = client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "reject_events", "_selected_action": [event.pk]},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.review == event.Review.REJECTED


def test_login_form_needs_the_csrf_token(curator):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "cura", "password": "a long curator password"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_upload_limits_on_the_admin_import(curator_client, settings, django_capture_on_commit_callbacks):
    """Type: only .txt/.html/.htm are ingested; size: INGEST_MAX_BYTES per file, a total per request."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Article
    from curation.forms import MAX_FILES

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
    settings.INGEST_MAX_BYTES = 2_000
    url = reverse("admin:articles_article_import")
    prose = "Envoys met in Geneva on Monday to resume talks, officials said after the meeting. " * 10
    files = [
        SimpleUploadedFile("big.txt", (prose * 4).encode(), content_type="text/plain"),
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/octet-stream"),
        SimpleUploadedFile("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, content_type="image/png"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(url, {"files": files}, follow=True)
    assert response.status_code == 200
    assert not Article.objects.exists()  # none of them stored
    job = Job.objects.get()
    reasons = {item.name: item.reason.lower() for item in job.items.all()}
    assert "too large" in reasons["big.txt"], reasons
    assert all(reasons[name] for name in ("tool.exe", "picture.png")), reasons  # each says why
    assert set(job.items.values_list("status", flat=True)) == {"failed"}
    too_many = [SimpleUploadedFile(f"a{i}.txt", prose.encode()) for i in range(MAX_FILES + 1)]
    response = curator_client.post(url, {"files": too_many})
    assert response.status_code in (200, 400)
    assert Job.objects.count() == 1 and not Article.objects.exists()


def test_csrf_cookie_is_http_only(client):
    client.get(reverse("admin:login"))
    assert client.cookies["csrftoken"]["httponly"]
