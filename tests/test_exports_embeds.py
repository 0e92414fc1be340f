"""Embeds (/embed/), oEmbed for permalinks, and the timeline page's "Share this view" links."""

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import EventFactory, ParticipationFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_embed_shows_the_filtered_events_in_time_order(client):
    later = EventFactory(title="Second summit", kind=Event.Kind.SUMMIT, date_start=dt.date(2019, 2, 27))
    first = EventFactory(title="First summit", kind=Event.Kind.SUMMIT, date_start=dt.date(2018, 6, 12))
    ParticipationFactory(event=first, actor__name="Kim Jong-un")
    EventFactory(title="A phone call", kind=Event.Kind.CALL)

    response = client.get("/embed/?kind=summit")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("First summit") < html.index("Second summit")
    assert "A phone call" not in html
    assert "Kim Jong-un" in html
    assert f'href="http://testserver{later.get_absolute_url()}"' in html
    # Every link opens outside the frame.
    assert re.findall(r"<a ", html) and all('target="_blank"' in tag for tag in re.findall(r"<a [^>]*>", html))
    assert 'href="http://testserver/?kind=summit"' in html  # the full timeline, same filters


def test_only_the_embeds_may_be_framed(client):
    event = EventFactory()
    for url in ("/embed/", f"/embed/events/{event.pk}/"):
        response = client.get(url)
        assert "X-Frame-Options" not in response, url
        assert response._csp_replace == {"frame-ancestors": ["*"]}, url
    assert client.get("/")["X-Frame-Options"] == "DENY"
    assert client.get(event.get_absolute_url())["X-Frame-Options"] == "DENY"


def test_embed_of_a_hidden_event_is_not_found(client):
    assert client.get(f"/embed/events/{EventFactory(review=Event.Review.REJECTED).pk}/").status_code == 404


def test_embed_templates_are_csp_ready(client):
    """No inline script or style: the embeds must work under the coming strict CSP."""
    event = EventFactory(summary="Talks went on.")
    for url in ("/embed/", f"/embed/events/{event.pk}/"):
        html = client.get(url).content.decode()
        assert "<script" not in html
        assert "<style" not in html
        assert not re.search(r"\sstyle=|\son[a-z]+=", html)


def test_oembed_describes_an_event_permalink(client):
    event = EventFactory(title="Leaders meet")
    permalink = f"http://testserver{event.get_absolute_url()}"

    response = client.get("/oembed/", {"url": permalink, "format": "json", "maxwidth": "400"})

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == "Leaders meet"
    assert (data["width"], data["height"]) == (400, 260)
    iframe = re.fullmatch(
        r'<iframe src="([^"]+)" width="400" height="260" title="Leaders meet"[^>]*></iframe>', data["html"]
    )
    assert iframe and iframe.group(1) == f"http://testserver/embed/events/{event.pk}/"
    # The iframe's page is there and may be framed.
    assert "X-Frame-Options" not in client.get(urlsplit(iframe.group(1)).path)


def test_oembed_follows_merges_and_refuses_other_urls(client):
    target = EventFactory(title="The summit")
    merged = EventFactory(title="Old duplicate", merged_into=target)
    data = client.get("/oembed/", {"url": f"http://testserver{merged.get_absolute_url()}"}).json()
    assert data["title"] == "The summit"

    for url in (
        f"http://elsewhere.example{target.get_absolute_url()}",
        "http://testserver/actors/kim/",
        "http://testserver/events/999999-nothing/",
        "javascript:alert(1)",
        "",
    ):
        assert client.get("/oembed/", {"url": url}).status_code == 404, url
    assert (
        client.get("/oembed/", {"url": f"http://testserver{target.get_absolute_url()}", "format": "xml"}).status_code
        == 501
    )


def test_oembed_discovery_tag_points_at_the_endpoint(client):
    event = EventFactory(title='Kim & Trump "meet"')
    request = RequestFactory().get(event.get_absolute_url())
    tag = Template("{% load exports %}{% oembed_link event %}").render(Context({"request": request, "event": event}))

    assert tag.startswith('<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed/?')
    assert 'title="Kim &amp; Trump &quot;meet&quot;"' in tag
    href = re.search(r'href="([^"]+)"', tag).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query) == {
        "url": [f"http://testserver{event.get_absolute_url()}"],
        "format": ["json"],
    }
    assert client.get(href).json()["title"] == event.title


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = {}
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs)["href"]

    def handle_data(self, data):
        if self._href and data.strip():
            self.links[data.strip()] = self._href
            self._href = None


def test_share_links_carry_the_current_filters(client):
    request = RequestFactory().get("/?actor=kim-jong-un&kind=summit")
    html = render_to_string("timeline/_exports.html", {"filter_query": "actor=kim-jong-un&kind=summit"}, request)
    parser = _Links()
    parser.feed(html)
    expected = {
        "Atom feed": "/feeds/events.atom",
        "Calendar": "webcal://testserver/exports/events.ics",
        ".ics": "/exports/events.ics",
        "JSON (API)": "/api/events",
        "CSV": "/exports/events.csv",
        "JSON Lines": "/exports/events.jsonl",
        "TimelineJS": "/exports/timelinejs.json",
        "Preview": "/embed/",
    }
    for label, path in expected.items():
        assert parser.links[label] == f"{path}?actor=kim-jong-un&kind=summit", label
        if not path.startswith("webcal:"):
            assert client.get(parser.links[label]).status_code == 200, label
    # The embed code, as the textarea shows it (HTML-escaped once, so a reader copies a working tag).
    assert '&lt;iframe src="http://testserver/embed/?actor=kim-jong-un&amp;kind=summit"' in html

    unfiltered = _Links()
    unfiltered.feed(render_to_string("timeline/_exports.html", {"filter_query": ""}, RequestFactory().get("/")))
    assert unfiltered.links["Atom feed"] == "/feeds/events.atom"


def test_embed_and_feed_queries_do_not_grow_with_events(client, django_assert_max_num_queries):
    for n in range(12):
        event = EventFactory(title=f"Meeting {n}")
        ParticipationFactory(event=event)
        ParticipationFactory(event=event)
    one = EventFactory()
    ParticipationFactory(event=one)
    with django_assert_max_num_queries(6):
        client.get("/embed/")
    with django_assert_max_num_queries(6):
        client.get("/feeds/events.atom")
    with django_assert_max_num_queries(6):
        client.get(f"/embed/events/{one.pk}/")
