"""Normalisation: from a grammar match to a TIMEX3 type, value and mod, anchored on the DCT.

One function per grammar rule, same name. Each takes the match and the document `Context` and
returns a `Found` (or None: the words only looked like a date, as in "a second meeting" or
"2000 troops"). A `Found` may move the extent (`start`/`end`) when a rule matched a word TimeML
leaves outside, such as "about" before a duration.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import anchor, lexicon
from .anchor import FUTURE, PAST, UNKNOWN
from .values import iso_week, month_end, span_of, ym, ymd

D = dt.date


@dataclass(slots=True)
class Found:
    type: str
    value: str
    mod: str = ""
    start: int | None = None  # a new extent, when the rule's match is not the TIMEX3 extent
    end: int | None = None
    range_of: tuple[str, str] | None = None  # for a compact range: the values of both ends
    span: tuple[dt.date, dt.date] | None = None  # days narrower than the value ("later this month")
    precision: str = ""  # the precision of `span` when it is not the value's


@dataclass(slots=True)
class Context:
    """What a normaliser knows: the text, the publication date, and what the text said so far."""

    text: str
    dct: dt.date
    dct_time: str = ""  # "T15:00" when the DCT carries a time
    # The reporting period a text is about ("the third quarter"), for "the quarter", "a year ago".
    ref_period: str = ""
    ref_period_at: int = -(10**9)  # where it was named
    last_day: dt.date | None = None  # the last day-precise date mentioned, for "the next day"
    last_year: int | None = None  # the year of the last date mentioned, for "that year"
    _tense: dict = field(default_factory=dict)

    def tense(self, start: int, end: int) -> int:
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = anchor.direction(self.text, start, end)
        return self._tense[key]

    def set_period(self, value: str, at: int) -> None:
        """A reporting period named at `at`; only one that has ended is what later text reports on."""
        last = span_of(value, "", self.dct)[1]
        if not last or last >= self.dct:
            return
        current = self.period(at)
        if current and span_of(current, "", self.dct)[1] > last:
            return  # "after a flat second quarter" does not replace the third quarter being reported
        self.ref_period, self.ref_period_at = value, at

    def period(self, at: int) -> str:
        """The reporting period in force at offset `at`: named in the last 1,000 characters."""
        return self.ref_period if at - self.ref_period_at < 1000 else ""

    def before(self, start: int, n: int = 30) -> str:
        return self.text[max(0, start - n) : start]

    def after(self, end: int, n: int = 30) -> str:
        return self.text[end : end + n]


# --- small readers ------------------------------------------------------------------------------

_MONTH_KEY = re.compile(r"[A-Za-z]+")


def month_number(word: str) -> int:
    return lexicon.MONTHS[_MONTH_KEY.match(word).group().lower()]


def day_number(word: str) -> int:
    if word.lower() in lexicon.ORDINALS:
        return lexicon.ORDINALS[word.lower()]
    return int(re.match(r"\d+", word).group())


_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75}


def number(words: str) -> float | None:
    """The value of a number written in digits or words; None for an indefinite quantity."""
    w = " ".join(words.lower().replace("-", " ").split())
    frac = 0.0
    for k, v in _FRACTIONS.items():
        if w.endswith(" " + k):
            frac, w = v, w[: -len(k) - 1]
    if w.endswith(" and a half"):
        frac, w = 0.5, w[: -len(" and a half")]
    if w in ("a", "an", "one", "a single"):
        return 1 + frac
    if w in ("a couple of", "couple of", "a couple"):
        return 2 + frac
    if re.fullmatch(r"[\d,]+(\.\d+)?", w):
        return float(w.replace(",", "")) + frac
    total, current = 0, 0
    for tok in w.split():
        if tok in lexicon.ONES:
            current += lexicon.ONES[tok]
        elif tok in lexicon.TENS:
            current += lexicon.TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif tok in ("a", "and"):
            continue
        else:
            return None
    return total + current + frac


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


_UNIT_LETTER = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "millennium": "ML",
    "weekend": "WE",
}


def unit_key(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") and w[:-1] in _UNIT_LETTER else w


def duration_value(n: float | None, unit: str) -> str:
    """P3D, PT2H, P2Y6M, PXY..."""
    unit = unit_key(unit)
    if unit == "fortnight":
        n, unit = (None if n is None else n * 2), "week"
    if unit == "weekend":
        return "P1WE" if n == 1 else f"P{_fmt_num(n)}WE" if n else "PXWE"
    time_unit = unit in ("second", "minute", "hour")
    letter = _UNIT_LETTER[unit]
    # TimeML: decades and centuries are written in years where the count is exact.
    if n is not None and unit == "decade":
        n, letter = n * 10, "Y"
    elif n is not None and unit == "century":
        n, letter = n * 100, "Y"
    elif n is None and unit == "decade":
        letter = "DE"
    elif n is None and unit == "century":
        letter = "CE"
    prefix = "PT" if time_unit else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n != int(n):
        whole, frac = int(n), n - int(n)
        sub = {"year": (12, "M"), "day": (24, "H"), "hour": (60, "M"), "minute": (60, "S"), "week": (7, "D")}.get(unit)
        if sub and (frac * sub[0]) == int(frac * sub[0]):
            if unit == "day":
                return f"P{whole}DT{int(frac * sub[0])}H" if whole else f"PT{int(frac * sub[0])}H"
            return (
                f"{prefix}{whole}{letter}{int(frac * sub[0])}{sub[1]}"
                if whole
                else f"{prefix}{int(frac * sub[0])}{sub[1]}"
            )
        return f"{prefix}{_fmt_num(n)}{letter}"
    return f"{prefix}{int(n)}{letter}"


_MOD_WORDS = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "beginning of": "START",
    "late": "END",
    "the end of": "END",
    "at the end of": "END",
    "end of": "END",
    "mid": "MID",
    "the middle of": "MID",
    "middle of": "MID",
}


def mod_of(word: str | None) -> str:
    if not word:
        return ""
    return _MOD_WORDS.get(" ".join(word.lower().split()), "")


_QUANT_MODS = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "well over": "MORE_THAN",
    "just over": "MORE_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "nearly": "APPROX",
    "almost": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "about": "APPROX",
    "some": "APPROX",
}
# Quantity modifiers TimeML keeps inside the extent; the others ("about", "over", "only") are
# left out, as annotators of news did (they read them as prepositions or adverbs).
_QUANT_INSIDE = {
    "more than",
    "less than",
    "fewer than",
    "at least",
    "no less than",
    "at most",
    "up to",
    "no more than",
    "nearly",
    "almost",
    "well over",
    "just over",
    "just under",
    "around",
    "roughly",
    "approximately",
    "some",
}


def _quant(m: re.Match, group: str = "q") -> tuple[str, int | None]:
    """(mod, new start) for a quantity modifier group; new start skips a modifier left outside."""
    q = m.group(group)
    if not q:
        return "", None
    key = " ".join(q.lower().split())
    mod = _QUANT_MODS.get(key, "")
    if key in _QUANT_INSIDE:
        return mod, None
    # Leave the word out: the extent starts at the next word.
    rest = m.start(group) + len(q)
    while rest < len(m.string) and m.string[rest].isspace():
        rest += 1
    return mod, rest


_PLURAL_NOUN_AFTER = re.compile(
    r"\s{1,3}(?:(?!(?:is|was|has|does|says|goes|gets|makes|takes|seems|remains|means|marks|sees|was)\b)[a-z]{2,}s"
    r"|people|men|women|children|police|staff|personnel|feet|metres|meters)\b"
)
_TEMPORAL_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|to|of|during|before|after|through|between|and|or|early|late|mid|the|"
    r"'s|year|fiscal|summer|spring|winter|autumn|fall|around|circa|about|c\.|as of|last|next|this|for|at|on|than|"
    r"until|throughout|beyond|into|toward|towards|election|season|census|budget|games|olympics|cup|class of)\s{1,3})$"
)


# --- rule functions -------------------------------------------------------------------------------


def _date_found(ctx: Context, d: dt.date) -> Found:
    return Found("DATE", ymd(d))


def _year_for_month_day(ctx: Context, m: re.Match, month: int, day: int) -> int | None:
    if m.group("year"):
        return int(m.group("year"))
    return anchor.month_day_year(ctx.dct, month, day, ctx.tense(m.start(), m.end()))


def month_day(m: re.Match, ctx: Context) -> Found | None:
    month, day = month_number(m.group("mon")), day_number(m.group("day"))
    year = _year_for_month_day(ctx, m, month, day)
    try:
        d = D(year, month, day)
    except ValueError:
        return None
    if not m.group("year") and m.group("mon").lower() in ("may", "march") and not m.group("wd"):
        # "May 5" is a date; "may 5" is not matched at all (lowercase).
        pass
    return _date_found(ctx, d)


def day_month(m: re.Match, ctx: Context) -> Found | None:
    day_word = m.group("day")
    if not (m.group("year") or m.group("wd")) and not re.search(r"(?i)(st|nd|rd|th)$", day_word):
        # "20 March" without a year: a date only where no number-noun reading fits
        before = ctx.before(m.start(), 12).lower()
        if re.search(r"\$|\d\s*$", before):
            return None
    return month_day(m, ctx)


def month_day_range(m: re.Match, ctx: Context) -> Found | None:
    month = month_number(m.group("mon"))
    d1, d2 = day_number(m.group("d1")), day_number(m.group("d2"))
    if d2 <= d1:
        return None
    year = (
        int(m.group("year"))
        if m.group("year")
        else anchor.month_day_year(ctx.dct, month, d1, ctx.tense(m.start(), m.end()))
    )
    try:
        first, last = D(year, month, d1), D(year, month, d2)
    except ValueError:
        return None
    return Found("DATE", ymd(first), range_of=(ymd(first), ymd(last)))


day_month_range = month_day_range


def year_range(m: re.Match, ctx: Context) -> Found | None:
    y1 = int(m.group("y1"))
    y2s = m.group("y2")
    y2 = (y1 // 100) * 100 + int(y2s) if len(y2s) == 2 else int(y2s)
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return Found("DATE", str(y1), range_of=(str(y1), str(y2)))


def iso_date(m: re.Match, ctx: Context) -> Found | None:
    try:
        d = D(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    except ValueError:
        return None
    return _date_found(ctx, d)


def numeric_date(m: re.Match, ctx: Context) -> Found | None:
    a, b, ys = int(m.group("a")), int(m.group("b")), m.group("year")
    year = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
    if m.group("sep") == "." and len(ys) == 2:
        return None  # "3.5.98" is too often a version or a score
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
    if m.group("sep") == "." and b <= 12:
        month, day = b, a  # dotted dates are day-first (European)
    try:
        d = D(year, month, day)
    except ValueError:
        return None
    if abs(d.year - ctx.dct.year) > 60:
        return None
    return _date_found(ctx, d)


def _month_pre(pre: str | None) -> tuple[str, str]:
    """(relation, mod) from a month's premodifier."""
    if not pre:
        return "", ""
    p = " ".join(pre.lower().split())
    if p in ("last", "this past"):
        return "last", ""
    if p == "next":
        return "next", ""
    if p in ("this", "this coming"):
        return "this", ""
    return "", mod_of(p)


