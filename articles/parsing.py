"""Where an ingested article becomes timeline rows (actors, events, evidence).

`parse_article(article, analysis=None)` is called by `articles.ingest.ingest_bytes` for every
article it stores or updates, inside the same transaction (a savepoint of its own: if it raises,
its rows are rolled back and the article is kept with status "failed" and the error). The
curators' "Parse into timeline" action calls it too, and its preview calls it inside a
transaction that is rolled back: it depends only on the article and the database, and writes
nothing but rows.

The text side (no database) is `articles.extraction.extract.extract`: dates, actors and events of
the news sentences. The lexicon it reads is the shipped word lists plus the curators' gazetteer
entries and every actor already in the database with its aliases. `timeline.saving` writes the
result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.extraction.extract import extract
from articles.extraction.lexicon import Lexicon, base_lexicon

if TYPE_CHECKING:
    from articles.extraction.types import Analysis
    from articles.models import Article
    from timeline.saving import ParseReport

PARSER_VERSION = "events-1"


def parse_article(article: Article, analysis: Analysis | None = None) -> ParseReport:
    """Extract actors and events of `article` into the timeline; returns what was done."""
    from articles.ingest import analysis_of
    from articles.models import Article
    from timeline.saving import ParseReport, save_extraction

    if analysis is None:
        analysis = analysis_of(article)
    if article.published_on is None:
        return ParseReport(
            article_id=article.pk,
            note="no publication date: relative dates cannot be read, so nothing was extracted",
        )
    extraction = extract(analysis.text, analysis.structure, article.published_on, current_lexicon())
    report = save_extraction(article, extraction)
    if article.status != Article.Status.PARSED:
        article.status = Article.Status.PARSED
        article.error = ""
        article.save(update_fields=["status", "error", "updated_at"])
    return report


_cache: dict = {"key": None, "lexicon": None}


def current_lexicon() -> Lexicon:
    """The shipped lexicon extended with curators' entries and the database's actors.

    Cached per process, keyed by what would change it (counts and latest edits of both tables),
    so a rolled-back preview never leaves its rows in the cache.
    """
    from django.db.models import Count, Max

    from articles.models import GazetteerEntry
    from timeline.models import Actor

    actors = Actor.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    entries = GazetteerEntry.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    key = (tuple(actors.values()), tuple(entries.values()))
    if _cache["key"] == key:
        return _cache["lexicon"]
    extra: list[tuple[str, str, str, str]] = []
    for kind, name, canonical, state in GazetteerEntry.objects.values_list("kind", "name", "canonical", "state"):
        extra.append((kind, name, canonical, state))
    states = dict(Actor.objects.filter(kind=Actor.Kind.STATE).values_list("pk", "name"))
    for name, kind, aliases, state_id in Actor.objects.active().values_list("name", "kind", "aliases", "state_id"):
        state = states.get(state_id, "")
        extra.append((kind, name, name, state))
        for alias in aliases or []:
            if isinstance(alias, str) and alias.strip():
                extra.append((kind, alias, name, state))
    lexicon = base_lexicon().extended(extra)
    _cache["key"], _cache["lexicon"] = key, lexicon
    return lexicon
