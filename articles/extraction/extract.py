"""Actors and events of one analysed article: the text side of parsing, no database.

extract(text, structure, dct, lexicon) -> Extraction
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from articles.extraction.actors import Actors, find_actors
from articles.extraction.events import Event, find_events
from articles.extraction.lexicon import Lexicon, base_lexicon
from articles.extraction.timex import find_timexes
from articles.extraction.types import Structure, Timex


@dataclass
class Extraction:
    actors: Actors
    events: list[Event]
    timexes: list[Timex]


def extract(text: str, structure: Structure, dct: dt.date | None, lexicon: Lexicon | None = None) -> Extraction:
    """Dates, actors and events of the news sentences; captions only lend names and roles."""
    lexicon = lexicon or base_lexicon()
    timexes = find_timexes(text, dct) if dct else []
    sentences = [(s.start, s.end) for s in structure.sentences]
    captions = [(c.start, c.end) for c in structure.captions]
    actors = find_actors(text, sentences, captions, lexicon)
    events = find_events(text, actors, timexes, dct, lexicon)
    return Extraction(actors, events, timexes)
