"""The parts of a news article: headline, captions, bullets, byline, dateline, paragraphs, sentences.

`find_structure(text)` works on the repaired text and returns character offsets into it. The
rules come from the conventions of news copy (wire datelines, photo credits, reporting trailers),
not from any one article: each part is recognised by its form, wherever it sits.

Paragraphs are lines, or blocks between blank lines when the text is hard-wrapped. Only news
paragraphs give sentences: captions, bullets, bylines, trailers and "Published ..." lines do not.
"""

from __future__ import annotations

import re

from articles.extraction.pubdate import MONTH, find_full_date
from articles.extraction.sentences import split_sentences
from articles.extraction.types import Sentence, Span, Structure

# Agencies and photo services as they appear in credits and datelines.
AGENCY = (
    r"(?:REUTERS|Reuters(?:\s+TV)?|The\s+Associated\s+Press|Associated\s+Press|AP(?:\s+Photo)?|AFP|"
    r"Agence\s+France[- ]Presse|Getty\s+Images|Getty|EPA(?:-EFE)?|EFE|Xinhua|XINHUA|Yonhap|YONHAP|KCNA|"
    r"Kyodo|KYODO|TASS|Sputnik|SPUTNIK|RIA\s+Novosti|Bloomberg|ANI|PTI|IANS|UNI|UPI|AAP|dpa|DPA|ANSA|"
    r"Anadolu(?:\s+Agency)?|WAFA|WANA|SPA|KUNA|MENA|IRNA|ISNA|Fars|Tasnim|NurPhoto|SOPA\s+Images|"
    r"ZUMA(?:\s+Press|\s+Wire)?|Sipa(?:\s+USA)?|SIPA|Shutterstock|Alamy|Handout|HANDOUT|Pool|POOL|"
    r"Bernama|Antara|VNA|Xinhua\s+News\s+Agency|Korean\s+Central\s+News\s+Agency|Yonhap\s+News(?:\s+Agency)?|"
    r"Courtesy|Twitter|Facebook|Instagram|Wikimedia(?:\s+Commons)?|File|FILE)"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:de|van|von|da|del|al|bin|el|la|le)?\s*[A-Z][\w.'’-]*){0,3}"

_CAPTION_START = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:combination|composite|combo|handout|file|undated|aerial|archive|pool|video|"
    r"screen\s*grab|still)\s+(?:\w+\s+){0,2}?(?:photo(?:graph)?s?|pictures?|images?|grabs?|shows?|taken)\b"
    r"|^(?:in\s+)?this\s+(?:[^\s]+\s+){0,8}?(?:photo(?:graph)?|picture|image|frame\s+grab|video\s+grab|handout)\b"
    r"|^(?:FILE\s+PHOTO|FILE|PHOTO|PICTURE|IMAGE|Photo|Picture|Image|Photograph|Caption|Pictured|"
    r"File\s+photo|File\s+picture)\s*[:|\-–—]\s"
    r"|^(?:photo(?:graph)?s?|pictures?|images?)\s+(?:shows?|taken|released|provided|distributed|obtained|"
    r"courtesy|of|from)\b"
    r"|^(?:(?:an?|the)\s+)?(?:photo|picture|image)\s+(?:released|provided|distributed|taken|made\s+available)\b",
    re.IGNORECASE,
)
# Credits that end a caption, each with the character it needs near the end of the line (a cheap
# test that spares the regular expression on ordinary paragraphs) and how far back it may start.
_CAPTION_ENDS = [
    # (REUTERS), (AP Photo/Ahn Young-joon), (Photo by Jim Watson/AFP), (Reuters/Kim Hong-Ji/File Photo),
    # (File photo), (Photo: Yonhap), (Photo courtesy of the ministry)
    (
        ")",
        re.compile(
            rf"\((?:[^()]{{0,60}}[\s/])?{AGENCY}(?:\s+(?:Photo|photo|Images|Pictures))?(?:\s*/[^()]{{1,80}})?\)\s*\.?$"
            r"|\((?:(?:File\s+)?(?:photo|picture|image)|Photo|Picture|Image|File\s+Photo|FILE\s+PHOTO)\b[^()]{0,80}\)\s*\.?$"
        ),
    ),
    # REUTERS/Jonathan Ernst/File Photo; Tatyana Zenkovich/Pool via REUTERS; Kim Hong-Ji/Reuters
    (
        "/",
        re.compile(
            rf"\b{AGENCY}\s*/\s*{_NAME}(?:\s*/\s*(?:File\s+Photo|File|Pool|Handout))*\s*\.?$"
            rf"|(?:^|\s){_NAME}\s*/\s*(?:(?:Pool|POOL|Handout|HANDOUT|File|Courtesy|Pool\s+Photo)\s*(?:via\s+)?|via\s+)?"
            rf"{AGENCY}\s*\.?$"
        ),
    ),
    # Andrew Medichini—AP (alone or after the caption's last sentence)
    ("—–", re.compile(rf"(?:^|[.!?”)\"]\s+){_NAME}\s*[—–]\s*{AGENCY}(?:\s+Photo)?\s*\.?$")),
    # ... in Pyongyang | Reuters
    ("|", re.compile(r"\s\|\s*(?:(?:Photo|Picture|Image)(?:\s+credit)?\s*:?\s*)?[A-Z][\w.&'’/ -]{1,40}$")),
    # ... Photo: AFP / Picture: Getty Images
    (":", re.compile(r"\b(?:Photo|Picture|Image|Photograph|Photos|Pictures)(?:\s+credit)?\s*:\s*[^.:;]{1,60}\.?$")),
]
_TAIL = 120  # credits are short: look only at the end of a line

