import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.factories import EvidenceFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_create_curator_generates_a_password_once(monkeypatch):
    monkeypatch.delenv("CURATOR_PASSWORD", raising=False)
    out = StringIO()
    call_command("create_curator", "--username", "editor", stdout=out)
    password = out.getvalue().split(" / ")[1].split()[0]
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(password)
    assert user.is_staff and user.groups.filter(name="curators").exists()
    again = StringIO()
    call_command("create_curator", "--username", "editor", stdout=again)
    user.refresh_from_db()
    assert user.check_password(password), "running it again must not change the password"
    assert password not in again.getvalue()


def test_create_curator_takes_password_from_environment(monkeypatch):
    monkeypatch.setenv("CURATOR_PASSWORD", "from the environment")
    call_command("create_curator", stdout=StringIO())
    assert get_user_model().objects.get(username="curator").check_password("from the environment")


def test_export_events_writes_the_documented_json():
    part = ParticipationFactory(actor__name="Sarah Sanders", role="speaker", event__title="Sanders briefs")
    EvidenceFactory(event=part.event)
    out = StringIO()
    call_command("export_events", "--format", "json", "--base-url", "https://t.example", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"articles", "events", "actors"}
    (event,) = data["events"]
    assert event["title"] == "Sanders briefs"
    assert event["url"] == f"https://t.example/events/{part.event.pk}-sanders-briefs/"
    assert event["date"] == {
        "value": "2018-09-10",
        "start": "2018-09-10",
        "end": "2018-09-10",
        "precision": "day",
        "text": None,
        "display": "10 September 2018",
    }
    assert event["actors"] == [{"name": "Sarah Sanders", "kind": "person", "role": "speaker", "slug": "sarah-sanders"}]
    (source,) = event["sources"]
    assert set(source) >= {"article", "url", "quote", "start", "end"}
    assert {a["name"] for a in data["actors"]} == {"Sarah Sanders"}
    assert len(data["articles"]) == 1 and "body" in data["articles"][0]
