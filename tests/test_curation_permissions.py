"""Only curators (and superusers) reach the curation pages: others get the login page or 403."""

import pytest
from django.urls import reverse

from curation.models import Job
from tests.factories import ActorFactory, ArticleFactory, EventFactory
from timeline.models import Actor, Event

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def _pages():
    job = Job.objects.create(kind=Job.Kind.IMPORT)
    return [
        reverse("admin:articles_article_import"),
        reverse("admin:curation_job_changelist"),
        job.get_absolute_url(),
    ]


def _actions():
    """(changelist URL, action name, selected ids) for every curation action."""
    article = ArticleFactory()
    events = [EventFactory(), EventFactory()]
    actors = [ActorFactory(), ActorFactory()]
    return [
        (reverse("admin:articles_article_changelist"), "parse_into_timeline", [article.pk]),
        (reverse("admin:timeline_event_changelist"), "verify_events", [e.pk for e in events]),
        (reverse("admin:timeline_event_changelist"), "reject_events", [e.pk for e in events]),
        (reverse("admin:timeline_event_changelist"), "merge_events", [e.pk for e in events]),
        (reverse("admin:timeline_actor_changelist"), "merge_actors", [a.pk for a in actors]),
    ]


def test_anonymous_gets_the_login_page(client):
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
    for url, action, ids in _actions():
        response = client.post(url, {"action": action, "_selected_action": ids})
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), action


def test_staff_outside_curators_is_forbidden(staff_client):
    for url in _pages():
        assert staff_client.get(url).status_code == 403, url
    assert staff_client.post(reverse("admin:articles_article_import"), {"seeds": "1"}).status_code == 403
    for url, action, ids in _actions():
        assert staff_client.post(url, {"action": action, "_selected_action": ids}).status_code == 403, action
    assert not Job.objects.filter(kind=Job.Kind.PARSE).exists()


def test_staff_with_only_view_rights_gets_no_curation_actions(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="a long viewer password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_article", "view_event", "view_actor"]))
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_import")).status_code == 403
    for url, action, ids in _actions():
        response = client.post(url, {"action": action, "_selected_action": ids, "post": "yes", "survivor": ids[0]})
        # The admin ignores an action the user may not run: the list again, nothing done.
        assert response.status_code in (200, 302), action
        assert b"confirmation" not in response.content, action
    assert not Job.objects.filter(kind=Job.Kind.PARSE).exists()
    assert not Event.objects.exclude(review=Event.Review.PROPOSED).exists()
    assert not Event.objects.filter(merged_into__isnull=False).exists()
    assert not Actor.objects.filter(merged_into__isnull=False).exists()
    page = client.get(reverse("admin:timeline_event_changelist")).content.decode()
    assert "verify_events" not in page and "merge_events" not in page


def test_curator_reaches_every_page_and_action(curator_client):
    for url in _pages():
        assert curator_client.get(url).status_code == 200, url
    for url, action, ids in _actions():
        response = curator_client.post(url, {"action": action, "_selected_action": ids})
        assert response.status_code in (200, 302), action
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("admin:login"))


def test_superuser_reaches_the_import_page(admin_client):
    assert admin_client.get(reverse("admin:articles_article_import")).status_code == 200
    assert admin_client.get(reverse("admin:curation_job_changelist")).status_code == 200