def month_year(m: re.Match, ctx: Context) -> Found | None:
    month = month_number(m.group("mon"))
    return Found("DATE", ym(int(m.group("year")), month), mod_of(m.group("mod")))


def month_rel_year(m: re.Match, ctx: Context) -> Found | None:
    month = month_number(m.group("mon"))
    rel = " ".join(m.group("rel").lower().split())
    base = ctx.dct.year
    year = {"last": base - 1, "the previous": base - 1, "next": base + 1, "the following": base + 1}.get(rel, base)
    return Found("DATE", ym(year, month), mod_of(m.group("mod")))


_MONTH_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|to|of|during|before|after|through|between|and|or|early|late|mid|last|next|"
    r"this|for|on|until|throughout|into|end|beginning|start|middle|the|'s|since|around|that|each|every|as\s+of|until|only|a|an)"
    r"[\s-]{1,3})$"
)


def month(m: re.Match, ctx: Context) -> Found | None:
    word = m.group("mon")
    pre = m.group("pre")
    key = _MONTH_KEY.match(word).group().lower()
    if key not in ("may", "june", "july") and len(key) <= 4 and not word.endswith("."):
        return None  # "Jan Kavan": an abbreviation stands for a month only with its period or a day
    if not pre:
        before = ctx.before(m.start(), 16)
        cue = _MONTH_CUE_BEFORE.search(before)
        after = ctx.after(m.end(), 3)
        if key in lexicon.AMBIGUOUS_MONTHS and not cue:
            return None  # "May" the verb or name, "March" the verb, "June Carter"
        if re.match(r"\s[A-Z][a-z]", after) and not cue:
            return None  # a name: "April Ryan", "August Wilson"
        if (
            key in ("may", "march")
            and re.match(r"\s+(?:be|have|not|to|on|against|through|into|in\s+the\s+streets)\b", ctx.after(m.end(), 20))
            and not cue
        ):
            return None
    relation, mod = _month_pre(pre)
    month_n = month_number(word)
    tense = ctx.tense(m.start(), m.end())
    year = anchor.month_year(ctx.dct, month_n, tense, relation)
    # "in March this year" / "in December" after a year just named: the text's year
    return Found("DATE", ym(year, month_n), mod)


_PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def _weekday_relation(pre: str | None) -> tuple[str, str]:
    if not pre:
        return "", ""
    p = " ".join(pre.lower().split())
    if p in ("last", "this past", "the previous"):
        return "last", ""
    if p in ("next", "the following", "the next"):
        return "next", ""
    if p in ("this", "this coming", "coming"):
        return "this", ""
    if p == "early":
        return "", "START"
    if p == "late":
        return "", "END"
    return "", ""