# A credit line on its own, continuing the caption above it.
_CREDIT_LINE = re.compile(
    rf"^(?:\(?(?:{_NAME}\s*[/—–|-]\s*)?(?:(?:Pool|Handout)\s+)?(?:via\s+)?{AGENCY}(?:\s+Photo)?(?:\s*/\s*{_NAME})?\)?"
    r"|(?:Photo|Picture|Image|Credit|Photograph)s?(?:\s+credit)?\s*:\s*.{1,60})\s*\.?$"
)
_BULLET = re.compile(r"\s*(?:[•·▪►●◆◦‣∙*]|-(?=\s)|–(?=\s)|—(?=\s))\s*")
_BYLINE = re.compile(
    r"^By\s+(?:the\s+)?[A-Z][\w.'’-]*(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s*\|\s*|\s+in\s+|\s+of\s+)"
    r"(?:the\s+)?[A-Z][\w.'’-]*){0,10}\s*\.?$"
)
_TRAILER = re.compile(
    r"^[(\[]?\s*(?:(?:additional|further|with\s+additional)\s+)?(?:reporting|writing|editing|edited|compiled|"
    r"contributing|research|graphics|production|translated|translation|reported|written|additional\s+reporting|"
    r"video|photos?)\s+(?:by|from)\b"
    r"|^[(\[]?\s*(?:with|includes?|inputs?)\s+(?:agency\s+inputs?|inputs?\s+from|additional\s+reporting|"
    r"reporting\s+(?:by|from)|agencies|wires|(?:the\s+)?" + AGENCY + r"\b)"
    r"|^[—–-]+\s*(?:with|additional|reporting)\b"
    r"|^[—–-]+\s*" + AGENCY + r"\s*\.?$"
    r"|^[(\[]?\s*(?:this|the)\s+(?:story|article|report|version|piece)\s+(?:has\s+been|was|is|will\s+be)\s+"
    r"(?:updated|corrected|refiled|amended|published|edited)"
    r"|^[(\[]?\s*(?:our\s+standards|the\s+thomson\s+reuters\s+trust\s+principles)",
    re.IGNORECASE,
)
_META = re.compile(
    r"^(?:advertisement|advertising|sponsored|(?:also|read)\s+(?:read|more|also)|related(?:\s+(?:stories|"
    r"articles|coverage))?|recommended|more\s+on\s+this|click\s+here|follow\s+(?:us|@|the|him|her|[A-Z])|"
    r"subscribe|sign\s+up|share\s+(?:this|on)|story\s+continues|continue\s+reading|copyright|©|\(c\)\s|"
    r"all\s+rights\s+reserved|watch\s*:|video\s*:|listen\s*:|source\s*:|sources\s*:|tags?\s*:|topics?\s*:|"
    r"image\s+source|image\s+caption|media\s+caption|getty\s+images$|reuters$|afp$)",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(
    r"^(?:(?P<label>first\s+published|published|posted|publication\s+date|date\s+published|released|"
    r"last\s+updated|updated|modified|dated?)(?:\s+(?:on|at))?\s*[:\-–—|]?\s*)"
    r"|^(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s|\d{1,2}\s+"
    + MONTH
    + r"|"
    + MONTH
    + r"\.?\s+\d|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)
# What may stand beside the date on a "Published ..." line: clock times, a.m., zones, "updated", "3 min read",
# separators (and, as the match ignores case, any word of two letters or more). The first version,
# (time|[ap]\.?m\.?|[A-Z]{2,5}|GMT[+-]?\d*|...|[\s,|/–—-]+)*$, could split a line in exponentially many ways
# and tried them all before failing: "Published 1 May 2020 , , , , , , , , , , , !" took seconds, longer ones
# never returned. Here every unit is atomic and the loop possessive, so a line is read one way only; each unit
# looks ahead to leave the next one what it needs. It accepts the same lines as the first version (compared
# on millions of strings built from these pieces).
_CLOCK_AHEAD = r"\d{1,2}[:.]\d\d"  # a clock time starts here: digits before it are not the previous unit's
_TIME_TAIL = r"[ap]\.m|[ap]m\.|(?:GMT|UTC)[+\-\d]"  # the letters ending a word that belong to the unit after it
_TIME_WORDS = re.compile(
    r"^(?>"
    r"[\s,|/–—-]+"
    # 10:30, T10:30:15.5; Z unless a word goes on from it; +01:00 ("-01:00" reads as a dash and a time)
    rf"|T?\d{{1,2}}[:.]\d\d(?:[:.]\d\d(?:\.\d(?:(?!{_CLOCK_AHEAD})\d)*)?)?(?:Z(?={_TIME_TAIL}|[^A-Z]|$)|\+\d\d:?\d\d|-\d{{4}})?"
    r"|\d+\s+(?:min|mins|minutes|hours?|hrs?)\s+(?:ago|read)"
    r"|[ap](?:\.m\.?|m\.)"  # a.m., pm. ("am" is a word)
    rf"|(?:GMT|UTC)(?![A-Z])[+-]?(?:(?!{_CLOCK_AHEAD})\d)*"
    rf"|[A-Z]{{2,}}?(?={_TIME_TAIL}|[^A-Z]|$)"  # EST, updated, at, ago: any word, the match ignoring case
    r")*+$",
    re.IGNORECASE,
)

_PLACE_UPPER = r"[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]*){0,4}"
_PLACE_TITLE = r"[A-Z][a-z'’.\-]+(?:[ \-](?:[A-Z][a-z'’.\-]+|de|da|del|el|al|es)){0,3}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
_DL_DATE = rf"(?:,?\s*(?i:{MONTH})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|,?\s*\d{{1,2}}\s+(?i:{MONTH})\.?(?:,?\s+\d{{4}})?)"
_DL_AGENCY = r"\((?P<agency>[A-Za-z][\w.&'’ -]{0,40})\)"
_DASH = r"\s*(?:-{1,2}|—|–|:)\s+"
_DATELINES = [
    # ISTANBUL (Reuters) -   SEOUL, June 30 (Yonhap) --   Seoul, Sept 10 (AFP) -   WASHINGTON (AP) —
    re.compile(
        rf"^(?P<place>{_PLACE_UPPER}|{_PLACE_TITLE}){_REGION}(?P<date>{_DL_DATE})?\s*{_DL_AGENCY}{_DASH}",
    ),
    # WASHINGTON:   BEIJING —   SEOUL, June 30 --   NEW DELHI, Sept. 10, 2018 /PRNewswire/ --
    re.compile(rf"^(?P<place>{_PLACE_UPPER}){_REGION}(?P<date>{_DL_DATE})?(?:\s*/[^/]{{1,30}}/)?{_DASH}"),
    # (PARIS) —
    re.compile(rf"^\((?P<place>{_PLACE_UPPER}|{_PLACE_TITLE}){_REGION}\){_DASH}"),
    # Seoul, June 30 --
    re.compile(rf"^(?P<place>{_PLACE_TITLE}){_REGION}(?P<date>{_DL_DATE}){_DASH}"),
]
# Upper-case words that start a paragraph with a colon or dash but are labels, not places.
_NOT_PLACES = frozenset(
    [
        "UPDATE",
        "UPDATED",
        "UPDATES",
        "BREAKING",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "COMMENTARY",
        "COMMENT",
        "WATCH",
        "VIDEO",
        "PHOTOS",
        "PHOTO",
        "LIVE",
        "FACTBOX",
        "FACTBOX-",
        "EXPLAINER",
        "REVIEW",
        "INTERVIEW",
        "NOTE",
        "CORRECTION",
        "CLARIFICATION",
        "FILE",
        "ADVISORY",
        "URGENT",
        "FLASH",
        "BULLETIN",
        "NEWSALERT",
        "ALERT",
        "WARNING",
        "Q",
        "A",
        "NB",
        "PS",
        "RELATED",
        "READ",
        "ALSO",
        "MORE",
        "SPONSORED",
        "TOPLINE",
        "BACKGROUND",
        "CONTEXT",
        "WHY",
        "WHAT",
        "WHO",
        "HOW",
        "WHEN",
        "WHERE",
    ]
)
_AGENCY_NAMES = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "yonhap": "Yonhap",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "tass": "TASS",
    "bloomberg": "Bloomberg",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "kcna": "KCNA",
    "sputnik": "Sputnik",
    "ansa": "ANSA",
    "aap": "AAP",
}
_BYLINE_AGENCY = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in _AGENCY_NAMES), key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def agency_name(text: str) -> str:
    """The usual name of a wire agency written in a dateline or byline, or ''."""
    match = _BYLINE_AGENCY.search(text)
    if not match:
        return ""
    found = match.group(1)
    if found.isupper() or found[0].isupper():
        return _AGENCY_NAMES[found.lower()]
    return ""


