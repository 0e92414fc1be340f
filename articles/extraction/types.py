"""The dataclasses the extraction pipeline passes between its steps.

Every offset is a Python string index into the repaired text (`Decoded.text`), end exclusive;
that text is what the database stores as `Article.body`, so evidence offsets stay valid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Repair:
    """One change made to the text: `before` (as decoded) became `after` at `offset` in the result."""

    offset: int
    before: str
    after: str
    kind: str  # "gbk-mojibake", "lost-quote", "ftfy", "html", "newline", ...


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str  # the encoding the bytes were read with, such as "utf-8" or "utf-16"
    repairs: list[Repair] = field(default_factory=list)
    media_type: str = "text/plain"  # or "text/html" when the input was a web page
    metadata: dict = field(default_factory=dict)  # from an HTML page: title, date, canonical url, site name


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index into Structure.paragraphs


@dataclass(slots=True)
class Structure:
    headline: Span | None = None
    captions: list[Span] = field(default_factory=list)  # photo captions: never news
    bullets: list[Span] = field(default_factory=list)  # summary bullets
    dateline: Span | None = None  # "WASHINGTON:", "ISTANBUL (Reuters) -", "(PARIS) —"; the news starts after it
    dateline_place: str = ""  # "WASHINGTON"
    dateline_date: str = ""  # the date written in the dateline, as written: "June 30"
    credit: str = ""  # a wire or agency named in the dateline or a byline: "Reuters"
    byline: Span | None = None  # "By Associated Press"
    trailers: list[Span] = field(default_factory=list)  # "Reporting by ...", "(With agency inputs)"
    meta: list[Span] = field(default_factory=list)  # "Published ..." lines, "Advertisement", "Read more"
    paragraphs: list[Span] = field(default_factory=list)  # the news paragraphs, dateline included
    sentences: list[Sentence] = field(default_factory=list)  # sentences of the news paragraphs
    published: dt.date | None = None  # a publication date found in the text itself
    published_text: str = ""  # the words it was found in
    published_source: str = ""  # "metadata" (a "Published ..." line) or "text" (a full date in the dateline)


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression (TimeML TIMEX3) and, for the timeline, the days it can mean."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2018-09-10, 2018-09, 2018-W37, P3D, PRESENT_REF, XXXX-WI...
    first: dt.date | None = None  # first day of the resolved span
    last: dt.date | None = None  # last day of the resolved span
    precision: str = "unknown"  # day, month, year, range, unknown
    mod: str = ""  # TimeML mod: START, END, APPROX...
    # When this expression is one end of a range written out in words ("from May to July",
    # "between 2017 and 2019", "June 28 and 29"), the first and last day of the whole range;
    # both ends carry it. None otherwise.
    range_first: dt.date | None = None
    range_last: dt.date | None = None


@dataclass(slots=True)
class Analysis:
    """What the pipeline found in one article; `articles/ingest.py` turns it into rows.

    Later steps (dates, actors, events) add their findings here; the text they work on is
    `decoded.text` and every offset points into it.
    """

    decoded: Decoded
    structure: Structure
    title: str = ""  # the headline as found (an HTML page's title, else the text's headline)
    published: dt.date | None = None  # a publication date found in the file
    published_source: str = ""  # "metadata" (HTML meta, a "Published ..." line) or "text" (the dateline)
    published_text: str = ""  # the words the date was read from

    @property
    def text(self) -> str:
        return self.decoded.text