def weekday(m: re.Match, ctx: Context) -> Found | None:
    wd = lexicon.WEEKDAYS[m.group("wd").lower()]
    pre = m.group("pre")
    relation, mod = _weekday_relation(pre)
    p = " ".join(pre.lower().split()) if pre else ""
    if p in ("the previous", "the following", "the next", "that", "the same") and ctx.last_day:
        base = ctx.last_day
        if p in ("that", "the same"):
            d = anchor.weekday(base, wd, PAST)
        else:
            d = anchor.weekday(base, wd, UNKNOWN, "last" if p == "the previous" else "next")
    elif re.match(r"['’]s\b", ctx.after(m.end(), 3)) and not relation:
        d = anchor.weekday(ctx.dct, wd, PAST)  # "Wednesday's ruling": reported, so past
    else:
        d = anchor.weekday(ctx.dct, wd, ctx.tense(m.start(), m.end()), relation)
    value = ymd(d)
    if m.group("pod"):
        value += "T" + _PART_CODE[m.group("pod").lower()]
        return Found("TIME", value, mod)
    return Found("DATE", value, mod)


def _day_of(ctx: Context, word: str) -> dt.date:
    w = word.lower()
    if w == "yesterday":
        return ctx.dct - dt.timedelta(days=1)
    if w == "tomorrow":
        return ctx.dct + dt.timedelta(days=1)
    return ctx.dct


def _clock_value(h: int, minute: int, ampm: str | None) -> str:
    if ampm:
        a = ampm.lower().replace(".", "")
        if a == "pm" and h < 12:
            h += 12
        elif a == "am" and h == 12:
            h = 0
    return f"T{h:02d}:{minute:02d}"


def clock(m: re.Match, ctx: Context) -> Found | None:
    h, minute = int(m.group("h")), int(m.group("min") or 0)
    if h > 12 or h == 0:
        return None
    t = _clock_value(h, minute, m.group("ampm"))
    day_word = m.group("day")
    if day_word and day_word.lower() in lexicon.WEEKDAYS:
        day = anchor.weekday(ctx.dct, lexicon.WEEKDAYS[day_word.lower()], ctx.tense(m.start(), m.end()))
    elif day_word:
        day = _day_of(ctx, "today" if day_word.lower() == "tonight" else day_word)
    elif m.group("mon"):
        month_n, mday = month_number(m.group("mon")), day_number(m.group("mday"))
        try:
            day = D(anchor.month_day_year(ctx.dct, month_n, mday, ctx.tense(m.start(), m.end())), month_n, mday)
        except ValueError:
            return None
    else:
        day = ctx.last_day if ctx.last_day else ctx.dct
    mod = "APPROX" if m.group("approx") and m.group("approx").lower() in ("around", "about", "approximately") else ""
    start = None
    if m.group("approx") and m.group("approx").lower() in ("about",):
        start = m.start() + len(m.group("approx"))
        while m.string[start].isspace():
            start += 1
    return Found("TIME", ymd(day) + t, mod, start=start)


def clock24(m: re.Match, ctx: Context) -> Found | None:
    h, minute = int(m.group("h")), int(m.group("min"))
    day = ctx.last_day if ctx.last_day else ctx.dct
    return Found("TIME", ymd(day) + f"T{h:02d}:{minute:02d}")


_CLOCK_WORDS = {
    "mid afternoon": "TAF",
    "mid morning": "TMO",
    "noon": "T12:00",
    "midnight": "T24:00",
    "midday": "T12:00",
    "mid-day": "T12:00",
    "midafternoon": "TAF",
    "mid-afternoon": "TAF",
    "midmorning": "TMO",
    "mid-morning": "TMO",
    "dawn": "TMO",
    "dusk": "TEV",
}


def clock_word(m: re.Match, ctx: Context) -> Found | None:
    word = " ".join(m.group("word").lower().split())
    if word in ("dawn", "dusk") and not m.group("day"):
        return None
    if _title_case(m, ctx) or re.search(r"(?i:\bhigh\s+)$", ctx.before(m.start(), 6)):
        return None  # "High Noon"
    day_word = m.group("day")
    if day_word and day_word.lower() in lexicon.WEEKDAYS:
        day = anchor.weekday(ctx.dct, lexicon.WEEKDAYS[day_word.lower()], ctx.tense(m.start(), m.end()))
    elif day_word:
        day = _day_of(ctx, day_word)
    else:
        day = ctx.last_day or ctx.dct
    return Found("TIME", ymd(day) + _CLOCK_WORDS[word])


def clock_in_the(m: re.Match, ctx: Context) -> Found | None:
    h_word = m.group("h").lower()
    h = int(h_word) if h_word.isdigit() else lexicon.ONES.get(h_word, 0)
    pod = m.group("pod").lower()
    if pod in ("afternoon", "evening") and h < 12:
        h += 12
    day = ctx.last_day or ctx.dct
    return Found("TIME", ymd(day) + f"T{h:02d}:00")


def day_word(m: re.Match, ctx: Context) -> Found | None:
    w = m.group("w").lower()
    pre = (m.group("pre") or "").lower()
    day = _day_of(ctx, w)
    mod = {"early": "START", "late": "END"}.get(pre, "")
    start = None
    if _title_case(m, ctx):
        return None  # "USA Today"
    if w == "today" and re.match(
        r"['’]s\s+(?:[a-z]+s\b|world|youth|society|generation|economy|market|standards|world)", ctx.after(m.end(), 20)
    ):
        return None  # "today's world": the present age, not the publication day
    if m.group("pod"):
        return Found("TIME", ymd(day) + "T" + _PART_CODE[m.group("pod").lower()], mod, start=start)
    if w == "tonight":
        return Found("TIME", ymd(day) + "TNI", mod, start=start)
    return Found("DATE", ymd(day), mod, start=start)


def day_part_rel(m: re.Match, ctx: Context) -> Found | None:
    rel = m.group("rel").lower()
    pod = m.group("pod").lower()
    if rel == "that":
        if not ctx.last_day:
            return None
        day = ctx.last_day
    elif rel == "last":
        if pod != "night":
            return None  # "last morning" is not idiomatic; "last evening" is rare
        day = ctx.dct - dt.timedelta(days=1)
    elif rel == "this":
        day = ctx.dct
    else:
        day = _day_of(ctx, rel)
    return Found("TIME", ymd(day) + "T" + _PART_CODE[pod])


def day_before(m: re.Match, ctx: Context) -> Found | None:
    rel = " ".join(m.group("rel").lower().split())
    delta = -2 if rel.startswith("before") else 2
    return Found("DATE", ymd(ctx.dct + dt.timedelta(days=delta)))


