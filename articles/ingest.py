"""Turn received bytes into an Article row: the one upsert every entry point uses.

`ingest_bytes(raw, ...)` analyses the bytes (no database), then, in one transaction per article:
- the same repaired text as an article already stored: "unchanged" (blank fields such as a
  missing publication date are filled in, which makes it "updated");
- a known URL with new text: that article is "updated" (what a curator set is kept);
- otherwise a new article: "created", or "needs_date" when no publication date is known.
Input that is not an article is "failed" with a one-line reason and writes nothing.

The publication date comes from the caller (a command-line flag or a folder's manifest), else
from the file (an HTML page's metadata, a "Published ..." line, a full date in the dateline);
nothing relative is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from articles.extraction.errors import InputError
from articles.extraction.pipeline import PIPELINE_VERSION, analyse
from articles.extraction.types import Analysis, Structure
from articles.models import Article, content_hash
from articles.parsing import parse_article

log = logging.getLogger(__name__)

CREATED = "created"
UNCHANGED = "unchanged"
UPDATED = "updated"
NEEDS_DATE = "needs_date"
FAILED = "failed"
OUTCOMES = (CREATED, UNCHANGED, UPDATED, NEEDS_DATE, FAILED)

_url_validator = URLValidator(schemes=["http", "https"])


@dataclass
class Outcome:
    """What happened to one input: a status from OUTCOMES and a one-line reason for people."""

    status: str
    reason: str
    name: str = ""
    article_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != FAILED


def ingest_bytes(
    raw: bytes,
    *,
    name: str = "",
    outlet: str = "",
    credit: str = "",
    url: str = "",
    published: dt.date | None = None,
    published_source: str = Article.DateSource.FLAG,
    title: str = "",
    media_type: str | None = None,
    parse: bool = True,
) -> Outcome:
    """Store one article (or recognise it), in its own transaction. Never raises for bad input.

    `parse=False` stores the article without extracting its events (the admin's import: the curator
    then previews the parse and confirms it).
    """
    url = (url or "").strip()
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            return Outcome(FAILED, f"not a web address (http or https): {url[:200]!r}", name)
    try:
        analysis = analyse(raw, media_type=media_type, max_bytes=settings.INGEST_MAX_BYTES)
    except InputError as error:
        return Outcome(FAILED, str(error), name)
    except Exception as error:  # a bug in the pipeline must not stop a run of many files
        log.exception("could not analyse %s", name or "input")
        return Outcome(FAILED, f"could not read the text ({type(error).__name__}: {_one_line(error)})", name)
    given = _Given(outlet.strip(), credit.strip(), url, published, published_source, title.strip(), parse)
    for attempt in range(2):
        try:
            with transaction.atomic():
                outcome = _upsert(raw, name, analysis, given)
        except IntegrityError as error:
            # Another process stored the same text or URL between our look-up and our write: look again.
            if attempt:
                return Outcome(FAILED, f"could not be stored: {_one_line(error)}", name)
            continue
        outcome.name = name
        return outcome
    raise AssertionError("unreachable")


@dataclass
class _Given:
    outlet: str
    credit: str
    url: str
    published: dt.date | None
    published_source: str
    title: str
    parse: bool = True


def _upsert(raw: bytes, name: str, analysis: Analysis, given: _Given) -> Outcome:
    body = analysis.text
    digest = content_hash(body)
    same_text = (
        Article.objects.select_for_update().filter(content_hash=digest).first()
        # A curator may have corrected the stored text since: the text as first ingested still counts.
        or Article.objects.select_for_update().filter(metadata__source_hash=digest).first()
    )
    if same_text:
        return _fill_in(same_text, analysis, given)
    page_url = given.url or _page_url(analysis)
    same_url = Article.objects.select_for_update().filter(url=page_url).first() if page_url else None
    article = same_url or Article()
    old_title = (article.metadata or {}).get("title", "") if same_url else ""
    article.body = body
    article.raw = raw
    article.source_name = name[:500]
    article.content_type = analysis.decoded.media_type
    article.repairs = [
        {"offset": r.offset, "before": r.before, "after": r.after, "kind": r.kind} for r in analysis.decoded.repairs
    ]
    article.structure = structure_to_json(analysis.structure)
    article.metadata = _metadata(analysis, digest)
    article.dateline = analysis.structure.dateline_place[:200]
    article.parser_version = PIPELINE_VERSION
    article.error = ""
    new_title = " ".join((given.title or analysis.title or name).split())[:500]
    if not same_url or not article.title or article.title == old_title:
        article.title = new_title  # a title a curator wrote is kept
    article.metadata["title"] = new_title
    article.outlet = given.outlet or article.outlet or analysis.decoded.metadata.get("site_name", "")[:200]
    article.credit = given.credit or article.credit or analysis.structure.credit[:200]
    article.url = page_url or article.url
    date, source = _publication_date(analysis, given)
    if article.published_source != Article.DateSource.CURATOR and date:
        article.published_on, article.published_source = date, source
    article.status = Article.Status.NEW if article.published_on else Article.Status.NEEDS_DATE
    article.save()
    failure = _parse(article, analysis) if given.parse else None
    if failure:
        return failure
    if same_url:
        return Outcome(UPDATED, f"new text for the URL of article {article.pk}{_about(article)}", "", article.pk)
    if not article.published_on:
        return Outcome(
            NEEDS_DATE,
            f"article {article.pk}{_about(article)}: no publication date found; give one with --published, "
            "the folder's manifest.json or the admin",
            "",
            article.pk,
        )
    return Outcome(CREATED, f"article {article.pk}{_about(article)}", "", article.pk)


def _fill_in(article: Article, analysis: Analysis, given: _Given) -> Outcome:
    """The same text again: fill in what the article lacks, never overwrite what it has."""
    added = []
    date, source = _publication_date(analysis, given)
    if date and not article.published_on:
        article.published_on, article.published_source = date, source
        added.append(f"publication date {date.isoformat()}")
    for attribute, value in (("outlet", given.outlet), ("credit", given.credit), ("title", given.title)):
        if value and not getattr(article, attribute):
            setattr(article, attribute, value[:500])
            added.append(attribute)
    if given.url and not article.url and not Article.objects.filter(url=given.url).exists():
        article.url = given.url
        added.append("URL")
    if not added and article.status != Article.Status.FAILED:
        return Outcome(UNCHANGED, f"same text as article {article.pk}", "", article.pk)
    if article.status in (Article.Status.NEEDS_DATE, Article.Status.FAILED) and article.published_on:
        article.status = Article.Status.NEW
    article.error = ""
    article.save()
    failure = _parse(article, analysis) if given.parse else None
    if failure:
        return failure
    what = f"added {', '.join(added)} to" if added else "parsed again"
    return Outcome(UPDATED, f"same text as article {article.pk}: {what} it", "", article.pk)


def _parse(article: Article, analysis: Analysis) -> Outcome | None:
    """Run the timeline extraction in a savepoint; a failure keeps the article, marked failed."""
    try:
        with transaction.atomic():
            parse_article(article, analysis)
    except Exception as error:
        log.exception("parsing article %s failed", article.pk)
        reason = f"parsing failed ({type(error).__name__}: {_one_line(error)})"
        article.status = Article.Status.FAILED
        article.error = reason
        article.save(update_fields=["status", "error", "updated_at"])
        return Outcome(FAILED, f"article {article.pk} stored, but {reason}", "", article.pk)
    return None


def _publication_date(analysis: Analysis, given: _Given) -> tuple[dt.date | None, str]:
    if given.published:
        return given.published, given.published_source
    if analysis.published:
        return analysis.published, analysis.published_source
    return None, Article.DateSource.NONE


def _page_url(analysis: Analysis) -> str:
    url = analysis.decoded.metadata.get("url", "")
    try:
        _url_validator(url)
    except ValidationError:
        return ""
    return url[:2000]


def _metadata(analysis: Analysis, digest: str) -> dict:
    data = {"encoding": analysis.decoded.encoding, "source_hash": digest}
    if analysis.decoded.metadata:
        data["page"] = analysis.decoded.metadata
    if analysis.published_text:
        data["published_text"] = analysis.published_text
    return data


def structure_to_json(structure: Structure) -> dict:
    """The parts of the text as [start, end] offsets into Article.body; sentences as [start, end, paragraph]."""

    def span(value):
        return [value.start, value.end] if value else None

    return {
        "headline": span(structure.headline),
        "captions": [span(s) for s in structure.captions],
        "bullets": [span(s) for s in structure.bullets],
        "byline": span(structure.byline),
        "dateline": span(structure.dateline),
        "dateline_place": structure.dateline_place,
        "dateline_date": structure.dateline_date,
        "credit": structure.credit,
        "trailers": [span(s) for s in structure.trailers],
        "meta": [span(s) for s in structure.meta],
        "paragraphs": [span(s) for s in structure.paragraphs],
        "sentences": [[s.start, s.end, s.paragraph] for s in structure.sentences],
    }


def _about(article: Article) -> str:
    title = article.title if len(article.title) <= 60 else article.title[:59] + "…"
    date = (
        f"published {article.published_on.isoformat()} ({article.get_published_source_display().lower()})"
        if article.published_on
        else "no publication date"
    )
    count = len(article.repairs)
    repairs = f", {count} repair{'s' if count != 1 else ''}" if count else ""
    return f" “{title}”, {date}{repairs}"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


def analysis_of(article: Article) -> Analysis:
    """The text side of an article already stored: its body (repaired, perhaps corrected by a
    curator) read again into parts and sentences, without decoding the raw bytes."""
    from articles.extraction.structure import find_structure
    from articles.extraction.types import Decoded

    decoded = Decoded(text=article.body, encoding="utf-8", media_type=article.content_type or "text/plain")
    return Analysis(decoded=decoded, structure=find_structure(article.body), title=article.title)
