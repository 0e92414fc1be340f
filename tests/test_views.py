"""The timeline page: filters, zoom, lanes, cursor pagination, the two renderings of one URL."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives a test's rows (the actor ranking is kept for minutes whatever changes): start empty."""
    cache.clear()
    yield
    cache.clear()


HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "timeline-results"}


def day_event(day, **kwargs):
    return EventFactory(date_start=day, date_end=day, **kwargs)


def shown_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-event-id="(\d+)"', html)]


def get(client, url="/", **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response, response.content.decode()


def test_home_shows_the_latest_visible_events_in_time_order(client):
    old = day_event(dt.date(2017, 1, 5), title="Old summit")
    new = day_event(dt.date(2019, 2, 1), title="New summit")
    day_event(dt.date(2019, 3, 1), title="Rejected summit", review=Event.Review.REJECTED)
    day_event(dt.date(2019, 3, 2), title="Merged summit", merged_into=new)
    _, html = get(client)
    assert shown_ids(html) == [old.pk, new.pk]
    assert "Rejected summit" not in html and "Merged summit" not in html
    assert '<h2 class="period-title" id="period-2019-02-title">February 2019</h2>' in html


def test_htmx_request_gets_the_results_partial_with_vary_and_a_canonical_pushed_url(client):
    day_event(dt.date(2018, 6, 12), kind="summit", title="Singapore summit")
    day_event(dt.date(2018, 6, 13), kind="call", title="A phone call")
    full, page = get(client, "/?kind=summit")
    part, fragment = get(client, "/?q=&kind=summit&from=&to=&zoom=month&view=list", **HX)
    assert "<html" in page and "<html" not in fragment
    for response in (full, part):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"HX-Request", "HX-Target"} <= vary
    assert "Singapore summit" in fragment and "A phone call" not in fragment
    assert part["HX-Push-Url"] == "/?kind=summit"
    assert 'id="result-status"' in fragment and 'hx-swap-oob="true"' in fragment


def test_history_restore_gets_the_whole_page(client):
    day_event(dt.date(2018, 6, 12))
    _, html = get(client, "/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert html.lstrip().startswith("<!doctype html>")


def test_csrf_token_is_set_once_on_body(client):
    _, html = get(client)
    assert html.count("X-CSRFToken") == 1
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'>", html)


@pytest.fixture
def cast():
    """Four events, two actors: a summit with both, a letter from Kim, a planned call with Trump, a verified talk."""
    trump, kim = ActorFactory(name="Donald Trump"), ActorFactory(name="Kim Jong Un")
    summit = day_event(dt.date(2018, 6, 12), kind="summit", title="Singapore summit")
    letter = day_event(dt.date(2018, 9, 10), kind="letter", title="Kim writes again")
    call = day_event(dt.date(2019, 1, 3), kind="call", status="planned", title="Call planned")
    talk = day_event(dt.date(2019, 5, 1), kind="talks", review="verified", title="Envoys talk in Stockholm")
    for event, actors in ((summit, [trump, kim]), (letter, [kim]), (call, [trump]), (talk, [])):
        for actor in actors:
            ParticipationFactory(event=event, actor=actor)
    return {"trump": trump, "kim": kim, "summit": summit, "letter": letter, "call": call, "talk": talk}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=donald-trump", ["summit", "call"]),
        ("actor=donald-trump&actor=kim-jong-un", ["summit"]),
        ("kind=letter,call", ["letter", "call"]),
        ("status=planned", ["call"]),
        ("from=2018-09&to=2019-01", ["letter", "call"]),
        ("verified=1", ["talk"]),
        ("q=stockholm", ["talk"]),
        ("q=kim", ["summit", "letter"]),
    ],
)
def test_filters_select_the_events(client, cast, query, expected):
    _, html = get(client, f"/?{query}", **HX)
    assert shown_ids(html) == [cast[name].pk for name in expected]


def test_the_full_page_keeps_the_filter_form_in_the_state_of_the_url(client, cast):
    _, html = get(client, "/?actor=kim-jong-un&kind=letter&from=2018&verified=1&zoom=day")
    assert re.search(r'name="actor" value="kim-jong-un" checked', html)
    assert re.search(r'name="kind" value="letter" checked', html)
    assert 'name="from" value="2018-01-01"' in html
    assert re.search(r'name="verified" value="1" checked', html)
    assert re.search(r'name="zoom" value="day" checked', html)
    assert "Kim Jong Un" in html  # a chosen actor is offered even when not among the most active


