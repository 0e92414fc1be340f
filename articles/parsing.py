"""Where an ingested article becomes timeline rows (actors, events, evidence).

`parse_article` is called by `articles.ingest.ingest_bytes` for every article it stores or
updates, right after the article row is saved and inside the same transaction (a savepoint of
its own: if it raises, its rows are rolled back and the article is kept with status "failed"
and the error). `analysis` holds the repaired text's structure (sentences with offsets, captions
to ignore, the publication date); `article.published_on` may be None (status needs_date).

The extraction of actors and events (issue 5) plugs in here; until then it does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.extraction.types import Analysis
    from articles.models import Article


def parse_article(article: Article, analysis: Analysis) -> None:
    """Extract actors and events from `analysis` into the timeline, linked to `article`. No-op for now."""
    return None
