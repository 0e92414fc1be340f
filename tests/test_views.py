import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory, EvidenceFactory, ParticipationFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_home_lists_visible_events_newest_first(client):
    old = EventFactory(title="Old summit", date_start=dt.date(2017, 1, 5), date_end=dt.date(2017, 1, 5))
    new = EventFactory(title="New summit", date_start=dt.date(2019, 2, 1), date_end=dt.date(2019, 2, 1))
    EventFactory(title="Rejected summit", review=Event.Review.REJECTED)
    html = client.get(reverse("timeline:home")).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "Rejected summit" not in html


def test_event_permalink_redirects_old_slug_and_merged_events(client):
    event = EventFactory(title="Kim writes to Trump")
    assert client.get(event.get_absolute_url()).status_code == 200
    stale = reverse("timeline:event", kwargs={"pk": event.pk, "slug": "an-old-title"})
    response = client.get(stale)
    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()
    duplicate = EventFactory(title="Kim sends letter", merged_into=event)
    response = client.get(duplicate.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()


def test_actor_page_lists_their_events(client):
    part = ParticipationFactory(actor=ActorFactory(name="Moon Jae-in"), event__title="Moon visits Pyongyang")
    html = client.get(part.actor.get_absolute_url()).content.decode()
    assert "Moon visits Pyongyang" in html


def test_article_page_links_evidence_to_its_event(client):
    evidence = EvidenceFactory(event__title="Envoys meet in Geneva")
    html = client.get(evidence.article.get_absolute_url()).content.decode()
    assert evidence.event.get_absolute_url() in html
    assert f'id="s{evidence.start}"' in html


def test_markup_in_titles_is_shown_inert(client):
    EventFactory(title="<script>alert(1)</script> talks")
    html = client.get(reverse("timeline:home")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talks" in html
