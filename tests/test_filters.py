import datetime as dt

import pytest
from django.http import QueryDict

from tests.factories import ActorFactory, EventFactory, ParticipationFactory
from timeline.filters import EventFilter
from timeline.models import Event

pytestmark = pytest.mark.django_db


def read(query: str) -> EventFilter:
    return EventFilter.from_query(QueryDict(query))


def test_reads_repeated_and_comma_separated_values_and_reports_bad_ones():
    f = read(
        "actor=a&actor=b,c&kind=summit,nonsense&status=planned&from=2018&to=2019-02&verified=1&q=%20kim%20%20letter"
    )
    assert f.actors == ["a", "b", "c"]
    assert f.kinds == ["summit"] and "kind" in f.errors
    assert f.statuses == ["planned"]
    assert f.start == dt.date(2018, 1, 1) and f.end == dt.date(2019, 2, 28)
    assert f.verified and f.q == "kim letter"
    assert read("from=yesterday").errors["from"].startswith("'yesterday' is not a date")
    assert read("from=2019&to=2018").end is None


def test_querystring_is_canonical():
    assert read("kind=call&actor=x&q=a+b").querystring() == read("q=a+b&actor=x&kind=call").querystring()
    assert read("").querystring(after="2018-01-01_3") == "after=2018-01-01_3"
    assert read("").is_empty and not read("verified=1").is_empty


def test_every_listed_actor_must_take_part():
    trump, kim, moon = (ActorFactory(name=n) for n in ("Donald Trump", "Kim Jong Un", "Moon Jae-in"))
    summit = EventFactory(title="Singapore summit", kind=Event.Kind.SUMMIT)
    for actor in (trump, kim):
        ParticipationFactory(event=summit, actor=actor)
    inter_korean = EventFactory(title="Panmunjom summit", kind=Event.Kind.SUMMIT)
    for actor in (kim, moon):
        ParticipationFactory(event=inter_korean, actor=actor)
    call = EventFactory(title="Call", kind=Event.Kind.CALL)
    ParticipationFactory(event=call, actor=trump)

    def titles(query):
        return sorted(read(query).apply(Event.objects.all()).values_list("title", flat=True))

    assert titles(f"actor={kim.slug}") == ["Panmunjom summit", "Singapore summit"]
    assert titles(f"actor={kim.slug}&actor={trump.slug}") == ["Singapore summit"]
    assert titles(f"actor={trump.slug}&kind=call,letter") == ["Call"]
    assert titles("q=singapore") == ["Singapore summit"]
    assert titles("q=moon") == ["Panmunjom summit"]


def test_dates_status_and_verified():
    EventFactory(title="Old", date_start=dt.date(2017, 3, 1), date_end=dt.date(2017, 3, 1))
    EventFactory(title="Planned", status="planned", date_start=dt.date(2019, 6, 28), date_end=dt.date(2019, 6, 29))
    EventFactory(title="Checked", review="verified", date_start=dt.date(2018, 9, 10), date_end=dt.date(2018, 9, 10))

    def titles(query):
        return sorted(read(query).apply(Event.objects.all()).values_list("title", flat=True))

    assert titles("from=2018") == ["Checked", "Planned"]
    assert titles("to=2018-09") == ["Checked", "Old"]
    assert titles("status=planned") == ["Planned"]
    assert titles("verified=1") == ["Checked"]


@pytest.mark.django_db
def test_a_nul_character_in_the_search_is_dropped_not_a_server_error(client):
    response = client.get("/?q=kim%00jong")
    assert response.status_code == 200
