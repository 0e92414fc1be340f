"""Structure: headline, captions, bullets, byline, dateline and credit, trailers, paragraphs, sentences.

The articles here are written for the tests, in the forms news copy takes.
"""

import datetime as dt
import json

import pytest

from articles.extraction.decode import decode
from articles.extraction.sentences import split_sentences
from articles.extraction.structure import find_structure
from tests.conftest import SEEDS, SHARED

WIRE = "\n".join(
    [
        "Envoys agree to resume border talks next month",
        "",
        "A handout picture released by the foreign ministry shows the two envoys shaking hands in "
        "Geneva, Switzerland, March 3, 2019. (AFP)",
        "  • The talks had stalled for a year",
        "  • Both sides want a deal before the summer",
        "",
        "GENEVA, March 4 (Reuters) - Envoys from the two countries agreed on Monday to resume "
        "border talks next month, a spokesman for the U.N. mission said.",
        "“We are ready to talk. We have always been ready,” the spokesman, Mr. Jean Dupont, told "
        "reporters at 10 a.m. The envoys did not comment.",
        "The next round is due in Vienna on April 2, according to Gen. Ahmad Karimi of the monitoring force.",
        "Reporting by Ann Example; Editing by Bob Sample",
        "",
    ]
)


def parts(text):
    structure = find_structure(text)
    return structure, [s.text for s in structure.sentences]


def test_wire_article_parts():
    structure, sentences = parts(WIRE)
    assert structure.headline.of(WIRE) == "Envoys agree to resume border talks next month"
    assert [c.of(WIRE)[:19] for c in structure.captions] == ["A handout picture r"]
    assert [b.of(WIRE) for b in structure.bullets] == [
        "• The talks had stalled for a year",
        "• Both sides want a deal before the summer",
    ]
    assert structure.dateline.of(WIRE) == "GENEVA, March 4 (Reuters) - "
    assert structure.dateline_place == "GENEVA"
    assert structure.dateline_date == "March 4"
    assert structure.credit == "Reuters"
    assert structure.published is None, "a dateline without a year is not a publication date"
    assert [t.of(WIRE) for t in structure.trailers] == ["Reporting by Ann Example; Editing by Bob Sample"]
    assert len(structure.paragraphs) == 3
    assert sentences == [
        "Envoys from the two countries agreed on Monday to resume border talks next month, "
        "a spokesman for the U.N. mission said.",
        "“We are ready to talk. We have always been ready,” the spokesman, Mr. Jean Dupont, told reporters at 10 a.m.",
        "The envoys did not comment.",
        "The next round is due in Vienna on April 2, according to Gen. Ahmad Karimi of the monitoring force.",
    ]


def test_sentence_offsets_point_into_the_text():
    structure = find_structure(WIRE)
    for sentence in structure.sentences:
        assert WIRE[sentence.start : sentence.end] == sentence.text
        paragraph = structure.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def test_no_sentence_comes_from_a_caption_bullet_or_trailer():
    structure = find_structure(WIRE)
    excluded = structure.captions + structure.bullets + structure.trailers + [structure.headline]
    for sentence in structure.sentences:
        assert not any(span.start <= sentence.start < span.end for span in excluded)


@pytest.mark.parametrize(
    ("opening", "place", "credit", "date"),
    [
        ("WASHINGTON: ", "WASHINGTON", "", ""),
        ("ISTANBUL (Reuters) - ", "ISTANBUL", "Reuters", ""),
        ("SEOUL, June 30 (Yonhap) -- ", "SEOUL", "Yonhap", "June 30"),
        ("(PARIS) — ", "PARIS", "", ""),
        ("UNITED NATIONS (AP) — ", "UNITED NATIONS", "Associated Press", ""),
        ("ST. PETERSBURG, Russia (AP) — ", "ST. PETERSBURG", "Associated Press", ""),
        ("Moscow, 11 September (TASS) - ", "Moscow", "TASS", "11 September"),
        ("NEW DELHI: ", "NEW DELHI", "", ""),
        ("BEIJING — ", "BEIJING", "", ""),
    ],
)
def test_datelines(opening, place, credit, date):
    text = f"Leaders meet\n\n{opening}The two leaders met on Tuesday for talks on trade, officials said.\n"
    structure, sentences = parts(text)
    assert structure.dateline.of(text) == opening
    assert structure.dateline_place == place
    assert structure.credit == credit
    assert structure.dateline_date == date
    assert sentences == ["The two leaders met on Tuesday for talks on trade, officials said."]


@pytest.mark.parametrize(
    "opening",
    ["UPDATE: The two leaders", "BREAKING — The two leaders", "NATO allies said the two leaders", "The two leaders"],
)
def test_labels_and_ordinary_openings_are_not_datelines(opening):
    text = f"Leaders meet\n\n{opening} met on Tuesday for talks on trade, officials said.\n"
    assert find_structure(text).dateline is None


