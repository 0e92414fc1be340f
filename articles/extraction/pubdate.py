"""Full calendar dates (day, month and year all written) for finding an article's publication date.

Only complete dates count: "September 11, 2018", "11 Sept. 2018", "2018-09-11", "Tue 11 Sep 2018".
A date missing its year ("June 30") or a relative one ("on Monday") is never completed here: an
article without a full date waits for a curator (status needs_date).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "febr": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:r?|ruary)|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_FULL_DATE = re.compile(
    rf"\b(?P<iso_y>{_YEAR})[-/.](?P<iso_m>0?[1-9]|1[0-2])[-/.](?P<iso_d>[12]\d|3[01]|0?[1-9])(?![\d])"
    rf"|\b(?P<md_m>{MONTH})\.?\s+(?P<md_d>{_DAY}),?\s+(?P<md_y>{_YEAR})\b"
    rf"|\b(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{MONTH})\.?,?\s+(?P<dm_y>{_YEAR})\b",
    re.IGNORECASE,
)


def find_full_date(text: str, pos: int = 0) -> tuple[dt.date, int, int] | None:
    """The first complete, valid calendar date in `text` from `pos`: (date, start, end), or None."""
    for match in _FULL_DATE.finditer(text, pos):
        groups = match.groupdict()
        if groups["iso_y"]:
            year, month, day = int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"])
        elif groups["md_y"]:
            year, month, day = int(groups["md_y"]), MONTHS[groups["md_m"].lower()], _day(groups["md_d"])
        else:
            year, month, day = int(groups["dm_y"]), MONTHS[groups["dm_m"].lower()], _day(groups["dm_d"])
        try:
            return dt.date(year, month, day), match.start(), match.end()
        except ValueError:
            continue  # February 30th and the like
    return None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def parse_date(value: str) -> dt.date:
    """A date given by a person (flag, manifest, form): ISO YYYY-MM-DD, or a full written date.

    Raises ValueError with a readable message otherwise.
    """
    value = (value or "").strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    found = find_full_date(value)
    if found and found[1] == 0 and not value[found[2] :].strip(" ,."):
        return found[0]
    raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)")
