import pytest
from django.urls import reverse

from tests.factories import EventFactory


@pytest.mark.django_db
def test_the_permalink_announces_its_oembed_endpoint(client):
    event = EventFactory(title="Envoys meet in Geneva")
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'type="application/json+oembed"' in html
    assert reverse("exports:oembed") + "?url=" in html