def _unit_value(ctx: Context, unit: str, offset: int, base: dt.date | None = None) -> str | None:
    """The value of the week/month/year/... `offset` units from the one containing base (the DCT)."""
    d = base or ctx.dct
    if unit == "week":
        return iso_week(d + dt.timedelta(weeks=offset))
    if unit == "weekend":
        # the weekend: the coming one (offset 0 in future), the last one (offset -1)
        sat = d + dt.timedelta(days=(6 - d.isoweekday()) % 7)  # Saturday on or after d
        if offset < 0:
            sat = (
                d - dt.timedelta(days=(d.isoweekday() - 6) % 7 or 7)
                if d.isoweekday() != 7
                else d - dt.timedelta(days=1)
            )
            sat -= dt.timedelta(weeks=-offset - 1)
        elif offset > 0:
            sat += dt.timedelta(weeks=offset)
        return iso_week(sat) + "-WE"
    if unit == "month":
        y, mo = anchor.add_months(d.year, d.month, offset)
        return ym(y, mo)
    if unit == "year":
        return f"{d.year + offset:04d}"
    if unit == "quarter":
        q = anchor.quarter_of(d) - 1 + offset
        return f"{d.year + q // 4:04d}-Q{q % 4 + 1}"
    if unit == "half":
        h = (d.month - 1) // 6 + offset
        return f"{d.year + h // 2:04d}-H{h % 2 + 1}"
    if unit == "decade":
        return f"{d.year // 10 + offset:03d}"
    if unit == "century":
        return f"{d.year // 100 + offset:02d}"
    if unit in lexicon.SEASONS:
        code = lexicon.SEASONS[unit]
        relation = "last" if offset < 0 else "next" if offset > 0 else "this"
        return f"{anchor.season_year(d, code, UNKNOWN, relation):04d}-{code}"
    return None


_REL_OFFSET = {
    "this": 0,
    "current": 0,
    "present": 0,
    "same": 0,
    "that": 0,
    "latest": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "upcoming": 1,
}
_EDGE_MOD = {
    "early": "START",
    "late": "END",
    "mid": "MID",
    "the end of": "END",
    "at the end of": "END",
    "the beginning of": "START",
    "the start of": "START",
    "the middle of": "MID",
    "the turn of": "",
    "the close of": "END",
    "the rest of": "",
    "the remainder of": "",
    "the first half of": "START",
    "the second half of": "END",
    "the latter half of": "END",
    "the latter part of": "END",
    "the early part of": "START",
}


def rel_unit(m: re.Match, ctx: Context) -> Found | None:
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    if _title_case(m, ctx):
        return None  # "ABC's This Week"
    if unit == "autumn":
        unit = "fall"
    pre = " ".join((m.group("pre") or "").lower().split())
    the = bool(m.group("the"))
    offset = _REL_OFFSET[rel]
    if rel in ("past", "previous", "preceding", "prior") and not the and rel != "past":
        return None  # "previous week" without "the" is mostly inside a longer phrase
    if rel in ("that", "same"):
        # anaphoric: "later that year", "that same week" read from the last date the text named
        base = ctx.last_day if unit != "year" else D(ctx.last_year, 7, 1) if ctx.last_year else None
        if base is None:
            return None
        value = _unit_value(ctx, unit, 0, base)
        return Found("DATE", value, _EDGE_MOD.get(pre, "")) if value else None
    if rel == "latest" and unit != "quarter":
        return None
    value = _unit_value(ctx, unit, offset)
    if value is None:
        return None
    if unit == "weekend" and offset == 0 and rel in ("this", "current"):
        value = _weekend_value(ctx, m)
    if unit == "weekend" and offset < 0:
        value = _unit_value(ctx, "weekend", -1)
    if unit == "weekend" and offset > 0:
        value = _unit_value(ctx, "weekend", 1)
    mod = _EDGE_MOD.get(pre, "")
    start = None
    span = None
    if pre in ("earlier", "later", "the rest of", "the remainder of") and offset == 0:
        # "later this month": TimeML keeps the word in the extent and the value is the month;
        # the days are the part of the month after (or before) the publication date.
        first, last, _ = span_of(value, "", ctx.dct)
        if first and last and first <= ctx.dct <= last:
            span = (first, ctx.dct) if pre == "earlier" else (min(ctx.dct + dt.timedelta(days=1), last), last)
    return Found("DATE", value, mod, start=start, span=span)


def the_unit(m: re.Match, ctx: Context) -> Found | list[Found] | None:
    if _title_case(m, ctx):
        return None
    pre = (m.group("pre") or "").lower()
    det = m.group("det").lower()
    adj = " ".join((m.group("adj") or "").lower().split())
    unit = m.group("unit").lower()
    after = ctx.after(m.end(), 24)
    before = ctx.before(m.start(), 16).lower()
    anaphoric = det == "that" or adj in ("same", "very same")
    shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(adj, 0)
    start = m.start("det") if pre and " in " in m.group()[: m.start("det") - m.start() + 1] else None
    if pre and start is None and pre in ("early", "late"):
        start = None
    mod = {"early": "START", "late": "END"}.get(pre, "")
    if unit in ("morning", "afternoon", "evening", "night"):
        base = ctx.last_day if (anaphoric or shift or det == "that") else None
        if base is None and (shift or anaphoric):
            return None
        if base is None:
            if not re.search(r"\b(?:in|during|overnight|through)\s+$", before):
                return None
            base = ctx.last_day or ctx.dct
        day = base + dt.timedelta(days=shift)
        return Found("TIME", ymd(day) + "T" + _PART_CODE[unit], mod, start=start)
    if unit == "day":
        if anaphoric or shift:
            if ctx.last_day is None:
                return None
            return Found("DATE", ymd(ctx.last_day + dt.timedelta(days=shift)), mod, start=start)
        return None  # "later in the day" is seldom annotated; "the day after X" needs X
    if re.match(r"\s+(?:before|earlier|after|later|ago)\b", after):
        return None  # "the year before": measured from a time the text has not named
    if re.match(r"\s+(?:ended|ending|to\s+(?:date|[A-Z]))", after) and unit in ("year", "month", "week"):
        # "the year ended Sept. 30": a length of time ending on that date
        return Found("DURATION", "P1" + {"year": "Y", "month": "M", "week": "W"}[unit], start=start)
    if unit == "weekend":
        if anaphoric or shift:
            return None
        return Found("DATE", _weekend_value(ctx, m), mod, start=start)
    if unit == "week" and re.match(r"\s+of\b", after):
        return None  # "the week of March 6": the week_of rule
    if unit == "year":
        year_n = ctx.dct.year
        if anaphoric or shift:
            if ctx.last_year is None:
                return None
            year_n = ctx.last_year + shift
        elif adj in ("latest fiscal",):
            year_n = ctx.dct.year - (1 if ctx.dct.month < 7 else 0)
        elif det == "the" and not adj and not pre and re.search(r"\b(?:all|of|across)\s+$", before):
            return None  # "all the year round"
        return Found("DATE", f"{year_n:04d}", mod, start=start)
    base = ctx.last_day if (anaphoric or shift) else ctx.dct
    if base is None:
        return None
    if unit == "month":
        y, mo = anchor.add_months(base.year, base.month, shift)
        return Found("DATE", ym(y, mo), mod, start=start)
    if unit == "week":
        return Found("DATE", iso_week(base + dt.timedelta(weeks=shift)), mod, start=start)
    return None


def week_of(m: re.Match, ctx: Context) -> Found | None:
    month_n, day = month_number(m.group("mon")), day_number(m.group("day"))
    year_n = _year_for_month_day(ctx, m, month_n, day)
    try:
        return Found("DATE", iso_week(D(year_n, month_n, day)))
    except ValueError:
        return None


