"""The whole text side of ingestion: bytes in, an `Analysis` out. No database here.

`analyse(raw)` decodes and repairs the bytes (or extracts a saved web page), finds the article's
parts and its publication date, and refuses input that is not an article with an `InputError`
whose message is a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import re

from articles.extraction.decode import decode, decode_bytes
from articles.extraction.errors import InputError
from articles.extraction.repair import repair_text
from articles.extraction.structure import find_structure
from articles.extraction.types import Analysis, Decoded, Structure
from articles.extraction.webpage import declared_charset, extract_page, looks_like_html

PIPELINE_VERSION = "ingest-1"

_WORD = re.compile(r"[^\W\d_]{2,}")
_TOKEN = re.compile(r"\S+")
_DELIMITERS = (",", "\t", ";", "|")


def analyse(raw: bytes, *, media_type: str | None = None, max_bytes: int | None = None) -> Analysis:
    """Decode, repair and structure one article. Raises InputError for what is not an article.

    `media_type` "text/html" forces the web-page path; otherwise a page is recognised by its start.
    """
    if max_bytes is not None and len(raw) > max_bytes:
        raise InputError(f"too large: {_size(len(raw))}, the limit is {_size(max_bytes)} (INGEST_MAX_BYTES)")
    if not raw:
        raise InputError("empty file")
    if media_type == "text/html" or (media_type is None and looks_like_html(raw)):
        decoded = _decode_page(raw)
    else:
        decoded = decode(raw)
    if not decoded.text.strip():
        raise InputError("only whitespace, no text")
    structure = find_structure(decoded.text)
    reason = not_an_article(decoded.text, structure)
    if reason:
        raise InputError(f"not an article: {reason}")
    analysis = Analysis(decoded=decoded, structure=structure)
    if structure.headline:
        # A title is one line, whatever the headline's span holds (a wrapped headline, stray breaks).
        analysis.title = " ".join(structure.headline.of(decoded.text).split())
    page_date = _iso_date(decoded.metadata.get("published", ""))
    if page_date:
        analysis.published, analysis.published_source = page_date, "metadata"
        analysis.published_text = decoded.metadata["published"]
    elif structure.published:
        analysis.published, analysis.published_source = structure.published, structure.published_source
        analysis.published_text = structure.published_text
    return analysis


def _decode_page(raw: bytes) -> Decoded:
    charset = declared_charset(raw)
    html = None
    if charset and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            html, encoding, first = raw.decode(charset), charset, []
        except UnicodeDecodeError:
            html = None
    if html is None:
        html, encoding, first = decode_bytes(raw)
    text, metadata = extract_page(html)
    text, repairs = repair_text(text, first)
    return Decoded(text=text, encoding=encoding, repairs=repairs, media_type="text/html", metadata=metadata)


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n:,} bytes"


def not_an_article(text: str, structure: Structure) -> str:
    """Why `text` is not a news article (a table, a list of dates, numbers), or '' if it reads as one."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) >= 3:
        for delimiter in _DELIMITERS:
            counts = [line.count(delimiter) for line in lines[:500]]
            common = max(set(counts), key=counts.count)
            if common >= 2 and counts.count(common) >= 0.8 * len(counts):
                ended = sum(1 for line in lines[:500] if line.rstrip()[-1:] in '.!?”"')
                if ended < 0.3 * len(counts):
                    name = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}[delimiter]
                    return f"it looks like a table ({name}-separated values), not prose"
    prose = 0
    prose_sentences = 0
    for sentence in structure.sentences:
        tokens = _TOKEN.findall(sentence.text)
        words = sum(1 for token in tokens if _WORD.search(token))
        if len(tokens) >= 5 and words >= 0.6 * len(tokens):
            prose += len(sentence.text)
            prose_sentences += 1
    parts = [structure.headline, structure.byline, *structure.captions, *structure.bullets, *structure.trailers]
    prose += sum(span.end - span.start for span in parts if span)
    visible = len("".join(text.split())) or 1
    if prose_sentences == 0:
        if len(structure.meta) > max(3, 0.5 * len(lines)):
            return "it is a list of dates, not prose"
        return "no sentences of prose found"
    if prose < 0.3 * visible:
        if len(structure.meta) > 0.5 * len(lines):
            return "it is mostly a list of dates, not prose"
        return f"only {100 * prose // visible}% of it reads as prose (a list, a table or numbers?)"
    return ""