def test_bad_filter_values_are_reported_and_ignored(client, cast):
    _, html = get(client, "/?kind=picnic&from=yesterday")
    assert 'role="alert"' in html
    assert "Unknown kind" in html and "is not a date" in html
    assert len(shown_ids(html)) == 4


def test_zoom_groups_by_year_month_or_day(client):
    a = day_event(dt.date(2018, 9, 10))
    b = day_event(dt.date(2018, 9, 10))
    c = day_event(dt.date(2018, 11, 2))
    _, year = get(client, "/?zoom=year")
    _, month = get(client, "/")
    _, day = get(client, "/?zoom=day")
    assert re.findall(r'<section class="period" id="period-([\w-]+)"', year) == ["2018"]
    assert re.findall(r'<section class="period" id="period-([\w-]+)"', month) == ["2018-09", "2018-11"]
    assert re.findall(r'<section class="period" id="period-([\w-]+)"', day) == ["2018-09-10", "2018-11-02"]
    assert "Monday 10 September 2018" in day
    assert shown_ids(day) == [a.pk, b.pk, c.pk]


def test_dates_show_at_their_precision(client):
    EventFactory(date_start=dt.date(2018, 9, 1), date_end=dt.date(2018, 9, 30), date_precision="month")
    EventFactory(date_start=dt.date(2018, 9, 7), date_end=dt.date(2018, 9, 10), date_precision="range")
    EventFactory(date_start=None, date_end=None, date_precision="unknown", title="Talks in Oslo")
    _, html = get(client, "/?kind=meeting")
    assert '<time datetime="2018-09">September 2018</time>' in html
    assert '<time datetime="2018-09-07">7–10 September 2018</time>' in html
    _, undated = get(client, "/?q=oslo")  # only undated events: the view starts at the beginning
    assert "date unknown" in undated and "Date unknown" in undated


def test_lanes_put_an_event_in_the_lane_of_every_participant(client, cast):
    _, html = get(client, "/?view=lanes&actor=donald-trump&actor=kim-jong-un")
    table = html[html.index('<table class="lanes">') :]
    headers = re.findall(r'<th scope="col"><a [^>]*>([^<]+)</a>', table)
    assert headers == ["Donald Trump", "Kim Jong Un"]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    # June 2018: the summit in both lanes; September 2018: the letter in Kim's; January 2019: the call in Trump's.
    assert ["Singapore summit" in c for c in cells[0]] == [True, True]
    assert ["Kim writes again" in c for c in cells[1]] == [False, True]
    assert ["Call planned" in c for c in cells[2]] == [True, False]
    assert len(rows) == 3  # the talk has neither actor


def test_lanes_default_to_the_most_active_actors(client, cast):
    _, html = get(client, "/?view=lanes")
    headers = re.findall(r'<th scope="col"><a [^>]*>([^<]+)</a>', html)
    assert set(headers) == {"Donald Trump", "Kim Jong Un"}


def test_cursor_pages_walk_every_event_both_ways(client):
    events = [day_event(dt.date(2017, 1, 1) + dt.timedelta(days=9 * i)) for i in range(120)]
    undated = EventFactory(date_start=None, date_end=None, date_precision="unknown")
    _, html = get(client, "/")
    first = shown_ids(html)
    assert first == [e.pk for e in events[-50:]]
    # Later from the latest dated events: the undated ones.
    later = re.search(r'href="/\?(after=[^"]+)" rel="next"', html).group(1)
    _, html2 = get(client, "/?" + later.replace("&amp;", "&"))
    assert shown_ids(html2) == [undated.pk]
    assert 'rel="next"' not in html2
    seen, query = first, re.search(r'href="/\?(before=[^"]+)" rel="prev"', html).group(1)
    while query:
        _, page = get(client, "/?" + query.replace("&amp;", "&"))
        seen = shown_ids(page) + seen
        match = re.search(r'href="/\?(before=[^"]+)" rel="prev"', page)
        query = match.group(1) if match else None
    assert seen == [e.pk for e in events]


def test_at_jumps_to_a_month(client):
    day_event(dt.date(2018, 5, 30))
    june = day_event(dt.date(2018, 6, 2))
    _, html = get(client, "/?at=2018-06")
    assert shown_ids(html)[0] == june.pk
    assert 'rel="prev"' in html