def test_full_date_in_a_dateline_is_the_publication_date():
    text = "Leaders meet\n\nTOKYO, Sept. 10, 2018 (Kyodo) -- The two leaders met on Monday for talks, officials said.\n"
    structure = find_structure(text)
    assert structure.published == dt.date(2018, 9, 10)
    assert structure.published_source == "text"
    assert structure.credit == "Kyodo"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published: September 11, 2018", dt.date(2018, 9, 11)),
        ("Published on 11 Sep 2018 at 10:32 GMT", dt.date(2018, 9, 11)),
        ("Posted Tue 11 Sep 2018 | 10.32am BST", dt.date(2018, 9, 11)),
        ("Published 2018-09-11T08:00:00", dt.date(2018, 9, 11)),
        ("Tuesday, September 11, 2018", dt.date(2018, 9, 11)),
    ],
)
def test_published_line_gives_the_date_and_is_not_news(line, date):
    text = f"Leaders meet\n{line}\n\nThe two leaders met on Monday for talks on trade, officials said.\n"
    structure = find_structure(text)
    assert structure.published == date
    assert structure.published_source == "metadata"
    assert structure.headline.of(text) == "Leaders meet"
    assert [s.text for s in structure.sentences] == [
        "The two leaders met on Monday for talks on trade, officials said."
    ]


def test_published_line_wins_over_an_updated_line():
    text = (
        "Leaders meet\nUpdated: September 12, 2018\nPublished: September 11, 2018\n\n"
        "The two leaders met on Monday for talks on trade, officials said.\n"
    )
    assert find_structure(text).published == dt.date(2018, 9, 11)


@pytest.mark.parametrize(
    "caption",
    [
        "A combination photo shows the two ministers in Brussels, Belgium, May 2, 2019 and in Rome. (REUTERS)",
        "In this Nov.9, 2018 file photo, the minister talks to reporters in Rome. The talks resumed on Monday.",
        "FILE PHOTO: The minister speaks during a news conference in Rome, Italy, May 2, 2019. REUTERS/Ann Example",
        "The minister greets his counterpart at the airport. Ann Example/Pool via REUTERS",
        "People watch the broadcast of the summit at a railway station in the capital | Reuters",
        "The minister arrives for the meeting in Brussels. (AP Photo/Ann Example)",
        "The minister arrives for the meeting in Brussels. Photo: AFP",
        "The minister arrives for the meeting in Brussels. (Photo by Ann Example/Getty Images)",
        "Undated photo of the minister released by the state news agency.",
        "File photo of the minister at the border crossing last year.",
    ],
)
def test_captions_are_not_news(caption):
    text = f"Leaders meet\n\n{caption}\n\nThe two leaders met on Monday for talks on trade, officials said.\n"
    structure, sentences = parts(text)
    assert [c.of(text) for c in structure.captions] == [caption]
    assert sentences == ["The two leaders met on Monday for talks on trade, officials said."]


def test_credit_line_joins_the_caption_above_it():
    text = (
        "Leaders meet\n\nIn this March 3 file photo, the minister talks to reporters in Rome.\nAnn Example—AP\n"
        "By Associated Press\n\n(ROME) — The two leaders met on Monday for talks on trade, officials said.\n"
    )
    structure, sentences = parts(text)
    assert [c.of(text) for c in structure.captions] == [
        "In this March 3 file photo, the minister talks to reporters in Rome.\nAnn Example—AP"
    ]
    assert structure.byline.of(text) == "By Associated Press"
    assert structure.credit == "Associated Press"
    assert structure.dateline_place == "ROME"
    assert sentences == ["The two leaders met on Monday for talks on trade, officials said."]


def test_news_paragraphs_that_mention_photos_or_dashes_stay_news():
    text = (
        "Leaders meet\n\nThe ministry released a photo of the two leaders — smiling — after the talks.\n"
        "The photos show the leaders in Geneva, the ministry said on Monday.\n"
    )
    structure, sentences = parts(text)
    assert structure.captions == []
    assert len(sentences) == 2


@pytest.mark.parametrize(
    "trailer",
    [
        "(With agency inputs)",
        "(Reporting by Ann Example in Seoul; Editing by Bob Sample)",
        "Additional reporting by Ann Example",
        "— With AFP",
        "(This story has been refiled to correct a typo in paragraph 3)",
        "Compiled by Ann Example for the foreign desk",
    ],
)
def test_trailers_are_not_news(trailer):
    text = f"Leaders meet\n\nThe two leaders met on Monday for talks on trade, officials said.\n{trailer}\n"
    structure, sentences = parts(text)
    assert [t.of(text) for t in structure.trailers] == [trailer]
    assert sentences == ["The two leaders met on Monday for talks on trade, officials said."]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Leaders meet in Geneva\n\n"
        "The two leaders met on Monday for talks on trade and\n"
        "security, officials said. They agreed to meet again in\n"
        "the spring.\n\n"
        "A joint statement is expected on Tuesday, according to\n"
        "diplomats familiar with the talks.\n"
    )
    structure, sentences = parts(text)
    assert len(structure.paragraphs) == 2
    assert sentences == [
        "The two leaders met on Monday for talks on trade and\nsecurity, officials said.",
        "They agreed to meet again in\nthe spring.",
        "A joint statement is expected on Tuesday, according to\ndiplomats familiar with the talks.",
    ]
    assert [s.paragraph for s in structure.sentences] == [0, 0, 1]


