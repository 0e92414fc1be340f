"""The curator's journey in Chromium: import, preview and confirm a parse, curate, re-parse.

Tasks go through the real queue (django-tasks-db); the test runs `db_worker --batch` itself
while the page is open, so the progress bar is seen waiting, then finished by htmx polling.

The first journey uses the small test-only parse in tests/curation_parse.py over a story written
here; the second walks the issue's journey on the seed with the real extraction (issue 5).
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles import parsing
from articles.curators import CURATORS, sync_curator_group
from articles.models import Article
from tests.curation_parse import story, toy_parse
from timeline.models import Event

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PASSWORD = "a long curator password"
SCREENSHOTS = os.environ.get("CURATION_SCREENSHOTS")  # a folder: save the preview and event list there

STORY = story(
    "GENEVA (Wire) - Alma Reyes met Boris Tal in Geneva on Monday, officials said.",
    "Boris Tal met Chen Wu at the ministry.",
    "Chen Wu met Alma Reyes over dinner.",
    "Alma Reyes, Boris Tal and Chen Wu met for a working lunch.",
    title="Envoys hold a week of meetings in Geneva",
)


@pytest.fixture
def curator_login(django_user_model):
    sync_curator_group(apps)
    user = django_user_model.objects.create_user("journey", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def wait_for_job(page):
    """The job waits for a worker; run one here, and see htmx swap in the finished state."""
    progress = page.locator("#job-progress")
    assert "Waiting for a worker" in progress.inner_text()
    run_worker()
    page.locator("#job-progress.job-done").wait_for()
    return page.locator("#job-progress").inner_text()


def choose_action(page, action, pks):
    for pk in pks:
        page.locator(f"input.action-select[value='{pk}']").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)


def test_curator_journey(live_server, page, settings, monkeypatch, curator_login, tmp_path):
    settings.TASKS = DATABASE
    monkeypatch.setattr(parsing, "parse_article", toy_parse)
    admin = live_server.url + "/admin/"

    # Log in.
    page.goto(admin)
    page.fill("input[name=username]", "journey")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_text("Curate articles, actors and events").wait_for()

    # Upload the article.
    page.goto(admin + "articles/article/")
    page.click("text=Import articles")
    upload = tmp_path / "geneva-week.txt"
    upload.write_text(STORY, encoding="utf-8")
    page.set_input_files("input[name=files]", str(upload))
    page.fill("input[name=outlet]", "The Test Gazette")
    page.fill("input[name=published]", "2018-09-11")
    shot(page, "import-page.png")
    page.click("input[name=upload]")
    outcome = wait_for_job(page)
    shot(page, "import-job.png")
    assert "1 of 1 file done" in outcome and "created" in outcome
    article = Article.objects.get()
    assert article.status == Article.Status.NEW and not Event.objects.exists()

    # Parse it: the preview first (from the import's page), then confirm.
    page.click("text=Preview the parse of 1 article")
    page.get_by_text("Parse into the timeline?").first.wait_for()
    preview = page.locator("#content-main").inner_text()
    assert "New events (4)" in preview and "New actors (3)" in preview
    assert Event.objects.count() == 0
    shot(page, "parse-preview.png")
    page.click("button[name=post][value=yes]")
    outcome = wait_for_job(page)
    assert "1 of 1 article done" in outcome and "parsed" in outcome

    # The events, in the admin.
    page.click("text=Review the events")
    page.locator("#result_list").wait_for()
    events = {e.title: e for e in Event.objects.all()}
    assert len(events) == 4
    assert page.locator("#result_list tbody tr").count() == 4
    shot(page, "event-list.png")
    pair, trio = events["Alma Reyes and Boris Tal meet"], events["Alma Reyes and Boris Tal and Chen Wu meet"]
    dinner, ministry = events["Alma Reyes and Chen Wu meet"], events["Boris Tal and Chen Wu meet"]

    # Verify one.
    choose_action(page, "verify_events", [pair.pk])
    page.get_by_text("Verified 1 event.").wait_for()

    # Edit its date: a month, not a day.
    page.click(f"#result_list a[href$='/timeline/event/{pair.pk}/change/']")
    page.select_option("select[name=date_precision]", "month")
    page.fill("input[name=date_start]", "2018-08-20")
    shot(page, "event-change.png")
    page.click("input[name=_save]")
    page.get_by_text("was changed successfully").wait_for()

    # Merge two: the dinner into the working lunch.
    choose_action(page, "merge_events", [dinner.pk, trio.pk])
    page.get_by_text("Merge events?").first.wait_for()
    page.check(f"#survivor-{trio.pk}")
    shot(page, "merge-events.png")
    page.click("button[name=post][value=yes]")
    page.get_by_text("Merged 1 event into").wait_for()

    # Reject one.
    page.goto(admin + "timeline/event/")
    choose_action(page, "reject_events", [ministry.pk])
    page.get_by_text("Rejected 1 event").wait_for()

    # Re-parse the article: the preview says what is already there; confirm.
    page.goto(admin + "articles/article/")
    choose_action(page, "parse_into_timeline", [article.pk])
    preview = page.locator("#content-main").inner_text()
    assert "New events" not in preview
    page.click("button[name=post][value=yes]")
    assert "parsed" in wait_for_job(page)

    page.goto(admin + "timeline/event/")
    shot(page, "event-list-after.png")

    # Curator work is unchanged.
    assert Event.objects.count() == 4
    pair.refresh_from_db()
    assert pair.review == Event.Review.VERIFIED
    assert (pair.date_precision, pair.date_start, pair.date_end) == ("month", dt.date(2018, 8, 1), dt.date(2018, 8, 31))
    dinner.refresh_from_db()
    assert dinner.merged_into_id == trio.pk and dinner.evidence.count() == 0
    ministry.refresh_from_db()
    assert ministry.review == Event.Review.REJECTED
    page.goto(live_server.url + dinner.get_absolute_url())
    assert page.url.endswith(trio.get_absolute_url())


SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_0dcf6ac655a67240.txt"


def test_curator_journey_on_the_seed(live_server, page, settings, curator_login):
    """The issue's journey with the real extraction: the seed article gives six events."""
    settings.TASKS = DATABASE
    admin = live_server.url + "/admin/"
    page.goto(admin)
    page.fill("input[name=username]", "journey")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_text("Curate articles, actors and events").wait_for()

    # Upload the seed, with what its manifest says.
    page.goto(admin + "articles/article/import/")
    page.set_input_files("input[name=files]", str(SEED))
    page.fill("input[name=outlet]", "Arab News")
    page.fill("input[name=credit]", "Reuters")
    page.fill("input[name=published]", "2018-09-11")
    page.click("input[name=upload]")
    assert "1 of 1 file done" in wait_for_job(page)
    article = Article.objects.get()

    # The preview, then confirm.
    page.click("text=Preview the parse of 1 article")
    page.get_by_text("Parse into the timeline?").first.wait_for()
    preview = page.locator("#content-main").inner_text()
    shot(page, "seed-parse-preview.png")
    page.click("button[name=post][value=yes]")
    assert "parsed" in wait_for_job(page)
    if not Event.objects.exists():
        pytest.skip("the extraction of events (issue 5) is not on this branch yet")
    assert "New events (6)" in preview

    # Six events.
    page.goto(admin + "timeline/event/?merged=no")
    page.locator("#result_list").wait_for()
    events = list(Event.objects.visible().order_by("pk"))
    assert len(events) == 6, [e.title for e in events]
    assert page.locator("#result_list tbody tr").count() == 6
    shot(page, "seed-event-list.png")
    verified, merged, survivor, rejected = events[0], events[1], events[2], events[3]

    choose_action(page, "verify_events", [verified.pk])
    page.get_by_text("Verified 1 event.").wait_for()
    page.goto(admin + f"timeline/event/{verified.pk}/change/")
    page.select_option("select[name=date_precision]", "day")
    page.fill("input[name=date_start]", "2018-09-07")
    page.click("input[name=_save]")
    page.get_by_text("was changed successfully").wait_for()

    page.goto(admin + "timeline/event/")
    choose_action(page, "merge_events", [merged.pk, survivor.pk])
    page.check(f"#survivor-{survivor.pk}")
    page.click("button[name=post][value=yes]")
    page.get_by_text("Merged 1 event into").wait_for()

    page.goto(admin + "timeline/event/")
    choose_action(page, "reject_events", [rejected.pk])
    page.get_by_text("Rejected 1 event").wait_for()

    # Re-parse: curator work stays as it is.
    page.goto(admin + "articles/article/")
    choose_action(page, "parse_into_timeline", [article.pk])
    page.click("button[name=post][value=yes]")
    assert "parsed" in wait_for_job(page)
    page.goto(admin + "timeline/event/")
    shot(page, "seed-event-list-after.png")

    verified.refresh_from_db()
    assert verified.review == Event.Review.VERIFIED
    assert (verified.date_precision, verified.date_start, verified.date_end) == (
        "day",
        dt.date(2018, 9, 7),
        dt.date(2018, 9, 7),
    )
    merged.refresh_from_db()
    assert merged.merged_into_id == survivor.pk
    rejected.refresh_from_db()
    assert rejected.review == Event.Review.REJECTED
    assert Event.objects.visible().count() == 4  # six, less one merged, less one rejected: none re-proposed