def test_a_chunk_for_the_later_pager_joins_the_section_it_continues(client):
    events = [day_event(dt.date(2018, 9, 1) + dt.timedelta(days=i % 28)) for i in range(60)]
    events.sort(key=lambda e: (e.date_start, e.pk))
    cursor = f"{events[9].date_start.isoformat()}_{events[9].pk}"
    _, html = get(client, f"/?after={cursor}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pager-later")
    assert "<html" not in html and 'id="timeline-results"' not in html
    assert 'hx-swap-oob="beforeend:#list-2018-09"' in html
    assert '<section class="period"' not in html  # everything is in September
    assert shown_ids(html) == [e.pk for e in events[10:60]]
    _, back = get(client, f"/?before={cursor}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pager-earlier")
    assert 'hx-swap-oob="afterbegin:#list-2018-09"' in back
    assert shown_ids(back) == [e.pk for e in events[:9]]


def test_density_strip_counts_months_and_marks_the_shown_range(client):
    for day in (dt.date(2018, 1, 3), dt.date(2018, 1, 4), dt.date(2018, 3, 9)):
        day_event(day)
    _, html = get(client, "/")
    bars = re.findall(r'title="([^"]+): (\d+) events?"( aria-current="true")?', html)
    assert [(label, int(n), bool(cur)) for label, n, cur in bars] == [
        ("January 2018", 2, True),
        ("February 2018", 0, True),  # inside the shown range
        ("March 2018", 1, True),
    ]
    assert 'href="/?at=2018-02"' in html
    assert "3 events" in html


def test_query_count_does_not_grow_with_the_table(client, django_assert_max_num_queries):
    misses = iter(range(1000))

    def count(url, **headers):
        client.get(url, **headers)  # warm the cached density and actor choices
        # A request clears the query log when it starts: empty it first, or the count is off.
        reset_queries()
        # An unknown parameter makes a new address: the whole-page cache (timeline/pagecache.py)
        # misses, so what is counted is a rendering with warm card, density and choice caches.
        with CaptureQueriesContext(connection) as ctx:
            client.get(url + ("&" if "?" in url else "?") + f"nocache={next(misses)}", **headers)
        return len(ctx)

    actor = ActorFactory(name="Donald Trump")
    for i in range(10):
        ParticipationFactory(actor=actor, event=day_event(dt.date(2018, 1, 1) + dt.timedelta(days=i)))
    small = [count("/"), count("/?actor=donald-trump", **HX), count("/?view=lanes")]
    for i in range(150):
        event = day_event(dt.date(2019, 1, 1) + dt.timedelta(days=i))
        ParticipationFactory(actor=actor, event=event)
        EvidenceFactory(event=event)
    assert [count("/"), count("/?actor=donald-trump", **HX), count("/?view=lanes")] == small
    # The page (cards come from the cache) and whether later events exist: a dated one, then an
    # undated one; the lanes view draws its own cells, so it fetches the participants too.
    assert small == [3, 3, 4]


def test_export_links_carry_the_filters_but_not_the_zoom(client, cast):
    _, html = get(client, "/?kind=letter&zoom=day", **HX)
    assert reverse("exports:feed") + "?kind=letter" in html
    assert reverse("exports:csv") + "?kind=letter" in html
    share = html.split('id="exports-heading"')[1].split("</section>")[0]
    assert "zoom=day" not in share


def test_markup_in_titles_is_shown_inert(client):
    EventFactory(title="<script>alert(1)</script> talks")
    html = client.get(reverse("timeline:home")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talks" in html


def test_pager_links_keep_the_view(client):
    for i in range(60):
        day_event(dt.date(2018, 1, 1) + dt.timedelta(days=i), kind="summit")
    _, html = get(client, "/?kind=summit&zoom=day")
    href = re.search(r'href="(/\?[^"]+)" rel="prev"', html).group(1).replace("&amp;", "&")
    params = parse_qs(urlsplit(href).query)
    assert params["kind"] == ["summit"] and params["zoom"] == ["day"] and "before" in params


def test_cached_cards_follow_changes_to_events_and_bulk_writes(client):
    from timeline.changes import timeline_changed

    event = day_event(dt.date(2018, 6, 12), title="Leaders meet")
    assert "Leaders meet" in get(client)[1]
    event.title = "Leaders meet again"
    event.save()
    assert "Leaders meet again" in get(client)[1]
    Event.objects.filter(pk=event.pk).update(title="Leaders part")
    timeline_changed()
    assert "Leaders part" in get(client)[1]