def month_day_and(m: re.Match, ctx: Context) -> list[Found] | None:
    """ "April 24 and 25": two dates, as TimeML annotates them."""
    month_n = month_number(m.group("mon"))
    d1, d2 = day_number(m.group("day")), day_number(m.group("day2"))
    if d2 <= d1:
        return None
    year_n = _year_for_month_day(ctx, m, month_n, d1)
    try:
        first, second = D(year_n, month_n, d1), D(year_n, month_n, d2)
    except ValueError:
        return None
    end_first = m.end("day")
    if m.group("year"):
        return [
            Found("DATE", ymd(first), start=m.start(), end=end_first),
            Found("DATE", ymd(second), start=m.start("day2"), end=m.end()),
        ]
    return [
        Found("DATE", ymd(first), start=m.start(), end=end_first),
        Found("DATE", ymd(second), start=m.start("day2"), end=m.end("day2")),
    ]


def _weekend_value(ctx: Context, m: re.Match) -> str:
    tense = ctx.tense(m.start(), m.end())
    d = ctx.dct
    if tense == PAST or d.isoweekday() in (6, 7) or (tense == UNKNOWN and d.isoweekday() == 1):
        # the weekend just gone (or the one we are in)
        days_back = (d.isoweekday() - 6) % 7
        sat = d - dt.timedelta(days=days_back if d.isoweekday() >= 6 else d.isoweekday() + 1)
        return iso_week(sat) + "-WE"
    sat = d + dt.timedelta(days=(6 - d.isoweekday()) % 7)
    return iso_week(sat) + "-WE"


def unit_end(m: re.Match, ctx: Context) -> Found | None:
    unit = m.group("unit").lower().removesuffix("'s").removesuffix("’s")
    value = _unit_value(ctx, unit, 0)
    if unit == "year":
        return Found("DATE", f"{ctx.dct.year:04d}-12-31")
    return Found("DATE", value, "END")


def the_unit_edge(m: re.Match, ctx: Context) -> Found | None:
    edge = " ".join(m.group("edge").lower().split())
    unit = m.group("unit").lower()
    value = _unit_value(ctx, unit, 0)
    if value is None:
        return None
    mod = {"end": "END", "beginning": "START", "start": "START", "middle": "MID", "close": "END"}.get(
        edge.replace("at ", "").split()[1], ""
    )
    start = m.start()
    if edge.startswith("at "):
        start = m.start() + 3
    return Found("DATE", value, mod, start=start)


def _offset_value(ctx: Context, base: dt.date, n: float | None, unit: str, sign: int) -> str | None:
    unit = unit_key(unit)
    if n is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    if n != int(n):
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    k = int(n) * sign
    if unit in ("day", "night"):
        return ymd(base + dt.timedelta(days=k))
    if unit == "week":
        return iso_week(base + dt.timedelta(weeks=k))
    if unit == "fortnight":
        return iso_week(base + dt.timedelta(weeks=2 * k))
    if unit == "month":
        y, mo = anchor.add_months(base.year, base.month, k)
        return ym(y, mo)
    if unit == "quarter":
        y, mo = anchor.add_months(base.year, base.month, 3 * k)
        return f"{y:04d}-Q{(mo - 1) // 3 + 1}"
    if unit == "year":
        return f"{base.year + k:04d}"
    if unit == "decade":
        return f"{base.year + 10 * k:04d}"
    if unit == "century":
        return f"{(base.year + 100 * k) // 100:02d}"
    if unit in ("hour", "minute", "second"):
        return None
    return None


def ago(m: re.Match, ctx: Context) -> Found | None:
    direction_word = " ".join(m.group("dir").lower().split())
    vague_num = m.group("num").lower() in ("several", "a few", "few", "many", "some")
    n = None if vague_num else number(m.group("num"))
    unit = unit_key(m.group("unit"))
    sign = 1 if direction_word in ("from now", "hence") else -1
    mod, start = _quant(m)
    if unit in ("hour", "minute", "second"):
        return None
    base = ctx.dct
    period = ctx.period(m.start())
    if unit == "year" and n == 1 and sign < 0 and re.search(r"-(Q\d|H\d)$", period):
        # "a year ago" / "a year earlier" in a report of results: the same period a year before
        y, part = period.split("-")
        return Found("DATE", f"{int(y) - 1:04d}-{part}", mod, start=start)
    if direction_word in ("earlier", "previously"):
        base = ctx.last_day or ctx.dct
    value = _offset_value(ctx, base, n, unit, sign)
    if value is None:
        return None
    return Found("DATE", value, mod, start=start)


_MODAL_BEFORE = re.compile(r"(?i:\b(?:will|would|could|might|may|can|should|must|'ll)\s+(?:\w+\s+)?)$")


_AGE_AFTER = re.compile(r"\s{0,2}(?:-\s?|\s)?(?i:old)\b")


def duration(m: re.Match, ctx: Context) -> Found | None:
    num_word = m.group("num")
    unit = unit_key(m.group("unit"))
    nw = " ".join(num_word.lower().split())
    rel = (m.group("rel") or "").lower()
    the = (m.group("the") or "").lower()
    plural = m.group("unit").lower().endswith("s")
    after = ctx.after(m.end(), 30)
    if _title_case(m, ctx):
        return None  # "60 Minutes"
    if nw in ("several", "a few", "few", "many", "some", "dozens of"):
        n = None
    else:
        n = number(num_word)
        if n is None:
            return None
    if m.group("num2"):
        n2 = number(m.group("num2"))
        if n2 is None or n is None or n2 <= n:
            return None
    if nw in ("a", "an") and plural:
        return None
    singular_after_number = n is not None and n != 1 and not (plural or m.group("half") or m.group("num2"))
    if singular_after_number and (n >= 1000 or not re.match(r"\s+[a-z]", after)):
        # "a five year low": a singular unit after a number is an adjective; fine below 1000,
        # but "the 1988 quarter" is a year, not 1,988 quarters.
        return None
    if (
        unit == "second"
        and (n == 1 or nw == "second")
        and not plural
        and not re.match(r"\s*(?:[,.;)]|or\b|and\b|later|earlier|ago|to\b|of\b|$)", after[:8])
    ):
        return None  # "a second meeting": the ordinal
    if n is not None and n > 10000:
        return None
    if unit in ("weekend", "night") and n is None:
        return None
    if unit == "year" and _AGE_AFTER.match(after):
        return None  # "52 years old": an age
    if unit == "quarter" and (n is None or n == 1) and not plural and re.match(r"\s+of\b", after):
        return None  # "a quarter of the market": a fraction
    if nw in ("a", "an") and unit in ("day", "week", "month", "year", "hour", "quarter") and not (the or rel):
        before = ctx.before(m.start(), 30)
        # "$1 billion a year", "four flights a week", "24 hours a day": a rate, which news
        # annotation leaves untagged
        if re.search(
            r"(?:\d%?|\b(?:times|once|twice|percent|cents|dollars|billion|million|thousand|hundred|[a-z]+s))\s+$",
            before,
        ) and not re.search(
            r"(?i:\b(?:for|in|within|about|than|over|after|of|nearly|almost|only|least|past|last|next|first|just|"
            r"take|takes|took|taken|lasts?|lasted|spent|spend|spends|is|was|been)\s+)$",
            before,
        ):
            return None
    if nw == "one" and unit == "day" and _MODAL_BEFORE.search(ctx.before(m.start(), 30)):
        return Found("DATE", "FUTURE_REF")
    mod, start = _quant(m)
    if the and not rel and unit in ("year", "month", "week", "day") and n == 1 and nw in ("a", "an"):
        return None
    if m.group("half") and n is not None:
        n += 0.5
    value = duration_value(n, unit)
    span = _duration_span(m, ctx, n, unit)
    return Found(
        "DURATION", value, mod, start=start, span=span[:2] if span else None, precision=span[2] if span else ""
    )


