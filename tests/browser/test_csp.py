"""In Chromium, no page (public or admin) breaks the Content Security Policy."""

import pytest

from tests.factories import EventFactory, ParticipationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def violations(page):
    found = []
    page.on(
        "console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None
    )
    return found


def test_public_pages_load_without_csp_violations(live_server, page, violations):
    event = EventFactory(title="Envoys meet in Geneva")
    ParticipationFactory(event=event)
    for path in ["/health", event.get_absolute_url(), "/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object"  # the htmx script loaded under script-src 'self'
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert violations == []


def test_admin_pages_load_without_csp_violations(live_server, page, violations, curator):
    event = EventFactory(title="Ministers call")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "cura")
    page.fill("#id_password", "a long curator password")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/timeline/event/",
        f"/admin/timeline/event/{event.pk}/change/",
        "/admin/timeline/actor/add/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # The admin's own scripts ran under script-src 'self'.
    assert page.evaluate("typeof django.jQuery") == "function"
    assert violations == []
