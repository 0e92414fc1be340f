import datetime as dt
import io
import json

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import ActorFactory, ArticleFactory, EventFactory, EvidenceFactory, ParticipationFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def _events(*days, **kwargs):
    return [EventFactory(date_start=day, date_end=day, **kwargs) for day in days]


def test_event_list_reads_like_the_export_command(client):
    """The API and `export_events` share one serializer: the same event is the same dictionary."""
    event = EventFactory(title="Leaders meet in Singapore", kind=Event.Kind.SUMMIT, date_start=dt.date(2018, 6, 12))
    ParticipationFactory(event=event, actor__name="Kim Jong-un")
    EvidenceFactory(event=event)
    out = io.StringIO()
    call_command("export_events", "--base-url", "http://testserver", stdout=out)
    exported = json.loads(out.getvalue())["events"]

    response = client.get("/api/events")

    assert response.status_code == 200
    assert response.json()["items"] == exported
    assert exported[0]["actors"][0]["name"] == "Kim Jong-un"


def test_event_list_takes_the_timeline_filters(client):
    kim = ActorFactory(name="Kim Jong-un")
    summit = EventFactory(kind=Event.Kind.SUMMIT, date_start=dt.date(2018, 6, 12))
    ParticipationFactory(event=summit, actor=kim)
    call = EventFactory(kind=Event.Kind.CALL, date_start=dt.date(2018, 6, 13))
    ParticipationFactory(event=call, actor=kim)
    EventFactory(kind=Event.Kind.SUMMIT, date_start=dt.date(2019, 2, 27))  # without Kim
    EventFactory(kind=Event.Kind.SUMMIT, date_start=dt.date(2018, 4, 27), review=Event.Review.REJECTED)

    ids = [
        e["id"] for e in client.get(f"/api/events?actor={kim.slug}&kind=summit,call&from=2018&to=2018").json()["items"]
    ]
    assert ids == [summit.pk, call.pk]
    assert [e["id"] for e in client.get("/api/events?kind=summit").json()["items"]] == [
        summit.pk,
        Event.objects.get(date_start=dt.date(2019, 2, 27)).pk,
    ]


def test_event_list_pages_forward_and_back_with_cursors(client):
    events = _events(*(dt.date(2018, 1, 1) + dt.timedelta(days=n) for n in range(5)))
    first = client.get("/api/events?limit=2").json()
    assert [e["id"] for e in first["items"]] == [events[0].pk, events[1].pk]
    assert first["previous"] is None

    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["items"]] == [events[2].pk, events[3].pk]
    third = client.get(second["next"]).json()
    assert [e["id"] for e in third["items"]] == [events[4].pk]
    assert third["next"] is None

    back = client.get(third["previous"]).json()
    assert [e["id"] for e in back["items"]] == [events[2].pk, events[3].pk]
    assert "limit=2" in back["next"]


def test_next_link_keeps_the_filters(client):
    _events(dt.date(2018, 1, 1), dt.date(2018, 1, 2), dt.date(2018, 1, 3), kind=Event.Kind.CALL)
    page = client.get("/api/events?kind=call&limit=1").json()
    assert "kind=call" in page["next"]
    assert page["next_cursor"] in page["next"]


def test_bad_filters_and_cursors_are_refused_with_reasons(client):
    """What the description can say (known kinds, date shapes) is a 422; a day no calendar has is a 400."""
    response = client.get("/api/events?kind=summit,banquet")
    assert response.status_code == 422
    assert "kind" in response.json()["detail"][0]["loc"]
    response = client.get("/api/events?from=2018-02-31&to=2019-02-29")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"from", "to"}
    response = client.get("/api/events?after=2018-02-31_4")
    assert response.status_code == 400
    assert "after" in response.json()["errors"]


def test_one_event_and_hidden_ones(client):
    event = EventFactory(title="Envoys meet")
    rejected = EventFactory(review=Event.Review.REJECTED)
    merged = EventFactory(merged_into=event)
    merged_twice = EventFactory(merged_into=merged)
    merged_into_rejected = EventFactory(merged_into=rejected)
    assert client.get(f"/api/events/{event.pk}").json()["title"] == "Envoys meet"
    assert client.get(f"/api/events/{rejected.pk}").status_code == 404
    for old in (merged, merged_twice):
        response = client.get(f"/api/events/{old.pk}")
        assert (response.status_code, response["Location"]) == (301, f"/api/events/{event.pk}")
    assert client.get(f"/api/events/{merged_into_rejected.pk}").status_code == 404
    assert client.get("/api/events/999999").status_code == 404


def test_actors_page_by_id_and_skip_merged_ones(client):
    first, second, third = ActorFactory(), ActorFactory(), ActorFactory()
    ActorFactory(merged_into=first)
    page = client.get("/api/actors?limit=2").json()
    assert [a["id"] for a in page["items"]] == [first.pk, second.pk]
    rest = client.get(page["next"]).json()
    assert [a["id"] for a in rest["items"]] == [third.pk]
    assert rest["next"] is None
    assert client.get(f"/api/actors/{second.slug}").json()["name"] == second.name
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_articles_list_without_text_and_one_with_it(client):
    article = ArticleFactory(title="Envoys meet again")
    listed = client.get("/api/articles").json()["items"]
    assert listed[0]["title"] == "Envoys meet again"
    assert "body" not in listed[0]
    one = client.get(f"/api/articles/{article.pk}").json()
    assert one["body"] == article.body
    assert client.get(f"/api/articles/{article.pk + 100}").status_code == 404


def test_openapi_description_lists_every_endpoint(client):
    description = client.get("/api/openapi.json").json()
    assert set(description["paths"]) == {
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{slug}",
        "/api/articles",
        "/api/articles/{article_id}",
    }


# Fuzzing: schemathesis generates requests from the OpenAPI description and checks every response
# (no server error, a documented status and content type, a body that matches the schema).


@pytest.fixture
def fuzz_data(db):
    kim, trump = ActorFactory(name="Kim Jong-un"), ActorFactory(name="Donald Trump", kind="person")
    for n, precision in enumerate(["day", "month", "year", "range", "unknown"]):
        start = None if precision == "unknown" else dt.date(2018, 6, 1 + n)
        event = EventFactory(date_start=start, date_end=start, date_precision=precision, kind=Event.Kind.SUMMIT)
        ParticipationFactory(event=event, actor=kim)
        ParticipationFactory(event=event, actor=trump, role="host")
        EvidenceFactory(event=event)
    # Schemathesis calls the WSGI application itself: keep Django from closing the test's connection
    # (inside the test transaction) at each request, as Django's own test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded at collection: the description needs no database, only the URL configuration.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_description(fuzz_data, case):
    """Every check but one: a query that matches the patterns can still name a day no calendar has
    (2018-02-31) or give both cursors; that is a 400 naming those parameters, and nothing else is."""
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    if response.status_code == 400 and case._meta.generation.mode == GenerationMode.POSITIVE:
        assert set(response.json()["errors"]) <= {"from", "to", "after", "before"}, response.json()
