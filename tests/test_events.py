"""Events from news language: triggers, dates that belong to them, status, participants, merging."""

import datetime as dt

from articles.extraction.extract import extract
from articles.extraction.structure import find_structure

DCT = dt.date(2019, 3, 8)  # a Friday


def events_of(body, dct=DCT):
    text = "Headline\n\n" + body
    return extract(text, find_structure(text), dct).events


def one(body, **expected):
    events = events_of(body)
    assert len(events) == 1, [(e.kind, e.title) for e in events]
    event = events[0]
    for key, value in expected.items():
        got = [p.actor for p in event.participants] if key == "actors" else getattr(event, key)
        assert got == value, f"{key}: {got!r} != {value!r}"
    return event


def test_a_meeting_takes_the_date_after_its_verb():
    one(
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Aachen on Tuesday.",
        kind="meeting",
        status="occurred",
        date_start=dt.date(2019, 3, 5),
        actors=["Angela Merkel", "Emmanuel Macron"],
    )


def test_a_date_premodifying_the_noun_belongs_to_it():
    event = one(
        "Chinese President Xi Jinping and Russian President Vladimir Putin praised their January 20 summit.",
        kind="summit",
        date_start=dt.date(2019, 1, 20),
    )
    assert {p.actor for p in event.participants} == {"Xi Jinping", "Vladimir Putin"}


def test_the_attributions_date_is_not_the_events_but_bounds_it():
    events = events_of(
        "Japanese Prime Minister Shinzo Abe received a letter from South Korean President Moon Jae-in, "
        "government spokesman Yoshihide Suga said on Thursday."
    )
    letter = next(e for e in events if e.kind == "letter")
    assert (letter.date_start, letter.date_end) == (dt.date(2019, 3, 1), dt.date(2019, 3, 7))
    roles = {p.actor: p.role for p in letter.participants}
    assert roles == {"Shinzo Abe": "recipient", "Moon Jae-in": "sender"}
    statement = next(e for e in events if e.kind == "statement")
    assert statement.date_start == dt.date(2019, 3, 7)
    assert [p.actor for p in statement.participants] == ["Yoshihide Suga"]


def test_status_follows_tense_and_modality():
    assert one("Indian Prime Minister Narendra Modi will visit Tokyo on March 20.").status == "planned"
    statuses = {
        e.kind: e.status
        for e in events_of(
            "Narendra Modi said on Monday that Pakistani Prime Minister Imran Khan may attend "
            "a summit with him in June."
        )
    }
    assert statuses == {"statement": "occurred", "summit": "speculative"}
    assert one("Iran offered a meeting with France in April.").status == "proposed"
    assert one("Brazil cancelled the summit with Argentina set for May 2.").status == "cancelled"


def test_negated_and_undated_past_events_give_nothing():
    assert events_of("Vladimir Putin did not meet Xi Jinping on Monday.") == []
    assert events_of("Vladimir Putin and Xi Jinping have met many times.") == []


def test_opinions_and_quotations_make_no_event():
    assert (
        events_of("The summit was a mistake, said John Smith, a professor at the Institute for Policy Studies.") == []
    )
    assert events_of("“We will meet them in Geneva next week,” said one analyst.") == []


def test_mentions_in_several_sentences_merge_into_one_event_with_several_proofs():
    events = events_of(
        "Spain and Morocco signed a fisheries agreement in Rabat on Wednesday. "
        "The agreement gives Spanish boats access to Moroccan waters. "
        "Critics said the agreement was too generous."
    )
    assert len(events) == 1
    assert events[0].kind == "agreement" and events[0].date_start == dt.date(2019, 3, 6)
    assert len(events[0].evidence) == 3
    assert events[0].place == "Rabat"


def test_a_second_meeting_is_not_the_first():
    events = events_of(
        "Vladimir Putin met Recep Tayyip Erdogan in Sochi on February 14. "
        "Putin and Erdogan have proposed a second meeting."
    )
    assert sorted((e.status, e.date_start is not None) for e in events) == [("occurred", True), ("proposed", False)]


def test_a_parade_without_an_agent_is_the_state_of_its_place():
    one(
        "Officials said a military parade in Moscow on Saturday showed new tanks.",
        kind="parade",
        place="Moscow",
        actors=["Russia"],
        date_start=dt.date(2019, 3, 2),
    )


def test_a_recall_of_an_ambassador_is_an_expulsion_event_with_its_target():
    event = one(
        "Germany recalled its ambassador to Venezuela on Wednesday.",
        kind="expulsion",
        date_start=dt.date(2019, 3, 6),
    )
    assert {p.actor: p.role for p in event.participants} == {"Germany": "participant", "Venezuela": "target"}
    assert events_of("Germany recalled the recipe of its ambassador's cake on Wednesday.")[0].kind == "expulsion"
    assert events_of("Germany recalled a story on Wednesday.") == []


def test_a_phone_call_and_the_meeting_agreed_in_it():
    events = events_of(
        "US President Donald Trump and Chinese President Xi Jinping agreed in a phone call on Tuesday "
        "to meet on the sidelines of a G20 summit set for June 28-29 in Osaka."
    )
    kinds = {e.kind: (e.status, e.date_start, e.date_end) for e in events}
    assert kinds == {
        "call": ("occurred", dt.date(2019, 3, 5), dt.date(2019, 3, 5)),
        "meeting": ("planned", dt.date(2019, 6, 28), dt.date(2019, 6, 29)),
        "summit": ("planned", dt.date(2019, 6, 28), dt.date(2019, 6, 29)),
    }
    summit = next(e for e in events if e.kind == "summit")
    assert [p.actor for p in summit.participants] == ["G20"]


