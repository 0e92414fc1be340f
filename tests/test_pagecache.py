"""Whole-response caching (timeline/pagecache.py): served from the cache, and an edit shows up at once."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory
from timeline.changes import timeline_changed
from timeline.models import Event
from timeline.pagecache import CSRF_PLACEHOLDER

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "timeline-results"}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event():
    day = dt.date(2019, 2, 27)
    return EventFactory(title="Hanoi summit", kind="summit", date_start=day, date_end=day)


def api_titles(client, url="/api/events?kind=summit"):
    response = client.get(url)
    assert response.status_code == 200
    return [item["title"] for item in json.loads(response.content)["items"]]


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


URLS = [
    ("/", {}),
    ("/?kind=summit", HX),
    ("permalink", {}),
    ("permalink", {"HTTP_HX_REQUEST": "true"}),
]


def _url(url, event):
    return event.get_absolute_url() if url == "permalink" else url


@pytest.mark.parametrize(("url", "headers"), URLS)
def test_a_repeated_request_is_served_from_the_cache_without_a_query(client, event, url, headers):
    first = page(client, _url(url, event), **headers)
    with CaptureQueriesContext(connection) as queries:
        again = page(client, _url(url, event), **headers)
    assert len(queries) == 0
    assert "Hanoi summit" in first and "Hanoi summit" in again


@pytest.mark.parametrize(("url", "headers"), URLS)
def test_an_edit_shows_up_at_once(client, event, url, headers):
    assert "Hanoi summit" in page(client, _url(url, event), **headers)
    event.title = "Hanoi summit, cut short"
    event.save()
    assert "Hanoi summit, cut short" in page(client, _url(url, event), **headers)


def test_a_bulk_write_shows_up_once_it_calls_timeline_changed(client, event):
    url = event.get_absolute_url()
    assert "Hanoi summit" in page(client, url)
    Event.objects.filter(pk=event.pk).update(title="Second Hanoi summit")
    assert "Second Hanoi summit" not in page(client, url)  # the contract: bulk writes must say so
    timeline_changed()
    assert "Second Hanoi summit" in page(client, url)


def test_full_page_and_htmx_partial_are_kept_apart(client, event):
    full = page(client, "/?kind=summit")
    partial = page(client, "/?kind=summit", **HX)
    assert "<html" in full and "<html" not in partial
    assert "<html" in page(client, "/?kind=summit")
    assert "<html" not in page(client, "/?kind=summit", **HX)


def test_api_list_is_cached_and_follows_edits(client, event):
    assert api_titles(client) == ["Hanoi summit"]
    with CaptureQueriesContext(connection) as queries:
        assert api_titles(client) == ["Hanoi summit"]
    assert len(queries) == 0
    EventFactory(title="Singapore summit", kind="summit", date_start=dt.date(2018, 6, 12))
    assert api_titles(client) == ["Singapore summit", "Hanoi summit"]
    event.delete()
    assert api_titles(client) == ["Singapore summit"]


def test_each_reader_gets_a_fresh_csrf_token_with_its_cookie(event):
    url = event.get_absolute_url()
    tokens = []
    for _ in range(2):
        reader = Client(enforce_csrf_checks=True)
        response = reader.get(url)
        html = response.content.decode()
        assert CSRF_PLACEHOLDER not in html
        token = html.split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
        assert "csrftoken" in response.cookies
        tokens.append(token)
        # The token on the (cached) page is valid for this reader: a POST with it passes the CSRF check.
        posted = reader.post("/admin/login/", {"username": "x", "password": "y"}, HTTP_X_CSRFTOKEN=token)
        assert posted.status_code != 403
    assert tokens[0] != tokens[1]


def test_signed_in_users_always_get_a_fresh_page(client, event):
    url = event.get_absolute_url()
    assert "Hanoi summit" in page(client, url)
    Event.objects.filter(pk=event.pk).update(title="Quiet retitle")  # no timeline_changed(): cache stays
    staff = get_user_model().objects.create_user("curator", password="pw-long-enough-1", is_staff=True)
    curator = Client()
    curator.force_login(staff)
    assert "Quiet retitle" in page(curator, url)
    assert "Quiet retitle" not in page(client, url)


def test_errors_and_redirects_are_not_cached(client, event):
    wrong_slug = f"/events/{event.pk}-old-name/"
    assert client.get(wrong_slug).status_code == 301
    assert client.get("/events/999999-nothing/").status_code == 404
    EventFactory(pk=999999, slug="nothing", title="Now it exists")
    assert client.get("/events/999999-nothing/").status_code in (200, 301)


def test_actor_page_follows_a_new_participation(client, event):
    from tests.factories import ActorFactory, ParticipationFactory

    actor = ActorFactory(name="Kim Jong Un")
    ParticipationFactory(actor=actor, event=event)
    url = f"/actors/{actor.slug}/"
    assert "Hanoi summit" in page(client, url)
    later = EventFactory(title="Vladivostok summit", date_start=dt.date(2019, 4, 25), date_end=dt.date(2019, 4, 25))
    assert "Vladivostok summit" not in page(client, url)
    ParticipationFactory(actor=actor, event=later)
    assert "Vladivostok summit" in page(client, url)


def test_each_process_keeps_its_pages_and_still_follows_the_shared_version(client, event):
    """The per-process copy saves the page's round trip, never the version's: another process's change shows."""
    from timeline.changes import VERSION_KEY

    url = event.get_absolute_url()
    assert "Hanoi summit" in page(client, url)
    version = cache.get(VERSION_KEY)
    cache.clear()  # the shared cache lost the page; this process still has it under the same version
    cache.set(VERSION_KEY, version, timeout=None)
    with CaptureQueriesContext(connection) as queries:
        assert "Hanoi summit" in page(client, url)
    assert len(queries) == 0
    Event.objects.filter(pk=event.pk).update(title="Hanoi summit, moved")
    cache.incr(VERSION_KEY)  # as timeline_changed() does in whichever process made the change
    assert "Hanoi summit, moved" in page(client, url)


def test_the_per_process_copy_is_bounded_and_drops_the_least_recently_used():
    from timeline.pagecache import _LocalPages

    pages = _LocalPages(limit=100)
    for name in "abc":
        pages.put(name, (b"x" * 40, {}))
    assert pages.get("a") is None and pages.get("b") and pages.get("c")  # 3 x 40 > 100: the oldest went
    pages.get("b")
    pages.put("d", (b"y" * 40, {}))
    assert pages.get("c") is None and pages.get("b") and pages.get("d")
    pages.put("huge", (b"z" * 101, {}))
    assert pages.get("huge") is None and pages.size == 80
