"""The "Parse into timeline" action: a preview that writes nothing, then a background job."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles import parsing
from articles.models import Article
from curation.models import Job
from tests.curation_parse import story, toy_parse
from tests.factories import ArticleFactory
from timeline.models import Actor, Event, Evidence

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture(autouse=True)
def setup(settings, monkeypatch):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(parsing, "parse_article", toy_parse)


def _article(*sentences, **fields):
    body = story(*sentences)
    return ArticleFactory(body=body, raw=body.encode(), **fields)


def _action(client, articles, captured=None, **data):
    payload = {"action": "parse_into_timeline", "_selected_action": [a.pk for a in articles], **data}
    if captured is None:
        return client.post(reverse(CHANGELIST), payload)
    with captured(execute=True):
        return client.post(reverse(CHANGELIST), payload)


def test_preview_lists_events_and_actors_and_writes_nothing(curator_client):
    article = _article("Alma Reyes met Boris Tal on Monday.", "The weather was fine.")
    response = _action(curator_client, [article])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Parse into the timeline?" in page
    assert "New events (1)" in page and "Alma Reyes and Boris Tal meet" in page
    assert "New actors (2)" in page and "Boris Tal" in page
    assert "10 September 2018" in page  # the day before publication, as the toy parse dates it
    assert "<q>Alma Reyes met Boris Tal on Monday.</q>" in page
    assert (Event.objects.count(), Actor.objects.count(), Evidence.objects.count(), Job.objects.count()) == (0, 0, 0, 0)
    article.refresh_from_db()
    assert article.status == Article.Status.NEW


def test_preview_shows_events_merged_into_existing_ones(curator_client, django_capture_on_commit_callbacks):
    first = _article("Alma Reyes met Chen Wu in Geneva.")
    _action(curator_client, [first], django_capture_on_commit_callbacks, post="yes")
    assert Event.objects.count() == 1
    second = _article("Officials said Alma Reyes met Chen Wu in Geneva.", title="Second report")
    page = _action(curator_client, [second]).content.decode()
    assert "Merged into events already in the timeline (1)" in page
    assert "New events" not in page
    # Re-parsing the first article finds what it already holds.
    again = _action(curator_client, [first]).content.decode()
    assert "Already in the timeline from this article (1)" in again


def test_confirm_runs_the_parse_in_a_job_with_outcomes(curator_client, django_capture_on_commit_callbacks):
    one = _article("Alma Reyes met Boris Tal on Monday.")
    two = _article("Boris Tal met Chen Wu on Tuesday.", "Chen Wu met Alma Reyes later.")
    response = _action(curator_client, [one, two], django_capture_on_commit_callbacks, post="yes")
    job = Job.objects.get(kind=Job.Kind.PARSE)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == Job.State.DONE
    assert list(job.items.values_list("status", flat=True)) == ["parsed", "parsed"]
    assert job.items.get(article=two).report["counts"]["events_created"] == 2
    assert Event.objects.count() == 3
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.PARSED}
    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "2 of 2 articles done" in page and "2 new events" in page


def test_article_without_date_asks_for_one(curator_client, django_capture_on_commit_callbacks):
    article = _article(
        "Alma Reyes met Boris Tal on Monday.", published_on=None, published_source="", status="needs_date"
    )
    page = _action(curator_client, [article]).content.decode()
    assert f'name="published-{article.pk}"' in page and "Without one, the article is not parsed" in page
    assert "New events" not in page

    bad = _action(curator_client, [article], **{"post": "yes", f"published-{article.pk}": "last Tuesday"})
    assert bad.status_code == 200 and not Job.objects.exists()

    again = _action(curator_client, [article], **{"post": "preview", f"published-{article.pk}": "2019-05-02"})
    assert "New events (1)" in again.content.decode() and "1 May 2019" in again.content.decode()
    article.refresh_from_db()
    assert article.published_on is None  # a preview writes nothing, the date included

    _action(
        curator_client,
        [article],
        django_capture_on_commit_callbacks,
        **{"post": "yes", f"published-{article.pk}": "2019-05-02"},
    )
    article.refresh_from_db()
    assert article.published_on == dt.date(2019, 5, 2)
    assert article.published_source == Article.DateSource.CURATOR
    assert article.status == Article.Status.PARSED
    assert Event.objects.get().date_start == dt.date(2019, 5, 1)
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message__contains="2019-05-02").exists()


def test_confirmed_article_still_without_date_is_reported_not_parsed(
    curator_client, django_capture_on_commit_callbacks
):
    article = _article("Alma Reyes met Boris Tal.", published_on=None, published_source="", status="needs_date")
    _action(curator_client, [article], django_capture_on_commit_callbacks, post="yes")
    item = Job.objects.get().items.get()
    assert item.status == "needs_date" and "no publication date" in item.reason
    assert not Event.objects.exists()


def test_a_failing_parse_does_not_stop_the_others(curator_client, monkeypatch, django_capture_on_commit_callbacks):
    def fragile(article, analysis=None):
        if "explode" in article.body:
            Event.objects.create(title="Half-made event", kind="meeting")  # rolled back with the failure
            raise ValueError("the parser tripped on this one")
        return toy_parse(article, analysis)

    monkeypatch.setattr(parsing, "parse_article", fragile)
    bad = _article("This one will explode.")
    good = _article("Alma Reyes met Boris Tal.")
    preview = _action(curator_client, [bad, good]).content.decode()
    assert "The parse would fail: ValueError: the parser tripped on this one" in preview
    _action(curator_client, [bad, good], django_capture_on_commit_callbacks, post="yes")
    job = Job.objects.get()
    outcomes = dict(job.items.values_list("article_id", "status"))
    assert outcomes == {bad.pk: "failed", good.pk: "parsed"}
    assert "ValueError: the parser tripped on this one" in job.items.get(article=bad).reason
    assert list(Event.objects.values_list("title", flat=True)) == ["Alma Reyes and Boris Tal meet"]
    bad.refresh_from_db()
    assert bad.status == Article.Status.FAILED and "tripped" in bad.error
    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "1 of 2 failed" in page and "the parser tripped on this one" in page