def test_the_dateline_and_weekday_words_are_never_participants():
    event = one("WASHINGTON (Reuters) - Canada expelled two Saudi diplomats on Monday, officials said.")
    assert {p.actor: p.role for p in event.participants} == {"Canada": "participant", "Saudi Arabia": "target"}
    assert event.title == "Canada expels Saudi diplomats"


def test_a_plan_agreed_on_a_day_is_not_dated_by_that_day_and_a_planned_weekday_is_the_coming_one():
    events = events_of(
        "US President Donald Trump and Chinese President Xi Jinping agreed on Tuesday to restart trade talks. "
        "Trump said he would meet Kim Jong Un on Sunday if possible."
    )
    talks = next(e for e in events if e.kind == "talks")
    assert (talks.status, talks.date_start) == ("planned", None)
    meeting = next(e for e in events if e.kind == "meeting")
    assert (meeting.status, meeting.date_start) == ("speculative", dt.date(2019, 3, 10))


def test_any_soup_of_news_words_gives_events_or_nothing_but_never_an_error():
    """Pseudo-random sentences from the words the rules look at, at every position (ends included)."""
    import random

    words = (
        "the a of Kim Trump met summit letter said on Monday in Pyongyang “ ” , . ; — ( ) they their two "
        "leaders will may not visit visited arrived at from to between and US President North Korean leader "
        "Sanders spokeswoman ambassador recalled expelled Russian diplomats sanctions call phone after 2007 "
        "Roh Moo-hyun @handle June 12 another second first for set talks with G-20 meeting ’s 's latter"
    )
    vocabulary = words.split()
    rng = random.Random(5)
    for _ in range(400):
        body = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        for event in events_of(body):
            assert event.kind and event.title and event.evidence


def test_hosting_signing_telephoning_and_travelling():
    events = events_of(
        "Russian President Vladimir Putin hosted Chinese President Xi Jinping in Moscow on Wednesday, and the two "
        "leaders signed a joint declaration. "
        "Secretary of State Mike Pompeo spoke with Indian Foreign Minister Subrahmanyam Jaishankar by telephone "
        "on Thursday. Japanese Prime Minister Shinzo Abe will travel to Tehran next week."
    )
    found = {(e.kind, e.status, e.date_start) for e in events}
    assert found == {
        ("meeting", "occurred", dt.date(2019, 3, 6)),
        ("agreement", "occurred", dt.date(2019, 3, 6)),  # the coordinated clause shares the date
        ("call", "occurred", dt.date(2019, 3, 7)),
        ("visit", "planned", dt.date(2019, 3, 11)),
    }
    visit = next(e for e in events if e.kind == "visit")
    assert (visit.place, visit.title) == ("Tehran", "Planned visit by Abe to Tehran")


def test_a_verb_and_its_event_noun_are_one_event():
    event = one(
        "Vietnam will host the second summit between US President Donald Trump and North Korean leader "
        "Kim Jong Un in Hanoi on Feb. 27-28.",
        kind="summit",
        status="planned",
        date_start=dt.date(2019, 2, 27),
        date_end=dt.date(2019, 2, 28),
    )
    assert {"Donald Trump", "Kim Jong Un"} <= {p.actor for p in event.participants}


def test_a_trigger_word_used_as_a_noun_is_no_verb():
    assert events_of("The State Department lifted a warning against travel to Kenya on Friday.") == []
    assert one("He and Palestinian leader Yasser Arafat meet separately on Monday.").kind == "meeting"


def test_a_date_opening_the_sentence_dates_the_speech():
    event = one("On Wednesday, Chinese Foreign Minister Wang Yi said the talks had been useful.")
    assert (event.kind, event.date_start, [p.actor for p in event.participants]) == (
        "statement",
        dt.date(2019, 3, 6),
        ["Wang Yi"],
    )
    events = events_of(
        "On Thursday, Japanese Prime Minister Shinzo Abe said he had received a letter from Moon Jae-in."
    )
    letter = next(e for e in events if e.kind == "letter")
    assert (letter.date_start, letter.date_end) == (dt.date(2019, 3, 1), dt.date(2019, 3, 7))


def test_an_analysts_dated_words_are_no_statement():
    text = (
        "Harry Lime, director of Asian studies at the Institute for Policy Research, said on Monday that the "
        "summit was a mistake. German Chancellor Angela Merkel said on Monday that it was useful."
    )
    assert [(e.kind, [p.actor for p in e.participants]) for e in events_of(text)] == [("statement", ["Angela Merkel"])]


def test_restoring_and_cutting_ties():
    events = events_of(
        "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations. "
        "Saudi Arabia cut ties with Iran in 2016."
    )
    assert sorted((e.kind, e.status, e.date_start, e.title) for e in events) == [
        ("agreement", "occurred", dt.date(2019, 3, 8), "Iran–Saudi Arabia agreement"),
        ("expulsion", "occurred", dt.date(2016, 1, 1), "Saudi Arabia cuts ties with Iran"),
    ]
