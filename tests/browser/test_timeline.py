"""The timeline in Chromium: htmx filters that push the URL, cards that expand, keys, chunks, no-JS use."""

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory, PlaceFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives a test's rows (the actor ranking is kept for minutes whatever changes): start empty."""
    cache.clear()
    yield
    cache.clear()


def day_event(day, **kwargs):
    return EventFactory(date_start=day, date_end=day, **kwargs)


@pytest.fixture
def events():
    """Sixty meetings through 2018 plus two summits with Trump and Kim, one with a source and a place."""
    trump, kim = ActorFactory(name="Donald Trump"), ActorFactory(name="Kim Jong Un")
    meetings = [day_event(dt.date(2018, 1, 1) + dt.timedelta(days=5 * i), kind="meeting") for i in range(60)]
    singapore = day_event(
        dt.date(2018, 6, 12),
        kind="summit",
        title="Trump–Kim summit in Singapore",
        summary="The two leaders met on Sentosa island.",
        place=PlaceFactory(name="Singapore"),
    )
    hanoi = day_event(dt.date(2019, 2, 27), kind="summit", title="Hanoi summit ends early")
    for event in (singapore, hanoi):
        ParticipationFactory(event=event, actor=trump, role="host")
        ParticipationFactory(event=event, actor=kim, role="guest")
    EvidenceFactory(event=singapore, quote="The two leaders shook hands in Singapore on Tuesday.")
    return {"meetings": meetings, "singapore": singapore, "hanoi": hanoi}


def card_ids(page):
    return [int(x) for x in page.locator(".event-card").evaluate_all("els => els.map(e => e.dataset.eventId)")]


def wait_for_swap(page, action):
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        action()
    page.wait_for_timeout(100)  # htmx settles after the response


def test_filtering_pushes_the_url_and_a_reload_shows_the_same_state(live_server, page, events):
    page.goto(live_server.url + "/")
    page.locator("summary", has_text="Kinds").click()
    wait_for_swap(page, lambda: page.get_by_role("checkbox", name="Summit", exact=True).check())
    assert parse_qs(urlsplit(page.url).query) == {"kind": ["summit"]}
    assert card_ids(page) == [events["singapore"].pk, events["hanoi"].pk]
    assert "2 events match the filters" in page.locator("#result-status").inner_text()

    page.locator("summary", has_text="Actors").click()
    wait_for_swap(page, lambda: page.get_by_role("checkbox", name=re.compile("^Kim Jong Un")).check())
    wait_for_swap(page, lambda: page.get_by_role("radio", name="Year").check())
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["kim-jong-un"], "kind": ["summit"], "zoom": ["year"]}
    assert page.locator("section.period h2").all_inner_texts() == ["2018", "2019"]

    page.reload()
    assert card_ids(page) == [events["singapore"].pk, events["hanoi"].pk]
    assert page.get_by_role("checkbox", name="Summit", exact=True).is_checked()
    assert page.get_by_role("radio", name="Year").is_checked()

    page.go_back()
    page.wait_for_function("() => !location.search.includes('zoom')")
    assert "zoom" not in page.url
    # htmx restores the page as it was at that address: headed by month again.
    page.wait_for_function("() => document.querySelector('section.period h2').textContent.includes(' ')")
    assert page.locator("section.period h2").all_inner_texts() == ["June 2018", "February 2019"]


def test_text_search_filters_as_you_type(live_server, page, events):
    page.goto(live_server.url + "/")
    with page.expect_response(lambda r: "q=hanoi" in r.url):
        page.get_by_role("searchbox", name="Search").fill("hanoi")
    page.wait_for_function("() => document.querySelectorAll('.event-card').length === 1")
    assert card_ids(page) == [events["hanoi"].pk]
    assert "q=hanoi" in page.url


def test_a_card_expands_in_place_and_folds_again(live_server, page, events):
    page.goto(live_server.url + "/?kind=summit")
    card = page.locator(f"#event-{events['singapore'].pk}")
    wait_for_swap(page, lambda: card.get_by_role("link", name=re.compile("^Details")).click())
    expanded = page.locator(f"#event-{events['singapore'].pk}")
    assert "is-expanded" in expanded.get_attribute("class")
    details = expanded.locator(".event-details")
    assert details.is_visible()
    text = details.inner_text()
    assert "The two leaders met on Sentosa island." in text
    assert "Singapore" in text and "host" in text and "guest" in text
    quote = details.locator("blockquote")
    assert "shook hands in Singapore" in quote.inner_text()
    assert page.url.endswith("/?kind=summit")  # expanding is not a new view
    toggle = expanded.locator("[data-details-toggle]")
    assert toggle.inner_text() == "Hide details"
    toggle.click()
    assert not details.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    expanded.get_by_role("button", name="Show details").click()
    assert details.is_visible()


def test_keyboard_moves_between_events_and_enter_expands(live_server, page, events):
    page.goto(live_server.url + "/?kind=summit")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.id")
    assert focused == f"event-{events['singapore'].pk}"
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"event-{events['hanoi'].pk}"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == f"event-{events['singapore'].pk}"
    # The focused card shows a visible outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_response(lambda r: r.request.headers.get("hx-target") == f"event-{events['singapore'].pk}"):
        page.keyboard.press("Enter")
    page.wait_for_selector(".event-card.is-expanded")
    assert page.evaluate("document.activeElement.id") == f"event-{events['singapore'].pk}"
    # Keys typed into the search box are text, not moves.
    page.get_by_role("searchbox", name="Search").focus()
    page.keyboard.type("jk")
    assert page.get_by_role("searchbox", name="Search").input_value() == "jk"