def test_text_without_headline_starts_with_the_news():
    text = "WASHINGTON (Reuters) - The two leaders met on Monday for talks on trade, officials said.\n"
    structure, sentences = parts(text)
    assert structure.headline is None
    assert structure.dateline_place == "WASHINGTON"
    assert sentences == ["The two leaders met on Monday for talks on trade, officials said."]


def test_bullets_inside_the_body_are_news():
    text = (
        "Leaders meet\n\nThe two leaders agreed on three points, officials said on Monday.\n"
        "- They will reopen the border crossing.\n- They will exchange prisoners.\n"
    )
    structure, sentences = parts(text)
    assert structure.bullets == []
    assert sentences[1:] == ["They will reopen the border crossing.", "They will exchange prisoners."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Gen. Jones on Jan. 5 at 10 a.m. The talks ended at 3 p.m. in Washington.",
            ["Mr. Smith met Gen. Jones on Jan. 5 at 10 a.m.", "The talks ended at 3 p.m. in Washington."],
        ),
        (
            "The U.S. President met the U.N. chief. They spoke for an hour.",
            ["The U.S. President met the U.N. chief.", "They spoke for an hour."],
        ),
        ("He arrived in the U.S. The visit lasted two days.", ["He arrived in the U.S.", "The visit lasted two days."]),
        (
            "“We will meet. It will be great,” he said. Then he left.",
            ["“We will meet. It will be great,” he said.", "Then he left."],
        ),
        ("“Why not?” the minister asked. Nobody answered.", ["“Why not?” the minister asked.", "Nobody answered."]),
        (
            "She called it “a sign of good faith.” Others disagreed.",
            ["She called it “a sign of good faith.”", "Others disagreed."],
        ),
        (
            "Donald J. Trump wrote on Nov.9, 2018. No. 2 on the list was Iran.",
            ["Donald J. Trump wrote on Nov.9, 2018.", "No. 2 on the list was Iran."],
        ),
        (
            "The talks (which began Monday. They were tense.) ended. Officials left.",
            ["The talks (which began Monday. They were tense.) ended.", "Officials left."],
        ),
        ("It ended in 1953. Or did it? Yes! It did.", ["It ended in 1953.", "Or did it?", "Yes!", "It did."]),
        ("Talks ended. 2019 will be different.", ["Talks ended.", "2019 will be different."]),
        (
            "The envoy met Sen. Ann Example and Lt. Col. Bob Sample.",
            ["The envoy met Sen. Ann Example and Lt. Col. Bob Sample."],
        ),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


def test_seed_structure():
    text = decode((SEEDS / "000_0dcf6ac655a67240.txt").read_bytes()).text
    structure = find_structure(text)
    assert structure.headline.of(text) == "North Korea’s Kim asks Trump for another meeting in new letter"
    assert len(structure.captions) == 1
    assert structure.captions[0].of(text).startswith("A combination photo shows")
    assert structure.captions[0].of(text).endswith("(REUTERS)")
    assert [b.of(text) for b in structure.bullets] == ["• The timing of a second Trump-Kim meeting was unclear"]
    assert structure.dateline.of(text) == "WASHINGTON: "
    assert structure.dateline_place == "WASHINGTON"
    assert structure.sentences[0].text.startswith("US President Donald Trump received a letter")
    assert "“It was a very warm, very positive letter,” Sanders said at a briefing." in [
        s.text for s in structure.sentences
    ]
    caption = structure.captions[0]
    assert not any(caption.start <= s.start < caption.end for s in structure.sentences)


@pytest.mark.shared
def test_dev_articles_captions_never_give_sentences():
    """On others' articles (read at run time): every sentence lies in a news paragraph, none in a caption."""
    manifest = json.loads((SHARED / "dev-articles" / "manifest.json").read_text())
    for name in manifest:
        text = decode((SHARED / "dev-articles" / name).read_bytes()).text
        structure = find_structure(text)
        assert structure.headline is not None, name
        assert structure.sentences, name
        for sentence in structure.sentences:
            assert not any(c.start <= sentence.start < c.end for c in structure.captions), name
            assert "photo" not in sentence.text.lower() or "file photo" not in sentence.text.lower(), name
