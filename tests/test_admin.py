"""The admin: every model's pages render for curators and stay closed to everyone else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    ParticipationFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db

MODELS = {
    "articles_article": ArticleFactory,
    "timeline_event": EventFactory,
    "timeline_actor": ActorFactory,
    "timeline_place": PlaceFactory,
    "timeline_participation": ParticipationFactory,
    "timeline_evidence": EvidenceFactory,
}


@pytest.mark.parametrize("name", MODELS)
def test_curator_sees_list_and_change_pages(curator_client, name):
    obj = MODELS[name]()
    assert curator_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    response = curator_client.get(reverse(f"admin:{name}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert curator_client.get(reverse(f"admin:{name}_changelist"), {"q": "x"}).status_code == 200


@pytest.mark.parametrize("name", MODELS)
def test_anonymous_visitor_is_sent_to_login(client, name):
    obj = MODELS[name]()
    for url in (reverse(f"admin:{name}_changelist"), reverse(f"admin:{name}_change", args=[obj.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", MODELS)
def test_staff_outside_curators_is_forbidden(staff_client, name):
    obj = MODELS[name]()
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert staff_client.get(reverse(f"admin:{name}_change", args=[obj.pk])).status_code == 403


def test_curator_edit_marks_event_as_curated(curator_client):
    event = EventFactory(title="Envoys meet")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    form = {
        "title": "Envoys meet in Geneva",
        "kind": event.kind,
        "status": event.status,
        "date_start": "2018-09-10",
        "date_end": "2018-09-10",
        "date_precision": "day",
        "date_value": "2018-09-10",
        "review": "proposed",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
    }
    response = curator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.title == "Envoys meet in Geneva"
    assert event.curator_edited is True


def _event_list_queries(client, n_events):
    for _ in range(n_events):
        event = EventFactory()
        ParticipationFactory(event=event)
        ParticipationFactory(event=event)
        EvidenceFactory(event=event)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("admin:timeline_event_changelist")).status_code == 200
    return len(ctx.captured_queries)


def test_event_list_query_count_does_not_grow_with_events(curator_client):
    """Participants and source counts come from one prefetch and one annotation, not a query per row."""
    few = _event_list_queries(curator_client, 3)
    many = _event_list_queries(curator_client, 27)  # 30 events in all
    assert many == few
