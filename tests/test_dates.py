import datetime as dt

import pytest

from timeline.dates import format_span

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(2018, 6, 12), D(2018, 6, 12), "day", "12 June 2018"),
        (D(2018, 9, 1), D(2018, 9, 30), "month", "September 2018"),
        (D(2018, 1, 1), D(2018, 12, 31), "year", "2018"),
        (D(2018, 9, 7), D(2018, 9, 10), "range", "7–10 September 2018"),
        (D(2018, 8, 30), D(2018, 9, 2), "range", "30 August – 2 September 2018"),
        (D(2018, 12, 30), D(2019, 1, 2), "range", "30 December 2018 – 2 January 2019"),
        (None, None, "unknown", "date unknown"),
        (D(2018, 6, 12), None, "unknown", "date unknown"),
    ],
)
def test_dates_read_at_their_precision(start, end, precision, expected):
    assert format_span(start, end, precision) == expected