def _units(text: str) -> list[tuple[int, int]]:
    """Paragraph candidates: non-blank lines, or blank-line-separated blocks when the text is hard-wrapped."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lines.append((s, e))
        pos = end + 1
    blocks: list[list[tuple[int, int]]] = [[]]
    for s, e in lines:
        if s == e:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((s, e))
    blocks = [b for b in blocks if b]
    multi = [b for b in blocks if len(b) > 1]
    wrapped = 0
    for block in multi:
        inner = block[:-1]
        short = sum(1 for s, e in inner if 30 <= e - s <= 100 and text[e - 1] not in '.!?”"’:')
        if short >= 0.6 * len(inner):
            wrapped += 1
    if multi and wrapped >= 0.5 * len(multi):
        return [(block[0][0], block[-1][1]) for block in blocks]
    return [line for line in lines if line[1] > line[0]]


def _is_headline(line: str) -> bool:
    words = line.split()
    if not words or len(line) > 300 or len(words) > 30:
        return False
    if line.endswith(".") and len(words) > 15 and not line.endswith("..."):
        return False
    return not any(pattern.match(line) for pattern in _DATELINES)


def _dateline(text: str, start: int, end: int) -> tuple[re.Match, str] | None:
    head = text[start : min(end, start + 160)]
    for pattern in _DATELINES:
        match = pattern.match(head)
        if not match:
            continue
        place = match.group("place").strip(" ,")
        if place.upper() in _NOT_PLACES or place.split()[0].upper() in _NOT_PLACES:
            continue
        if len(place) < 2 or head[match.end() :][:1].islower():
            continue
        return match, place
    return None


def _published_line(line: str):
    """A line that only gives the publication (or update) date: (date, label) or None."""
    match = _PUBLISHED_LINE.match(line)
    if not match or len(line) > 120:
        return None
    found = find_full_date(line, match.end())
    if not found:
        return None
    date, start, end = found
    rest = line[match.end() : start] + " " + line[end:]
    if not _TIME_WORDS.match(rest.replace("|", " ")):
        return None
    label = (match.group("label") or "").lower()
    return date, label


def _is_caption(line: str) -> bool:
    if _CAPTION_START.match(line):
        return True
    pos = max(0, len(line) - _TAIL)
    tail = line[pos:]
    return any(any(char in tail for char in needs) and pattern.search(line, pos) for needs, pattern in _CAPTION_ENDS)


def find_structure(text: str) -> Structure:
    structure = Structure()
    units = _units(text)
    in_body = False
    first = True  # nothing but "Published ..." lines so far: the next line may be the headline
    previous = ""  # the kind of the unit before
    published_rank = 99
    for start, end in units:
        line = text[start:end]
        span = Span(start, end)
        kind = _classify(line, first, in_body, previous)
        first = first and kind == "meta"
        if kind == "headline":
            structure.headline = span
        elif kind == "caption":
            if previous == "caption" and _CREDIT_LINE.match(line) and structure.captions:
                structure.captions[-1] = Span(structure.captions[-1].start, end)
            else:
                structure.captions.append(span)
        elif kind == "bullet":
            structure.bullets.append(span)
        elif kind == "byline":
            structure.byline = span
            structure.credit = structure.credit or agency_name(line)
        elif kind == "trailer":
            structure.trailers.append(span)
        elif kind == "meta":
            structure.meta.append(span)
            found = _published_line(line)
            if found:
                rank = 0 if found[1] in ("published", "first published", "posted", "publication date") else 1
                if rank < published_rank:
                    published_rank = rank
                    structure.published, structure.published_text = found[0], line
                    structure.published_source = "metadata"
        else:
            _add_paragraph(structure, text, start, end, dateline=not in_body)
            in_body = True
        previous = kind
    if structure.headline and not structure.paragraphs:
        # A single line of prose is a (very short) article, not a headline without a story.
        headline, structure.headline = structure.headline, None
        _add_paragraph(structure, text, headline.start, headline.end, dateline=True)
    _move_trailing_credit(structure, text)
    return structure


def _classify(line: str, first: bool, in_body: bool, previous: str) -> str:
    if _PUBLISHED_LINE.match(line) and _published_line(line):
        return "meta"
    if _BYLINE.match(line) and len(line) < 120:
        return "byline"
    if len(line) < 400 and _TRAILER.match(line):
        return "trailer"
    if len(line) < 120 and _META.match(line):
        return "meta"
    if previous == "caption" and len(line) < 100 and _CREDIT_LINE.match(line):
        return "caption"
    if _is_caption(line):
        return "caption"
    if _BULLET.match(line):
        return "bullet" if not in_body else "paragraph"
    if first and _is_headline(line):
        return "headline"
    return "paragraph"


def _add_paragraph(structure: Structure, text: str, start: int, end: int, dateline: bool) -> None:
    index = len(structure.paragraphs)
    structure.paragraphs.append(Span(start, end))
    body_start = start
    bullet = _BULLET.match(text, start, end)
    if bullet and bullet.end() > start:
        body_start = bullet.end()
    if dateline and structure.dateline is None:
        found = _dateline(text, start, end)
        if found:
            match, place = found
            structure.dateline = Span(start, start + match.end())
            structure.dateline_place = place
            date_text = (match.groupdict().get("date") or "").strip(" ,")
            structure.dateline_date = date_text
            agency = match.groupdict().get("agency") or ""
            if agency:
                structure.credit = agency_name(agency) or agency.strip()
            full = find_full_date(date_text) if date_text else None
            if full and structure.published is None:
                structure.published, structure.published_text = full[0], date_text
                structure.published_source = "text"
            body_start = start + match.end()
    for s, e in split_sentences(text, body_start, end):
        structure.sentences.append(Sentence(s, e, text[s:e], index))


def _move_trailing_credit(structure: Structure, text: str) -> None:
    """A last paragraph that is only a credit ("— AFP", "AP") is a trailer, not news."""
    if not structure.paragraphs:
        return
    last = structure.paragraphs[-1]
    if len(structure.paragraphs) > 1 and re.fullmatch(rf"[(\[—–-]*\s*{AGENCY}\s*[)\]]?\.?", last.of(text)):
        structure.paragraphs.pop()
        structure.sentences = [s for s in structure.sentences if s.start < last.start]
        structure.trailers.append(last)
