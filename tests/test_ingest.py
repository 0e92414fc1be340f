"""ingest_bytes: the one upsert, its outcomes, idempotence, date precedence and transactions."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import ingest
from articles.ingest import CREATED, FAILED, NEEDS_DATE, OUTCOMES, UNCHANGED, UPDATED, ingest_bytes
from articles.models import Article
from tests.conftest import SEEDS
from tests.test_decode import gbk_mojibake
from timeline.models import Actor

pytestmark = pytest.mark.django_db

SEED = (SEEDS / "000_0dcf6ac655a67240.txt").read_bytes()
SEPT_11 = dt.date(2018, 9, 11)

ARTICLE = (
    "Envoys agree to resume border talks\n\n"
    "GENEVA (Reuters) - Envoys from the two countries agreed on Monday to resume border talks next month, "
    "a spokesman for the mission said.\n"
    "“We are ready to talk,” the spokesman told reporters. The envoys did not comment.\n"
)


def test_seed_is_created_with_its_repaired_body_and_parts():
    outcome = ingest_bytes(
        SEED, name="seed.txt", outlet="Arab News", credit="Reuters", published=SEPT_11, published_source="manifest"
    )
    assert outcome.status == CREATED, outcome.reason
    article = Article.objects.get()
    assert outcome.article_id == article.pk
    assert "North Korea’s Kim asks Trump for another meeting in new letter" in article.body
    assert "“It was a very warm, very positive letter,” Sanders said at a briefing." in article.body
    assert "“a sign of good faith”" in article.body
    assert article.title == "North Korea’s Kim asks Trump for another meeting in new letter"
    assert (article.outlet, article.credit, article.dateline) == ("Arab News", "Reuters", "WASHINGTON")
    assert (article.published_on, article.published_source) == (SEPT_11, "manifest")
    assert article.status == Article.Status.PARSED  # parse_article ran: its events are saved
    assert bytes(article.raw) == SEED, "the bytes as received are kept"
    assert article.repairs[0] == {"offset": 11, "before": "鈥檚", "after": "’s", "kind": "gbk-mojibake"}
    structure = article.structure
    caption = article.body[slice(*structure["captions"][0])]
    assert caption.startswith("A combination photo shows") and caption.endswith("(REUTERS)")
    assert [article.body[slice(*b)] for b in structure["bullets"]] == [
        "• The timing of a second Trump-Kim meeting was unclear"
    ]
    assert article.body[slice(*structure["dateline"])] == "WASHINGTON: "
    start, end, paragraph = structure["sentences"][0]
    assert article.body[start:end].startswith("US President Donald Trump received a letter")
    assert paragraph == 0


def test_same_bytes_twice_is_one_article():
    first = ingest_bytes(SEED, name="a.txt", published=SEPT_11)
    second = ingest_bytes(SEED, name="b.txt", published=SEPT_11)
    assert (first.status, second.status) == (CREATED, UNCHANGED)
    assert second.article_id == first.article_id
    assert second.reason == f"same text as article {first.article_id}"
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text.encode("utf-16"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8") + b"\n\n",
        gbk_mojibake,
    ],
    ids=["utf-16", "crlf", "bom", "gbk-mojibake"],
)
def test_the_same_text_in_another_encoding_is_the_same_article(variant):
    ingest_bytes(ARTICLE.encode("utf-8"), published=SEPT_11)
    assert ingest_bytes(variant(ARTICLE), published=SEPT_11).status == UNCHANGED
    assert Article.objects.count() == 1


def test_same_url_with_new_text_updates_the_article_and_keeps_curated_fields():
    url = "https://news.example/envoys"
    created = ingest_bytes(ARTICLE.encode(), url=url, published=SEPT_11, outlet="Gazette")
    article = Article.objects.get()
    article.title = "Envoys agree to talk (curated)"
    article.published_on, article.published_source = dt.date(2018, 9, 10), Article.DateSource.CURATOR
    article.save()
    changed = ARTICLE.replace("next month", "in October")
    outcome = ingest_bytes(changed.encode(), url=url, published=SEPT_11)
    assert outcome.status == UPDATED, outcome.reason
    assert outcome.article_id == created.article_id
    assert outcome.reason.startswith(f"new text for the URL of article {created.article_id}")
    article.refresh_from_db()
    assert "in October" in article.body
    assert article.title == "Envoys agree to talk (curated)"
    assert (article.published_on, article.published_source) == (dt.date(2018, 9, 10), "curator")
    assert article.outlet == "Gazette"
    assert Article.objects.count() == 1


def test_same_url_update_replaces_a_title_nobody_edited():
    url = "https://news.example/envoys"
    ingest_bytes(ARTICLE.encode(), url=url, published=SEPT_11)
    new = ARTICLE.replace("Envoys agree to resume border talks", "Envoys agree to resume talks in October")
    ingest_bytes(new.encode(), url=url)
    article = Article.objects.get()
    assert article.title == "Envoys agree to resume talks in October"
    assert article.published_on == SEPT_11, "an update without a date keeps the date known"


def test_without_a_date_the_article_waits_for_one():
    outcome = ingest_bytes(ARTICLE.encode(), name="undated.txt")
    assert outcome.status == NEEDS_DATE
    assert "no publication date" in outcome.reason
    article = Article.objects.get()
    assert article.status == Article.Status.NEEDS_DATE
    assert article.published_on is None and article.published_source == ""
    # The same text again, now with a date: the date is filled in.
    again = ingest_bytes(ARTICLE.encode(), published=SEPT_11, published_source="manifest")
    assert again.status == UPDATED
    assert "publication date 2018-09-11" in again.reason
    article.refresh_from_db()
    assert (article.published_on, article.published_source, article.status) == (SEPT_11, "manifest", "parsed")


def test_nothing_relative_is_guessed_for_the_date():
    text = "Envoys meet\n\nSEOUL, June 30 (Yonhap) -- Envoys met on Monday and again yesterday, officials said.\n"
    assert ingest_bytes(text.encode()).status == NEEDS_DATE


def test_date_from_a_published_line_is_file_metadata():
    text = "Envoys meet\nPublished: 4 March 2019\n\nEnvoys from the two countries met on Monday, officials said.\n"
    outcome = ingest_bytes(text.encode())
    assert outcome.status == CREATED
    article = Article.objects.get()
    assert (article.published_on, article.published_source) == (dt.date(2019, 3, 4), "metadata")


def test_date_from_a_full_dateline_is_found_in_the_text():
    text = (
        "Envoys meet\n\nTOKYO, March 4, 2019 (Kyodo) -- Envoys from the two countries met on Monday, officials said.\n"
    )
    ingest_bytes(text.encode())
    article = Article.objects.get()
    assert (article.published_on, article.published_source) == (dt.date(2019, 3, 4), "text")
    assert article.credit == "Kyodo"


def test_given_date_wins_over_the_text():
    text = "Envoys meet\nPublished: 4 March 2019\n\nEnvoys from the two countries met on Monday, officials said.\n"
    ingest_bytes(text.encode(), published=SEPT_11, published_source="flag")
    article = Article.objects.get()
    assert (article.published_on, article.published_source) == (SEPT_11, "flag")


def test_curator_corrected_text_is_still_recognised():
    ingest_bytes(ARTICLE.encode(), published=SEPT_11)
    article = Article.objects.get()
    article.body = article.body.replace("did not comment", "declined to comment")
    article.save()
    assert ingest_bytes(ARTICLE.encode(), published=SEPT_11).status == UNCHANGED
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"Envoys met\x00 in Geneva", "binary file: it contains NUL bytes"),
        (
            b"date,place,event\n2018-06-12,Singapore,summit\n2018-09-18,Pyongyang,summit\n2019-02-27,Hanoi,summit\n",
            "table",
        ),
        ("\n".join(str(dt.date(2000, 1, 1) + dt.timedelta(days=n)) for n in range(10_000)).encode(), "list of dates"),
        (b"12 45 78 90\n33 21 09 11\n", "no sentences of prose"),
    ],
    ids=["empty", "whitespace", "png", "nul", "csv", "dates", "numbers"],
)
def test_bad_input_fails_with_a_reason_and_writes_nothing(raw, reason):
    outcome = ingest_bytes(raw, name="bad", published=SEPT_11)
    assert outcome.status == FAILED
    assert reason in outcome.reason
    assert "\n" not in outcome.reason and "Traceback" not in outcome.reason
    assert Article.objects.count() == 0


def test_too_large_input_fails(settings):
    settings.INGEST_MAX_BYTES = 1000
    outcome = ingest_bytes(ARTICLE.encode() * 20, published=SEPT_11)
    assert outcome.status == FAILED
    assert outcome.reason.startswith("too large:") and "INGEST_MAX_BYTES" in outcome.reason
    assert Article.objects.count() == 0


def test_a_bad_url_fails():
    outcome = ingest_bytes(ARTICLE.encode(), url="javascript:alert(1)", published=SEPT_11)
    assert outcome.status == FAILED and "not a web address" in outcome.reason
    assert Article.objects.count() == 0


def test_the_parse_hook_runs_in_the_articles_transaction(monkeypatch):
    seen = []

    def parse_article(article, analysis):
        seen.append((article.pk, analysis.structure.sentences[0].text))

    monkeypatch.setattr(ingest, "parse_article", parse_article)
    outcome = ingest_bytes(ARTICLE.encode(), published=SEPT_11)
    assert seen == [(outcome.article_id, analysis_first_sentence())]


def analysis_first_sentence():
    return (
        "Envoys from the two countries agreed on Monday to resume border talks next month, "
        "a spokesman for the mission said."
    )


def test_a_failing_parse_leaves_no_half_written_rows_and_keeps_the_article(monkeypatch):
    def parse_article(article, analysis):
        Actor.objects.create(name="Half Written", slug="half-written", kind="person")
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setattr(ingest, "parse_article", parse_article)
    outcome = ingest_bytes(ARTICLE.encode(), published=SEPT_11)
    assert outcome.status == FAILED
    assert outcome.reason == (
        f"article {outcome.article_id} stored, but parsing failed (RuntimeError: boom with a second line)"
    )
    assert not Actor.objects.exists(), "the hook's rows are rolled back"
    article = Article.objects.get()
    assert article.status == Article.Status.FAILED and "boom" in article.error
    # Once the pipeline is fixed, ingesting the file again parses it.
    monkeypatch.setattr(ingest, "parse_article", lambda article, analysis: None)
    again = ingest_bytes(ARTICLE.encode(), published=SEPT_11)
    assert again.status == UPDATED and "parsed again" in again.reason
    article.refresh_from_db()
    assert article.status == Article.Status.NEW and article.error == ""


def test_an_unexpected_pipeline_error_is_one_line(monkeypatch):
    def explode(*args, **kwargs):
        raise ValueError("pipeline bug")

    monkeypatch.setattr(ingest, "analyse", explode)
    outcome = ingest_bytes(ARTICLE.encode())
    assert (outcome.status, outcome.reason) == (FAILED, "could not read the text (ValueError: pipeline bug)")
    assert Article.objects.count() == 0


PROSE = st.sampled_from(["Envoys met", "in Geneva", "on Monday,", "officials said.", "“We agree,”", "\n", "鈥檚", "Ã©"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
        st.lists(PROSE, max_size=40).map(lambda words: " ".join(words).encode("utf-8")),
        st.text(max_size=200).map(lambda text: f"<!doctype html><html><body><p>{text}</p>".encode()),
    )
)
def test_any_bytes_give_an_outcome_never_an_exception(raw):
    before = Article.objects.count()
    outcome = ingest_bytes(raw, published=SEPT_11)
    assert outcome.status in OUTCOMES
    assert outcome.reason and "\n" not in outcome.reason
    if outcome.status == FAILED:
        assert Article.objects.count() == before


@pytest.mark.django_db
def test_a_title_is_one_line_even_when_the_headline_span_holds_a_break():
    # Found by the property test above: a mis-encoded first line made the headline span a line break.
    raw = (
        b"\xe9\x88\xa5\xe6\xaa\x9a Envoys met Envoys met \xc3\x83\xc2\xa9 Envoys met \n officials said. "
        b"\xc3\x83\xc2\xa9 officials said. Envoys met \xe2\x80\x9cWe agree,\xe2\x80\x9d Envoys met \n \n"
        b" Envoys met in Geneva \n Envoys met \xe2\x80\x9cWe agree,\xe2\x80\x9d Envoys met"
    )
    outcome = ingest_bytes(raw, published=SEPT_11)
    article = Article.objects.get()
    assert "\n" not in article.title
    assert "\n" not in outcome.reason