_IN_BEFORE = re.compile(r"(?i:\b(in|within|over)\s{1,3})$")


def _duration_span(m: re.Match, ctx: Context, n: float | None, unit: str) -> tuple[dt.date, dt.date, str] | None:
    """The days a duration points at, for the timeline: "in two weeks" (that week), "within a month"."""
    before = _IN_BEFORE.search(ctx.before(m.start(), 10))
    if not before or n is None or n != int(n) or m.group("rel") or m.group("the"):
        return None
    if before.group(1).lower() == "in" and ctx.tense(m.start(), m.end()) != FUTURE:
        return None
    value = _offset_value(ctx, ctx.dct, n, unit, 1)
    if not value or not re.match(r"\d{4}", value):
        return None
    first, last, precision = span_of(value, "", ctx.dct)
    if first is None:
        return None
    if before.group(1).lower() in ("within", "over"):
        return ctx.dct, last, "range"
    return first, last, precision


def duration_adj_hyphen(m: re.Match, ctx: Context) -> Found | None:
    nw = m.group("num").lower()
    unit = unit_key(m.group("unit"))
    if nw in ("half",):
        n = 0.5
    elif nw in ("multi", "several", "many"):
        n = None
    else:
        n = number(nw)
        if n is None:
            return None
    if n is not None and n > 1000:
        return None
    if unit == "weekend":
        return None
    if (m.group("tail") or "").lower() == "old" and unit in ("year", "day", "week"):
        return None  # "a 6-year-old boy": an age
    return Found("DURATION", duration_value(n, unit))


def duration_plural(m: re.Match, ctx: Context) -> Found | None:
    unit = unit_key(m.group("unit"))
    pre = " ".join((m.group("pre") or "").lower().split())
    if pre == "the" and not m.group("ahead"):
        return None  # "the days before the slaying": measured from an event
    if pre == "future":
        return Found("DATE", "FUTURE_REF")
    if unit == "quarter" and not pre:
        return None
    if m.group("tail"):
        return Found("DURATION", duration_value(None, unit))
    if not pre:
        before = ctx.before(m.start(), 12).lower()
        if not re.search(r"\b(?:for|within|in|over|after|lasting|took|take|takes|last|lasted)\s+$", before):
            return None
        if unit in ("second", "minute", "hour"):
            return None
        return Found("DURATION", duration_value(None, unit))
    if pre in ("in recent",):
        return Found("DURATION", duration_value(None, unit), start=m.start() + 3)
    if pre in ("recent", "the past", "the last"):
        return Found("DURATION", duration_value(None, unit))
    if pre in ("coming", "the coming", "the next", "the following", "the ensuing"):
        return Found("DURATION", duration_value(None, unit))
    return Found("DURATION", duration_value(None, unit))


def unit_long(m: re.Match, ctx: Context) -> Found | None:
    unit = unit_key(m.group("unit"))
    return Found(
        "DURATION", duration_value(None, unit) if m.group("unit").lower().endswith("s") else duration_value(1, unit)
    )


def a_while(m: re.Match, ctx: Context) -> Found | None:
    w = " ".join(m.group("w").lower().split())
    before = ctx.before(m.start(), 10).lower()
    if not re.search(r"\b(?:for|in|within|after|over|take|takes|took)\s+$", before):
        return None
    return Found("DURATION", "PXM" if "time" in w else "PXX")


def year(m: re.Match, ctx: Context) -> Found | None:
    y = int(m.group("year"))
    pre = " ".join((m.group("pre") or "").lower().split())
    if not pre:
        before = ctx.before(m.start(), 24)
        after = ctx.after(m.end(), 16)
        if _PLURAL_NOUN_AFTER.match(after) and not _TEMPORAL_BEFORE.search(before):
            return None  # "2000 troops"
        if re.match(r"\s{0,2}(?:%|percent|per\s+cent|\$)", after) or re.search(
            r"(?:No\.|number|#|\bpage|\broom|\bflight|\bRoute|\bResolution|\bresolution|\bSt\.|\bStreet|\bAvenue)\s*$",
            before,
        ):
            return None
        if abs(y - ctx.dct.year) > 120 and not _TEMPORAL_BEFORE.search(before):
            return None
        if (
            re.match(r"\s{1,3}(?i:to|and|or)\s{1,3}\d", after)
            and re.search(r"(?i:between|from)\s+$", before) is None
            and y > 2100
        ):
            return None
    if pre in ("post", "pre"):
        return Found("DATE", str(y))
    if (
        pre.startswith("the summer of")
        or pre.startswith("the spring of")
        or pre.startswith("the fall of")
        or pre.startswith("the autumn of")
        or pre.startswith("the winter of")
    ):
        season = lexicon.SEASONS[pre.split()[1]]
        return Found("DATE", f"{y}-{season}")
    if pre in ("the first half of",):
        return Found("DATE", f"{y}-H1")
    if pre in ("the second half of",):
        return Found("DATE", f"{y}-H2")
    if pre in ("fiscal", "calendar", "the fiscal year", "the year"):
        return Found("DATE", str(y))
    return Found("DATE", str(y), mod_of(pre))


def short_year(m: re.Match, ctx: Context) -> Found | None:
    before = ctx.before(m.start(), 14)
    if not _TEMPORAL_BEFORE.search(before) and not re.search(r"(?i:class\s+of|in|since|of)\s*$", before):
        return None
    yy = int(m.group("yy"))
    century = ctx.dct.year // 100 * 100
    y = century + yy if century + yy <= ctx.dct.year + 10 else century - 100 + yy
    return Found("DATE", str(y))


def spoken_year(m: re.Match, ctx: Context) -> Found | None:
    rest = number(m.group("rest"))
    if rest is None or not (10 <= rest <= 99):
        return None
    return Found("DATE", str(1900 + int(rest)))


def spoken_year_2000(m: re.Match, ctx: Context) -> Found | None:
    rest = m.group("rest")
    if not m.group("the") and not re.search(r"(?i:\bin|\bsince|\bby|\buntil)\s+$", ctx.before(m.start(), 8)):
        return None
    return Found("DATE", str(2000 + (lexicon.ONES.get(rest.lower(), 0) if rest else 0)))


