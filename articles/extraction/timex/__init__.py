"""A temporal tagger for news: TIMEX3 expressions anchored on the publication date.

    find_timexes(text, dct) -> list[Timex]

How it works, in three steps kept in three modules:

1. `grammar`: one regular expression per family of expressions (weekdays, month-day dates,
   relative units, durations, quarters, sets, ...), built from word lists in `lexicon`.
   Every rule runs over the whole text once.
2. Selection: overlapping candidates are settled longest-first (then by rule order); a rule's
   normaliser may veto its match ("May" the verb, "2000 troops", "a second meeting").
3. `normalise` (with `anchor` for calendar arithmetic and tense): each chosen match, in text
   order, becomes a TIMEX3 type, value and mod; the days it spans (`first`, `last`,
   `precision`) follow from the value (`values.span_of`).

Ranges: a range written as one expression ("June 28-29", "1950-53") is one DATE timex whose
value is its first end and whose first/last/precision span the whole range (`range`). A range
written out in words ("from May to July", "between 2017 and 2019", "June 28 and 29") gives two
timexes, as TimeML annotates it, and both carry the whole range in `range_first`/`range_last`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..types import Timex
from . import normalise
from .grammar import COMPILED, DIGIT_TRIGGERS, RULE_TRIGGERS, TRIGGERS_OF_WORD, WINDOW
from .normalise import Context, Found
from .values import span_of

__all__ = ["find_timexes"]

_HANDLERS = [(name, pattern, getattr(normalise, name)) for name, pattern in COMPILED]
_BY_NAME = {name: handler for name, _, handler in _HANDLERS}

# Words that join two dates into a range: "from X to Y", "between X and Y", "X through Y".
_RANGE_OPEN = re.compile(r"(?i:\b(?:from|between)\s{1,3})$")
_RANGE_JOIN = re.compile(r"\s{0,3}(?i:to|and|through|thru|until|till|-|–|—)\s{0,3}")


def _as_date(dct: dt.date | dt.datetime) -> tuple[dt.date, str]:
    if isinstance(dct, dt.datetime):
        t = f"T{dct.hour:02d}:{dct.minute:02d}" if (dct.hour or dct.minute) else ""
        return dct.date(), t
    if isinstance(dct, dt.date):
        return dct, ""
    raise TypeError(f"dct must be a date or datetime, not {type(dct).__name__}")


_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _trigger_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger's words occur: one tokenising pass and a dictionary lookup per word."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text):
        word = m.group()
        names = DIGIT_TRIGGERS if word[0].isdigit() else TRIGGERS_OF_WORD.get(word.lower())
        if names:
            span = m.span()
            for name in names:
                spans.setdefault(name, []).append(span)
    return spans


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged, cut at whitespace."""
    n = len(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        a = max(0, start - WINDOW)
        b = min(n, end + WINDOW)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _select(text: str, ctx: Context) -> list[tuple[int, int, str, re.Match]]:
    """Candidates from every rule, overlaps settled longest-first; vetoed matches skipped."""
    candidates = []
    spans = _trigger_spans(text)
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for order, (name, pattern, _) in enumerate(_HANDLERS):
        triggers = RULE_TRIGGERS[name]
        if triggers not in windows:
            windows[triggers] = _windows(text, [s for t in triggers for s in spans.get(t, ())])
        for a, b in windows[triggers]:
            for m in pattern.finditer(text, a, b):
                if m.end() > m.start():
                    candidates.append((m.start() - m.end(), order, m.start(), m))
    candidates.sort(key=lambda c: c[:3])
    taken = bytearray(len(text) + 1)
    chosen = []
    # Vetoes do not depend on what the text said before: a stand-in antecedent lets anaphoric
    # expressions ("that year") through here; the real one is checked in text order afterwards.
    probe = Context(text, ctx.dct, ctx.dct_time, last_day=ctx.dct, last_year=ctx.dct.year, _tense=ctx._tense)
    for _, order, start, m in candidates:
        end = m.end()
        if taken.find(1, start, end) != -1:
            continue
        name, _, handler = _HANDLERS[order]
        if handler(m, probe) is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, name, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def find_timexes(text: str, dct: dt.date | dt.datetime) -> list[Timex]:
    """The temporal expressions in text, anchored on the publication date dct."""
    day, dct_time = _as_date(dct)
    ctx = Context(text, day, dct_time)
    out: list[Timex] = []
    for start, end, name, m in _select(text, ctx):
        result = _BY_NAME[name](m, ctx)
        if result is None:
            continue
        for found in result if isinstance(result, list) else [result]:
            s = found.start if found.start is not None else start
            e = found.end if found.end is not None else end
            while e > s and text[e - 1] in " ,":
                e -= 1
            if e <= s:
                continue
            out.append(_timex(text, s, e, found, day))
            if found.type in ("DATE", "TIME") and _DAY_VALUE.match(found.value):
                ctx.last_day = dt.date.fromisoformat(found.value[:10])
            if found.type in ("DATE", "TIME") and found.value[:4].isdigit():
                ctx.last_year = int(found.value[:4])
    return _link_ranges(text, out)


def _timex(text: str, start: int, end: int, found: Found, dct: dt.date) -> Timex:
    first = last = None
    precision = "unknown"
    if found.type in ("DATE", "TIME"):
        first, last, precision = span_of(found.value, found.mod, dct)
        if found.range_of:
            first = span_of(found.range_of[0], "", dct)[0]
            last = span_of(found.range_of[1], "", dct)[1]
            precision = "range" if first != last else "day"
        if found.span:
            first, last = found.span
    elif found.span:  # a duration that points at days: "in two weeks", "within a month"
        first, last = found.span
        precision = "day" if first == last else "range"
        if found.precision:
            precision = found.precision
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=found.type,
        value=found.value,
        first=first,
        last=last,
        precision=precision,
        mod=found.mod,
        range_first=first if found.range_of else None,
        range_last=last if found.range_of else None,
    )


def _link_ranges(text: str, timexes: list[Timex]) -> list[Timex]:
    """Give both ends of "from X to Y" / "between X and Y" / "June 28 and 29" the whole range."""
    out = list(timexes)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.type != "DATE" or b.type != "DATE" or not (a.first and b.last) or b.last < a.first:
            continue
        gap = text[a.end : b.start]
        joined = _RANGE_JOIN.fullmatch(gap)
        opened = _RANGE_OPEN.search(text[max(0, a.start - 12) : a.start])
        word = gap.strip().lower()
        close_days = a.precision == b.precision == "day" and 0 < (b.first - a.last).days <= 3
        if not joined or not (opened or word in ("-", "–", "—", "through", "thru", "until", "till") or close_days):
            continue
        first, last = a.first, b.last
        out[i] = _with_range(a, first, last)
        out[i + 1] = _with_range(b, first, last)
    return out


def _with_range(t: Timex, first: dt.date, last: dt.date) -> Timex:
    return Timex(
        start=t.start,
        end=t.end,
        text=t.text,
        type=t.type,
        value=t.value,
        first=t.first,
        last=t.last,
        precision=t.precision,
        mod=t.mod,
        range_first=first,
        range_last=last,
    )
