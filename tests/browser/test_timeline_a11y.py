"""axe-core scans of the reader's pages: no serious or critical accessibility violations."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory, PlaceFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives a test's rows (the actor ranking is kept for minutes whatever changes): start empty."""
    cache.clear()
    yield
    cache.clear()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def event():
    trump, kim = ActorFactory(name="Donald Trump"), ActorFactory(name="Kim Jong Un")
    for i in range(30):
        day = dt.date(2018, 1, 1) + dt.timedelta(days=11 * i)
        other = EventFactory(date_start=day, date_end=day, status="planned" if i % 5 == 0 else "occurred")
        ParticipationFactory(event=other, actor=kim if i % 2 else trump)
    summit = EventFactory(
        title="Trump–Kim summit",
        kind="summit",
        date_start=dt.date(2018, 6, 12),
        date_end=dt.date(2018, 6, 12),
        summary="The two leaders met on Sentosa island.",
        place=PlaceFactory(name="Singapore"),
        review="verified",
    )
    ParticipationFactory(event=summit, actor=trump, role="host")
    ParticipationFactory(event=summit, actor=kim, role="guest")
    EvidenceFactory(event=summit)
    return summit


def serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run bin/setup (npm ci installs axe-core)")
    # Evaluated through the DevTools protocol, so a Content Security Policy does not block it.
    page.evaluate(AXE.read_text() + "\n;0")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("where", ["timeline", "lanes", "expanded", "permalink", "actor", "article"])
def test_no_serious_or_critical_axe_violations(live_server, browser, event, where, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    url = {
        "timeline": "/",
        "lanes": "/?view=lanes",
        "expanded": "/?kind=summit",
        "permalink": event.get_absolute_url(),
        "actor": "/actors/kim-jong-un/",
        "article": event.evidence.get().article.get_absolute_url(),
    }[where]
    page.goto(live_server.url + url)
    if where == "expanded":
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            page.locator("[data-expand]").first.click()
        page.wait_for_selector(".is-expanded")
    assert serious_violations(page) == []
    context.close()
