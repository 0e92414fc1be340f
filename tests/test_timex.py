"""The temporal tagger: the seed's expressions, each family of expressions, and the news anchoring rules."""

import datetime as dt

import pytest

from articles.extraction.timex import find_timexes
from tests.conftest import SEEDS

D = dt.date
SEED_DCT = D(2018, 9, 11)  # a Tuesday; the manifest's publication date


def tagged(text, dct=SEED_DCT):
    return {t.text: t for t in find_timexes(text, dct)}


def values(text, dct=SEED_DCT):
    return [(t.text, t.value) for t in find_timexes(text, dct)]


@pytest.fixture(scope="module")
def seed():
    text = (SEEDS / "000_0dcf6ac655a67240.txt").read_text(encoding="utf-8")
    return text, find_timexes(text, SEED_DCT)


@pytest.mark.parametrize(
    ("expression", "value", "first", "last", "precision"),
    [
        ("Monday", "2018-09-10", D(2018, 9, 10), D(2018, 9, 10), "day"),
        ("Friday", "2018-09-07", D(2018, 9, 7), D(2018, 9, 7), "day"),
        ("Sunday", "2018-09-09", D(2018, 9, 9), D(2018, 9, 9), "day"),
        ("June 12", "2018-06-12", D(2018, 6, 12), D(2018, 6, 12), "day"),
        ("later this month", "2018-09", D(2018, 9, 12), D(2018, 9, 30), "month"),
        ("September 4, 2017", "2017-09-04", D(2017, 9, 4), D(2017, 9, 4), "day"),
    ],
)
def test_seed_expressions_resolve(seed, expression, value, first, last, precision):
    text, timexes = seed
    found = [t for t in timexes if t.text == expression]
    assert found, f"{expression!r} not found among {[t.text for t in timexes]}"
    t = found[0]
    assert (t.value, t.first, t.last, t.precision) == (value, first, last, precision)
    assert text[t.start : t.end] == expression
    assert t.type == "DATE"


@pytest.mark.parametrize("word", ["second", "Trump", "70th", "first term", "anniversary", "we", "may"])
def test_seed_non_dates_are_rejected(seed, word):
    _, timexes = seed
    assert not [t for t in timexes if word in t.text], [t.text for t in timexes]
