import pytest

from tests.factories import EventFactory
from timeline.changes import timeline_changed, timeline_version
from timeline.models import Event


@pytest.mark.django_db
def test_saving_an_event_bumps_the_version():
    before = timeline_version()
    event = EventFactory()
    after_create = timeline_version()
    assert after_create > before
    event.title = "Renamed"
    event.save()
    assert timeline_version() > after_create


@pytest.mark.django_db
def test_bulk_updates_need_an_explicit_call():
    EventFactory()
    before = timeline_version()
    Event.objects.update(title="Bulk")
    assert timeline_version() == before
    timeline_changed()
    assert timeline_version() > before
