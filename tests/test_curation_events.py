"""Event and actor curation in the admin: verify, reject, merge, the date with its precision."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from tests.factories import ActorFactory, ArticleFactory, EventFactory, EvidenceFactory, ParticipationFactory
from timeline.changes import timeline_version
from timeline.models import Actor, Event, Participation, Place

pytestmark = pytest.mark.django_db

EVENTS = "admin:timeline_event_changelist"
ACTORS = "admin:timeline_actor_changelist"


def _act(client, url, action, objs, **data):
    return client.post(reverse(url), {"action": action, "_selected_action": [o.pk for o in objs], **data})


def _history(obj):
    return list(LogEntry.objects.filter(object_id=str(obj.pk)).values_list("change_message", flat=True))


def test_verify_and_reject_leave_history_and_bump_the_timeline(curator_client):
    keep, drop = EventFactory(), EventFactory()
    version = timeline_version()
    _act(curator_client, EVENTS, "verify_events", [keep])
    _act(curator_client, EVENTS, "reject_events", [drop])
    keep.refresh_from_db()
    drop.refresh_from_db()
    assert keep.review == Event.Review.VERIFIED and keep.verified_at and keep.curator_edited
    assert drop.review == Event.Review.REJECTED and drop.curator_edited
    assert _history(keep) == ["Verified."] and _history(drop) == ["Rejected."]
    assert timeline_version() > version
    assert list(Event.objects.visible()) == [keep]


def test_merge_asks_which_event_stays_then_moves_participants_and_evidence(curator_client):
    article = ArticleFactory()
    a, b = EventFactory(title="Leaders meet in Hanoi"), EventFactory(title="Hanoi summit")
    shared = ActorFactory(name="Kim Jong Un")
    ParticipationFactory(event=a, actor=shared)
    ParticipationFactory(event=b, actor=shared)  # the same participant: kept once
    ParticipationFactory(event=b, actor=ActorFactory(name="Donald Trump"))
    EvidenceFactory(event=a, article=article)
    EvidenceFactory(event=b, article=ArticleFactory())

    page = _act(curator_client, EVENTS, "merge_events", [a, b]).content.decode()
    assert "Merge events?" in page and 'name="survivor"' in page
    assert "Leaders meet in Hanoi" in page and "Hanoi summit" in page
    assert Event.objects.filter(merged_into__isnull=False).count() == 0  # nothing yet

    response = _act(curator_client, EVENTS, "merge_events", [a, b], post="yes", survivor=b.pk)
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.merged_into == b
    assert sorted(p.actor.name for p in b.participations.all()) == ["Donald Trump", "Kim Jong Un"]
    assert b.evidence.count() == 2 and a.evidence.count() == 0
    # The merged event keeps its participants as a record, so a re-parse recognises it.
    assert [p.actor.name for p in a.participations.all()] == ["Kim Jong Un"]
    assert Participation.objects.filter(event=b).count() == 2
    # The merged event's permalink sends readers to the survivor.
    redirect = curator_client.get(a.get_absolute_url())
    assert redirect.status_code == 301 and redirect["Location"] == b.get_absolute_url()
    assert any("Merged into event" in m for m in _history(a))
    assert any("into this one" in m for m in _history(b))


def test_merge_needs_two_events_and_a_survivor_among_them(curator_client):
    a, b, other = EventFactory(), EventFactory(), EventFactory()
    _act(curator_client, EVENTS, "merge_events", [a])
    _act(curator_client, EVENTS, "merge_events", [a, b], post="yes", survivor=other.pk)
    assert not Event.objects.filter(merged_into__isnull=False).exists()


def test_events_merged_earlier_follow_to_the_new_survivor(curator_client):
    a, b, c = EventFactory(), EventFactory(), EventFactory()
    _act(curator_client, EVENTS, "merge_events", [a, b], post="yes", survivor=b.pk)
    _act(curator_client, EVENTS, "merge_events", [b, c], post="yes", survivor=c.pk)
    assert set(Event.objects.filter(merged_into=c).values_list("pk", flat=True)) == {a.pk, b.pk}


def _event_form(event, **changes):
    form = {
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "date_start": "",
        "date_end": "",
        "date_precision": "day",
        "date_value": "",
        "date_text": "",
        "review": event.review,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
    }
    form.update(changes)
    return form


@pytest.mark.parametrize(
    ("precision", "start", "end", "expected"),
    [
        ("day", "2018-09-10", "2018-09-30", (dt.date(2018, 9, 10), dt.date(2018, 9, 10), "2018-09-10")),
        ("month", "2018-02-14", "", (dt.date(2018, 2, 1), dt.date(2018, 2, 28), "2018-02")),
        ("year", "2019-06-01", "", (dt.date(2019, 1, 1), dt.date(2019, 12, 31), "2019")),
        ("range", "2018-09-18", "2018-09-20", (dt.date(2018, 9, 18), dt.date(2018, 9, 20), "")),
        ("unknown", "2018-09-18", "", (None, None, "")),
    ],
)
def test_date_is_edited_with_its_precision(curator_client, precision, start, end, expected):
    event = EventFactory()
    url = reverse("admin:timeline_event_change", args=[event.pk])
    response = curator_client.post(url, _event_form(event, date_precision=precision, date_start=start, date_end=end))
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert (event.date_start, event.date_end, event.date_value) == expected
    assert event.date_precision == precision and event.curator_edited


def test_range_ending_before_it_starts_is_refused(curator_client):
    event = EventFactory()
    url = reverse("admin:timeline_event_change", args=[event.pk])
    form = _event_form(event, date_precision="range", date_start="2018-09-20", date_end="2018-09-18")
    response = curator_client.post(url, form)
    assert response.status_code == 200 and b"cannot come before" in response.content


def test_event_list_filters_by_actor_and_links_to_public_pages(curator_client):
    with_kim, _other = EventFactory(title="Kim visits Beijing"), EventFactory(title="Envoys talk")
    kim = ActorFactory(name="Kim Jong Un")
    ParticipationFactory(event=with_kim, actor=kim)
    page = curator_client.get(reverse(EVENTS), {"actor": kim.pk}).content.decode()
    assert "Kim visits Beijing" in page and "Envoys talk" not in page
    assert with_kim.get_absolute_url() in page
    for query in ({"review__exact": "proposed"}, {"kind__exact": "meeting"}, {"merged": "no"}):
        assert curator_client.get(reverse(EVENTS), query).status_code == 200


def test_evidence_links_to_its_sentence_in_the_article(curator_client):
    evidence = EvidenceFactory(start=5)
    page = curator_client.get(reverse("admin:timeline_event_change", args=[evidence.event.pk])).content.decode()
    assert f'href="/articles/{evidence.article.pk}/#s5"' in page


def test_actor_merge_moves_aliases_and_participations_and_the_old_slug_redirects(curator_client):
    full = ActorFactory(name="Kim Jong Un", aliases=["Kim"])
    short = ActorFactory(name="Kim Jong-un", aliases=["Chairman Kim", "Kim"])
    state = ActorFactory(name="North Korea", kind="state")
    dup = ActorFactory(name="DPRK", kind="state")
    ParticipationFactory(actor=short)
    member = ActorFactory(state=dup)
    place = Place.objects.create(name="Pyongyang", country=dup)

    page = _act(curator_client, ACTORS, "merge_actors", [full, short]).content.decode()
    assert "Merge actors?" in page and "Kim Jong-un" in page
    _act(curator_client, ACTORS, "merge_actors", [full, short], post="yes", survivor=full.pk)
    full.refresh_from_db()
    short.refresh_from_db()
    assert short.merged_into == full
    assert full.aliases == ["Kim", "Kim Jong-un", "Chairman Kim"]
    assert full.participations.count() == 1 and short.participations.count() == 0
    response = curator_client.get(short.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == full.get_absolute_url()
    assert any("Merged into actor" in m for m in _history(short))

    _act(curator_client, ACTORS, "merge_actors", [state, dup], post="yes", survivor=state.pk)
    member.refresh_from_db()
    place.refresh_from_db()
    assert member.state == state and place.country == state
    assert Actor.objects.active().filter(kind="state").get() == state


def test_actor_aliases_are_edited_one_per_line(curator_client):
    actor = ActorFactory(name="Moon Jae-in", aliases=["Moon"])
    url = reverse("admin:timeline_actor_change", args=[actor.pk])
    assert "Moon</textarea>" in curator_client.get(url).content.decode()
    form = {
        "name": actor.name,
        "slug": actor.slug,
        "kind": "person",
        "role": "South Korean President",
        "aliases": "Moon\n  President  Moon \n\nmoon\n",
        "wikidata_id": "",
    }
    response = curator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    actor.refresh_from_db()
    assert actor.aliases == ["Moon", "President Moon"]


def test_verifying_in_the_form_records_when(curator_client):
    event = EventFactory()
    url = reverse("admin:timeline_event_change", args=[event.pk])
    form = _event_form(event, date_start="2018-09-10", review="verified")
    assert curator_client.post(url, form).status_code == 302
    event.refresh_from_db()
    assert event.review == "verified" and event.verified_at is not None
