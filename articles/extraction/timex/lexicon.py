"""Word lists of English temporal language: the data the grammar is built from.

Everything here is general English (calendar words, number words, units, verb forms), not
phrases taken from any corpus. The grammar (`grammar.py`) turns these lists into regular
expressions; the normaliser (`normalise.py`) maps the matched words back through these tables.
"""

from __future__ import annotations


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Month names and their usual news abbreviations (AP style: Jan., Feb., Aug., Sept., Oct., Nov., Dec.).
MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Month names that are also common English words or given names: alone (no day, no year) they
# are dates only after a temporal cue ("in May", "last March", "early June").
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "june", "april", "august", "sept", "dec"}

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers, Monday = 1
    "monday": 1,
    "mon": 1,
    "tuesday": 2,
    "tues": 2,
    "tue": 2,
    "wednesday": 3,
    "wed": 3,
    "thursday": 4,
    "thurs": 4,
    "thu": 4,
    "friday": 5,
    "fri": 5,
    "saturday": 6,
    "sat": 6,
    "sunday": 7,
    "sun": 7,
}
# Abbreviated weekdays are read only with a trailing period ("Wed.") or inside a full date.
WEEKDAY_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Parts of the day and their TIMEX3 codes.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "midday": "MI",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

UNITS: dict[str, str] = {  # unit word -> TIMEX3 duration letter (T prefix for time units)
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",  # "three nights"
    "week": "W",
    "fortnight": "W",  # value doubled in normalise
    "month": "M",
    "quarter": "Q",  # value rewritten as 3 months
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",  # plural stem of "centuries"
    "millennium": "ML",
    "millennia": "ML",
    "weekend": "WE",
}

ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "thirtieth": 30,
}
# Indefinite quantities: "a few days" (PXD), "several years" (PXY).
VAGUE_QUANTITIES = ("a few", "few", "several", "some", "many", "a couple of", "a number of", "numerous", "dozens of")

DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

# Fixed-date holidays (month, day), and the movable ones computed in anchor.holiday().
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "st. patrick's day": (3, 17),
    "april fools' day": (4, 1),
    "may day": (5, 1),
    "independence day": (7, 4),
    "bastille day": (7, 14),
    "halloween": (10, 31),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
}
MOVABLE_HOLIDAYS = (
    "thanksgiving day",
    "thanksgiving",
    "easter sunday",
    "easter monday",
    "easter",
    "good friday",
    "election day",
    "labor day",
    "memorial day",
    "mother's day",
    "father's day",
    "martin luther king day",
    "presidents' day",
)

# --- tense cues, read around an expression to decide past or future -------------------------

# Words that put the clause in the future (or in a plan) when they govern it.
FUTURE_CUES = _wordset(
    """
    will 'll shall wo won't going gonna plan plans planning intend intends intending scheduled
    schedule slated due expected expects expect set upcoming forthcoming next coming later await
    awaits awaiting hopes hope aims aim tomorrow would could might may must should
    """
)
# Modal verbs are weak: "would" in reported speech points forward from a past moment.
WEAK_FUTURE_CUES = _wordset("would might may must should hope hopes aim aims")

PAST_CUES = _wordset(
    """
    was were had did said told met went came took made gave left began held spoke saw got found
    brought fell rose won lost sent spent paid kept led broke struck wrote fought flew ran sat stood
    became chose drove bought sold caught taught thought felt heard knew meant grew threw shot hit
    ago yesterday earlier previously last ended arrived
    """
)
# Words ending in -ed that are not past-tense verbs (or that point forward).
NOT_PAST_ED = _wordset(
    """
    need needs speed bed red hundred indeed united based proposed expected scheduled planned slated
    intended feed seed breed shed weed reed sled wed embed shred steed creed deed heed
    """
)
# Verb-like words after "to" that do not make an infinitive ("to the", "to Cuba" are filtered by case).
NOT_INFINITIVE = _wordset(
    """
    the a an his her their its our my your this that these those be date day week month year some
    all about around more less than what which who whom where when how why as in on at by for with
    from up down out over under into onto toward towards within without between among each every one
    two three four five six seven eight nine ten
    """
)

# Words after an expression that show it is not modifying a noun ("the third quarter of", "...
# ended Sept. 30"): anything else lower-case after it is read as the noun it modifies.
FUNCTION_WORDS = _wordset(
    """
    of ended ending and or to in on at for from with was were is are will would compared against
    versus than as by a an the that which when while but because after before since this its their
    his her last next ago earlier results
    """
)
