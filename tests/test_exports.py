"""TimelineJS JSON and the event-data exports (CSV, JSON Lines with CAMEO codes and PLOVER-style records)."""

import csv
import datetime as dt
import io
import json

import pytest

from exports.eventdata import code_event
from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory, PlaceFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode("utf-8")


# TimelineJS


def test_timelinejs_dates_carry_only_the_known_parts(client):
    day = EventFactory(title="Summit", date_start=dt.date(2018, 6, 12), date_precision="day")
    month = EventFactory(
        title="Visit", date_start=dt.date(2018, 9, 1), date_end=dt.date(2018, 9, 30), date_precision="month"
    )
    year = EventFactory(
        title="Parade", date_start=dt.date(2019, 1, 1), date_end=dt.date(2019, 12, 31), date_precision="year"
    )
    span = EventFactory(
        title="Talks", date_start=dt.date(2018, 9, 7), date_end=dt.date(2018, 9, 10), date_precision="range"
    )
    EventFactory(title="Someday", date_start=None, date_end=None, date_precision="unknown")

    response = client.get("/exports/timelinejs.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(_text(response))

    slides = {s["unique_id"]: s for s in data["events"]}
    assert set(slides) == {f"event-{e.pk}" for e in (day, month, year, span)}
    assert slides[f"event-{day.pk}"]["start_date"] == {"year": 2018, "month": 6, "day": 12}
    assert "end_date" not in slides[f"event-{day.pk}"]
    assert slides[f"event-{month.pk}"]["start_date"] == {"year": 2018, "month": 9}
    assert slides[f"event-{year.pk}"]["start_date"] == {"year": 2019}
    assert slides[f"event-{span.pk}"]["end_date"] == {"year": 2018, "month": 9, "day": 10}
    assert data["title"]["text"]["headline"] == "Diplomatic timeline"


def test_timelinejs_slide_groups_by_main_actor_and_escapes_text(client):
    event = EventFactory(title="Kim <writes> to Trump", kind=Event.Kind.LETTER, summary="A 'beautiful' letter & more")
    ParticipationFactory(event=event, actor__name="Donald Trump", role="recipient")
    ParticipationFactory(event=event, actor__name="Kim Jong-un", role="sender")
    EvidenceFactory(event=event)

    slide = json.loads(_text(client.get("/exports/timelinejs.json")))["events"][0]

    assert slide["group"] == "Kim Jong-un"
    assert "Kim &lt;writes&gt; to Trump" in slide["text"]["headline"]
    assert f'href="http://testserver{event.get_absolute_url()}"' in slide["text"]["headline"]
    assert "A &#x27;beautiful&#x27; letter &amp; more" in slide["text"]["text"]
    assert "<blockquote>" in slide["text"]["text"]


def test_timelinejs_takes_the_filters(client):
    EventFactory(title="A call", kind=Event.Kind.CALL)
    EventFactory(title="A visit", kind=Event.Kind.VISIT)
    data = json.loads(_text(client.get("/exports/timelinejs.json?kind=visit")))
    assert [s["text"]["headline"].rsplit(">", 2)[1].removesuffix("</a") for s in data["events"]] == ["A visit"]
    assert "visit" in data["title"]["text"]["headline"]


# CAMEO and PLOVER coding


def _event(kind, *roles, status=Event.Status.OCCURRED, place=None):
    event = EventFactory(kind=kind, status=status, place=place)
    actors = []
    for role in roles:
        actors.append(ParticipationFactory(event=event, role=role, actor__kind="state").actor)
    event = Event.objects.prefetch_related("participations__actor").select_related("place").get(pk=event.pk)
    return event, actors


@pytest.mark.parametrize(
    ("kind", "status", "cameo", "plover"),
    [
        (Event.Kind.CALL, Event.Status.OCCURRED, "041", "CONSULT"),
        (Event.Kind.TALKS, Event.Status.OCCURRED, "046", "CONSULT"),
        (Event.Kind.STATEMENT, Event.Status.OCCURRED, "010", None),
        (Event.Kind.LETTER, Event.Status.OCCURRED, "026", "DEMAND"),
        (Event.Kind.AGREEMENT, Event.Status.OCCURRED, "057", "SUPPORT"),
        (Event.Kind.PARADE, Event.Status.OCCURRED, "150", "MOBILIZE"),
        (Event.Kind.TEST_LAUNCH, Event.Status.OCCURRED, "150", "MOBILIZE"),
        (Event.Kind.SANCTION, Event.Status.OCCURRED, "163", "COERCE"),
        (Event.Kind.EXPULSION, Event.Status.OCCURRED, "161", "SANCTION"),
        (Event.Kind.SUMMIT, Event.Status.PLANNED, "036", "AGREE"),
        (Event.Kind.VISIT, Event.Status.PROPOSED, "036", "AGREE"),
        (Event.Kind.SUMMIT, Event.Status.CANCELLED, "125", "REJECT"),
        (Event.Kind.OTHER, Event.Status.OCCURRED, None, None),
    ],
)
def test_cameo_and_plover_codes_follow_kind_and_status(kind, status, cameo, plover):
    event, _ = _event(kind, "participant", "participant", status=status)
    coded = code_event(event)
    assert (coded.cameo, coded.plover) == (cameo, plover)


def test_a_visit_is_made_by_the_guest_to_the_host():
    event, (host, guest) = _event(Event.Kind.VISIT, "host", "guest")
    coded = code_event(event)
    assert (coded.cameo, coded.mode) == ("042", "visit")
    assert (coded.actors, coded.recipients) == ([guest], [host])


def test_a_hosted_summit_is_coded_from_the_hosts_side():
    event, (guest, host) = _event(Event.Kind.SUMMIT, "guest", "host")
    coded = code_event(event)
    assert (coded.cameo, coded.plover, coded.mode) == ("043", "CONSULT", "host")
    assert (coded.actors, coded.recipients) == ([host], [guest])


def test_a_summit_in_a_third_country_is_044_and_at_home_is_040():
    singapore = ActorFactory(name="Singapore", kind="state")
    event, (usa, dprk) = _event(Event.Kind.SUMMIT, "participant", "participant", place=PlaceFactory(country=singapore))
    coded = code_event(event)
    assert (coded.cameo, coded.mode) == ("044", "third-party")
    assert (coded.actors, coded.recipients) == ([usa], [dprk])

    at_home, (korea, _) = _event(Event.Kind.SUMMIT, "participant", "participant")
    at_home.place = PlaceFactory(country=korea)
    assert code_event(at_home).cameo == "040"


def test_a_letter_goes_from_sender_to_recipient():
    event, (recipient, sender) = _event(Event.Kind.LETTER, "recipient", "sender")
    coded = code_event(event)
    assert (coded.actors, coded.recipients) == ([sender], [recipient])


# CSV and JSON Lines


def test_csv_and_jsonl_carry_the_same_coded_events(client):
    usa = ActorFactory(name="United States", kind="state")
    trump = ActorFactory(name="Donald Trump", kind="person", state=usa)
    kim = ActorFactory(name="Kim Jong-un", kind="person")
    summit = EventFactory(
        title="Trump, Kim meet", kind=Event.Kind.SUMMIT, place=PlaceFactory(name="Singapore", country=None)
    )
    ParticipationFactory(event=summit, actor=trump, role="host")
    ParticipationFactory(event=summit, actor=kim, role="guest")
    EvidenceFactory(event=summit, article__url="https://news.example/summit")
    EventFactory(title="Undated statement", kind=Event.Kind.STATEMENT, date_start=None, date_precision="unknown")
    EventFactory(title="Rejected", review=Event.Review.REJECTED)

    rows = list(csv.DictReader(io.StringIO(_text(client.get("/exports/events.csv")))))
    records = [json.loads(line) for line in _text(client.get("/exports/events.jsonl")).splitlines()]

    assert [r["title"] for r in rows] == [r["title"] for r in records] == ["Trump, Kim meet", "Undated statement"]
    row, record = rows[0], records[0]
    assert (row["cameo_code"], row["cameo_label"], row["plover_event"]) == ("043", "Host a visit", "CONSULT")
    assert (row["actors"], row["actor_countries"], row["recipients"]) == (
        "Donald Trump",
        "United States",
        "Kim Jong-un",
    )
    assert row["source_urls"] == "https://news.example/summit"
    assert record["id"] == f"event-{summit.pk}"
    assert record["cameo"] == {"code": "043", "label": "Host a visit"}
    assert (record["event_type"], record["mode"], record["context"]) == ("CONSULT", "host", [])
    assert [a["name"] for a in record["actors"]] == ["Donald Trump"]
    assert record["actors"][0]["country"] == "United States"
    assert [a["name"] for a in record["recipients"]] == ["Kim Jong-un"]
    assert record["event_date"] == "2018-09-10"
    assert records[1]["event_date"] is None
    assert records[1]["cameo"]["code"] == "010"


def test_event_data_takes_the_filters(client):
    EventFactory(title="Call", kind=Event.Kind.CALL)
    EventFactory(title="Visit", kind=Event.Kind.VISIT)
    rows = list(csv.DictReader(io.StringIO(_text(client.get("/exports/events.csv?kind=call")))))
    assert [r["title"] for r in rows] == ["Call"]


def test_permalinks_match_get_absolute_url():
    """The exports format URLs from one reverse(); they must be exactly the models' own."""
    from exports.common import Permalinks
    from tests.factories import ArticleFactory

    links = Permalinks("https://timeline.example.org")
    for event in (EventFactory(title="Trump–Kim summit, 100% sure"), EventFactory(title="987654321 slugmarker")):
        assert links.event(event) == "https://timeline.example.org" + event.get_absolute_url()
    article = ArticleFactory()
    assert links.article(article) == "https://timeline.example.org" + article.get_absolute_url()


def test_timelinejs_export_is_open_to_other_origins_even_when_unchanged(client):
    EventFactory()
    first = client.get("/exports/timelinejs.json")
    again = client.get("/exports/timelinejs.json", headers={"if-none-match": first["ETag"]})
    assert (first.status_code, again.status_code) == (200, 304)
    assert first["Access-Control-Allow-Origin"] == again["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url",
    [
        "/exports/events.csv",
        "/exports/events.jsonl",
        "/exports/timelinejs.json",
        "/exports/events.ics",
        "/feeds/events.atom",
        "/embed/",
        "/api/events",
    ],
)
def test_every_format_takes_the_text_search(client, url):
    """q runs PostgreSQL's full-text search there (an annotation), SQLite's word match here."""
    EventFactory(title="Leaders hold a summit in Hanoi", summary="They met for two days.")
    EventFactory(title="Envoys talk by phone")
    response = client.get(url, {"q": "summit Hanoi", "actor": "\x00"})
    assert response.status_code == 200
    body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
    assert "Hanoi" in body
    assert "Envoys talk by phone" not in body


def test_export_timeline_command_writes_the_same_documents(client, tmp_path):
    from django.core.management import call_command

    EventFactory(title="A call", kind=Event.Kind.CALL)
    EventFactory(title="A visit", kind=Event.Kind.VISIT)
    out = tmp_path / "events.csv"
    call_command(
        "export_timeline", "--format", "csv", "--filter", "kind=call", "--base-url", "http://testserver", "-o", str(out)
    )
    assert out.read_bytes() == b"".join(client.get("/exports/events.csv?kind=call").streaming_content)

    ics = tmp_path / "events.ics"
    call_command("export_timeline", "--format", "ics", "-o", str(ics))
    import icalendar

    assert [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")] == [
        "A call",
        "A visit",
    ]
