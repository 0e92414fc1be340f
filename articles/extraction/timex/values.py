"""TIMEX3 values: formatting them, and reading back the span of days a DATE value means.

The timeline needs, for every date, the first and last day it can mean and how precisely the
text pins it (`day`, `month`, `year`, `range`, `unknown`). Those follow from the value alone:

- `2018-09-10`, `2018-09-10T15:00`, `2018-09-10TNI` -> that day, precision `day`
- `2018-09` -> the month, `month`; `2018` -> the year, `year`
- `2018-W37` -> Monday..Sunday, `range`; `2018-W37-WE` -> Saturday..Sunday, `range`
- `2018-Q3`, `2018-H2`, seasons `2018-SU` (meteorological: SP Mar-May, SU Jun-Aug, FA Sep-Nov,
  WI Dec-Feb), decades `201`, centuries `20` -> their days, `range`
- `mod` narrows a month or year: START = first third, MID = middle third, END = last third,
  keeping the precision of the value ("late May" reads "May 2018" but spans 21-31 May)
- PRESENT_REF -> the publication day, `day`; other values (PAST_REF, durations, sets, partly
  unknown `XXXX-..`) -> no days, `unknown`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

D = dt.date

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"(\d{4})-(\d\d)$")
_YEAR = re.compile(r"(\d{4})$")
_WEEK = re.compile(r"(\d{4})-W(\d\d?)(-WE)?$")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_DECADE = re.compile(r"(\d{3})$")
_CENTURY = re.compile(r"(\d{2})$")


def ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def month_end(year: int, month: int) -> dt.date:
    return D(year, month, calendar.monthrange(year, month)[1])


def week_monday(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


def _thirds(first: dt.date, last: dt.date, mod: str) -> tuple[dt.date, dt.date]:
    """Narrow [first, last] to its first, middle or last third for mod START, MID, END."""
    days = (last - first).days + 1
    third = days // 3
    if mod == "START":
        return first, first + dt.timedelta(days=third - 1)
    if mod == "MID":
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    if mod == "END":
        return last - dt.timedelta(days=third - 1), last
    return first, last


def span_of(value: str, mod: str = "", dct: dt.date | None = None) -> tuple[dt.date | None, dt.date | None, str]:
    """(first day, last day, precision) of a TIMEX3 DATE/TIME value."""
    try:
        return _span_of(value, mod, dct)
    except (ValueError, OverflowError):
        return None, None, "unknown"


def _span_of(value: str, mod: str, dct: dt.date | None) -> tuple[dt.date | None, dt.date | None, str]:
    if value == "PRESENT_REF":
        return (dct, dct, "day") if dct else (None, None, "unknown")
    if m := _DAY.match(value):
        d = D(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        first, last = _thirds(D(y, mo, 1), month_end(y, mo), mod)
        return first, last, "month"
    if m := _YEAR.match(value):
        y = int(m[1])
        first, last = D(y, 1, 1), D(y, 12, 31)
        if mod in ("START", "MID", "END"):  # early/mid/late 2018: Jan-Apr, May-Aug, Sep-Dec
            start_month = {"START": 1, "MID": 5, "END": 9}[mod]
            first, last = D(y, start_month, 1), month_end(y, start_month + 3)
        return first, last, "year"
    if m := _WEEK.match(value):
        monday = week_monday(int(m[1]), int(m[2]))
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "range"
        return monday, monday + dt.timedelta(days=6), "range"
    if m := _PART.match(value):
        y, part = int(m[1]), m[2]
        if part[0] == "Q":
            q = int(part[1])
            return D(y, 3 * q - 2, 1), month_end(y, 3 * q), "range"
        if part[0] == "H":
            h = int(part[1])
            return D(y, 6 * h - 5, 1), month_end(y, 6 * h), "range"
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[part]
        if part == "WI":
            return D(y, 12, 1), month_end(y + 1, 2), "range"
        return D(y, start_month, 1), month_end(y, start_month + 2), "range"
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return D(y, 1, 1), D(y + 9, 12, 31), "range"
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return D(max(y, 1), 1, 1), D(y + 99, 12, 31), "range"
    return None, None, "unknown"
