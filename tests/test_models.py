"""Constraints and model behaviour, on whichever database the suite runs (SQLite or PostgreSQL)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, content_hash
from tests.factories import ActorFactory, ArticleFactory, EventFactory, EvidenceFactory, ParticipationFactory
from timeline.models import Actor, Event, Participation

pytestmark = pytest.mark.django_db


def test_article_stores_raw_bytes_and_hash_of_repaired_text():
    raw = "Caf\xe9 talks\n".encode("latin-1")
    article = ArticleFactory(body="Café talks\n", raw=raw)
    article.refresh_from_db()
    assert bytes(article.raw) == raw
    assert article.content_hash == content_hash("Café talks\n")


def test_same_text_cannot_be_stored_twice():
    ArticleFactory(body="One text.", url="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body="One text.", url="")


def test_same_url_cannot_be_stored_twice_but_blank_urls_can():
    ArticleFactory(url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://example.org/a")
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_event_end_cannot_precede_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(date_start=dt.date(2018, 9, 10), date_end=dt.date(2018, 9, 9))
    EventFactory(date_start=dt.date(2018, 9, 10), date_end=dt.date(2018, 9, 10))
    EventFactory(date_start=None, date_end=None, date_precision="unknown")


def test_one_participation_per_actor_event_and_role():
    part = ParticipationFactory(role=Participation.Role.SENDER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(event=part.event, actor=part.actor, role=Participation.Role.SENDER)
    Participation.objects.create(event=part.event, actor=part.actor, role=Participation.Role.SPEAKER)
    assert part.event.participations.count() == 2


def test_evidence_span_must_not_be_empty():
    evidence = EvidenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceFactory(event=evidence.event, article=evidence.article, start=5, end=5, quote="")


def test_event_slug_follows_title_and_url_keeps_id():
    event = EventFactory(title="Leaders meet in Singapore")
    first_url = event.get_absolute_url()
    assert first_url == f"/events/{event.pk}-leaders-meet-in-singapore/"
    event.title = "Trump–Kim summit in Singapore"
    event.save()
    assert event.get_absolute_url() == f"/events/{event.pk}-trumpkim-summit-in-singapore/"


def test_actor_slugs_are_unique_even_for_the_same_name():
    a = ActorFactory(name="Kim Jong Un")
    b = ActorFactory(name="Kim Jong Un", kind=Actor.Kind.ORGANISATION)
    assert a.slug == "kim-jong-un"
    assert b.slug == "kim-jong-un-2"
    assert a.get_absolute_url() == "/actors/kim-jong-un/"


def test_visible_hides_rejected_and_merged_events():
    kept = EventFactory()
    EventFactory(review=Event.Review.REJECTED)
    EventFactory(merged_into=kept)
    assert list(Event.objects.visible()) == [kept]


def test_between_keeps_events_overlapping_the_window():
    june = EventFactory(date_start=dt.date(2018, 6, 12), date_end=dt.date(2018, 6, 12))
    september = EventFactory(date_start=dt.date(2018, 9, 1), date_end=dt.date(2018, 9, 30), date_precision="month")
    EventFactory(date_start=None, date_end=None, date_precision="unknown")
    assert set(Event.objects.between(dt.date(2018, 9, 15), None)) == {september}
    assert set(Event.objects.between(None, dt.date(2018, 6, 30))) == {june}
    assert set(Event.objects.between(dt.date(2018, 6, 1), dt.date(2018, 9, 5))) == {june, september}


def test_string_forms_name_the_thing():
    evidence = EvidenceFactory(article__title="Kim writes to Trump", quote="Trump received a letter.", end=24)
    assert str(evidence.article) == "Kim writes to Trump"
    assert str(evidence.event) == evidence.event.title
    assert "Trump received a letter." in str(evidence)
    part = ParticipationFactory(actor__name="Sarah Sanders", role=Participation.Role.SPEAKER)
    assert str(part) == f"Sarah Sanders (speaker) in {part.event.title}"