def test_later_and_earlier_controls_add_cards_without_repeats(live_server, page, events):
    page.goto(live_server.url + "/?kind=meeting&at=2018-01")
    first = card_ids(page)
    assert len(first) == 50
    wait_for_swap(page, lambda: page.locator("[data-bench-next]").click())
    after = card_ids(page)
    assert len(after) == 60 and after[:50] == first and len(set(after)) == 60
    assert page.locator("[data-bench-next]").count() == 0
    # One section per month, never two for the same month.
    ids = page.locator("section.period").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))

    page.goto(live_server.url + "/?kind=meeting")
    latest = card_ids(page)
    wait_for_swap(page, lambda: page.locator("[data-pager=earlier]").click())
    both = card_ids(page)
    assert both[-50:] == latest and len(both) == 60 and len(set(both)) == 60
    ids = page.locator("section.period").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))


def test_density_strip_jumps_to_a_month(live_server, page, events):
    page.goto(live_server.url + "/?kind=meeting")
    wait_for_swap(page, lambda: page.get_by_role("link", name=re.compile("^March 2018:")).click())
    assert "at=2018-03" in page.url
    first = page.locator(".event-card time").first.inner_text()
    assert first.endswith("March 2018")
    assert page.get_by_role("link", name=re.compile("^March 2018:")).get_attribute("aria-current") == "true"


def test_the_page_works_without_javascript(live_server, browser, events):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator("summary", has_text="Kinds").click()
    page.get_by_role("checkbox", name="Summit", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=summit"))
    assert card_ids(page) == [events["singapore"].pk, events["hanoi"].pk]
    # Details is a plain link to the permalink.
    page.locator(f"#event-{events['hanoi'].pk}").get_by_role("link", name=re.compile("^Details")).click()
    page.wait_for_url(re.compile(r"/events/\d+-hanoi-summit-ends-early/"))
    assert page.locator("h1").inner_text() == "Hanoi summit ends early"
    # The pagers are links too.
    page.goto(live_server.url + "/?kind=meeting")
    page.get_by_role("link", name="Earlier events").click()
    page.wait_for_url(re.compile(r"before="))
    assert len(card_ids(page)) == 10
    context.close()


def test_permalink_meta_tags_and_copy_link(live_server, browser, events):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    event = events["singapore"]
    page.goto(live_server.url + f"/events/{event.pk}-an-old-slug/")
    url = live_server.url + event.get_absolute_url()
    assert page.url == url  # the old slug redirected
    head = page.locator("head")
    assert head.locator("link[rel=canonical]").get_attribute("href") == url
    assert head.locator("meta[property='og:title']").get_attribute("content") == event.title
    assert head.locator("meta[property='og:url']").get_attribute("content") == url
    assert head.locator("meta[name='twitter:card']").get_attribute("content") == "summary"
    assert "Sentosa" in head.locator("meta[property='og:description']").get_attribute("content")
    ld = json.loads(head.locator("script[type='application/ld+json']").text_content())
    assert ld["@type"] == "Event" and ld["startDate"] == "2018-06-12" and ld["location"]["name"] == "Singapore"
    assert page.title() == f"{event.title} · Diplomatic timeline"
    button = page.get_by_role("button", name="Copy link")
    button.click()
    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent.length > 0")
    assert page.locator("[data-copy-status]").inner_text() == "Link copied."
    assert page.evaluate("navigator.clipboard.readText()") == url
    nav = page.get_by_role("navigation", name="Previous and next events")
    assert nav.get_by_role("link").count() == 2
    context.close()


@pytest.mark.parametrize("path", ["/", "/?view=lanes", "permalink", "actor", "article"])
def test_phone_width_has_no_sideways_scrolling(live_server, browser, events, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    event = events["singapore"]
    url = {
        "permalink": event.get_absolute_url(),
        "actor": "/actors/kim-jong-un/",
        "article": event.evidence.get().article.get_absolute_url(),
    }.get(path, path)
    page.goto(live_server.url + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".event-card, .event-page, .article-page, .lanes").first.is_visible()
    context.close()


def test_density_strip_marks_the_months_on_screen_as_the_reader_scrolls(live_server, page, events):
    page.goto(live_server.url + "/?kind=meeting")
    march = page.get_by_role("link", name=re.compile("^March 2018:"))
    october = page.get_by_role("link", name=re.compile("^October 2018:"))
    # The page opens on the latest 50 meetings: 20 February to 28 October 2018, February on screen.
    october_js = "document.querySelector('.bar[data-period=\"2018-10\"]').getAttribute('aria-current')"
    page.wait_for_function(f"() => {october_js} === null")
    assert page.get_by_role("link", name=re.compile("^February 2018:")).get_attribute("aria-current") == "true"
    page.locator(".event-card").last.scroll_into_view_if_needed()
    page.wait_for_function(f"() => {october_js} === 'true'")
    assert october.get_attribute("aria-current") == "true"
    assert march.get_attribute("aria-current") is None
