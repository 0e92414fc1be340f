"""HTML input: a news page saved from a browser becomes headline + body, with the page's metadata."""

import datetime as dt

import pytest

from articles.extraction.errors import InputError
from articles.extraction.pipeline import analyse
from articles.extraction.webpage import looks_like_html
from articles.ingest import CREATED, FAILED, UNCHANGED, ingest_bytes
from articles.models import Article

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>Envoys agree to resume border talks | The Test Gazette</title>
<link rel="canonical" href="https://news.example/world/envoys-agree">
<meta property="og:site_name" content="The Test Gazette">
<meta property="og:title" content="Envoys agree to resume border talks">
<meta property="article:published_time" content="2019-03-04T09:30:00Z">
<script>window.tracker = "GENEVA (Reuters) - not news";</script>
<style>.x {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Envoys agree to resume border talks</h1>
<p>GENEVA (Reuters) - Envoys from the two countries agreed on Monday to resume border talks next month,
a spokesman for the mission said.</p>
<p>“We are ready to talk,” the spokesman told reporters. The envoys did not comment on the café meeting.</p>
<p>The next round is due in Vienna in April, according to diplomats familiar with the preparations.</p>
</article>
<aside>Most read: Ten things you missed this week</aside>
<footer>Copyright 2019 The Test Gazette. All rights reserved.</footer>
<script>alert("not news either")</script>
</body></html>
"""


def page(charset="utf-8", encoding="utf-8") -> bytes:
    """The page in `encoding`; characters it lacks become HTML character references, as browsers save them."""
    return PAGE.format(charset=charset).encode(encoding, errors="xmlcharrefreplace")


def test_page_is_reduced_to_headline_and_body():
    analysis = analyse(page())
    text = analysis.text
    assert analysis.decoded.media_type == "text/html"
    assert text.startswith("Envoys agree to resume border talks\n\n")
    assert analysis.title == "Envoys agree to resume border talks"
    assert "“We are ready to talk,” the spokesman told reporters." in text
    for boilerplate in ("Home", "Sport", "alert", "tracker", "color: red", "Most read", "All rights reserved"):
        assert boilerplate not in text
    assert analysis.structure.dateline_place == "GENEVA"
    assert analysis.structure.credit == "Reuters"
    assert [s.text for s in analysis.structure.sentences][1] == "“We are ready to talk,” the spokesman told reporters."


def test_page_metadata_is_kept():
    analysis = analyse(page())
    metadata = analysis.decoded.metadata
    assert metadata["url"] == "https://news.example/world/envoys-agree"
    assert metadata["site_name"] == "The Test Gazette"
    assert metadata["published"] == "2019-03-04"
    assert (analysis.published, analysis.published_source) == (dt.date(2019, 3, 4), "metadata")


@pytest.mark.django_db
def test_ingesting_a_page_stores_its_metadata_and_url():
    outcome = ingest_bytes(page(), name="envoys.html", media_type="text/html")
    assert outcome.status == CREATED, outcome.reason
    article = Article.objects.get()
    assert article.url == "https://news.example/world/envoys-agree"
    assert article.outlet == "The Test Gazette"
    assert (article.published_on, article.published_source) == (dt.date(2019, 3, 4), "metadata")
    assert article.content_type == "text/html"
    assert article.metadata["page"]["site_name"] == "The Test Gazette"
    assert bytes(article.raw) == page()
    assert ingest_bytes(page(), name="again.html").status == UNCHANGED


@pytest.mark.parametrize(
    ("charset", "encoding"), [("windows-1252", "cp1252"), ("iso-8859-1", "latin-1"), ("utf-8", "utf-16")]
)
def test_page_encodings(charset, encoding):
    raw = page(charset, encoding) if encoding != "utf-16" else PAGE.format(charset="utf-16").encode("utf-16")
    text = analyse(raw).text
    assert "the café meeting" in text
    assert "“We are ready to talk,”" in text


def test_page_with_gbk_mojibake_is_repaired():
    mangled = PAGE.format(charset="utf-8").encode("utf-8").decode("gbk", errors="replace").encode("utf-8")
    text = analyse(mangled).text
    assert "“We are ready to talk,” the spokesman told reporters." in text


def test_page_without_article_text_is_refused():
    raw = b"<html><head><title>Menu</title><script>var a = 1;</script></head><body><nav>Home</nav></body></html>"
    with pytest.raises(InputError, match=r"web page without article text|not an article: no sentences of prose"):
        analyse(raw)


@pytest.mark.django_db
def test_page_without_article_text_writes_nothing():
    raw = b"<!doctype html><html><body><script>document.write('x')</script></body></html>"
    outcome = ingest_bytes(raw, name="empty.html")
    assert outcome.status == FAILED
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf  <html lang='en'>", True),
        (b"<!-- saved from url=(0014)about:internet -->\n<html>", True),
        ("<html><body>".encode("utf-16"), True),
        (b"Envoys met <b>today</b> in Geneva.", False),
        (b"The <html> tag starts a page.", False),
    ],
)
def test_pages_are_recognised_by_their_start(raw, html):
    assert looks_like_html(raw) is html