def decade(m: re.Match, ctx: Context) -> Found | None:
    mod = mod_of(m.group("mod"))
    if m.group("full"):
        value = m.group("full")[:3]
    elif m.group("short"):
        d = int(m.group("short")[0])
        century = ctx.dct.year // 100
        value = f"{century}{d}" if century * 100 + d * 10 <= ctx.dct.year else f"{century - 1}{d}"
    else:
        d = lexicon.DECADE_WORDS[m.group("word").lower()]
        century = ctx.dct.year // 100
        value = f"{century}{d}" if century * 100 + d * 10 <= ctx.dct.year else f"{century - 1}{d}"
    start = None
    if m.group("the") and not m.group("mod"):
        start = m.start() + len(m.group("the"))
        while m.string[start].isspace():
            start += 1
    return Found("DATE", value, mod, start=start)


def century(m: re.Match, ctx: Context) -> Found | None:
    o = m.group("ord").lower().replace(" ", "-")
    if o[0].isdigit():
        n = int(re.match(r"\d+", o).group())
    else:
        n = lexicon.ORDINALS.get(o) or (21 if o.startswith("twenty") else None)
        if n is None:
            return None
    if not 1 <= n <= 22:
        return None
    return Found("DATE", f"{n - 1:02d}", mod_of(m.group("mod")))


def season(m: re.Match, ctx: Context) -> Found | None:
    word = m.group("season").lower()
    code = lexicon.SEASONS[word]
    pre = " ".join((m.group("pre") or "").lower().split())
    if m.group("year"):
        return Found("DATE", f"{m.group('year')}-{code}", mod_of(pre))
    if not pre:
        before = ctx.before(m.start(), 14).lower()
        if not re.search(
            r"\b(?:in|during|since|by|until|before|after|over|through|throughout|for|early|late|this|last|next)\s+$",
            before,
        ):
            return None
        if word == "fall":
            return None
    if pre == "the" or pre == "in the":
        before = ctx.before(m.start(), 14).lower()
        if word in ("fall", "spring") and not re.search(
            r"\b(?:in|during|since|by|until|before|after|over|through|throughout|this|last|next|until|of)\s+$", before
        ):
            return None
        if re.match(
            r"\s+(?:of|session|collection|term|semester|offensive|harvest|olympics|games|months)\b",
            ctx.after(m.end(), 14).lower(),
        ):
            return None
    relation = {
        "last": "last",
        "this past": "last",
        "next": "next",
        "this": "this",
        "this coming": "next",
        "the coming": "next",
        "the past": "last",
    }.get(pre, "")
    if pre == "that":
        return None
    year_value = anchor.season_year(ctx.dct, code, ctx.tense(m.start(), m.end()), relation)
    start = None
    if pre == "in the":
        start = m.start() + 3
    return Found("DATE", f"{year_value}-{code}", mod_of(pre), start=start)


_ORD_NUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def quarter(m: re.Match, ctx: Context) -> Found | None:
    ord_word = m.group("ord").lower()
    kind = m.group("kind").lower()
    the = (m.group("the") or "").lower()
    n = (4 if kind == "quarter" else 2) if ord_word in ("final", "last") else _ORD_NUM[ord_word]
    if kind == "half" and n > 2:
        return None
    if kind == "period":
        return None
    letter = "Q" if kind == "quarter" else "H"
    if m.group("year0"):
        y = int(m.group("year0"))
    elif m.group("year"):
        y = int(m.group("year"))
    elif m.group("rel") or m.group("rel2"):
        rel = (m.group("rel") or m.group("rel2")).lower()
        y = ctx.dct.year + {"last": -1, "next": 1, "the previous": -1}.get(rel, 0)
    else:
        tense = ctx.tense(m.start(), m.end())
        if letter == "Q":
            y = anchor.quarter_year(ctx.dct, n, tense)
        else:
            y = ctx.dct.year if (n - 1) * 6 < ctx.dct.month or tense == FUTURE else ctx.dct.year - 1
    value = f"{y:04d}-{letter}{n}"
    adj = (m.group("adj") or "").lower()
    if adj in ("year-ago", "year-earlier"):
        value = f"{y - 1:04d}-{letter}{n}"
    after = ctx.after(m.end(), 20)
    if re.match(r"\s+of\s+the\b", after) and not (m.group("year") or m.group("rel2")):
        return None  # "the last half of the '80s"
    start = None
    if the in ("its", "a"):
        start = m.start("adj") if adj else m.start("fiscal2") if m.group("fiscal2") else m.start("ord")
    if the and _adjectival(m, after, "kind"):
        # "the third-quarter loss": the determiner belongs to "loss"
        start = m.start("adj") if adj else m.start("fiscal2") if m.group("fiscal2") else m.start("ord")
        if m.group("year0"):
            start = m.start("year0")
    if letter == "Q" and adj not in ("year-ago", "year-earlier"):
        ctx.set_period(value, m.start())
    return Found("DATE", value, start=start)


def _adjectival(m: re.Match, after: str, head: str) -> bool:
    """Whether an expression modifies a following noun ("third-quarter earnings", "a 1994 law")."""
    if "-" in m.string[m.start(head) - 1 : m.start(head)]:
        return True  # "third-quarter"
    nxt = re.match(r"\s+([a-z][a-z-]*)", after)
    if not nxt:
        return False
    word = nxt.group(1)
    return word not in lexicon.FUNCTION_WORDS and not (word.endswith("ed") and word not in lexicon.NOT_PAST_ED)


def quarters_of(m: re.Match, ctx: Context) -> Found | None:
    y = int(m.group("year"))
    n = 2 if m.group("n").lower() == "two" else 3
    if n == 2:
        return Found("DATE", f"{y}-H1" if m.group("ord").lower() == "first" else f"{y}-H2")
    return Found("DURATION", "P9M")


_RESULTS_WORDS = re.compile(r"(?i)\b(?:earn|profit|loss|revenue|sales|net|income|results?|share|dividend|quarter)")


def period_ref(m: re.Match, ctx: Context) -> Found | None:
    kind = m.group("kind").lower()
    adj = " ".join((m.group("adj") or "").lower().split())
    the = m.group("the").lower()
    tail = " ".join((m.group("tail") or "").lower().split())
    ref = ctx.period(m.start())
    if not ref:
        # No period named yet: a report of results is about the last quarter that has ended.
        q = anchor.quarter_of(ctx.dct) - 1
        ref = f"{ctx.dct.year:04d}-Q{q}" if q else f"{ctx.dct.year - 1:04d}-Q4"
        if kind == "period" and not (
            adj in ("year-ago", "year-earlier", "latest", "year-before") or m.group("year") or tail
        ):
            return None
        if (
            kind == "quarter"
            and not adj
            and not m.group("year")
            and not tail
            and the != "this"
            and not _RESULTS_WORDS.search(ctx.text[max(0, m.start() - 300) : m.end() + 300])
        ):
            return None
    y, part = ref.split("-", 1) if "-" in ref else (ref, "")
    if m.group("year"):
        value = f"{m.group('year')}-{part}" if part else m.group("year")
    elif adj in ("year-ago", "year-earlier", "year-before") or tail:
        value = f"{int(y) - 1:04d}-{part}" if part else f"{int(y) - 1:04d}"
    elif adj in ("past", "previous", "prior") or adj in ("first", "second"):
        return None
    else:
        value = ref
    return Found("DATE", value)


