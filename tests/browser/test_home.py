import datetime as dt

from tests.factories import EventFactory, ParticipationFactory


def test_home_page_shows_an_event_in_chromium(live_server, page):
    event = EventFactory(
        title="Leaders meet at the border", date_start=dt.date(2018, 5, 26), date_end=dt.date(2018, 5, 26)
    )
    ParticipationFactory(event=event, actor__name="Moon Jae-in")
    page.goto(live_server.url + "/")
    card = page.locator(f"[data-event-id='{event.pk}']")
    card.wait_for(state="visible")
    assert "Leaders meet at the border" in card.inner_text()
    assert "26 May 2018" in card.inner_text()
    assert "Moon Jae-in" in card.inner_text()
