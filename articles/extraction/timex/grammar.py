"""The grammar: one regular expression per family of English temporal expressions.

Patterns are assembled from the lexicon with `<<MACRO>>` placeholders and compiled once. Each
rule's named groups are read by the function of the same name in `normalise.py`. Extents follow
TimeML TIMEX3 as TempEval-3 annotates news: determiners and modifiers that belong to the
expression are inside it ("the third quarter", "last week", "late November", "more than two
years", "the past two months"); prepositions ("on Monday", "in 1995") and a determiner of the
noun a date modifies ("the [Aug. 7] bombings") are outside.

Every pattern is linear: alternations of words and bounded repetitions, no nested quantifiers.
"""

from __future__ import annotations

import re

from . import lexicon


def _words(words, *, capital: bool = False) -> str:
    """An alternation of words, longest first. capital=True: Capitalised or UPPER only."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        if capital:
            out.append(re.escape(w.capitalize()).replace(r"\ ", r"\s+"))
            out.append(re.escape(w.upper()).replace(r"\ ", r"\s+"))
        else:
            out.append(esc)
    body = "|".join(out)
    return f"(?:{body})" if capital else f"(?i:{body})"


_ABBR_MONTHS = [m for m in lexicon.MONTHS if len(m) <= 4 and m not in ("may", "june", "july")]
_FULL_MONTHS = [m for m in lexicon.MONTHS if m not in _ABBR_MONTHS]
MONTH = (
    "(?:"
    + _words(_FULL_MONTHS, capital=True)[3:-1]
    + "|(?:"
    + _words(_ABBR_MONTHS, capital=True)[3:-1]
    + r")(?:\.|(?![\w])))"
)
WEEKDAY = _words(lexicon.WEEKDAY_FULL)
NUM_ONES = _words(lexicon.ONES)
NUM_TENS = _words(lexicon.TENS)
NUMWORD = (
    rf"(?:(?:{NUM_TENS}(?:[-\s]{NUM_ONES})?|{NUM_ONES}|(?i:a))(?:\s(?i:hundred|thousand))?"
    rf"|{NUM_TENS}(?:[-\s]{NUM_ONES})?|{NUM_ONES})"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
FRACTION = r"(?:\s+(?:1/2|1/4|3/4|½|¼|¾)|\s+(?i:and\s+a\s+half))"
NUMBER = rf"(?:{DIGITS}|{NUMWORD})(?:{FRACTION})?"
VAGUE_NUM = _words(lexicon.VAGUE_QUANTITIES)
ORDWORD = _words(lexicon.ORDINALS)
UNIT = r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a)|weekends?)"
UNIT_SG = r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|millennium|weekend)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
HOLIDAY = _words(list(lexicon.FIXED_HOLIDAYS) + list(lexicon.MOVABLE_HOLIDAYS), capital=False)
# Approximators and bounds that TimeML puts inside the expression (with a mod).
QUANT_MOD = _words(
    [
        "more than",
        "less than",
        "fewer than",
        "at least",
        "at most",
        "up to",
        "no more than",
        "no less than",
        "nearly",
        "almost",
        "around",
        "roughly",
        "approximately",
        "some",
        "well over",
        "just over",
        "just under",
        "under",
        "over",
        "about",
        "only",
        "barely",
    ]
)
L = r"(?<![\w$£€/.-])"  # left edge: not inside a word, a number or an amount
R = r"(?![\w]|-\w|/\d|\.\d|,\d{3})"  # right edge: not followed by more word or number
S = r"\s{1,3}"
TZ = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST)"

_MACROS = {
    "MONTH": MONTH,
    "WEEKDAY": WEEKDAY,
    "NUMBER": NUMBER,
    "NUMWORD": NUMWORD,
    "TENS": NUM_TENS,
    "ONES": NUM_ONES,
    "VAGUE_NUM": VAGUE_NUM,
    "ORDWORD": ORDWORD,
    "UNIT": UNIT,
    "UNIT_SG": UNIT_SG,
    "DAY": DAY,
    "YEAR": YEAR,
    "PART_OF_DAY": PART_OF_DAY,
    "SEASON": SEASON,
    "HOLIDAY": HOLIDAY,
    "QUANT_MOD": QUANT_MOD,
    "L": L,
    "R": R,
    "S": S,
    "TZ": TZ,
}


def build(template: str) -> re.Pattern:
    """Compile a rule template, replacing <<MACRO>> placeholders (whitespace in it is ignored)."""
    pattern = "".join(template.split())
    for name, value in _MACROS.items():
        pattern = pattern.replace(f"<<{name}>>", value)
    return re.compile(pattern)


# Word-level pieces used by several rules (the "~" stands for a space between words).
def _t(template: str) -> str:
    return template.replace("~", "<<S>>")


# (rule name, template). Order breaks ties between equally long matches: earlier wins.
RULES: list[tuple[str, str]] = [
    # Compact ranges written as one expression: "June 28-29", "28-29 June 2018", "1950-53".
    (
        "month_day_range",
        _t(r"<<L>> (?P<mon><<MONTH>>) ~ (?P<d1><<DAY>>) \s?[-–]\s? (?P<d2><<DAY>>) (?:,?~(?P<year><<YEAR>>))? <<R>>"),
    ),
    (
        "day_month_range",
        _t(r"<<L>> (?P<d1><<DAY>>) \s?[-–]\s? (?P<d2><<DAY>>) ~ (?P<mon><<MONTH>>) (?:,?~(?P<year><<YEAR>>))? <<R>>"),
    ),
    ("year_range", _t(r"<<L>> (?P<y1><<YEAR>>) \s?[-–/]\s? (?P<y2>\d\d|<<YEAR>>) (?![\w-]|/\d|\.\d)")),
    # Full dates: "Monday, Sept. 10, 2018", "Sept. 10", "10 September 2018", "the 10th of September".
    (
        "month_day",
        _t(
            r"<<L>> (?:(?P<wd><<WEEKDAY>>) ,? ~)? (?P<mon><<MONTH>>) ~ (?P<day><<DAY>>) <<R>>"
            r"(?:,? ~ (?P<year><<YEAR>>) <<R>>)?"
        ),
    ),
    (
        "day_month",
        _t(
            r"<<L>> (?:(?P<wd><<WEEKDAY>>) ,? ~)? (?:(?i:the) ~)? (?P<day><<DAY>>) (?:~(?i:of))? ~ (?P<mon><<MONTH>>)"
            r"(?:,? ~ (?P<year><<YEAR>>) <<R>>)?"
        ),
    ),
    ("iso_date", r"(?<![\w-])(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)(?![\w-])"),
    (
        "numeric_date",
        r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d\d)(?![\w/]|\.\d)",
    ),
    # Months: "July 1997", "January this year", "late November", "last October", "mid-November".
    (
        "month_year",
        _t(
            r"<<L>> (?:(?P<mod>(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of))"
            r"(?:~|-))? (?P<mon><<MONTH>>) ,? ~ (?:(?i:of)~)? (?P<year><<YEAR>>) <<R>>"
        ),
    ),
    (
        "month_rel_year",
        _t(
            r"<<L>> (?:(?P<mod>(?i:early|late|mid))(?:~|-))? (?P<mon><<MONTH>>) ,? ~ (?:(?i:of)~)?"
            r" (?P<rel>(?i:this|last|next|that|the\s+same|the\s+following|the\s+previous)) ~ (?i:year) <<R>>"
        ),
    ),
    (
        "month",
        _t(
            r"<<L>> (?:(?P<pre>(?i:this\s+coming|this\s+past|last|next|this|early|late|mid|the\s+end\s+of"
            r"|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of))(?:~|-))? (?P<mon><<MONTH>>) <<R>> (?!~?\d)"
        ),
    ),
    # Weekdays: "Monday", "last Friday", "this coming Sunday", "Wednesday night", "early Tuesday".
    (
        "weekday",
        _t(
            r"<<L>> (?:(?P<pre>(?i:this\s+coming|this\s+past|last|next|this|coming|early|late|the\s+previous"
            r"|the\s+following|the\s+next|that|the\s+same)) ~)? (?P<wd><<WEEKDAY>>)"
            r"(?: ~ (?P<pod><<PART_OF_DAY>>))? <<R>>"
        ),
    ),
    # Clock times: "10:35 a.m.", "9 a.m. EST Tuesday", "noon Thursday", "4 in the morning".
    (
        "clock",
        _t(
            r"<<L>> (?:(?P<approx>(?i:around|about|approximately|shortly\s+(?:before|after)))~)?"
            r" (?P<h>[01]?\d|2[0-3]) (?::(?P<min>[0-5]\d))? \s? (?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm)(?!\w))"
            r"(?:~ (?P<tz><<TZ>>) (?![\w]))? (?:,?~ (?:(?P<day><<WEEKDAY>>|(?i:today|tomorrow|yesterday|tonight))"
            r"|(?P<mon><<MONTH>>) ~ (?P<mday><<DAY>>)) <<R>>)?"
        ),
    ),
    (
        "clock24",
        _t(r"(?<=(?i:at|by)\s) (?P<h>[01]?\d|2[0-3]) : (?P<min>[0-5]\d) (?:~ (?P<tz><<TZ>>))? (?![\w:])"),
    ),
    (
        "clock_word",
        _t(
            r"<<L>> (?P<word>(?i:noon|midnight|midday|mid(?:-|\s)?afternoon|mid(?:-|\s)?morning|mid-?day|dawn|dusk))"
            r" (?:~ (?P<day><<WEEKDAY>>|(?i:today|tomorrow|yesterday)))? <<R>>"
        ),
    ),
    (
        "clock_in_the",
        _t(
            r"<<L>> (?P<h>1[0-2]|[1-9]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
            r" (?:~ (?i:o'clock))? ~ (?i:in ~ the) ~ (?P<pod>(?i:morning|afternoon|evening)) <<R>>"
        ),
    ),
    # Day words: "today", "late yesterday", "tomorrow night", "last night", "this morning".
    (
        "day_word",
        _t(
            r"<<L>> (?:(?P<pre>(?i:early|late|earlier|later))~)? (?P<w>(?i:today|yesterday|tomorrow|tonight))"
            r"(?:'s(?=\s+(?:edition|issue|paper)))?(?: ~ (?P<pod><<PART_OF_DAY>>))? <<R>>"
        ),
    ),
    (
        "day_part_rel",
        _t(
            r"<<L>> (?:(?P<pre>(?i:early|late|earlier|later))~)? (?P<rel>(?i:this|last|that|tomorrow|yesterday))"
            r" ~ (?P<pod><<PART_OF_DAY>>) <<R>>"
        ),
    ),
    (
        "day_before",
        _t(r"<<L>> (?i:the ~ day ~ (?P<rel>before ~ yesterday|after ~ tomorrow)) <<R>>"),
    ),
    # Relative units: "last week", "this month", "next year", "earlier this year", "later this month",
    # "the past week", "the coming months" (plural: vague), "this century".
    (
        "rel_unit",
        _t(
            r"<<L>> (?:(?P<pre>(?i:early|late|earlier|later|mid|at\s+the\s+end\s+of|the\s+end\s+of|the\s+beginning\s+of"
            r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+turn\s+of|the\s+close\s+of"
            r"|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+latter\s+half\s+of|the\s+latter\s+part\s+of"
            r"|the\s+early\s+part\s+of))(?:~|-))?"
            r" (?P<the>(?i:the)~)?"
            r" (?P<rel>(?i:this|last|next|past|coming|current|previous|following|same|present|preceding|prior|upcoming"
            r"|that))"
            r" ~ (?:(?P<fiscal>(?i:fiscal|calendar|financial))~)?"
            r" (?P<unit>(?i:week|month|year|quarter|weekend|decade|century|spring|summer|fall|autumn|winter))"
            r" <<R>>"
        ),
    ),
    (
        "unit_end",
        _t(r"<<L>> (?P<unit>(?i:year|month|week|quarter)(?:['’]s)?)[-\s](?i:end) <<R>>"),
    ),
    # "the end of the year", "the beginning of the month" (the year/month of the publication).
    (
        "the_unit_edge",
        _t(
            r"<<L>> (?P<edge>(?i:(?:at\s+)?the\s+(?:end|beginning|start|middle|turn|close|rest|remainder)\s+of)) ~"
            r" (?i:the) ~ (?P<unit>(?i:week|month|year|decade|century|quarter)) <<R>>"
        ),
    ),
    # "the weekend", "the year ended Sept. 30", "the full year", "the same day", "the next morning",
    # "that week", "later in the day".
    (
        "the_unit",
        _t(
            r"<<L>> (?:(?P<pre>(?i:earlier|later|early|late))~ (?:(?i:in)~)?)?"
            r" (?P<det>(?i:the|that))~ (?:(?P<adj>(?i:full|entire|whole|fiscal|calendar|current\s+fiscal|latest\s+fiscal|latest"
            r"|same|very\s+same|following|previous|preceding|next|prior))~)?"
            r" (?P<unit>(?i:year|month|week|weekend|day|morning|afternoon|evening|night)) <<R>>"
        ),
    ),
    (
        "week_of",
        _t(
            r"<<L>> (?i:the) ~ (?i:week) ~ (?i:of) ~ (?P<mon><<MONTH>>) ~ (?P<day><<DAY>>) (?:,? ~ (?P<year><<YEAR>>))? <<R>>"
        ),
    ),
    # "April 24 and 25": the second day of a pair.
    (
        "month_day_and",
        _t(
            r"<<L>> (?P<mon><<MONTH>>) ~ (?P<day><<DAY>>) ~ (?P<conj>(?i:and|or|to|through|till|until)) ~ (?P<day2><<DAY>>)"
            r" (?!~?(?:<<MONTH>>|%|[-\w]))(?:,? ~ (?P<year><<YEAR>>) <<R>>)?"
        ),
    ),
    # "N units ago", "a year earlier", "two weeks from now".
    (
        "ago",
        _t(
            r"<<L>> (?:(?P<q><<QUANT_MOD>>|(?i:just|only|exactly|some))~)?"
            r" (?P<num><<NUMBER>>|(?i:an?|a\s+couple\s+of|a\s+few|several|many|few|some)) ~"
            r" (?P<unit><<UNIT>>) (?:~ (?i:or ~ (?:so|more|two|three)))?"
            r" ~ (?P<dir>(?i:ago|earlier|from\s+now|hence|back|previously)) <<R>>"
        ),
    ),
    # Durations: "three days", "the past two months", "more than four hours", "5 1/2 hours", "a decade".
    (
        "duration",
        _t(
            r"<<L>> (?:(?P<q><<QUANT_MOD>>)~)? (?:(?P<the>(?i:the|these|those))~)?"
            r" (?:(?P<rel>(?i:past|last|next|first|coming|previous|following|final|remaining|latest|initial|ensuing"
            r"|preceding|same|prior|additional|another|further|extra|more))~)?"
            r" (?P<num><<NUMBER>>|(?i:an?|a\s+couple\s+of|a\s+few|couple\s+of|several|many|few|some|dozens\s+of))"
            r" (?:~? (?:-|–|~(?i:to|or)~) (?P<num2><<NUMBER>>))?"
            r" (?:~(?P<more>(?i:more|additional|further|extra)))? ~ (?P<unit><<UNIT>>)"
            r" (?:~(?P<half>(?i:and\s+a\s+half)))? (?:~(?P<so>(?i:or\s+so)))? <<R>>"
        ),
    ),
    (
        "duration_adj_hyphen",
        _t(
            r"<<L>> (?P<num>\d+|<<NUMWORD>>|(?i:half|multi|several|many)) - (?P<unit><<UNIT_SG>>) (?:-(?P<tail>(?i:old|long)))? (?![\w-])"
        ),
    ),
    (
        "duration_plural",
        _t(
            r"<<L>> (?:(?P<pre>(?i:the\s+past|the\s+last|the\s+next|the\s+coming|the\s+following|the\s+first"
            r"|recent|coming|past|several|the\s+ensuing|the\s+intervening|the\s+preceding|in\s+recent|future|the))~)?"
            r" (?P<unit>(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries))"
            r" (?:-(?P<tail>(?i:old|long))|~(?P<ahead>(?i:ahead)))? <<R>>"
        ),
    ),
    (
        "unit_long",
        _t(
            r"<<L>> (?P<unit>(?i:year|month|week|day|hour|decade|centur(?:y|ies)|years|months|weeks|days|hours|decades))-(?i:long|old) <<R>>"
        ),
    ),
    (
        "a_while",
        _t(
            r"<<L>> (?P<w>(?i:a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time|a\s+(?:fairly\s+)?(?:long|lengthy|short|brief)\s+period)) <<R>>"
        ),
    ),
    # Years: "1998", "fiscal 1989", "early 1990", "mid-1996", "the 1989 period".
    (
        "year",
        _t(
            r"<<L>> (?:(?P<pre>(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of"
            r"|the\s+first\s+half\s+of|the\s+second\s+half\s+of|fiscal|calendar|the\s+fiscal\s+year|the\s+year|the\s+summer\s+of"
            r"|the\s+spring\s+of|the\s+fall\s+of|the\s+autumn\s+of|the\s+winter\s+of|post|pre))(?:~|-))?"
            r" (?P<year><<YEAR>>) <<R>> (?!~?%|~(?i:percent|per\s+cent))"
        ),
    ),
    ("short_year", _t(r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’]|s)")),
    (
        "spoken_year",
        _t(r"<<L>> (?:(?P<the>(?i:the\s+year))~)? (?i:nineteen) ~ (?P<rest><<TENS>>(?:[-\s]<<ONES>>)?) <<R>>"),
    ),
    (
        "spoken_year_2000",
        _t(r"<<L>> (?:(?P<the>(?i:the\s+year))~)? (?i:two ~ thousand) (?:~ (?:(?i:and)~)? (?P<rest><<ONES>>))? <<R>>"),
    ),
    # Decades and centuries: "the 1980s", "the late 1970s", "the nineties", "the '90s", "the 20th century".
    (
        "decade",
        _t(
            r"<<L>> (?:(?P<the>(?i:the))~)? (?:(?P<mod>(?i:early|mid|late))(?:~|-))?"
            r" (?:(?P<full>1[0-9]\d0|20\d0)['’]?s|['’](?P<short>\d0)['’]?s|(?P<word>(?i:twenties|thirties|forties|fifties"
            r"|sixties|seventies|eighties|nineties))) <<R>>"
        ),
    ),
    (
        "century",
        _t(
            r"<<L>> (?:(?P<the>(?i:the))~)? (?:(?P<mod>(?i:early|mid|late))(?:~|-))?"
            r" (?P<ord>\d{1,2}(?:st|nd|rd|th)|<<ORDWORD>>|(?i:twenty-first|twenty\s+first)) [-\s] (?i:century) <<R>>"
        ),
    ),
    # Seasons: "last fall", "this summer", "the winter of 1994", "spring 2018".
    (
        "season",
        _t(
            r"<<L>> (?:(?P<pre>(?i:this\s+past|this\s+coming|last|this|next|early|late|mid|the|in\s+the|the\s+coming"
            r"|the\s+past|that))(?:~|-))? (?P<season><<SEASON>>) (?:~ (?i:of ~)? (?P<year><<YEAR>>) <<R>>)? <<R>>"
        ),
    ),
    # Quarters and halves: "the third quarter", "third-quarter", "the 1988 second quarter",
    # "next year's first quarter", "the first half of 1990", "the first two quarters of 1990".
    (
        "quarter",
        _t(
            r"<<L>> (?:(?P<the>(?i:the|this|last|next|its|a|that))~)?"
            r" (?:(?P<year0><<YEAR>>)~ | (?P<rel>(?i:this|last|next))~(?i:year)['’]s~ | (?P<adj>(?i:latest|flat|fiscal|same|comparable"
            r"|strong|weak|current|record|disappointing|year-ago|year-earlier))~)?"
            r" (?:(?P<fiscal2>(?i:fiscal|calendar))[-\s])?"
            r" (?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
            r" (?:[-\s](?P<fiscal3>(?i:fiscal|calendar)))? [-\s] (?P<kind>(?i:quarter|half|period))"
            r" (?:~ (?:(?i:of|in)~)? (?:(?i:fiscal)~)? (?:(?P<year><<YEAR>>)|(?P<rel2>(?i:this|last|next|the\s+same|the\s+previous))~(?i:year)) <<R>>)? <<R>>"
        ),
    ),
    (
        "quarters_of",
        _t(
            r"<<L>> (?i:the) ~ (?P<ord>(?i:first|last)) ~ (?P<n>(?i:two|three)) ~ (?i:quarters) ~ (?i:of) ~ (?P<year><<YEAR>>) <<R>>"
        ),
    ),
    (
        "period_ref",
        _t(
            r"<<L>> (?P<the>(?i:the|this|that|its))~ (?:(?P<year><<YEAR>>)~ | (?P<adj>(?i:latest|current|most\s+recent"
            r"|recent|year-ago|year-earlier|same|comparable|corresponding|previous|prior|fiscal|just-ended|just\s+ended"
            r"|latest\s+fiscal|year-before|past|first|second))~)?"
            r" (?:(?i:fiscal)~)? (?P<kind>(?i:quarter|period))"
            r" (?:~ (?P<tail>(?i:a\s+year\s+(?:earlier|ago)|last\s+year|of\s+last\s+year|a\s+year\s+before|the\s+year\s+before)))? <<R>>"
        ),
    ),
    ("year_ago_adj", _t(r"<<L>> (?P<w>(?i:year-(?:ago|earlier)|year-before)) <<R>>")),
    # Vague references: "now", "recently", "the past", "the future", "currently", "soon".
    (
        "vague",
        _t(
            r"<<L>> (?P<w>(?i:now|nowadays|currently|current|presently|at\s+present|these\s+days"
            r"|recently|more\s+recently|lately|the\s+past|in\s+the\s+past|in\s+the\s+future"
            r"|the\s+(?:near|distant|foreseeable|immediate|not-too-distant)\s+future|the\s+future|some\s+day|one\s+day"
            r"|at\s+the\s+moment|at\s+this\s+(?:crucial\s+|critical\s+|historic\s+)?moment"
            r"|the\s+(?:near|short|long|medium)\s+term|then\s+current|in\s+recent\s+times|the\s+recent\s+past"
            r"|(?:days|weeks|months|years|decades)\s+ago))"
            r" <<R>>"
        ),
    ),
    # Sets: "every Monday", "each year", "daily", "twice a week", "annually".
    (
        "set_every",
        _t(
            r"<<L>> (?P<q>(?i:every|each))~ (?:(?P<num>(?i:other|\d+|two|three|four|five|six|ten|few))~)?"
            r" (?P<unit>(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|century"
            r"|morning|afternoon|evening|spring|summer|fall|autumn|winter)|<<WEEKDAY>>|<<MONTH>>)"
            r" (?:~ (?P<pod>(?i:morning|afternoon|evening|night)))? <<R>>"
        ),
    ),
    (
        "set_adverb",
        _t(
            r"<<L>> (?P<w>(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|bimonthly"
            r"|semiannually|semi-annually|biannually|fortnightly|every\s+so\s+often)) <<R>>"
        ),
    ),
    (
        "set_times",
        _t(
            r"<<L>> (?P<freq>(?i:once|twice|thrice|\d+\s+times|(?:two|three|four|five|six|seven|eight|nine|ten|several|many)\s+times))"
            r" ~ (?i:a|an|per|each|every) ~ (?P<unit><<UNIT_SG>>) <<R>>"
        ),
    ),
    ("set_per", _t(r"<<L>> (?i:per) ~ (?P<unit>(?i:day|week|month|year|hour)) <<R>>")),
    # Holidays: "Thanksgiving Day", "last Christmas", "Easter week".
    (
        "holiday",
        _t(
            r"<<L>> (?:(?P<rel>(?i:last|this|next))~)? (?P<h><<HOLIDAY>>) (?:~ (?P<year><<YEAR>>) <<R>>)?"
            r" (?:~ (?P<week>(?i:week)))? <<R>>"
        ),
    ),
    # Ordinal days: "on the 12th", "by the 20th".
    (
        "ordinal_day",
        _t(
            r"<<L>> (?P<prep>(?i:on|by|until|till|since|from|before|after|through|to))~ (?P<the>(?i:the)~)?"
            r" (?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|<<ORDWORD>>) (?!~?[\w-]*\w)"
        ),
    ),
]

COMPILED: list[tuple[str, re.Pattern]] = [(name, build(template)) for name, template in RULES]


# --- triggers -------------------------------------------------------------------------------------
# A rule only runs near a word that every one of its expressions must contain (a month name, a
# unit, a digit...). One cheap search per trigger finds those places; the rules then scan only
# windows of text around them, which keeps a whole article to a few milliseconds.
def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": tuple(lexicon.MONTHS),
    "weekday": tuple(lexicon.WEEKDAYS),
    "unit": _split(
        """second seconds minute minutes hour hours day days night nights week weeks weekend weekends
        fortnight fortnights month months quarter quarters year years decade decades century centuries
        millennium millennia half period"""
    ),
    "day_word": _split(
        """today yesterday tomorrow tonight morning afternoon evening night overnight noon midnight
        midday midafternoon midmorning dawn dusk"""
    ),
    "vague": _split(
        "now nowadays current currently presently present these recent recently lately past future term ago moment"
    ),
    "set": _split(
        """every each daily weekly monthly annually yearly hourly nightly biweekly bimonthly semiannually
        semi biannually fortnightly once twice thrice times per"""
    ),
    "season": tuple(lexicon.SEASONS),
    "decade": (*lexicon.DECADE_WORDS, "s"),
    "century": ("century",),
    "spoken": ("nineteen", "thousand"),
    "holiday": _split(
        """christmas year valentine patrick fools may independence bastille halloween veterans armistice
        boxing thanksgiving easter good election labor memorial mother father luther presidents"""
    ),
    "ordinal": (*lexicon.ORDINALS, "twenty", "st", "nd", "rd", "th"),
    "while": ("while", "time", "period"),
}
# Every number is a digit trigger (years, clock times, day numbers, "'98"); "1980s" also ends in "s".
DIGIT_TRIGGERS = ("digit",)
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "month_day_range": ("month",),
    "day_month_range": ("month",),
    "year_range": ("digit",),
    "month_day": ("month",),
    "day_month": ("month",),
    "iso_date": ("digit",),
    "numeric_date": ("digit",),
    "month_year": ("month",),
    "month_rel_year": ("month",),
    "month": ("month",),
    "weekday": ("weekday",),
    "clock": ("digit",),
    "clock24": ("digit",),
    "clock_word": ("day_word",),
    "clock_in_the": ("day_word",),
    "day_word": ("day_word",),
    "day_part_rel": ("day_word",),
    "day_before": ("unit",),
    "rel_unit": ("unit", "season"),
    "unit_end": ("unit",),
    "the_unit_edge": ("unit",),
    "the_unit": ("unit", "day_word"),
    "week_of": ("month",),
    "month_day_and": ("month",),
    "ago": ("unit",),
    "duration": ("unit",),
    "duration_adj_hyphen": ("unit",),
    "duration_plural": ("unit",),
    "unit_long": ("unit",),
    "a_while": ("while",),
    "year": ("digit",),
    "short_year": ("digit",),
    "spoken_year": ("spoken",),
    "spoken_year_2000": ("spoken",),
    "decade": ("decade",),
    "century": ("century",),
    "season": ("season",),
    "quarter": ("unit",),
    "quarters_of": ("unit",),
    "period_ref": ("unit",),
    "year_ago_adj": ("unit",),
    "vague": ("vague", "day_word", "unit"),
    "set_every": ("set",),
    "set_adverb": ("set",),
    "set_times": ("set",),
    "set_per": ("set",),
    "holiday": ("holiday",),
    "ordinal_day": ("ordinal",),
}
TRIGGERS_OF_WORD: dict[str, tuple[str, ...]] = {}
for _name, _words_of in TRIGGER_WORDS.items():
    for _w in _words_of:
        TRIGGERS_OF_WORD[_w] = (*TRIGGERS_OF_WORD.get(_w, ()), _name)
# How far from its trigger an expression may start or end (characters, then out to a word edge).
WINDOW = 64
