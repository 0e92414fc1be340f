"""Actors: people with titles and appositions, states, capitals, organisations, short forms, pronouns."""

from articles.extraction.actors import find_actors, short_name
from articles.extraction.lexicon import base_lexicon
from articles.extraction.structure import find_structure


def actors_of(text):
    structure = find_structure(text)
    sentences = [(s.start, s.end) for s in structure.sentences]
    captions = [(c.start, c.end) for c in structure.captions]
    return find_actors(text, sentences, captions, base_lexicon())


def mentions(found, text):
    return [(text[m.start : m.end], m.actor, m.how) for seg in found.sentences() for m in seg.mentions]


TEXT = (
    "Envoys meet\n\n"
    "BERLIN (Reuters) - German Chancellor Angela Merkel met Japanese Prime Minister Shinzo Abe on Monday, "
    "government spokesman Steffen Seibert said.\n"
    "Merkel told reporters she was pleased. Tokyo said the talks went well.\n"
    "Chinese President Xi Jinping will visit Berlin next month, said Li Wei, director of European studies "
    "at the Institute for Global Affairs, a think tank in Beijing.\n"
    "Xi has not visited Germany since 2019. On Tuesday the talks resumed.\n"
)


def test_people_come_with_their_full_names_roles_and_states():
    found = actors_of(TEXT)
    people = {a.name: (a.role, a.state) for a in found.actors.values() if a.kind == "person"}
    assert people == {
        "Angela Merkel": ("German Chancellor", "Germany"),
        "Shinzo Abe": ("Japanese Prime Minister", "Japan"),
        "Steffen Seibert": ("government spokesman", ""),
        "Xi Jinping": ("Chinese President", "China"),
        "Li Wei": ("director of European studies, Institute for Global Affairs", ""),
    }


def test_short_forms_pronouns_and_capitals_resolve_to_the_full_actor():
    found = actors_of(TEXT)
    said = mentions(found, TEXT)
    assert ("Merkel", "Angela Merkel", "alias") in said
    assert ("she", "Angela Merkel", "pronoun") in said
    assert ("Xi", "Xi Jinping", "alias") in said, "a Chinese name puts the family name first"
    assert ("Tokyo", "Japan", "capital") in said, "a capital that speaks stands for its government"
    places = [m.actor for seg in found.sentences() for m in seg.mentions if m.kind == "place"]
    assert "Beijing" in places, "'a think tank in Beijing' is a place"


def test_no_junk_actors_from_datelines_weekdays_wires_or_sentence_starts():
    found = actors_of(TEXT)
    names = set(found.actors)
    for junk in ("BERLIN", "Reuters", "Monday", "Tuesday", "On Tuesday", "Envoys", "On"):
        assert junk not in names
    assert found.actors["Institute for Global Affairs"].kind == "organisation"


def test_organisations_take_the_state_before_them_and_particles_stay_in_names():
    text = (
        "Talks\n\nFrench Foreign Ministry spokeswoman Anne-Claire von der Rohe said in a statement that the "
        "European Union and NATO were consulted.\n"
    )
    found = actors_of(text)
    assert found.actors["French Foreign Ministry"].state == "France"
    assert found.actors["Anne-Claire von der Rohe"].role == "French Foreign Ministry spokeswoman"
    assert short_name("Anne-Claire von der Rohe") == "von der Rohe"
    assert {"European Union", "NATO"} <= set(found.actors)


def test_a_longer_spelling_of_a_name_merges_with_the_shorter_one():
    text = (
        "Visit\n\nPresident Recep Tayyip Erdogan of Turkey spoke. Later Tayyip Erdogan left. "
        "Kim Jong-un and Kim Jong Un are one man.\n"
    )
    found = actors_of(text)
    people = {a.name for a in found.actors.values() if a.kind == "person"}
    assert people == {"Recep Tayyip Erdogan", "Kim Jong-un"}
    assert "Tayyip Erdogan" in found.actors["Recep Tayyip Erdogan"].aliases


def test_captions_lend_names_but_are_not_news():
    text = (
        "Leaders meet\n\n"
        "Russian President Vladimir Putin speaks in Moscow, Russia May 1, 2019. REUTERS/Maxim Shemetov\n"
        "Putin said on Friday that he would attend.\n"
    )
    found = actors_of(text)
    putin = found.actors["Vladimir Putin"]
    assert putin.in_news and putin.role == "Russian President"
    assert "Maxim Shemetov" not in found.actors or not found.actors["Maxim Shemetov"].in_news


def test_one_name_is_a_person_after_a_title_or_before_a_speech_verb_but_not_a_wire_or_a_building():
    text = (
        "Talks\n\nPresident Obama met aides in the White House on Monday. "
        "The talks went well, Gremitskikh said. Reuters said the aides left. Police said nothing.\n"
    )
    found = actors_of(text)
    people = {a.name for a in found.actors.values() if a.kind == "person"}
    assert people == {"Obama", "Gremitskikh"}
    assert found.actors["Reuters"].kind == "organisation"
    kinds = {m.actor: m.kind for seg in found.sentences() for m in seg.mentions}
    assert kinds["White House"] == "place"


def test_a_title_without_a_name_is_the_one_person_holding_it():
    text = (
        "Talks\n\nNorth Korean leader Kim Jong Un met South Korean President Moon Jae-in. "
        "The North Korean leader said the talks went well. A president said nothing.\n"
    )
    found = actors_of(text)
    said = mentions(found, text)
    assert ("leader", "Kim Jong Un", "role") in said
    assert not any(how == "role" and form == "president" for form, _, how in said)
