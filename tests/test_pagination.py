import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory
from timeline.models import Event
from timeline.pagination import Cursor, paginate

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    """Eleven events: several on one day (the id breaks the tie) and two without a date (they come last)."""
    days = [
        dt.date(2018, 6, 12),
        dt.date(2017, 1, 1),
        dt.date(2018, 9, 10),
        dt.date(2018, 9, 10),
        dt.date(2018, 9, 10),
        dt.date(2019, 2, 27),
        None,
        dt.date(2017, 1, 1),
        None,
        dt.date(2020, 1, 1),
        dt.date(2018, 6, 12),
    ]
    for day in days:
        EventFactory(date_start=day, date_end=day, date_precision="day" if day else "unknown")
    return list(Event.objects.in_time_order())


def test_cursor_round_trips_and_rejects_junk():
    assert Cursor.parse(str(Cursor(dt.date(2018, 9, 10), 42))) == Cursor(dt.date(2018, 9, 10), 42)
    assert Cursor.parse("x_7") == Cursor(None, 7)
    for junk in ("", "2018-13-01_4", "abc", "2018-01-01_", "_5", "2018-01-01_-3", "x_" + "9" * 40):
        assert Cursor.parse(junk) is None


@pytest.mark.parametrize("size", [1, 3, 4, 11, 20])
def test_forward_then_backward_walks_visit_every_event_once_in_order(events, size):
    qs = Event.objects.all()
    seen, page = [], paginate(qs, size=size)
    assert not page.has_earlier
    while True:
        seen += page.items
        if not page.has_later:
            break
        page = paginate(qs, size=size, after=page.later_cursor)
        assert page.has_earlier
    assert seen == events

    back = []
    while True:
        back = page.items + back
        if not page.has_earlier:
            break
        page = paginate(qs, size=size, before=page.earlier_cursor)
        assert page.has_later
    assert back == events


def test_at_a_date_starts_on_the_first_event_that_day(events):
    page = paginate(Event.objects.all(), size=2, after=Cursor.at(dt.date(2018, 9, 1)))
    assert [e.date_start for e in page.items] == [dt.date(2018, 9, 10)] * 2
    assert page.has_earlier and page.has_later


def test_empty_page_past_the_end_still_links_back(events):
    last = events[-1]
    page = paginate(Event.objects.all(), size=5, after=Cursor.of(last))
    assert page.items == [] and page.has_earlier and not page.has_later


def test_query_count_is_constant(events):
    qs = Event.objects.all()
    with CaptureQueriesContext(connection) as ctx:
        paginate(qs, size=3, after=Cursor.of(events[4]))
    assert len(ctx.captured_queries) == 2
