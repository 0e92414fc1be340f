"""Anchoring: where a relative or underspecified expression lands, given the publication date.

The news conventions:

- A weekday in a past-tense clause ("said on Monday") is the most recent such day on or before
  the publication date (the same day when it is that weekday); in a future or planning clause
  ("will meet on Tuesday", "is due to visit Friday") the next one on or after it. With no cue
  either way, news reports what happened: the past reading wins, unless the day is tomorrow.
- "last Friday" is the one strictly before the publication day, "next Friday" strictly after,
  "this Friday"/"this coming Friday" on or after.
- A month or a month and day without a year takes the year that agrees with the tense (a past
  "in November" written in February is last November); with no tense, the reading closest to the
  publication date.

The tense of the clause is guessed from the words around the expression (`direction`): modal and
planning verbs point forward, past-tense verbs and "ago" point back. It is a cheap lexical reading,
not a parse, and it is right where it matters most: the verb next to the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from . import lexicon
from .values import month_end

D = dt.date
PAST, UNKNOWN, FUTURE = -1, 0, 1
WEAK_FUTURE = 2  # a modal verb: future only when nothing stronger is in the clause

_WORD = re.compile(r"[A-Za-z][A-Za-z']*|[.!?;]\s|\n\s*\n|``|''|[“”\"]")
_SENTENCE_END = frozenset({". ", "? ", "! ", "; "})


def _tokens(snippet: str) -> list[str]:
    return [m.group() for m in _WORD.finditer(snippet)]


_BE = frozenset(["be", "been", "being", "is", "are", "am", "'s"])
_HAVE = frozenset(["has", "have", "'ve"])
# Verbs after which "to <verb>" is a plan: "agreed to meet on Tuesday", "is due to visit Friday".
_PLAN_STEMS = (
    "agre", "decid", "plan", "promis", "vow", "pledg", "threat", "hop", "want", "intend", "expect", "aim",
    "seek", "sought", "prepar", "schedul", "due", "set", "going", "likely", "poised", "ready", "wish",
    "propos", "slated", "is", "are", "was", "were", "will", "would", "tri",
)  # fmt: skip


def _cue(tokens: list[str], i: int, first: int) -> int | None:
    """The tense a token gives its clause, or None. tokens[first] starts the sentence."""
    tok = tokens[i]
    low = tok.lower()
    prev = tokens[i - 1].lower() if i > max(first, 0) else ""
    nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    if low == "to":
        if nxt and nxt not in lexicon.NOT_INFINITIVE and tokens[i + 1][0].islower() and prev.startswith(_PLAN_STEMS):
            before_prev = tokens[i - 2].lower() if i - 2 >= max(first, 0) else ""
            if before_prev in ("was", "were", "had", "been") and prev not in ("was", "were"):
                return UNKNOWN  # "had been due to expire Friday": a plan seen from the past
            return FUTURE  # "agreed to meet on Tuesday", "plans to visit Friday"
        return None
    if low in ("will", "'ll", "shall", "won't", "gonna") or low.endswith("'ll"):
        return FUTURE
    if low == "set":
        return FUTURE if nxt in ("to", "for") else None
    if low == "going":
        return FUTURE if nxt == "to" else None
    if low in ("scheduled", "slated", "due", "expected", "upcoming", "planned", "planning", "plans", "intends"):
        if prev in ("was", "were", "had", "been"):
            return UNKNOWN  # "had been due to expire Friday": a plan seen from the past, either side
        return FUTURE
    if low in lexicon.WEAK_FUTURE_CUES:
        return WEAK_FUTURE
    participle = len(low) > 4 and low.endswith("ed") and low not in lexicon.NOT_PAST_ED
    participle = participle and (tok[0].islower() or i == first)
    if participle or low in lexicon.PAST_CUES:
        if prev in _BE and low not in ("was", "were"):
            return None  # a passive: the auxiliary further left decides ("will be paid Dec. 15")
        return PAST
    if low.endswith("n't") and low[:-3] in ("did", "was", "were", "had", "could", "would"):
        return PAST if low[:-3] in ("did", "was", "were", "had") else FUTURE
    return None


_SINCE = re.compile(r"(?i:\b(?:since|ago|up\s+until|up\s+to)\s{1,3})$")
_AHEAD = re.compile(r"(?i:\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|not\s+before)\s{1,3})$")
# "postponed until Tuesday" looks ahead; "Until Thursday, they had not..." opening a sentence looks back.
_UNTIL = re.compile(r"(?:\w[,;]?\s{1,3})(?:until|till)\s{1,3}$")


def direction(text: str, start: int, end: int) -> int:
    """PAST, FUTURE or UNKNOWN for the clause around text[start:end]."""
    left = text[max(0, start - 90) : start]
    if _SINCE.search(left):
        return PAST
    if _AHEAD.search(left) or _UNTIL.search(left):
        return FUTURE
    toks = _tokens(left)
    # Only the current sentence counts.
    first = 0
    for k in range(len(toks) - 1, -1, -1):
        if toks[k] in _SENTENCE_END or toks[k].startswith("\n"):
            first = k + 1
            break
    toks = [t for t in toks[first:] if t not in ("``", "''", "“", "”", '"')]
    weak = None
    for i in range(len(toks) - 1, max(-1, len(toks) - 11), -1):
        c = _cue(toks, i, 0)
        if c == WEAK_FUTURE:
            weak = weak or FUTURE
        elif c is not None:
            return c
    right = _tokens(text[end : end + 70])
    for i, tok in enumerate(right[:8]):
        if tok in _SENTENCE_END or tok.startswith("\n"):
            break
        c = PAST if tok.lower() == "planned" else _cue(right, i, -1)  # "On Friday, X planned to..."
        if c == WEAK_FUTURE:
            weak = weak or FUTURE
        elif c is not None:
            return c
    return weak or UNKNOWN


# --- calendar arithmetic -----------------------------------------------------------------------


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_day(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def weekday(dct: dt.date, iso_weekday: int, tense: int, relation: str = "") -> dt.date:
    """The date of a weekday named in a text published on dct.

    relation: "" (bare "Monday"), "last", "next", "this" (also "this coming"), "past" ("this past").
    """
    today = dct.isoweekday()
    back = (today - iso_weekday) % 7  # days back to the most recent one, 0 if today
    ahead = (iso_weekday - today) % 7  # days ahead to the next one, 0 if today
    if relation in ("last", "past"):
        return shift_day(dct, -(back or 7))
    if relation == "next":
        return shift_day(dct, ahead or 7)
    if relation == "this":
        return shift_day(dct, ahead)
    if tense == FUTURE:
        return shift_day(dct, ahead)
    if tense == PAST:
        return shift_day(dct, -back)
    # No cue: news reports what happened, except that "tomorrow" is not written as a weekday
    # when it happened a week ago.
    return shift_day(dct, 1) if ahead == 1 and back != 0 else shift_day(dct, -back)


def _distance(first: dt.date, last: dt.date, dct: dt.date, tense: int) -> float:
    """How unlikely a reading [first, last] is for a text of dct written in this tense.

    Days from the publication date to the span (0 when it contains it); a reading on the wrong
    side of the tense costs four times as much, so "was paid Dec. 15" written on Oct. 26 is still
    this December (50 days ahead) rather than last December (315 days back).
    """
    if first <= dct <= last:
        return 0.0
    ahead = first > dct
    days = (first - dct).days if ahead else (dct - last).days
    if (ahead and tense == PAST) or (not ahead and tense == FUTURE):
        return days * 4.0
    if ahead and tense == UNKNOWN:
        return days * 1.5  # news reports what happened: without a cue, the past reading is likelier
    return float(days)


def _pick_year(spans: list[tuple[int, dt.date, dt.date]], dct: dt.date, tense: int) -> int:
    return min(spans, key=lambda s: (_distance(s[1], s[2], dct, tense), -s[0]))[0]


def month_year(dct: dt.date, month: int, tense: int, relation: str = "") -> int:
    """The year of a month named without one."""
    if relation == "last":
        return dct.year if month < dct.month else dct.year - 1
    if relation == "next":
        return dct.year if month > dct.month else dct.year + 1
    if relation == "this":
        return dct.year
    spans = [(y, D(y, month, 1), month_end(y, month)) for y in (dct.year - 1, dct.year, dct.year + 1)]
    return _pick_year(spans, dct, tense)


def month_day_year(dct: dt.date, month: int, day: int, tense: int) -> int:
    """The year of a month and day written without one ("June 12")."""
    spans = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if day <= calendar.monthrange(y, month)[1]:
            spans.append((y, D(y, month, day), D(y, month, day)))
    if not spans:
        return dct.year
    return _pick_year(spans, dct, tense)


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_year(dct: dt.date, quarter: int, tense: int) -> int:
    """The year of a quarter named without one: the latest that has begun, in reports of results."""
    current = quarter_of(dct)
    if quarter <= current:
        return dct.year
    return dct.year + 1 if tense == FUTURE else dct.year - 1


def season_year(dct: dt.date, season: str, tense: int, relation: str = "") -> int:
    """The year of a season named without one (TIMEX3 puts a winter in the year it starts)."""
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    instances = []  # (year, first day, last day) of this season around the publication date
    for y in range(dct.year - 2, dct.year + 2):
        first = D(y, start_month, 1)
        last = month_end(y + 1, 2) if season == "WI" else month_end(y, start_month + 2)
        instances.append((y, first, last))
    m = dct.month
    cur_start_month = 12 if m in (12, 1, 2) else 3 if m <= 5 else 6 if m <= 8 else 9
    cur_start = D(dct.year - 1 if m in (1, 2) else dct.year, cur_start_month, 1)
    if relation == "this":
        return dct.year - 1 if season == "WI" and m in (1, 2) else dct.year
    if relation == "last":
        return [y for y, first, _ in instances if first < cur_start][-1]
    if relation == "next":
        return next(y for y, first, _ in instances if first > cur_start)
    if tense == PAST:
        return [y for y, first, _ in instances if first <= dct][-1]
    if tense == FUTURE:
        return next(y for y, _, last in instances if last >= dct)
    return min(
        instances, key=lambda i: 0 if i[1] <= dct <= i[2] else min(abs((i[1] - dct).days), abs((i[2] - dct).days))
    )[0]


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return D(year, month, day + 1)


def _nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = D(year, month, 1)
        return shift_day(first, (iso_weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = month_end(year, month)
    return shift_day(last, -((last.isoweekday() - iso_weekday) % 7))


def holiday(name: str, year: int) -> dt.date | None:
    """The date of a named holiday in a year (US customs for the US holidays)."""
    name = name.lower().replace("’", "'")
    if name in lexicon.FIXED_HOLIDAYS:
        month, day = lexicon.FIXED_HOLIDAYS[name]
        return D(year, month, day)
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if name in ("easter", "easter sunday"):
        return easter(year)
    if name == "easter monday":
        return shift_day(easter(year), 1)
    if name == "good friday":
        return shift_day(easter(year), -2)
    if name == "election day":  # the Tuesday after the first Monday of November
        return shift_day(_nth_weekday(year, 11, 1, 1), 1)
    if name == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if name == "mother's day":
        return _nth_weekday(year, 5, 7, 2)
    if name == "father's day":
        return _nth_weekday(year, 6, 7, 3)
    if name == "martin luther king day":
        return _nth_weekday(year, 1, 1, 3)
    if name == "presidents' day":
        return _nth_weekday(year, 2, 1, 3)
    return None


def holiday_year(dct: dt.date, name: str, tense: int, relation: str = "") -> int:
    this = holiday(name, dct.year)
    if this is None:
        return dct.year
    if relation == "last":
        return dct.year if this < dct else dct.year - 1
    if relation == "next":
        return dct.year if this > dct else dct.year + 1
    if relation == "this":
        return dct.year
    spans = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = holiday(name, y)
        if d:
            spans.append((y, d, d))
    return _pick_year(spans, dct, tense)
