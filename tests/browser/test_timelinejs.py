"""Another site using ours, in Chromium: TimelineJS3 (the npm package in node_modules) loading our
export, and a page framing our embed (and failing to frame anything else)."""

import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest

from tests.factories import EventFactory, ParticipationFactory

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

# A page like a newsroom's: TimelineJS's own files, and our export's URL given to TL.Timeline.
PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/css/timeline.css">
<script src="/dist/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<script>
  window.timeline = new TL.Timeline("timeline-embed", "%s", {hash_bookmark: false});
</script>
</body></html>"""


class NewsroomPage(http.server.SimpleHTTPRequestHandler):
    """Serves the page above at / and TimelineJS's dist/ folder, from another origin than the app."""

    page = b""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(DIST.parent), **kwargs)

    def do_GET(self):
        if self.path.startswith("/dist/"):
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args):
        pass


@pytest.fixture
def newsroom(page, live_server):
    """newsroom(html): that page, served from another loopback origin than the app (so our CORS and framing
    headers are what decide what it may do), with TimelineJS's files at /dist/."""
    if not (DIST / "js" / "timeline.js").is_file():
        pytest.skip("node_modules/@knight-lab/timelinejs is missing: run bin/setup")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NewsroomPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    # Nothing else leaves the machine (TimelineJS asks a CDN for web fonts it can do without).
    page.route(lambda url: not url.startswith((origin, live_server.url)), lambda route: route.abort())

    def open_page(html: str):
        NewsroomPage.page = html.encode()
        page.goto(origin + "/")
        return page

    yield open_page
    server.shutdown()
    server.server_close()


def test_timelinejs3_renders_our_export(newsroom, page, live_server):
    summit = EventFactory(title="Leaders meet in Singapore", date_start=dt.date(2018, 6, 12), date_precision="day")
    ParticipationFactory(event=summit, actor__name="Kim Jong-un", role="host")
    month = EventFactory(
        title="Envoys visit Pyongyang",
        date_start=dt.date(2018, 9, 1),
        date_end=dt.date(2018, 9, 30),
        date_precision="month",
    )
    talks = EventFactory(
        title="Talks in Hanoi", date_start=dt.date(2019, 2, 27), date_end=dt.date(2019, 2, 28), date_precision="range"
    )
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    newsroom(PAGE % f"{live_server.url}/exports/timelinejs.json")

    # TimelineJS makes one slide per event, with our unique_id as the slide's element id.
    for event in (summit, month, talks):
        slide = page.locator(f"#event-{event.pk}")
        slide.wait_for(state="attached")
        assert event.title in slide.inner_text()
    assert page.locator(".tl-timemarker").count() == 3
    # The group row is named after the main actor.
    assert "Kim Jong-un" in page.locator(".tl-timegroup-message").all_inner_texts()
    # The title slide shows first; the next arrow leads to the earliest event.
    page.locator(".tl-slidenav-next").first.click()
    page.wait_for_function("id => window.timeline.current_id === id", arg=f"event-{summit.pk}")
    assert not errors, errors


def test_another_site_can_frame_the_embed_and_nothing_else(newsroom, page, live_server):
    event = EventFactory(title="Leaders meet in Singapore", kind="summit")
    newsroom(
        f"""<!doctype html><html><body>
        <iframe name="embed" src="{live_server.url}/embed/?kind=summit" width="600" height="300"></iframe>
        <iframe name="home" src="{live_server.url}/" width="600" height="300"></iframe>
        </body></html>"""
    )

    embed = page.frame(name="embed")
    embed.wait_for_selector(f"[data-event-id='{event.pk}']")
    assert "Leaders meet in Singapore" in embed.inner_text("body")
    # The timeline page itself refuses to be framed (X-Frame-Options: DENY): Chromium shows its error page.
    home = page.frame(name="home")
    for _ in range(100):
        if home.url.startswith("chrome-error:"):
            break
        page.wait_for_timeout(100)
    assert home.url == "chrome-error://chromewebdata/"


def test_embed_has_no_accessibility_violations(page, live_server):
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.skip("node_modules/axe-core is missing: run bin/setup")
    event = EventFactory(title="Leaders meet", status="planned")
    ParticipationFactory(event=event, actor__name="Kim Jong-un")
    for url in ("/embed/", f"/embed/events/{event.pk}/"):
        page.goto(live_server.url + url)
        # Evaluated through the DevTools protocol: a Content Security Policy does not block it.
        page.evaluate(axe.read_text() + "\n;0")
        violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + v.help)")
        assert violations == [], (url, violations)
