"""Permalink, actor and article pages; templates ready for a strict Content Security Policy."""

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    ParticipationFactory,
    PlaceFactory,
)
from timeline.models import Actor, Event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives a test's rows (the actor ranking is kept for minutes whatever changes): start empty."""
    cache.clear()
    yield
    cache.clear()


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Head(HTMLParser):
    """The <meta>, <link rel=canonical> and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.json_ld, self._in_ld = {}, None, [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a.get("name")] = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def head_of(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


@pytest.fixture
def summit():
    place = PlaceFactory(name="Singapore")
    event = EventFactory(
        title="Trump–Kim summit",
        kind="summit",
        date_start=dt.date(2018, 6, 12),
        place=place,
        summary="The two leaders met on Sentosa island.",
    )
    ParticipationFactory(event=event, actor=ActorFactory(name="Donald Trump"), role="host")
    ParticipationFactory(event=event, actor=ActorFactory(name="Kim Jong Un", kind="person"), role="guest")
    EvidenceFactory(event=event, article=ArticleFactory(title="Leaders meet", url="https://news.example/a"))
    return event


def test_permalink_has_open_graph_twitter_canonical_and_json_ld(client, summit):
    response = client.get(summit.get_absolute_url())
    html = response.content.decode()
    head = head_of(html)
    url = "http://testserver" + summit.get_absolute_url()
    assert head.canonical == url
    assert head.meta["og:title"] == "Trump–Kim summit"
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:description"] == "The two leaders met on Sentosa island."
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == "Trump–Kim summit"
    (ld,) = head.json_ld
    assert ld["@type"] == "Event" and ld["name"] == "Trump–Kim summit" and ld["url"] == url
    assert ld["startDate"] == "2018-06-12" and "endDate" not in ld
    assert ld["location"] == {"@type": "Place", "name": "Singapore"}
    assert [a["name"] for a in ld["attendee"]] == ["Donald Trump", "Kim Jong Un"]
    assert ld["subjectOf"][0]["url"] == "https://news.example/a"
    assert ld["eventStatus"] == "https://schema.org/EventScheduled"
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_permalink_shows_roles_place_sources_and_a_copy_button(client, summit):
    html = client.get(summit.get_absolute_url()).content.decode()
    assert re.search(r"Donald Trump</a> <span class=\"role\">host</span>", html)
    assert "Singapore" in html
    evidence = summit.evidence.get()
    assert f'href="{evidence.get_absolute_url()}"' in html
    assert evidence.quote in html
    assert 'data-copy-link="http://testserver' in html


def test_json_ld_cannot_close_its_script_element(client):
    event = EventFactory(title="</script><script>alert(1)</script>", date_start=dt.date(2018, 1, 1))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    (ld,) = head_of(html).json_ld
    assert ld["name"] == "</script><script>alert(1)</script>"


def test_json_ld_dates_say_no_more_than_is_known(client):
    event = EventFactory(
        title="Talks in autumn",
        date_start=dt.date(2018, 9, 1),
        date_end=dt.date(2018, 9, 30),
        date_precision="month",
        status="cancelled",
    )
    ld = head_of(client.get(event.get_absolute_url()).content.decode()).json_ld[0]
    assert ld["startDate"] == "2018-09" and "endDate" not in ld
    assert ld["eventStatus"] == "https://schema.org/EventCancelled"


def test_previous_and_next_events_in_time_order(client):
    a = EventFactory(title="First", date_start=dt.date(2018, 1, 1))
    b = EventFactory(title="Second", date_start=dt.date(2018, 2, 1))
    EventFactory(title="Hidden", date_start=dt.date(2018, 2, 15), review=Event.Review.REJECTED)
    c = EventFactory(title="Third", date_start=dt.date(2018, 3, 1))
    html = client.get(b.get_absolute_url()).content.decode()
    assert re.search(rf'href="{a.get_absolute_url()}" rel="prev"', html)
    assert re.search(rf'href="{c.get_absolute_url()}" rel="next"', html)
    first = client.get(a.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in first.split('class="neighbours"')[1]


def test_old_slug_and_merged_events_redirect_to_the_survivor(client):
    event = EventFactory(title="Kim writes to Trump")
    stale = reverse("timeline:event", kwargs={"pk": event.pk, "slug": "an-old-title"})
    response = client.get(stale)
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()
    middle = EventFactory(title="Kim sends letter", merged_into=event)
    first = EventFactory(title="Letter from Pyongyang", merged_into=middle)
    for merged in (middle, first):
        response = client.get(merged.get_absolute_url())
        assert response.status_code == 301 and response["Location"] == event.get_absolute_url()
    # A stale slug of a merged event goes to the survivor too.
    response = client.get(reverse("timeline:event", kwargs={"pk": first.pk, "slug": "whatever"}))
    assert response["Location"] == event.get_absolute_url()


def test_rejected_event_is_not_found_for_readers(client, curator):
    event = EventFactory(review=Event.Review.REJECTED)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(curator)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_htmx_request_for_the_permalink_gets_the_expanded_card(client, summit):
    response = client.get(summit.get_absolute_url(), HTTP_HX_REQUEST="true", HTTP_HX_TARGET=f"event-{summit.pk}")
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith("<article") and "is-expanded" in html
    assert "The two leaders met on Sentosa island." in html
    assert summit.evidence.get().quote in html
    assert 'aria-expanded="true"' in html
    assert "HX-Request" in response["Vary"]


def test_actor_page_lists_events_and_co_participants(client, summit):
    kim = Actor.objects.get(name="Kim Jong Un")
    other = EventFactory(title="Kim visits Beijing", date_start=dt.date(2018, 3, 26))
    ParticipationFactory(event=other, actor=kim)
    EventFactory(title="Unrelated")
    html = client.get(kim.get_absolute_url()).content.decode()
    assert "Trump–Kim summit" in html and "Kim visits Beijing" in html and "Unrelated" not in html
    co = html[html.index('class="co-participants"') :]
    assert "Donald Trump" in co and "1 event" in co
    assert "?actor=kim-jong-un&amp;actor=donald-trump" in co


def test_merged_actor_redirects_to_the_survivor(client):
    kept = ActorFactory(name="Kim Jong Un")
    ActorFactory(name="Kim Jong-un", slug="kim-jong-un-old", merged_into=kept)
    response = client.get(reverse("timeline:actor", kwargs={"slug": "kim-jong-un-old"}))
    assert response.status_code == 301 and response["Location"] == kept.get_absolute_url()


def test_actor_page_paginates_with_cursors(client):
    actor = ActorFactory(name="Moon Jae-in")
    for i in range(55):
        ParticipationFactory(actor=actor, event__date_start=dt.date(2018, 1, 1) + dt.timedelta(days=i))
    html = client.get(actor.get_absolute_url()).content.decode()
    assert html.count("data-event-id=") == 50
    earlier = re.search(r'href="(/actors/moon-jae-in/\?before=[^"]+)" rel="prev"', html).group(1)
    assert "actor=" not in earlier  # the page's own actor is not repeated in its links
    assert client.get(earlier.replace("&amp;", "&")).content.decode().count("data-event-id=") == 5


def test_article_page_highlights_evidence_and_links_it_to_events(client):
    body = (
        "Headline here\n\nFirst paragraph says nothing. The envoys met on Monday.\n\nA second one, with a letter sent."
    )
    article = ArticleFactory(title="Headline here", body=body)
    met = body.index("The envoys met on Monday.")
    sent = body.index("with a letter sent.")
    e1 = EvidenceFactory(article=article, start=met, quote="The envoys met on Monday.", event__title="Envoys meet")
    e1.end = met + len(e1.quote)
    e1.save()
    e2 = EvidenceFactory(article=article, start=sent, quote="with a letter sent.", event__title="Letter sent")
    e2.end = sent + len(e2.quote)
    e2.save()
    # A second event resting on the same sentence shares the mark.
    EvidenceFactory(article=article, start=met, end=e1.end, quote=e1.quote, event__title="Envoys talk")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<mark class="evidence" id="s{met}">The envoys met on Monday.</mark>' in html
    assert f'<mark class="evidence" id="s{sent}">with a letter sent.</mark>' in html
    assert html.count(f'id="s{met}"') == 1
    assert f'href="{e1.event.get_absolute_url()}"' in html and f'href="{e2.event.get_absolute_url()}"' in html
    assert "Envoys talk" in html
    assert "<p>First paragraph says nothing. <mark" in html


def test_article_page_keeps_evidence_of_hidden_events_unmarked(client):
    evidence = EvidenceFactory(event__review=Event.Review.REJECTED, event__title="Not an event")
    html = client.get(evidence.article.get_absolute_url()).content.decode()
    assert "<mark" not in html.split('class="article-body"')[1] and "Not an event" not in html


# --- Templates are ready for a strict Content Security Policy ------------------------------------


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_style_or_handlers(path):
    text = path.read_text()
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert "<style" not in text
    assert not re.search(r"\sstyle=", text)
    assert not re.search(r"\son[a-z]+\s*=", text)
