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
from articles.extraction.lexicon import Lexicon, base_lexicon, norm_key

if TYPE_CHECKING:
    from articles.extraction.types import Analysis
    from articles.models import Article
    from timeline.saving import ParseReport

PARSER_VERSION = "events-1"


def parse_article(article: Article, analysis: Analysis | None = None) -> ParseReport:
    """Extract actors and events of `article` into the timeline; returns what was done."""
    from django.utils import timezone

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
    lexicon = current_lexicon()
    extraction = extract(analysis.text, analysis.structure, article.published_on, lexicon)
    report = save_extraction(article, extraction, actor_index=_cache["index"], actor_rows=_cache["rows"])
    if article.status != Article.Status.PARSED or article.error:
        article.status, article.error, article.updated_at = Article.Status.PARSED, "", timezone.now()
        Article.objects.filter(pk=article.pk).update(
            status=article.status, error=article.error, updated_at=article.updated_at
        )
    return report


_cache: dict = {"key": None, "lexicon": None, "index": None, "rows": None}


def current_lexicon() -> Lexicon:
    """The shipped lexicon extended with curators' entries and the database's actors.

    Cached per process, keyed by what would change it (counts and latest edits of both tables),
    so a rolled-back preview never leaves its rows in the cache.
    """
    from articles.models import GazetteerEntry
    from timeline.models import Actor, Event

    key = _fingerprint(Actor, GazetteerEntry)
    if _cache["key"] == key:
        return _cache["lexicon"]
    extra: list[tuple[str, str, str, str]] = []
    kinds = set(Event.Kind.values)
    entries = GazetteerEntry.objects.order_by().values_list("kind", "name", "canonical", "state")
    for kind, name, canonical, state in entries:
        if kind != GazetteerEntry.Kind.TRIGGER or canonical in kinds:  # a trigger must give a known kind
            extra.append((kind, name, canonical, state))
    fields = ["name", "slug", "kind", "role", "aliases", "state_id", "merged_into_id"]
    rows = list(Actor.objects.order_by().values_list("pk", *fields))
    states = {pk: name for pk, name, _slug, kind, *_ in rows if kind == Actor.Kind.STATE}
    index: dict[tuple[str, str], int] = {}  # (normalised name or alias, kind) -> actor id
    by_pk = {row[0]: dict(zip(fields, row[1:], strict=True)) for row in rows}
    for pk, name, _slug, kind, _role, aliases, state_id, merged_into_id in rows:
        names = [name, *(a for a in aliases or [] if isinstance(a, str) and a.strip())]
        for n in names:
            index.setdefault((norm_key(n), kind), pk)
        if merged_into_id is None:
            state = states.get(state_id, "")
            extra.extend((kind, n, name, state) for n in names)
    lexicon = base_lexicon().extended(extra)
    _cache.update(key=key, lexicon=lexicon, index=index, rows=by_pk)
    return lexicon


def _fingerprint(*models) -> tuple:
    """Count, newest edit and highest id of each table, in one query (this runs for every article)."""
    from django.db import connection

    quote = connection.ops.quote_name
    parts = []
    for model in models:
        table, pk, updated = (quote(model._meta.db_table), quote(model._meta.pk.column), quote("updated_at"))
        count, newest, top = (f"COUNT(*) FROM {table}", f"MAX({updated}) FROM {table}", f"MAX({pk}) FROM {table}")
        parts.append(f"(SELECT {count}), (SELECT {newest}), (SELECT {top})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # table and column names come from the models
        return tuple(cursor.fetchone())
