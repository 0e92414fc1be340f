"""Markup and script in article text, titles, URLs and actor names are shown inert on every page and export.

One hostile event (title, summary, actor, place, article title/body/outlet, evidence quote and a
javascript: article URL) is rendered by every reader page, htmx partial, export, API endpoint and admin
page. HTML responses are parsed: no executable <script>, no on* attribute, no javascript: link, and the
payload must be there as text (so a page that dropped it would not pass silently). JSON must round-trip
the payload exactly, the JSON-LD block must not be closable, Atom HTML content is checked as HTML.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, ArticleFactory, EventFactory, EvidenceFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

EVENT_TITLE = '"><script>alert(1)</script><img src=x onerror=alert(2)> Envoys meet'
SUMMARY = "</script><script>alert(3)</script><!-- talks went on --> in Geneva"
ACTOR = "<svg onload=alert(4)>Mallory Envoy</svg>"
ARTICLE_TITLE = "</title><script>alert(5)</script> Talks resume"
BODY_LINE = "<iframe src=javascript:alert(6)></iframe> The envoys met on Monday in Geneva."
JS_URL = "javascript:alert(7)//"
UNSAFE = ("javascript:", "vbscript:", "data:text/html")
DATA_TYPES = {"application/ld+json", "application/json"}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.json_blocks: list[str] = []
        self._in_data: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            link = "".join((value or "").split()).lower()
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and link.startswith(UNSAFE):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "object", "embed", "iframe") and "alert(" in (attrs.get("src") or ""):
            self.problems.append(f"<{tag}> element from the payload")
        if tag == "svg" and any("alert(" in (v or "") for v in attrs.values()):
            self.problems.append("<svg> from the payload")
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            if kind in DATA_TYPES:
                self._in_data = kind
                self.json_blocks.append("")
            elif not attrs.get("src"):
                self.problems.append("inline <script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data = None

    def handle_data(self, data):
        if self._in_data:
            self.json_blocks[-1] += data
        else:
            self.text.append(data)


def assert_inert_html(html: str, *expected: str, where: str = "") -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, (where, inspector.problems)
    text = "".join(inspector.text)
    for payload in expected:
        assert payload in text, (where, payload)  # shown, as text
    for block in inspector.json_blocks:
        json.loads(block)  # a payload could not close the block early: it still parses whole
    return inspector


@pytest.fixture
def hostile():
    article = ArticleFactory(
        title=ARTICLE_TITLE,
        outlet="<b>Gazette</b>",
        body=f"{ARTICLE_TITLE}\n\n{BODY_LINE}",
    )
    # Admin forms refuse a javascript: URL; the ingest command or an old row may still hold one.
    type(article).objects.filter(pk=article.pk).update(url=JS_URL)
    article.refresh_from_db()
    event = EventFactory(title=EVENT_TITLE, summary=SUMMARY)
    actor = ActorFactory(name=ACTOR, slug="mallory-envoy")
    ParticipationFactory(event=event, actor=actor)
    EvidenceFactory(event=event, article=article, start=len(ARTICLE_TITLE) + 2, quote=BODY_LINE)
    return {"event": event, "actor": actor, "article": article}


def test_reader_pages_and_partials_are_inert(client, hostile):
    event, actor, article = hostile["event"], hostile["actor"], hostile["article"]
    home = client.get(reverse("timeline:home"))
    assert_inert_html(home.content.decode(), EVENT_TITLE, ACTOR, where="timeline")
    partial = client.get(reverse("timeline:home"), {"kind": event.kind}, HTTP_HX_REQUEST="true")
    assert_inert_html(partial.content.decode(), EVENT_TITLE, where="htmx partial")
    card = client.get(event.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "is-expanded" in card.content.decode()
    assert_inert_html(card.content.decode(), EVENT_TITLE, ACTOR, BODY_LINE, where="expanded card")
    actor_page = client.get(actor.get_absolute_url())
    assert_inert_html(actor_page.content.decode(), ACTOR, EVENT_TITLE, where="actor page")
    article_page = client.get(article.get_absolute_url())
    assert_inert_html(article_page.content.decode(), ARTICLE_TITLE, BODY_LINE, where="article page")


def test_permalink_meta_tags_and_json_ld_are_inert(client, hostile):
    event = hostile["event"]
    html = client.get(event.get_absolute_url()).content.decode()
    inspector = assert_inert_html(html, EVENT_TITLE, SUMMARY, ACTOR, where="permalink")
    # The meta tags carry the title as an attribute value: parsed back, it is the plain title.
    metas = []

    class Metas(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and (attrs.get("property", "") + attrs.get("name", "")).startswith(("og:", "twitter:")):
                metas.append(attrs)

    Metas().feed(html)
    titles = [m["content"] for m in metas if m.get("property") == "og:title" or m.get("name") == "twitter:title"]
    assert titles == [EVENT_TITLE, EVENT_TITLE]
    (block,) = [b for b in inspector.json_blocks if "schema.org" in b]
    assert "</" not in block  # cannot end the <script> element, whatever the strings hold
    assert json.loads(block)["name"] == EVENT_TITLE


def _atom_html_parts(xml: bytes):
    root = ET.fromstring(xml)  # noqa: S314 (our own feed) well-formed: the payload did not break the XML
    for element in root.iter():
        if element.get("type") == "html" and element.text:
            yield element.text
    yield "".join(root.itertext())


def test_feeds_calendar_embeds_and_oembed_are_inert(client, hostile):
    event, actor = hostile["event"], hostile["actor"]
    for url in (reverse("exports:feed"), reverse("exports:actor-feed", kwargs={"slug": actor.slug})):
        response = client.get(url)
        assert response.status_code == 200, url
        parts = list(_atom_html_parts(response.content))
        assert EVENT_TITLE in parts[-1], url
        for part in parts[:-1]:
            assert_inert_html(part, where=f"{url} html content")

    type(event).objects.filter(pk=event.pk).update(summary=SUMMARY + "\r\nATTENDEE:mailto:x@example.org\nEND:VEVENT")
    calendar = client.get(reverse("exports:calendar"))
    ics = (b"".join(calendar.streaming_content) if calendar.streaming else calendar.content).decode()
    assert ics.count("BEGIN:VEVENT") == 1
    # Plain text there: a line break in the summary cannot start a property or end the event early.
    lines = ics.split("\r\n")
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert lines.count("END:VEVENT") == 1 and JS_URL not in ics

    assert_inert_html(client.get(reverse("exports:embed")).content.decode(), EVENT_TITLE, where="embed")
    embed_event = client.get(reverse("exports:embed-event", kwargs={"pk": event.pk})).content.decode()
    assert_inert_html(embed_event, EVENT_TITLE, ACTOR, where="embedded event")

    oembed = client.get(reverse("exports:oembed"), {"url": "http://testserver" + event.get_absolute_url()})
    assert oembed["Content-Type"].startswith("application/json")
    data = oembed.json()
    assert data["title"] == EVENT_TITLE
    # The iframe markup consumers paste: one iframe, the title only as an escaped attribute.
    inspector = assert_inert_html(data["html"], where="oEmbed html")
    assert inspector.text == [] and data["html"].count("<") == 2


def test_api_and_data_exports_round_trip_the_text_and_drop_javascript_urls(client, hostile):
    event, article = hostile["event"], hostile["article"]
    detail = client.get(f"/api/events/{event.pk}")
    assert detail["Content-Type"].startswith("application/json")
    assert detail.json()["title"] == EVENT_TITLE
    article_json = client.get(f"/api/articles/{article.pk}")
    assert article_json.status_code == 200
    assert article_json.json()["title"] == ARTICLE_TITLE
    for response in (
        detail,
        article_json,
        client.get("/api/events"),
        client.get("/api/articles"),
        client.get(reverse("exports:jsonl")),
        client.get(reverse("exports:csv")),
        client.get(reverse("exports:timelinejs")),
    ):
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert JS_URL not in body.decode(), response.request["PATH_INFO"]  # the text keeps its own "javascript:"


def test_article_page_never_links_a_javascript_url(client, hostile):
    article = hostile["article"]
    assert article.url == JS_URL
    html = client.get(article.get_absolute_url()).content.decode()
    assert JS_URL not in html and "original</a>" not in html


ADMIN_PAGES = [
    ("timeline", "event", "event"),
    ("timeline", "actor", "actor"),
    ("articles", "article", "article"),
]


@pytest.mark.parametrize(("app", "model", "key"), ADMIN_PAGES)
def test_admin_lists_and_forms_are_inert(curator_client, hostile, app, model, key):
    obj = hostile[key]
    expected = {"event": EVENT_TITLE, "actor": ACTOR, "article": ARTICLE_TITLE}[key]
    listing = curator_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert listing.status_code == 200
    assert_inert_html(listing.content.decode(), expected, where=f"{model} list")
    change = curator_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
    assert change.status_code == 200
    assert_inert_html(change.content.decode(), where=f"{model} form")
    assert expected in change.content.decode().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