def year_ago_adj(m: re.Match, ctx: Context) -> Found | None:
    ref = ctx.period(m.start())
    if ref and "-" in ref:
        y, part = ref.split("-", 1)
        return Found("DATE", f"{int(y) - 1:04d}-{part}")
    return Found("DATE", f"{ctx.dct.year - 1:04d}")


_VAGUE = {
    "now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "current": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "the recent past": "PAST_REF",
    "in recent times": "PAST_REF",
    "then current": "PAST_REF",
    "the future": "FUTURE_REF",
    "in the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    "the immediate future": "FUTURE_REF",
    "the not-too-distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the medium term": "FUTURE_REF",
    "some day": "FUTURE_REF",
    "one day": "FUTURE_REF",
}


def vague(m: re.Match, ctx: Context) -> Found | None:
    w = " ".join(m.group("w").lower().split())
    start = None
    if w.startswith(("in the ", "at ")):
        start = m.start() + len(w.split()[0]) + 1  # "in [the future]", "at [the moment]"
    if w.endswith(" ago"):
        return Found("DATE", "PAST_REF")
    if w.startswith("at this"):
        return Found("DATE", "PRESENT_REF", start=start)
    value = _VAGUE.get(w)
    if value is None:
        return None
    if w == "now" and re.match(r"\s*-", ctx.after(m.end(), 3)):
        return None  # "now-defunct"
    if w == "current" and re.match(
        r"\s+(?:account|accounts|affairs|events|flows?|density|direction|law|laws|policy|owner|owners|holders?)\b",
        ctx.after(m.end(), 16),
    ):
        return None  # a set phrase ("current account") or not a time of the text
    if w in ("one day", "some day") and not _MODAL_BEFORE.search(ctx.before(m.start(), 30)):
        return None  # "one day" is a duration unless a modal makes it a vague future
    if _title_case(m, ctx):
        return None
    return Found("DATE", value, start=start)


# A line break in the trailing spaces is looked for from the head of those spaces only ((?<!\s)): "\n\s*$" on its
# own was tried again from every line break of a run, quadratic in its length.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|(?<!\s)[^\S\n]*\n\s*|[\"“‘'(`]\s*|--\s*|_\s*)$")


def _title_case(m: re.Match, ctx: Context) -> bool:
    """A capitalised time word inside a sentence is a title: "ABC's This Week", "USA Today", "60 Minutes"."""
    text = m.group()
    if not text[:1].isupper() and not (text[:1].isdigit() and re.search(r"\s[A-Z]", text)):
        return False
    words = text.split()
    if len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return True  # every word capitalised: a name
    before = ctx.before(m.start(), 12)
    return not _SENTENCE_START.search(before) and bool(re.search(r"[A-Z][\w.]*\s+$", before))


_SET_UNIT = {
    "second": "PT1S",
    "minute": "PT1M",
    "hour": "PT1H",
    "day": "P1D",
    "night": "P1D",
    "week": "P1W",
    "weekend": "P1WE",
    "month": "P1M",
    "quarter": "P1Q",
    "year": "P1Y",
    "decade": "P10Y",
    "century": "P100Y",
}


def set_every(m: re.Match, ctx: Context) -> Found | None:
    unit = m.group("unit")
    low = unit.lower()
    num = (m.group("num") or "").lower()
    if low in lexicon.WEEKDAYS:
        value = f"XXXX-WXX-{lexicon.WEEKDAYS[low]}"
        if m.group("pod"):
            value += "T" + _PART_CODE[m.group("pod").lower()]
        return Found("SET", value)
    if _MONTH_KEY.match(unit).group().lower() in lexicon.MONTHS and unit[0].isupper():
        return Found("SET", f"XXXX-{month_number(unit):02d}")
    if low in lexicon.SEASONS:
        return Found("SET", f"XXXX-{lexicon.SEASONS[low]}")
    if low in ("morning", "afternoon", "evening"):
        return Found("SET", "TXX" if False else f"XXXX-XX-XXT{_PART_CODE[low]}")
    key = unit_key(low)
    if num == "other":
        return Found("SET", duration_value(2, key))
    if num:
        n = number(num)
        if n is None:
            return Found("SET", duration_value(None, key))
        return Found("SET", duration_value(n, key))
    return Found("SET", _SET_UNIT.get(key, duration_value(1, key)))


_ADVERB_SET = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "bimonthly": "P2M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "biannually": "P6M",
    "semiannually": "P6M",
    "semi-annually": "P6M",
    "hourly": "PT1H",
}


def set_adverb(m: re.Match, ctx: Context) -> Found | None:
    w = m.group("w").lower()
    if w not in _ADVERB_SET:
        return None
    after = ctx.after(m.end(), 20).lower()
    if w == "quarterly" and re.match(r"\s+(?:dividend|report|results?|earnings|payments?|filing|statement)", after):
        return None  # an adjective of finance, not a recurrence in the text's sense
    if w == "daily" and re.match(r"\s+[A-Z]", ctx.after(m.end(), 3)):
        return None  # "the daily Granma": a newspaper
    return Found("SET", _ADVERB_SET[w])


def set_times(m: re.Match, ctx: Context) -> Found | None:
    unit = unit_key(m.group("unit"))
    return Found("SET", _SET_UNIT.get(unit, duration_value(1, unit)))


def set_per(m: re.Match, ctx: Context) -> Found | None:
    return Found("SET", _SET_UNIT[unit_key(m.group("unit"))])


def holiday(m: re.Match, ctx: Context) -> Found | None:
    name = " ".join(m.group("h").lower().split())
    words = m.group("h")
    if not words[0].isupper():
        return None
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        y = int(m.group("year"))
    else:
        y = anchor.holiday_year(ctx.dct, name, ctx.tense(m.start(), m.end()), rel)
    d = anchor.holiday(name, y)
    if d is None:
        return None
    if m.group("week"):
        return Found("DATE", iso_week(d))
    return Found("DATE", ymd(d))


def ordinal_day(m: re.Match, ctx: Context) -> Found | None:
    word = m.group("day")
    start = m.start("the") if m.group("the") else m.start("day")
    if word.lower() in lexicon.ORDINALS and not m.group("the"):
        return None
    day = day_number(word)
    if not 1 <= day <= 31:
        return None
    after = ctx.after(m.end(), 6)
    if not re.match(r"\s*(?:[,.;:)]|$|\s+(?:and|or|to|at|in|of|when|,))", after) and after.strip():
        return None
    base = ctx.last_day if ctx.last_day and abs((ctx.last_day - ctx.dct).days) < 40 else ctx.dct
    tense = ctx.tense(m.start(), m.end())
    # The month of the text's time: this month, or the next/previous one as tense requires.
    y, mo = base.year, base.month
    if tense == FUTURE and day < base.day:
        y, mo = anchor.add_months(y, mo, 1)
    elif tense == PAST and day > base.day:
        y, mo = anchor.add_months(y, mo, -1)
    if day > month_end(y, mo).day:
        return None
    return Found("DATE", ymd(D(y, mo, day)), start=start)
