"""Concurrent ingestion with real threads and real connections (SQLite and PostgreSQL alike).

Each thread has its own database connection, so the database's own locking (SQLite's write lock,
PostgreSQL's unique constraints and row locks) is what keeps the result right.
"""

import datetime as dt
import threading

import pytest
from django.db import connection

from articles.ingest import ingest_bytes
from articles.models import Article
from tests.bad_input_corpus import article

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4


def at_the_same_moment(calls):
    """Run the callables in threads released together by a barrier; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_the_same_file_ingested_at_the_same_moment_gives_one_article():
    raw = article("concurrency").encode()
    day = dt.date(2019, 3, 5)
    outcomes = at_the_same_moment([lambda: ingest_bytes(raw, name="a.txt", published=day)] * THREADS)
    statuses = sorted(o.status for o in outcomes)
    assert statuses == ["created"] + ["unchanged"] * (THREADS - 1), [o.reason for o in outcomes]
    assert Article.objects.count() == 1
    assert len({o.article_id for o in outcomes}) == 1
    assert bytes(Article.objects.get().raw) == raw


def test_two_texts_for_one_url_at_the_same_moment_give_one_article():
    day = dt.date(2019, 3, 5)
    url = "https://news.example/envoys"
    texts = [article(f"version {n}").encode() for n in range(THREADS)]
    outcomes = at_the_same_moment(
        [lambda raw=raw: ingest_bytes(raw, name="a.txt", url=url, published=day) for raw in texts]
    )
    assert sorted(o.status for o in outcomes) == ["created"] + ["updated"] * (THREADS - 1), [o.reason for o in outcomes]
    stored = Article.objects.get()
    assert stored.url == url
    assert bytes(stored.raw) in texts  # one whole version, never a mix
    assert [t for t in texts if t.decode().strip() == stored.body.strip()] == [bytes(stored.raw)]
