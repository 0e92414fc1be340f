"""Atom feeds, the iCalendar feed and the sitemap, each read back by a real consumer."""

import datetime as dt
import xml.etree.ElementTree as ET  # parses only what this server just wrote
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import ActorFactory, EventFactory, ParticipationFactory, PlaceFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# Atom


def test_atom_feed_parses_and_lists_new_and_verified_events_newest_first(client):
    old = EventFactory(title="Envoys meet in Geneva", summary="They talk <for hours> & agree.")
    Event.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    newer = EventFactory(title="Leaders call each other", kind=Event.Kind.CALL)
    Event.objects.filter(pk=newer.pk).update(created_at=timezone.now() - dt.timedelta(days=5))
    # Added long ago, verified just now: news again.
    verified = EventFactory(title="Summit in Singapore", review=Event.Review.VERIFIED, verified_at=timezone.now())
    Event.objects.filter(pk=verified.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    EventFactory(title="A rejected event", review=Event.Review.REJECTED)

    response = client.get("/feeds/events.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Summit in Singapore (10 September 2018)",
        "Leaders call each other (10 September 2018)",
        "Envoys meet in Geneva (10 September 2018)",
    ]
    first = feed.entries[0]
    assert first.link == f"http://testserver{verified.get_absolute_url()}"
    assert first.id == first.link
    assert {tag.term for tag in first.tags} == {"meeting", "occurred", "verified"}
    assert "They talk &lt;for hours&gt; &amp; agree." in feed.entries[2].summary


def test_atom_feed_takes_the_timeline_filters(client):
    kim = ActorFactory(name="Kim Jong-un")
    summit = EventFactory(title="Summit", kind=Event.Kind.SUMMIT)
    ParticipationFactory(event=summit, actor=kim)
    EventFactory(title="Call", kind=Event.Kind.CALL)

    feed = feedparser.parse(client.get(f"/feeds/events.atom?kind=summit&actor={kim.slug}").content)

    assert [e.title for e in feed.entries] == ["Summit (10 September 2018)"]
    assert "Kim Jong-un" in feed.feed.title
    assert feed.feed.link.endswith(f"/?actor={kim.slug}&kind=summit")


def test_actor_feed_lists_that_actors_events_and_follows_merges(client):
    kim = ActorFactory(name="Kim Jong-un")
    alias = ActorFactory(name="Kim Jong Un", merged_into=kim)
    event = EventFactory(title="Letter to Trump", kind=Event.Kind.LETTER)
    ParticipationFactory(event=event, actor=kim, role="sender")
    EventFactory(title="Someone else's call")

    for slug in (kim.slug, alias.slug):
        feed = feedparser.parse(client.get(f"/feeds/actors/{slug}.atom").content)
        assert not feed.bozo
        assert [e.title for e in feed.entries] == ["Letter to Trump (10 September 2018)"]
        assert feed.feed.link == f"http://testserver{kim.get_absolute_url()}"
    assert client.get("/feeds/actors/nobody.atom").status_code == 404


# iCalendar


def _calendar(client, query=""):
    response = client.get("/exports/events.ics" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(_body(response))


def test_ics_dates_keep_their_precision(client):
    day = EventFactory(title="Summit; in Singapore, at last", date_start=dt.date(2018, 6, 12), date_precision="day")
    span = EventFactory(
        title="Talks", date_start=dt.date(2018, 9, 7), date_end=dt.date(2018, 9, 10), date_precision="range"
    )
    month = EventFactory(
        title="Visit", date_start=dt.date(2018, 9, 1), date_end=dt.date(2018, 9, 30), date_precision="month"
    )
    year = EventFactory(
        title="Parade", date_start=dt.date(2019, 1, 1), date_end=dt.date(2019, 12, 31), date_precision="year"
    )
    EventFactory(title="Someday", date_start=None, date_end=None, date_precision="unknown")

    cal = _calendar(client)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}

    assert set(events) == {"Summit; in Singapore, at last", "Talks", "Visit", "Parade"}
    spans = {title: (e.decoded("DTSTART"), e.decoded("DTEND")) for title, e in events.items()}
    assert spans["Summit; in Singapore, at last"] == (dt.date(2018, 6, 12), dt.date(2018, 6, 13))
    assert spans["Talks"] == (dt.date(2018, 9, 7), dt.date(2018, 9, 11))
    assert spans["Visit"] == (dt.date(2018, 9, 1), dt.date(2018, 10, 1))
    assert spans["Parade"] == (dt.date(2019, 1, 1), dt.date(2020, 1, 1))
    for title, event in events.items():
        # All-day values are dates, not date-times (no time zone can shift them to another day).
        assert type(event.decoded("DTSTART")) is dt.date, title
    assert "the day is not known" in str(events["Visit"]["DESCRIPTION"])
    # The UID's domain is SITE_URL's, not the request's: it stays the same whatever address served it.
    assert str(events["Talks"]["UID"]) == f"event-{span.pk}@{urlsplit(settings.SITE_URL).hostname}"
    assert str(events["Summit; in Singapore, at last"]["URL"]) == f"http://testserver{day.get_absolute_url()}"
    assert {month.pk, year.pk} < {int(str(e["UID"]).split("@")[0].removeprefix("event-")) for e in events.values()}


def test_ics_folds_long_lines_and_keeps_non_ascii_text(client):
    place = PlaceFactory(name="Pyongyang")
    title = "Kim Jong-un and Moon Jae-in (문재인) meet at the Panmunjom truce village " * 3
    event = EventFactory(title=title.strip()[:300], place=place, status=Event.Status.CANCELLED)
    body = _body(client.get("/exports/events.ics"))
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "RFC 5545 lines are at most 75 octets"
    parsed = next(iter(icalendar.Calendar.from_ical(body).walk("VEVENT")))
    assert str(parsed["SUMMARY"]) == event.title
    assert str(parsed["LOCATION"]) == "Pyongyang"
    assert str(parsed["STATUS"]) == "CANCELLED"


def test_ics_takes_the_timeline_filters(client):
    EventFactory(title="In 2018", date_start=dt.date(2018, 5, 1))
    EventFactory(title="In 2019", date_start=dt.date(2019, 5, 1))
    cal = _calendar(client, "?from=2019")
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["In 2019"]
    assert "from 2019-01-01" in str(cal["X-WR-CALNAME"])


# Sitemap


def test_sitemap_lists_visible_events_active_actors_and_articles(client):
    from tests.factories import ArticleFactory

    event = EventFactory()
    hidden = EventFactory(review=Event.Review.REJECTED)
    actor = ActorFactory()
    merged = ActorFactory(merged_into=actor)
    article = ArticleFactory()

    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert sections == [f"http://testserver/sitemap-{name}.xml" for name in ("events", "actors", "articles")]

    locs = set()
    for section in sections:
        doc = ET.fromstring(client.get(section.removeprefix("http://testserver")).content)  # noqa: S314
        locs |= {loc.text for loc in doc.findall("s:url/s:loc", ns)}
    assert {
        f"http://testserver{event.get_absolute_url()}",
        f"http://testserver{actor.get_absolute_url()}",
        f"http://testserver{article.get_absolute_url()}",
    } == locs
    assert f"http://testserver{hidden.get_absolute_url()}" not in locs
    assert f"http://testserver{merged.get_absolute_url()}" not in locs


# Conditional GET


@pytest.mark.parametrize(
    "url", ["/feeds/events.atom", "/exports/events.ics?kind=meeting", "/exports/events.csv", "/embed/"]
)
def test_unchanged_timeline_answers_304_and_any_change_gives_a_new_export(client, url):
    event = EventFactory(title="Envoys meet")
    first = client.get(url)
    etag = first["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert (
        client.get(url + ("&" if "?" in url else "?") + "kind=call", headers={"if-none-match": etag}).status_code == 200
    )

    event.title = "Envoys meet again"
    event.save()
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
